//! Verification as a value: valid, or a stable code saying why not.
//!
//! Checks run in the order a careful library runs them: the token's structure, `alg: none` (never verifies),
//! JWE (never claimed), the algorithm allow-list, algorithm support (an ES256K token is *unsupported*, never
//! "invalid"), `crit`, the key and the one key rule (a key only verifies the algorithms of its type, so a
//! public key never verifies an HMAC token), the signature (constant-time MAC comparison, or the RSA / ECDSA /
//! EdDSA verification), and then — like PyJWT and jose — the claims.

use super::alg::Alg;
use super::asym::SigFault;
use super::claims::DATE_CLAIMS;
use super::crit;
use super::error::{ErrorCode, InspectError, Part};
use super::json::Json;
use super::keys::{self, KeyFormat, KeySet, Operation};
use super::lints::{self, Finding};
use super::mac::{HmacAlg, MacKey};
use super::token::{self, Decoded, Payload, TokenKind};

/// Stable verification codes (the JS `code`). Append-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VerifyCode {
    /// The token has errors (wrong part count, bad base64url, bad header JSON, …).
    Malformed,
    /// `alg: none` (any case): an unsecured token never verifies.
    AlgNone,
    /// A JWE: encrypted tokens are not verified here.
    JweNotSupported,
    /// `alg` is not in the caller's allow-list.
    AlgNotAllowed,
    /// `alg` is not one this tool verifies (e.g. ES256K, or an Ed448 key): not checked, which is not the same
    /// as invalid.
    UnsupportedAlg,
    /// `crit` lists an extension this tool does not understand, or is malformed.
    CritUnsupported,
    /// The key could not be read.
    KeyInvalid,
    /// No key in the JWK Set matches the token's `kid`.
    KeyNotFound,
    /// The key does not fit the algorithm (its type or curve), or the JWK is restricted to another algorithm,
    /// to encryption or to other operations.
    KeyAlgMismatch,
    /// The MAC or signature does not match (or has the wrong form: see the findings).
    InvalidSignature,
    /// The payload is not a JSON object, so claims cannot be validated.
    ClaimsNotObject,
    /// A claim has the wrong type (e.g. a string `exp`).
    InvalidClaim,
    /// A required claim is missing.
    MissingClaim,
    /// `exp` has passed (beyond the leeway).
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    NotYetValid,
    /// `iat` is in the future (beyond the leeway).
    IatInFuture,
    /// `aud` does not include an expected audience.
    InvalidAudience,
    /// `iss` is not an expected issuer.
    InvalidIssuer,
    /// `sub` is not the expected subject.
    InvalidSubject,
    /// The header's `typ` is not the expected one (RFC 8725 §3.11).
    InvalidTyp,
}

impl VerifyCode {
    /// The stable code string (`"INVALID_SIGNATURE"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            VerifyCode::Malformed => "MALFORMED",
            VerifyCode::AlgNone => "ALG_NONE",
            VerifyCode::JweNotSupported => "JWE_NOT_SUPPORTED",
            VerifyCode::AlgNotAllowed => "ALG_NOT_ALLOWED",
            VerifyCode::UnsupportedAlg => "UNSUPPORTED_ALG",
            VerifyCode::CritUnsupported => "CRIT_UNSUPPORTED",
            VerifyCode::KeyInvalid => "KEY_INVALID",
            VerifyCode::KeyNotFound => "KEY_NOT_FOUND",
            VerifyCode::KeyAlgMismatch => "KEY_ALG_MISMATCH",
            VerifyCode::InvalidSignature => "INVALID_SIGNATURE",
            VerifyCode::ClaimsNotObject => "CLAIMS_NOT_OBJECT",
            VerifyCode::InvalidClaim => "INVALID_CLAIM",
            VerifyCode::MissingClaim => "MISSING_CLAIM",
            VerifyCode::Expired => "EXPIRED",
            VerifyCode::NotYetValid => "NOT_YET_VALID",
            VerifyCode::IatInFuture => "IAT_IN_FUTURE",
            VerifyCode::InvalidAudience => "INVALID_AUDIENCE",
            VerifyCode::InvalidIssuer => "INVALID_ISSUER",
            VerifyCode::InvalidSubject => "INVALID_SUBJECT",
            VerifyCode::InvalidTyp => "INVALID_TYP",
        }
    }

    /// Every code, in documentation order.
    pub const ALL: &'static [VerifyCode] = &[
        VerifyCode::Malformed,
        VerifyCode::AlgNone,
        VerifyCode::JweNotSupported,
        VerifyCode::AlgNotAllowed,
        VerifyCode::UnsupportedAlg,
        VerifyCode::CritUnsupported,
        VerifyCode::KeyInvalid,
        VerifyCode::KeyNotFound,
        VerifyCode::KeyAlgMismatch,
        VerifyCode::InvalidSignature,
        VerifyCode::ClaimsNotObject,
        VerifyCode::InvalidClaim,
        VerifyCode::MissingClaim,
        VerifyCode::Expired,
        VerifyCode::NotYetValid,
        VerifyCode::IatInFuture,
        VerifyCode::InvalidAudience,
        VerifyCode::InvalidIssuer,
        VerifyCode::InvalidSubject,
        VerifyCode::InvalidTyp,
    ];
}

