//! The key's concern: the signature status the pane shows, derived from the token and the key text by the
//! core's `Verifier` (leniently: a pasted `Bearer eyJ…` is verified, and the findings list every deviation).

use super::messages::without_offsets;
use super::token::ClaimRow;
use crate::jwt::keys;
use crate::{
    Decoded, ErrorCode, Finding, InspectError, KeyFormat, KeyInput, KeySet, TimeStatus, TokenKind,
    Verifier, VerifyCode, VerifyOptions, VerifyStatus,
};

/// The signature status the UI shows (`data-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiStatus {
    /// The signature verified.
    Valid,
    /// The signature does not match, or the token is malformed.
    Invalid,
    /// The algorithm is not one this tool verifies (not the same as invalid).
    Unsupported,
    /// The key field is empty.
    NoKey,
    /// The key could not be read or used.
    KeyError,
    /// Nothing to verify: an unsecured (`alg: none`) token or a JWE.
    NotApplicable,
}

impl UiStatus {
    /// The `data-status` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            UiStatus::Valid => "valid",
            UiStatus::Invalid => "invalid",
            UiStatus::Unsupported => "unsupported",
            UiStatus::NoKey => "no-key",
            UiStatus::KeyError => "key-error",
            UiStatus::NotApplicable => "not-applicable",
        }
    }
}

/// What the signature pane shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureView {
    /// The status.
    pub status: UiStatus,
    /// A short title (`Signature verified`, `Invalid signature`, …).
    pub title: String,
    /// One sentence from the core saying why.
    pub message: String,
    /// The verification code (`INVALID_SIGNATURE`, …), when not valid and a key was given.
    pub code: Option<VerifyCode>,
    /// The token's `alg`.
    pub alg: Option<String>,
    /// A description of the parsed key (`48-bit key`, `JWK Set with 2 keys`), when it parsed.
    pub key_summary: Option<String>,
    /// The key parse error, with its position in the key text.
    pub key_error: Option<InspectError>,
    /// The format the key text looks like, when it is not the selected one.
    pub hint: Option<KeyFormat>,
    /// Key findings (weak key, well-known secret, …).
    pub findings: Vec<Finding>,
    /// True while a large token is still being processed (the status is not known yet).
    pub pending: bool,
}

impl SignatureView {
    /// The view while a large token is still being processed.
    pub fn checking() -> Self {
        SignatureView {
            status: UiStatus::NotApplicable,
            title: "Checking…".to_owned(),
            message: "The token is large: decoding it step by step.".to_owned(),
            code: None,
            alg: None,
            key_summary: None,
            key_error: None,
            hint: None,
            findings: Vec::new(),
            pending: true,
        }
    }
}

pub(super) fn key_summary(set: &KeySet) -> String {
    let skipped = if set.skipped.is_empty() {
        String::new()
    } else {
        format!(", {} skipped", set.skipped.len())
    };
    let notes: String = set.notes.iter().map(|n| format!(" — {n}")).collect();
    match set.keys.as_slice() {
        [one] if !set.is_set => format!("{}-bit key{notes}", one.bits()),
        keys => format!(
            "JWK Set: {} symmetric key{}{skipped}",
            keys.len(),
            if keys.len() == 1 { "" } else { "s" }
        ),
    }
}

