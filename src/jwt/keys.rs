//! Keys as people have them — text, base64, base64url, hex, raw bytes, a JWK or a JWK Set — read into one
//! key model ([`Key`]: material plus typed JWK restrictions), with one acceptance rule for secrets
//! ([`secret`]) and one rule for "may this key be used with this algorithm for this operation" ([`permits`]).

use std::fmt;

use super::b64;
use super::error::{ErrorCode, InspectError, Part, Span};
use super::json::{self, Json};
use super::mac::HmacAlg;
use super::material;

/// How the key text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyFormat {
    /// The UTF-8 bytes of the text, exactly as given (no trimming: a trailing space is part of a secret).
    #[default]
    Utf8,
    /// Standard base64, padded or not (the URL-safe characters are accepted too).
    Base64,
    /// base64url (RFC 4648 §5). Strict parsing refuses the standard alphabet and padding; lenient parsing (the
    /// app) reads them, with a note.
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

/// What a key is made of. `#[non_exhaustive]`: RSA, EC (with its curve) and OKP keys slot in here, and every
/// key question is answered by [`permits`] from this type.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyMaterial {
    /// A symmetric secret (JWK `kty: "oct"`), for HS256/384/512.
    Oct(Vec<u8>),
}

/// A JWK's `use` (RFC 7517 §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyUse {
    /// `"sig"`: signatures and MACs.
    Sig,
    /// `"enc"`: encryption.
    Enc,
    /// Any other value (never usable for signatures).
    Other(String),
}

/// One of a JWK's `key_ops` (RFC 7517 §4.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyOp {
    /// `"sign"`: compute a signature or MAC.
    Sign,
    /// `"verify"`: verify a signature or MAC.
    Verify,
    /// Any other operation (`encrypt`, `wrapKey`, …).
    Other(String),
}

/// What a key is about to be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Making a signature.
    Sign,
    /// Checking one.
    Verify,
}

impl Operation {
    /// `"sign"` or `"verify"`, as `key_ops` spells them.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::Sign => "sign",
            Operation::Verify => "verify",
        }
    }
}

/// One key with its JWK restrictions. `Debug` never shows key material.
#[derive(Clone, PartialEq, Eq)]
pub struct Key {
    /// The key itself.
    pub material: KeyMaterial,
    /// The JWK `kid`, if any.
    pub kid: Option<String>,
    /// The JWK `alg`, if any: the key may only be used with that algorithm.
    pub alg: Option<String>,
    /// The JWK `use`, if any.
    pub use_: Option<KeyUse>,
    /// The JWK `key_ops`, if any: verification needs `verify`, signing `sign`.
    pub key_ops: Option<Vec<KeyOp>>,
    /// Position in the JWK Set, if it came from one.
    pub index: Option<usize>,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("kty", &self.kty())
            .field("material", &format_args!("<{} bits redacted>", self.bits()))
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("use_", &self.use_)
            .field("key_ops", &self.key_ops)
            .field("index", &self.index)
            .finish()
    }
}

impl Key {
    /// A secret from raw bytes, with no restrictions. Whether it may be used is [`permits`]' question, and
    /// whether the bytes are acceptable is [`secret`]'s.
    pub fn oct(bytes: impl Into<Vec<u8>>) -> Self {
        Key {
            material: KeyMaterial::Oct(bytes.into()),
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            index: None,
        }
    }

    /// The JWK key type: `"oct"` (later also `"RSA"`, `"EC"`, `"OKP"`).
    pub const fn kty(&self) -> &'static str {
        match self.material {
            KeyMaterial::Oct(_) => "oct",
        }
    }

    /// The secret bytes of a symmetric key.
    pub fn secret(&self) -> Option<&[u8]> {
        match &self.material {
            KeyMaterial::Oct(b) => Some(b),
        }
    }

    /// Key size in bits (a secret's length; later a modulus or curve size).
    pub fn bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Oct(b) => b.len() * 8,
        }
    }
}

/// Why a key may not be used for an algorithm and operation (see [`permits`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// One plain sentence.
    pub message: String,
}

