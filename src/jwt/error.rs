//! Typed errors: a stable code (what), a part and a byte span in the original input (where), and one
//! plain sentence (why).
//!
//! The codes are an append-only public list, documented in the README: never rename or reuse one.

use std::fmt;

/// The part of the input an error or a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The input as a whole (part count, empty input, …).
    Token,
    /// The JOSE protected header (first part).
    Header,
    /// The JWS payload (second part).
    Payload,
    /// The JWS signature (third part).
    Signature,
    /// JWE only: the encrypted key (second of five parts).
    EncryptedKey,
    /// JWE only: the initialization vector (third of five parts).
    Iv,
    /// JWE only: the ciphertext (fourth of five parts).
    Ciphertext,
    /// JWE only: the authentication tag (fifth of five parts).
    Tag,
    /// The verification key the user supplied.
    Key,
}

impl Part {
    /// The lower-case name used in JS objects and the UI (`"header"`, `"encrypted-key"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Token => "token",
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::EncryptedKey => "encrypted-key",
            Part::Iv => "iv",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "tag",
            Part::Key => "key",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range `start..end` into the string the caller passed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (callers keep `start <= end`).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span of the character at byte `offset` of `text` (empty at the end of the text, and snapped to
    /// the start of the character if `offset` falls inside one).
    pub fn char_at(text: &str, offset: usize) -> Self {
        let mut start = offset.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let len = text[start..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, start + len)
    }

    /// The span's length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty span (a position between two bytes).
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Stable error codes. `#[non_exhaustive]`: new codes may be appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Nothing but whitespace (or a bare `Bearer`) was given.
    Empty,
    /// The token does not have 3 (JWS) or 5 (JWE) dot-separated parts.
    PartCount,
    /// A part that must not be empty is empty.
    EmptyPart,
    /// A character outside the base64url alphabet.
    B64Char,
    /// A base64url text whose length cannot come from any byte string (length % 4 == 1).
    B64Length,
    /// `=` padding followed by more data (padding may only end a part).
    B64Padding,
    /// The decoded bytes are not UTF-8 where UTF-8 is required (the header).
    Utf8,
    /// The decoded JSON is not well-formed.
    JsonSyntax,
    /// The decoded JSON nests deeper than the parser allows.
    JsonDepth,
    /// The header is JSON but not an object.
    HeaderNotObject,
    /// The input is a JWS/JWE JSON serialization, which this tool does not take.
    JsonSerialization,
    /// The key is empty.
    KeyEmpty,
    /// The key is not valid base64 / base64url.
    KeyBase64,
    /// The key is not valid hex.
    KeyHex,
    /// The key is not valid JSON (JWK / JWKS formats).
    KeyJson,
    /// The JWK (or JWK Set) is not usable: a member missing or of the wrong type, an unknown `kty`.
    KeyJwk,
    /// A header or payload given to `sign` is not acceptable.
    SignInput,
    /// The HMAC secret is public-key material (PEM, certificate, OpenSSH key): refused (RFC 8725 §2.1).
    KeyAsymmetric,
    /// The token is not an HS256/HS384/HS512 JWS, so its secret cannot be audited.
    NotHmac,
    /// The PEM armour is broken: no BEGIN/END lines, a character that is not base64, bad padding.
    KeyPem,
    /// The DER inside a PEM block (or an `x5c` certificate) does not parse as the structure its label names.
    KeyDer,
    /// The key is encrypted with a passphrase (encrypted PEM / PKCS#8): not supported.
    KeyEncrypted,
    /// A key type, curve or format this tool does not use (Ed448, secp256k1, X25519, OpenSSH private keys).
    KeyUnsupported,
    /// The key's values are not a valid key: an EC point not on its curve, an inconsistent RSA private key,
    /// a private part that does not match its public part.
    KeyValue,
    /// An RSA modulus shorter than the 2048 bits RFC 7518 §3.3 requires (refused by strict verification and by
    /// signing; the app verifies it and flags it).
    KeyWeak,
    /// The key cannot be used with the algorithm or operation asked for: wrong type or curve, a public key
    /// asked to sign, or JWK restrictions (`alg`, `use`, `key_ops`) that forbid it.
    KeyAlg,
}

impl ErrorCode {
    /// The stable code string (`"ERR_B64_CHAR"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Empty => "ERR_EMPTY",
            ErrorCode::PartCount => "ERR_PART_COUNT",
            ErrorCode::EmptyPart => "ERR_EMPTY_PART",
            ErrorCode::B64Char => "ERR_B64_CHAR",
            ErrorCode::B64Length => "ERR_B64_LENGTH",
            ErrorCode::B64Padding => "ERR_B64_PADDING",
            ErrorCode::Utf8 => "ERR_UTF8",
            ErrorCode::JsonSyntax => "ERR_JSON_SYNTAX",
            ErrorCode::JsonDepth => "ERR_JSON_DEPTH",
            ErrorCode::HeaderNotObject => "ERR_HEADER_NOT_OBJECT",
            ErrorCode::JsonSerialization => "ERR_JSON_SERIALIZATION",
            ErrorCode::KeyEmpty => "ERR_KEY_EMPTY",
            ErrorCode::KeyBase64 => "ERR_KEY_BASE64",
            ErrorCode::KeyHex => "ERR_KEY_HEX",
            ErrorCode::KeyJson => "ERR_KEY_JSON",
            ErrorCode::KeyJwk => "ERR_KEY_JWK",
            ErrorCode::SignInput => "ERR_SIGN_INPUT",
            ErrorCode::KeyAsymmetric => "ERR_KEY_ASYMMETRIC",
            ErrorCode::NotHmac => "ERR_NOT_HMAC",
            ErrorCode::KeyPem => "ERR_KEY_PEM",
            ErrorCode::KeyDer => "ERR_KEY_DER",
            ErrorCode::KeyEncrypted => "ERR_KEY_ENCRYPTED",
            ErrorCode::KeyUnsupported => "ERR_KEY_UNSUPPORTED",
            ErrorCode::KeyValue => "ERR_KEY_VALUE",
            ErrorCode::KeyWeak => "ERR_KEY_WEAK",
            ErrorCode::KeyAlg => "ERR_KEY_ALG",
        }
    }

    /// Every code, in documentation order (used by the README check and the JS type list).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Empty,
        ErrorCode::PartCount,
        ErrorCode::EmptyPart,
        ErrorCode::B64Char,
        ErrorCode::B64Length,
        ErrorCode::B64Padding,
        ErrorCode::Utf8,
        ErrorCode::JsonSyntax,
        ErrorCode::JsonDepth,
        ErrorCode::HeaderNotObject,
        ErrorCode::JsonSerialization,
        ErrorCode::KeyEmpty,
        ErrorCode::KeyBase64,
        ErrorCode::KeyHex,
        ErrorCode::KeyJson,
        ErrorCode::KeyJwk,
        ErrorCode::SignInput,
        ErrorCode::KeyAsymmetric,
        ErrorCode::NotHmac,
        ErrorCode::KeyPem,
        ErrorCode::KeyDer,
        ErrorCode::KeyEncrypted,
        ErrorCode::KeyUnsupported,
        ErrorCode::KeyValue,
        ErrorCode::KeyWeak,
        ErrorCode::KeyAlg,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in the input: what, where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectError {
    /// The stable code.
    pub code: ErrorCode,
    /// The part the problem is in.
    pub part: Part,
    /// Byte span in the string the caller passed (the original, uncleaned input; for key errors, the key text).
    pub span: Span,
    /// One plain sentence.
    pub message: String,
}

impl InspectError {
    pub(crate) fn new(code: ErrorCode, part: Part, span: Span, message: impl Into<String>) -> Self {
        InspectError {
            code,
            part,
            span,
            message: message.into(),
        }
    }
}

impl fmt::Display for InspectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} in {} at bytes {}..{}: {}",
            self.code, self.part, self.span.start, self.span.end, self.message
        )
    }
}

impl std::error::Error for InspectError {}
