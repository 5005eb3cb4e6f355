//! Findings: what a security reviewer would say about a token, one plain sentence each, with the RFC section.
//!
//! Lint ids are kebab-case and append-only (documented in the README). A finding is advice, not an error:
//! the token still decodes.

use super::alg::{Alg, KNOWN_UNSUPPORTED};
use super::asym::{AsymKey, SigFault, RSA_MIN_BITS};
use super::b64::B64Issue;
use super::claims::{self, DATE_CLAIMS};
use super::crit;
use super::error::{ErrorCode, InspectError, Part, Span};
use super::json::Json;
use super::keys::{Key, KeySet};
use super::mac::HmacAlg;
use super::token::{Decoded, Payload, TokenKind};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Likely a mistake or a weakness.
    Warning,
    /// A security problem.
    Danger,
}

impl Severity {
    /// `"info"`, `"warning"` or `"danger"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Danger => "danger",
        }
    }
}

/// The findings registry: one line per rule — variant, stable id, RFC cite and the one-line summary (its doc
/// comment) — from which the enum, [`Lint::id`], [`Lint::rfc`], [`Lint::summary`] and [`Lint::ALL`] are
/// made. The README's findings table and the npm `LintId` type are checked against it by `tests/readme.rs`.
macro_rules! registry {
    ($($(#[doc = $doc:literal])+ $name:ident => $id:literal, $rfc:literal;)+) => {
        /// The lint rules. `#[non_exhaustive]`: rules may be appended.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Lint {
            $($(#[doc = $doc])+ $name,)+
        }

        impl Lint {
            /// The stable kebab-case id.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Lint::$name => $id,)+
                }
            }

            /// The RFC (or CVE) the rule rests on.
            pub const fn rfc(self) -> &'static str {
                match self {
                    $(Lint::$name => $rfc,)+
                }
            }

            /// What the rule flags, in one line (the README's findings table).
            pub fn summary(self) -> &'static str {
                match self {
                    $(Lint::$name => concat!($($doc),+).trim_start(),)+
                }
            }

            /// Every rule, in documentation order.
            pub const ALL: &'static [Lint] = &[$(Lint::$name,)+];
        }
    };
}

registry! {
    /// `alg` is `none` in any case.
    AlgNone => "alg-none", "RFC 8725 §3.1";
    /// The header has no `alg`.
    MissingAlg => "missing-alg", "RFC 7515 §4.1.1";
    /// A signed token whose signature part is empty.
    MissingSignature => "missing-signature", "RFC 7515 §5.2";
    /// An algorithm this tool cannot verify (ES256K, Ed448, or unknown).
    UnsupportedAlg => "unsupported-alg", "RFC 7518 §3.1";
    /// The HMAC key is shorter than the hash output.
    WeakHmacKey => "weak-hmac-key", "RFC 7518 §3.2";
    /// The key that verified is a published or default secret.
    WellKnownSecret => "well-known-secret", "RFC 8725 §3.5";
    /// The HMAC secret is key material (PEM, SSH, DER, JWK), not a secret: algorithm-confusion material.
    PublicKeyAsSecret => "public-key-as-secret", "RFC 8725 §2.1";
    /// No `exp` claim.
    MissingExp => "missing-exp", "RFC 7519 §4.1.4";
    /// The token lives longer than a day.
    LongLived => "long-lived", "RFC 7519 §4.1.4";
    /// `exp` has passed.
    Expired => "expired", "RFC 7519 §4.1.4";
    /// `nbf` is in the future.
    NotYetValid => "not-yet-valid", "RFC 7519 §4.1.5";
    /// `iat` is in the future.
    IatInFuture => "iat-in-future", "RFC 7519 §4.1.6";
    /// A NumericDate claim that is not a number.
    InvalidNumericDate => "invalid-numeric-date", "RFC 7519 §2";
    /// A NumericDate with a fractional part.
    FractionalDate => "fractional-date", "RFC 7519 §2";
    /// A NumericDate that looks like milliseconds.
    DateInMilliseconds => "date-in-milliseconds", "RFC 7519 §2";
    /// `crit` is malformed or lists extensions this tool does not understand.
    Crit => "crit", "RFC 7515 §4.1.11";
    /// `jwk` / `jku` / `x5u` / `x5c` in the header.
    TokenSuppliedKey => "token-supplied-key", "RFC 8725 §3.10";
    /// A `kid` that looks like an injection or path traversal.
    SuspiciousKid => "suspicious-kid", "RFC 8725 §3.10";
    /// A `typ` that is not a JWT media type.
    UnexpectedTyp => "unexpected-typ", "RFC 8725 §3.11";
    /// A JSON member name occurs twice.
    DuplicateMember => "duplicate-member", "RFC 7515 §5.2";
    /// Padding, the standard alphabet or stray trailing bits in base64url.
    NonCanonicalBase64 => "non-canonical-base64", "RFC 7515 §2";
    /// A claim that looks like a password, secret, card number or private key.
    SensitiveClaim => "sensitive-claim", "RFC 7519 §12";
    /// The payload is not a JSON object, so not a JWT claims set.
    NonJsonPayload => "non-json-payload", "RFC 7519 §7.2";
    /// RFC 7797 unencoded payload.
    UnencodedPayload => "unencoded-payload", "RFC 7797 §3";
    /// A JWE: encrypted, not verifiable here.
    Encrypted => "encrypted", "RFC 7516 §9";
    /// `cty: JWT`: the payload is a nested token.
    NestedJwt => "nested-jwt", "RFC 7519 §5.2";
    /// An RSA key shorter than 2048 bits.
    RsaKeyTooShort => "rsa-key-too-short", "RFC 7518 §3.3";
    /// An ECDSA signature in ASN.1 DER form instead of the raw R‖S JOSE requires.
    EcdsaDerSignature => "ecdsa-der-signature", "RFC 7518 §3.4";
    /// A signature of the wrong length for the algorithm and key.
    SignatureLength => "signature-length", "RFC 7518 §3";
    /// An ECDSA `r` or `s` of zero or not below the group order (the "psychic signature").
    EcdsaScalarRange => "ecdsa-scalar-range", "CVE-2022-21449";
    /// A private key was given where the public key is enough.
    PrivateKeyPasted => "private-key-pasted", "RFC 7517 §9.2";
    /// The header's `jwk` contains private members (`d`, …).
    TokenJwkPrivate => "token-jwk-private", "RFC 7517 §9.2";
    /// A JWK's `alg`, `crv`, `use` or `key_ops` contradicts the token.
    JwkContradictsToken => "jwk-contradicts-token", "RFC 7517 §4";
    /// A JWK Set whose keys lack `kid`s or repeat one.
    JwksKid => "jwks-kid", "RFC 7517 §4.5";
    /// `nbf` is after `exp`: the token is never valid.
    NbfAfterExp => "nbf-after-exp", "RFC 7519 §4.1.5";
    /// The key's X.509 certificate is expired or not yet valid (JOSE does not check it).
    CertificateValidity => "certificate-validity", "RFC 5280 §4.1.2.5";
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub lint: Lint,
    /// How much it matters.
    pub severity: Severity,
    /// One plain sentence.
    pub message: String,
    /// The part it is about, if one.
    pub part: Option<Part>,
    /// Where, in the original input, if somewhere in particular.
    pub span: Option<Span>,
}