/// The one rule for "may `key` be used with `alg` for `op`", asked by verification, signing, the npm
/// binding and the app alike (RFC 7517 §4.2–4.4, RFC 8725 §3.1): the key type must fit the algorithm, a
/// JWK `alg` must be that algorithm, `use` must be `sig`, and `key_ops` must list the operation.
pub fn permits(key: &Key, alg: HmacAlg, op: Operation) -> Result<(), Refusal> {
    let refuse = |message: String| Err(Refusal { message });
    match &key.material {
        KeyMaterial::Oct(_) => {}
    }
    if let Some(a) = key.alg.as_deref().filter(|a| *a != alg.name()) {
        return refuse(format!(
            "The JWK is for {a}, but the token uses {}.",
            alg.name()
        ));
    }
    match &key.use_ {
        None | Some(KeyUse::Sig) => {}
        Some(KeyUse::Enc) => {
            return refuse(
                "The JWK's \"use\" is \"enc\": it is for encryption, not signatures.".into(),
            )
        }
        Some(KeyUse::Other(u)) => {
            return refuse(format!("The JWK's \"use\" is \"{u}\", not \"sig\"."))
        }
    }
    let wanted = match op {
        Operation::Sign => KeyOp::Sign,
        Operation::Verify => KeyOp::Verify,
    };
    if key
        .key_ops
        .as_ref()
        .is_some_and(|ops| !ops.contains(&wanted))
    {
        return refuse(format!(
            "The JWK's \"key_ops\" does not include \"{}\".",
            op.as_str()
        ));
    }
    Ok(())
}

/// Parsed key input: one key or a set. (`Debug` is redacted through [`Key`].)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySet {
    /// The usable keys, in input order.
    pub keys: Vec<Key>,
    /// True when the input was a JWK Set.
    pub is_set: bool,
    /// Keys of a set that were skipped, with the reason (e.g. an RSA key).
    pub skipped: Vec<String>,
    /// What lenient parsing accepted that strict parsing refuses (e.g. standard base64 read as base64url).
    pub notes: Vec<String>,
}

