//! Keys as people have them — text, base64, base64url, hex, raw bytes, a JWK or a JWK Set — read into one
//! key model ([`Key`]: material plus typed JWK restrictions), with one acceptance rule for secrets
//! ([`secret`]) and one rule for "may this key be used with this algorithm for this operation" ([`permits`]).

use std::fmt;

use super::alg::{Alg, Curve, Family};
use super::asym::{AsymKey, EcKey, OkpKey, RsaKey, RSA_MIN_BITS};
use super::b64;
use super::error::{ErrorCode, InspectError, Part, Span};
use super::json::{self, Json};
use super::material::{self, Material, Wrapping};
use super::pkix::{self, CertInfo};

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
    /// PEM text: a public key (SPKI or PKCS#1), an X.509 certificate, or a private key (PKCS#8, PKCS#1, SEC1).
    Pem,
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
            KeyFormat::Pem => "pem",
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
            "pem" => KeyFormat::Pem,
            _ => return None,
        })
    }

    /// Every format, in UI order.
    pub const ALL: [KeyFormat; 7] = [
        KeyFormat::Utf8,
        KeyFormat::Base64,
        KeyFormat::Base64Url,
        KeyFormat::Hex,
        KeyFormat::Jwk,
        KeyFormat::Jwks,
        KeyFormat::Pem,
    ];
}