/// The signature status of `d` with key text `key` read as `format` (signature only: the claims badge
/// shows expiry separately, so an expired token with the right key is still "verified").
pub fn signature_view(d: &Decoded, key: &str, format: KeyFormat) -> SignatureView {
    // Not strict: a person pasting `Bearer eyJ…` or a padded token wants it verified; the findings list
    // every deviation from the compact form.
    let opts = VerifyOptions {
        strict: false,
        ..VerifyOptions::signature_only()
    };
    let alg = d.alg.clone();
    let alg_name = alg.as_deref().unwrap_or("?");
    let hint = keys::detect_format(key).filter(|&f| {
        let json = |f| matches!(f, KeyFormat::Jwk | KeyFormat::Jwks);
        f != format && !(json(f) && json(format))
    });
    if d.errors.iter().any(|e| e.code == ErrorCode::Empty) {
        return SignatureView {
            status: UiStatus::NotApplicable,
            title: "No token".to_owned(),
            message: "Paste a token to decode and verify it.".to_owned(),
            code: None,
            alg,
            key_summary: keys::parse_with(key, format, false)
                .ok()
                .map(|s| key_summary(&s)),
            key_error: None,
            hint,
            findings: Vec::new(),
            pending: false,
        };
    }
    if key.is_empty() {
        // Run verification without a key: whatever is decided before the key (unsupported alg, alg none,
        // JWE) is shown; anything else waits for a key.
        let v = Verifier::new(KeyInput::Text("", format), opts).verify_decoded(d);
        let (status, title, message) = match v.status() {
            VerifyStatus::Unsupported => (
                UiStatus::Unsupported,
                format!("Unsupported algorithm: {alg_name}"),
                v.message,
            ),
            VerifyStatus::NotApplicable => not_applicable(d, v.message),
            _ => (
                UiStatus::NoKey,
                "Enter a key".to_owned(),
                format!("Enter the secret to verify the {alg_name} signature."),
            ),
        };
        return SignatureView {
            status,
            title,
            message,
            code: None,
            alg,
            key_summary: None,
            key_error: None,
            hint: None,
            findings: Vec::new(),
            pending: false,
        };
    }
    let verifier = Verifier::new(KeyInput::Text(key, format), opts);
    let v = verifier.verify_decoded(d);
    let (key_summary, key_error) = match verifier.keys() {
        Ok(set) => (Some(key_summary(set)), None),
        Err(e) => (None, Some(e.clone())),
    };
    let (status, title, message) = match v.status() {
        VerifyStatus::Valid => (UiStatus::Valid, "Signature verified".to_owned(), v.message),
        VerifyStatus::Unsupported => (
            UiStatus::Unsupported,
            format!("Unsupported algorithm: {alg_name}"),
            v.message,
        ),
        VerifyStatus::KeyError => (
            UiStatus::KeyError,
            "Key error".to_owned(),
            without_offsets(&v.message),
        ),
        VerifyStatus::NotApplicable => not_applicable(d, v.message),
        VerifyStatus::Invalid if v.code == Some(VerifyCode::Malformed) => (
            UiStatus::Invalid,
            "Invalid: the token is malformed".to_owned(),
            without_offsets(&v.message),
        ),
        VerifyStatus::Invalid => (UiStatus::Invalid, "Invalid signature".to_owned(), v.message),
    };
    SignatureView {
        status,
        title,
        message,
        code: v.code,
        alg,
        key_summary,
        key_error,
        hint,
        findings: v.findings,
        pending: false,
    }
}

fn not_applicable(d: &Decoded, message: String) -> (UiStatus, String, String) {
    let title = if d.kind == TokenKind::Jwe {
        "Encrypted token (JWE): not verifiable here"
    } else {
        "Unsecured token: no signature to verify"
    };
    (UiStatus::NotApplicable, title.to_owned(), message)
}

/// The status in the Encode view while there is no token yet: the encoder makes it, so what is missing is the
/// secret (or a key that can be read, or JSON that parses: the encoder says which).
pub fn to_sign(view: SignatureView, key: &str, format: KeyFormat) -> SignatureView {
    let (status, title, message, key_error) = if key.is_empty() {
        (
            UiStatus::NoKey,
            "Enter a secret to sign".to_owned(),
            "The token is made from the header and payload in the editors, signed with this secret (HS256, HS384 or HS512)."
                .to_owned(),
            None,
        )
    } else {
        match keys::parse_with(key, format, false) {
            Err(e) => (
                UiStatus::KeyError,
                "Key error".to_owned(),
                without_offsets(&e.message),
                Some(e),
            ),
            Ok(_) => (
                UiStatus::NotApplicable,
                "Not signed yet".to_owned(),
                "Edit the header or the payload (or fix the error under them) to sign a token with this key."
                    .to_owned(),
                None,
            ),
        }
    };
    SignatureView {
        status,
        title,
        message,
        code: None,
        key_error,
        findings: Vec::new(),
        ..view
    }
}

/// What the claims say about the token's validity now (`data-claims`), beside the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsVerdict {
    /// `valid`, `expired` or `not-yet-valid` (only `exp` and `nbf` decide; `iat` is not a validity claim).
    pub status: TimeStatus,
    /// What a verified status adds, e.g. `expired 3 days ago`.
    pub phrase: Option<String>,
}

/// The verdict of the token's `exp` and `nbf` (the rows are kept current by the clock); `None` when the
/// token has no claims to judge (no JSON object payload).
pub fn claims_verdict(claims: &[ClaimRow]) -> Option<ClaimsVerdict> {
    if claims.is_empty() {
        return None;
    }
    let find = |name: &str, status: TimeStatus| {
        claims
            .iter()
            .filter(|c| c.name == name)
            .find_map(|c| c.time.as_ref().filter(|t| t.status == status))
    };
    if let Some(t) = find("exp", TimeStatus::Expired) {
        return Some(ClaimsVerdict {
            status: TimeStatus::Expired,
            phrase: Some(if t.relative == "now" {
                "expired just now".to_owned()
            } else {
                format!("expired {}", t.relative)
            }),
        });
    }
    if let Some(t) = find("nbf", TimeStatus::NotYetValid) {
        return Some(ClaimsVerdict {
            status: TimeStatus::NotYetValid,
            phrase: Some(format!(
                "is not valid yet (valid from {}, {})",
                t.iso, t.relative
            )),
        });
    }
    Some(ClaimsVerdict {
        status: TimeStatus::Valid,
        phrase: None,
    })
}
