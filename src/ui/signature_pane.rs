//! The signature pane: algorithm, key field (password-style, show/hide), key format with a hint, key length,
//! and a live status.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::highlight::char_position;
use super::state::messages::without_offsets;
use super::state::{claims_verdict, Action, ClaimRow, Same, SignatureView, State, UiStatus};
use crate::KeyFormat;

/// Props of [`SignaturePane`].
#[derive(Properties, PartialEq)]
pub struct SignaturePaneProps {
    /// The status to show.
    pub signature: Same<SignatureView>,
    /// The key text.
    pub key_text: Rc<str>,
    /// How the key is read.
    pub key_format: KeyFormat,
    /// Whether the key text is shown (see `State::key_visible`).
    #[prop_or_default]
    pub key_visible: bool,
    /// The claims, kept current by the clock: a verified status says when the token expired.
    #[prop_or_default]
    pub claims: Option<Same<Vec<ClaimRow>>>,
    /// Where changes go.
    pub dispatch: UseReducerDispatcher<State>,
}

/// What the format menu calls a format.
pub const fn format_label(f: KeyFormat) -> &'static str {
    match f {
        KeyFormat::Utf8 => "UTF-8 text",
        KeyFormat::Base64 => "base64",
        KeyFormat::Base64Url => "base64url",
        KeyFormat::Hex => "hex",
        KeyFormat::Jwk => "JWK",
        KeyFormat::Jwks => "JWK Set",
        KeyFormat::Pem => "PEM",
    }
}

/// The pane.
#[component]
pub fn SignaturePane(props: &SignaturePaneProps) -> Html {
    let visible = props.key_visible;
    // `selected` attributes do not move a select once the user has used it: set the value itself.
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        use_effect_with(props.key_format, move |f| {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                select.set_value(f.as_str());
            }
        });
    }
    let sig = &props.signature;
    let oninput = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::SetKey(input.value()));
        })
    };
    let onchange = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(f) = KeyFormat::parse(&select.value()) {
                d.dispatch(Action::SetKeyFormat(f));
            }
        })
    };
    let toggle = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleKeyVisibility))
    };
    let status = sig.status.as_str();
    let key_note = match (&sig.key_error, &sig.key_summary) {
        (Some(e), _) => {
            let at = if e.span.is_empty() {
                String::new()
            } else {
                format!(
                    " (at character {})",
                    char_position(&props.key_text, e.span.start)
                )
            };
            html! { <p class="key-info error" data-testid="key-error"><code>{ e.code.as_str() }</code>{ at }{ ": " }{ without_offsets(&e.message) }</p> }
        }
        (None, Some(summary)) => {
            html! { <p class="key-info" data-testid="key-bits">{ summary.as_str() }</p> }
        }
        (None, None) => html! {},
    };
    let hint = sig.hint.map(|f| {
        let d = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::SetKeyFormat(f)));
        html! {
            <p class="hint" data-testid="key-format-hint">
                { format!("This looks like {}. ", format_label(f)) }
                <button type="button" class="link" {onclick}>{ format!("Read it as {}", format_label(f)) }</button>
            </p>
        }
    });
    // A verified signature on an expired (or not yet valid) token says so in the same breath.
    let verdict = if sig.pending {
        None
    } else {
        props.claims.as_ref().and_then(|c| claims_verdict(c))
    };
    let title = match verdict.as_ref().and_then(|v| v.phrase.as_deref()) {
        Some(phrase) if sig.status == UiStatus::Valid => {
            format!("{} — but the token {phrase}", sig.title)
        }
        _ => sig.title.clone(),
    };
    html! {
        <section class="card signature-card" aria-labelledby="signature-title">
            <div class="card-head">
                <h2 id="signature-title">{ "Signature" }</h2>
                <span class="meta" data-testid="alg">{ format!("alg {}", sig.alg.as_deref().unwrap_or("—")) }</span>
            </div>
            <div class="key-row">
                <label for="key-input">{ "Secret / key" }</label>
                <div class="key-field">
                    <input id="key-input" data-testid="key-input"
                        type={if visible { "text" } else { "password" }}
                        value={AttrValue::from(props.key_text.clone())}
                        {oninput}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        placeholder="HMAC secret, or a JWK / JWK Set"
                        aria-describedby="key-help" />
                    <button type="button" class="toggle" onclick={toggle} aria-pressed={if visible { "true" } else { "false" }}
                        aria-controls="key-input" data-testid="key-visibility">
                        { if visible { "Hide" } else { "Show" } }
                    </button>
                </div>
                <label for="key-format">{ "Key format" }</label>
                <select id="key-format" data-testid="key-format" {onchange} ref={select_ref}>
                    { for KeyFormat::ALL.iter().map(|&f| html! {
                        <option value={f.as_str()} selected={f == props.key_format}>{ format_label(f) }</option>
                    }) }
                </select>
            </div>
            <p id="key-help" class="note">{ "The key stays in this page: it is never stored, logged or put in a link." }</p>
            { key_note }
            // One child whether or not there is a hint: Yew matches unkeyed children from the end, so a child that
            // comes and goes here would shift and replace the key field while someone types into it.
            { hint.unwrap_or_default() }
            <div class={classes!("status", status)} data-testid="signature-status" data-status={status}
                data-pending={sig.pending.then_some("true")}
                data-claims={verdict.as_ref().map(|v| v.status.as_str())}
                role="status" aria-live="polite" aria-atomic="true">
                <strong class="status-title">{ title }</strong>
                <span class="status-msg">{ sig.message.as_str() }</span>
                if let Some(code) = sig.code {
                    <code class="status-code">{ code.as_str() }</code>
                }
            </div>
        </section>
    }
}
