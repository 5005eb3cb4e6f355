//! Input clean-up: what a user pastes is rarely just the token.
//!
//! Trims whitespace, strips `Authorization:` / `Bearer ` / `JWT ` prefixes (any case) and surrounding quotes,
//! and drops whitespace inside the token (tokens copied from wrapped log lines). Each clean-up is reported as a
//! [`Note`], and [`Cleaned::map_span`] maps spans in the cleaned text back to the original input, so every
//! error and highlight still points at what the user typed.

use super::error::Span;

/// What a clean-up step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// Leading or trailing whitespace was removed.
    Trimmed,
    /// An `Authorization:` header name was removed.
    AuthorizationHeader,
    /// A `Bearer ` (or `JWT `) scheme prefix was removed.
    BearerPrefix,
    /// Surrounding quotes were removed.
    Quotes,
    /// Whitespace or invisible characters inside the token were removed.
    InnerWhitespace,
}

impl NoteKind {
    /// A stable kebab-case id.
    pub const fn as_str(self) -> &'static str {
        match self {
            NoteKind::Trimmed => "trimmed-whitespace",
            NoteKind::AuthorizationHeader => "removed-authorization-header",
            NoteKind::BearerPrefix => "removed-bearer-prefix",
            NoteKind::Quotes => "removed-quotes",
            NoteKind::InnerWhitespace => "removed-inner-whitespace",
        }
    }
}

/// A clean-up the inspector made to the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What was done.
    pub kind: NoteKind,
    /// A plain sentence for people.
    pub message: String,
}

/// The cleaned token text and the way back to the original input.
#[derive(Debug, Clone)]
pub struct Cleaned {
    original_len: usize,
    text: String,
    /// `(cleaned start, original start)` of each contiguous run copied from the original, in order.
    runs: Vec<(usize, usize)>,
    /// Where the (possibly empty) token starts in the original, for spans in an empty token.
    origin: usize,
    /// The clean-ups made.
    pub notes: Vec<Note>,
}

fn is_removable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Strips `prefix` (ASCII, compared case-insensitively) from the start of `s`.
fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The bytes of a bare compact token: the base64url alphabet and `.` (a table: this check runs on every
/// keystroke and every verification).
const BARE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.';
        b += 1;
    }
    table
};

/// True when a bare word that the clean-up would strip starts `s` (`Bearer`, `JWT`, `Authorization`): such
/// input takes the full clean-up even when it has no other character to remove.
fn starts_with_scheme(s: &str) -> bool {
    ["bearer", "jwt", "authorization"]
        .iter()
        .any(|p| strip_prefix_ci(s, p).is_some())
}

