//! The "Audit secret" panel: looks for an HS256/384/512 token's secret in Web Workers, so the page never blocks:
//! in the wordlists (the built-in JWT secrets, Django's 20 000 common passwords, any pasted list and a file of
//! the user's, read in slices as it is tried), optionally with rules (case variants, common suffixes), or with
//! a brute-force mask (a charset and a maximum length; the workers generate index ranges themselves).
//!
//! Each worker (`audit-worker.js`, written by `scripts/trunk-post-build.mjs`) instantiates this app's own wasm
//! from the page's compiled module and serves [`super::worker`]'s exports. The page keeps the candidates, hands
//! out chunks of [`CHUNK`] lines ([`IN_FLIGHT`] per worker at a time) and counts the answers; Cancel (and
//! a result) terminates the workers. Django's list is a separate module (`wordlist.js`) imported only when an
//! audit starts. Nothing is stored or sent: the workers come from the page's own origin and the CSP still
//! forbids every connection.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, MessageEvent, Worker, WorkerOptions,
    WorkerType,
};
use yew::prelude::*;

use super::audit_plan::{
    format_bytes, format_count, format_duration, lines, masked, rate, time_left, whole_lines,
    worker_count, Chunk, Plan, Source, CHUNK, IN_FLIGHT,
};
use super::copy_button::CopyButton;
use super::state::{Action, State};
use crate::audit::Audit;
use crate::audit_gen::{Charset, Mask, Rules, MAX_MASK_LEN};
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
/// A file is read in slices of this many bytes, the next one when less than a slice is left to hand out: at
/// most about two slices of it are in memory, whatever its size.
const SLICE: f64 = 1024.0 * 1024.0;
/// Candidates in the built-in lists (the JWT secrets and Django's list), for the total shown before starting.
const DJANGO_WORDS: u64 = 20_000;

/// What an audit tries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// The wordlists (with the rules).
    Words,
    /// The brute-force mask.
    Mask,
}

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
    tried: u64,
    /// All candidates, or those known so far while a file is read.
    total: u64,
    /// A file being tried: bytes read and its size.
    file: Option<(f64, f64)>,
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
    /// Workers without a chunk in one of their slots, waiting for the file's next slice.
    waiting: Vec<usize>,
    file: Option<FileRead>,
    /// The slot this run lives in, for the file's read callbacks.
    me: Weak<RefCell<Option<Run>>>,
    started_ms: f64,
    painted_ms: f64,
    shown: Shown,
    set: UseStateSetter<Shown>,
}

