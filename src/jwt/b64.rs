//! base64url as RFC 7515 §2 defines it (RFC 4648 §5, no padding), decoded with best effort.
//!
//! Strict where it matters and forgiving where a human pasted something slightly off: `=` padding and the
//! standard alphabet (`+`, `/`) still decode but are reported as non-conformance; a character outside both
//! alphabets is an error at its exact byte offset; non-zero trailing bits (a non-canonical encoding that lets
//! two texts decode to the same bytes) are reported too.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

use super::error::{ErrorCode, Span};

/// base64url without padding, accepting non-zero trailing bits (we report them ourselves).
const URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// A deviation from RFC 7515 §2 that still decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum B64Issue {
    /// `=` padding was present (span: the padding).
    Padding,
    /// The standard alphabet's `+` or `/` was used (span: the first such character).
    StandardAlphabet,
    /// The last character carries non-zero bits that do not belong to any byte (span: that character).
    TrailingBits,
}

/// A successful decode with the deviations found on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// Deviations from strict base64url, with spans relative to the decoded text.
    pub issues: Vec<(B64Issue, Span)>,
}

/// A decode failure, with a span relative to the decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct B64Error {
    /// `ErrorCode::B64Char`, `B64Length` or `B64Padding`.
    pub code: ErrorCode,
    /// Where, relative to the text given to [`decode`].
    pub span: Span,
    /// One plain sentence.
    pub message: String,
}

fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

/// Strict base64url: no padding, no stray trailing bits — the one spelling RFC 7515 §2 allows.
const URL_STRICT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Decodes base64url text (see the module docs for what is forgiven).
pub fn decode(text: &str) -> Result<Decoded, B64Error> {
    // The common case first: canonical base64url decodes in one pass with nothing to report. Anything else
    // (a deviation or an error) takes the scan below, which says exactly what and where.
    if let Ok(bytes) = URL_STRICT.decode(text) {
        return Ok(Decoded {
            bytes,
            issues: Vec::new(),
        });
    }
    let bytes = text.as_bytes();
    let mut issues = Vec::new();
    let mut first_std: Option<usize> = None;
    let mut pad_start: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' if pad_start.is_none() => {}
            b'+' | b'/' if pad_start.is_none() => {
                first_std.get_or_insert(i);
            }
            b'=' => {
                pad_start.get_or_insert(i);
            }
            _ => {
                // `i` is a char boundary: everything before it was ASCII.
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                let span = Span::new(i, i + c.len_utf8());
                if let Some(p) = pad_start {
                    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/') {
                        return Err(B64Error {
                            code: ErrorCode::B64Padding,
                            span: Span::new(p, i),
                            message: format!(
                                "Padding '=' at byte {p} is followed by more data; '=' may only end the text."
                            ),
                        });
                    }
                }
                return Err(B64Error {
                    code: ErrorCode::B64Char,
                    span,
                    message: format!(
                        "Invalid character {} at byte {i}: base64url allows only A–Z, a–z, 0–9, '-' and '_'.",
                        describe_char(c)
                    ),
                });
            }
        }
    }
    let data_len = pad_start.unwrap_or(bytes.len());
    if let Some(p) = pad_start {
        issues.push((B64Issue::Padding, Span::new(p, bytes.len())));
    }
    if data_len % 4 == 1 {
        return Err(B64Error {
            code: ErrorCode::B64Length,
            span: Span::new(data_len - 1, data_len),
            message: format!(
                "{data_len} base64url characters cannot encode whole bytes (a length of 4n+1 is impossible); \
                 a character is missing or one too many."
            ),
        });
    }
    if let Some(i) = first_std {
        issues.push((B64Issue::StandardAlphabet, Span::new(i, i + 1)));
    }
    if data_len > 0 {
        let last = sextet(bytes[data_len - 1]);
        let mask = match data_len % 4 {
            2 => 0x0F,
            3 => 0x03,
            _ => 0,
        };
        if last & mask != 0 {
            issues.push((B64Issue::TrailingBits, Span::new(data_len - 1, data_len)));
        }
    }
    let data = &bytes[..data_len];
    let decoded = if first_std.is_some() {
        let translated: Vec<u8> = data
            .iter()
            .map(|&b| match b {
                b'+' => b'-',
                b'/' => b'_',
                b => b,
            })
            .collect();
        URL_LENIENT.decode(translated)
    } else {
        URL_LENIENT.decode(data)
    };
    match decoded {
        Ok(bytes) => Ok(Decoded { bytes, issues }),
        // Unreachable after the scan above, but a failure here must still be an error, not a panic.
        Err(e) => Err(B64Error {
            code: ErrorCode::B64Char,
            span: Span::new(0, data_len),
            message: format!("The text is not valid base64url: {e}."),
        }),
    }
}