/// What a key is made of; every key question is answered by [`permits`] from this type.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyMaterial {
    /// A symmetric secret (JWK `kty: "oct"`), for HS256/384/512.
    Oct(Vec<u8>),
    /// An RSA, EC or OKP key (public, or private with its public part).
    Asym(Box<AsymKey>),
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
    /// The certificate the key came from (PEM certificate or JWK `x5c`), if any.
    pub cert: Option<CertInfo>,
    /// How the key was written ("PEM X.509 certificate", "JWK", …), for display.
    pub source: &'static str,
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
            .field("source", &self.source)
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
            cert: None,
            source: "secret",
        }
    }

    /// An asymmetric key with no restrictions.
    pub fn asym(key: AsymKey, source: &'static str) -> Self {
        Key {
            material: KeyMaterial::Asym(Box::new(key)),
            source,
            ..Key::oct(Vec::new())
        }
    }

    /// The JWK key type: `"oct"`, `"RSA"`, `"EC"` or `"OKP"`.
    pub const fn kty(&self) -> &'static str {
        match &self.material {
            KeyMaterial::Oct(_) => "oct",
            KeyMaterial::Asym(k) => k.kty(),
        }
    }

    /// The secret bytes of a symmetric key.
    pub fn secret(&self) -> Option<&[u8]> {
        match &self.material {
            KeyMaterial::Oct(b) => Some(b),
            KeyMaterial::Asym(_) => None,
        }
    }

    /// The asymmetric key, if this is one.
    pub fn asymmetric(&self) -> Option<&AsymKey> {
        match &self.material {
            KeyMaterial::Oct(_) => None,
            KeyMaterial::Asym(k) => Some(k),
        }
    }

    /// The curve of an EC or OKP key.
    pub fn curve(&self) -> Option<Curve> {
        self.asymmetric().and_then(AsymKey::curve)
    }

    /// True for a private asymmetric key (which also verifies, through its public part).
    pub fn is_private(&self) -> bool {
        self.asymmetric().is_some_and(AsymKey::has_private)
    }

    /// Key size in bits: a secret's length, an RSA modulus, or a curve's size.
    pub fn bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Oct(b) => b.len() * 8,
            KeyMaterial::Asym(k) => k.bits(),
        }
    }

    /// The algorithms this key can be used with, by its type alone (RFC 8725 §3.1: a key is bound to its
    /// algorithms; JWK `alg` narrows this further in [`permits`]).
    pub fn algorithms(&self) -> &'static [Alg] {
        match self.asymmetric() {
            None => &[Alg::HS256, Alg::HS384, Alg::HS512],
            Some(AsymKey::Rsa(_)) => &[
                Alg::RS256,
                Alg::RS384,
                Alg::RS512,
                Alg::PS256,
                Alg::PS384,
                Alg::PS512,
            ],
            Some(AsymKey::Ec(k)) => match k.curve() {
                Curve::P256 => &[Alg::ES256],
                Curve::P384 => &[Alg::ES384],
                _ => &[Alg::ES512],
            },
            Some(AsymKey::Okp(_)) => &[Alg::EdDSA],
        }
    }

    /// The algorithm to sign with when none is named: the JWK's `alg`, else HS256 for a secret, RS256 for
    /// RSA (the common choice of identity providers), the curve's ES algorithm, EdDSA for Ed25519.
    pub fn default_alg(&self) -> Alg {
        if let Some(a) = self.alg.as_deref().and_then(Alg::from_name) {
            return a;
        }
        match self.asymmetric() {
            None => Alg::HS256,
            Some(AsymKey::Rsa(_)) => Alg::RS256,
            Some(k) => k.curve().map_or(Alg::EdDSA, Curve::alg),
        }
    }

    /// "RSA 2048-bit public key", "EC P-256 private key", "256-bit secret" (for messages and the app).
    pub fn describe(&self) -> String {
        match &self.material {
            KeyMaterial::Oct(b) => format!("{}-bit secret", b.len() * 8),
            KeyMaterial::Asym(k) => {
                let which = if k.has_private() { "private" } else { "public" };
                match k.as_ref() {
                    AsymKey::Rsa(r) => format!("RSA {}-bit {which} key", r.bits()),
                    AsymKey::Ec(e) => format!("EC {} {which} key", e.curve().name()),
                    AsymKey::Okp(_) => format!("OKP Ed25519 {which} key"),
                }
            }
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
/// binding and the app alike (RFC 7517 §4.2–4.4, RFC 8725 §2.1, §3.1): the key type (and curve) must fit the
/// algorithm — a secret only HS*, RSA only RS*/PS*, each NIST curve only its ES algorithm, Ed25519 only EdDSA,
/// so a public key never verifies an HMAC token — signing needs the private key, a JWK `alg` must be that
/// algorithm, `use` must be `sig`, and `key_ops` must list the operation.
pub fn permits(key: &Key, alg: Alg, op: Operation) -> Result<(), Refusal> {
    let refuse = |message: String| Err(Refusal { message });
    if !key.algorithms().contains(&alg) {
        let what = key.describe();
        return refuse(match (alg.family(), key.asymmetric()) {
            (Family::Hmac(_), Some(_)) => format!(
                "The token is {} (HMAC with a shared secret), but the key is {}: using an asymmetric key \
                 as an HMAC secret is the algorithm-confusion attack (RFC 8725 §2.1), so it is refused.",
                alg.name(),
                a_or_an(&what)
            ),
            (Family::Ecdsa(c), Some(AsymKey::Ec(k))) => format!(
                "{} needs a {} key, but the key is on {} (RFC 7518 §3.4).",
                alg.name(),
                c.name(),
                k.curve().name()
            ),
            _ => format!(
                "{} needs {} key, but the key is {}.",
                alg.name(),
                match alg.kty() {
                    "oct" => "a shared secret (oct)",
                    "RSA" => "an RSA",
                    "EC" => "an EC",
                    _ => "an OKP (Ed25519)",
                },
                a_or_an(&what)
            ),
        });
    }
    if op == Operation::Sign && key.asymmetric().is_some_and(|k| !k.has_private()) {
        return refuse(format!(
            "Signing {} needs the private key, and this is {}.",
            alg.name(),
            a_or_an(&key.describe())
        ));
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

/// "an RSA 2048-bit public key", "an EC P-256 key", "a 256-bit secret".
fn a_or_an(what: &str) -> String {
    let article = if what.starts_with(['R', 'E', 'O', '8']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {what}")
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
        KeyFormat::Utf8 => match material::classify(text.as_bytes()) {
            // Key text pasted as is: a PEM key or certificate, or the JSON of an asymmetric JWK / JWK Set, is
            // read as that key (never as an HMAC secret: `permits` keeps it away from HS*).
            Some(d) if d.wrapping == Wrapping::Raw => match d.material {
                Material::PemPublicKey | Material::PemPrivateKey | Material::PemCertificate => {
                    pem(text, strict)
                }
                Material::PublicJwk | Material::PrivateJwk | Material::AsymmetricJwkSet => {
                    parse_jwk_text(text, strict)
                }
                _ => secret(text.as_bytes().to_vec(), whole).map(KeySet::single),
            },
            _ => secret(text.as_bytes().to_vec(), whole).map(KeySet::single),
        },
        KeyFormat::Pem => pem(text, strict),
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
        KeyFormat::Jwk | KeyFormat::Jwks => parse_jwk_text(text, strict),
    }
}

fn pem(text: &str, strict: bool) -> Result<KeySet, InspectError> {
    let parsed = pkix::parse_pem(text)?;
    let mut key = Key::asym(parsed.key, parsed.source);
    key.cert = parsed.cert;
    strong_enough(&key, strict, Span::new(0, text.len()))?;
    let mut set = KeySet::single(key);
    set.notes = parsed.notes;
    Ok(set)
}

/// RFC 7518 §3.3: an RSA key for RS*/PS* is 2048 bits or more. Strict parsing (verify, sign) refuses a
/// shorter one; lenient parsing (the app) keeps it, and verification flags it (`rsa-key-too-short`).
fn strong_enough(key: &Key, strict: bool, span: Span) -> Result<(), InspectError> {
    match key.asymmetric() {
        Some(AsymKey::Rsa(r)) if strict && r.bits() < RSA_MIN_BITS => Err(key_err(
            ErrorCode::KeyWeak,
            span,
            format!(
                "The RSA key is {} bits; RFC 7518 §3.3 requires at least {RSA_MIN_BITS}, so it is refused (a \
                 factorable key lets anyone forge signatures).",
                r.bits()
            ),
        )),
        _ => Ok(()),
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

fn parse_jwk_text(text: &str, strict: bool) -> Result<KeySet, InspectError> {
    let parsed = json::parse(text).map_err(|e| {
        key_err(
            ErrorCode::KeyJson,
            Span::char_at(text, e.offset),
            // Not the parser's message: it quotes the character found, and key text is secret.
            format!("The key is not valid JSON at byte {}.", e.offset),
        )
    })?;
    from_jwk_json_with(&parsed.value, text.len(), strict)
}

/// At most this many keys in a JWK Set: each is parsed and may be tried, so a set is bounded work.
pub const MAX_SET_KEYS: usize = 1000;

/// Builds keys from a parsed JWK or JWK Set, strictly (see [`from_jwk_json_with`]).
pub fn from_jwk_json(v: &Json, text_len: usize) -> Result<KeySet, InspectError> {
    from_jwk_json_with(v, text_len, true)
}

/// Builds keys from a parsed JWK or JWK Set (used for JS objects too). A member of the wrong type is an
/// error naming it, never an absent member: an unreadable restriction must not leave a key unrestricted.
/// Keys of a type this tool does not use (Ed448, X25519, secp256k1, `kty` unknown) are skipped in a set, with
/// the reason in [`KeySet::skipped`].
pub fn from_jwk_json_with(v: &Json, text_len: usize, strict: bool) -> Result<KeySet, InspectError> {
    let whole = Span::new(0, text_len);
    if v.as_object().is_none() {
        return Err(key_err(
            ErrorCode::KeyJwk,
            whole,
            format!("A JWK must be a JSON object, not {}.", v.type_name()),
        ));
    }
    let Some(keys) = v.get("keys") else {
        let key = jwk(v, whole, strict)?.map_err(|e| *e)?;
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
        match jwk(item, whole, strict).map_err(located)? {
            Ok(mut k) => {
                k.index = Some(i);
                set.keys.push(k);
            }
            Err(unusable) => set.skipped.push(format!("key {i}: {}", unusable.message)),
        }
    }
    if set.keys.is_empty() {
        let why = if items.is_empty() {
            "The JWK Set is empty.".to_owned()
        } else {
            format!(
                "The JWK Set has no usable key ({}).",
                set.skipped.join("; ")
            )
        };
        return Err(key_err(ErrorCode::KeyJwk, whole, why));
    }
    Ok(set)
}

/// One JWK: `Ok(Err(why))` for a well-formed key of a type this tool does not use (skipped in a set; the
/// error of a single key).
#[allow(clippy::type_complexity)]
fn jwk(
    v: &Json,
    whole: Span,
    strict: bool,
) -> Result<Result<Key, Box<InspectError>>, InspectError> {
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
    let member = |name: &str| -> Result<Option<Vec<u8>>, InspectError> {
        match text(name)? {
            None => Ok(None),
            Some(s) => b64::decode(s).map(|d| Some(d.bytes)).map_err(|e| {
                bad(format!(
                    "The JWK's \"{name}\" is not base64url: {}",
                    b64_problem(&e, 0)
                ))
            }),
        }
    };
    let need = |name: &str| -> Result<Vec<u8>, InspectError> {
        member(name)?.ok_or_else(|| {
            bad(format!(
                "The {kty} JWK has no \"{name}\" member (RFC 7518 §6)."
            ))
        })
    };
    let value = |m: String| pkix::value_err(whole, m);
    let mut key = match kty {
        "oct" => Key {
            source: "JWK",
            ..secret(need("k")?, whole)?
        },
        "RSA" => {
            let (n, e) = match (member("n")?, member("e")?) {
                (Some(n), Some(e)) => (n, e),
                (None, None) if v.get("x5c").is_some() => {
                    let (k, info) = x5c_key(v, whole)?;
                    let mut key = Key::asym(k, "JWK (x5c certificate)");
                    key.cert = Some(info);
                    return finish_jwk(key, kid, alg, use_, key_ops, whole, strict).map(Ok);
                }
                _ => {
                    return Err(bad(
                        "The RSA JWK needs both \"n\" and \"e\" (RFC 7518 §6.3.1).".into(),
                    ))
                }
            };
            let rsa = match member("d")? {
                None => RsaKey::from_public(&n, &e),
                Some(d) => {
                    let primes: Vec<Vec<u8>> =
                        [member("p")?, member("q")?].into_iter().flatten().collect();
                    let refs: Vec<&[u8]> = primes.iter().map(Vec::as_slice).collect();
                    RsaKey::from_private(&n, &e, &d, &refs)
                }
            }
            .map_err(value)?;
            Key::asym(AsymKey::Rsa(rsa), "JWK")
        }
        "EC" | "OKP" => {
            let crv = text("crv")?.ok_or_else(|| bad(format!("The {kty} JWK has no \"crv\".")))?;
            let curve = match (kty, Curve::from_name(crv)) {
                ("EC", Some(c)) if c != Curve::Ed25519 => c,
                ("OKP", Some(Curve::Ed25519)) => Curve::Ed25519,
                ("EC", None) if crv == "secp256k1" => {
                    return Ok(Err(Box::new(key_err(
                        ErrorCode::KeyUnsupported,
                        whole,
                        "The JWK is on secp256k1 (ES256K), which this tool does not verify.",
                    ))))
                }
                ("OKP", None) if matches!(crv, "Ed448" | "X25519" | "X448") => {
                    return Ok(Err(Box::new(key_err(
                        ErrorCode::KeyUnsupported,
                        whole,
                        format!(
                            "The JWK is an OKP {crv} key, which this tool does not verify (EdDSA with Ed25519 only)."
                        ),
                    ))))
                }
                _ => {
                    return Err(bad(format!(
                        "The {kty} JWK has crv \"{crv}\", which is not a {kty} curve (RFC 7518 §6.2.1.1, RFC 8037 §2)."
                    )))
                }
            };
            let asym = if curve == Curve::Ed25519 {
                let public = OkpKey::from_public(&need("x")?).map_err(value)?;
                match member("d")? {
                    None => AsymKey::Okp(public),
                    Some(d) => AsymKey::Okp(OkpKey::from_seed(&d, Some(&public)).map_err(value)?),
                }
            } else {
                let public = EcKey::from_xy(curve, &need("x")?, &need("y")?).map_err(value)?;
                match member("d")? {
                    None => AsymKey::Ec(public),
                    Some(d) => {
                        AsymKey::Ec(EcKey::from_scalar(curve, &d, Some(&public)).map_err(value)?)
                    }
                }
            };
            Key::asym(asym, "JWK")
        }
        other => {
            return Ok(Err(Box::new(key_err(
                ErrorCode::KeyJwk,
                whole,
                format!(
                    "The JWK has kty \"{other}\": only oct, RSA, EC and OKP keys sign JWS tokens."
                ),
            ))))
        }
    };
    if v.get("x5c").is_some() && key.asymmetric().is_some() {
        let (cert_key, info) = x5c_key(v, whole)?;
        if key.asymmetric().map(AsymKey::public_only) != Some(cert_key) {
            return Err(bad(
                "The JWK's \"x5c\" certificate holds a different key than its own members (RFC 7517 §4.7).".into(),
            ));
        }
        key.cert = Some(info);
    }
    finish_jwk(key, kid, alg, use_, key_ops, whole, strict).map(Ok)
}

/// The key of a JWK's `x5c` (its first certificate: RFC 7517 §4.7).
fn x5c_key(v: &Json, whole: Span) -> Result<(AsymKey, CertInfo), InspectError> {
    let bad = |m: &str| key_err(ErrorCode::KeyJwk, whole, m);
    match v.get("x5c") {
        Some(Json::Array(items)) => match items.first() {
            Some(Json::String(first)) => pkix::x5c_entry(first, whole),
            _ => Err(bad(
                "The JWK's \"x5c\" must be a non-empty array of base64 strings.",
            )),
        },
        _ => Err(bad(
            "The JWK's \"x5c\" must be an array of base64 strings (RFC 7517 §4.7).",
        )),
    }
}

#[allow(clippy::too_many_arguments)]
fn finish_jwk(
    mut key: Key,
    kid: Option<String>,
    alg: Option<String>,
    use_: Option<KeyUse>,
    key_ops: Option<Vec<KeyOp>>,
    whole: Span,
    strict: bool,
) -> Result<Key, InspectError> {
    if let (Some(a), false) = (alg.as_deref(), key.secret().is_some()) {
        // A JWK's `alg` must be one its key type can do (RFC 7517 §4.4); a contradiction is an error.
        if let Some(parsed) = Alg::from_name(a) {
            if !key.algorithms().contains(&parsed) {
                return Err(key_err(
                    ErrorCode::KeyJwk,
                    whole,
                    format!(
                        "The JWK's \"alg\" is {a}, which a {} cannot do.",
                        key.describe()
                    ),
                ));
            }
        }
    }
    strong_enough(&key, strict, whole)?;
    key.kid = kid;
    key.alg = alg;
    key.use_ = use_;
    key.key_ops = key_ops;
    Ok(key)
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
        let set = r#"{"keys":[{"kty":"OKP","crv":"Ed448","x":"AA"},{"kty":"oct","k":"AQID"}]}"#;
        let s = parse(set, KeyFormat::Jwks).unwrap();
        assert!(s.is_set);
        assert_eq!(s.keys.len(), 1);
        assert_eq!(s.keys[0].index, Some(1));
        assert_eq!(s.skipped.len(), 1);
        let e = parse(r#"{"keys":[{"kty":"XYZ"}]}"#, KeyFormat::Jwks).unwrap_err();
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
        assert!(permits(&k, Alg::HS256, Operation::Verify).is_ok());
        k.alg = Some("HS384".into());
        assert!(permits(&k, Alg::HS256, Operation::Sign).is_err());
        assert!(permits(&k, Alg::HS384, Operation::Sign).is_ok());
        k.use_ = Some(KeyUse::Enc);
        assert!(permits(&k, Alg::HS384, Operation::Verify).is_err());
        k.use_ = Some(KeyUse::Sig);
        k.key_ops = Some(vec![KeyOp::Verify]);
        assert!(permits(&k, Alg::HS384, Operation::Verify).is_ok());
        assert!(permits(&k, Alg::HS384, Operation::Sign).is_err());
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