/// The coarse outcome a UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerifyStatus {
    /// Verified (and claims valid, if validated).
    Valid,
    /// Not valid: bad signature, malformed token, rejected algorithm or claims.
    Invalid,
    /// The algorithm is not one this tool verifies; says nothing about validity.
    Unsupported,
    /// The key could not be used.
    KeyError,
    /// Verification does not apply (unsecured token, JWE).
    NotApplicable,
}

impl VerifyStatus {
    /// `"valid"`, `"invalid"`, `"unsupported"`, `"key-error"`, `"not-applicable"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            VerifyStatus::Valid => "valid",
            VerifyStatus::Invalid => "invalid",
            VerifyStatus::Unsupported => "unsupported",
            VerifyStatus::KeyError => "key-error",
            VerifyStatus::NotApplicable => "not-applicable",
        }
    }
}

/// What to check and against what.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifyOptions {
    /// Allow-list of `alg` values. `None` allows the algorithms that fit the key (RFC 8725 §3.1): HS* for a
    /// secret, RS*/PS* for RSA, the curve's ES algorithm for EC, EdDSA for Ed25519. Either way a key only
    /// verifies its own algorithms.
    pub algorithms: Option<Vec<String>>,
    /// Validate exp / nbf / iat / aud / iss / required claims after the signature (default true).
    pub validate_claims: bool,
    /// The current time, unix seconds (the core never reads a clock).
    pub now: f64,
    /// Seconds of clock skew tolerated for exp / nbf / iat (default 0, as in PyJWT and jose).
    pub leeway: f64,
    /// Accepted audiences: `aud` must contain at least one. Without it, a token that has an `aud` claim fails
    /// strict verification (`INVALID_AUDIENCE`, RFC 7519 §4.1.3, as PyJWT does); non-strict ignores `aud`.
    pub audience: Option<Vec<String>>,
    /// Accepted issuers: `iss` must be one of them.
    pub issuer: Option<Vec<String>>,
    /// Claims that must be present (a `null` value counts as missing, as in PyJWT).
    pub required_claims: Vec<String>,
    /// The expected subject: `sub` must be exactly this.
    pub subject: Option<String>,
    /// The oldest token accepted, in seconds since its `iat` (jose's `maxTokenAge`): `iat` is then required
    /// and `now - iat` must not exceed it plus the leeway (`EXPIRED` otherwise).
    pub max_age: Option<f64>,
    /// The expected header `typ` (RFC 8725 §3.11), compared as media types are (case-insensitively, with or
    /// without `application/`). Checked whenever given, also without claim validation.
    pub typ: Option<String>,
    /// Accept only the exact compact form (default true): a token that needed clean-up (a `Bearer ` prefix,
    /// whitespace, quotes) or that is not strict base64url (padding, `+`/`/`, stray trailing bits) is
    /// `MALFORMED`, so one token has one spelling (RFC 7515 §2, §7.1). The app turns this off: a person
    /// pasting `Bearer eyJ…` wants it verified, and sees the findings.
    pub strict: bool,
}

impl VerifyOptions {
    /// Secure defaults at time `now`: claims validated, no leeway, HMAC algorithms only.
    pub fn new(now: f64) -> Self {
        VerifyOptions {
            algorithms: None,
            validate_claims: true,
            now,
            leeway: 0.0,
            audience: None,
            issuer: None,
            required_claims: Vec::new(),
            subject: None,
            max_age: None,
            typ: None,
            strict: true,
        }
    }

    /// Signature only: no claim validation.
    pub fn signature_only() -> Self {
        VerifyOptions {
            validate_claims: false,
            ..VerifyOptions::new(0.0)
        }
    }
}