impl KeySet {
    fn single(key: Key) -> Self {
        KeySet {
            keys: vec![key],
            is_set: false,
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }
}

fn key_err(code: ErrorCode, span: Span, message: impl Into<String>) -> InspectError {
    InspectError::new(code, Part::Key, span, message)
}

/// The one acceptance rule for HMAC secret bytes, however they were spelled (text, base64, hex, raw bytes,
/// a JWK's `k`): not empty (an empty secret lets anyone compute the MAC), and not public-key material (the
/// algorithm-confusion attack, RFC 8725 §2.1; see [`material::classify`]). `span` locates the key text.
pub fn secret(bytes: Vec<u8>, span: Span) -> Result<Key, InspectError> {
    if bytes.is_empty() {
        return Err(key_err(
            ErrorCode::KeyEmpty,
            span,
            "The key is empty: an empty HMAC secret lets anyone compute the signature.",
        ));
    }
    if bytes.iter().all(|&b| b == 0) {
        // HMAC pads a short key with zero bytes (RFC 2104), so a key of zeros is the empty key spelled longer.
        return Err(key_err(
            ErrorCode::KeyEmpty,
            span,
            "The key is all zero bytes: HMAC pads keys with zeros, so it is the same as an empty secret, which \
             lets anyone compute the signature.",
        ));
    }
    if let Some(what) = material::classify(&bytes) {
        return Err(key_err(
            ErrorCode::KeyAsymmetric,
            span,
            format!(
                "The HMAC secret is {}: key material used as an HMAC secret is the algorithm-confusion attack \
                 (RFC 8725 §2.1), so it is refused, as PyJWT and jsonwebtoken do.",
                what.describe()
            ),
        ));
    }
    Ok(Key::oct(bytes))
}

/// A secret given as raw bytes (a `Uint8Array`), under the same rule as text.
pub fn from_bytes(bytes: &[u8]) -> Result<KeySet, InspectError> {
    secret(bytes.to_vec(), Span::default()).map(KeySet::single)
}

/// Parses key text in the given format, strictly: see [`parse_with`].
pub fn parse(text: &str, format: KeyFormat) -> Result<KeySet, InspectError> {
    parse_with(text, format, true)
}

/// Parses key text in the given format. Errors carry byte spans into `text`. With `strict` off (the app),
/// base64url text with standard-alphabet characters or padding is accepted with a note; with it on
/// (`verify` and `sign` by default) it is `ERR_KEY_BASE64` at the first such character.
pub fn parse_with(text: &str, format: KeyFormat, strict: bool) -> Result<KeySet, InspectError> {
    let whole = Span::new(0, text.len());
    if text.is_empty() || (format != KeyFormat::Utf8 && text.trim().is_empty()) {
        return Err(key_err(ErrorCode::KeyEmpty, whole, "No key was given."));
    }
    match format {
        KeyFormat::Utf8 => secret(text.as_bytes().to_vec(), whole).map(KeySet::single),
        KeyFormat::Base64 | KeyFormat::Base64Url => {
            let (t, off) = trimmed(text);
            let name = if format == KeyFormat::Base64 {
                "base64"
            } else {
                "base64url"
            };
            if t.trim_end_matches('=').is_empty() {
                // `=` or `==` decodes to nothing: the empty secret, whatever else is wrong with it.
                return Err(key_err(
                    ErrorCode::KeyEmpty,
                    whole,
                    "The key is empty: it decodes to no bytes, and an empty HMAC secret lets anyone compute \
                     the signature.",
                ));
            }
            let mut note = None;
            if format == KeyFormat::Base64Url {
                if let Some(i) = t.find(['+', '/', '=']) {
                    if strict {
                        return Err(key_err(
                            ErrorCode::KeyBase64,
                            Span::new(off + i, off + i + 1),
                            format!(
                                "The key is not base64url: standard base64 character ('+', '/' or '=' padding) at \
                                 byte {}. Use the \"base64\" key encoding for standard base64.",
                                off + i
                            ),
                        ));
                    }
                    note = Some(
                        "The base64url key has standard base64 characters ('+', '/' or '='); it was read as \
                         base64."
                            .to_owned(),
                    );
                }
            }
            let d = b64::decode(t).map_err(|e| {
                key_err(
                    ErrorCode::KeyBase64,
                    Span::new(e.span.start + off, e.span.end + off),
                    format!("The key is not valid {name}: {}", b64_problem(&e, off)),
                )
            })?;
            let mut set = KeySet::single(secret(d.bytes, whole)?);
            set.notes.extend(note);
            Ok(set)
        }
        KeyFormat::Hex => {
            let (t, off) = trimmed(text);
            let (t, off) = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                Some(rest) => (rest, off + 2),
                None => (t, off),
            };
            let bytes = hex_decode(t).map_err(|(span, msg)| {
                key_err(
                    ErrorCode::KeyHex,
                    Span::new(span.start + off, span.end + off),
                    msg,
                )
            })?;
            secret(bytes, whole).map(KeySet::single)
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

/// At most this many keys in a JWK Set: each is parsed and may be tried, so a set is bounded work.
pub const MAX_SET_KEYS: usize = 1000;

/// Builds keys from a parsed JWK or JWK Set (used for JS objects too). A member of the wrong type is an
/// error naming it, never an absent member: an unreadable restriction must not leave a key unrestricted.
pub fn from_jwk_json(v: &Json, text_len: usize) -> Result<KeySet, InspectError> {
    let whole = Span::new(0, text_len);
    if v.as_object().is_none() {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            format!("A JWK must be a JSON object, not {}.", v.type_name()),
        ));
    }
    let Some(keys) = v.get("keys") else {
        let key = jwk(v, whole).and_then(|k| k.ok_or_else(|| unusable_kty(v, whole)))?;
        return Ok(KeySet::single(key));
    };
    let Json::Array(items) = keys else {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            "The JWK Set's \"keys\" must be an array.",
        ));
    };
    if items.len() > MAX_SET_KEYS {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            format!(
                "The JWK Set has {} keys; at most {MAX_SET_KEYS} are read.",
                items.len()
            ),
        ));
    }
    let mut set = KeySet {
        keys: Vec::new(),
        is_set: true,
        skipped: Vec::new(),
        notes: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        let located = |mut e: InspectError| {
            e.message = format!("Key {i} of the JWK Set: {}", e.message);
            e
        };
        match jwk(item, whole).map_err(located)? {
            Some(mut k) => {
                k.index = Some(i);
                set.keys.push(k);
            }
            None => set
                .skipped
                .push(format!("key {i}: {}", unusable_kty(item, whole).message)),
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
    Ok(set)
}

fn unusable_kty(v: &Json, whole: Span) -> InspectError {
    let kty = v.get("kty").and_then(Json::as_str).unwrap_or_default();
    key_err(
        ErrorCode::KeyJwk,
        whole,
        format!("The JWK has kty \"{kty}\": only symmetric (\"oct\") keys verify HMAC tokens."),
    )
}

/// One JWK: `Ok(None)` for a well-formed key of a type this tool does not use (skipped in a set).
fn jwk(v: &Json, whole: Span) -> Result<Option<Key>, InspectError> {
    let bad = |message: String| key_err(ErrorCode::KeyJwk, whole, message);
    if v.as_object().is_none() {
        return Err(bad(format!(
            "A JWK must be a JSON object, not {}.",
            v.type_name()
        )));
    }
    let text = |name: &str| -> Result<Option<&str>, InspectError> {
        match v.get(name) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => Err(bad(format!(
                "The JWK's \"{name}\" must be a string, not {}.",
                other.type_name()
            ))),
        }
    };
    let kty = text("kty")?.ok_or_else(|| bad("The JWK has no \"kty\" member.".into()))?;
    let kid = text("kid")?.map(str::to_owned);
    let alg = text("alg")?.map(str::to_owned);
    let use_ = text("use")?.map(|u| match u {
        "sig" => KeyUse::Sig,
        "enc" => KeyUse::Enc,
        other => KeyUse::Other(other.to_owned()),
    });
    let key_ops = match v.get("key_ops") {
        None => None,
        Some(Json::Array(items)) => {
            let mut ops = Vec::with_capacity(items.len());
            for item in items {
                let op = match item.as_str() {
                    Some("sign") => KeyOp::Sign,
                    Some("verify") => KeyOp::Verify,
                    Some(other) => KeyOp::Other(other.to_owned()),
                    None => {
                        return Err(bad(format!(
                            "The JWK's \"key_ops\" must be an array of strings, but it holds {}.",
                            item.type_name()
                        )))
                    }
                };
                if ops.contains(&op) {
                    return Err(bad(
                        "The JWK's \"key_ops\" lists an operation twice (RFC 7517 §4.3).".into(),
                    ));
                }
                ops.push(op);
            }
            Some(ops)
        }
        Some(other) => {
            return Err(bad(format!(
                "The JWK's \"key_ops\" must be an array of strings, not {}.",
                other.type_name()
            )))
        }
    };
    if kty != "oct" {
        return Ok(None);
    }
    let k =
        text("k")?.ok_or_else(|| bad("The oct JWK has no \"k\" string (the key value).".into()))?;
    let bytes = b64::decode(k)
        .map_err(|e| {
            bad(format!(
                "The JWK's \"k\" is not base64url: {}",
                b64_problem(&e, 0)
            ))
        })?
        .bytes;
    let mut key = secret(bytes, whole)?;
    key.kid = kid;
    key.alg = alg;
    key.use_ = use_;
    key.key_ops = key_ops;
    Ok(Some(key))
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
    if hex.len() >= 32 && hex.len().is_multiple_of(2) && hex.bytes().all(|c| c.is_ascii_hexdigit())
    {
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

    fn bytes(text: &str, format: KeyFormat) -> Vec<u8> {
        parse(text, format).unwrap().keys[0]
            .secret()
            .unwrap()
            .to_vec()
    }

    #[test]
    fn formats_decode() {
        assert_eq!(bytes("secret", KeyFormat::Utf8), b"secret");
        assert_eq!(bytes(" sp ", KeyFormat::Utf8), b" sp ");
        assert_eq!(bytes("c2VjcmV0", KeyFormat::Base64), b"secret");
        assert_eq!(bytes("c2VjcmV0\n", KeyFormat::Base64Url), b"secret");
        assert_eq!(bytes("YQ==", KeyFormat::Base64), b"a");
        assert_eq!(bytes("0x0aFF", KeyFormat::Hex), [10, 255]);
        let jwk = r#"{"kty":"oct","kid":"k1","alg":"HS256","k":"c2VjcmV0"}"#;
        let k = &parse(jwk, KeyFormat::Jwk).unwrap().keys[0];
        assert_eq!(
            (k.secret(), k.kid.as_deref()),
            (Some(&b"secret"[..]), Some("k1"))
        );
        assert_eq!(k.bits(), 48);
    }

    #[test]
    fn jwks_skips_other_key_types() {
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
        ] {
            assert_eq!(
                parse(bad, KeyFormat::Jwk).unwrap_err().code,
                ErrorCode::KeyJwk,
                "{bad}"
            );
        }
    }

    #[test]
    fn the_one_rule_answers_alg_use_and_key_ops() {
        let mut k = Key::oct(b"0123456789abcdef0123456789abcdef".to_vec());
        assert!(permits(&k, HmacAlg::HS256, Operation::Verify).is_ok());
        k.alg = Some("HS384".into());
        assert!(permits(&k, HmacAlg::HS256, Operation::Sign).is_err());
        assert!(permits(&k, HmacAlg::HS384, Operation::Sign).is_ok());
        k.use_ = Some(KeyUse::Enc);
        assert!(permits(&k, HmacAlg::HS384, Operation::Verify).is_err());
        k.use_ = Some(KeyUse::Sig);
        k.key_ops = Some(vec![KeyOp::Verify]);
        assert!(permits(&k, HmacAlg::HS384, Operation::Verify).is_ok());
        assert!(permits(&k, HmacAlg::HS384, Operation::Sign).is_err());
    }

    #[test]
    fn debug_is_redacted() {
        let k = Key::oct(b"hunter2".to_vec());
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
