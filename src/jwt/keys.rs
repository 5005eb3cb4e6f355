//! HMAC keys as people have them: text, base64, base64url, hex, a JWK or a JWK Set.

use std::fmt;

use super::b64;
use super::error::{ErrorCode, InspectError, Part, Span};
use super::json::{self, Json};

/// How the key text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyFormat {
    /// The UTF-8 bytes of the text, exactly as given (no trimming: a trailing space is part of a secret).
    #[default]
    Utf8,
    /// Standard base64, padded or not (the URL-safe characters are accepted too).
    Base64,
    /// base64url, padded or not (the standard characters are accepted too).
    Base64Url,
    /// Hexadecimal, optionally `0x`-prefixed.
    Hex,
    /// A JSON Web Key `{"kty":"oct","k":…}` (a JWK Set is accepted too).
    Jwk,
    /// A JSON Web Key Set `{"keys":[…]}` (a single JWK is accepted too).
    Jwks,
}

impl KeyFormat {
    /// `"utf8"`, `"base64"`, `"base64url"`, `"hex"`, `"jwk"`, `"jwks"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyFormat::Utf8 => "utf8",
            KeyFormat::Base64 => "base64",
            KeyFormat::Base64Url => "base64url",
            KeyFormat::Hex => "hex",
            KeyFormat::Jwk => "jwk",
            KeyFormat::Jwks => "jwks",
        }
    }

    /// Parses a format name (also `utf-8`, `text`, `base64-url`), case-insensitively.
    pub fn parse(name: &str) -> Option<KeyFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" | "text" => KeyFormat::Utf8,
            "base64" => KeyFormat::Base64,
            "base64url" | "base64-url" => KeyFormat::Base64Url,
            "hex" => KeyFormat::Hex,
            "jwk" => KeyFormat::Jwk,
            "jwks" => KeyFormat::Jwks,
            _ => return None,
        })
    }

    /// Every format, in UI order.
    pub const ALL: [KeyFormat; 6] = [
        KeyFormat::Utf8,
        KeyFormat::Base64,
        KeyFormat::Base64Url,
        KeyFormat::Hex,
        KeyFormat::Jwk,
        KeyFormat::Jwks,
    ];
}

/// One symmetric key. `Debug` never shows the key bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct SymmetricKey {
    /// The raw key bytes.
    pub bytes: Vec<u8>,
    /// The JWK `kid`, if any.
    pub kid: Option<String>,
    /// The JWK `alg`, if any (the key may only be used with that algorithm).
    pub alg: Option<String>,
    /// The JWK `use`, if any.
    pub use_: Option<String>,
    /// The JWK `key_ops`, if any (RFC 7517 §4.3): verification needs `"verify"`, signing `"sign"`.
    pub key_ops: Option<Vec<String>>,
    /// Position in the JWK Set, if it came from one.
    pub index: Option<usize>,
}

impl fmt::Debug for SymmetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SymmetricKey")
            .field(
                "bytes",
                &format_args!("<{} bytes redacted>", self.bytes.len()),
            )
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("use_", &self.use_)
            .field("key_ops", &self.key_ops)
            .field("index", &self.index)
            .finish()
    }
}

impl SymmetricKey {
    /// A key from raw bytes.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        SymmetricKey {
            bytes: bytes.into(),
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            index: None,
        }
    }

    /// Key length in bits.
    pub fn bits(&self) -> usize {
        self.bytes.len() * 8
    }

    /// True when the JWK's `key_ops` (if any) allows `op` (`"verify"` or `"sign"`).
    pub fn allows(&self, op: &str) -> bool {
        self.key_ops
            .as_ref()
            .is_none_or(|ops| ops.iter().any(|o| o == op))
    }

    /// What asymmetric key material the bytes look like, if any: a PEM block (public or private key,
    /// certificate) or an OpenSSH public key. Such text used as an HMAC secret is the algorithm-confusion
    /// attack (RFC 8725 §2.1): whoever knows the public key can forge tokens. PyJWT and jsonwebtoken refuse it.
    pub fn asymmetric_kind(&self) -> Option<&'static str> {
        looks_asymmetric(&self.bytes)
    }
}

/// Parsed key input: one key or a set. (`Debug` is redacted through [`SymmetricKey`].)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySet {
    /// The usable symmetric keys, in input order.
    pub keys: Vec<SymmetricKey>,
    /// True when the input was a JWK Set.
    pub is_set: bool,
    /// Keys of a set that were skipped, with the reason (e.g. an RSA key).
    pub skipped: Vec<String>,
}

fn key_err(code: ErrorCode, span: Span, message: impl Into<String>) -> InspectError {
    InspectError::new(code, Part::Key, span, message)
}