/// The outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// `None` when valid; otherwise why not.
    pub code: Option<VerifyCode>,
    /// One plain sentence, also when valid.
    pub message: String,
    /// The token's `alg`.
    pub alg: Option<String>,
    /// True when the MAC matched (even if claims then failed).
    pub signature_verified: bool,
    /// Size of the key that matched (or the key tried, when one key), in bits: secret length, RSA modulus or
    /// curve size.
    pub key_bits: Option<usize>,
    /// Its JWK key type: `"oct"`, `"RSA"`, `"EC"` or `"OKP"`.
    pub key_type: Option<&'static str>,
    /// Its curve (`"P-256"`, …, `"Ed25519"`), for EC and OKP keys.
    pub curve: Option<&'static str>,
    /// `kid` of the matching JWK, if it has one.
    pub kid: Option<String>,
    /// Index of the matching key in a JWK Set.
    pub key_index: Option<usize>,
    /// The key parse error, for `KeyInvalid`.
    pub key_error: Option<InspectError>,
    /// Key and signature findings: weak-hmac-key, well-known-secret, public-key-as-secret, rsa-key-too-short,
    /// private-key-pasted, ecdsa-der-signature, signature-length, …
    pub findings: Vec<Finding>,
}

impl Verification {
    /// True when verified.
    pub fn is_valid(&self) -> bool {
        self.code.is_none()
    }

    /// The coarse status for a UI.
    pub fn status(&self) -> VerifyStatus {
        match self.code {
            None => VerifyStatus::Valid,
            Some(VerifyCode::UnsupportedAlg) => VerifyStatus::Unsupported,
            Some(VerifyCode::KeyInvalid | VerifyCode::KeyNotFound | VerifyCode::KeyAlgMismatch) => {
                VerifyStatus::KeyError
            }
            Some(VerifyCode::AlgNone | VerifyCode::JweNotSupported) => VerifyStatus::NotApplicable,
            Some(_) => VerifyStatus::Invalid,
        }
    }

    fn describe_key(&mut self, key: &keys::Key) {
        self.key_bits = Some(key.bits());
        self.key_type = Some(key.kty());
        self.curve = key.curve().map(|c| c.name());
    }

    fn fail(alg: Option<&str>, code: VerifyCode, message: impl Into<String>) -> Self {
        Verification {
            code: Some(code),
            message: message.into(),
            alg: alg.map(str::to_owned),
            signature_verified: false,
            key_bits: None,
            key_type: None,
            curve: None,
            kid: None,
            key_index: None,
            key_error: None,
            findings: Vec::new(),
        }
    }
}

/// What a [`Verifier`] computes once per secret: the keyed HMAC states (so a verification costs only the
/// message's hash compressions) and, per algorithm, the message and key findings of a verified token.
/// Asymmetric keys need nothing more than their parsed form (RSA's Montgomery parameters are computed when
/// the key is read).
#[derive(Debug)]
struct Prepared {
    mac: Option<MacKey>,
    verified: [(String, Vec<Finding>); 3],
}

const HMAC_ALGS: [HmacAlg; 3] = [HmacAlg::HS256, HmacAlg::HS384, HmacAlg::HS512];

fn alg_index(alg: HmacAlg) -> usize {
    match alg {
        HmacAlg::HS256 => 0,
        HmacAlg::HS384 => 1,
        HmacAlg::HS512 => 2,
    }
}

fn which_key(set: &KeySet, key: &keys::Key) -> String {
    match (set.is_set, &key.kid, key.index) {
        (true, Some(kid), _) => format!(" with the JWK Set key kid \"{kid}\""),
        (true, None, Some(i)) => format!(" with key {i} of the JWK Set"),
        _ => String::new(),
    }
}

impl Prepared {
    fn new(set: &KeySet, key: &keys::Key) -> Self {
        let Some(secret) = key.secret() else {
            return Prepared {
                mac: None,
                verified: Default::default(),
            };
        };
        let which = which_key(set, key);
        let verified = HMAC_ALGS.map(|alg| {
            (
                format!(
                    "Signature verified ({}, {}-bit key{which}).",
                    alg.name(),
                    key.bits()
                ),
                lints::key_findings(alg, secret, true),
            )
        });
        Prepared {
            mac: Some(MacKey::new(secret)),
            verified,
        }
    }
}

