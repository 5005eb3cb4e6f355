//! The "Audit secret" panel: looks for an HS256/384/512 token's secret in a wordlist (the built-in JWT secrets,
//! Django's 20 000 common passwords, and any pasted list) in Web Workers, so the page never blocks.
//!
//! Each worker (`audit-worker.js`, written by `scripts/trunk-post-build.mjs`) instantiates this app's own wasm
//! from the page's compiled module and serves [`super::worker`]'s exports. The page keeps the candidates, hands
//! out chunks of [`CHUNK`] lines ([`IN_FLIGHT`] per worker at a time) and counts the answers; Cancel (and
//! a result) terminates the workers. Django's list is a separate module (`wordlist.js`) imported only when an
//! audit starts. Nothing is stored or sent: the workers come from the page's own origin and the CSP still
//! forbids every connection.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

use super::audit_plan::{
    format_count, format_duration, lines, masked, rate, time_left, worker_count, Plan, Source,
    CHUNK, IN_FLIGHT,
};
use super::copy_button::CopyButton;
use super::state::{Action, State};
use crate::audit::Audit;
use crate::KeyFormat;

#[wasm_bindgen]
extern "C" {
    /// Set by boot.js: imports `wordlist.js` (Django's list) and calls `done` with its text, or with `null`.
    #[wasm_bindgen(js_name = jwtInspectorWordlist, catch)]
    fn load_wordlist(done: &js_sys::Function) -> Result<(), JsValue>;
}

/// The worker script, beside index.html.
const WORKER_URL: &str = "./audit-worker.js";
/// How often the progress line is redrawn while workers answer.
const PAINT_MS: f64 = 100.0;
/// A pasted list longer than this (in bytes) leaves the text field for the panel's state: megabytes of text in
/// a textarea make every later layout and paint of the page slow (tens of milliseconds per keystroke).
const BIG_PASTE: usize = 64 * 1024;

/// How an audit ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The secret.
    Found(Rc<str>),
    /// No candidate is the secret.
    NotFound,
    /// Stopped by Cancel.
    Cancelled,
    /// The workers could not run.
    Failed(String),
}

impl Outcome {
    fn as_str(&self) -> &'static str {
        match self {
            Outcome::Found(_) => "found",
            Outcome::NotFound => "not-found",
            Outcome::Cancelled => "cancelled",
            Outcome::Failed(_) => "failed",
        }
    }
}

/// What the panel shows of the current (or last) audit.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    /// Started and not finished (loading the list or running).
    running: bool,
    tried: usize,
    total: usize,
    /// Guesses per second.
    rate: f64,
    workers: usize,
    /// The token audited.
    token: Rc<str>,
    outcome: Option<Outcome>,
}

/// The audit in progress: its workers, their message handlers (kept alive), the candidates and the count.
struct Run {
    id: u32,
    active: bool,
    workers: Vec<Worker>,
    handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
    errors: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    plan: Plan,
    started_ms: f64,
    painted_ms: f64,
    shown: Shown,
    set: UseStateSetter<Shown>,
}

impl Run {
    fn stop(&mut self, outcome: Outcome) {
        for w in &self.workers {
            w.terminate();
        }
        self.active = false;
        self.paint(Some(outcome));
    }

    fn paint(&mut self, outcome: Option<Outcome>) {
        let now = js_sys::Date::now();
        self.painted_ms = now;
        self.shown.tried = self.plan.tried;
        self.shown.total = self.plan.total();
        self.shown.rate = rate(self.plan.tried, now - self.started_ms);
        self.shown.workers = self.workers.len();
        if outcome.is_some() {
            self.shown.running = false;
            self.shown.outcome = outcome;
        }
        self.set.set(self.shown.clone());
    }

