//! Reading asymmetric keys: PEM armour (our own reader, so every error has a byte span in the key text),
//! the DER structures inside it (SPKI, PKCS#1, PKCS#8, SEC1, X.509 certificates), and the members of RSA,
//! EC and OKP JWKs. The result is an [`AsymKey`]; whether it may be used is [`keys::permits`]'s question.
//!
//! [`keys::permits`]: super::keys::permits

use base64::Engine as _;
use der::oid::ObjectIdentifier as Oid;
use der::{Decode, Encode};

use super::alg::Curve;
use super::asym::{AsymKey, EcKey, OkpKey, RsaKey};
use super::error::{ErrorCode, InspectError, Part, Span};

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
const P521: Oid = Oid::new_unwrap("1.3.132.0.35");
const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");
const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
const ED448: Oid = Oid::new_unwrap("1.3.101.113");
const X25519: Oid = Oid::new_unwrap("1.3.101.110");

/// What a certificate says about itself (shown; JOSE does not check it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// The subject's distinguished name (RFC 4514 text).
    pub subject: String,
    /// The issuer's distinguished name.
    pub issuer: String,
    /// Start of validity, unix seconds.
    pub not_before: i64,
    /// End of validity, unix seconds.
    pub not_after: i64,
}

/// A key read from PEM or DER, with where it came from.
#[derive(Clone)]
pub struct Parsed {
    /// The key.
    pub key: AsymKey,
    /// How it was written: "PEM SubjectPublicKeyInfo", "PEM X.509 certificate", …
    pub source: &'static str,
    /// The certificate's details, when the key came from one.
    pub cert: Option<CertInfo>,
    /// Notes (blocks ignored, …).
    pub notes: Vec<String>,
}

fn err(code: ErrorCode, span: Span, message: impl Into<String>) -> InspectError {
    InspectError::new(code, Part::Key, span, message)
}

/// Reads the first usable PEM block of `text` (skipping `EC PARAMETERS`; later certificates of a chain are
/// ignored with a note).
pub fn parse_pem(text: &str) -> Result<Parsed, InspectError> {
    let mut at = 0;
    let mut notes = Vec::new();
    loop {
        let Some(b) = text[at..].find("-----BEGIN ") else {
            let span = Span::new(0, text.len());
            return Err(err(
                ErrorCode::KeyPem,
                span,
                "No PEM block: a PEM key starts with a \"-----BEGIN …-----\" line.",
            ));
        };
        let begin = at + b;
        let label_start = begin + 11;
        let Some(l) = text[label_start..].find("-----") else {
            return Err(err(
                ErrorCode::KeyPem,
                Span::new(begin, text.len()),
                format!("The PEM BEGIN line at byte {begin} does not end with \"-----\"."),
            ));
        };
        let label = &text[label_start..label_start + l];
        let body_start = label_start + l + 5;
        let end_line = format!("-----END {label}-----");
        let Some(e) = text[body_start..].find(&end_line) else {
            return Err(err(
                ErrorCode::KeyPem,
                Span::new(begin, body_start),
                format!("The PEM block \"{label}\" at byte {begin} has no matching \"{end_line}\" line."),
            ));
        };
        let body_end = body_start + e;
        at = body_end + end_line.len();
        if label == "EC PARAMETERS" {
            continue;
        }
        let body = Span::new(body_start, body_end);
        let der = pem_body(text, body)?;
        let mut parsed = from_der_label(label, &der, body)?;
        if text[at..].contains("-----BEGIN ") {
            notes.push(format!(
                "The key text has more PEM blocks after the first \"{label}\"; only the first is used (for a \
                 certificate chain, the first is the signer's certificate)."
            ));
        }
        parsed.notes.extend(notes);
        return Ok(parsed);
    }
}

