//! A small, strict RFC 8259 JSON parser and printer built for a debugger.
//!
//! Why not `serde_json`: a debugger needs what a deserializer throws away. This parser keeps member order and
//! every member (duplicates included, which `serde_json` and `JSON.parse` silently collapse to the last), keeps
//! each number exactly as written (`12345678901234567890123` stays that), reports duplicate member names with
//! their JSON pointer and byte offset, reports syntax errors at a byte offset, bounds nesting depth so hostile
//! input cannot exhaust the stack, and is a few hundred lines of code in the wasm binary instead of a framework.

use std::fmt::Write as _;

use super::error::ErrorCode;

/// Maximum nesting of arrays and objects.
pub const MAX_DEPTH: usize = 128;

/// At most this many duplicate members are recorded per document, and each pointer segment is cut to
/// [`MAX_POINTER_SEGMENT`] characters: hostile input with thousands of duplicates under long names must stay
/// linear in time and memory (the payload is parsed before any signature is checked).
pub const MAX_DUPLICATES: usize = 32;

/// See [`MAX_DUPLICATES`].
pub const MAX_POINTER_SEGMENT: usize = 64;

/// Text in a JSON value — a number exactly as written, a string's characters, a member name. Short texts (most
/// of them: `1700000000`, `"HS256"`, `"sub"`) are kept inline, so parsing a token allocates little and a large
/// array of numbers or an object of many members costs a value slot each, not a heap block each (which made
/// such documents 20× and more the size of their text). Reads as `&str`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JsonText(Repr);

/// The text of a JSON number (see [`JsonText`]).
pub type NumberText = JsonText;

/// Bytes of text kept inline: the room a `String` takes, less a length and a tag byte, so that [`Json`] is no
/// bigger than with a `String`.
const INLINE: usize = std::mem::size_of::<String>() - 2;

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl JsonText {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let bytes = &bytes[..usize::from(*len)];
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: `Inline` is built only by `From<&str>`, which copies a whole `&str` (valid UTF-8) and
                // records its length; the bytes never change afterwards. Validating again on every read (every
                // member-name comparison) cost more than the allocation the inline form saves.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Default for JsonText {
    fn default() -> Self {
        JsonText::from("")
    }
}

impl From<&str> for JsonText {
    fn from(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            JsonText(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            JsonText(Repr::Heap(s.into()))
        }
    }
}

impl From<String> for JsonText {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            JsonText::from(s.as_str())
        } else {
            JsonText(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<JsonText> for String {
    fn from(t: JsonText) -> Self {
        match t.0 {
            Repr::Heap(s) => s.into_string(),
            inline => JsonText(inline).as_str().to_owned(),
        }
    }
}

impl std::ops::Deref for JsonText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for JsonText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for JsonText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for JsonText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for JsonText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for JsonText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for JsonText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for JsonText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<JsonText> for str {
    fn eq(&self, other: &JsonText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<JsonText> for String {
    fn eq(&self, other: &JsonText) -> bool {
        self.as_str() == other.as_str()
    }
}

/// A JSON value that remembers how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, exactly as written in the source (always valid RFC 8259 number syntax).
    Number(NumberText),
    /// A string, unescaped.
    String(JsonText),
    /// An array.
    Array(Vec<Json>),
    /// An object: every member in source order, duplicates included.
    Object(Vec<(JsonText, Json)>),
}

impl Json {
    /// For an object: the value of member `name` (the last one if duplicated, as RFC 7515 §5.2 allows and
    /// `JSON.parse` does). `None` otherwise.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The members of an object.
    pub fn as_object(&self) -> Option<&[(JsonText, Json)]> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number as `f64` (with `JSON.parse` semantics: big integers round, huge values become infinite).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(raw) => raw.parse().ok(),
            _ => None,
        }
    }

    /// The name of the JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Pretty-printed with two-space indentation, member order and number text kept, unicode unescaped.
    /// Values nested deeper than [`PRETTY_DEPTH`] are written compactly on one line, so the text stays within
    /// a small multiple of the input whatever the nesting (indenting every level of a 128-deep document
    /// would multiply it by up to 256).
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out);
        out
    }

    /// Pretty-prints into any [`JsonSink`] (a `String`, or a syntax highlighter that wants the token classes).
    pub fn write_pretty<S: JsonSink>(&self, out: &mut S) {
        write_value(self, out, Some(0));
    }

    /// Compact JSON (no insignificant whitespace), for signing and for handing to `JSON.parse`.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out, None);
        out
    }
}