    /// Sends worker `w` its next chunk, if any is left.
    fn feed(&mut self, w: usize) -> Result<(), JsValue> {
        if let Some((id, text, _)) = self.plan.next_chunk() {
            let msg = js_sys::Object::new();
            js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id as u32))?;
            js_sys::Reflect::set(&msg, &"text".into(), &JsValue::from_str(text))?;
            self.workers[w].post_message(&msg)?;
        }
        Ok(())
    }

    /// A worker's answer: `{id, found}` (found: a line index or -1) or `{error}`.
    fn answer(&mut self, w: usize, data: &JsValue) {
        if !self.active {
            return;
        }
        let get = |k: &str| js_sys::Reflect::get(data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(e) = get("error").as_string() {
            return self.stop(Outcome::Failed(e));
        }
        let (Some(id), Some(found)) = (get("id").as_f64(), get("found").as_f64()) else {
            return self.stop(Outcome::Failed("unexpected message from a worker".into()));
        };
        let id = id as usize;
        if found >= 0.0 {
            self.plan.tried += found as usize + 1;
            let secret = self.plan.candidate(id, found as usize).unwrap_or_default();
            return self.stop(Outcome::Found(secret.into()));
        }
        self.plan.answered(id);
        if self.plan.finished() {
            return self.stop(Outcome::NotFound);
        }
        if let Err(e) = self.feed(w) {
            return self.stop(Outcome::Failed(format!("{e:?}")));
        }
        if js_sys::Date::now() - self.painted_ms >= PAINT_MS {
            self.paint(None);
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        for w in &self.workers {
            w.terminate();
        }
    }
}

type Slot = Rc<RefCell<Option<Run>>>;

/// Starts the workers for `run` (the list is loaded): candidates are the built-in JWT secrets, Django's list and
/// the pasted ones, in that order.
fn launch(slot: &Slot, id: u32, django: String, kept: Option<Source>, typed: String) {
    let mut guard = slot.borrow_mut();
    let Some(run) = guard.as_mut().filter(|r| r.id == id && r.active) else {
        return; // cancelled (or restarted) while the list loaded
    };
    let mut sources = vec![
        Source::new(crate::jwt_wordlist().join("\n").into()),
        Source::new(django.into()),
    ];
    sources.extend(kept);
    sources.push(Source::new(typed.into()));
    run.plan = Plan::new(sources, CHUNK);
    run.started_ms = js_sys::Date::now();
    if run.plan.total() == 0 {
        return run.stop(Outcome::NotFound);
    }
    let n = worker_count(
        web_sys::window()
            .map(|w| w.navigator().hardware_concurrency())
            .unwrap_or(1.0),
    )
    .min(run.plan.total().div_ceil(CHUNK));
    let init = js_sys::Object::new();
    let ok =
        js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module()).and_then(|_| {
            js_sys::Reflect::set(&init, &"token".into(), &JsValue::from_str(&run.shown.token))
        });
    if let Err(e) = ok {
        return run.stop(Outcome::Failed(format!("{e:?}")));
    }
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    opts.set_name("jwt-inspector audit");
    for w in 0..n {
        let worker = match Worker::new_with_options(WORKER_URL, &opts) {
            Ok(worker) => worker,
            Err(e) => return run.stop(Outcome::Failed(format!("{e:?}"))),
        };
        let s = slot.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(run) = s.borrow_mut().as_mut().filter(|r| r.id == id) {
                run.answer(w, &e.data());
            }
        });
        let s = slot.clone();
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            if let Some(run) = s.borrow_mut().as_mut().filter(|r| r.id == id && r.active) {
                run.stop(Outcome::Failed("a worker could not start".into()));
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        if let Err(e) = worker.post_message(&init) {
            return run.stop(Outcome::Failed(format!("{e:?}")));
        }
        run.workers.push(worker);
        run.handlers.push(onmessage);
        run.errors.push(onerror);
    }
    for w in 0..n {
        for _ in 0..IN_FLIGHT {
            if let Err(e) = run.feed(w) {
                return run.stop(Outcome::Failed(format!("{e:?}")));
            }
        }
    }
    run.paint(None);
}

/// Props of [`AuditPane`].
#[derive(Properties, PartialEq)]
pub struct AuditPaneProps {
    /// The token in the editor.
    pub token: Rc<str>,
    /// Where "use as key" goes.
    pub dispatch: UseReducerDispatcher<State>,
}

