//! Pure helpers for showing core results in the DOM: editor colouring segments, byte → UTF-16 / character
//! positions, and JSON syntax-colour runs.
//!
//! Core spans are byte offsets into the input. The DOM (textarea selection, JS strings) counts UTF-16 code
//! units and people count characters, so every position shown or selected is converted here.

use crate::jwt::json::{Json, TokenClass};
use crate::{Decoded, Part, Span};

/// What a stretch of the editor text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegClass {
    /// Not part of the token: a removed prefix, quotes or whitespace.
    Outside,
    /// A `.` separating two parts.
    Dot,
    /// Inside a token part.
    Part(Part),
}

impl SegClass {
    /// The CSS class for this stretch.
    pub const fn css(self) -> &'static str {
        match self {
            SegClass::Outside => "seg-outside",
            SegClass::Dot => "seg-dot",
            SegClass::Part(p) => match p {
                Part::Header => "seg-header",
                Part::Payload => "seg-payload",
                Part::Signature => "seg-signature",
                Part::EncryptedKey => "seg-encrypted-key",
                Part::Iv => "seg-iv",
                Part::Ciphertext => "seg-ciphertext",
                Part::Tag => "seg-tag",
                Part::Token | Part::Key => "seg-extra",
            },
        }
    }
}

/// A stretch `start..end` (bytes of the input) with one colour, possibly marked as erroneous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The colour.
    pub class: SegClass,
    /// True when an error points at these characters.
    pub error: bool,
}

/// Moves `i` down to a character boundary of `s` (and into range).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The span an error marks in the editor: an empty span (a position) marks the character there, or the last
/// character when it points at the end.
pub fn error_mark(input: &str, span: Span) -> Span {
    let start = floor_boundary(input, span.start);
    let end = floor_boundary(input, span.end.max(start));
    if end > start {
        return Span::new(start, end);
    }
    let here = Span::char_at(input, start);
    if !here.is_empty() {
        return here;
    }
    // At the very end: mark the last character instead.
    match input[..start].chars().next_back() {
        Some(c) => Span::new(start - c.len_utf8(), start),
        None => Span::new(0, 0),
    }
}

/// Splits `input` into coloured segments: token parts, dots, text outside the token, and the characters
/// errors point at. Adjacent stretches of the same kind are merged; segments cover the whole input.
/// Linear after sorting, so a pathological input (a megabyte of dots) stays cheap.
pub fn segments(input: &str, d: &Decoded) -> Vec<Segment> {
    let marks: Vec<Span> = d
        .errors
        .iter()
        .map(|e| error_mark(input, e.span))
        .filter(|s| !s.is_empty())
        .collect();
    let mut cuts = vec![0, input.len()];
    for p in &d.parts {
        cuts.push(floor_boundary(input, p.span.start));
        cuts.push(floor_boundary(input, p.span.end));
    }
    // Error coverage as a sweep: +1 where a mark starts, -1 where it ends.
    let mut events: Vec<(usize, i32)> = Vec::with_capacity(marks.len() * 2);
    for m in &marks {
        cuts.push(m.start);
        cuts.push(m.end);
        events.push((m.start, 1));
        events.push((m.end, -1));
    }
    cuts.sort_unstable();
    cuts.dedup();
    events.sort_unstable();
    // Parts are disjoint and in input order.
    let parts: Vec<(usize, usize, Part)> = d
        .parts
        .iter()
        .filter(|p| p.span.start < p.span.end)
        .map(|p| {
            (
                floor_boundary(input, p.span.start),
                floor_boundary(input, p.span.end),
                p.part,
            )
        })
        .collect();

    let (mut pi, mut ei, mut covered) = (0, 0, 0);
    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        while ei < events.len() && events[ei].0 <= start {
            covered += events[ei].1;
            ei += 1;
        }
        while pi < parts.len() && parts[pi].1 <= start {
            pi += 1;
        }
        if start >= end {
            continue;
        }
        let class = match parts.get(pi) {
            Some(&(a, b, part)) if a <= start && end <= b => SegClass::Part(part),
            _ if !parts.is_empty() && input[start..end].trim().starts_with('.') => SegClass::Dot,
            _ => SegClass::Outside,
        };
        let error = covered > 0;
        match out.last_mut() {
            Some(last) if last.class == class && last.error == error && last.end == start => {
                last.end = end;
            }
            _ => out.push(Segment {
                start,
                end,
                class,
                error,
            }),
        }
    }
    out
}

/// The UTF-16 offset (what JS strings and `setSelectionRange` count) of byte `byte` of `s`.
pub fn utf16_offset(s: &str, byte: usize) -> usize {
    s[..floor_boundary(s, byte)].encode_utf16().count()
}