/// The base64 body of a PEM block, decoded; an encapsulated header (`Proc-Type: 4,ENCRYPTED`) is an
/// encrypted key.
fn pem_body(text: &str, body: Span) -> Result<Vec<u8>, InspectError> {
    let src = &text[body.start..body.end];
    if src.contains("Proc-Type:") || src.contains("DEK-Info:") {
        return Err(err(
            ErrorCode::KeyEncrypted,
            body,
            "The PEM key is encrypted with a passphrase (Proc-Type / DEK-Info headers): encrypted keys are not \
             supported. Decrypt it first (openssl pkey -in key.pem -out plain.pem).",
        ));
    }
    let mut clean = Vec::with_capacity(src.len());
    let mut padding_at = None;
    for (i, c) in src.bytes().enumerate() {
        let pos = body.start + i;
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => {}
            b'=' => {
                padding_at.get_or_insert(pos);
                clean.push(c);
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => {
                if let Some(p) = padding_at {
                    return Err(err(
                        ErrorCode::KeyPem,
                        Span::new(p, p + 1),
                        format!("The PEM body has '=' padding at byte {p} followed by more data."),
                    ));
                }
                clean.push(c);
            }
            _ => {
                let span = Span::char_at(text, pos);
                return Err(err(
                    ErrorCode::KeyPem,
                    span,
                    format!(
                        "The PEM body has a character that is not base64 at byte {}.",
                        span.start
                    ),
                ));
            }
        }
    }
    if clean.is_empty() {
        return Err(err(ErrorCode::KeyPem, body, "The PEM block is empty."));
    }
    base64::engine::general_purpose::STANDARD
        .decode(&clean)
        .map_err(|_| {
            err(
                ErrorCode::KeyPem,
                body,
                "The PEM body's base64 is incomplete (its length cannot encode whole bytes, or the padding is \
                 wrong).",
            )
        })
}

fn from_der_label(label: &str, der: &[u8], span: Span) -> Result<Parsed, InspectError> {
    let der_err = |what: &'static str| {
        move |e: der::Error| {
            err(
                ErrorCode::KeyDer,
                span,
                format!("The {what} inside the PEM block does not parse as DER ({e})."),
            )
        }
    };
    let (key, source, cert) = match label {
        "PUBLIC KEY" => (spki(der, span)?, "PEM public key (SubjectPublicKeyInfo)", None),
        "RSA PUBLIC KEY" => {
            let k = rsa::pkcs1::RsaPublicKeyRef::from_der(der).map_err(der_err("PKCS#1 RSA public key"))?;
            let key = RsaKey::from_public(k.modulus.as_bytes(), k.public_exponent.as_bytes())
                .map_err(|m| value_err(span, m))?;
            (AsymKey::Rsa(key), "PEM RSA public key (PKCS#1)", None)
        }
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            let (key, info) = certificate(der, span)?;
            (key, "PEM X.509 certificate", Some(info))
        }
        "PRIVATE KEY" => (pkcs8(der, span)?, "PEM private key (PKCS#8)", None),
        "RSA PRIVATE KEY" => (rsa_private(der, span)?, "PEM RSA private key (PKCS#1)", None),
        "EC PRIVATE KEY" => (sec1(der, None, span)?, "PEM EC private key (SEC1)", None),
        "ENCRYPTED PRIVATE KEY" => {
            return Err(err(
                ErrorCode::KeyEncrypted,
                span,
                "The PEM key is encrypted (ENCRYPTED PRIVATE KEY): encrypted keys are not supported. Decrypt it \
                 first (openssl pkey -in key.pem -out plain.pem).",
            ))
        }
        "OPENSSH PRIVATE KEY" => {
            return Err(err(
                ErrorCode::KeyUnsupported,
                span,
                "OpenSSH's own private key format is not read: convert it to PKCS#8 (ssh-keygen -p -m PKCS8 -f \
                 key).",
            ))
        }
        other => {
            return Err(err(
                ErrorCode::KeyUnsupported,
                span,
                format!(
                    "A PEM \"{other}\" block is not a key this tool reads (PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, \
                     PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)."
                ),
            ))
        }
    };
    Ok(Parsed {
        key,
        source,
        cert,
        notes: Vec::new(),
    })
}

pub(crate) fn value_err(span: Span, message: String) -> InspectError {
    let mut m = message;
    if let Some(first) = m.get(..1) {
        let up = first.to_ascii_uppercase();
        m.replace_range(..1, &up);
    }
    if !m.ends_with('.') {
        m.push('.');
    }
    err(ErrorCode::KeyValue, span, m)
}