/// The panel.
#[component]
pub fn AuditPane(props: &AuditPaneProps) -> Html {
    let shown = use_state(Shown::default);
    let slot: Slot = use_mut_ref(|| None);
    let next_id = use_mut_ref(|| 0u32);
    let words_ref = use_node_ref();
    let reveal = use_state(|| false);
    // A large pasted list, out of the DOM, with its number of candidates.
    let kept = use_state(|| None::<(Rc<str>, usize)>);
    // Why this token cannot be audited, if it cannot.
    let why_not = use_memo(props.token.clone(), |t| {
        if t.trim().is_empty() {
            Some("Paste an HS256, HS384 or HS512 token to look for its secret.".to_owned())
        } else {
            Audit::new(t).err().map(|e| {
                format!(
                    "Not for this token: {} The audit applies to HS256, HS384 and HS512 tokens only.",
                    super::state::messages::without_offsets(&e.message)
                )
            })
        }
    });
    // Workers do not outlive the panel.
    {
        let slot = slot.clone();
        use_effect_with((), move |_| move || drop(slot.borrow_mut().take()));
    }
    let running = shown.running;
    let start = {
        let (slot, shown, next_id, words_ref, reveal, kept) = (
            slot.clone(),
            shown.clone(),
            next_id.clone(),
            words_ref.clone(),
            reveal.clone(),
            kept.clone(),
        );
        let token = props.token.clone();
        let applicable = why_not.is_none();
        Callback::from(move |_: MouseEvent| {
            if !applicable || slot.borrow().as_ref().is_some_and(|r| r.active) {
                return;
            }
            let id = {
                let mut n = next_id.borrow_mut();
                *n = n.wrapping_add(1);
                *n
            };
            reveal.set(false);
            let first = Shown {
                running: true,
                token: token.clone(),
                ..Shown::default()
            };
            // Replacing the previous run terminates its workers (they are idle: it ended).
            *slot.borrow_mut() = Some(Run {
                id,
                active: true,
                workers: Vec::new(),
                handlers: Vec::new(),
                errors: Vec::new(),
                plan: Plan::default(),
                started_ms: js_sys::Date::now(),
                painted_ms: 0.0,
                shown: first.clone(),
                set: shown.setter(),
            });
            shown.set(first);
            let typed = words_ref
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            let kept = kept
                .as_ref()
                .map(|(list, n)| Source::counted(list.clone(), *n));
            let s = slot.clone();
            let done = Closure::once_into_js(move |text: JsValue| match text.as_string() {
                Some(django) => launch(&s, id, django, kept, typed),
                None => {
                    if let Some(run) = s.borrow_mut().as_mut().filter(|r| r.id == id && r.active) {
                        run.stop(Outcome::Failed(
                            "the built-in wordlist could not be loaded".into(),
                        ));
                    }
                }
            });
            if load_wordlist(done.unchecked_ref()).is_err() {
                if let Some(run) = slot.borrow_mut().as_mut() {
                    run.stop(Outcome::Failed(
                        "the built-in wordlist is not available".into(),
                    ));
                }
            }
        })
    };
    let cancel = {
        let slot = slot.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(run) = slot.borrow_mut().as_mut().filter(|r| r.active) {
                run.stop(Outcome::Cancelled);
            }
        })
    };

    let progress = (running || shown.outcome.is_some()).then(|| {
        let left = if running {
            time_left(shown.tried, shown.total, shown.rate)
                .map_or_else(|| "estimating".to_owned(), format_duration)
        } else {
            "0 s".to_owned()
        };
        let rate_text = if shown.rate > 0.0 {
            format!("{}/s", format_count(shown.rate.round() as usize))
        } else {
            "—".to_owned()
        };
        let total = if shown.total == 0 && running {
            "…".to_owned()
        } else {
            format_count(shown.total)
        };
        html! {
            <div class="audit-progress" data-testid="audit-progress"
                data-tried={shown.tried.to_string()} data-total={shown.total.to_string()}
                data-rate={format!("{:.0}", shown.rate)} data-workers={shown.workers.to_string()}>
                <progress max={shown.total.max(1).to_string()} value={shown.tried.to_string()}
                    aria-label="Candidates tried"></progress>
                <span>{ format!("{} / {} tried", format_count(shown.tried), total) }</span>
                <span>{ format!("{rate_text} guesses per second") }</span>
                <span>{ format!("{left} left") }</span>
                if shown.workers > 0 {
                    <span>{ format!("{} worker{}", shown.workers, if shown.workers == 1 { "" } else { "s" }) }</span>
                }
            </div>
        }
    });

    let stale = shown.outcome.is_some() && *shown.token != *props.token;
    let result = shown.outcome.as_ref().map(|o| {
        let body = match o {
            Outcome::Found(secret) => {
                let secret = secret.clone();
                let toggle = {
                    let reveal = reveal.clone();
                    Callback::from(move |_: MouseEvent| reveal.set(!*reveal))
                };
                let copy = {
                    let s = secret.clone();
                    Callback::from(move |()| s.to_string())
                };
                let use_key = {
                    let (d, s) = (props.dispatch.clone(), secret.clone());
                    Callback::from(move |_: MouseEvent| {
                        d.dispatch(Action::SetKeyFormat(KeyFormat::Utf8));
                        d.dispatch(Action::SetKey(s.to_string()));
                    })
                };
                html! {
                    <>
                        <p><strong>{ "Secret found." }</strong>{ format!(
                            " After {} guesses: anyone with this token can forge others. Use a random secret of at least 32 bytes.",
                            format_count(shown.tried)) }</p>
                        <div class="audit-secret">
                            <code data-testid="audit-secret" aria-label={if *reveal { "Secret" } else { "Secret (hidden)" }}>
                                { if *reveal { secret.to_string() } else { masked(&secret) } }
                            </code>
                            <button type="button" class="toggle" onclick={toggle} data-testid="audit-show"
                                aria-pressed={if *reveal { "true" } else { "false" }}>
                                { if *reveal { "Hide" } else { "Show" } }
                            </button>
                            <CopyButton text={copy} label="Copy the secret" testid="audit-copy" />
                            <button type="button" onclick={use_key} data-testid="audit-use-key">{ "Use as key" }</button>
                        </div>
                    </>
                }
            }
            Outcome::NotFound => html! {
                <p><strong>{ "Not found." }</strong>{ format!(
                    " None of the {} candidates is the secret. That only rules out these words: a strong secret is random and at least 32 bytes.",
                    format_count(shown.total)) }</p>
            },
            Outcome::Cancelled => html! {
                <p><strong>{ "Cancelled." }</strong>{ format!(" {} of {} candidates tried.",
                    format_count(shown.tried), format_count(shown.total)) }</p>
            },
            Outcome::Failed(e) => html! {
                <p><strong>{ "The audit could not run: " }</strong>{ e.as_str() }</p>
            },
        };
        html! {
            <div class={classes!("audit-result", o.as_str())} data-testid="audit-result" data-outcome={o.as_str()}>
                { body }
                if stale {
                    <p class="note">{ "This result is for the token as it was when the audit started." }</p>
                }
            </div>
        }
    });

    let on_words = {
        let kept = kept.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let value = ta.value();
            if value.len() > BIG_PASTE {
                let all: String = match kept.as_ref() {
                    Some((list, _)) => format!("{list}\n{value}"),
                    None => value,
                };
                ta.set_value("");
                let n = lines(&all).count();
                kept.set(Some((all.into(), n)));
            }
        })
    };
    let kept_note = kept.as_ref().map(|(_, n)| {
        let clear = {
            let kept = kept.clone();
            Callback::from(move |_: MouseEvent| kept.set(None))
        };
        html! {
            <p class="note" data-testid="audit-list" data-count={n.to_string()}>
                { format!("Your pasted list: {} candidates, kept in this page only. ", format_count(*n)) }
                <button type="button" class="link" onclick={clear} data-testid="audit-list-clear">{ "Clear it" }</button>
            </p>
        }
    });
    let can_start = why_not.is_none() && !running;
    html! {
        <section class="card audit-card" data-testid="audit" aria-labelledby="audit-title"
            data-applicable={if why_not.is_none() { "true" } else { "false" }}>
            <div class="card-head">
                <h2 id="audit-title">{ "Audit secret" }</h2>
                <span class="meta">{ "wordlist, in this page" }</span>
            </div>
            <p class="note" id="audit-help">
                { "Looks for the HMAC secret among 39 published JWT secrets, Django's 20 000 common passwords and your own list, in Web Workers in this page: nothing is stored or sent." }
            </p>
            // Always one child here (Yew matches unkeyed children from the end: see signature_pane.rs).
            <div class="audit-why">
                if let Some(why) = why_not.as_ref() {
                    <p class="note" data-testid="audit-not-applicable">{ why.as_str() }</p>
                }
            </div>
            <label for="audit-words">{ "Your own candidates (optional, one per line)" }</label>
            <textarea id="audit-words" data-testid="audit-words" class="audit-words" wrap="off" ref={words_ref}
                rows="3" spellcheck="false" autocomplete="off" autocapitalize="off" oninput={on_words} />
            <div class="audit-list-slot">{ kept_note.unwrap_or_default() }</div>
            <div class="audit-actions">
                <button type="button" data-testid="audit-start" onclick={start}
                    aria-disabled={if can_start { "false" } else { "true" }} aria-describedby="audit-help">
                    { "Start" }
                </button>
                <button type="button" data-testid="audit-cancel" onclick={cancel}
                    aria-disabled={if running { "false" } else { "true" }}>
                    { "Cancel" }
                </button>
            </div>
            <div class="audit-progress-slot">{ progress.unwrap_or_default() }</div>
            <div class="audit-result-slot" role="status" aria-live="polite" aria-atomic="true">
                { result.unwrap_or_default() }
            </div>
        </section>
    }
}
