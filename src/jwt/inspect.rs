//! `inspect`: everything a debugger shows about a token, computed in one pass.

use std::fmt::Write as _;

use super::claims::{self, Claim};
use super::header::{self, HeaderField};
use super::json::Json;
use super::lints::{self, Finding};
use super::token::{self, Decoded, Payload};

/// Everything decoded and explained. Fields of the lean decode are in [`Inspection::decoded`].
#[derive(Debug, Clone)]
pub struct Inspection {
    /// Parts, header, payload, signature, errors.
    pub decoded: Decoded,
    /// The header pretty-printed (2 spaces, order and number text kept).
    pub header_json: Option<String>,
    /// The payload for display: pretty JSON, the text itself, or lowercase hex for binary payloads.
    pub payload_text: Option<String>,
    /// The header members, explained.
    pub header_fields: Vec<HeaderField>,
    /// The claims, explained, dates evaluated at `now`.
    pub claims: Vec<Claim>,
    /// Token-level findings (key findings come from verification).
    pub findings: Vec<Finding>,
}

/// Inspects `input` at time `now` (unix seconds). Never fails and never panics: problems are in
/// `decoded.errors`, and everything that could be decoded is returned.
pub fn inspect(input: &str, now: f64) -> Inspection {
    let decoded = token::decode(input);
    let header_json = decoded.header.as_ref().map(Json::to_pretty);
    let payload_text = decoded.payload.as_ref().map(payload_display);
    let header_fields = decoded
        .header
        .as_ref()
        .map(header::fields)
        .unwrap_or_default();
    let claims = match &decoded.payload {
        Some(Payload::Json(p)) => claims::claims(p, now),
        _ => Vec::new(),
    };
    let findings = lints::lint(&decoded, now);
    Inspection {
        decoded,
        header_json,
        payload_text,
        header_fields,
        claims,
        findings,
    }
}

/// How a payload is shown: pretty JSON, the text itself, or hex.
pub fn payload_display(p: &Payload) -> String {
    match p {
        Payload::Json(v) => v.to_pretty(),
        Payload::Text(t) => t.clone(),
        Payload::Binary(b) => hex(b),
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