/// A key given to a [`Verifier`].
#[derive(Debug, Clone, Copy)]
pub enum KeyInput<'k> {
    /// Key text and how to read it.
    Text(&'k str, KeyFormat),
    /// The secret itself (e.g. a `Uint8Array`).
    Bytes(&'k [u8]),
}

/// The one verification engine: built once from a key and a policy, holding the parsed keys and their
/// keyed HMAC states, and answering [`Verifier::verify`] for as many tokens as needed. Every caller — the
/// [`verify`] function, the npm binding, the app — verifies through it, so every rule lives here once.
/// `Debug` never shows key material.
#[derive(Debug)]
pub struct Verifier {
    keys: Result<KeySet, InspectError>,
    /// One entry per key of `keys`: what does not depend on the token, computed once.
    prepared: Vec<Prepared>,
    options: VerifyOptions,
}

impl Verifier {
    /// A verifier for `key` under `options`. Key errors are not returned here: they are the answer
    /// (`KEY_INVALID`) of every verification, after the token's own checks. Key text is read strictly
    /// when `options.strict` is set (see [`keys::parse_with`]).
    pub fn new(key: KeyInput<'_>, options: VerifyOptions) -> Self {
        let keys = match key {
            KeyInput::Text(text, format) => keys::parse_with(text, format, options.strict),
            KeyInput::Bytes(bytes) => keys::from_bytes(bytes),
        };
        Verifier::from_keys(keys, options)
    }

    /// A verifier for keys already parsed.
    pub fn from_keys(keys: Result<KeySet, InspectError>, options: VerifyOptions) -> Self {
        let prepared = match &keys {
            Ok(set) => set.keys.iter().map(|k| Prepared::new(set, k)).collect(),
            Err(_) => Vec::new(),
        };
        Verifier {
            keys,
            prepared,
            options,
        }
    }

    /// The parsed keys, or why the key could not be read.
    pub fn keys(&self) -> &Result<KeySet, InspectError> {
        &self.keys
    }

    /// The policy.
    pub fn options(&self) -> &VerifyOptions {
        &self.options
    }

    /// The policy, to change between verifications (the clock, claim options). Key text was read under
    /// the strictness given at construction.
    pub fn options_mut(&mut self) -> &mut VerifyOptions {
        &mut self.options
    }

    /// True when this key could verify `alg` (by type, curve and JWK restrictions), for a UI that wants to
    /// say which algorithms a pasted key is for.
    pub fn verifies(&self, alg: Alg) -> bool {
        self.keys.as_ref().is_ok_and(|set| {
            set.keys
                .iter()
                .any(|k| keys::permits(k, alg, Operation::Verify).is_ok())
        })
    }

    /// Verifies `input`.
    pub fn verify(&self, input: &str) -> Verification {
        self.verify_decoded(&token::decode(input))
    }

    /// Verifies an already decoded token. The key is only looked at once the token itself is verifiable,
    /// so a malformed token reports `MALFORMED` whatever the key.
    pub fn verify_decoded(&self, d: &Decoded) -> Verification {
        let opts = &self.options;
        let alg = d.alg.as_deref();
        // A payload that is not well-formed JSON is still a well-formed JWS (the MAC covers bytes); claim
        // validation rejects it later. Every other error makes the token unverifiable.
        let blocking = d.errors.iter().find(|e| {
            !(e.part == Part::Payload
                && matches!(e.code, ErrorCode::JsonSyntax | ErrorCode::JsonDepth))
        });
        if let Some(e) = blocking {
            return Verification::fail(
                alg,
                VerifyCode::Malformed,
                format!("The token is malformed: {}", e.message),
            );
        }
        if opts.strict {
            if let Some(why) = non_strict(d) {
                return Verification::fail(alg, VerifyCode::Malformed, why);
            }
        }
        if d.kind == TokenKind::Jwe {
            return Verification::fail(
                alg,
                VerifyCode::JweNotSupported,
                "This is an encrypted token (JWE); it is decrypted, not verified, and this tool does neither.",
            );
        }
        let Some(alg_name) = alg else {
            return Verification::fail(
                None,
                VerifyCode::Malformed,
                "The header has no \"alg\" string.",
            );
        };
        if d.kind == TokenKind::Unsecured {
            return Verification::fail(
                alg,
                VerifyCode::AlgNone,
                format!(
                    "alg \"{alg_name}\": an unsecured token has no signature and never verifies."
                ),
            );
        }
        if let Some(allowed) = &opts.algorithms {
            if !allowed.iter().any(|a| a == alg_name) {
                return Verification::fail(
                    alg,
                    VerifyCode::AlgNotAllowed,
                    format!(
                        "alg \"{alg_name}\" is not in the allowed algorithms ({}).",
                        allowed.join(", ")
                    ),
                );
            }
        }
        let Some(jws_alg) = Alg::from_name(alg_name) else {
            return Verification::fail(
                alg,
                VerifyCode::UnsupportedAlg,
                format!(
                    "alg \"{alg_name}\" is not supported: this tool verifies HS256/384/512, RS256/384/512, \
                     PS256/384/512, ES256/384/512 and EdDSA (Ed25519). The signature was not checked — that does \
                     not make it invalid."
                ),
            );
        };
        if let Some(h) = &d.header {
            let problems = crit::problems(h);
            if !problems.is_empty() {
                return Verification::fail(
                    alg,
                    VerifyCode::CritUnsupported,
                    format!(
                        "The token must be rejected: {} (RFC 7515 §4.1.11).",
                        problems.join("; ")
                    ),
                );
            }
        }
        let (Some(sig), Some(input)) = (&d.signature, d.signing_input()) else {
            return Verification::fail(
                alg,
                VerifyCode::Malformed,
                "The token has no signature part.",
            );
        };
        let set = match &self.keys {
            Ok(set) => set,
            Err(e) if e.code == ErrorCode::KeyUnsupported => {
                // An Ed448 or secp256k1 key: the signature cannot be checked, which is not "invalid".
                let mut v = Verification::fail(
                    alg,
                    VerifyCode::UnsupportedAlg,
                    format!("{} The signature was not checked.", e.message),
                );
                v.key_error = Some(e.clone());
                return v;
            }
            Err(e) => {
                let mut v = Verification::fail(alg, VerifyCode::KeyInvalid, e.message.clone());
                v.findings = lints::refused_key_findings(e);
                v.key_error = Some(e.clone());
                return v;
            }
        };
        let candidates = match candidates(d, set, jws_alg) {
            Ok(c) => c,
            Err((code, msg, refused)) => {
                let mut v = Verification::fail(alg, code, msg);
                if let Some(i) = refused {
                    let key = &set.keys[i];
                    v.describe_key(key);
                    v.findings = lints::mismatch_findings(key, jws_alg, &v.message);
                }
                return v;
            }
        };
        let candidates = candidates.as_slice();
        let mut fault = None;
        let matched = candidates.iter().find(|&&i| {
            match (
                &self.prepared[i].mac,
                jws_alg.hmac(),
                set.keys[i].asymmetric(),
            ) {
                (Some(mac), Some(h), _) => mac.verify(h, input, sig),
                (_, None, Some(k)) => match k.verify(jws_alg, input, sig) {
                    Ok(()) => true,
                    Err(f) => {
                        fault.get_or_insert(f);
                        false
                    }
                },
                _ => false,
            }
        });
        let Some(&i) = matched else {
            let shape = fault.filter(|f| *f != SigFault::Mismatch);
            let mut v = Verification::fail(
                alg,
                VerifyCode::InvalidSignature,
                if sig.is_empty() {
                    "The signature is empty.".to_owned()
                } else if let Some(f) = shape.filter(|_| candidates.len() == 1) {
                    match f {
                        SigFault::Length { expected, got } => format!(
                            "The signature is {got} bytes, but {alg_name} with this key makes {expected}-byte \
                             signatures."
                        ),
                        SigFault::EcdsaDer => format!(
                            "The signature is in ASN.1 DER form; {alg_name} in JOSE is the raw R‖S (RFC 7518 §3.4)."
                        ),
                        _ => "The signature's r or s is out of range: it can never be valid (CVE-2022-21449)."
                            .to_owned(),
                    }
                } else if candidates.len() > 1 {
                    format!(
                        "The signature does not match any of the {} candidate keys.",
                        candidates.len()
                    )
                } else {
                    "The signature does not match: wrong key, or the token was altered.".to_owned()
                },
            );
            if let Some(f) = shape {
                v.findings = lints::signature_findings(f, alg_name);
            }
            if let [only] = candidates {
                let key = &set.keys[*only];
                v.describe_key(key);
                match (jws_alg.hmac(), key.secret()) {
                    (Some(h), Some(secret)) => {
                        v.findings.extend(lints::key_findings(h, secret, false))
                    }
                    _ => v.findings.extend(lints::asym_key_findings(key, opts.now)),
                }
            }
            v.findings.extend(lints::jwks_findings(set));
            return v;
        };
        let key = &set.keys[i];
        let (message, findings) = match jws_alg.hmac() {
            Some(h) => self.prepared[i].verified[alg_index(h)].clone(),
            None => (
                format!(
                    "Signature verified ({alg_name}, {}{}).",
                    key.describe(),
                    which_key(set, key)
                ),
                lints::asym_key_findings(key, opts.now),
            ),
        };
        let mut v = Verification {
            code: None,
            message,
            alg: alg.map(str::to_owned),
            signature_verified: true,
            key_bits: None,
            key_type: None,
            curve: None,
            kid: key.kid.clone(),
            key_index: key.index,
            key_error: None,
            findings,
        };
        v.describe_key(key);
        if set.is_set {
            v.findings.extend(lints::jwks_findings(set));
        }
        if let Some(expected) = &opts.typ {
            let typ = d.header.as_ref().and_then(|h| h.get("typ"));
            if !typ
                .and_then(Json::as_str)
                .is_some_and(|t| same_media_type(t, expected))
            {
                v.code = Some(VerifyCode::InvalidTyp);
                v.message = format!(
                    "The signature is valid, but the header's \"typ\" is {}, not \"{expected}\" (RFC 8725 §3.11).",
                    typ.map_or_else(|| "missing".to_owned(), |t| t.to_compact())
                );
                return v;
            }
        }
        if opts.validate_claims {
            if let Some((code, msg)) = validate_claims(d, opts) {
                v.code = Some(code);
                v.message = format!("The signature is valid, but {msg}");
            }
        }
        v
    }
}

/// Verifies `input` with key text read as `format` (a one-off [`Verifier`]).
pub fn verify(input: &str, key: &str, format: KeyFormat, opts: &VerifyOptions) -> Verification {
    Verifier::new(KeyInput::Text(key, format), opts.clone()).verify(input)
}

/// Why `d` is not in the one spelling strict verification accepts, if it is not (see
/// [`VerifyOptions::strict`]): clean-up was needed, base64url is not canonical, the header repeats a member
/// name (RFC 7515 §4: parsers disagree on which one counts) or its `kid` is not a string.
fn non_strict(d: &Decoded) -> Option<String> {
    if let Some(note) = d.notes.first() {
        use super::input::NoteKind;
        let what = match note.kind {
            NoteKind::Trimmed => "has whitespace around it",
            NoteKind::AuthorizationHeader => "starts with an `Authorization:` header name",
            NoteKind::BearerPrefix => "starts with a `Bearer` prefix",
            NoteKind::Quotes => "is wrapped in quotes",
            NoteKind::InnerWhitespace => "has line breaks or spaces inside it",
        };
        return Some(format!(
            "The token {what}: strict verification takes only the bare compact token (one token, one spelling). \
             Pass the bare token, or set `strict: false` to have it cleaned up."
        ));
    }
    if let Some(dev) = d.base64_deviations.first() {
        let what = match dev.issue {
            super::b64::B64Issue::Padding => "has '=' padding",
            super::b64::B64Issue::StandardAlphabet => "uses '+' or '/' instead of '-' and '_'",
            super::b64::B64Issue::TrailingBits => {
                "ends with a character carrying stray bits (a non-canonical encoding)"
            }
        };
        return Some(format!(
            "The {} {what}: JWS requires strict base64url (RFC 7515 §2), so one token has one spelling.",
            dev.part
        ));
    }
    if let Some(dup) = d.duplicates.iter().find(|x| x.part == Part::Header) {
        return Some(format!(
            "The header has member \"{}\" more than once: parsers disagree on which one counts, so strict \
             verification rejects it (RFC 7515 §4).",
            dup.duplicate.pointer.trim_start_matches('/')
        ));
    }
    match d.header.as_ref().and_then(|h| h.get("kid")) {
        Some(Json::String(_)) | None => None,
        Some(other) => Some(format!(
            "The header's \"kid\" must be a string (RFC 7515 §4.1.4), not {}.",
            other.type_name()
        )),
    }
}

/// The indexes of the keys to try, in order: by `kid` when the token has one and the input is a set;
/// every key otherwise. Each must pass the one key rule, [`keys::permits`]. An error says why no key can be
/// tried, with the refused key when there was exactly one.
#[allow(clippy::type_complexity)]
fn candidates(
    d: &Decoded,
    set: &KeySet,
    alg: Alg,
) -> Result<Candidates, (VerifyCode, String, Option<usize>)> {
    if let ([key], false) = (set.keys.as_slice(), set.is_set) {
        // One key (the common case): no list to build.
        return match keys::permits(key, alg, Operation::Verify) {
            Ok(()) => Ok(Candidates::One([0])),
            Err(r) => Err((VerifyCode::KeyAlgMismatch, r.message, Some(0))),
        };
    }
    let mut keys: Vec<usize> = (0..set.keys.len()).collect();
    if set.is_set {
        match d.header.as_ref().and_then(|h| h.get("kid")) {
            None => {}
            Some(Json::String(kid)) => {
                keys.retain(|&i| set.keys[i].kid.as_deref() == Some(kid.as_str()));
                if keys.is_empty() {
                    return Err((
                        VerifyCode::KeyNotFound,
                        format!("No key in the JWK Set has kid \"{kid}\"."),
                        None,
                    ));
                }
            }
            // Never "try every key": a kid that cannot be matched picks none.
            Some(other) => {
                return Err((
                    VerifyCode::KeyNotFound,
                    format!(
                        "The token's \"kid\" is {}, not a string, so no key of the JWK Set can be chosen.",
                        other.type_name()
                    ),
                    None,
                ))
            }
        }
    }
    let mut refusal = None;
    keys.retain(
        |&i| match keys::permits(&set.keys[i], alg, Operation::Verify) {
            Ok(()) => true,
            Err(r) => {
                refusal.get_or_insert((r, i));
                false
            }
        },
    );
    if keys.is_empty() {
        // One key to blame (not a set, a set of one, or the key the token's kid picked): its own reason.
        let one = !set.is_set
            || set.keys.len() == 1
            || d.header.as_ref().and_then(|h| h.get("kid")).is_some();
        return Err(match refusal {
            Some((r, i)) if one => (VerifyCode::KeyAlgMismatch, r.message, Some(i)),
            _ => (
                VerifyCode::KeyAlgMismatch,
                format!("No key of the JWK Set may verify {}.", alg.name()),
                None,
            ),
        });
    }
    Ok(Candidates::Many(keys))
}

/// The keys to try: one, or several of a set.
enum Candidates {
    One([usize; 1]),
    Many(Vec<usize>),
}

impl Candidates {
    fn as_slice(&self) -> &[usize] {
        match self {
            Candidates::One(one) => one,
            Candidates::Many(many) => many,
        }
    }
}

/// `typ` values compare as media types: case-insensitively, and `JWT` is `application/JWT` (RFC 7515
/// §4.1.9).
fn same_media_type(a: &str, b: &str) -> bool {
    let bare = |t: &str| {
        let t = t.trim();
        match t.get(..12) {
            Some(p) if p.eq_ignore_ascii_case("application/") => t[12..].to_ascii_lowercase(),
            _ => t.to_ascii_lowercase(),
        }
    };
    bare(a) == bare(b)
}

fn validate_claims(d: &Decoded, opts: &VerifyOptions) -> Option<(VerifyCode, String)> {
    let Some(Payload::Json(p)) = &d.payload else {
        return claims_problem(&Json::Null, opts);
    };
    claims_problem(p, opts)
}

/// The first claim problem in payload `p` under `opts` (exp, nbf, iat with leeway; required claims; issuer;
/// audience), as a code and the end of a sentence; `None` when the claims are valid. Allocates only to
/// describe a problem. Public so that a fast verification path can reuse the exact rules.
pub fn claims_problem(p: &Json, opts: &VerifyOptions) -> Option<(VerifyCode, String)> {
    if p.as_object().is_none() {
        return Some((
            VerifyCode::ClaimsNotObject,
            "the payload is not a JSON object, so its claims cannot be validated (verify the signature only \
             with claim validation off)."
                .into(),
        ));
    }
    for name in &opts.required_claims {
        if matches!(p.get(name), None | Some(Json::Null)) {
            return Some((
                VerifyCode::MissingClaim,
                format!("the required claim \"{name}\" is missing."),
            ));
        }
    }
    for name in DATE_CLAIMS.iter().take(3) {
        if let Some(v) = p.get(name) {
            if v.as_f64().filter(|x| x.is_finite()).is_none() {
                return Some((
                    VerifyCode::InvalidClaim,
                    format!(
                        "\"{name}\" must be a number of seconds, but it is {}.",
                        v.type_name()
                    ),
                ));
            }
        }
    }
    let num = |name: &str| p.get(name).and_then(Json::as_f64);
    let (now, leeway) = (opts.now, opts.leeway);
    // Every comparison below is false with a NaN: a clock that is not a number must fail closed.
    if !now.is_finite() || !leeway.is_finite() {
        return Some((
            VerifyCode::InvalidClaim,
            "the clock (now) or the leeway is not a finite number, so no time claim can be checked.".into(),
        ));
    }
    if let Some(exp) = num("exp") {
        if now >= exp + leeway {
            return Some((
                VerifyCode::Expired,
                format!("the token expired at {}.", date(exp)),
            ));
        }
    }
    if let Some(nbf) = num("nbf") {
        if nbf > now + leeway {
            return Some((
                VerifyCode::NotYetValid,
                format!("the token is not valid before {}.", date(nbf)),
            ));
        }
    }
    if let Some(iat) = num("iat") {
        if iat > now + leeway {
            return Some((
                VerifyCode::IatInFuture,
                format!(
                    "the token says it was issued in the future ({}).",
                    date(iat)
                ),
            ));
        }
    }
    if let Some(max_age) = opts.max_age {
        let Some(iat) = num("iat") else {
            return Some((
                VerifyCode::MissingClaim,
                "the token has no \"iat\" claim, so its age (maxAge) cannot be checked.".into(),
            ));
        };
        if !max_age.is_finite() || now - iat > max_age + leeway {
            return Some((
                VerifyCode::Expired,
                format!(
                    "the token was issued at {}, more than {} seconds ago (maxAge).",
                    date(iat),
                    super::claims::number(max_age)
                ),
            ));
        }
    }
    if let Some(subject) = &opts.subject {
        match p.get("sub") {
            None | Some(Json::Null) => {
                return Some((
                    VerifyCode::MissingClaim,
                    "the token has no \"sub\" claim.".into(),
                ))
            }
            Some(Json::String(sub)) if sub == subject => {}
            Some(_) => {
                return Some((
                    VerifyCode::InvalidSubject,
                    "the subject (\"sub\") is not the expected one.".into(),
                ))
            }
        }
    }
    if let Some(issuers) = &opts.issuer {
        match p.get("iss") {
            None => {
                return Some((
                    VerifyCode::MissingClaim,
                    "the token has no \"iss\" claim.".into(),
                ))
            }
            Some(Json::String(iss)) if issuers.iter().any(|i| i == iss) => {}
            Some(_) => {
                return Some((
                    VerifyCode::InvalidIssuer,
                    "the issuer (\"iss\") is not the expected one.".into(),
                ))
            }
        }
    }
    if let Some(expected) = &opts.audience {
        let ok = match p.get("aud") {
            None => {
                return Some((
                    VerifyCode::MissingClaim,
                    "the token has no \"aud\" claim.".into(),
                ))
            }
            Some(Json::String(a)) => expected.iter().any(|e| e == a),
            Some(Json::Array(items)) => {
                if items.iter().any(|i| i.as_str().is_none()) {
                    return Some((
                        VerifyCode::InvalidClaim,
                        "\"aud\" must be a string or an array of strings (RFC 7519 §4.1.3).".into(),
                    ));
                }
                items
                    .iter()
                    .any(|i| i.as_str().is_some_and(|a| expected.iter().any(|e| e == a)))
            }
            Some(_) => {
                return Some((
                    VerifyCode::InvalidClaim,
                    "\"aud\" must be a string or an array of strings (RFC 7519 §4.1.3).".into(),
                ))
            }
        };
        if !ok {
            return Some((
                VerifyCode::InvalidAudience,
                "the audience (\"aud\") is not an expected one.".into(),
            ));
        }
    } else if opts.strict && !matches!(p.get("aud"), None | Some(Json::Null)) {
        // RFC 7519 §4.1.3: a recipient that does not identify itself with a value of "aud" MUST reject the
        // token. Like PyJWT (and unlike jose), strict verification does not skip the check silently.
        return Some((
            VerifyCode::InvalidAudience,
            "the token is meant for an audience (\"aud\") and no expected audience was given: pass the \
             audience option, or turn claim validation off (RFC 7519 §4.1.3)."
                .into(),
        ));
    }
    None
}

fn date(secs: f64) -> String {
    super::claims::iso8601(secs).unwrap_or_else(|| super::claims::number(secs))
}