impl Finding {
    /// A finding about no particular place.
    pub fn new(lint: Lint, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            lint,
            severity,
            message: message.into(),
            part: None,
            span: None,
        }
    }

    fn at(mut self, part: Part, span: Option<Span>) -> Self {
        self.part = Some(part);
        self.span = span;
        self
    }

    /// The stable id.
    pub fn id(&self) -> &'static str {
        self.lint.id()
    }

    /// The RFC section.
    pub fn rfc(&self) -> &'static str {
        self.lint.rfc()
    }
}

/// Runs every token-level rule (key rules run during verification).
pub fn lint(d: &Decoded, now: f64) -> Vec<Finding> {
    let mut out = Vec::new();
    lint_header(d, &mut out);
    lint_encoding(d, &mut out);
    if let Some(Payload::Json(p)) = &d.payload {
        lint_claims(p, now, &mut out);
        let mut sensitive = Vec::new();
        lint_sensitive(p, &mut String::new(), &mut sensitive);
        out.extend(sensitive);
    }
    lint_payload_kind(d, &mut out);
    out
}

fn header_span(d: &Decoded) -> Option<Span> {
    d.part(Part::Header).map(|p| p.span)
}

fn lint_header(d: &Decoded, out: &mut Vec<Finding>) {
    let Some(h) = &d.header else { return };
    if h.as_object().is_none() {
        return;
    }
    let hs = header_span(d);
    let danger = |lint, msg: String| Finding::new(lint, Severity::Danger, msg).at(Part::Header, hs);
    match h.get("alg") {
        None => out.push(danger(
            Lint::MissingAlg,
            "The header has no \"alg\": a JWS must say how it is secured, and a verifier must reject it.".into(),
        )),
        Some(Json::String(alg)) if alg.eq_ignore_ascii_case("none") => {
            let sig = if d.signature.as_ref().is_some_and(|s| !s.is_empty()) {
                " It even carries a signature, which means nothing with alg none."
            } else {
                ""
            };
            let case = if alg != "none" {
                format!(" \"{alg}\" is a case variant used to slip past blocklists.")
            } else {
                String::new()
            };
            out.push(danger(
                Lint::AlgNone,
                format!(
                    "alg \"{alg}\": the token is unsecured, anyone can forge it; a verifier must never accept it.{case}{sig}"
                ),
            ));
        }
        Some(Json::String(alg)) if d.kind == TokenKind::Jws => {
            if Alg::from_name(alg).is_none() {
                let known = KNOWN_UNSUPPORTED.contains(&alg.as_str());
                let msg = if known {
                    format!(
                        "{alg} is a JOSE algorithm this tool does not verify (it verifies HS*, RS*, PS*, ES256/384/512 \
                         and EdDSA with Ed25519), so the signature is not checked here (it is not invalid)."
                    )
                } else {
                    format!("\"{alg}\" is not a JWS algorithm this tool knows; the signature cannot be checked.")
                };
                let sev = if known { Severity::Info } else { Severity::Warning };
                out.push(Finding::new(Lint::UnsupportedAlg, sev, msg).at(Part::Header, hs));
            }
            if d.signature.as_ref().is_some_and(Vec::is_empty) {
                let span = d.part(Part::Signature).map(|p| p.span);
                out.push(
                    Finding::new(
                        Lint::MissingSignature,
                        Severity::Danger,
                        format!("alg is {alg} but the signature is empty: it may have been stripped; a verifier must reject this token."),
                    )
                    .at(Part::Signature, span),
                );
            }
        }
        Some(Json::String(_)) => {}
        Some(other) => out.push(danger(
            Lint::MissingAlg,
            format!("\"alg\" must be a string, but it is {}.", other.type_name()),
        )),
    }

    let crit = crit::problems(h);
    if !crit.is_empty() {
        out.push(danger(
            Lint::Crit,
            format!(
                "{}: a recipient must reject the token.",
                capitalise(&crit.join("; "))
            ),
        ));
    }
    if d.unencoded_payload {
        let listed = matches!(h.get("crit"), Some(Json::Array(a)) if a.iter().any(|v| v.as_str() == Some("b64")));
        let (sev, extra) = if listed {
            (Severity::Info, "")
        } else {
            (Severity::Warning, " \"b64\" must also be listed in \"crit\" (RFC 7797 §6), or recipients that do not know it will misread the token.")
        };
        out.push(
            Finding::new(
                Lint::UnencodedPayload,
                sev,
                format!(
                    "\"b64\": false — the payload is used as is, not base64url-encoded.{extra}"
                ),
            )
            .at(Part::Header, hs),
        );
    }

    if let Some(Json::Object(members)) = h.get("jwk") {
        let private: Vec<&str> = members
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| matches!(*k, "d" | "p" | "q" | "dp" | "dq" | "qi" | "oth" | "k"))
            .collect();
        if !private.is_empty() {
            out.push(danger(
                Lint::TokenJwkPrivate,
                format!(
                    "The header's \"jwk\" contains private key members ({}): whoever made the token published its \
                     private key, so anyone can sign as its owner. Revoke that key.",
                    private.join(", ")
                ),
            ));
        }
    }
    for name in ["jwk", "jku", "x5u", "x5c"] {
        if h.get(name).is_some() {
            let what = match name {
                "jwk" => "embeds a key",
                "jku" => "points to a key set URL",
                "x5u" => "points to a certificate URL",
                _ => "embeds a certificate chain",
            };
            out.push(danger(
                Lint::TokenSuppliedKey,
                format!(
                    "The header \"{name}\" {what}: an attacker can supply their own. Verify only with keys you \
                     chose; this tool never fetches or trusts it."
                ),
            ));
        }
    }

    match h.get("kid") {
        Some(Json::String(kid)) => {
            if let Some(why) = suspicious_kid(kid) {
                out.push(danger(
                    Lint::SuspiciousKid,
                    format!(
                        "The kid {} {why}: servers that look keys up by kid can be tricked.",
                        quote_short(kid)
                    ),
                ));
            }
        }
        Some(other) => out.push(
            Finding::new(
                Lint::SuspiciousKid,
                Severity::Warning,
                format!(
                    "\"kid\" should be a string, but it is {}.",
                    other.type_name()
                ),
            )
            .at(Part::Header, hs),
        ),
        None => {}
    }

    match h.get("typ") {
        Some(Json::String(typ)) if !jwt_typ(typ) => out.push(
            Finding::new(
                Lint::UnexpectedTyp,
                Severity::Info,
                format!("typ \"{typ}\" is not a JWT media type (JWT, at+jwt, …): check this is the kind of token you expect."),
            )
            .at(Part::Header, hs),
        ),
        Some(Json::String(_)) | None => {}
        Some(other) => out.push(
            Finding::new(
                Lint::UnexpectedTyp,
                Severity::Warning,
                format!("\"typ\" must be a string, but it is {}.", other.type_name()),
            )
            .at(Part::Header, hs),
        ),
    }
    if h.get("cty")
        .and_then(Json::as_str)
        .is_some_and(|c| c.eq_ignore_ascii_case("JWT"))
    {
        out.push(
            Finding::new(
                Lint::NestedJwt,
                Severity::Info,
                "cty \"JWT\": the payload is itself a token; paste it on its own to inspect it.",
            )
            .at(Part::Header, hs),
        );
    }
    if d.kind == TokenKind::Jwe {
        out.push(
            Finding::new(
                Lint::Encrypted,
                Severity::Info,
                "This is an encrypted token (JWE): only the header is readable; the payload needs the decryption \
                 key, and this tool never claims to verify it.",
            )
            .at(Part::Header, hs),
        );
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn quote_short(s: &str) -> String {
    let mut q: String = s.chars().take(60).collect();
    if q.len() < s.len() {
        q.push('…');
    }
    format!("\"{}\"", q.escape_debug())
}

/// Why a `kid` looks like an attack, if it does.
fn suspicious_kid(kid: &str) -> Option<&'static str> {
    let lower = kid.to_ascii_lowercase();
    if kid.contains("../") || kid.contains("..\\") || lower.contains("%2e%2e") {
        return Some("contains a path traversal");
    }
    if kid.starts_with('/')
        || kid.starts_with('\\')
        || lower.starts_with("file:")
        || kid.contains(":\\")
    {
        return Some("is a file path");
    }
    if kid.contains('\0') || lower.contains("%00") {
        return Some("contains a NUL byte");
    }
    if kid.contains(['\'', '"', ';']) || kid.contains("--") || kid.contains("/*") {
        return Some("contains quotes or SQL syntax");
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '=')
        .collect();
    let has = |w: &str| words.contains(&w);
    if (has("union") && has("select"))
        || has("1=1")
        || (has("or") && lower.contains('='))
        || has("sleep")
    {
        return Some("looks like SQL injection");
    }
    if kid.contains(['|', '`', '$', '&']) || kid.contains("$(") {
        return Some("contains shell metacharacters");
    }
    if kid.contains(['<', '>']) {
        return Some("contains markup");
    }
    if kid.chars().any(char::is_control) {
        return Some("contains control characters");
    }
    None
}

