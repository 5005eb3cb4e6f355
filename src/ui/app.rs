//! The app: state, clock, URL fragment and theme wiring, and the layout.

use yew::prelude::*;

use super::audit::AuditPane;
use super::claims_table::{ClaimsTable, NO_CLAIMS};
use super::dom;
use super::encoder::EncoderPane;
use super::findings_list::{FindingsList, FindingsSummary};
use super::json_view::{JsonView, Which};
use super::signature_pane::SignaturePane;
use super::state::{Action, Same, State, View};
use super::token_editor::TokenEditor;
use super::toolbar::Toolbar;

/// How often the clock ticks, so relative times and expiry badges stay current while the page is open.
const TICK_MS: i32 = 1000;

/// The whole page.
#[component]
pub fn App() -> Html {
    let state =
        use_reducer(|| State::new(&dom::token_from_hash().unwrap_or_default(), dom::now_secs()));
    let dispatch = state.dispatcher();

    // The clock.
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let interval =
                dom::Interval::new(TICK_MS, move || d.dispatch(Action::Tick(dom::now_secs())));
            move || drop(interval)
        });
    }
    // A shared link opened in this tab (`#token=…`).
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = dom::WindowListener::new("hashchange", move |_| {
                if let Some(t) = dom::token_from_hash() {
                    d.dispatch(Action::SetToken(t));
                }
            });
            move || drop(listener)
        });
    }
    // Once the token is edited, a `#token=` fragment for another token would be stale: drop it.
    use_effect_with(state.token.clone(), |token| {
        if dom::token_from_hash().is_some_and(|t| *t != **token) {
            if let Some(url) = dom::share_url("") {
                dom::replace_url(url.split('#').next().unwrap_or(&url));
            }
        }
    });

    let theme = use_state(|| {
        dom::stored_theme()
            .unwrap_or_else(|| if dom::system_dark() { "dark" } else { "light" }.to_owned())
    });
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |()| {
            let next = if *theme == "dark" { "light" } else { "dark" };
            dom::set_theme(next);
            theme.set(next.to_owned());
        })
    };

    // A large token is processed one step per task, so the page keeps responding.
    {
        let d = dispatch.clone();
        use_effect_with(
            (state.pending, Same::from(&state.parsed)),
            move |(pending, _)| {
                let timer = pending.map(|phase| {
                    let name = format!("jwt-inspector:{phase:?}");
                    dom::Timeout::new(0, move || {
                        dom::measure(&name, || d.dispatch(Action::Continue))
                    })
                });
                move || drop(timer)
            },
        );
    }

    let parsed = Same::from(&state.parsed);
    let payload = Same::from(&state.payload);
    let empty = state.token.trim().is_empty();
    let claims_placeholder = if empty {
        "Paste a token, or pick an example, to see its claims."
    } else if state.parsed.pending {
        ""
    } else if state.decoded().kind == crate::TokenKind::Jwe {
        "No claims: the payload is encrypted (JWE)."
    } else {
        NO_CLAIMS
    };
    html! {
        <div class="app">
            <Toolbar view={state.view} token={state.token.clone()} theme={AttrValue::from((*theme).clone())}
                {on_theme} dispatch={dispatch.clone()} />
            <main class="layout">
                <div class="col">
                    <TokenEditor token={state.token.clone()} parsed={parsed.clone()} dispatch={dispatch.clone()} />
                    <FindingsSummary token={Same::from(&state.findings)} signature={Same::from(&state.signature)}
                        empty={empty || state.parsed.pending} />
                    <FindingsList token={Same::from(&state.findings)} signature={Same::from(&state.signature)} />
                </div>
                <div class="col">
                    if state.view == View::Encode {
                        <EncoderPane encoder={state.encoder.clone()} has_token={!empty} dispatch={dispatch.clone()} />
                    } else {
                        <JsonView which={Which::Header} parsed={parsed.clone()} payload={payload.clone()} />
                        <JsonView which={Which::Payload} parsed={parsed.clone()} payload={payload.clone()} />
                    }
                    <SignaturePane signature={Same::from(&state.signature)} key_text={state.key.clone()}
                        key_format={state.key_format} key_visible={state.key_visible} key_kind={state.key_kind}
                        claims={Some(Same::from(&state.claims))} dispatch={dispatch.clone()} />
                    <ClaimsTable claims={Same::from(&state.claims)} placeholder={claims_placeholder} />
                    <AuditPane token={state.token.clone()} dispatch={dispatch.clone()} />
                </div>
            </main>
            <footer class="footer">
                { "jwt-inspector runs entirely in this page: a Content-Security-Policy forbids it any network connection. " }
                { "Verification and signing cover HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 and EdDSA (Ed25519)." }
            </footer>
        </div>
    }
}
