//! Splitting and decoding a compact JWS / JWE, collecting every problem on the way.
//!
//! [`decode`] is the lean path used by verification: it cleans the input, splits it, decodes each part and
//! parses the JSON, and records errors with spans in the original input. It never stops at the first problem
//! and never panics; whatever could be decoded is returned.

use super::b64::{self, B64Issue};
use super::error::{ErrorCode, InspectError, Part, Span};
use super::input::{Cleaned, Note};
use super::json::{self, Duplicate, Json};

/// What the token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A JSON Web Signature (3 parts).
    Jws,
    /// A JSON Web Encryption (5 parts): the payload is encrypted and cannot be shown or verified here.
    Jwe,
    /// An unsecured JWT: `alg` is `none` (in any case), so nothing protects it (RFC 7519 §6).
    Unsecured,
}

impl TokenKind {
    /// `"jws"`, `"jwe"` or `"unsecured"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenKind::Jws => "jws",
            TokenKind::Jwe => "jwe",
            TokenKind::Unsecured => "unsecured",
        }
    }
}

/// One dot-separated part of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartInfo {
    /// Which part this is (`Part::Token` for surplus parts of a token with a wrong part count).
    pub part: Part,
    /// Where it is in the original input (what to colour in an editor).
    pub span: Span,
    /// Where it is in the cleaned token text.
    pub clean: Span,
    /// Its decoded length in bytes, when it decoded.
    pub decoded_len: Option<usize>,
}

/// The payload, as well as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// JSON of any kind (a JWT claims set is an object).
    Json(Json),
    /// UTF-8 text that is not JSON (RFC 7520 §4.4 signs plain text).
    Text(String),
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
}

/// A deviation from strict base64url that still decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64Deviation {
    /// The part.
    pub part: Part,
    /// What deviated.
    pub issue: B64Issue,
    /// Where, in the original input.
    pub span: Span,
}

/// A duplicate JSON member name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateMember {
    /// The part (header or payload).
    pub part: Part,
    /// The JSON pointer and the offset in the decoded JSON.
    pub duplicate: Duplicate,
    /// The base64url characters that carry the repeated name, in the original input.
    pub span: Span,
}

/// The result of the lean decode.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// What the token is.
    pub kind: TokenKind,
    /// The cleaned token text (what was actually decoded).
    pub token: String,
    /// Clean-ups made to the input.
    pub notes: Vec<Note>,
    /// The dot-separated parts.
    pub parts: Vec<PartInfo>,
    /// The protected header, when it decoded to a JSON object (or at least to JSON).
    pub header: Option<Json>,
    /// `alg` from the header, when it is a string.
    pub alg: Option<String>,
    /// The payload (JWS only).
    pub payload: Option<Payload>,
    /// The signature bytes (JWS only), when they decoded.
    pub signature: Option<Vec<u8>>,
    /// True when the header says `"b64": false` (RFC 7797): the payload part is not base64url-encoded.
    pub unencoded_payload: bool,
    /// Every error, in input order.
    pub errors: Vec<InspectError>,
    /// Every base64url deviation.
    pub base64_deviations: Vec<Base64Deviation>,
    /// Every duplicate member name.
    pub duplicates: Vec<DuplicateMember>,
    /// The decoded header text, when it parsed as JSON (what a caller hands to `JSON.parse`, without
    /// decoding the part again).
    pub header_source: Option<String>,
    /// The decoded payload text, when it parsed as JSON.
    pub payload_source: Option<String>,
    cleaned: Cleaned,
}

impl Decoded {
    /// The info for `part`, if the token has it.
    pub fn part(&self, part: Part) -> Option<&PartInfo> {
        self.parts.iter().find(|p| p.part == part)
    }

    /// The text of `part` in the cleaned token.
    pub fn part_text(&self, part: Part) -> Option<&str> {
        self.part(part)
            .and_then(|p| self.token.get(p.clean.start..p.clean.end))
    }

    /// The JWS signing input (`header.payload` as ASCII, RFC 7515 §5.1), when the token has three parts.
    pub fn signing_input(&self) -> Option<&[u8]> {
        if self.parts.len() != 3 {
            return None;
        }
        self.token.as_bytes().get(..self.parts[1].clean.end)
    }