fn jwt_typ(typ: &str) -> bool {
    let t = typ.to_ascii_lowercase();
    let t = t.strip_prefix("application/").unwrap_or(&t);
    t == "jwt" || t == "jose" || t.ends_with("+jwt")
}

fn lint_encoding(d: &Decoded, out: &mut Vec<Finding>) {
    for dev in &d.base64_deviations {
        let msg = match dev.issue {
            B64Issue::Padding => format!(
                "The {} has '=' padding: base64url in JWS has none (RFC 7515 §2); strict libraries reject it.",
                dev.part
            ),
            B64Issue::StandardAlphabet => format!(
                "The {} uses '+' or '/' from standard base64: JWS uses base64url ('-' and '_'); strict libraries reject it.",
                dev.part
            ),
            B64Issue::TrailingBits => format!(
                "The {} ends with a character carrying stray bits: another text decodes to the same bytes (a \
                 non-canonical encoding, which lets a token be altered without changing its meaning).",
                dev.part
            ),
        };
        out.push(
            Finding::new(Lint::NonCanonicalBase64, Severity::Warning, msg)
                .at(dev.part, Some(dev.span)),
        );
    }
    for dup in &d.duplicates {
        let sev = if dup.part == Part::Header {
            Severity::Danger
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                Lint::DuplicateMember,
                sev,
                format!(
                    "The {} has member \"{}\" more than once: parsers disagree on which one counts (this tool, like \
                     JSON.parse, shows the last), a classic way to smuggle a value past a check.",
                    dup.part,
                    dup.duplicate.pointer.trim_start_matches('/')
                ),
            )
            .at(dup.part, Some(dup.span)),
        );
    }
}

