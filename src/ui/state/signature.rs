//! The key's concern: what the key field asks for ([`KeyKind`]: a secret, a public key or a private key,
//! following the algorithm), and the signature status the pane shows, derived from the token and the key text
//! by the core's `Verifier` (leniently: a pasted `Bearer eyJ…` is verified, and the findings list every
//! deviation).

use super::messages::without_offsets;
use super::token::ClaimRow;
use crate::jwt::alg::KNOWN_UNSUPPORTED;
use crate::jwt::json::{self, Json};
use crate::jwt::{claims, keys};
use crate::{
    Alg, Decoded, Detected, ErrorCode, Finding, InspectError, Key, KeyFormat, KeyInput, KeySet,
    Material, TimeStatus, TokenKind, Verifier, VerifyCode, VerifyOptions, VerifyStatus, Wrapping,
};

/// What the key field asks for: it follows the token's algorithm (in the Encode view, the header's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyKind {
    /// An HMAC secret (HS256/384/512, and whenever there is no signed token to go by).
    #[default]
    Secret,
    /// A public key, certificate, JWK or JWK Set that verifies an RS/PS/ES/EdDSA token.
    Public,
    /// A private key (PEM or JWK) that signs an RS/PS/ES/EdDSA token in the Encode view.
    Private,
}

impl KeyKind {
    /// The kind for a token (or header) with `alg`, when verifying or (`signing`) when signing: a secret
    /// for HS* and anything that is not a signature algorithm, a key pair's half for the asymmetric
    /// algorithms (also those this tool does not verify, such as ES256K).
    pub fn for_alg(alg: Option<&str>, signing: bool) -> KeyKind {
        let asymmetric = alg.is_some_and(|a| {
            Alg::from_name(a).is_some_and(Alg::is_asymmetric) || KNOWN_UNSUPPORTED.contains(&a)
        });
        match (asymmetric, signing) {
            (false, _) => KeyKind::Secret,
            (true, false) => KeyKind::Public,
            (true, true) => KeyKind::Private,
        }
    }

    /// The key field's label.
    pub const fn label(self) -> &'static str {
        match self {
            KeyKind::Secret => "Secret",
            KeyKind::Public => "Public key — PEM, X.509 certificate, JWK or JWK Set",
            KeyKind::Private => "Private key — PEM or JWK",
        }
    }

    /// The key field's placeholder.
    pub const fn placeholder(self) -> &'static str {
        match self {
            KeyKind::Secret => "HMAC secret, or a JWK / JWK Set",
            KeyKind::Public => {
                "-----BEGIN PUBLIC KEY----- … (or a certificate, a JWK or a JWK Set)"
            }
            KeyKind::Private => "-----BEGIN PRIVATE KEY----- … (or a private JWK)",
        }
    }

    /// True for the multi-line key field (PEM text, JSON).
    pub const fn multiline(self) -> bool {
        !matches!(self, KeyKind::Secret)
    }

    /// The formats the menu offers: the ways such a key can be written. A secret is never PEM; an RSA, EC or
    /// OKP key is never bare base64 or hex (the core reads those as secrets).
    pub const fn formats(self) -> &'static [KeyFormat] {
        match self {
            KeyKind::Secret => &[
                KeyFormat::Utf8,
                KeyFormat::Base64,
                KeyFormat::Base64Url,
                KeyFormat::Hex,
                KeyFormat::Jwk,
                KeyFormat::Jwks,
            ],
            // A JWK Set does not sign (the core says so), but the same menu in both views keeps the choice.
            KeyKind::Public | KeyKind::Private => &[
                KeyFormat::Utf8,
                KeyFormat::Pem,
                KeyFormat::Jwk,
                KeyFormat::Jwks,
            ],
        }
    }
}

/// The asymmetric key material the text is written as, as is (PEM, or JWK JSON): what "UTF-8 text" reads
/// as that key.
fn raw_material(text: &str) -> Option<Material> {
    match crate::material::classify(text.as_bytes()) {
        Some(Detected {
            material,
            wrapping: Wrapping::Raw,
        }) => Some(material),
        _ => None,
    }
}

/// True when the key text can be shown without asking: nothing, or a public key, certificate, public JWK or
/// JWK Set of public keys only. A secret, a private key, and text that is none of these (a secret typed for
/// another algorithm, a half-typed JWK) are not.
pub fn looks_public(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    if text.contains("PRIVATE KEY") {
        return false;
    }
    match raw_material(text) {
        Some(Material::PemPublicKey | Material::PemCertificate | Material::PublicJwk) => true,
        Some(Material::AsymmetricJwkSet) => json::parse(text).is_ok_and(|p| {
            // Every key public: an asymmetric key without "d", and no secret ("k").
            match p.value.get("keys") {
                Some(Json::Array(keys)) => keys
                    .iter()
                    .all(|k| k.get("d").is_none() && k.get("k").is_none()),
                _ => false,
            }
        }),
        _ => false,
    }
}

