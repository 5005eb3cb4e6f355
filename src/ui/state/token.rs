//! The token's concern: what the core's `inspect` gives, ready to show (header and payload views, claim
//! rows, editor colours), and how a large token is processed over several tasks.

use super::super::highlight::{self, Pretty, Segment};
use crate::jwt::json::{Json, JsonSink, TokenClass};
use crate::{inspect, Claim, ClaimTime, Decoded, Finding, HeaderField, Payload, TokenKind};

/// How the payload is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadView {
    /// JSON, pretty.
    Json(Pretty),
    /// UTF-8 text that is not JSON.
    Text(Pretty),
    /// Bytes that are not UTF-8, as lowercase hex.
    Binary(Pretty),
    /// A JWE: the payload is encrypted.
    Encrypted,
    /// Nothing decoded.
    Missing,
    /// A large token is still being processed.
    Pending,
}

/// Tokens longer than this are processed in steps, one per task (see [`Phase`]), so that no single task
/// of a big paste keeps the page frozen for 100 ms or more (a 64 KB token processed at once took ~107 ms).
pub const STEPWISE_TOKEN: usize = 32 * 1024;

/// Tokens longer than this are not laid out as editable text: the editor shows a coloured preview instead.
pub const LARGE_TOKEN: usize = 128 * 1024;

/// The steps of processing a token: all run at once for an ordinary token, one per task for a large one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// The core's `inspect`, once: decode, header, payload text, claims, findings.
    Inspect,
    /// Prepare the payload text for display (syntax colours, chunks).
    PayloadView,
    /// Verify the signature.
    Signature,
}

impl Phase {
    /// The step after this one.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Inspect => Some(Phase::PayloadView),
            Phase::PayloadView => Some(Phase::Signature),
            Phase::Signature => None,
        }
    }
}

/// Everything the token shows, from one call of the core's `inspect`.
pub struct Inspected {
    /// The decoded token and header.
    pub parsed: Parsed,
    /// The payload text (not yet ready to show).
    pub payload: PayloadDisplay,
    /// The claims table.
    pub claims: Vec<ClaimRow>,
    /// The token's findings.
    pub findings: Vec<Finding>,
}

/// Inspects `token` at `now` with the core's `inspect` (once) and prepares what the token pane shows.
pub fn inspected(token: &str, now: f64) -> Inspected {
    let i = inspect(token, now);
    let header = match (&i.decoded.header, &i.header_json) {
        (Some(h), Some(text)) => Some(highlight::pretty(h, text)),
        _ => None,
    };
    let segments = highlight::segments(token, &i.decoded);
    Inspected {
        parsed: Parsed {
            decoded: i.decoded,
            header_json: i.header_json,
            header,
            header_fields: i.header_fields,
            segments,
            pending: false,
        },
        payload: PayloadDisplay {
            text: i.payload_text,
            view: PayloadView::Pending,
        },
        claims: i.claims.into_iter().map(ClaimRow::new).collect(),
        findings: i.findings,
    }
}

/// The token decoded, with the header ready to show (first step).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The core's decode.
    pub decoded: Decoded,
    /// The header pretty-printed (what "copy" copies).
    pub header_json: Option<String>,
    /// The header, for display.
    pub header: Option<Pretty>,
    /// The header members, explained.
    pub header_fields: Vec<HeaderField>,
    /// Editor colouring.
    pub segments: Vec<Segment>,
    /// True until a large token is decoded (everything else is then empty).
    pub pending: bool,
}

impl Parsed {
    /// Before a large token's first step.
    pub fn pending() -> Self {
        Parsed {
            decoded: crate::decode(""),
            header_json: None,
            header: None,
            header_fields: Vec::new(),
            segments: Vec::new(),
            pending: true,
        }
    }
}

/// The payload ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadDisplay {
    /// The payload text (pretty JSON, text or hex): what "copy" copies.
    pub text: Option<String>,
    /// How it is shown.
    pub view: PayloadView,
}

impl PayloadDisplay {
    /// Before a large token's first step.
    pub fn pending() -> Self {
        PayloadDisplay {
            text: None,
            view: PayloadView::Pending,
        }
    }

    /// Ready to show.
    pub fn view(&self, d: &Decoded) -> Self {
        let text = &self.text;
        let view = match (&d.payload, text) {
            (Some(Payload::Json(v)), Some(t)) => PayloadView::Json(highlight::pretty(v, t)),
            (Some(Payload::Text(t)), _) => PayloadView::Text(highlight::plain(t)),
            (Some(Payload::Binary(_)), Some(hex)) => PayloadView::Binary(highlight::plain(hex)),
            _ if d.kind == TokenKind::Jwe => PayloadView::Encrypted,
            _ => PayloadView::Missing,
        };
        PayloadDisplay {
            text: text.clone(),
            view,
        }
    }
}

/// One row of the claims table.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// The claim name.
    pub name: String,
    /// The value as text (strings unquoted, others as compact JSON), shortened when long.
    pub value: String,
    /// What the claim means.
    pub description: Option<&'static str>,
    /// For NumericDates: UTC, relative phrase and status at `now`.
    pub time: Option<ClaimTime>,
}

/// Values longer than this many characters are shortened in the claims table.
pub const MAX_CLAIM_VALUE: usize = 160;

/// Collects compact JSON text (pretty-printing without the whitespace) up to a length, so a huge claim value
/// is shown by its start without building its whole text.
struct Preview {
    text: String,
}

impl JsonSink for Preview {
    fn push(&mut self, class: TokenClass, text: &str) {
        if class != TokenClass::Space && self.text.len() <= MAX_CLAIM_VALUE * 4 {
            self.text.push_str(text);
        }
    }
}

impl ClaimRow {
    /// A row for claim `c`.
    pub fn new(c: Claim) -> Self {
        let mut value = match c.value {
            Json::String(s) => String::from(s),
            v => {
                let mut p = Preview {
                    text: String::new(),
                };
                v.write_pretty(&mut p);
                p.text
            }
        };
        if let Some((cut, _)) = value.char_indices().nth(MAX_CLAIM_VALUE) {
            value.truncate(cut);
            value.push('…');
        }
        ClaimRow {
            name: c.name,
            value,
            description: c.description,
            time: c.time,
        }
    }
}