fn payload_finding(lint: Lint, sev: Severity, msg: String) -> Finding {
    Finding::new(lint, sev, msg).at(Part::Payload, None)
}

fn lint_claims(p: &Json, now: f64, out: &mut Vec<Finding>) {
    let Some(members) = p.as_object() else { return };
    let num = |name: &str| p.get(name).and_then(Json::as_f64).filter(|v| v.is_finite());
    for (name, value) in members {
        if !DATE_CLAIMS.contains(&name.as_str()) {
            continue;
        }
        match value.as_f64().filter(|v| v.is_finite()) {
            None => out.push(payload_finding(
                Lint::InvalidNumericDate,
                Severity::Warning,
                format!(
                    "\"{name}\" must be a NumericDate (a number of seconds since 1970), but it is {}; libraries \
                     reject or ignore it.",
                    if matches!(value, Json::Number(_)) { "out of range" } else { value.type_name() }
                ),
            )),
            Some(v) => {
                if v.fract() != 0.0 {
                    out.push(payload_finding(
                        Lint::FractionalDate,
                        Severity::Info,
                        format!("\"{name}\" has a fractional part ({v}): allowed, but some libraries require an integer."),
                    ));
                }
                if v.abs() >= 1e11 {
                    out.push(payload_finding(
                        Lint::DateInMilliseconds,
                        Severity::Warning,
                        format!(
                            "\"{name}\" is {} — that looks like milliseconds; NumericDate counts seconds.",
                            claims::iso8601(v).unwrap_or_else(|| "far beyond the year 9999".into())
                        ),
                    ));
                }
            }
        }
    }
    let exp = num("exp");
    let iat = num("iat");
    match exp {
        None if p.get("exp").is_none() => out.push(payload_finding(
            Lint::MissingExp,
            Severity::Warning,
            "No \"exp\" claim: the token never expires, so a leaked copy works forever.".into(),
        )),
        None => {}
        Some(exp) => {
            if exp <= now {
                out.push(payload_finding(
                    Lint::Expired,
                    Severity::Warning,
                    format!(
                        "The token expired {} ({}).",
                        claims::relative(exp - now),
                        iso(exp)
                    ),
                ));
            }
            let (from, what) = match iat {
                Some(iat) => (iat, "from iat to exp"),
                None => (now, "from now to exp"),
            };
            let life = exp - from;
            if life > 86_400.0 {
                out.push(payload_finding(
                    Lint::LongLived,
                    Severity::Warning,
                    format!(
                        "The token is valid for {} ({what}): a leaked token stays useful that long; access tokens \
                         usually live minutes to hours.",
                        claims::relative(life).trim_start_matches("in ")
                    ),
                ));
            }
        }
    }
    if let (Some(nbf), Some(exp)) = (num("nbf"), exp) {
        if nbf > exp {
            out.push(payload_finding(
                Lint::NbfAfterExp,
                Severity::Warning,
                format!(
                    "\"nbf\" ({}) is after \"exp\" ({}): the token is never valid.",
                    iso(nbf),
                    iso(exp)
                ),
            ));
        }
    }
    if let Some(nbf) = num("nbf").filter(|&nbf| nbf > now) {
        out.push(payload_finding(
            Lint::NotYetValid,
            Severity::Warning,
            format!(
                "The token is not valid yet: nbf is {} ({}).",
                claims::relative(nbf - now),
                iso(nbf)
            ),
        ));
    }
    if let Some(iat) = iat.filter(|&iat| iat > now) {
        out.push(payload_finding(
            Lint::IatInFuture,
            Severity::Warning,
            format!(
                "The token claims to be issued {} ({}): a clock is wrong, or the token was forged.",
                claims::relative(iat - now),
                iso(iat)
            ),
        ));
    }
}