/// The syntactic class of a piece of printed JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// Brackets, braces, commas, colons.
    Punct,
    /// Whitespace and line breaks.
    Space,
    /// An object member name, with its quotes.
    Key,
    /// A string value, with its quotes.
    String,
    /// A number.
    Number,
    /// `true`, `false` or `null`.
    Literal,
}

/// Receives printed JSON piece by piece.
pub trait JsonSink {
    /// Appends `text`, which is of class `class`.
    fn push(&mut self, class: TokenClass, text: &str);
}

impl JsonSink for String {
    fn push(&mut self, _class: TokenClass, text: &str) {
        self.push_str(text);
    }
}

/// Collects `(class, text)` runs for syntax highlighting, merging adjacent runs of the same class.
impl JsonSink for Vec<(TokenClass, String)> {
    fn push(&mut self, class: TokenClass, text: &str) {
        match self.last_mut() {
            Some((c, t)) if *c == class => t.push_str(text),
            _ => self.push((class, text.to_owned())),
        }
    }
}

/// A member name's hash, for duplicate detection in big objects (SipHash with fixed keys: an attacker who
/// makes many names collide only makes the confirming scans run, each bounded by the object's size).
fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    name.hash(&mut h);
    h.finish()
}

/// Makes room for one more element: by doubling while small, by a quarter once large, so that a big array
/// never holds (while it is moved to a larger block) three times the room its elements need.
fn grow<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() && v.len() >= 1024 {
        v.reserve_exact(v.len() / 4);
    }
}

/// Gives back spare room: growth leaves up to 4× the room needed (a one-element array holds room for four),
/// and the tree must stay a small multiple of the input. A little slack (two elements) is kept: moving
/// every small object to a tighter block would cost more time than it saves room.
fn trim<T>(v: &mut Vec<T>) {
    if v.capacity() > v.len() + 2 {
        v.shrink_to_fit();
    }
}

/// The bytes that end a run of plain string characters: `"`, `\` and the control characters.
const STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    table
};

/// Levels of nesting that [`Json::to_pretty`] indents; deeper values are written compactly.
pub const PRETTY_DEPTH: usize = 8;

/// The indentation of the children of a value at `indent`: one level more, or none (compact) past
/// [`PRETTY_DEPTH`].
fn deeper(indent: Option<usize>) -> Option<usize> {
    indent.filter(|&n| n < PRETTY_DEPTH).map(|n| n + 1)
}

fn newline<S: JsonSink>(out: &mut S, indent: usize) {
    out.push(TokenClass::Space, "\n");
    for _ in 0..indent {
        out.push(TokenClass::Space, "  ");
    }
}

fn write_value<S: JsonSink>(v: &Json, out: &mut S, indent: Option<usize>) {
    match v {
        Json::Null => out.push(TokenClass::Literal, "null"),
        Json::Bool(true) => out.push(TokenClass::Literal, "true"),
        Json::Bool(false) => out.push(TokenClass::Literal, "false"),
        Json::Number(n) => out.push(TokenClass::Number, n),
        Json::String(s) => out.push(TokenClass::String, &quote(s)),
        Json::Array(items) => {
            let inner = deeper(indent);
            out.push(TokenClass::Punct, "[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(TokenClass::Punct, ",");
                }
                if let Some(n) = inner {
                    newline(out, n);
                }
                write_value(item, out, inner);
            }
            if let (Some(n), Some(_), false) = (indent, inner, items.is_empty()) {
                newline(out, n);
            }
            out.push(TokenClass::Punct, "]");
        }
        Json::Object(members) => {
            let inner = deeper(indent);
            out.push(TokenClass::Punct, "{");
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(TokenClass::Punct, ",");
                }
                if let Some(n) = inner {
                    newline(out, n);
                }
                out.push(TokenClass::Key, &quote(k));
                out.push(TokenClass::Punct, ":");
                if inner.is_some() {
                    out.push(TokenClass::Space, " ");
                }
                write_value(item, out, inner);
            }
            if let (Some(n), Some(_), false) = (indent, inner, members.is_empty()) {
                newline(out, n);
            }
            out.push(TokenClass::Punct, "}");
        }
    }
}