/// The format the key text looks like, when the selected one does not read it and the menu offers it.
pub fn format_hint(text: &str, format: KeyFormat, kind: KeyKind) -> Option<KeyFormat> {
    let raw = raw_material(text);
    let pem = matches!(
        raw,
        Some(Material::PemPublicKey | Material::PemPrivateKey | Material::PemCertificate)
    );
    let asym_json = matches!(
        raw,
        Some(Material::PublicJwk | Material::PrivateJwk | Material::AsymmetricJwkSet)
    );
    let guess = if pem {
        Some(KeyFormat::Pem)
    } else {
        keys::detect_format(text)
    };
    let json = |f| matches!(f, KeyFormat::Jwk | KeyFormat::Jwks);
    guess.filter(|&f| {
        f != format
            && !(json(f) && json(format))
            // UTF-8 text already reads PEM and asymmetric JWK JSON as those keys.
            && !(format == KeyFormat::Utf8 && (pem || asym_json))
            && kind.formats().contains(&f)
    })
}

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
    /// A description of the parsed key (`48-bit secret`, `RSA 2048-bit public key, PEM X.509 certificate`,
    /// `JWK Set of 2 keys: …`), when it parsed.
    pub key_summary: Option<String>,
    /// The certificate the key came from: subject, issuer and validity.
    pub key_cert: Option<String>,
    /// True when a parsed key is a private key.
    pub key_private: bool,
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
            key_cert: None,
            key_private: false,
            key_error: None,
            hint: None,
            findings: Vec::new(),
            pending: true,
        }
    }
}

/// At most this many keys of a JWK Set are described one by one.
const LISTED_KEYS: usize = 4;

/// One key: type and size (or curve), public or private, how it was written, its JWK `kid` and `alg`.
fn describe_key(k: &Key) -> String {
    let mut s = k.describe();
    if k.source != "secret" {
        s.push_str(", ");
        s.push_str(k.source);
    }
    if let Some(kid) = &k.kid {
        s.push_str(&format!(", kid \"{kid}\""));
    }
    if let Some(alg) = &k.alg {
        s.push_str(&format!(", alg {alg}"));
    }
    s
}

/// The key field's parsed key, in words (`48-bit secret`, `RSA 2048-bit public key, PEM public key
/// (SubjectPublicKeyInfo)`, `JWK Set of 3 keys: …`), with what lenient parsing noted.
pub(super) fn key_summary(set: &KeySet) -> String {
    // The first reason a key was skipped (a set may hold up to a thousand).
    let skipped = match set.skipped.as_slice() {
        [] => String::new(),
        [one] => format!(" (1 skipped: {one})"),
        [first, rest @ ..] => format!(" ({} skipped; {first}; …)", rest.len() + 1),
    };
    let notes: String = set.notes.iter().map(|n| format!(" — {n}")).collect();
    match set.keys.as_slice() {
        [one] if !set.is_set => format!("{}{notes}", describe_key(one)),
        keys => {
            let listed: Vec<String> = keys.iter().take(LISTED_KEYS).map(describe_key).collect();
            let more = match keys.len().saturating_sub(LISTED_KEYS) {
                0 => String::new(),
                n => format!("; and {n} more"),
            };
            format!(
                "JWK Set of {} key{}: {}{more}{skipped}{notes}",
                keys.len(),
                if keys.len() == 1 { "" } else { "s" },
                listed.join("; ")
            )
        }
    }
}

/// The certificate a single key came from: who it is for, who issued it, and when it is valid.
fn cert_summary(set: &KeySet) -> Option<String> {
    let c = match set.keys.as_slice() {
        [one] if !set.is_set => one.cert.as_ref()?,
        _ => return None,
    };
    let date = |secs: i64| claims::iso8601(secs as f64).unwrap_or_else(|| secs.to_string());
    let issuer = if c.issuer == c.subject {
        "self-signed".to_owned()
    } else {
        format!("issued by {}", c.issuer)
    };
    Some(format!(
        "Certificate: {}, {issuer}, valid from {} until {}",
        c.subject,
        date(c.not_before),
        date(c.not_after)
    ))
}