fn iso(v: f64) -> String {
    claims::iso8601(v).unwrap_or_else(|| claims::number(v))
}

/// Claim names that should never travel in a merely encoded token.
fn sensitive_name(name: &str) -> Option<&'static str> {
    let n: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    const CONTAINS: &[(&str, &str)] = &[
        ("password", "a password"),
        ("passwd", "a password"),
        ("passphrase", "a passphrase"),
        ("secret", "a secret"),
        ("privatekey", "a private key"),
        ("apikey", "an API key"),
        ("creditcard", "a card number"),
        ("cardnumber", "a card number"),
        ("ccnumber", "a card number"),
        ("socialsecurity", "a social security number"),
    ];
    const EXACT: &[(&str, &str)] = &[
        ("pwd", "a password"),
        ("pass", "a password"),
        ("pin", "a PIN"),
        ("cvv", "a card security code"),
        ("cvc", "a card security code"),
        ("ssn", "a social security number"),
        ("pan", "a card number"),
        ("iban", "a bank account number"),
    ];
    CONTAINS
        .iter()
        .find(|(k, _)| n.contains(k))
        .or_else(|| EXACT.iter().find(|(k, _)| n == *k))
        .map(|(_, what)| *what)
}

/// Values that look sensitive whatever their name.
fn sensitive_value(v: &str) -> Option<&'static str> {
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    if v.len() > 23 {
        return None;
    }
    let digits: Vec<u32> = v.chars().filter_map(|c| c.to_digit(10)).collect();
    let only_card_chars = v
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if only_card_chars && (13..=19).contains(&digits.len()) && luhn(&digits) {
        return Some("a payment card number");
    }
    let b = v.as_bytes();
    if b.len() == 11 && b[3] == b'-' && b[6] == b'-' && digits.len() == 9 && only_card_chars {
        return Some("a US social security number");
    }
    if b.len() == 20
        && v.starts_with("AKIA")
        && v.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some("an AWS access key ID");
    }
    None
}

/// A claim path cut to a readable length.
fn short(path: &str) -> String {
    match path.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &path[..cut]),
        None => path.to_owned(),
    }
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10) && digits.iter().any(|&d| d != 0)
}

/// At most this many `sensitive-claim` findings: a hostile payload must not produce megabytes of advice.
const MAX_SENSITIVE: usize = 16;

fn lint_sensitive(v: &Json, path: &mut String, out: &mut Vec<Finding>) {
    if out.len() >= MAX_SENSITIVE {
        return;
    }
    match v {
        Json::Object(members) => {
            for (name, value) in members {
                if out.len() >= MAX_SENSITIVE {
                    break;
                }
                let len = path.len();
                path.push('/');
                path.push_str(name);
                let trivially_empty = matches!(value, Json::Null | Json::Bool(_))
                    || matches!(value, Json::String(s) if s.is_empty());
                match sensitive_name(name) {
                    Some(what) if !trivially_empty => out.push(payload_finding(
                        Lint::SensitiveClaim,
                        Severity::Warning,
                        format!(
                            "\"{}\" looks like {what}: the payload is only base64url-encoded, so anyone holding the \
                             token can read it.",
                            short(&path[1..])
                        ),
                    )),
                    _ => lint_sensitive(value, path, out),
                }
                path.truncate(len);
            }
        }
        Json::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                lint_sensitive(item, path, out);
                path.truncate(len);
            }
        }
        Json::String(s) => {
            if let Some(what) = sensitive_value(s) {
                let at = if path.is_empty() {
                    "The payload".to_owned()
                } else {
                    format!("\"{}\"", short(&path[1..]))
                };
                out.push(payload_finding(
                    Lint::SensitiveClaim,
                    Severity::Warning,
                    format!("{at} looks like {what}: anyone holding the token can read it."),
                ));
            }
        }
        _ => {}
    }
}