/// A JSON string literal for `s`: only `"`, `\` and control characters are escaped, so text stays readable.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{7F}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A member name that occurs more than once in the same object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// JSON pointer (RFC 6901) of the repeated member, e.g. `/alg` or `/ctx/n`.
    pub pointer: String,
    /// Byte offset of the repeated name in the parsed text.
    pub offset: usize,
}

/// A parse failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// `ErrorCode::JsonSyntax` or `ErrorCode::JsonDepth`.
    pub code: ErrorCode,
    /// Byte offset in the parsed text.
    pub offset: usize,
    /// One plain sentence (without the offset).
    pub message: String,
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The value.
    pub value: Json,
    /// Repeated member names, in source order.
    pub duplicates: Vec<Duplicate>,
}

/// Parses one JSON text (RFC 8259: any value, surrounded by optional whitespace).
pub fn parse(text: &str) -> Result<Parsed, JsonError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        duplicates: Vec::new(),
        path: Vec::new(),
    };
    p.ws();
    let value = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("Unexpected text after the end of the JSON value."));
    }
    Ok(Parsed {
        value,
        duplicates: p.duplicates,
    })
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    duplicates: Vec<Duplicate>,
    /// Where the current value is: member-name offsets and array indices from the root. Cheap to maintain;
    /// turned into a JSON pointer only when a duplicate is found.
    path: Vec<PathSeg>,
}

#[derive(Clone, Copy)]
enum PathSeg {
    /// The byte offset of a member name's opening quote.
    Key(usize),
    /// An array index.
    Index(usize),
}

/// Objects with more members than this detect duplicates with a hash set instead of a linear scan, so a huge
/// object cannot make parsing quadratic.
const LINEAR_DUP_SCAN: usize = 16;

fn pointer_escape(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

/// Unescapes the member name whose opening quote is at `at` (only called to report a duplicate).
fn key_at(text: &str, at: usize) -> String {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: at,
        duplicates: Vec::new(),
        path: Vec::new(),
    };
    p.string().map(String::from).unwrap_or_default()
}

