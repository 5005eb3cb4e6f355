//! The secret audit's pure side (unit-tested natively): the candidates cut into chunks for the workers as they
//! are sent, and the progress figures (rate, time left) with their wording.

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use crate::audit::Audit;
use crate::audit_gen::{Mask, Rules};

/// Candidates per chunk: a few milliseconds of work in a worker for an ordinary token, so progress moves
/// smoothly, Cancel is never far from a chunk boundary, and the page handles a few hundred messages a second.
pub const CHUNK: usize = 1000;

/// Chunks handed to each worker at once, so that a worker never waits for the page between two chunks.
pub const IN_FLIGHT: usize = 2;

/// The most workers started, whatever the browser reports.
pub const MAX_WORKERS: usize = 16;

/// The lines of a wordlist: one candidate per line (LF or CRLF), empty lines skipped.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty())
}

/// A file read in slices: appends `bytes` to `carry` (the unfinished last line of the slices before) and takes
/// out the whole lines, as text (invalid UTF-8 replaced; a slice may end inside a character, never inside a
/// whole line's text); at the `last` slice, everything. `None` when no whole line is there yet.
pub fn whole_lines(carry: &mut Vec<u8>, bytes: &[u8], last: bool) -> Option<String> {
    carry.extend_from_slice(bytes);
    let cut = if last {
        carry.len()
    } else {
        carry.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
    };
    let rest = carry.split_off(cut);
    let whole = std::mem::replace(carry, rest);
    (!whole.is_empty()).then(|| String::from_utf8_lossy(&whole).into_owned())
}

/// How many workers to start for `navigator.hardwareConcurrency` (at least one).
pub fn worker_count(hardware_concurrency: f64) -> usize {
    if hardware_concurrency.is_finite() && hardware_concurrency >= 1.0 {
        (hardware_concurrency as usize).min(MAX_WORKERS)
    } else {
        1
    }
}

/// The index, among the candidates `rules` makes of the lines of `chunk` (lines separated by `\n`, each line's
/// [`Rules::per_word`] variants in order), of the first that is the token's secret.
pub fn find_in_chunk(audit: &Audit, chunk: &str, rules: Rules) -> Option<u64> {
    if rules.per_word() == 1 {
        return chunk
            .split('\n')
            .position(|c| audit.try_secret(c.as_bytes()))
            .map(|i| i as u64);
    }
    let mut buf = String::new();
    let per = rules.per_word();
    for (i, word) in chunk.split('\n').enumerate() {
        for k in 0..per {
            rules.variant(word, k, &mut buf);
            if audit.try_secret(buf.as_bytes()) {
                return Some(i as u64 * per + k);
            }
        }
    }
    None
}

/// The offset, among the `count` mask candidates from index `start`, of the first that is the token's secret.
pub fn find_in_range(audit: &Audit, mask: &Mask, start: u64, count: u64) -> Option<u64> {
    let mut buf = Vec::new();
    (0..count).find(|&i| mask.candidate(start + i, &mut buf) && audit.try_secret(&buf))
}

/// One list of candidates (one per line), how many it holds, and how far it was handed out (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    text: Rc<str>,
    count: usize,
    at: usize,
}

impl Source {
    /// A list, counted once (see [`lines`]).
    pub fn new(text: Rc<str>) -> Source {
        let count = lines(&text).count();
        Source { text, count, at: 0 }
    }

    /// A list already counted.
    pub fn counted(text: Rc<str>, count: usize) -> Source {
        Source { text, count, at: 0 }
    }
}