fn lint_payload_kind(d: &Decoded, out: &mut Vec<Finding>) {
    if d.kind == TokenKind::Jwe || d.unencoded_payload {
        return;
    }
    let what = match &d.payload {
        Some(Payload::Json(Json::Object(_))) | None => return,
        Some(Payload::Json(v)) => format!("JSON but {}", v.type_name()),
        Some(Payload::Text(t)) if t.is_empty() => {
            "empty (a detached payload, RFC 7515 Appendix F)".to_owned()
        }
        Some(Payload::Text(_)) => "plain text".to_owned(),
        Some(Payload::Binary(_)) => "binary data".to_owned(),
    };
    out.push(payload_finding(
        Lint::NonJsonPayload,
        Severity::Info,
        format!(
            "The payload is {what}, not a JSON object: a valid JWS, but not a JWT with claims (RFC 7519 §7.2)."
        ),
    ));
}

/// The published and default secrets this tool recognises (tutorials, library READMEs, framework defaults).
pub const WELL_KNOWN_SECRETS: &[&str] = &[
    "secret",
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "a-string-secret-at-least-256-bits-long",
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    "your-secret-key",
    "your_secret_key",
    "your-secret",
    "your_jwt_secret",
    "jwt_secret",
    "jwt-secret",
    "jwtsecret",
    "secretkey",
    "secret_key",
    "secret-key",
    "SECRET_KEY",
    "mysecret",
    "mysecretkey",
    "my_secret_key",
    "my-secret-key",
    "supersecret",
    "super-secret",
    "super_secret",
    "supersecretkey",
    "shhhhh",
    "shhhhhared-secret",
    "keyboard cat",
    "changeme",
    "change-me",
    "password",
    "123456",
    "test",
    "key",
    "default",
    "s3cr3t",
    "secret123",
    "hard to guess string",
    "your-256-bit-secret-key",
];

/// True when `key` is one of [`WELL_KNOWN_SECRETS`].
pub fn is_well_known_secret(key: &[u8]) -> bool {
    WELL_KNOWN_SECRETS.iter().any(|s| s.as_bytes() == key)
}

/// The finding for a key that could not be used because it is key material, not a secret (its error, from
/// [`keys::secret`](super::keys::secret), says what the text is): the algorithm-confusion attack.
pub fn refused_key_findings(e: &InspectError) -> Vec<Finding> {
    if e.code != ErrorCode::KeyAsymmetric {
        return Vec::new();
    }
    vec![Finding::new(
        Lint::PublicKeyAsSecret,
        Severity::Danger,
        format!(
            "{} A server that accepts it lets anyone who has the public key forge tokens.",
            e.message
        ),
    )
    .at(Part::Key, None)]
}

/// Findings about the HMAC secret used: too short, or published.
pub fn key_findings(alg: HmacAlg, key: &[u8], verified: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let need = alg.output_len();
    if key.len() < need {
        let sev = if key.len() < 16 {
            Severity::Danger
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                Lint::WeakHmacKey,
                sev,
                format!(
                    "The key is {} bits; {} needs at least {} bits (the hash size), or it can be brute-forced \
                     offline from any token.",
                    key.len() * 8,
                    alg.name(),
                    need * 8
                ),
            )
            .at(Part::Key, None),
        );
    }
    if verified && is_well_known_secret(key) {
        out.push(
            Finding::new(
                Lint::WellKnownSecret,
                Severity::Danger,
                "The token verifies with a published default secret: anyone can forge tokens for this service. \
                 Replace it with a random key of at least 256 bits.",
            )
            .at(Part::Key, None),
        );
    }
    out
}

/// Findings about an asymmetric key: an RSA modulus under 2048 bits, a private key where the public one
/// does, a certificate outside its validity at `now`.
pub fn asym_key_findings(key: &Key, now: f64) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(asym) = key.asymmetric() else {
        return out;
    };
    if let AsymKey::Rsa(r) = asym {
        if r.bits() < RSA_MIN_BITS {
            let sev = if r.bits() < 1024 {
                Severity::Danger
            } else {
                Severity::Warning
            };
            out.push(
                Finding::new(
                    Lint::RsaKeyTooShort,
                    sev,
                    format!(
                        "The RSA key is {} bits; RFC 7518 §3.3 requires at least 2048 (shorter moduli can be factored, \
                         and then anyone can sign). Strict verification refuses it.",
                        r.bits()
                    ),
                )
                .at(Part::Key, None),
            );
        }
    }
    if asym.has_private() {
        out.push(
            Finding::new(
                Lint::PrivateKeyPasted,
                Severity::Warning,
                "The key is a private key: verifying needs only the public key. Keep private keys out of tools and \
                 configuration that only verify.",
            )
            .at(Part::Key, None),
        );
    }
    if let Some(c) = &key.cert {
        let (nb, na) = (c.not_before as f64, c.not_after as f64);
        let problem = if now > na {
            Some(format!("expired on {}", iso(na)))
        } else if now < nb {
            Some(format!("is not valid before {}", iso(nb)))
        } else {
            None
        };
        if let Some(p) = problem {
            out.push(
                Finding::new(
                    Lint::CertificateValidity,
                    Severity::Info,
                    format!(
                        "The key's certificate ({}) {p}. JOSE verification uses only its key and does not check its \
                         dates; your identity provider may have rotated it.",
                        c.subject
                    ),
                )
                .at(Part::Key, None),
            );
        }
    }
    out
}