impl Parser<'_> {
    fn err(&self, message: impl Into<String>) -> JsonError {
        JsonError {
            code: ErrorCode::JsonSyntax,
            offset: self.i,
            message: message.into(),
        }
    }

    /// The JSON pointer (RFC 6901) of the current value.
    fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            out.push('/');
            match *seg {
                PathSeg::Key(at) => {
                    let key = key_at(self.text, at);
                    match key.char_indices().nth(MAX_POINTER_SEGMENT) {
                        Some((cut, _)) => {
                            out.push_str(&pointer_escape(&key[..cut]));
                            out.push('…');
                        }
                        None => out.push_str(&pointer_escape(&key)),
                    }
                }
                PathSeg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    fn found(&self) -> String {
        match self.text.get(self.i..).and_then(|t| t.chars().next()) {
            None => "the end of the text".into(),
            Some(c) if c.is_control() => format!("U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        match self.s.get(self.i) {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            _ => Err(self.err(format!("Expected a JSON value but found {}.", self.found()))),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, JsonError> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err(format!("Expected `{word}`.")))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            Err(JsonError {
                code: ErrorCode::JsonDepth,
                offset: self.i,
                message: format!("JSON nested deeper than {MAX_DEPTH} levels."),
            })
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.enter(depth)?;
        self.i += 1;
        let mut members: Vec<(JsonText, Json)> = Vec::new();
        let mut seen: Option<std::collections::HashSet<u64>> = None;
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Json::Object(members));
        }
        loop {
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err(format!(
                    "Expected a member name in double quotes but found {}.",
                    self.found()
                )));
            }
            let key_at = self.i;
            let key = self.string()?;
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return Err(self.err(format!(
                    "Expected ':' after a member name but found {}.",
                    self.found()
                )));
            }
            self.i += 1;
            self.ws();
            self.path.push(PathSeg::Key(key_at));
            // Big objects keep a set of the names' hashes, not copies of the names (a copy per member
            // doubled the memory of an object of many short members); a hash seen before is confirmed
            // against the names themselves.
            let duplicate = match &mut seen {
                Some(set) => !set.insert(name_hash(&key)) && members.iter().any(|(k, _)| *k == key),
                None if members.len() < LINEAR_DUP_SCAN => members.iter().any(|(k, _)| *k == key),
                None => {
                    let mut set: std::collections::HashSet<u64> =
                        members.iter().map(|(k, _)| name_hash(k)).collect();
                    let dup =
                        !set.insert(name_hash(&key)) && members.iter().any(|(k, _)| *k == key);
                    seen = Some(set);
                    dup
                }
            };
            if duplicate && self.duplicates.len() < MAX_DUPLICATES {
                self.duplicates.push(Duplicate {
                    pointer: self.pointer(),
                    offset: key_at,
                });
            }
            let v = self.value(depth)?;
            self.path.pop();
            grow(&mut members);
            members.push((key, v));
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    trim(&mut members);
                    return Ok(Json::Object(members));
                }
                _ => {
                    return Err(self.err(format!(
                        "Expected ',' or '}}' after an object member but found {}.",
                        self.found()
                    )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.enter(depth)?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.path.push(PathSeg::Index(items.len()));
            let v = self.value(depth)?;
            self.path.pop();
            grow(&mut items);
            items.push(v);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.i += 1;
                    trim(&mut items);
                    return Ok(Json::Array(items));
                }
                _ => {
                    return Err(self.err(format!(
                        "Expected ',' or ']' after an array element but found {}.",
                        self.found()
                    )))
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.s.get(self.i) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.s.get(self.i) {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.s.get(self.i) {
                    return Err(self.err("Numbers must not have leading zeros."));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err(format!("Expected a digit but found {}.", self.found()))),
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err(format!(
                    "Expected a digit after the decimal point but found {}.",
                    self.found()
                )));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err(format!(
                    "Expected a digit in the exponent but found {}.",
                    self.found()
                )));
            }
        }
        Ok(Json::Number(JsonText::from(&self.text[start..self.i])))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.s.get(self.i) {
                Some(&b) if b.is_ascii_hexdigit() => (b as char).to_digit(16).unwrap_or(0),
                _ => {
                    return Err(self.err(format!(
                        "Expected four hex digits after \\u but found {}.",
                        self.found()
                    )))
                }
            };
            v = v * 16 + d;
            self.i += 1;
        }
        Ok(v)
    }

    /// Decodes the escape sequence at `self.i` (on the backslash) and moves past it.
    fn escape(&mut self) -> Result<char, JsonError> {
        let c = match self.s.get(self.i + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{08}',
            Some(b'f') => '\u{0C}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.i += 2;
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) && self.s[self.i..].starts_with(b"\\u") {
                    let save = self.i;
                    self.i += 2;
                    let lo = self.hex4()?;
                    if (0xDC00..0xE000).contains(&lo) {
                        let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        return Ok(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                    }
                    self.i = save;
                }
                // A lone surrogate (legal JSON, not a Unicode scalar value) becomes U+FFFD.
                return Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'));
            }
            _ => {
                self.i += 1;
                return Err(self.err(format!(
                    "Invalid escape sequence: a backslash followed by {}.",
                    self.found()
                )));
            }
        };
        self.i += 2;
        Ok(c)
    }

    fn string(&mut self) -> Result<JsonText, JsonError> {
        let open = self.i;
        self.i += 1;
        // Built only when the string has an escape; a plain string is taken straight from the text.
        let mut out: Option<String> = None;
        let mut run = self.i;
        loop {
            // Skip the plain characters in one tight loop; stop at a quote, a backslash or a control char.
            let rest = &self.s[self.i.min(self.s.len())..];
            self.i += rest
                .iter()
                .position(|&b| STRING_STOP[b as usize])
                .unwrap_or(rest.len());
            match self.s.get(self.i) {
                None => {
                    self.i = open;
                    return Err(self.err("This string is never closed."));
                }
                Some(b'"') => {
                    let tail = &self.text[run..self.i];
                    self.i += 1;
                    return Ok(match out {
                        None => JsonText::from(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            JsonText::from(s)
                        }
                    });
                }
                Some(&b) if b < 0x20 => {
                    return Err(self.err(format!(
                        "Control character U+{b:04X} must be escaped inside a string."
                    )));
                }
                Some(b'\\') => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.i]);
                    let c = self.escape()?;
                    out.get_or_insert_with(String::new).push(c);
                    run = self.i;
                }
                Some(_) => self.i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_is_inline_and_no_bigger_than_a_string() {
        assert!(std::mem::size_of::<NumberText>() <= std::mem::size_of::<String>());
        for text in [
            "0",
            "-1.5e+10",
            "1700000000",
            "12345678901234567890123456789012345",
        ] {
            let n = NumberText::from(text);
            assert_eq!(n.as_str(), text);
            assert_eq!(&*n, text);
            assert_eq!(p(text), Json::Number(n));
        }
    }

    fn p(s: &str) -> Json {
        parse(s).unwrap().value
    }

    #[test]
    fn keeps_order_and_exact_numbers() {
        let v = p(r#"{"z":1,"a":12345678901234567890123,"m":[1.50,-0,2E+3]}"#);
        assert_eq!(
            v.to_pretty(),
            "{\n  \"z\": 1,\n  \"a\": 12345678901234567890123,\n  \"m\": [\n    1.50,\n    -0,\n    2E+3\n  ]\n}"
        );
        assert_eq!(
            v.to_compact(),
            r#"{"z":1,"a":12345678901234567890123,"m":[1.50,-0,2E+3]}"#
        );
    }

    #[test]
    fn unicode_stays_readable_and_escapes_are_decoded() {
        let v = p(r#"{"g":"Gr\u00fc\u00dfe \ud83d\udc4b \"q\" \\ \/ \n"}"#);
        assert_eq!(v.get("g").unwrap().as_str(), Some("Grüße 👋 \"q\" \\ / \n"));
        assert_eq!(v.to_compact(), r#"{"g":"Grüße 👋 \"q\" \\ / \n"}"#);
        assert_eq!(p(r#""\ud800x""#), Json::String("\u{FFFD}x".into()));
        assert_eq!(p(r#""\ud800\u0041""#), Json::String("\u{FFFD}A".into()));
    }

    #[test]
    fn empty_containers_and_scalars() {
        assert_eq!(p(" {} ").to_pretty(), "{}");
        assert_eq!(p("[]").to_pretty(), "[]");
        assert_eq!(p("true"), Json::Bool(true));
        assert_eq!(p("null"), Json::Null);
        assert_eq!(p(r#"{"a":{}}"#).to_pretty(), "{\n  \"a\": {}\n}");
    }

    #[test]
    fn duplicates_are_reported_with_pointer_and_offset() {
        let r = parse(r#"{"a":1,"b":{"c/d":1,"c/d":2},"a":3}"#).unwrap();
        assert_eq!(
            r.duplicates,
            vec![
                Duplicate {
                    pointer: "/b/c~1d".into(),
                    offset: 20
                },
                Duplicate {
                    pointer: "/a".into(),
                    offset: 29
                }
            ]
        );
        assert_eq!(r.value.get("a"), Some(&Json::Number("3".into())));
    }

    #[test]
    fn duplicates_in_big_objects_and_arrays() {
        let mut src = String::from("[0,{");
        for i in 0..100 {
            src.push_str(&format!("\"k{i}\":{i},"));
        }
        src.push_str("\"k\\u0037\":1,\"k99\":2}]");
        let r = parse(&src).unwrap();
        let pointers: Vec<&str> = r.duplicates.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/1/k7", "/1/k99"]);
        assert_eq!(
            &src[r.duplicates[1].offset..r.duplicates[1].offset + 5],
            "\"k99\""
        );
    }

    #[test]
    fn syntax_errors_have_offsets() {
        for (src, at) in [
            ("{\"a\":1,}", 7),
            ("{\"a\" 1}", 5),
            ("[1 2]", 3),
            ("01", 1),
            ("1.", 2),
            ("\"abc", 0),
            ("{\"a\":tru}", 5),
            ("\"a\u{1}\"", 2),
            ("\"\\x\"", 2),
            ("1 2", 2),
            ("", 0),
            ("NaN", 0),
        ] {
            let e = parse(src).unwrap_err();
            assert_eq!(
                (e.code, e.offset),
                (ErrorCode::JsonSyntax, at),
                "{src:?}: {}",
                e.message
            );
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().code, ErrorCode::JsonDepth);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn highlight_sink_classifies() {
        let mut runs: Vec<(TokenClass, String)> = Vec::new();
        p(r#"{"k":"v","n":1,"b":null}"#).write_pretty(&mut runs);
        let classes: Vec<TokenClass> = runs.iter().map(|r| r.0).collect();
        assert!(classes.contains(&TokenClass::Key));
        assert!(runs.contains(&(TokenClass::String, "\"v\"".into())));
        assert!(runs.contains(&(TokenClass::Number, "1".into())));
        assert!(runs.contains(&(TokenClass::Literal, "null".into())));
    }
}
