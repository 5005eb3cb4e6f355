//! Byte offsets (what the core reports) to UTF-16 offsets (what JavaScript strings index).

/// Bytes between checkpoints of the offset table.
const STRIDE: usize = 64;

/// Converts byte offsets into `text` to UTF-16 code-unit offsets. Free for ASCII text (the usual token);
/// otherwise a table of checkpoints, built once, keeps each conversion to a scan of at most `STRIDE` bytes,
/// however many offsets a hostile input produces.
#[derive(Debug)]
pub struct Offsets<'t> {
    text: &'t str,
    /// `checkpoints[i]` is the UTF-16 offset of the char boundary at or before byte `i * STRIDE`
    /// (with that boundary); empty for ASCII text.
    checkpoints: Vec<(usize, usize)>,
}

impl<'t> Offsets<'t> {
    /// Prepares conversions for `text`.
    pub fn new(text: &'t str) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            checkpoints.reserve(text.len() / STRIDE + 1);
            let mut units = 0;
            let mut next = 0;
            for (i, c) in text.char_indices() {
                // Every checkpoint position inside this character gets the boundary where it starts.
                while next < i + c.len_utf8() {
                    checkpoints.push((i, units));
                    next += STRIDE;
                }
                units += c.len_utf16();
            }
            while next <= text.len() {
                checkpoints.push((text.len(), units));
                next += STRIDE;
            }
        }
        Offsets { text, checkpoints }
    }

    /// The UTF-16 offset of byte `byte`. An offset inside a character counts that character when `round_up`
    /// (an end offset) and not otherwise (a start offset); offsets past the end clamp to the end.
    pub fn at(&self, byte: usize, round_up: bool) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let (from, mut units) = self.checkpoints[byte / STRIDE];
        for (i, c) in self.text[from..].char_indices() {
            let at = from + i;
            if at >= byte || (!round_up && at + c.len_utf8() > byte) {
                break;
            }
            units += c.len_utf16();
        }
        units
    }

    /// A byte span as a UTF-16 `(start, end)` pair.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.at(start, false), self.at(end, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, byte: usize) -> usize {
        text[..byte].encode_utf16().count()
    }

    #[test]
    fn ascii_is_identity() {
        let o = Offsets::new("abc.def");
        assert_eq!(o.at(4, false), 4);
        assert_eq!(o.at(99, true), 7);
    }

    #[test]
    fn matches_a_naive_count_at_every_boundary() {
        let text = "é".repeat(40) + "x😀y" + &"中".repeat(50) + "end";
        let o = Offsets::new(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(o.at(i, false), naive(&text, i), "start {i}");
            assert_eq!(o.at(i, true), naive(&text, i), "end {i}");
        }
    }

    #[test]
    fn inside_a_character_rounds_by_direction() {
        let text = "a😀b";
        let o = Offsets::new(text);
        // Bytes 1..5 are the emoji (two UTF-16 units).
        assert_eq!(o.span(2, 3), (1, 3));
        assert_eq!(o.span(1, 5), (1, 3));
        assert_eq!(o.at(5, false), 3);
    }
}