fn curve_of(oid: Option<Oid>, span: Span) -> Result<Curve, InspectError> {
    match oid {
        Some(P256) => Ok(Curve::P256),
        Some(P384) => Ok(Curve::P384),
        Some(P521) => Ok(Curve::P521),
        Some(SECP256K1) => Err(err(
            ErrorCode::KeyUnsupported,
            span,
            "The key is on secp256k1 (ES256K), which this tool does not verify.",
        )),
        Some(other) => Err(err(
            ErrorCode::KeyUnsupported,
            span,
            format!("The EC key is on a curve this tool does not know (OID {other})."),
        )),
        None => Err(err(
            ErrorCode::KeyDer,
            span,
            "The EC key does not name its curve.",
        )),
    }
}

/// A SubjectPublicKeyInfo (DER).
pub fn spki(der: &[u8], span: Span) -> Result<AsymKey, InspectError> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(|e| {
        err(
            ErrorCode::KeyDer,
            span,
            format!("The public key does not parse as DER SubjectPublicKeyInfo ({e})."),
        )
    })?;
    let bits = info.subject_public_key.as_bytes().ok_or_else(|| {
        err(
            ErrorCode::KeyDer,
            span,
            "The public key's bit string has unused bits.",
        )
    })?;
    match info.algorithm.oid {
        RSA_ENCRYPTION | RSASSA_PSS => {
            let k = rsa::pkcs1::RsaPublicKeyRef::from_der(bits).map_err(|e| {
                err(
                    ErrorCode::KeyDer,
                    span,
                    format!("The RSA public key does not parse as DER ({e})."),
                )
            })?;
            RsaKey::from_public(k.modulus.as_bytes(), k.public_exponent.as_bytes())
                .map(AsymKey::Rsa)
                .map_err(|m| value_err(span, m))
        }
        EC_PUBLIC_KEY => {
            let curve = curve_of(info.algorithm.parameters_oid().ok(), span)?;
            EcKey::from_sec1(curve, bits)
                .map(AsymKey::Ec)
                .map_err(|m| value_err(span, m))
        }
        ED25519 => OkpKey::from_public(bits)
            .map(AsymKey::Okp)
            .map_err(|m| value_err(span, m)),
        oid => Err(unsupported_oid(oid, span)),
    }
}

fn unsupported_oid(oid: Oid, span: Span) -> InspectError {
    let what = match oid {
        ED448 => "an Ed448 key (EdDSA with Ed448 is not supported here)".to_owned(),
        X25519 => "an X25519 key (for key agreement, not signatures)".to_owned(),
        other => format!("a key of an unknown type (OID {other})"),
    };
    err(
        ErrorCode::KeyUnsupported,
        span,
        format!("The key is {what}."),
    )
}

fn rsa_private(der: &[u8], span: Span) -> Result<AsymKey, InspectError> {
    let k = rsa::pkcs1::RsaPrivateKeyRef::from_der(der).map_err(|e| {
        err(
            ErrorCode::KeyDer,
            span,
            format!("The RSA private key does not parse as DER ({e})."),
        )
    })?;
    RsaKey::from_private(
        k.modulus.as_bytes(),
        k.public_exponent.as_bytes(),
        k.private_exponent.as_bytes(),
        &[k.prime1.as_bytes(), k.prime2.as_bytes()],
    )
    .map(AsymKey::Rsa)
    .map_err(|m| value_err(span, m))
}

fn sec1(der: &[u8], curve: Option<Curve>, span: Span) -> Result<AsymKey, InspectError> {
    let k = sec1::EcPrivateKey::from_der(der).map_err(|e| {
        err(
            ErrorCode::KeyDer,
            span,
            format!("The EC private key does not parse as DER (SEC1) ({e})."),
        )
    })?;
    let curve = match (curve, k.parameters.and_then(|p| p.named_curve())) {
        (Some(c), _) => c,
        (None, oid) => curve_of(oid, span)?,
    };
    let public = match k.public_key {
        Some(point) => Some(EcKey::from_sec1(curve, point).map_err(|m| value_err(span, m))?),
        None => None,
    };
    EcKey::from_scalar(curve, k.private_key, public.as_ref())
        .map(AsymKey::Ec)
        .map_err(|m| value_err(span, m))
}