impl Cleaned {
    /// Cleans `original`. Never fails: an input that cleans to nothing gives an empty text.
    pub fn new(original: &str) -> Self {
        // The common case: a bare token (base64url characters and dots) needs no clean-up at all.
        if !original.is_empty()
            && original.bytes().all(|b| BARE[b as usize])
            && !starts_with_scheme(original)
        {
            return Cleaned {
                original_len: original.len(),
                text: original.to_owned(),
                runs: Vec::new(),
                origin: 0,
                notes: Vec::new(),
            };
        }
        let mut notes = Vec::new();
        // Work on a window [lo, hi) of the original.
        let trimmed = original.trim_matches(is_removable);
        let mut lo = trimmed.as_ptr() as usize - original.as_ptr() as usize;
        let mut hi = lo + trimmed.len();
        if trimmed.len() != original.len() {
            notes.push(Note {
                kind: NoteKind::Trimmed,
                message: "Removed whitespace around the token.".into(),
            });
        }

        // Prefix and quote stripping; a few rounds cover `"Authorization": "Bearer eyJ…",` copied from JSON.
        let mut from_json = false;
        for _ in 0..4 {
            let before = (lo, hi);
            let w = &original[lo..hi];
            let unquoted = w.trim_start_matches(['"', '\'']);
            if let Some(rest) = strip_prefix_ci(unquoted, "authorization") {
                let rest = rest
                    .trim_start_matches(['"', '\''])
                    .trim_start_matches(is_removable);
                if let Some(rest) = rest.strip_prefix(':') {
                    let rest = rest.trim_start_matches(is_removable);
                    lo = hi - rest.len();
                    from_json = unquoted.len() != w.len();
                    notes.push(Note {
                        kind: NoteKind::AuthorizationHeader,
                        message: "Removed the `Authorization:` header name.".into(),
                    });
                }
            }
            if from_json {
                // Quotes and separators around a value copied out of JSON or a header dump.
                let w = &original[lo..hi];
                let inner = w
                    .trim_start_matches(['"', '\''])
                    .trim_end_matches(['"', '\'', ',', ';'])
                    .trim_matches(is_removable);
                lo = inner.as_ptr() as usize - original.as_ptr() as usize;
                hi = lo + inner.len();
            }
            let w = &original[lo..hi];
            for scheme in ["bearer", "jwt"] {
                if let Some(rest) = strip_prefix_ci(w, scheme) {
                    // Only a scheme when followed by whitespace (or nothing): `jwtfoo` is not a prefix.
                    if rest.is_empty() || rest.starts_with(is_removable) {
                        let rest = rest.trim_start_matches(is_removable);
                        lo = hi - rest.len();
                        notes.push(Note {
                            kind: NoteKind::BearerPrefix,
                            message: format!("Removed the `{}` prefix.", &w[..scheme.len()]),
                        });
                        break;
                    }
                }
            }
            let w = &original[lo..hi];
            let b = w.as_bytes();
            if b.len() >= 2 && matches!(b[0], b'"' | b'\'' | b'`') && b[b.len() - 1] == b[0] {
                let inner = w[1..w.len() - 1].trim_matches(is_removable);
                lo = inner.as_ptr() as usize - original.as_ptr() as usize;
                hi = lo + inner.len();
                notes.push(Note {
                    kind: NoteKind::Quotes,
                    message: "Removed the quotes around the token.".into(),
                });
            }
            if (lo, hi) == before {
                break;
            }
        }

        let window = &original[lo..hi];
        if !window.bytes().any(|b| b.is_ascii_whitespace() || b >= 0x80) {
            // The common case: nothing to remove inside, one run.
            return Cleaned {
                original_len: original.len(),
                text: window.to_owned(),
                runs: vec![(0, lo)],
                origin: lo,
                notes,
            };
        }
        let mut text = String::with_capacity(window.len());
        let mut runs = Vec::new();
        let mut run_start: Option<usize> = None;
        let mut removed = false;
        for (i, c) in window.char_indices() {
            if is_removable(c) {
                removed = true;
                if let Some(s) = run_start.take() {
                    runs.push((text.len(), lo + s));
                    text.push_str(&window[s..i]);
                }
            } else if run_start.is_none() {
                run_start = Some(i);
            }
        }
        if let Some(s) = run_start {
            runs.push((text.len(), lo + s));
            text.push_str(&window[s..]);
        }
        if removed {
            notes.push(Note {
                kind: NoteKind::InnerWhitespace,
                message: "Removed line breaks and spaces inside the token.".into(),
            });
        }
        Cleaned {
            original_len: original.len(),
            text,
            runs,
            origin: lo,
            notes,
        }
    }

    /// The cleaned token text (tests read it; the decoder takes it with [`Cleaned::take_text`]).
    #[cfg(test)]
    fn text(&self) -> &str {
        &self.text
    }

    /// Moves the cleaned text out (spans still map afterwards).
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// Maps a byte offset in the cleaned text (`0..=len`) to the original input, as the start of a span.
    fn map_start(&self, c: usize) -> usize {
        if self.runs.is_empty() {
            // Nothing was removed inside the token (a bare token, or an empty one).
            return self.origin + c;
        }
        let i = self.runs.partition_point(|&(cs, _)| cs <= c);
        if i == 0 {
            return self.origin;
        }
        let (cs, os) = self.runs[i - 1];
        os + (c - cs)
    }

