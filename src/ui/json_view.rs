//! The decoded header or payload: pretty JSON with syntax colours (or text / hex), with a copy button.

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::highlight::Pretty;
use super::state::{Parsed, PayloadDisplay, PayloadView, Same};

/// Which half of the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The JOSE header.
    Header,
    /// The payload.
    Payload,
}

/// Props of [`JsonView`].
#[derive(Properties, PartialEq)]
pub struct JsonViewProps {
    /// Which half to show.
    pub which: Which,
    /// The decoded token (header).
    pub parsed: Same<Parsed>,
    /// The payload.
    pub payload: Same<PayloadDisplay>,
}

fn chunks(p: &Pretty) -> Html {
    // Built by `highlight`, which escapes every text: one innerHTML instead of a node per token.
    Html::from_html_unchecked(AttrValue::from(p.html.clone()))
}

/// The view.
#[component]
pub fn JsonView(props: &JsonViewProps) -> Html {
    let (title, testid, id) = match props.which {
        Which::Header => ("Header", "header-json", "header-title"),
        Which::Payload => ("Payload", "payload-json", "payload-title"),
    };
    // (kind label, css modifier, content, copyable, shown without colours for size)
    let missing = |text: &'static str| html! { <div class="chunk">{ text }</div> };
    let (kind, modifier, body, copyable, uncoloured): (&str, &str, Html, bool, bool) = match props
        .which
    {
        Which::Header => match &props.parsed.header {
            Some(p) => ("JSON", "json", chunks(p), true, !p.coloured),
            None if props.parsed.pending => {
                ("decoding…", "missing", missing("Decoding…"), false, false)
            }
            None => ("not decoded", "missing", missing("—"), false, false),
        },
        Which::Payload => match &props.payload.view {
            PayloadView::Json(p) => ("JSON", "json", chunks(p), true, !p.coloured),
            PayloadView::Text(p) => ("text, not JSON", "text", chunks(p), true, false),
            PayloadView::Binary(p) => ("binary, shown as hex", "binary", chunks(p), true, false),
            PayloadView::Encrypted => (
                "encrypted",
                "missing",
                missing(
                    "The payload of a JWE is encrypted: it cannot be shown without decrypting it.",
                ),
                false,
                false,
            ),
            PayloadView::Missing => ("not decoded", "missing", missing("—"), false, false),
            PayloadView::Pending => ("decoding…", "missing", missing("Decoding…"), false, false),
        },
    };
    let copy_text = {
        let (parsed, payload, which) = (props.parsed.clone(), props.payload.clone(), props.which);
        Callback::from(move |()| {
            match which {
                Which::Header => parsed.header_json.clone(),
                Which::Payload => payload.text.clone(),
            }
            .unwrap_or_default()
        })
    };
    let d = &props.parsed.decoded;
    let extra = match (props.which, &d.alg) {
        (Which::Header, Some(alg)) => format!(" · alg {alg} · {}", d.kind.as_str().to_uppercase()),
        _ => String::new(),
    };
    let fields = &props.parsed.header_fields;
    let chunked = match props.which {
        Which::Header => props.parsed.header.as_ref().is_some_and(|p| p.chunks > 1),
        Which::Payload => match &props.payload.view {
            PayloadView::Json(p) | PayloadView::Text(p) | PayloadView::Binary(p) => p.chunks > 1,
            _ => false,
        },
    };
    html! {
        <section class="card" aria-labelledby={id}>
            <div class="card-head">
                <h2 id={id}>{ title }</h2>
                <span class="meta">{ kind }{ extra }</span>
                if copyable {
                    <CopyButton text={copy_text} label={format!("Copy {}", title.to_lowercase())} />
                }
            </div>
            <pre class={classes!("code", modifier, chunked.then_some("chunked"))} data-testid={testid} tabindex="0"
                aria-labelledby={id}>{ body }</pre>
            if uncoloured {
                <p class="note">{ "Syntax colours are off for very large JSON, to keep the page responsive." }</p>
            }
            if props.which == Which::Header && fields.iter().any(|f| f.description.is_some()) {
                <dl class="fields">
                    { for fields.iter().filter_map(|f| f.description.map(|desc| html! {
                        <div><dt><code>{ f.name.as_str() }</code></dt><dd>{ desc }</dd></div>
                    })) }
                </dl>
            }
        </section>
    }
}
