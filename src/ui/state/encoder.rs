//! The encoder's concern: the editors' texts, filled from the token, and signing them with the key under
//! the core's one key rule — a secret for HS*, a private key (PEM or JWK) for RS*, PS*, ES* and EdDSA.

use super::super::highlight::char_position;
use super::token::Parsed;
use crate::jwt::json::{self, Json};
use crate::jwt::keys;
use crate::{ErrorCode, InspectError, KeyFormat, KeySet, Part, Payload, Span, TokenKind};

/// The encoder's editors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Encoder {
    /// The header JSON as typed.
    pub header: String,
    /// The payload JSON as typed.
    pub payload: String,
    /// Why the last edit could not be signed (the token then stays the last good one).
    pub error: Option<InspectError>,
    /// Why an editor was not filled from the token (its payload did not decode, is encrypted, …), until the
    /// next signed edit.
    pub note: Option<String>,
}

/// The default header and payload of a new token in the encoder.
pub const DEFAULT_HEADER: &str = "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}";

/// The payload of a new token in the encoder: a subject, a name and `iat` (issued at) = `now`.
pub fn default_payload(now: f64) -> String {
    format!(
        "{{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\",\n  \"iat\": {}\n}}",
        now.floor().max(0.0)
    )
}

/// The keys to sign with, read as the signature pane reads them (leniently). Which key may sign with which
/// algorithm is the core's rule (`sign_with`), the same as npm `sign`: a JWK Set, or a JWK restricted to
/// another algorithm, to encryption or to `verify`, never signs.
fn signing_keys(text: &str, format: KeyFormat) -> Result<KeySet, InspectError> {
    if text.is_empty() {
        return Err(InspectError {
            code: ErrorCode::KeyEmpty,
            part: Part::Key,
            span: Span::default(),
            message: "Enter a secret (HS*) or a private key (RS*, PS*, ES*, EdDSA) to sign the token with."
                .into(),
        });
    }
    keys::parse_with(text, format, false)
}

/// The editors' texts signed with `keys` under the core's key rule, with the browser's random source
/// (`crypto.getRandomValues`): RSA-PSS needs a random salt, and it blinds RSA's private operation. ECDSA
/// (RFC 6979) and Ed25519 stay deterministic.
fn sign_texts(header: &str, payload: &str, keys: &KeySet) -> Result<String, InspectError> {
    let mut entropy = |b: &mut [u8]| getrandom::fill(b).is_ok();
    crate::sign_json_text_with_entropy(header, payload, keys, Some(&mut entropy))
}

/// The `alg` of the header editor's text, when it parses.
pub fn header_alg(encoder: &Encoder) -> Option<String> {
    let h = json::parse(&encoder.header).ok()?.value;
    h.get("alg").and_then(Json::as_str).map(str::to_owned)
}

/// The editors for the current token: its header and payload as pretty JSON, the template for an empty page
/// (issued at `now`), and an empty payload editor — with a note saying why — for a token whose payload is not
/// JSON or text.
pub fn from_token(token: &str, parsed: &Parsed, now: f64) -> Encoder {
    let d = &parsed.decoded;
    let empty = token.trim().is_empty();
    let header = match &parsed.header_json {
        Some(text) => text.clone(),
        None => DEFAULT_HEADER.to_owned(),
    };
    let payload = match &d.payload {
        Some(Payload::Json(v)) => v.to_pretty(),
        Some(Payload::Text(t)) => t.clone(),
        _ if empty => default_payload(now),
        _ => String::new(),
    };
    let error_in = |part: Part| {
        d.errors.iter().find(|e| e.part == part).map(|e| {
            format!(
                "{} at character {}, see the error on the left",
                e.code.as_str(),
                char_position(token, e.span.start)
            )
        })
    };
    let mut notes = Vec::new();
    if !empty && parsed.header_json.is_none() {
        notes.push(match error_in(Part::Header) {
            Some(why) => format!(
                "The header editor holds a default header: the token's header did not decode ({why})."
            ),
            None => "The header editor holds a default header: the token has none.".to_owned(),
        });
    }
    if !empty && payload.is_empty() {
        notes.push(match (&d.payload, error_in(Part::Payload)) {
            (_, _) if d.kind == TokenKind::Jwe => {
                "The payload editor is empty: this token's payload is encrypted (JWE), so there is nothing to edit."
                    .to_owned()
            }
            (Some(Payload::Binary(_)), _) => {
                "The payload editor is empty: the token's payload is binary (not UTF-8 text), so it cannot be edited as text."
                    .to_owned()
            }
            (_, Some(why)) => format!(
                "The payload editor is empty because the token's payload could not be decoded ({why})."
            ),
            (_, None) => match error_in(Part::Token) {
                Some(why) => format!(
                    "The payload editor is empty because the token has no payload to decode ({why})."
                ),
                None => "The payload editor is empty: the token's payload is empty.".to_owned(),
            },
        });
    }
    if !notes.is_empty() {
        notes.push(
            "Fix the token on the left, or write JSON here to sign a new token with the key below."
                .to_owned(),
        );
    }
    Encoder {
        header,
        payload,
        error: None,
        note: (!notes.is_empty()).then(|| notes.join(" ")),
    }
}

/// The token for the editors' texts signed with the key, or why it cannot be made.
pub fn sign(encoder: &Encoder, key: &str, format: KeyFormat) -> Result<String, InspectError> {
    signing_keys(key, format).and_then(|keys| sign_texts(&encoder.header, &encoder.payload, &keys))
}
