//! The encoder: header and payload as editable JSON; every edit re-signs the token with the entered key (a
//! secret for HS*, a private key for the others).
//! Invalid JSON shows an error with its line and column, and the last good token stays.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::highlight::line_col;
use super::state::messages::without_offsets;
use super::state::{Action, Encoder, State};
use crate::Part;

/// Props of [`EncoderPane`].
#[derive(Properties, PartialEq)]
pub struct EncoderPaneProps {
    /// The editors' texts and the last error.
    pub encoder: Rc<Encoder>,
    /// Whether there is a token (the last one signed, or the one pasted).
    #[prop_or(true)]
    pub has_token: bool,
    /// Where changes go.
    pub dispatch: UseReducerDispatcher<State>,
}

/// The pane.
#[component]
pub fn EncoderPane(props: &EncoderPaneProps) -> Html {
    let enc = &props.encoder;
    let edit = |make: fn(String) -> Action| {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(make(t.value()));
        })
    };
    let has_token = props.has_token;
    let error = enc.error.as_ref().map(|e| {
        let text = match e.part {
            Part::Header => Some(enc.header.as_str()),
            Part::Payload => Some(enc.payload.as_str()),
            _ => None,
        };
        let at = match text {
            Some(t) if e.span.start > 0 || !e.span.is_empty() => {
                let (line, col) = line_col(t, e.span.start);
                format!(" (line {line}, column {col})")
            }
            _ => String::new(),
        };
        html! {
            <p class="encode-error" data-testid="encode-error" role="alert" data-part={e.part.as_str()}>
                <code>{ e.code.as_str() }</code>{ format!(" in the {}{at}: ", e.part.as_str()) }{ without_offsets(&e.message) }
                { if has_token { " The token on the left is the last one that could be signed." } else { " No token is signed yet." } }
            </p>
        }
    });
    html! {
        <section class="card encoder" aria-labelledby="encoder-title">
            <div class="card-head">
                <h2 id="encoder-title">{ "Encode" }</h2>
                <span class="meta">{ "signed live with the key below: a secret for HS*, a private key for RS*, PS*, ES* and EdDSA" }</span>
            </div>
            // Always present (see the note on `encode-status` below): empty and hidden when there is no note.
            <p class="encode-note" data-testid="encode-note" role="note" hidden={enc.note.is_none()}>
                { enc.note.as_deref().unwrap_or("") }
            </p>
            <label for="header-editor">{ "Header (JSON)" }</label>
            <textarea id="header-editor" data-testid="header-editor" class="code-edit" rows="5"
                value={enc.header.clone()} oninput={edit(Action::EditHeader)}
                spellcheck="false" autocomplete="off" autocapitalize="off" />
            <label for="payload-editor">{ "Payload (JSON)" }</label>
            <textarea id="payload-editor" data-testid="payload-editor" class="code-edit" rows="10"
                value={enc.payload.clone()} oninput={edit(Action::EditPayload)}
                spellcheck="false" autocomplete="off" autocapitalize="off" />
            // Always present, so the section's children keep their positions whatever the error: the macro
            // flattens `{ for … }` into this list, and Yew matches unkeyed children from the end, so a
            // trailing child that comes and goes would shift every sibling by one and replace them all —
            // the editors included, losing focus, caret and selection in the middle of typing.
            <div class="encode-status" data-testid="encode-status">{ for error }</div>
        </section>
    }
}
