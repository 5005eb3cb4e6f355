//! A tiny writer for the JSON texts handed to `JSON.parse` by the package's JS wrapper.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

use crate::jwt::json::Json;

/// Hashes the address and length of a static text (a multiply per word: the keys are addresses, not
/// hostile input).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(29) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Static texts (claim and header descriptions, RFC sections) by index, and indexes by address.
type Statics = (
    Vec<&'static str>,
    HashMap<(usize, usize), usize, BuildHasherDefault<AddressHasher>>,
);

thread_local! {
    static STATICS: RefCell<Statics> = RefCell::new(Default::default());
}

/// The index of static text `s`. The answers carry indexes instead of the texts, which repeat in every
/// answer; the wrapper asks for each text once ([`static_text`]) and keeps it.
pub fn intern(s: &'static str) -> usize {
    STATICS.with(|cell| {
        let mut statics = cell.borrow_mut();
        let (texts, index) = &mut *statics;
        // Keyed by address (cheap); the same text at two addresses (literals the linker did not merge) still
        // gets one index, so answers from different code paths are identical.
        *index
            .entry((s.as_ptr() as usize, s.len()))
            .or_insert_with(|| match texts.iter().position(|t| *t == s) {
                Some(i) => i,
                None => {
                    texts.push(s);
                    texts.len() - 1
                }
            })
    })
}

/// The static text with index `index`, once [`intern`] gave it.
pub fn static_text(index: usize) -> Option<&'static str> {
    STATICS.with(|cell| cell.borrow().0.get(index).copied())
}

/// True when one of the 8 bytes in `w` is written escaped: a control character (< 0x20), `"`, `\`, DEL, or
/// a byte of a non-ASCII character. Exact (SWAR "has byte less than / equal to" tests, which never give a
/// false positive for the word as a whole).
#[inline]
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    w & HIGH != 0
        || below_space
        || has_zero(w ^ (ONES * b'"' as u64))
        || has_zero(w ^ (ONES * b'\\' as u64))
        || has_zero(w ^ (ONES * 0x7f))
}

/// True when byte `b` is written escaped (see [`word_needs_escape`]).
#[inline]
fn needs_escape(b: u8) -> bool {
    !(0x20..0x7f).contains(&b) || b == b'"' || b == b'\\'
}

/// The offset of the first byte of `bytes` that is written escaped, if any; 8 bytes per check.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if word_needs_escape(u64::from_le_bytes(word)) {
            break;
        }
        i += 8;
    }
    (i..bytes.len()).find(|&j| needs_escape(bytes[j]))
}

/// Appends `s` as a JSON string literal in pure ASCII: `"`, `\`, control characters and every non-ASCII
/// character are escaped (`\u00e9`, surrogate pairs beyond the BMP). ASCII keeps the JS side fast: the
/// decoded result is a one-byte string, which `TextDecoder` and `JSON.parse` handle at their best speed.
/// Plain runs are found 8 bytes at a check and copied at once.
pub fn push_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    while let Some(i) = first_escape(&bytes[run..]).map(|j| run + j) {
        // `i` starts a character: escaped bytes are ASCII or the lead byte of a character.
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().unwrap_or('\u{fffd}');
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
        run = i + c.len_utf8().max(1);
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Appends `v` as compact JSON in ASCII, numbers exactly as written (`Json::to_compact` with strings
/// escaped by [`push_quoted`], and without the intermediate strings).
pub fn push_compact(out: &mut String, v: &Json) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => push_quoted(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_compact(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_quoted(out, k);
                out.push(':');
                push_compact(out, item);
            }
            out.push('}');
        }
    }
}

/// Builds one JSON text of nested arrays. Commas are placed automatically: a value that follows anything
/// other than an opening bracket gets one.
#[derive(Debug, Default)]
pub struct Out(String);