/// Parses key text in the given format. Errors carry byte spans into `text`.
pub fn parse(text: &str, format: KeyFormat) -> Result<KeySet, InspectError> {
    let single = |key| KeySet {
        keys: vec![key],
        is_set: false,
        skipped: Vec::new(),
    };
    if text.is_empty() || (format != KeyFormat::Utf8 && text.trim().is_empty()) {
        return Err(key_err(
            ErrorCode::KeyEmpty,
            Span::new(0, text.len()),
            "No key was given.",
        ));
    }
    match format {
        KeyFormat::Utf8 => Ok(single(SymmetricKey::from_bytes(text.as_bytes()))),
        KeyFormat::Base64 | KeyFormat::Base64Url => {
            let (t, off) = trimmed(text);
            let d = b64::decode(t).map_err(|e| {
                let name = if format == KeyFormat::Base64 {
                    "base64"
                } else {
                    "base64url"
                };
                key_err(
                    ErrorCode::KeyBase64,
                    Span::new(e.span.start + off, e.span.end + off),
                    format!("The key is not valid {name}: {}", b64_problem(&e, off)),
                )
            })?;
            Ok(single(SymmetricKey::from_bytes(d.bytes)))
        }
        KeyFormat::Hex => {
            let (t, off) = trimmed(text);
            let (t, off) = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                Some(rest) => (rest, off + 2),
                None => (t, off),
            };
            hex_decode(t)
                .map(|b| single(SymmetricKey::from_bytes(b)))
                .map_err(|(span, msg)| {
                    key_err(
                        ErrorCode::KeyHex,
                        Span::new(span.start + off, span.end + off),
                        msg,
                    )
                })
        }
        KeyFormat::Jwk | KeyFormat::Jwks => parse_jwk_text(text),
    }
}

/// What is wrong with base64 key text, without quoting any of it (key text is secret).
fn b64_problem(e: &b64::B64Error, off: usize) -> String {
    let at = e.span.start + off;
    match e.code {
        ErrorCode::B64Length => {
            "its length cannot encode whole bytes (a character is missing or one too many).".into()
        }
        ErrorCode::B64Padding => {
            format!("'=' padding at byte {at} is followed by more characters.")
        }
        _ => format!("a character outside the alphabet at byte {at}."),
    }
}

fn trimmed(text: &str) -> (&str, usize) {
    let t = text.trim_start();
    let off = text.len() - t.len();
    (t.trim_end(), off)
}

fn hex_decode(t: &str) -> Result<Vec<u8>, (Span, String)> {
    let b = t.as_bytes();
    if let Some(i) = b.iter().position(|c| !c.is_ascii_hexdigit()) {
        // The message names the position, never the character: key text is secret.
        let c = t[i..].chars().next().unwrap_or('?');
        return Err((
            Span::new(i, i + c.len_utf8()),
            format!("The key has a character that is not a hex digit at byte {i}."),
        ));
    }
    if b.len() % 2 == 1 {
        return Err((
            Span::new(b.len() - 1, b.len()),
            "Hex keys need an even number of digits (two per byte).".into(),
        ));
    }
    let nib = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    };
    Ok(b.chunks_exact(2)
        .map(|p| nib(p[0]) << 4 | nib(p[1]))
        .collect())
}

fn parse_jwk_text(text: &str) -> Result<KeySet, InspectError> {
    let parsed = json::parse(text).map_err(|e| {
        key_err(
            ErrorCode::KeyJson,
            Span::char_at(text, e.offset),
            // Not the parser's message: it quotes the character found, and key text is secret.
            format!("The key is not valid JSON at byte {}.", e.offset),
        )
    })?;
    from_jwk_json(&parsed.value, text.len())
}

/// Builds keys from a parsed JWK or JWK Set (used for JS objects too).
pub fn from_jwk_json(v: &Json, text_len: usize) -> Result<KeySet, InspectError> {
    let whole = Span::new(0, text_len);
    if v.as_object().is_none() {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            format!("A JWK must be a JSON object, not {}.", v.type_name()),
        ));
    }
    if let Some(keys) = v.get("keys") {
        let Json::Array(items) = keys else {
            return Err(key_err(
                ErrorCode::KeyJwk,
                whole,
                "The JWK Set's \"keys\" must be an array.",
            ));
        };
        let mut set = KeySet {
            keys: Vec::new(),
            is_set: true,
            skipped: Vec::new(),
        };
        for (i, item) in items.iter().enumerate() {
            match jwk(item, whole) {
                Ok(mut k) => {
                    k.index = Some(i);
                    set.keys.push(k);
                }
                Err(e) => set.skipped.push(format!("key {i}: {}", e.message)),
            }
        }
        if set.keys.is_empty() {
            let why = if items.is_empty() {
                "The JWK Set is empty.".to_owned()
            } else {
                format!(
                    "The JWK Set has no usable symmetric (oct) key ({}).",
                    set.skipped.join("; ")
                )
            };
            return Err(key_err(ErrorCode::KeyJwk, whole, why));
        }
        return Ok(set);
    }
    Ok(KeySet {
        keys: vec![jwk(v, whole)?],
        is_set: false,
        skipped: Vec::new(),
    })
}

