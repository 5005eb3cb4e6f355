//! The encoded pane: a monospace token editor whose parts are colour-coded as the user types (a coloured
//! copy of the text sits behind a transparent textarea), the clean-ups the core made, and the errors list,
//! each error pointing at its part and position and selecting the offending characters on click.
//!
//! A token over [`LARGE_TOKEN`] is not laid out as editable text (a browser needs hundreds of milliseconds
//! to lay out a megabyte in a textarea): pastes go straight to the state, and the editor shows a coloured
//! preview of the token's start instead, with buttons to edit it anyway or clear it.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::dom;
use super::highlight::{byte_of_utf16, char_position, utf16_offset, Segment};
use super::state::messages::error_text;
use super::state::{Action, Parsed, Same, State, LARGE_TOKEN};
use crate::{ErrorCode, TokenKind};

/// Props of [`TokenEditor`].
#[derive(Properties, PartialEq)]
pub struct TokenEditorProps {
    /// The token text.
    pub token: Rc<str>,
    /// What it decoded to (same identity as long as the token did not change).
    pub parsed: Same<Parsed>,
    /// Where changes go.
    pub dispatch: UseReducerDispatcher<State>,
}

/// How much of a large token the preview shows.
const PREVIEW: usize = 2048;

fn sync_scroll(ta: &NodeRef, backdrop: &NodeRef) {
    if let (Some(ta), Some(bd)) = (ta.cast::<HtmlElement>(), backdrop.cast::<HtmlElement>()) {
        bd.set_scroll_top(ta.scroll_top());
        bd.set_scroll_left(ta.scroll_left());
    }
}

/// More segments than this (a pathological token, e.g. thousands of dots) are not coloured: a DOM node each
/// would make typing slow.
const MAX_SEGMENTS: usize = 2000;

/// At most this many errors are listed.
const MAX_ERRORS: usize = 50;

/// Coloured spans for `token[..limit]`.
fn coloured(token: &str, segments: &[Segment], limit: usize) -> Html {
    if segments.len() > MAX_SEGMENTS {
        let mut end = limit.min(token.len());
        while !token.is_char_boundary(end) {
            end -= 1;
        }
        return html! { <span>{ &token[..end] }</span> };
    }
    segments
        .iter()
        .filter(|s| s.start < limit)
        .map(|s| {
            let mut end = s.end.min(limit);
            while !token.is_char_boundary(end) {
                end -= 1;
            }
            let class = classes!(s.class.css(), s.error.then_some("seg-error"));
            html! { <span {class}>{ &token[s.start..end] }</span> }
        })
        .collect()
}