/// The byte offset of UTF-16 offset `units` in `s` (clamped to the end; inside a surrogate pair it snaps
/// down to the character's start).
pub fn byte_of_utf16(s: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        seen += c.len_utf16();
        if seen > units {
            return i;
        }
    }
    s.len()
}

/// The character index (0-based, counted in characters, not bytes) of byte `byte` of `s`: the one position an
/// error gives, the same index the editor marks and JavaScript's `slice` takes for ASCII text.
pub fn char_position(s: &str, byte: usize) -> usize {
    s[..floor_boundary(s, byte)].chars().count()
}

/// The 1-based line and column (in characters) of byte `byte` of `s`, for editor error messages.
pub fn line_col(s: &str, byte: usize) -> (usize, usize) {
    let before = &s[..floor_boundary(s, byte)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Text ready to show in a `<pre>`: HTML made of `<div class="chunk">` blocks of at most [`CHUNK_LINES`]
/// lines. The stylesheet gives every chunk after the first `content-visibility: auto`, so the browser lays
/// out only the chunks in view: a megabyte of JSON costs what a screenful costs (one `<pre>` of 100 KB of text takes this machine's
/// Chromium 50–200 ms to lay out). All text is HTML-escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pretty {
    /// The chunked HTML (shared: handing it to the DOM on each render copies nothing).
    pub html: std::rc::Rc<str>,
    /// True when the JSON is syntax-coloured (false for plain text, and for JSON over [`COLOUR_LIMIT`]).
    pub coloured: bool,
    /// How many chunks there are.
    pub chunks: usize,
}

/// Above this many bytes of pretty JSON, colours are skipped (parsing ~15,000 coloured spans per 100 KB
/// costs ~40 ms here).
pub const COLOUR_LIMIT: usize = 128 * 1024;

/// Lines per chunk (the stylesheet's `contain-intrinsic-size` estimate assumes this many).
pub const CHUNK_LINES: usize = 100;

/// Bytes per chunk at most, for long lines (a hex payload is one line).
pub const CHUNK_BYTES: usize = 16 * 1024;

const CHUNK_OPEN: &str = "<div class=\"chunk\">";
const CHUNK_CLOSE: &str = "</div>";

/// Escapes text for HTML element content.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Builds chunked HTML; `pieces` are `(css class or "", text)`.
struct Chunker {
    out: String,
    lines: usize,
    bytes: usize,
    chunks: usize,
}

impl Chunker {
    fn new(capacity: usize) -> Self {
        let mut out = String::with_capacity(capacity);
        out.push_str(CHUNK_OPEN);
        Chunker {
            out,
            lines: 0,
            bytes: 0,
            chunks: 1,
        }
    }

    /// Starts a new chunk (the line break between chunks is the block boundary itself).
    fn cut(&mut self) {
        self.out.push_str(CHUNK_CLOSE);
        self.out.push_str(CHUNK_OPEN);
        self.lines = 0;
        self.bytes = 0;
        self.chunks += 1;
    }

    fn text(&mut self, class: &str, mut text: &str) {
        while !text.is_empty() {
            if self.bytes >= CHUNK_BYTES {
                self.cut(); // inside a very long line
            }
            // Up to and including the next newline, within the byte budget.
            let room = CHUNK_BYTES - self.bytes;
            let mut end = text.find('\n').map_or(text.len(), |i| i + 1).min(room);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let piece = &text[..end];
            text = &text[end..];
            let newline = piece.ends_with('\n');
            // A chunk ends at a line end when it is full: the block boundary is that line break.
            let cut = newline
                && (self.lines + 1 >= CHUNK_LINES || self.bytes + piece.len() >= CHUNK_BYTES);
            let body = if cut {
                &piece[..piece.len() - 1]
            } else {
                piece
            };
            if !body.is_empty() {
                if class.is_empty() {
                    escape_into(&mut self.out, body);
                } else {
                    self.out.push_str("<span class=\"");
                    self.out.push_str(class);
                    self.out.push_str("\">");
                    escape_into(&mut self.out, body);
                    self.out.push_str("</span>");
                }
            }
            self.bytes += piece.len();
            if newline {
                self.lines += 1;
            }
            if cut {
                self.cut();
            }
        }
    }

    fn finish(mut self, coloured: bool) -> Pretty {
        self.out.push_str(CHUNK_CLOSE);
        Pretty {
            html: self.out.into(),
            coloured,
            chunks: self.chunks,
        }
    }
}

/// Pretty-prints `v` (whose pretty text is `text`) for display: coloured unless larger than
/// [`COLOUR_LIMIT`].
pub fn pretty(v: &Json, text: &str) -> Pretty {
    if text.len() > COLOUR_LIMIT {
        return plain(text);
    }
    let mut runs: Vec<(TokenClass, String)> = Vec::new();
    v.write_pretty(&mut runs);
    let mut c = Chunker::new(text.len() * 2);
    for (class, t) in &runs {
        c.text(
            if *class == TokenClass::Space {
                ""
            } else {
                json_css(*class)
            },
            t,
        );
    }
    c.finish(true)
}

/// Plain text for display.
pub fn plain(text: &str) -> Pretty {
    let mut c = Chunker::new(text.len() + text.len() / 64);
    c.text("", text);
    c.finish(false)
}

/// The CSS class of a JSON token class.
pub const fn json_css(c: TokenClass) -> &'static str {
    match c {
        TokenClass::Punct => "j-punct",
        TokenClass::Space => "j-space",
        TokenClass::Key => "j-key",
        TokenClass::String => "j-string",
        TokenClass::Number => "j-number",
        TokenClass::Literal => "j-literal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode;

    const ARTICLE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";

    fn text<'a>(input: &'a str, s: &Segment) -> &'a str {
        &input[s.start..s.end]
    }

    #[test]
    fn parts_dots_and_prefix_are_coloured() {
        let input = format!("Bearer {ARTICLE}");
        let segs = segments(&input, &decode(&input));
        let classes: Vec<_> = segs.iter().map(|s| s.class).collect();
        assert_eq!(
            classes,
            [
                SegClass::Outside,
                SegClass::Part(Part::Header),
                SegClass::Dot,
                SegClass::Part(Part::Payload),
                SegClass::Dot,
                SegClass::Part(Part::Signature),
            ]
        );
        assert_eq!(text(&input, &segs[0]), "Bearer ");
        assert_eq!(
            text(&input, &segs[1]),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        );
        assert!(segs.iter().all(|s| !s.error));
        // Segments tile the input.
        assert_eq!(segs.first().unwrap().start, 0);
        assert_eq!(segs.last().unwrap().end, input.len());
        assert!(segs.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn bad_character_is_marked_inside_its_part() {
        let input = ARTICLE.replacen("eyJz", "ey€z", 1);
        let segs = segments(&input, &decode(&input));
        let bad: Vec<_> = segs.iter().filter(|s| s.error).collect();
        assert_eq!(bad.len(), 1);
        assert_eq!(text(&input, bad[0]), "€");
        assert_eq!(bad[0].class, SegClass::Part(Part::Payload));
        // The payload is split around the mark, and keeps its colour on both sides.
        let payload = segs
            .iter()
            .filter(|s| s.class == SegClass::Part(Part::Payload))
            .count();
        assert_eq!(payload, 3);
    }

    #[test]
    fn jwe_has_five_colours() {
        let jwe = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";
        let segs = segments(jwe, &decode(jwe));
        let css: Vec<_> = segs
            .iter()
            .filter(|s| s.class != SegClass::Dot)
            .map(|s| s.class.css())
            .collect();
        assert_eq!(
            css,
            [
                "seg-header",
                "seg-encrypted-key",
                "seg-iv",
                "seg-ciphertext",
                "seg-tag"
            ]
        );
    }

    #[test]
    fn empty_and_end_spans_mark_a_character() {
        assert_eq!(error_mark("abc", Span::new(1, 1)), Span::new(1, 2));
        assert_eq!(error_mark("abc", Span::new(3, 3)), Span::new(2, 3));
        assert_eq!(error_mark("aé", Span::new(2, 2)), Span::new(1, 3));
        assert_eq!(error_mark("", Span::new(0, 0)), Span::new(0, 0));
        // A span ending inside a character is snapped to a boundary and still marks something.
        assert_eq!(error_mark("aé", Span::new(1, 2)), Span::new(1, 1 + 2));
    }

    #[test]
    fn whole_token_errors_mark_everything() {
        let input = "a.b.c.d";
        let segs = segments(input, &decode(input));
        assert!(segs.iter().all(|s| s.error), "{segs:?}");
        assert_eq!(segs.last().unwrap().end, input.len());
    }

    #[test]
    fn many_parts_stay_linear() {
        // 200,000 dots: a quadratic walk would take minutes.
        let input = ".".repeat(200_000);
        let d = decode(&input);
        let t = std::time::Instant::now();
        let segs = segments(&input, &d);
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
        assert_eq!(segs.first().map(|s| s.start), Some(0));
        assert_eq!(segs.last().map(|s| s.end), Some(input.len()));
        assert!(segs.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn overlapping_errors_are_marked_once() {
        // A wrong part count covers the whole token; a bad character inside it as well.
        let input = "eyJ!.b.c.d";
        let segs = segments(input, &decode(input));
        assert!(segs.iter().all(|s| s.error), "{segs:?}");
    }

    #[test]
    fn positions_in_utf16_and_characters() {
        let s = "a€😀b";
        // bytes: a=0, €=1..4, 😀=4..8, b=8
        assert_eq!(utf16_offset(s, 8), 4); // a(1) €(1) 😀(2)
        assert_eq!(char_position(s, 8), 3);
        assert_eq!(utf16_offset(s, 2), 1, "inside € snaps down");
        assert_eq!(utf16_offset(s, 99), 5);
        assert_eq!(byte_of_utf16(s, 4), 8);
        assert_eq!(
            byte_of_utf16(s, 3),
            4,
            "inside the surrogate pair snaps down"
        );
        assert_eq!(byte_of_utf16(s, 1), 1);
        assert_eq!(byte_of_utf16(s, 99), s.len());
        for b in [0, 1, 4, 8, 9] {
            assert_eq!(byte_of_utf16(s, utf16_offset(s, b)), b);
        }
        assert_eq!(line_col("{\n  \"a\": x\n}", 9), (2, 8));
        assert_eq!(line_col("x", 0), (1, 1));
    }

    /// What a browser shows for chunked HTML: tags removed, entities unescaped, chunk boundaries as line
    /// breaks.
    fn shown(html: &str) -> String {
        let html = html
            .strip_prefix(CHUNK_OPEN)
            .and_then(|h| h.strip_suffix(CHUNK_CLOSE))
            .expect("wrapped in a chunk");
        let html = html.replace(&format!("{CHUNK_CLOSE}{CHUNK_OPEN}"), "\n");
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn json_html_and_plain_fallback() {
        let v = crate::jwt::json::parse(
            r#"{"n":12345678901234567890123,"s":"<b>&amp;</b>","b":true,"z":null}"#,
        )
        .unwrap()
        .value;
        let text = v.to_pretty();
        let p = pretty(&v, &text);
        assert!(p.coloured);
        let html = &p.html;
        assert!(html.contains(r#"<span class="j-number">12345678901234567890123</span>"#));
        assert!(html.contains(r#"<span class="j-key">"n"</span>"#));
        assert!(html.contains(r#"<span class="j-literal">true</span>"#));
        assert!(html.contains(r#"<span class="j-literal">null</span>"#));
        // Markup in the data is text, never markup.
        assert!(html.contains(r#"<span class="j-string">"&lt;b&gt;&amp;amp;&lt;/b&gt;"</span>"#));
        assert_eq!(shown(html), text);

        let big = "x".repeat(COLOUR_LIMIT + 1);
        let v = Json::String(big.into());
        let text = v.to_pretty();
        let p = pretty(&v, &text);
        assert!(!p.coloured);
        // One long line is cut into chunks by bytes: the characters are all there, in order.
        assert!(shown(&p.html).replace('\n', "") == text, "big text changed");
    }

    #[test]
    fn chunks_keep_the_text_and_bound_the_work() {
        // Many lines: chunks of CHUNK_LINES lines, the text intact.
        let items: Vec<String> = (0..450).map(|i| format!("{{\"id\":{i}}}")).collect();
        let v = crate::jwt::json::parse(&format!("[{}]", items.join(",")))
            .unwrap()
            .value;
        let text = v.to_pretty();
        let p = pretty(&v, &text);
        assert!(shown(&p.html) == text, "pretty text changed");
        let chunks = p.html.matches(CHUNK_OPEN).count();
        assert_eq!(chunks, text.lines().count().div_ceil(CHUNK_LINES));
        assert_eq!(p.chunks, chunks);
        // One long line (hex): cut by bytes.
        let hex = "ab".repeat(CHUNK_BYTES * 2 + 7);
        let p = plain(&hex);
        assert_eq!(
            p.html.matches(CHUNK_OPEN).count(),
            hex.len().div_ceil(CHUNK_BYTES)
        );
        assert!(shown(&p.html).replace('\n', "") == hex, "hex changed");
        // Multi-byte characters are never split.
        let text = "é".repeat(CHUNK_BYTES);
        assert!(
            shown(&plain(&text).html).replace('\n', "") == text,
            "text changed"
        );
        // Text that ends with a newline, and empty text.
        assert_eq!(shown(&plain("a\nb\n").html), "a\nb\n");
        assert_eq!(shown(&plain("").html), "");
    }
}