/// The finding for a signature of the wrong shape (never for a plain mismatch).
pub fn signature_findings(fault: SigFault, alg: &str) -> Vec<Finding> {
    let (lint, msg) = match fault {
        SigFault::Mismatch => return Vec::new(),
        SigFault::Length { expected, got } => (
            Lint::SignatureLength,
            format!("The signature is {got} bytes; {alg} with this key makes {expected}-byte signatures."),
        ),
        SigFault::EcdsaDer => (
            Lint::EcdsaDerSignature,
            format!(
                "The signature is ASN.1 DER (as OpenSSL writes it); {alg} in JOSE is the fixed-length raw R‖S \
                 (RFC 7518 §3.4). The signer must convert it."
            ),
        ),
        SigFault::EcdsaScalar { zero } => (
            Lint::EcdsaScalarRange,
            format!(
                "The signature's r or s is {}: such a signature is never valid, and verifiers that accepted it \
                 (CVE-2022-21449, \"psychic signatures\") let anyone forge tokens.",
                if zero { "zero" } else { "not below the group order" }
            ),
        ),
    };
    vec![Finding::new(lint, Severity::Danger, msg).at(Part::Signature, None)]
}

/// Findings about a JWK Set of several keys: keys without `kid` (a token cannot name them) or a `kid` used
/// twice (a token's `kid` does not pick one key), RFC 7517 §4.5.
pub fn jwks_findings(set: &KeySet) -> Vec<Finding> {
    let mut out = Vec::new();
    if !set.is_set || set.keys.len() < 2 {
        return out;
    }
    let missing = set.keys.iter().filter(|k| k.kid.is_none()).count();
    if missing > 0 {
        out.push(Finding::new(
            Lint::JwksKid,
            Severity::Warning,
            format!(
                "{missing} of the JWK Set's {} keys have no \"kid\": tokens cannot name them, so every compatible key \
                 is tried.",
                set.keys.len()
            ),
        ).at(Part::Key, None));
    }
    let mut kids: Vec<&str> = set.keys.iter().filter_map(|k| k.kid.as_deref()).collect();
    kids.sort_unstable();
    if let Some(w) = kids.windows(2).find(|w| w[0] == w[1]) {
        out.push(Finding::new(
            Lint::JwksKid,
            Severity::Warning,
            format!(
                "More than one key of the JWK Set has kid \"{}\": a token's kid does not pick one key.",
                w[0]
            ),
        ).at(Part::Key, None));
    }
    out
}

/// The finding for a key refused for the token's algorithm: a public key for an HMAC token is the
/// algorithm-confusion attack; a JWK whose `alg`, `crv`, `use` or `key_ops` say otherwise contradicts it.
pub fn mismatch_findings(key: &Key, alg: Alg, message: &str) -> Vec<Finding> {
    let lint = if alg.hmac().is_some() && key.asymmetric().is_some() {
        Lint::PublicKeyAsSecret
    } else if key.source.starts_with("JWK") {
        Lint::JwkContradictsToken
    } else {
        return Vec::new();
    };
    let sev = if lint == Lint::PublicKeyAsSecret {
        Severity::Danger
    } else {
        Severity::Warning
    };
    vec![Finding::new(lint, sev, message.to_owned()).at(Part::Key, None)]
}

#[cfg(test)]
mod tests {
    use super::super::b64;
    use super::super::token::decode;
    use super::*;