/// The signature status of `d` with key text `key` read as `format`, at time `now` (for a certificate's
/// validity), for a key field asking for `kind` (signature only: the claims badge shows expiry separately, so
/// an expired token with the right key is still "verified").
pub fn signature_view(
    d: &Decoded,
    key: &str,
    format: KeyFormat,
    now: f64,
    kind: KeyKind,
) -> SignatureView {
    // Not strict: a person pasting `Bearer eyJ…` or a padded token wants it verified (and a short RSA key
    // read, with a finding); the findings list every deviation from the compact form.
    let opts = VerifyOptions {
        strict: false,
        now,
        ..VerifyOptions::signature_only()
    };
    let alg = d.alg.clone();
    let alg_name = alg.as_deref().unwrap_or("?");
    let hint = format_hint(key, format, kind);
    if d.errors.iter().any(|e| e.code == ErrorCode::Empty) {
        let parsed = keys::parse_with(key, format, false).ok();
        return SignatureView {
            status: UiStatus::NotApplicable,
            title: "No token".to_owned(),
            message: "Paste a token to decode and verify it.".to_owned(),
            code: None,
            alg,
            key_summary: parsed.as_ref().map(key_summary),
            key_cert: parsed.as_ref().and_then(cert_summary),
            key_private: parsed.is_some_and(|s| s.keys.iter().any(Key::is_private)),
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
                match kind {
                    KeyKind::Secret => format!("Enter the secret to verify the {alg_name} signature."),
                    KeyKind::Public => format!(
                        "Paste the public key — PEM, X.509 certificate, JWK or JWK Set — to verify the \
                         {alg_name} signature."
                    ),
                    KeyKind::Private => format!(
                        "Paste the private key (PEM or JWK) to sign {alg_name} tokens; its public half verifies \
                         this one."
                    ),
                },
            ),
        };
        return SignatureView {
            status,
            title,
            message,
            code: None,
            alg,
            key_summary: None,
            key_cert: None,
            key_private: false,
            key_error: None,
            hint: None,
            findings: Vec::new(),
            pending: false,
        };
    }
    let verifier = Verifier::new(KeyInput::Text(key, format), opts);
    let v = verifier.verify_decoded(d);
    let (key_summary, key_cert, key_private, key_error) = match verifier.keys() {
        Ok(set) => (
            Some(key_summary(set)),
            cert_summary(set),
            set.keys.iter().any(Key::is_private),
            None,
        ),
        Err(e) => (None, None, false, Some(e.clone())),
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
            match v.code {
                Some(VerifyCode::KeyAlgMismatch) => format!("Key error: not a key for {alg_name}"),
                Some(VerifyCode::KeyNotFound) => "Key error: no matching key".to_owned(),
                _ => "Key error".to_owned(),
            },
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
        key_cert,
        key_private,
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
/// secret or private key (or a key that can be read, or JSON that parses: the encoder says which).
pub fn to_sign(view: SignatureView, key: &str, format: KeyFormat, kind: KeyKind) -> SignatureView {
    let (status, title, message, key_error) = if key.is_empty() {
        let (title, message) = match kind {
            KeyKind::Secret => (
                "Enter a secret to sign",
                "The token is made from the header and payload in the editors, signed with this secret (HS256, HS384 or HS512).",
            ),
            _ => (
                "Enter a private key to sign",
                "The token is made from the header and payload in the editors, signed with this private key (PEM or JWK) for the header's alg.",
            ),
        };
        (UiStatus::NoKey, title.to_owned(), message.to_owned(), None)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_key_material_is_shown_unasked() {
        let public = [
            "",
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
            "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
            r#"{"kty":"EC","crv":"P-256","x":"a","y":"b"}"#,
            r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},{"kty":"OKP","crv":"Ed25519","x":"a"}]}"#,
        ];
        for t in public {
            assert!(looks_public(t), "{t}");
        }
        let hidden = [
            "secret",
            "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----",
            // A public key followed by a private one, in one paste.
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n",
            r#"{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}"#,
            r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}]}"#,
            r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},{"kty":"oct","k":"c2VjcmV0"}]}"#,
            r#"{"kty":"oct","k":"c2VjcmV0"}"#,
            r#"{"kty":"RSA","n":"#,
        ];
        for t in hidden {
            assert!(!looks_public(t), "{t}");
        }
    }

    #[test]
    fn kinds_follow_the_algorithm() {
        assert_eq!(KeyKind::for_alg(Some("HS256"), false), KeyKind::Secret);
        assert_eq!(KeyKind::for_alg(Some("HS256"), true), KeyKind::Secret);
        assert_eq!(KeyKind::for_alg(None, false), KeyKind::Secret);
        assert_eq!(KeyKind::for_alg(Some("none"), false), KeyKind::Secret);
        assert_eq!(KeyKind::for_alg(Some("A128KW"), false), KeyKind::Secret);
        for a in ["RS256", "PS512", "ES384", "EdDSA", "ES256K"] {
            assert_eq!(KeyKind::for_alg(Some(a), false), KeyKind::Public, "{a}");
            assert_eq!(KeyKind::for_alg(Some(a), true), KeyKind::Private, "{a}");
        }
        assert_eq!(
            KeyKind::Public.label(),
            "Public key — PEM, X.509 certificate, JWK or JWK Set"
        );
        assert_eq!(KeyKind::Secret.label(), "Secret");
    }

    #[test]
    fn a_jwk_set_is_summarised_key_by_key() {
        let set = keys::parse_with(
            r#"{"keys":[{"kty":"OKP","crv":"Ed448","x":"AA"},{"kty":"oct","kid":"a","k":"c2VjcmV0"},
                {"kty":"oct","kid":"b","alg":"HS384","k":"c2VjcmV0cw"}]}"#,
            KeyFormat::Jwks,
            false,
        )
        .unwrap();
        let s = key_summary(&set);
        assert!(
            s.starts_with(
                r#"JWK Set of 2 keys: 48-bit secret, JWK, kid "a"; 56-bit secret, JWK, kid "b", alg HS384 (1 skipped: key 0: "#
            ),
            "{s}"
        );
    }
}