/// The 6-bit value of a base64 / base64url character (0 for anything else).
fn sextet(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' | b'+' => 62,
        b'_' | b'/' => 63,
        _ => 0,
    }
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_LENIENT.encode(bytes)
}

/// Maps a span of decoded bytes to the span of base64 characters that carry them.
pub fn decoded_to_encoded(span: Span, encoded_len: usize) -> Span {
    // Byte i occupies bits 8i..8i+8, i.e. characters floor(8i/6) ..= floor((8i+7)/6).
    let start = (span.start * 8) / 6;
    let end = if span.end > span.start {
        ((span.end * 8 - 1) / 6) + 1
    } else {
        start
    };
    Span::new(start.min(encoded_len), end.min(encoded_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_text_decodes_cleanly() {
        let d = decode("eyJhbGciOiJIUzI1NiJ9").unwrap();
        assert_eq!(d.bytes, br#"{"alg":"HS256"}"#);
        assert!(d.issues.is_empty());
        assert_eq!(decode("").unwrap().bytes, b"");
    }

    #[test]
    fn padding_and_standard_alphabet_decode_with_issues() {
        let d = decode("_-8=").unwrap();
        assert_eq!(d.bytes, [0xff, 0xef]);
        assert_eq!(d.issues, vec![(B64Issue::Padding, Span::new(3, 4))]);
        let d = decode("/+8").unwrap();
        assert_eq!(d.bytes, [0xff, 0xef]);
        assert_eq!(
            d.issues,
            vec![(B64Issue::StandardAlphabet, Span::new(0, 1))]
        );
    }

    #[test]
    fn invalid_character_is_located() {
        let e = decode("abc$def").unwrap_err();
        assert_eq!(e.code, ErrorCode::B64Char);
        assert_eq!(e.span, Span::new(3, 4));
        let e = decode("ab€d").unwrap_err();
        assert_eq!(e.span, Span::new(2, 5));
        let e = decode("ab=cd").unwrap_err();
        assert_eq!(e.code, ErrorCode::B64Padding);
        assert_eq!(e.span, Span::new(2, 3));
    }

    #[test]
    fn impossible_length_is_an_error() {
        let e = decode("abcde").unwrap_err();
        assert_eq!(e.code, ErrorCode::B64Length);
        assert_eq!(e.span, Span::new(4, 5));
    }

    #[test]
    fn trailing_bits_are_reported() {
        // "QQ" is canonical for "A"; "QR" decodes to the same byte with a stray bit.
        assert!(decode("QQ").unwrap().issues.is_empty());
        let d = decode("QR").unwrap();
        assert_eq!(d.bytes, b"A");
        assert_eq!(d.issues, vec![(B64Issue::TrailingBits, Span::new(1, 2))]);
    }

    #[test]
    fn round_trip_and_offsets() {
        for n in 0..40u8 {
            let v: Vec<u8> = (0..n).collect();
            assert_eq!(decode(&encode(&v)).unwrap().bytes, v);
        }
        assert_eq!(decoded_to_encoded(Span::new(0, 1), 100), Span::new(0, 2));
        assert_eq!(decoded_to_encoded(Span::new(1, 2), 100), Span::new(1, 3));
        assert_eq!(decoded_to_encoded(Span::new(2, 3), 100), Span::new(2, 4));
        assert_eq!(decoded_to_encoded(Span::new(3, 3), 100), Span::new(4, 4));
    }
}