    /// Maps a span in the cleaned token to the original input.
    pub fn map_span(&self, clean: Span) -> Span {
        self.cleaned.map_span(clean)
    }

    /// True when something beyond the bare part structure was decoded (a header or a payload).
    pub fn decoded_anything(&self) -> bool {
        self.header.is_some() || self.payload.is_some()
    }
}

/// Cleans, splits and decodes `input`. Never fails and never panics: problems are in `errors`.
pub fn decode(input: &str) -> Decoded {
    let mut cleaned = Cleaned::new(input);
    let token = cleaned.take_text();
    let mut d = Decoded {
        kind: TokenKind::Jws,
        token,
        notes: std::mem::take(&mut cleaned.notes),
        parts: Vec::new(),
        header: None,
        alg: None,
        payload: None,
        signature: None,
        unencoded_payload: false,
        errors: Vec::new(),
        base64_deviations: Vec::new(),
        duplicates: Vec::new(),
        header_source: None,
        payload_source: None,
        cleaned,
    };
    if d.token.is_empty() {
        let message = if input.trim().is_empty() {
            "The input is empty: paste a token."
        } else {
            "Only a prefix was given: paste the token after it."
        };
        d.errors.push(InspectError::new(
            ErrorCode::Empty,
            Part::Token,
            Span::new(0, input.len()),
            message,
        ));
        return d;
    }
    if d.token.starts_with('{') {
        let span = d.map_span(Span::new(0, d.token.len()));
        d.errors.push(InspectError::new(
            ErrorCode::JsonSerialization,
            Part::Token,
            span,
            "This is JSON, not a compact token: the JWS/JWE JSON serialization is not supported; \
             paste the compact form (header.payload.signature).",
        ));
        return d;
    }

    // Split at the dots. A pathological input (a megabyte of dots) keeps its first parts separate and the
    // rest as one, so memory stays proportional to what is shown, not to the dot count.
    const MAX_PARTS: usize = 8;
    // Fixed arrays, not vectors: this runs on every keystroke and every verification.
    let mut bounds = [Span::default(); MAX_PARTS];
    let mut parts = 0;
    let mut start = 0;
    let mut count = 1;
    for (i, b) in d.token.bytes().enumerate() {
        if b == b'.' {
            count += 1;
            if parts + 1 < MAX_PARTS {
                bounds[parts] = Span::new(start, i);
                parts += 1;
                start = i + 1;
            }
        }
    }
    bounds[parts] = Span::new(start, d.token.len());
    let bounds = &bounds[..=parts];

    let labels: &[Part] = match count {
        5 => &[
            Part::Header,
            Part::EncryptedKey,
            Part::Iv,
            Part::Ciphertext,
            Part::Tag,
        ],
        _ => &[Part::Header, Part::Payload, Part::Signature],
    };
    d.parts = bounds
        .iter()
        .enumerate()
        .map(|(i, &clean)| PartInfo {
            part: labels.get(i).copied().unwrap_or(Part::Token),
            span: d.map_span(clean),
            clean,
            decoded_len: None,
        })
        .collect();

    if count != 3 && count != 5 {
        let mut listed: Vec<String> = d
            .token
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'.')
            .take(MAX_PARTS - 1)
            .map(|(i, _)| d.map_span(Span::new(i, i + 1)).start.to_string())
            .collect();
        if count - 1 > listed.len() {
            listed.push(format!("… {} dots in all", count - 1));
        }
        let where_ = if listed.is_empty() {
            "no dots".to_owned()
        } else {
            format!("dots at offsets {}", listed.join(", "))
        };
        let span = d.map_span(Span::new(0, d.token.len()));
        d.errors.push(InspectError::new(
            ErrorCode::PartCount,
            Part::Token,
            span,
            format!(
                "Found {count} part{} ({where_}): a signed token (JWS) has 3 parts and an encrypted one (JWE) 5.",
                if count == 1 { "" } else { "s" }
            ),
        ));
    }

    decode_header(&mut d);
    if count == 5 {
        d.kind = TokenKind::Jwe;
        for i in 1..5 {
            let part = d.parts[i].part;
            // The encrypted key is empty for direct encryption (`alg: dir`); the others must not be.
            if let Some(bytes) = decode_part(&mut d, i, part != Part::EncryptedKey) {
                d.parts[i].decoded_len = Some(bytes.len());
            }
        }
        return d;
    }
    if d.alg
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case("none"))
    {
        d.kind = TokenKind::Unsecured;
    }
    if bounds.len() >= 2 {
        decode_payload(&mut d);
    }
    if bounds.len() >= 3 {
        if let Some(sig) = decode_part(&mut d, 2, false) {
            d.parts[2].decoded_len = Some(sig.len());
            d.signature = Some(sig);
        }
    }
    d
}