    /// Maps a span in the cleaned text to a span in the original input.
    pub fn map_span(&self, span: Span) -> Span {
        let start = self.map_start(span.start);
        if span.end <= span.start {
            return Span::new(start, start);
        }
        // The end maps through its last byte so that a span never swallows removed whitespace after it.
        let end = self.map_start(span.end - 1) + 1;
        Span::new(start, end.min(self.original_len).max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(c: &Cleaned) -> Vec<NoteKind> {
        c.notes.iter().map(|n| n.kind).collect()
    }

    #[test]
    fn plain_token_is_untouched() {
        let c = Cleaned::new("a.b.c");
        assert_eq!(c.text(), "a.b.c");
        assert!(c.notes.is_empty());
        assert_eq!(c.map_span(Span::new(2, 3)), Span::new(2, 3));
    }

    #[test]
    fn strips_bearer_any_case_and_maps_spans() {
        let input = "  bEaReR   abc.def.ghi\n";
        let c = Cleaned::new(input);
        assert_eq!(c.text(), "abc.def.ghi");
        assert_eq!(kinds(&c), vec![NoteKind::Trimmed, NoteKind::BearerPrefix]);
        let s = c.map_span(Span::new(4, 7));
        assert_eq!(&input[s.start..s.end], "def");
    }

    #[test]
    fn strips_authorization_header() {
        let input = "Authorization: Bearer abc.def.ghi";
        let c = Cleaned::new(input);
        assert_eq!(c.text(), "abc.def.ghi");
        assert_eq!(
            kinds(&c),
            vec![NoteKind::AuthorizationHeader, NoteKind::BearerPrefix]
        );
    }

    #[test]
    fn strips_json_style_header_line() {
        let c = Cleaned::new(r#""Authorization": "Bearer abc.def.ghi","#);
        assert_eq!(c.text(), "abc.def.ghi");
    }

    #[test]
    fn drops_inner_line_breaks_and_maps_across_them() {
        let input = "abc.de\r\n  f.ghi";
        let c = Cleaned::new(input);
        assert_eq!(c.text(), "abc.def.ghi");
        assert_eq!(kinds(&c), vec![NoteKind::InnerWhitespace]);
        let s = c.map_span(Span::new(4, 7));
        assert_eq!(s, Span::new(4, 11));
        let s = c.map_span(Span::new(6, 7));
        assert_eq!(&input[s.start..s.end], "f");
        let s = c.map_span(Span::new(5, 6));
        assert_eq!(&input[s.start..s.end], "e");
    }

    #[test]
    fn quotes_are_removed() {
        let c = Cleaned::new("'abc.def.ghi'");
        assert_eq!(c.text(), "abc.def.ghi");
        assert_eq!(c.map_span(Span::new(0, 1)), Span::new(1, 2));
    }

    #[test]
    fn only_whitespace_or_prefix_is_empty() {
        assert_eq!(Cleaned::new("   \n").text(), "");
        assert_eq!(Cleaned::new("Bearer").text(), "");
        assert_eq!(
            Cleaned::new("Bearer ").map_span(Span::new(0, 0)),
            Span::new(6, 6)
        );
        // `bearerx.y.z` is a token, not a prefix.
        assert_eq!(Cleaned::new("bearerx.y.z").text(), "bearerx.y.z");
    }

    #[test]
    fn end_of_text_maps_to_end_of_token() {
        let c = Cleaned::new(" ab ");
        assert_eq!(c.map_span(Span::new(2, 2)), Span::new(3, 3));
        assert_eq!(c.map_span(Span::new(0, 2)), Span::new(1, 3));
    }
}