fn jwk(v: &Json, whole: Span) -> Result<SymmetricKey, InspectError> {
    let text = |name: &str| v.get(name).and_then(Json::as_str).map(str::to_owned);
    match v.get("kty") {
        None => {
            return Err(key_err(
                ErrorCode::KeyJwk,
                whole,
                "The JWK has no \"kty\" member.",
            ))
        }
        Some(Json::String(kty)) if kty == "oct" => {}
        Some(Json::String(kty)) => {
            return Err(key_err(
                ErrorCode::KeyJwk,
                whole,
                format!(
                    "The JWK has kty \"{kty}\": only symmetric (\"oct\") keys verify HMAC tokens."
                ),
            ))
        }
        Some(other) => {
            return Err(key_err(
                ErrorCode::KeyJwk,
                whole,
                format!(
                    "The JWK's \"kty\" must be a string, not {}.",
                    other.type_name()
                ),
            ))
        }
    }
    let Some(k) = v.get("k").and_then(Json::as_str) else {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            "The oct JWK has no \"k\" string (the key value).",
        ));
    };
    let bytes = b64::decode(k)
        .map_err(|e| {
            key_err(
                ErrorCode::KeyJwk,
                whole,
                format!("The JWK's \"k\" is not base64url: {}", b64_problem(&e, 0)),
            )
        })?
        .bytes;
    if bytes.is_empty() {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            "The JWK's \"k\" is empty.",
        ));
    }
    let key_ops = match v.get("key_ops") {
        None => None,
        Some(Json::Array(items)) => Some(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
        ),
        Some(_) => {
            return Err(key_err(
                ErrorCode::KeyJwk,
                whole,
                "The JWK's \"key_ops\" must be an array of strings.",
            ))
        }
    };
    Ok(SymmetricKey {
        bytes,
        kid: text("kid"),
        alg: text("alg"),
        use_: text("use"),
        key_ops,
        index: None,
    })
}

/// See [`SymmetricKey::asymmetric_kind`].
pub fn looks_asymmetric(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(bytes);
    let t = text.trim_start();
    if t.contains("-----BEGIN") {
        return Some(if t.contains("PRIVATE KEY") {
            "a PEM private key"
        } else if t.contains("CERTIFICATE") {
            "a PEM certificate"
        } else {
            "a PEM public key"
        });
    }
    const SSH: &[&str] = &[
        "ssh-rsa ",
        "ssh-dss ",
        "ssh-ed25519 ",
        "ecdsa-sha2-",
        "sk-ssh-",
        "sk-ecdsa-",
    ];
    SSH.iter()
        .any(|p| t.starts_with(p))
        .then_some("an OpenSSH public key")
}