/// Base64url-decodes part `i`, recording errors and deviations.
fn decode_part(d: &mut Decoded, i: usize, required: bool) -> Option<Vec<u8>> {
    let info = d.parts[i].clone();
    let text = &d.token[info.clean.start..info.clean.end];
    if text.is_empty() && required {
        d.errors.push(InspectError::new(
            ErrorCode::EmptyPart,
            info.part,
            info.span,
            format!("The {} part is empty.", info.part),
        ));
        return None;
    }
    let shift = |s: Span| Span::new(s.start + info.clean.start, s.end + info.clean.start);
    match b64::decode(text) {
        Ok(ok) => {
            for (issue, span) in ok.issues {
                let span = d.map_span(shift(span));
                d.base64_deviations.push(Base64Deviation {
                    part: info.part,
                    issue,
                    span,
                });
            }
            Some(ok.bytes)
        }
        Err(e) => {
            let span = d.map_span(shift(e.span));
            d.errors.push(InspectError::new(
                e.code,
                info.part,
                span,
                format!("{}: {}", capital(info.part), e.message),
            ));
            None
        }
    }
}

fn capital(part: Part) -> String {
    let s = part.as_str().replace('-', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The original-input span of decoded bytes `start..end` of part `i`.
fn decoded_span(d: &Decoded, i: usize, start: usize, end: usize, encoded: bool) -> Span {
    let info = &d.parts[i];
    let rel = if encoded {
        b64::decoded_to_encoded(Span::new(start, end), info.clean.len())
    } else {
        Span::new(start.min(info.clean.len()), end.min(info.clean.len()))
    };
    d.map_span(Span::new(
        rel.start + info.clean.start,
        rel.end + info.clean.start,
    ))
}

/// Parses JSON from decoded part `i`, recording syntax errors and duplicates.
fn parse_json(
    d: &mut Decoded,
    i: usize,
    text: &str,
    encoded: bool,
) -> Result<Json, (ErrorCode, String)> {
    let part = d.parts[i].part;
    match json::parse(text) {
        Ok(parsed) => {
            for dup in parsed.duplicates {
                let span = decoded_span(d, i, dup.offset, dup.offset + 1, encoded);
                d.duplicates.push(DuplicateMember {
                    part,
                    duplicate: dup,
                    span,
                });
            }
            Ok(parsed.value)
        }
        Err(e) => {
            let span = decoded_span(d, i, e.offset, e.offset + 1, encoded);
            let message = format!(
                "{} JSON, at byte {} of the decoded text: {}",
                capital(part),
                e.offset,
                e.message
            );
            d.errors
                .push(InspectError::new(e.code, part, span, message.clone()));
            Err((e.code, message))
        }
    }
}

fn utf8_error(d: &mut Decoded, i: usize, bytes: &[u8], encoded: bool) -> Option<InspectError> {
    let e = std::str::from_utf8(bytes).err()?;
    let at = e.valid_up_to();
    let span = decoded_span(d, i, at, at + 1, encoded);
    let part = d.parts[i].part;
    Some(InspectError::new(
        ErrorCode::Utf8,
        part,
        span,
        format!(
            "{} is not UTF-8: invalid byte 0x{:02x} at byte {at} of the decoded text.",
            capital(part),
            bytes[at]
        ),
    ))
}

fn decode_header(d: &mut Decoded) {
    let Some(bytes) = decode_part(d, 0, true) else {
        return;
    };
    d.parts[0].decoded_len = Some(bytes.len());
    // The bytes become the text without a copy, validated once.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            if let Some(e) = utf8_error(d, 0, e.as_bytes(), true) {
                d.errors.push(e);
            }
            return;
        }
    };
    let Ok(value) = parse_json(d, 0, &text, true) else {
        return;
    };
    d.header_source = Some(text);
    if value.as_object().is_none() {
        let span = d.parts[0].span;
        d.errors.push(InspectError::new(
            ErrorCode::HeaderNotObject,
            Part::Header,
            span,
            format!(
                "The header must be a JSON object, but it is {}.",
                value.type_name()
            ),
        ));
    }
    d.alg = value.get("alg").and_then(Json::as_str).map(str::to_owned);
    d.unencoded_payload = matches!(value.get("b64"), Some(Json::Bool(false)));
    d.header = Some(value);
}