/// The user's file, read in slices.
struct FileRead {
    file: web_sys::File,
    /// Bytes read.
    offset: f64,
    size: f64,
    /// The last, unfinished line of the slices read.
    carry: Vec<u8>,
    /// A slice is being read.
    reading: bool,
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
        self.shown.file = self.file.as_ref().map(|f| (f.offset, f.size));
        if outcome.is_some() {
            self.shown.running = false;
            self.shown.outcome = outcome;
        }
        self.set.set(self.shown.clone());
    }

    /// Sends worker `w` its next chunk, if any is left (or marks it waiting for the file), and reads more of the
    /// file if little of it is left to hand out.
    fn feed(&mut self, w: usize) -> Result<(), JsValue> {
        let msg = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&msg, &k.into(), &v).map(drop);
        let open = self.plan.is_open();
        match self.plan.next_chunk() {
            Some(Chunk::Words { id, text, rules }) => {
                set("id", JsValue::from(id as u32))?;
                set("text", JsValue::from_str(text))?;
                set("case", JsValue::from_bool(rules.case))?;
                set("suffix", JsValue::from_bool(rules.suffix))?;
                self.workers[w].post_message(&msg)?;
            }
            Some(Chunk::Range {
                id,
                mask,
                start,
                count,
            }) => {
                set("id", JsValue::from(id as u32))?;
                set("charset", JsValue::from_str(mask.charset.name()))?;
                set("len", JsValue::from(mask.max_len))?;
                set("start", JsValue::from_f64(start as f64))?;
                set("count", JsValue::from_f64(count as f64))?;
                self.workers[w].post_message(&msg)?;
            }
            None if open => self.waiting.push(w),
            None => {}
        }
        self.read_more()
    }

    /// Starts reading the file's next slice when less than a slice of text is left to hand out.
    fn read_more(&mut self) -> Result<(), JsValue> {
        let queued = self.plan.queued_bytes() as f64;
        let Some(f) = self.file.as_mut() else {
            return Ok(());
        };
        if f.reading || f.offset >= f.size || queued >= SLICE {
            return Ok(());
        }
        f.reading = true;
        let end = (f.offset + SLICE).min(f.size);
        let promise = f.file.slice_with_f64_and_f64(f.offset, end)?.array_buffer();
        let (me, id) = (self.me.clone(), self.id);
        let ok = Closure::once_into_js(move |buf: JsValue| {
            if let Some(slot) = me.upgrade() {
                if let Some(run) = slot
                    .borrow_mut()
                    .as_mut()
                    .filter(|r| r.id == id && r.active)
                {
                    run.slice_read(&js_sys::Uint8Array::new(&buf).to_vec(), end);
                }
            }
        });
        let me = self.me.clone();
        let err = Closure::once_into_js(move |_: JsValue| {
            if let Some(slot) = me.upgrade() {
                if let Some(run) = slot
                    .borrow_mut()
                    .as_mut()
                    .filter(|r| r.id == id && r.active)
                {
                    run.stop(Outcome::Failed("your file could not be read".into()));
                }
            }
        });
        // Promise.prototype.then called with the two one-shot functions (each frees itself when called).
        let then: js_sys::Function = js_sys::Reflect::get(&promise, &"then".into())?.dyn_into()?;
        then.call2(&promise, &ok, &err)?;
        Ok(())
    }

    /// A slice of the file, ending at byte `end`: its whole lines become candidates, the rest waits for the next.
    fn slice_read(&mut self, bytes: &[u8], end: f64) {
        let Some(f) = self.file.as_mut() else {
            return;
        };
        f.reading = false;
        f.offset = end;
        let last = f.offset >= f.size;
        if let Some(text) = whole_lines(&mut f.carry, bytes, last) {
            self.plan.push(Source::new(text.into()));
        }
        if last {
            self.plan.close();
        }
        for w in std::mem::take(&mut self.waiting) {
            if let Err(e) = self.feed(w) {
                return self.stop(Outcome::Failed(format!("{e:?}")));
            }
        }
        if self.plan.finished() {
            return self.stop(Outcome::NotFound);
        }
        if let Err(e) = self.read_more() {
            return self.stop(Outcome::Failed(format!("{e:?}")));
        }
        if js_sys::Date::now() - self.painted_ms >= PAINT_MS {
            self.paint(None);
        }
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
            self.plan.tried += found as u64 + 1;
            let secret = self.plan.candidate(id, found as u64).unwrap_or_default();
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

/// The wordlists' plan: the built-in JWT secrets, Django's list, the pasted ones (kept, then typed), in that
/// order, then the file's lines as they are read (the plan stays open for them).
fn word_plan(django: &str, kept: Option<Source>, typed: &str, rules: Rules, file: bool) -> Plan {
    let mut sources = vec![
        Source::new(crate::jwt_wordlist().join("\n").into()),
        Source::new(django.into()),
    ];
    sources.extend(kept);
    sources.push(Source::new(typed.into()));
    let mut plan = Plan::new(sources, CHUNK, rules);
    if file {
        plan.open();
    }
    plan
}

/// Starts the workers for `run` with `plan` (the lists are loaded), and the reading of `file` if any.
fn launch(slot: &Slot, id: u32, plan: Plan, file: Option<web_sys::File>) {
    let mut guard = slot.borrow_mut();
    let Some(run) = guard.as_mut().filter(|r| r.id == id && r.active) else {
        return; // cancelled (or restarted) while the list loaded
    };
    run.plan = plan;
    run.file = file.map(|file| FileRead {
        size: file.size(),
        file,
        offset: 0.0,
        carry: Vec::new(),
        reading: false,
    });
    run.started_ms = js_sys::Date::now();
    if run.plan.total() == 0 && !run.plan.is_open() {
        return run.stop(Outcome::NotFound);
    }
    let chunks = if run.plan.is_open() {
        u64::MAX
    } else {
        run.plan.total().div_ceil(CHUNK as u64)
    };
    let n = worker_count(
        web_sys::window()
            .map(|w| w.navigator().hardware_concurrency())
            .unwrap_or(1.0),
    )
    .min(usize::try_from(chunks).unwrap_or(usize::MAX));
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
    let file_ref = use_node_ref();
    let reveal = use_state(|| false);
    // A large pasted list, out of the DOM, with its number of candidates.
    let kept = use_state(|| None::<(Rc<str>, usize)>);
    // Candidates typed in the text field (counted as typed, for the total shown before starting).
    let typed_count = use_state(|| 0usize);
    // The user's wordlist file (read only when an audit runs).
    let file = use_state(|| None::<web_sys::File>);
    let mode = use_state(|| Mode::Words);
    let rules = use_state(Rules::default);
    let mask = use_state(|| Mask::new(Charset::Digits, 4));
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
        let (mode, rules, mask, file) = (*mode, *rules, *mask, (*file).clone());
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
                waiting: Vec::new(),
                file: None,
                me: Rc::downgrade(&slot),
                started_ms: js_sys::Date::now(),
                painted_ms: 0.0,
                shown: first.clone(),
                set: shown.setter(),
            });
            shown.set(first);
            if mode == Mode::Mask {
                return launch(&slot, id, Plan::mask(mask, CHUNK), None);
            }
            let file = file.clone().filter(|f| f.size() > 0.0);
            let typed = words_ref
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            let kept = kept
                .as_ref()
                .map(|(list, n)| Source::counted(list.clone(), *n));
            let s = slot.clone();
            let done = Closure::once_into_js(move |text: JsValue| match text.as_string() {
                Some(django) => {
                    let plan = word_plan(&django, kept, &typed, rules, file.is_some());
                    launch(&s, id, plan, file);
                }
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
        // A file still being read: the total so far, and how much of the file was read.
        let reading = shown
            .file
            .filter(|(read, size)| running && read < size)
            .map(|(read, size)| (read / size.max(1.0) * 100.0).floor());
        let left = if reading.is_some() {
            "unknown".to_owned()
        } else if running {
            time_left(shown.tried, shown.total, shown.rate)
                .map_or_else(|| "estimating".to_owned(), format_duration)
        } else {
            "0 s".to_owned()
        };
        let rate_text = if shown.rate > 0.0 {
            format!("{}/s", format_count(shown.rate.round() as u64))
        } else {
            "—".to_owned()
        };
        let total = if shown.total == 0 && running {
            "…".to_owned()
        } else if reading.is_some() {
            format!("{} so far", format_count(shown.total))
        } else {
            format_count(shown.total)
        };
        let (file_read, file_size) = shown.file.unwrap_or_default();
        html! {
            <div class="audit-progress" data-testid="audit-progress"
                data-tried={shown.tried.to_string()} data-total={shown.total.to_string()}
                data-rate={format!("{:.0}", shown.rate)} data-workers={shown.workers.to_string()}
                data-file-read={file_read.to_string()} data-file-size={file_size.to_string()}>
                <progress max={shown.total.max(1).to_string()} value={shown.tried.to_string()}
                    aria-label="Candidates tried"></progress>
                <span>{ format!("{} / {} tried", format_count(shown.tried), total) }</span>
                if let Some(pct) = reading {
                    <span>{ format!("your file: {pct:.0}% read") }</span>
                }
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
        let (kept, typed_count) = (kept.clone(), typed_count.clone());
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
                typed_count.set(0);
            } else {
                typed_count.set(lines(&value).count());
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
                { format!("Your pasted list: {} candidates, kept in this page only. ", format_count(*n as u64)) }
                <button type="button" class="link" onclick={clear} data-testid="audit-list-clear">{ "Clear it" }</button>
            </p>
        }
    });
    let on_file = {
        let file = file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            file.set(input.files().and_then(|l| l.get(0)));
        })
    };
    let file_note = file.as_ref().map(|f| {
        let remove = {
            let (file, file_ref) = (file.clone(), file_ref.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
                file.set(None);
            })
        };
        html! {
            <p class="note" data-testid="audit-file-info" data-size={f.size().to_string()}>
                { format!("Your file: {} ({}), read in slices in this page when the audit runs, after the lists above. ",
                    f.name(), format_bytes(f.size())) }
                <button type="button" class="link" onclick={remove} data-testid="audit-file-clear">{ "Remove it" }</button>
            </p>
        }
    });
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            mode.set(if select.value() == "mask" {
                Mode::Mask
            } else {
                Mode::Words
            });
        })
    };
    let on_case = {
        let rules = rules.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            rules.set(Rules {
                case: input.checked(),
                ..*rules
            });
        })
    };
    let on_suffix = {
        let rules = rules.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            rules.set(Rules {
                suffix: input.checked(),
                ..*rules
            });
        })
    };
    let on_charset = {
        let mask = mask.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(c) = Charset::from_name(&select.value()) {
                mask.set(Mask::new(c, mask.max_len));
            }
        })
    };
    let on_length = {
        let mask = mask.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = input.value().trim().parse::<u32>() {
                mask.set(Mask::new(mask.charset, n));
            }
        })
    };
    // The total, shown before starting.
    let (total_text, total) = match *mode {
        Mode::Words => {
            let words = crate::jwt_wordlist().len() as u64
                + DJANGO_WORDS
                + kept.as_ref().map_or(0, |(_, n)| *n as u64)
                + *typed_count as u64;
            let total = rules.total(words);
            let per = rules.per_word();
            let mut text = if per > 1 {
                format!(
                    "{} candidates ({} words × {} variants)",
                    format_count(total),
                    format_count(words),
                    format_count(per)
                )
            } else {
                format!("{} candidates", format_count(total))
            };
            if file.is_some() {
                text.push_str(&if per > 1 {
                    format!(", and {per} per line of your file")
                } else {
                    ", and every line of your file".to_owned()
                });
            }
            (text, total)
        }
        Mode::Mask => {
            let total = mask.total();
            let n = mask.charset.chars().len();
            let text = format!(
                "{} candidates: every string of 1 to {} of the {n} characters",
                format_count(total),
                mask.max_len
            );
            (text, total)
        }
    };
    let can_start = why_not.is_none() && !running;
    let words_mode = *mode == Mode::Words;
    html! {
        <section class="card audit-card" data-testid="audit" aria-labelledby="audit-title"
            data-applicable={if why_not.is_none() { "true" } else { "false" }}>
            <div class="card-head">
                <h2 id="audit-title">{ "Audit secret" }</h2>
                <span class="meta">{ "wordlists or a mask, in this page" }</span>
            </div>
            <p class="note" id="audit-help">
                { "Looks for the HMAC secret among 39 published JWT secrets, Django's 20 000 common passwords and your own list or file (optionally with case and suffix rules), or among every short string of a charset, in Web Workers in this page: nothing is stored or sent." }
            </p>
            // Always one child here (Yew matches unkeyed children from the end: see signature_pane.rs).
            <div class="audit-why">
                if let Some(why) = why_not.as_ref() {
                    <p class="note" data-testid="audit-not-applicable">{ why.as_str() }</p>
                }
            </div>
            <label for="audit-mode">{ "What to try" }</label>
            <select id="audit-mode" data-testid="audit-mode" onchange={on_mode}>
                <option value="words" selected={words_mode}>{ "Wordlists (built-in, pasted, your file)" }</option>
                <option value="mask" selected={!words_mode}>{ "Brute-force mask (short secrets)" }</option>
            </select>
            <div class="audit-words-group" hidden={!words_mode}>
                <label for="audit-words">{ "Your own candidates (optional, one per line)" }</label>
                <textarea id="audit-words" data-testid="audit-words" class="audit-words" wrap="off" ref={words_ref}
                    rows="3" spellcheck="false" autocomplete="off" autocapitalize="off" oninput={on_words} />
                <div class="audit-list-slot">{ kept_note.unwrap_or_default() }</div>
                <label for="audit-file">{ "Your own wordlist file (optional, one per line, any size)" }</label>
                <input type="file" id="audit-file" data-testid="audit-file" ref={file_ref} onchange={on_file} />
                <div class="audit-file-slot">{ file_note.unwrap_or_default() }</div>
                <fieldset class="audit-rules">
                    <legend>{ "Rules, applied to every word" }</legend>
                    <label class="inline">
                        <input type="checkbox" data-testid="audit-rules-case" checked={rules.case} onchange={on_case} />
                        { "Case variants: as given, lowercase, UPPERCASE, Capitalized (× 4)" }
                    </label>
                    <label class="inline">
                        <input type="checkbox" data-testid="audit-rules-suffix" checked={rules.suffix} onchange={on_suffix} />
                        { "Suffixes: 0–9, 00–99, 1990–2030, 123, 1234, 12345, each also with “!” (× 310)" }
                    </label>
                </fieldset>
            </div>
            <div class="audit-mask-group" hidden={words_mode}>
                <label for="audit-mask-charset">{ "Characters" }</label>
                <select id="audit-mask-charset" data-testid="audit-mask-charset" onchange={on_charset}>
                    { for Charset::ALL.into_iter().map(|c| html! {
                        <option value={c.name()} selected={c == mask.charset}>{ charset_label(c) }</option>
                    }) }
                </select>
                <label for="audit-mask-length">{ format!("Maximum length (1 to {MAX_MASK_LEN})") }</label>
                <input type="number" id="audit-mask-length" data-testid="audit-mask-length" min="1"
                    max={MAX_MASK_LEN.to_string()} step="1" value={mask.max_len.to_string()} oninput={on_length} />
            </div>
            <p class="note audit-total" data-testid="audit-total" data-total={total.to_string()}
                data-file={if words_mode && file.is_some() { "true" } else { "false" }}>
                { total_text }
            </p>
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

/// A charset as the mask's menu names it.
fn charset_label(c: Charset) -> &'static str {
    match c {
        Charset::Digits => "Digits 0–9 (10)",
        Charset::Lower => "Lowercase a–z (26)",
        Charset::LowerDigits => "Lowercase and digits (36)",
        Charset::Alphanumeric => "Letters and digits (62)",
        Charset::Printable => "Printable ASCII, with space (95)",
    }
}
