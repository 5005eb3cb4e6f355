//! The encoder's concern: the editors' texts, filled from the token, and signing them with the key under
//! the core's one key rule.

use super::token::Parsed;
use crate::jwt::keys;
use crate::{sign_json_text, ErrorCode, InspectError, KeyFormat, KeySet, Part, Payload, Span};

/// The encoder's editors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Encoder {
    /// The header JSON as typed.
    pub header: String,
    /// The payload JSON as typed.
    pub payload: String,
    /// Why the last edit could not be signed (the token then stays the last good one).
    pub error: Option<InspectError>,
}

/// The default header and payload of a new token in the encoder.
pub const DEFAULT_HEADER: &str = "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}";
/// See [`DEFAULT_HEADER`].
pub const DEFAULT_PAYLOAD: &str =
    "{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\",\n  \"admin\": true\n}";

/// The keys to sign with, read as the signature pane reads them (leniently). Which key may sign with which
/// algorithm is the core's rule (`sign_with`), the same as npm `sign`: a JWK Set, or a JWK restricted to
/// another algorithm, to encryption or to `verify`, never signs.
fn signing_keys(text: &str, format: KeyFormat) -> Result<KeySet, InspectError> {
    if text.is_empty() {
        return Err(InspectError {
            code: ErrorCode::KeyEmpty,
            part: Part::Key,
            span: Span::default(),
            message: "Enter a secret to sign the token with.".into(),
        });
    }
    keys::parse_with(text, format, false)
}

/// The editors for the current token: its header and payload as pretty JSON, the defaults for an empty page,
/// and an empty payload editor for a token whose payload is not JSON or text.
pub fn from_token(token: &str, parsed: &Parsed) -> Encoder {
    let header = match &parsed.header_json {
        Some(text) => text.clone(),
        None => DEFAULT_HEADER.to_owned(),
    };
    let payload = match &parsed.decoded.payload {
        Some(Payload::Json(v)) => v.to_pretty(),
        Some(Payload::Text(t)) => t.clone(),
        _ if token.trim().is_empty() => DEFAULT_PAYLOAD.to_owned(),
        _ => String::new(),
    };
    Encoder {
        header,
        payload,
        error: None,
    }
}

/// The token for the editors' texts signed with the key, or why it cannot be made.
pub fn sign(encoder: &Encoder, key: &str, format: KeyFormat) -> Result<String, InspectError> {
    signing_keys(key, format)
        .and_then(|keys| sign_json_text(&encoder.header, &encoder.payload, &keys))
}