fn decode_payload(d: &mut Decoded) {
    let encoded = !d.unencoded_payload;
    let bytes = if encoded {
        match decode_part(d, 1, false) {
            Some(b) => b,
            None => return,
        }
    } else {
        let c = d.parts[1].clean;
        d.token.as_bytes()[c.start..c.end].to_vec()
    };
    d.parts[1].decoded_len = Some(bytes.len());
    let payload = match String::from_utf8(bytes) {
        Err(e) => Payload::Binary(e.into_bytes()),
        Ok(text) => {
            let trimmed = text.trim_start_matches([' ', '\t', '\r', '\n']);
            let looks_json = trimmed.starts_with(['{', '[']);
            // Parse anything that could be JSON; report syntax errors only when it was clearly meant as JSON,
            // since plain text is a legitimate JWS payload (RFC 7520 §4.4).
            let parsed = if looks_json {
                parse_json(d, 1, &text, encoded).ok()
            } else {
                json::parse(&text)
                    .ok()
                    .filter(|_| !text.is_empty())
                    .map(|p| p.value)
            };
            match parsed {
                Some(v) => {
                    d.payload_source = Some(text);
                    Payload::Json(v)
                }
                None => Payload::Text(text),
            }
        }
    };
    d.payload = Some(payload);
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";

    #[test]
    fn decodes_a_jws() {
        let d = decode(ARTICLE);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.kind, TokenKind::Jws);
        assert_eq!(d.alg.as_deref(), Some("HS256"));
        assert_eq!(d.parts.len(), 3);
        assert_eq!(d.signature.as_ref().map(Vec::len), Some(32));
        assert_eq!(
            d.signing_input().unwrap(),
            ARTICLE.rsplit_once('.').unwrap().0.as_bytes()
        );
        let Some(Payload::Json(p)) = &d.payload else {
            panic!()
        };
        assert_eq!(p.get("name").and_then(Json::as_str), Some("John Doe"));
    }

    #[test]
    fn bad_character_points_into_the_original_input() {
        let input = format!("Bearer {}", ARTICLE.replacen("eyJz", "ey!z", 1));
        let d = decode(&input);
        assert_eq!(d.errors.len(), 1);
        let e = &d.errors[0];
        assert_eq!((e.code, e.part), (ErrorCode::B64Char, Part::Payload));
        assert_eq!(&input[e.span.start..e.span.end], "!");
        assert!(d.header.is_some(), "the header still decodes");
        assert!(d.signature.is_some(), "the signature still decodes");
    }

    #[test]
    fn wrong_part_counts() {
        let d = decode("a.b.c.d");
        assert_eq!(d.errors[0].code, ErrorCode::PartCount);
        assert!(d.errors[0]
            .message
            .contains("Found 4 parts (dots at offsets 1, 3, 5)"));
        let d = decode("abc");
        assert!(d.errors[0].message.contains("Found 1 part (no dots)"));
        let dots = ".".repeat(100_000);
        let d = decode(&dots);
        assert!(d.parts.len() <= 8);
        assert_eq!(d.parts.last().unwrap().span.end, dots.len());
        assert!(
            d.errors[0].message.contains(
                "Found 100001 parts (dots at offsets 0, 1, 2, 3, 4, 5, 6, … 100000 dots in all)"
            ),
            "{}",
            d.errors[0].message
        );
        let d = decode("  ");
        assert_eq!(d.errors[0].code, ErrorCode::Empty);
        assert!(!d.decoded_anything());
        let d = decode(r#"{"payload":"x"}"#);
        assert_eq!(d.errors[0].code, ErrorCode::JsonSerialization);
        // Two parts: header and payload still decode.
        let two = ARTICLE.rsplit_once('.').unwrap().0;
        let d = decode(two);
        assert_eq!(d.errors.len(), 1);
        assert!(d.header.is_some() && d.payload.is_some());
    }

    #[test]
    fn json_error_in_header_is_located() {
        // {"alg":"HS256",} — trailing comma at decoded byte 15.
        let h = b64::encode(br#"{"alg":"HS256",}"#);
        let token = format!("{h}.e30.");
        let d = decode(&token);
        let e = &d.errors[0];
        assert_eq!((e.code, e.part), (ErrorCode::JsonSyntax, Part::Header));
        assert_eq!(e.span, Span::new(20, 22));
        assert!(e.message.contains("at byte 15"));
    }

    #[test]
    fn payload_kinds() {
        let text = b64::encode("It’s a dangerous business".as_bytes());
        let d = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{text}.AA"));
        assert_eq!(
            d.payload,
            Some(Payload::Text("It’s a dangerous business".into()))
        );
        let bin = b64::encode(&[0xff, 0xfe, 0x00]);
        let d = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{bin}.AA"));
        assert_eq!(d.payload, Some(Payload::Binary(vec![0xff, 0xfe, 0])));
        let broken = b64::encode(br#"{"a":}"#);
        let d = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{broken}.AA"));
        assert_eq!(d.errors[0].code, ErrorCode::JsonSyntax);
        assert_eq!(d.payload, Some(Payload::Text(r#"{"a":}"#.into())));
        let arr = b64::encode(b"[1,2]");
        let d = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{arr}.AA"));
        assert!(matches!(d.payload, Some(Payload::Json(Json::Array(_)))));
    }

    #[test]
    fn unencoded_payload_rfc7797() {
        // RFC 7797 §4.2: {"alg":"HS256","b64":false,"crit":["b64"]} with payload "$.02" cannot be compact
        // (it has a dot), so use a dot-free payload.
        let h = b64::encode(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
        let d = decode(&format!("{h}.$02.AA"));
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert!(d.unencoded_payload);
        assert_eq!(d.payload, Some(Payload::Text("$02".into())));
    }

    #[test]
    fn jwe_parts() {
        let h = b64::encode(br#"{"alg":"dir","enc":"A128GCM"}"#);
        let d = decode(&format!("{h}..AAAA.AAAAAAAA.AAAA"));
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.kind, TokenKind::Jwe);
        assert_eq!(d.parts[1].decoded_len, Some(0));
        assert_eq!(d.parts[3].decoded_len, Some(6));
        assert!(d.payload.is_none() && d.signature.is_none());
        let d = decode(&format!("{h}..AAAA..AAAA"));
        assert_eq!(
            (d.errors[0].code, d.errors[0].part),
            (ErrorCode::EmptyPart, Part::Ciphertext)
        );
    }

    #[test]
    fn unsecured_any_case() {
        for alg in ["none", "None", "NONE"] {
            let h = b64::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes());
            assert_eq!(decode(&format!("{h}.e30.")).kind, TokenKind::Unsecured);
        }
    }

    #[test]
    fn duplicates_are_located() {
        let h = b64::encode(br#"{"alg":"HS256","alg":"none"}"#);
        let token = format!("{h}.e30.AA");
        let d = decode(&token);
        assert_eq!(d.duplicates.len(), 1);
        assert_eq!(d.duplicates[0].duplicate.pointer, "/alg");
        assert_eq!(
            d.alg.as_deref(),
            Some("none"),
            "the lexically last member wins (RFC 7515 §5.2)"
        );
        let s = d.duplicates[0].span;
        let decoded = b64::decode(&token[s.start - s.start % 4..s.end + (4 - s.end % 4) % 4])
            .unwrap()
            .bytes;
        assert!(String::from_utf8_lossy(&decoded).contains('"'));
    }
}