    fn ids_for(header: &str, payload: &str, sig: &str, now: f64) -> Vec<&'static str> {
        let t = format!(
            "{}.{}.{sig}",
            b64::encode(header.as_bytes()),
            b64::encode(payload.as_bytes())
        );
        lint(&decode(&t), now).iter().map(Finding::id).collect()
    }

    #[test]
    fn alg_none_any_case() {
        for alg in ["none", "NoNe"] {
            let ids = ids_for(&format!(r#"{{"alg":"{alg}"}}"#), r#"{"exp":10}"#, "", 0.0);
            assert!(ids.contains(&"alg-none"), "{ids:?}");
        }
    }

    #[test]
    fn claim_rules() {
        let ids = ids_for(r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#, "AA", 100.0);
        assert!(ids.contains(&"missing-exp"));
        let ids = ids_for(r#"{"alg":"HS256"}"#, r#"{"exp":100,"iat":0}"#, "AA", 100.0);
        assert!(
            ids.contains(&"expired") && !ids.contains(&"long-lived"),
            "{ids:?}"
        );
        let ids = ids_for(
            r#"{"alg":"HS256"}"#,
            r#"{"exp":200000,"iat":0,"nbf":150}"#,
            "AA",
            100.0,
        );
        assert!(
            ids.contains(&"long-lived")
                && ids.contains(&"not-yet-valid")
                && !ids.contains(&"expired")
        );
        let ids = ids_for(
            r#"{"alg":"HS256"}"#,
            r#"{"exp":200,"iat":150}"#,
            "AA",
            100.0,
        );
        assert!(ids.contains(&"iat-in-future"));
        let ids = ids_for(
            r#"{"alg":"HS256"}"#,
            r#"{"exp":"soon","iat":1.5,"nbf":1700000000000}"#,
            "AA",
            0.0,
        );
        for id in [
            "invalid-numeric-date",
            "fractional-date",
            "date-in-milliseconds",
        ] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
    }

    #[test]
    fn header_rules() {
        let ids = ids_for(
            r#"{"alg":"HS256","jku":"https://evil","kid":"../../dev/null","typ":"JWS"}"#,
            "{}",
            "AA",
            0.0,
        );
        for id in ["token-supplied-key", "suspicious-kid", "unexpected-typ"] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        for kid in [
            "' OR '1'='1",
            "x|whoami",
            "a; DROP TABLE keys",
            "/etc/passwd",
        ] {
            let h = format!(
                r#"{{"alg":"HS256","kid":{}}}"#,
                super::super::json::quote(kid)
            );
            assert!(
                ids_for(&h, "{}", "AA", 0.0).contains(&"suspicious-kid"),
                "{kid}"
            );
        }
        for kid in [
            "2024-01-key",
            "018c0ae5-4d9b-471b-bfd6-eef314bc7037",
            "demo",
        ] {
            let h = format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#);
            assert!(
                !ids_for(&h, "{}", "AA", 0.0).contains(&"suspicious-kid"),
                "{kid}"
            );
        }
        let ids = ids_for(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, "{}", "AA", 0.0);
        assert!(ids.contains(&"crit"));
        let ids = ids_for(
            r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
            "x",
            "AA",
            0.0,
        );
        assert!(
            !ids.contains(&"crit") && ids.contains(&"unencoded-payload"),
            "{ids:?}"
        );
        for typ in ["JWT", "at+jwt", "application/secevent+jwt"] {
            let h = format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#);
            assert!(
                !ids_for(&h, "{}", "AA", 0.0).contains(&"unexpected-typ"),
                "{typ}"
            );
        }
        assert!(ids_for(r#"{"alg":"ES256K"}"#, "{}", "AA", 0.0).contains(&"unsupported-alg"));
        assert!(!ids_for(r#"{"alg":"RS256"}"#, "{}", "AA", 0.0).contains(&"unsupported-alg"));
        assert!(ids_for(
            r#"{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}}"#,
            "{}",
            "AA",
            0.0
        )
        .contains(&"token-jwk-private"));
        assert!(
            ids_for(r#"{"alg":"HS256"}"#, r#"{"nbf":20,"exp":10}"#, "AA", 0.0)
                .contains(&"nbf-after-exp")
        );
        assert!(ids_for(r#"{"alg":"HS256"}"#, "{}", "", 0.0).contains(&"missing-signature"));
        assert!(ids_for(r#"{"typ":"JWT"}"#, "{}", "AA", 0.0).contains(&"missing-alg"));
    }

    #[test]
    fn sensitive_claims() {
        let ids = ids_for(
            r#"{"alg":"HS256"}"#,
            r#"{"user":{"Password":"hunter2"},"exp":1}"#,
            "AA",
            0.0,
        );
        assert!(ids.contains(&"sensitive-claim"));
        let ids = ids_for(
            r#"{"alg":"HS256"}"#,
            r#"{"note":"4111 1111 1111 1111","exp":1}"#,
            "AA",
            0.0,
        );
        assert!(ids.contains(&"sensitive-claim"));
        let ids = ids_for(
            r#"{"alg":"HS256"}"#,
            r#"{"sub":"1234567890","pin_required":false,"exp":1}"#,
            "AA",
            0.0,
        );
        assert!(!ids.contains(&"sensitive-claim"), "{ids:?}");
    }

    #[test]
    fn encoding_rules() {
        let t = "eyJhbGciOiJIUzI1NiJ9.e30=.AA";
        assert!(lint(&decode(t), 0.0)
            .iter()
            .any(|f| f.id() == "non-canonical-base64"));
        let ids = ids_for(r#"{"alg":"HS256","alg":"none"}"#, "{}", "AA", 0.0);
        assert!(ids.contains(&"duplicate-member"));
        assert!(ids_for(r#"{"alg":"HS256"}"#, "plain", "AA", 0.0).contains(&"non-json-payload"));
    }

    #[test]
    fn key_rules() {
        let ids: Vec<_> = key_findings(HmacAlg::HS256, b"secret", true)
            .iter()
            .map(Finding::id)
            .collect();
        assert_eq!(ids, ["weak-hmac-key", "well-known-secret"]);
        assert!(key_findings(HmacAlg::HS256, &[7; 32], true).is_empty());
        assert_eq!(
            key_findings(HmacAlg::HS512, &[7; 32], true)[0].id(),
            "weak-hmac-key"
        );
        assert!(key_findings(HmacAlg::HS256, b"secret", false)
            .iter()
            .all(|f| f.id() != "well-known-secret"));
        let e = super::super::keys::parse(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host",
            super::super::keys::KeyFormat::Utf8,
        )
        .unwrap_err();
        let f = refused_key_findings(&e);
        assert_eq!(f[0].id(), "public-key-as-secret");
        assert!(
            f[0].message.contains("an OpenSSH public key"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for l in Lint::ALL {
            assert!(seen.insert(l.id()));
            assert!(l
                .id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert!(l.rfc().starts_with("RFC ") || l.rfc().starts_with("CVE-"));
        }
    }
}