/// The editor.
#[component]
pub fn TokenEditor(props: &TokenEditorProps) -> Html {
    let ta = use_node_ref();
    let backdrop = use_node_ref();
    let edit_large = use_state(|| false);
    let token = &props.token;
    let d = &props.parsed.decoded;
    let large = token.len() > LARGE_TOKEN;
    {
        let edit_large = edit_large.clone();
        use_effect_with(large, move |large| {
            if !large {
                edit_large.set(false);
            }
        });
    }

    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            dom::measure("jwt-inspector:input", || {
                dispatch.dispatch(Action::SetToken(t.value()))
            });
        })
    };
    // Pastes go straight to the state. The browser's own insertion (an editing command, with undo history and
    // caret layout) costs a few milliseconds more for a short token, which matters for "under one frame", and
    // hundreds of milliseconds for a 64 KB one. (Undo does not cover a paste here; retyping a token is rare.)
    let onpaste = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<ClipboardEvent>() else {
                return;
            };
            let Some(pasted) = e.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
                return;
            };
            let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            else {
                return;
            };
            e.prevent_default();
            let current = t.value();
            let start = t.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = t.selection_end().ok().flatten().unwrap_or(0) as usize;
            let (a, b) = (byte_of_utf16(&current, start), byte_of_utf16(&current, end));
            let (a, b) = (a.min(b), a.max(b));
            let mut next = String::with_capacity(current.len() + pasted.len());
            next.push_str(&current[..a]);
            next.push_str(&pasted);
            next.push_str(&current[b..]);
            if next.len() <= LARGE_TOKEN && b < current.len() {
                // Pasted before the end: set the text and put the caret after the pasted text here (the render
                // then finds the same value and leaves both alone). At the end — the usual case — the render's
                // own value change leaves the caret there, and no selection update forces a layout now.
                let caret = (start.min(end) + pasted.encode_utf16().count()) as u32;
                t.set_value(&next);
                let _ = t.set_selection_range(caret, caret);
            }
            dom::measure("jwt-inspector:input", || {
                dispatch.dispatch(Action::SetToken(next))
            });
        })
    };
    let onscroll = {
        let (ta, backdrop) = (ta.clone(), backdrop.clone());
        Callback::from(move |_: Event| sync_scroll(&ta, &backdrop))
    };
    // (No effect re-syncing the scroll after each change: a content change that moves the textarea's scroll
    // position fires `scroll` too, and reading `scrollTop` right after an edit forces a synchronous layout.)

    let select = |start: usize, end: usize| {
        let (ta, token) = (ta.clone(), token.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = ta.cast::<HtmlTextAreaElement>() {
                let _ = el.focus();
                let (a, b) = (utf16_offset(&token, start), utf16_offset(&token, end));
                let _ = el.set_selection_range(a as u32, b.max(a) as u32);
            }
        })
    };

    let kind = if d.errors.is_empty() || d.decoded_anything() {
        match d.kind {
            TokenKind::Jws => "JWS · header.payload.signature",
            TokenKind::Jwe => "JWE · header.key.iv.ciphertext.tag",
            TokenKind::Unsecured => "unsecured JWT (alg none)",
        }
    } else {
        ""
    };
    let empty = token.trim().is_empty();
    let copy_token = {
        let parsed = props.parsed.clone();
        Callback::from(move |()| parsed.decoded.token.clone())
    };
    let pending = props.parsed.pending;
    let show_textarea = !large || *edit_large;

    let large_view = large.then(|| {
        let on_edit = {
            let edit_large = edit_large.clone();
            Callback::from(move |_: MouseEvent| edit_large.set(true))
        };
        let on_clear = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetToken(String::new())))
        };
        html! {
            <div class="large-token" data-testid="large-token">
                <p class="note">
                    { format!("A large token: {} characters ({:.1} KB). To keep the page responsive it is not laid out as editable text, nor colour-coded past its start.",
                        token.chars().count(), token.len() as f64 / 1024.0) }
                </p>
                if !*edit_large {
                    <pre class="preview" aria-label="Start of the token">
                        { coloured(token, &props.parsed.segments, PREVIEW) }{ "…" }
                    </pre>
                }
                <div class="buttons">
                    if !*edit_large {
                        <button type="button" onclick={on_edit}>{ "Edit as text (slow)" }</button>
                    }
                    <button type="button" onclick={on_clear}>{ "Clear" }</button>
                </div>
            </div>
        }
    });

    html! {
        <section class="card encoded" aria-labelledby="encoded-title">
            <div class="card-head">
                <h2 id="encoded-title"><label for="token-input">{ "Encoded token" }</label></h2>
                if !empty && !pending { <span class="meta">{ kind }</span> }
                // Copies the token as decoded: after clean-up (no `Bearer `, quotes or line breaks).
                <CopyButton text={copy_token} label="Copy token" testid="copy-token" disabled={empty || pending} />
            </div>
            { for large_view }
            <div class={classes!("editor", large.then_some("plain"))} hidden={!show_textarea}>
                if !large {
                    <pre class="backdrop" ref={backdrop.clone()} aria-hidden="true">
                        { coloured(token, &props.parsed.segments, usize::MAX) }{ "\n" }
                    </pre>
                }
                <textarea id="token-input" data-testid="token-input" ref={ta.clone()}
                    value={AttrValue::from(token.clone())} {oninput} {onpaste} {onscroll}
                    spellcheck="false" autocomplete="off" autocapitalize="off"
                    placeholder="Paste a token (eyJ…), or an Authorization header — or pick an example."
                    aria-describedby="token-parts token-notes token-errors" />
            </div>
            // The parts in words as well as colours (WCAG 1.4.1: colour is not the only way structure is shown).
            <p id="token-parts" class="parts-legend" data-testid="token-parts" hidden={empty || pending}>
                { for d.parts.iter().filter(|p| p.part != crate::Part::Token).map(|p| {
                    let (from, to) = (char_position(token, p.span.start), char_position(token, p.span.end));
                    let name = p.part.as_str();
                    html! {
                        <span class={classes!("part-item", format!("seg-{name}"))} data-part={name}>
                            { format!("{name} {}", if to > from { format!("{from}–{}", to - 1) } else { "(empty)".to_owned() }) }
                        </span>
                    }
                }) }
            </p>
            <p id="token-notes" class="notes" data-testid="token-notes">
                { for d.notes.iter().map(|n| html! { <span class="note-item" data-kind={n.kind.as_str()}>{ n.message.as_str() }</span> }) }
            </p>
            if pending && !empty {
                <p class="note" role="status">{ "Decoding…" }</p>
            }
            <ul id="token-errors" class="errors" data-testid="token-errors" hidden={d.errors.is_empty() || empty || pending}
                aria-label="Token errors">
                { for d.errors.iter().take(MAX_ERRORS).map(|e| {
                    let pos = char_position(token, e.span.start);
                    let end = char_position(token, e.span.end.max(e.span.start));
                    // One position per error: a wrong part count spans the whole token, and its message says
                    // where the dots are instead.
                    let where_ = if e.code == ErrorCode::PartCount {
                        String::new()
                    } else if end > pos + 1 {
                        format!(", characters {pos}–{}", end - 1)
                    } else {
                        format!(", character {pos}")
                    };
                    html! {
                        <li class="error" data-code={e.code.as_str()} data-part={e.part.as_str()}
                            data-start={utf16_offset(token, e.span.start).to_string()}
                            data-end={utf16_offset(token, e.span.end).to_string()}>
                            <button type="button" class="link" onclick={select(e.span.start, e.span.end)}
                                title="Select these characters in the editor">
                                <code>{ e.code.as_str() }</code>{ " in the " }<strong>{ e.part.as_str() }</strong>
                                { where_ }
                            </button>
                            <span class="msg">{ error_text(token, e) }</span>
                        </li>
                    }
                }) }
                if d.errors.len() > MAX_ERRORS {
                    <li class="error more">{ format!("… and {} more errors.", d.errors.len() - MAX_ERRORS) }</li>
                }
            </ul>
        </section>
    }
}