fn pkcs8(der: &[u8], span: Span) -> Result<AsymKey, InspectError> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| {
        err(
            ErrorCode::KeyDer,
            span,
            format!("The private key does not parse as DER PKCS#8 ({e})."),
        )
    })?;
    let inner = info.private_key.as_bytes();
    match info.algorithm.oid {
        RSA_ENCRYPTION | RSASSA_PSS => rsa_private(inner, span),
        EC_PUBLIC_KEY => {
            let curve = curve_of(info.algorithm.parameters_oid().ok(), span)?;
            sec1(inner, Some(curve), span)
        }
        ED25519 => {
            // CurvePrivateKey ::= OCTET STRING (RFC 8410 §7).
            let seed = der::asn1::OctetString::from_der(inner).map_err(|e| {
                err(
                    ErrorCode::KeyDer,
                    span,
                    format!("The Ed25519 private key does not parse as DER ({e})."),
                )
            })?;
            OkpKey::from_seed(seed.as_bytes(), None)
                .map(AsymKey::Okp)
                .map_err(|m| value_err(span, m))
        }
        oid => Err(unsupported_oid(oid, span)),
    }
}

/// An X.509 certificate (DER): the subject's public key and what the certificate says.
pub fn certificate(der: &[u8], span: Span) -> Result<(AsymKey, CertInfo), InspectError> {
    let cert = x509_cert::Certificate::from_der(der).map_err(|e| {
        err(
            ErrorCode::KeyDer,
            span,
            format!("The certificate does not parse as DER X.509 ({e})."),
        )
    })?;
    let tbs = cert.tbs_certificate();
    let spki_der = tbs.subject_public_key_info().to_der().map_err(|e| {
        err(
            ErrorCode::KeyDer,
            span,
            format!("The certificate's public key cannot be read ({e})."),
        )
    })?;
    let key = spki(&spki_der, span)?;
    let validity = tbs.validity();
    let secs = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let info = CertInfo {
        subject: dn(tbs.subject()),
        issuer: dn(tbs.issuer()),
        not_before: secs(&validity.not_before),
        not_after: secs(&validity.not_after),
    };
    Ok((key, info))
}

/// A distinguished name as RFC 4514 text (last RDN first), with the usual short names. Our own, small
/// formatter: x509-cert's `Display` names attributes from the whole OID database, which would add about
/// 150 KB to the wasm.
fn dn(name: &x509_cert::name::Name) -> String {
    const NAMES: [(&str, &str); 10] = [
        ("2.5.4.3", "CN"),
        ("2.5.4.6", "C"),
        ("2.5.4.7", "L"),
        ("2.5.4.8", "ST"),
        ("2.5.4.10", "O"),
        ("2.5.4.11", "OU"),
        ("2.5.4.5", "serialNumber"),
        ("2.5.4.9", "street"),
        ("1.2.840.113549.1.9.1", "emailAddress"),
        ("0.9.2342.19200300.100.1.25", "DC"),
    ];
    let mut parts: Vec<String> = name
        .iter()
        .map(|atv| {
            let oid = atv.oid.to_string();
            let key = NAMES
                .iter()
                .find(|(o, _)| *o == oid)
                .map_or(oid.as_str(), |(_, n)| n)
                .to_owned();
            let value = String::from_utf8_lossy(atv.value.value());
            let mut escaped = String::with_capacity(value.len());
            for c in value.chars() {
                if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';') {
                    escaped.push('\\');
                }
                if !c.is_control() {
                    escaped.push(c);
                }
            }
            format!("{key}={escaped}")
        })
        .collect();
    parts.reverse();
    parts.join(",")
}

/// The base64 (standard alphabet, RFC 7517 §4.7) DER of an `x5c` entry.
pub fn x5c_entry(text: &str, span: Span) -> Result<(AsymKey, CertInfo), InspectError> {
    let der = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| {
            err(
                ErrorCode::KeyJwk,
                span,
                "The JWK's \"x5c\" entry is not standard base64 (RFC 7517 §4.7).",
            )
        })?;
    certificate(&der, span)
}