impl Out {
    /// An empty writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Out(String::with_capacity(capacity))
    }

    fn sep(&mut self) {
        // Object members are written whole by `json`/`raw`; only arrays are built value by value here.
        if !matches!(self.0.as_bytes().last(), None | Some(b'[')) {
            self.0.push(',');
        }
    }

    /// `[`
    pub fn open_array(&mut self) -> &mut Self {
        self.sep();
        self.0.push('[');
        self
    }

    /// `]`
    pub fn close_array(&mut self) -> &mut Self {
        self.0.push(']');
        self
    }

    /// A string value.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.sep();
        push_quoted(&mut self.0, s);
        self
    }

    /// A string value, or `null`.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// Decimal digits by hand: `write!` goes through the formatting machinery, which was a tenth of
    /// `inspect`'s time (offsets and text indexes are most of its numbers).
    fn digits(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0
            .push_str(std::str::from_utf8(&digits[i..]).unwrap_or("0"));
    }

    /// An integer value.
    pub fn uint(&mut self, n: usize) -> &mut Self {
        self.sep();
        self.digits(n as u64);
        self
    }

    /// A finite number (non-finite ones become `null`, as `JSON.stringify` does).
    pub fn num(&mut self, n: f64) -> &mut Self {
        if !n.is_finite() {
            return self.raw("null");
        }
        self.sep();
        // Whole numbers (dates in seconds, the usual case) skip float formatting; the text is the same.
        if n.fract() == 0.0
            && n.abs() < 9_007_199_254_740_992.0
            && !(n == 0.0 && n.is_sign_negative())
        {
            if n < 0.0 {
                self.0.push('-');
            }
            self.digits(n.abs() as u64);
        } else {
            let _ = write!(self.0, "{n}");
        }
        self
    }

    /// A static text, as its [`intern`] index.
    pub fn static_str(&mut self, s: &'static str) -> &mut Self {
        self.uint(intern(s))
    }

    /// A static text's index, or `-1`.
    pub fn opt_static(&mut self, s: Option<&'static str>) -> &mut Self {
        match s {
            Some(s) => self.static_str(s),
            None => self.raw("-1"),
        }
    }

    /// An integer, or `-1`.
    pub fn opt_uint(&mut self, n: Option<usize>) -> &mut Self {
        match n {
            Some(n) => self.uint(n),
            None => self.raw("-1"),
        }
    }

    /// `true` / `false`.
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.raw(if b { "true" } else { "false" })
    }

    /// A JSON value from the core, compact, numbers exactly as written.
    pub fn json(&mut self, v: &Json) -> &mut Self {
        self.sep();
        push_compact(&mut self.0, v);
        self
    }

    /// Text that is already JSON.
    pub fn raw(&mut self, json: &str) -> &mut Self {
        self.sep();
        self.0.push_str(json);
        self
    }

    /// The JSON text.
    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json::{parse, quote};

    #[test]
    fn quoting_matches_the_core() {
        let long = "0123456789abcdef\"0123456789\\abcdéf\u{7f}0123456789".repeat(3);
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "tab\tnl\nr\r",
            "\u{1}\u{1f}\u{7f}",
            "é😀\u{2028}",
            "\u{8}\u{c}",
            &long,
        ] {
            let mut out = String::new();
            push_quoted(&mut out, s);
            let back = parse(&out).unwrap().value;
            assert_eq!(back, Json::String(s.into()), "{out}");
            assert!(out.is_ascii(), "{out}");
            if s.is_ascii() && !s.contains(['\u{8}', '\u{c}', '\u{7f}']) {
                assert_eq!(out, quote(s));
            }
        }
        let v = parse(r#"{"a":[1,2.50,{"b":null,"c":"\u00e9\n"}],"a":true,"d":-0}"#)
            .unwrap()
            .value;
        let mut out = String::new();
        push_compact(&mut out, &v);
        assert!(out.is_ascii());
        assert_eq!(parse(&out).unwrap().value, v);
        assert_eq!(out.replace("\\u00e9", "é"), v.to_compact());
    }

    #[test]
    fn the_word_test_is_exact() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut w = *b"abcdefgh";
                w[pos] = b;
                let want = needs_escape(b);
                assert_eq!(
                    word_needs_escape(u64::from_le_bytes(w)),
                    want,
                    "byte {b:#x} at {pos}"
                );
            }
        }
        // Random words, biased towards the interesting bytes and UTF-8 high bytes (borrows across bytes).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut w = x.to_le_bytes();
            for b in &mut w {
                *b = match *b % 8 {
                    0 => *b % 0x21,
                    1 => 0x80 | *b,
                    2 => [b'"', b'\\', 0x7f, 0x20, 0x21][(*b / 8 % 5) as usize],
                    _ => *b,
                };
            }
            let want = w.iter().any(|&b| needs_escape(b));
            assert_eq!(word_needs_escape(u64::from_le_bytes(w)), want, "{w:?}");
        }
    }

    #[test]
    fn static_texts_are_interned() {
        let a = intern("RFC 7519 §4.1.4");
        let b = intern("RFC 7515 §4.1.1");
        assert_ne!(a, b);
        assert_eq!(intern("RFC 7519 §4.1.4"), a);
        let copy: &'static str = String::from("RFC 7519 §4.1.4").leak();
        assert_eq!(intern(copy), a, "one index per text, wherever it is stored");
        assert_eq!(static_text(a), Some("RFC 7519 §4.1.4"));
        assert_eq!(static_text(b), Some("RFC 7515 §4.1.1"));
        assert_eq!(static_text(usize::MAX), None);
        let mut o = Out::default();
        o.open_array().static_str("RFC 7515 §4.1.1");
        o.opt_static(None).close_array();
        assert_eq!(o.finish(), format!("[{b},-1]"));
    }

    #[test]
    fn commas_and_nesting() {
        let mut o = Out::default();
        o.open_array().uint(1).open_array();
        o.str("x\"")
            .num(1.5)
            .num(f64::NAN)
            .open_array()
            .close_array();
        o.close_array()
            .opt_str(None)
            .bool(true)
            .opt_uint(None)
            .opt_uint(Some(7));
        o.uint(0).uint(10).uint(usize::MAX);
        for n in [
            0.0,
            -0.0,
            1.5,
            -7.0,
            1_700_000_000.0,
            -1e15,
            9_007_199_254_740_993.0,
            1e300,
        ] {
            let mut a = Out::default();
            a.open_array().num(n).close_array();
            assert_eq!(a.finish(), format!("[{n}]"), "{n}");
        }
        let v = parse(r#"{"n":12345678901234567890123}"#).unwrap().value;
        o.json(&v).raw("null").close_array();
        let text = o.finish();
        assert_eq!(
            text,
            format!(
                r#"[1,["x\"",1.5,null,[]],null,true,-1,7,0,10,{},{{"n":12345678901234567890123}},null]"#,
                usize::MAX
            )
        );
        assert!(parse(&text).is_ok());
    }
}
