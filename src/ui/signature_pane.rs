//! The signature pane: algorithm, key field, key format with a hint, what the key is, and a live status.
//!
//! The key field follows the algorithm ([`KeyKind`]): a one-line, password-style "Secret" for HS*, a
//! multi-line field for the PEM or JWK text of a public key (to verify) or a private key (to sign, in the
//! Encode view). A public key is shown; a secret, a private key or text that is neither stays masked until
//! Show is pressed (the core then also warns that a private key was pasted).

use std::rc::Rc;

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::highlight::char_position;
use super::state::messages::without_offsets;
use super::state::{
    claims_verdict, Action, ClaimRow, KeyKind, Same, SignatureView, State, UiStatus,
};
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
    /// What the key field asks for (see `State::key_kind`).
    #[prop_or_default]
    pub key_kind: KeyKind,
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

/// What the format menu calls a format for a key field asking for `kind`: for a key pair's half, "UTF-8
/// text" reads PEM and JWK JSON as those keys, so it is the automatic choice.
pub const fn format_label_for(kind: KeyKind, f: KeyFormat) -> &'static str {
    match (kind, f) {
        (KeyKind::Public | KeyKind::Private, KeyFormat::Utf8) => "Auto (PEM or JWK)",
        _ => format_label(f),
    }
}

/// The `data-key-kind` value.
const fn kind_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Secret => "secret",
        KeyKind::Public => "public",
        KeyKind::Private => "private",
    }
}

/// The pane.
#[component]
pub fn SignaturePane(props: &SignaturePaneProps) -> Html {
    let visible = props.key_visible;
    let kind = props.key_kind;
    // `selected` attributes do not move a select once the user has used it: set the value itself (also when
    // the options change with the kind of key).
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        use_effect_with((props.key_format, kind), move |(f, _)| {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                select.set_value(f.as_str());
            }
        });
    }
    let sig = &props.signature;
    let oninput = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            // An <input> or a <textarea>: both have a value.
            let value = match e.target_dyn_into::<HtmlTextAreaElement>() {
                Some(t) => t.value(),
                None => e
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            };
            d.dispatch(Action::SetKey(value));
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
        (None, Some(summary)) => html! {
            <div class="key-info" data-testid="key-info">
                <p data-testid="key-bits">{ summary.as_str() }</p>
                if let Some(cert) = &sig.key_cert {
                    <p data-testid="key-cert">{ cert.as_str() }</p>
                }
            </div>
        },
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
            <div class={classes!("key-row", kind.multiline().then_some("multiline"))} data-key-kind={kind_name(kind)}>
                <label for="key-input">{ kind.label() }</label>
                <div class="key-field">
                    if kind.multiline() {
                        // PEM and JWK text spans lines. Masked (CSS text-security, as a password field) unless
                        // shown: a private key or a leftover secret is not put on screen unasked.
                        <textarea id="key-input" data-testid="key-input" class={classes!("key-text", (!visible).then_some("masked"))}
                            data-masked={if visible { "false" } else { "true" }}
                            rows="6"
                            value={AttrValue::from(props.key_text.clone())}
                            {oninput}
                            autocomplete="off" spellcheck="false" autocapitalize="off" wrap="soft"
                            placeholder={kind.placeholder()}
                            aria-describedby="key-help" />
                    } else {
                        <input id="key-input" data-testid="key-input"
                            type={if visible { "text" } else { "password" }}
                            value={AttrValue::from(props.key_text.clone())}
                            {oninput}
                            autocomplete="off" spellcheck="false" autocapitalize="off"
                            placeholder={kind.placeholder()}
                            aria-describedby="key-help" />
                    }
                    <button type="button" class="toggle" onclick={toggle} aria-pressed={if visible { "true" } else { "false" }}
                        aria-controls="key-input" data-testid="key-visibility">
                        { if visible { "Hide" } else { "Show" } }
                    </button>
                </div>
                <label for="key-format">{ "Key format" }</label>
                <select id="key-format" data-testid="key-format" {onchange} ref={select_ref}>
                    { for kind.formats().iter().map(|&f| html! {
                        <option value={f.as_str()} selected={f == props.key_format}>{ format_label_for(kind, f) }</option>
                    }) }
                </select>
            </div>
            <p id="key-help" class="note">{ match kind {
                KeyKind::Secret => "The key stays in this page: it is never stored, logged or put in a link.",
                KeyKind::Public => "The key stays in this page: it is never stored, logged or put in a link. Verifying needs only the public key.",
                KeyKind::Private => "The key stays in this page: it is never stored, logged or put in a link. Signing needs the private key; prefer a test key.",
            } }</p>
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