/// Guesses the format of key text, for a "this looks like …" hint. `None` when nothing stands out.
pub fn detect_format(text: &str) -> Option<KeyFormat> {
    let t = text.trim();
    if t.starts_with('{') {
        return Some(if t.contains("\"keys\"") {
            KeyFormat::Jwks
        } else {
            KeyFormat::Jwk
        });
    }
    if t.len() < 16 || t.len() != text.len() {
        return None;
    }
    let b = t.as_bytes();
    let hex = t.strip_prefix("0x").unwrap_or(t);
    if hex.len() >= 32 && hex.len() % 2 == 0 && hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Some(KeyFormat::Hex);
    }
    let data = t.trim_end_matches('=');
    let b64ish = data
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_'));
    if !b64ish || data.len() % 4 == 1 || t.len() - data.len() > 2 {
        return None;
    }
    let url = b.iter().any(|c| matches!(c, b'-' | b'_'));
    let std = b.iter().any(|c| matches!(c, b'+' | b'/'));
    let padded = data.len() != t.len();
    // Random key material mixes cases; prose such as `a-string-secret-at-least-256-bits-long` does not.
    let mixed = b.iter().any(u8::is_ascii_uppercase) && b.iter().any(u8::is_ascii_lowercase);
    if !mixed {
        return None;
    }
    match (url, std) {
        (true, false) if data.len() >= 22 => Some(KeyFormat::Base64Url),
        (false, true) => Some(KeyFormat::Base64),
        (false, false) if padded => Some(KeyFormat::Base64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_decode() {
        assert_eq!(
            parse("secret", KeyFormat::Utf8).unwrap().keys[0].bytes,
            b"secret"
        );
        assert_eq!(
            parse(" sp ", KeyFormat::Utf8).unwrap().keys[0].bytes,
            b" sp "
        );
        assert_eq!(
            parse("c2VjcmV0", KeyFormat::Base64).unwrap().keys[0].bytes,
            b"secret"
        );
        assert_eq!(
            parse("c2VjcmV0\n", KeyFormat::Base64Url).unwrap().keys[0].bytes,
            b"secret"
        );
        assert_eq!(
            parse("YQ==", KeyFormat::Base64).unwrap().keys[0].bytes,
            b"a"
        );
        assert_eq!(
            parse("0x0aFF", KeyFormat::Hex).unwrap().keys[0].bytes,
            [10, 255]
        );
        let jwk = r#"{"kty":"oct","kid":"k1","alg":"HS256","k":"c2VjcmV0"}"#;
        let k = &parse(jwk, KeyFormat::Jwk).unwrap().keys[0];
        assert_eq!(
            (k.bytes.as_slice(), k.kid.as_deref()),
            (&b"secret"[..], Some("k1"))
        );
        assert_eq!(k.bits(), 48);
    }

    #[test]
    fn jwks_skips_unusable_keys() {
        let set = r#"{"keys":[{"kty":"RSA","n":"x","e":"AQAB"},{"kty":"oct","k":"AQID"}]}"#;
        let s = parse(set, KeyFormat::Jwks).unwrap();
        assert!(s.is_set);
        assert_eq!(s.keys.len(), 1);
        assert_eq!(s.keys[0].index, Some(1));
        assert_eq!(s.skipped.len(), 1);
        let e = parse(r#"{"keys":[{"kty":"RSA"}]}"#, KeyFormat::Jwks).unwrap_err();
        assert_eq!(e.code, ErrorCode::KeyJwk);
    }

    #[test]
    fn errors_are_located() {
        let e = parse("ab$d", KeyFormat::Base64).unwrap_err();
        assert_eq!(
            (e.code, e.part, e.span),
            (ErrorCode::KeyBase64, Part::Key, Span::new(2, 3))
        );
        let e = parse("  0xabz", KeyFormat::Hex).unwrap_err();
        assert_eq!((e.code, e.span), (ErrorCode::KeyHex, Span::new(6, 7)));
        let e = parse("abc", KeyFormat::Hex).unwrap_err();
        assert_eq!(e.span, Span::new(2, 3));
        let e = parse("{\"kty\":", KeyFormat::Jwk).unwrap_err();
        assert_eq!((e.code, e.span.start), (ErrorCode::KeyJson, 7));
        assert_eq!(
            parse("", KeyFormat::Utf8).unwrap_err().code,
            ErrorCode::KeyEmpty
        );
        assert_eq!(
            parse("  ", KeyFormat::Hex).unwrap_err().code,
            ErrorCode::KeyEmpty
        );
        for bad in [
            r#"{"kty":"RSA"}"#,
            r#"{"kty":"oct"}"#,
            r#"{"k":"AA"}"#,
            "[1]",
            r#"{"kty":"oct","k":""}"#,
        ] {
            assert_eq!(
                parse(bad, KeyFormat::Jwk).unwrap_err().code,
                ErrorCode::KeyJwk,
                "{bad}"
            );
        }
    }

    #[test]
    fn debug_is_redacted() {
        let k = SymmetricKey::from_bytes(b"hunter2".to_vec());
        let d = format!("{k:?}");
        assert!(!d.contains("104") && !d.contains("hunter2"), "{d}");
    }

    #[test]
    fn detection() {
        assert_eq!(detect_format("secret"), None);
        assert_eq!(detect_format(r#"{"kty":"oct"}"#), Some(KeyFormat::Jwk));
        assert_eq!(detect_format(r#"{"keys":[]}"#), Some(KeyFormat::Jwks));
        assert_eq!(
            detect_format("00112233445566778899aabbccddeeff"),
            Some(KeyFormat::Hex)
        );
        assert_eq!(
            detect_format("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"),
            Some(KeyFormat::Base64Url)
        );
        assert_eq!(
            detect_format("c2VjcmV0c2VjcmV0c2VjcmV0/w=="),
            Some(KeyFormat::Base64)
        );
        assert_eq!(detect_format("your-256-bit-secret"), None);
        assert_eq!(
            detect_format("a-string-secret-at-least-256-bits-long"),
            None
        );
    }
}