/// One chunk to send to a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk<'a> {
    /// Base words, one per line, each tried with the rules' variants.
    Words {
        /// The chunk's id.
        id: usize,
        /// The words, `\n`-joined.
        text: &'a str,
        /// The rules.
        rules: Rules,
    },
    /// `count` mask candidates from index `start`.
    Range {
        /// The chunk's id.
        id: usize,
        /// The mask.
        mask: Mask,
        /// The first index.
        start: u64,
        /// How many.
        count: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Flying {
    Words(String, u64),
    Range(u64, u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Work {
    Words {
        sources: VecDeque<Source>,
        rules: Rules,
        /// More sources may come (a file still being read).
        open: bool,
    },
    Mask {
        mask: Mask,
        next: u64,
    },
}

impl Default for Work {
    fn default() -> Work {
        Work::Words {
            sources: VecDeque::new(),
            rules: Rules::default(),
            open: false,
        }
    }
}

/// All candidates, in order, handed out in chunks of about `chunk` candidates: for wordlists, lines cut when
/// they are sent (each chunk one `\n`-joined string of base words, ready to post to a worker, that the worker
/// expands with the rules); for a mask, index ranges the worker generates itself. Starting costs nothing
/// whatever the size; a chunk is kept until its worker answers, to read the secret back from it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    work: Work,
    chunk: usize,
    total: u64,
    next_id: usize,
    flying: HashMap<usize, Flying>,
    /// Candidates in answered chunks.
    pub tried: u64,
}

impl Plan {
    /// The plan for the lists `sources`, in order, each base word tried with `rules`, about `chunk` candidates
    /// per chunk (at least one word).
    pub fn new(sources: Vec<Source>, chunk: usize, rules: Rules) -> Plan {
        let mut plan = Plan {
            work: Work::Words {
                sources: VecDeque::new(),
                rules,
                open: false,
            },
            chunk: chunk.max(1),
            ..Plan::default()
        };
        for s in sources {
            plan.push(s);
        }
        plan
    }

    /// The plan for `mask`, `chunk` candidates per chunk.
    pub fn mask(mask: Mask, chunk: usize) -> Plan {
        Plan {
            work: Work::Mask { mask, next: 0 },
            chunk: chunk.max(1),
            total: mask.total(),
            ..Plan::default()
        }
    }

    /// Keeps the list open: more sources come with [`Plan::push`] until [`Plan::close`].
    pub fn open(&mut self) {
        if let Work::Words { open, .. } = &mut self.work {
            *open = true;
        }
    }

    /// No more sources.
    pub fn close(&mut self) {
        if let Work::Words { open, .. } = &mut self.work {
            *open = false;
        }
    }

    /// True while more sources may come.
    pub fn is_open(&self) -> bool {
        matches!(self.work, Work::Words { open: true, .. })
    }

    /// Adds a list after the others.
    pub fn push(&mut self, source: Source) {
        if let Work::Words { sources, rules, .. } = &mut self.work {
            self.total = self.total.saturating_add(rules.total(source.count as u64));
            if source.count > 0 {
                sources.push_back(source);
            }
        }
    }

    /// Bytes of list text not handed out yet.
    pub fn queued_bytes(&self) -> usize {
        match &self.work {
            Work::Words { sources, .. } => sources.iter().map(|s| s.text.len() - s.at).sum(),
            Work::Mask { .. } => 0,
        }
    }

    /// How many candidates there are (so far, while the list is open).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Cuts the next chunk; `None` when every candidate known so far was handed out.
    pub fn next_chunk(&mut self) -> Option<Chunk<'_>> {
        let id = self.next_id;
        let flying = match &mut self.work {
            Work::Mask { next, .. } => {
                let count = (self.chunk as u64).min(self.total.saturating_sub(*next));
                if count == 0 {
                    return None;
                }
                let start = *next;
                *next += count;
                Flying::Range(start, count)
            }
            Work::Words { sources, rules, .. } => {
                let per = rules.per_word();
                let want = (self.chunk as u64 / per).max(1);
                let mut text = String::new();
                let mut n = 0u64;
                while n < want {
                    let Some(source) = sources.front_mut() else {
                        break;
                    };
                    let rest = &source.text[source.at..];
                    let (line, used) = match rest.find('\n') {
                        Some(i) => (&rest[..i], i + 1),
                        None => (rest, rest.len()),
                    };
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    if !line.is_empty() {
                        if n > 0 {
                            text.push('\n');
                        }
                        text.push_str(line);
                        n += 1;
                    }
                    source.at += used;
                    if source.at >= source.text.len() {
                        sources.pop_front();
                    }
                }
                if n == 0 {
                    return None;
                }
                Flying::Words(text, n * per)
            }
        };
        self.next_id += 1;
        Some(
            match (self.flying.entry(id).or_insert(flying), &self.work) {
                (Flying::Range(start, count), Work::Mask { mask, .. }) => Chunk::Range {
                    id,
                    mask: *mask,
                    start: *start,
                    count: *count,
                },
                (Flying::Words(text, _), Work::Words { rules, .. }) => Chunk::Words {
                    id,
                    text: text.as_str(),
                    rules: *rules,
                },
                _ => return None,
            },
        )
    }

    /// Candidate `index` of chunk `id` (sent and not answered yet): for words, an index among the line's
    /// variants as [`find_in_chunk`] counts them; for a range, an offset from its start.
    pub fn candidate(&self, id: usize, index: u64) -> Option<String> {
        match (self.flying.get(&id)?, &self.work) {
            (Flying::Words(text, _), Work::Words { rules, .. }) => {
                let per = rules.per_word();
                let word = text.split('\n').nth(usize::try_from(index / per).ok()?)?;
                let mut out = String::new();
                rules.variant(word, index % per, &mut out).then_some(out)
            }
            (Flying::Range(start, count), Work::Mask { mask, .. }) if index < *count => {
                let mut out = Vec::new();
                mask.candidate(start + index, &mut out)
                    .then(|| String::from_utf8_lossy(&out).into_owned())
            }
            _ => None,
        }
    }

    /// A worker answered for chunk `id` without finding the secret in it.
    pub fn answered(&mut self, id: usize) {
        if let Some(f) = self.flying.remove(&id) {
            self.tried += match f {
                Flying::Words(_, n) | Flying::Range(_, n) => n,
            };
        }
    }

    /// Every candidate handed out and answered (and the list closed).
    pub fn finished(&self) -> bool {
        self.flying.is_empty()
            && match &self.work {
                Work::Words { sources, open, .. } => sources.is_empty() && !open,
                Work::Mask { next, .. } => *next >= self.total,
            }
    }
}

/// Guesses per second after `tried` guesses in `elapsed_ms`.
pub fn rate(tried: u64, elapsed_ms: f64) -> f64 {
    if elapsed_ms > 0.0 {
        tried as f64 * 1000.0 / elapsed_ms
    } else {
        0.0
    }
}

/// Seconds left at `rate` guesses per second, if there is a rate to go by.
pub fn time_left(tried: u64, total: u64, rate: f64) -> Option<f64> {
    (rate > 0.0).then(|| total.saturating_sub(tried) as f64 / rate)
}

/// A count with thin groups of three digits: `20 039`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// A size in bytes for people: `512 B`, `1.5 KB`, `2.3 MB`, `1.1 GB` (powers of 1024).
pub fn format_bytes(n: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut v = n.max(0.0);
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{v:.0} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// A duration for people: `< 1 s`, `42 s`, `3 min 20 s`, `2 h 5 min`, `32 days`, `812 years` (a long mask).
pub fn format_duration(secs: f64) -> String {
    if !secs.is_finite() {
        return "—".to_owned();
    }
    let s = secs.ceil().max(0.0) as u64;
    match s {
        0 if secs <= 0.0 => "0 s".to_owned(),
        0 | 1 if secs < 1.0 => "< 1 s".to_owned(),
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s if s < 48 * 3600 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        s if s < 730 * 86_400 => format!("{} days", s / 86_400),
        s => format!("{} years", format_count(s / (365 * 86_400 + 86_400 / 4))),
    }
}

/// The secret as shown until asked: one bullet per character.
pub fn masked(secret: &str) -> String {
    "•".repeat(secret.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit_gen::Charset;
    use crate::jwt::{json, sign};

    fn token(key: &[u8]) -> String {
        let h = json::parse(r#"{"alg":"HS256","typ":"JWT"}"#).unwrap().value;
        sign::sign(&h, br#"{"sub":"1"}"#, key).unwrap()
    }

    #[test]
    fn lines_skip_empty_and_crlf() {
        let v: Vec<_> = lines("a\r\n\nb\n c \n\r\n").collect();
        assert_eq!(v, ["a", "b", " c "]);
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn whole_lines_carry_the_unfinished_line_and_split_characters() {
        let text = "one\r\npässwörd\nlast";
        let bytes = text.as_bytes();
        // Slices of 5 bytes: cut inside "ä" and inside lines.
        let mut carry = Vec::new();
        let mut out = String::new();
        let chunks: Vec<&[u8]> = bytes.chunks(5).collect();
        for (i, c) in chunks.iter().enumerate() {
            if let Some(t) = whole_lines(&mut carry, c, i + 1 == chunks.len()) {
                assert!(i + 1 == chunks.len() || t.ends_with('\n'), "{t:?}");
                out.push_str(&t);
            }
        }
        assert_eq!(out, text);
        assert!(carry.is_empty());
        let v: Vec<_> = lines(&out).collect();
        assert_eq!(v, ["one", "pässwörd", "last"]);
        assert_eq!(whole_lines(&mut carry, b"no newline yet", false), None);
        assert_eq!(carry, b"no newline yet");
    }

    #[test]
    fn worker_count_is_at_least_one_and_capped() {
        assert_eq!(worker_count(0.0), 1);
        assert_eq!(worker_count(f64::NAN), 1);
        assert_eq!(worker_count(2.0), 2);
        assert_eq!(worker_count(512.0), MAX_WORKERS);
    }

    fn src(text: &str) -> Source {
        Source::new(text.into())
    }

    /// The id, text and candidate count of a words chunk.
    fn words(c: Option<Chunk<'_>>) -> Option<(usize, String)> {
        match c? {
            Chunk::Words { id, text, .. } => Some((id, text.to_owned())),
            Chunk::Range { .. } => panic!("a range"),
        }
    }

    #[test]
    fn plan_cuts_in_order_across_sources_and_finds_candidates_back() {
        let list: Vec<String> = (0..25).map(|i| format!("w{i}")).collect();
        let mut plan = Plan::new(
            vec![
                src(&list[..12].join("\n")),
                src(""),
                src(&list[12..].join("\r\n")),
            ],
            10,
            Rules::default(),
        );
        assert_eq!(plan.total(), 25);
        let (a, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(a, 0);
        assert!(text.starts_with("w0\nw1\n") && text.ends_with("w9"));
        let (b, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(
            (b, text.as_str()),
            (1, "w10\nw11\nw12\nw13\nw14\nw15\nw16\nw17\nw18\nw19")
        );
        assert_eq!(plan.candidate(1, 3).as_deref(), Some("w13"));
        let (c, text) = words(plan.next_chunk()).unwrap();
        assert_eq!((c, text.as_str()), (2, "w20\nw21\nw22\nw23\nw24"));
        assert_eq!(plan.next_chunk(), None);
        assert!(!plan.finished());
        plan.answered(1);
        assert_eq!((plan.tried, plan.candidate(1, 3)), (10, None));
        plan.answered(1); // twice: counted once
        plan.answered(0);
        plan.answered(2);
        assert_eq!(plan.tried, 25);
        assert!(plan.finished());
    }

    #[test]
    fn empty_plans_and_exact_chunks() {
        let mut empty = Plan::new(vec![src("\n\r\n")], CHUNK, Rules::default());
        assert_eq!((empty.total(), empty.next_chunk()), (0, None));
        assert!(empty.finished());
        let mut exact = Plan::new(
            vec![Source::counted("a\nb\n".into(), 2)],
            2,
            Rules::default(),
        );
        assert_eq!(words(exact.next_chunk()), Some((0, "a\nb".to_owned())));
        assert_eq!(exact.next_chunk(), None);
    }

    #[test]
    fn rules_multiply_the_total_and_shrink_the_chunks() {
        let rules = Rules {
            case: true,
            suffix: true,
        };
        let mut plan = Plan::new(vec![src("a\nb\nc")], CHUNK, rules);
        assert_eq!(plan.total(), 3 * 1240);
        let (id, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(text, "a", "one word (1 240 candidates) per chunk");
        assert_eq!(plan.candidate(id, 3 * 310 + 155).as_deref(), Some("A!"));
        plan.answered(id);
        assert_eq!(plan.tried, 1240);
        let case = Rules {
            case: true,
            suffix: false,
        };
        let mut plan = Plan::new(vec![src(&"w\n".repeat(600))], CHUNK, case);
        let (id, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(text.split('\n').count(), 250);
        plan.answered(id);
        assert_eq!(plan.tried, 1000);
    }

    #[test]
    fn an_open_plan_waits_for_more_sources() {
        let mut plan = Plan::new(vec![src("a")], 10, Rules::default());
        plan.open();
        let (id, _) = words(plan.next_chunk()).unwrap();
        plan.answered(id);
        assert_eq!(plan.next_chunk(), None);
        assert!(!plan.finished(), "open: more may come");
        plan.push(src("b\nc"));
        assert_eq!((plan.total(), plan.queued_bytes()), (3, 3));
        let (id, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(text, "b\nc");
        assert_eq!(plan.queued_bytes(), 0);
        plan.answered(id);
        assert!(!plan.finished());
        plan.close();
        assert!(plan.finished());
        assert_eq!(plan.tried, 3);
    }

    #[test]
    fn mask_plans_hand_out_ranges() {
        let mask = Mask::new(Charset::Digits, 3);
        let mut plan = Plan::mask(mask, 500);
        assert_eq!(plan.total(), 1110);
        let mut ranges = Vec::new();
        while let Some(Chunk::Range {
            id, start, count, ..
        }) = plan.next_chunk()
        {
            ranges.push((id, start, count));
        }
        assert_eq!(ranges, [(0, 0, 500), (1, 500, 500), (2, 1000, 110)]);
        assert_eq!(plan.candidate(1, 0).as_deref(), Some("390"));
        assert_eq!(plan.candidate(2, 109).as_deref(), Some("999"));
        assert_eq!(plan.candidate(2, 110), None);
        for (id, ..) in ranges {
            plan.answered(id);
        }
        assert!(plan.finished());
        assert_eq!(plan.tried, 1110);
    }

    #[test]
    fn finds_the_secret_in_a_chunk_a_variant_and_a_range() {
        let t = token(b"secret");
        let audit = Audit::new(&t).unwrap();
        let mut plan = Plan::new(vec![src("a\nb\nsecret\nc")], 3, Rules::default());
        let (_, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(find_in_chunk(&audit, &text, Rules::default()), Some(2));
        let (_, text) = words(plan.next_chunk()).unwrap();
        assert_eq!(find_in_chunk(&audit, &text, Rules::default()), None);
        let rules = Rules {
            case: true,
            suffix: true,
        };
        let audit = Audit::new(&token(b"Secret2024!")).unwrap();
        assert_eq!(find_in_chunk(&audit, "x\nsecret", Rules::default()), None);
        let k = find_in_chunk(&audit, "x\nsecret", rules).unwrap();
        assert_eq!(k, 1240 + 3 * 310 + 155 + 111 + 34);
        let audit = Audit::new(&token(b"427")).unwrap();
        let mask = Mask::new(Charset::Digits, 3);
        assert_eq!(
            find_in_range(&audit, &mask, 100, 1010),
            Some(110 + 427 - 100)
        );
        assert_eq!(find_in_range(&audit, &mask, 0, 500), None);
    }

    #[test]
    fn rate_time_left_and_wording() {
        assert_eq!(rate(5000, 500.0), 10_000.0);
        assert_eq!(rate(5, 0.0), 0.0);
        assert_eq!(time_left(5000, 25_000, 10_000.0), Some(2.0));
        assert_eq!(time_left(1, 2, 0.0), None);
        assert_eq!(format_count(20_039), "20\u{202f}039");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(format_duration(0.0), "0 s");
        assert_eq!(format_duration(0.3), "< 1 s");
        assert_eq!(format_duration(41.2), "42 s");
        assert_eq!(format_duration(200.0), "3 min 20 s");
        assert_eq!(format_duration(7500.0), "2 h 5 min");
        assert_eq!(format_duration(47.0 * 3600.0), "47 h 0 min");
        assert_eq!(format_duration(2_836_000.0), "32 days");
        assert_eq!(format_duration(2.56e10), "811 years");
        assert_eq!(format_duration(3.2e13), "1\u{202f}014\u{202f}018 years");
        assert_eq!(masked("sécret"), "••••••");
        assert_eq!(format_bytes(512.0), "512 B");
        assert_eq!(format_bytes(1536.0), "1.5 KB");
        assert_eq!(format_bytes(3.0 * 1024.0 * 1024.0 * 1024.0), "3.0 GB");
    }
}
