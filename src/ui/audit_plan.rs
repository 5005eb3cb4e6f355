//! The secret audit's pure side (unit-tested natively): the candidates cut into chunks for the workers as they
//! are sent, and the progress figures (rate, time left) with their wording.

use std::collections::HashMap;
use std::rc::Rc;

use crate::audit::Audit;

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

/// How many workers to start for `navigator.hardwareConcurrency` (at least one).
pub fn worker_count(hardware_concurrency: f64) -> usize {
    if hardware_concurrency.is_finite() && hardware_concurrency >= 1.0 {
        (hardware_concurrency as usize).min(MAX_WORKERS)
    } else {
        1
    }
}

/// The index of the first line of `chunk` (lines separated by `\n`) that is the token's secret.
pub fn find_in_chunk(audit: &Audit, chunk: &str) -> Option<usize> {
    chunk
        .split('\n')
        .position(|c| audit.try_secret(c.as_bytes()))
}

/// One list of candidates (one per line) and how many it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    text: Rc<str>,
    count: usize,
}

impl Source {
    /// A list, counted once (see [`lines`]).
    pub fn new(text: Rc<str>) -> Source {
        let count = lines(&text).count();
        Source { text, count }
    }

    /// A list already counted.
    pub fn counted(text: Rc<str>, count: usize) -> Source {
        Source { text, count }
    }
}

/// All candidates, in order, handed out in chunks of at most `chunk` lines. Chunks are cut when they are sent
/// (each one `\n`-joined string, ready to post to a worker), so starting costs nothing whatever the lists'
/// size; a chunk is kept until its worker answers, to read the secret back from it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    sources: Vec<Source>,
    chunk: usize,
    total: usize,
    /// Where the next chunk starts: a source, and a byte offset in it.
    at: (usize, usize),
    next_id: usize,
    flying: HashMap<usize, (String, usize)>,
    /// Candidates in answered chunks.
    pub tried: usize,
}

impl Plan {
    /// The plan for `sources`, in order, `chunk` candidates per chunk.
    pub fn new(sources: Vec<Source>, chunk: usize) -> Plan {
        let total = sources.iter().map(|s| s.count).sum();
        Plan {
            sources,
            chunk: chunk.max(1),
            total,
            ..Plan::default()
        }
    }

    /// How many candidates there are.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Cuts the next chunk: its id, text and number of candidates; `None` when every candidate was handed out.
    pub fn next_chunk(&mut self) -> Option<(usize, &str, usize)> {
        let mut text = String::new();
        let mut n = 0;
        while n < self.chunk {
            let Some(source) = self.sources.get(self.at.0) else {
                break;
            };
            let rest = &source.text[self.at.1..];
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
            self.at.1 += used;
            if self.at.1 >= source.text.len() {
                self.at = (self.at.0 + 1, 0);
            }
        }
        if n == 0 {
            return None;
        }
        let id = self.next_id;
        self.next_id += 1;
        let (text, n) = self.flying.entry(id).or_insert((text, n));
        Some((id, text.as_str(), *n))
    }

    /// Candidate `line` of chunk `id` (sent and not answered yet).
    pub fn candidate(&self, id: usize, line: usize) -> Option<&str> {
        self.flying.get(&id)?.0.split('\n').nth(line)
    }

    /// A worker answered for chunk `id` without finding the secret in it.
    pub fn answered(&mut self, id: usize) {
        if let Some((_, n)) = self.flying.remove(&id) {
            self.tried += n;
        }
    }

    /// Every candidate handed out and answered.
    pub fn finished(&self) -> bool {
        self.flying.is_empty() && self.at.0 >= self.sources.len()
    }
}

/// Guesses per second after `tried` guesses in `elapsed_ms`.
pub fn rate(tried: usize, elapsed_ms: f64) -> f64 {
    if elapsed_ms > 0.0 {
        tried as f64 * 1000.0 / elapsed_ms
    } else {
        0.0
    }
}

/// Seconds left at `rate` guesses per second, if there is a rate to go by.
pub fn time_left(tried: usize, total: usize, rate: f64) -> Option<f64> {
    (rate > 0.0).then(|| total.saturating_sub(tried) as f64 / rate)
}

/// A count with thin groups of three digits: `20 039`.
pub fn format_count(n: usize) -> String {
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

/// A duration for people: `< 1 s`, `42 s`, `3 min 20 s`, `2 h 5 min`.
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
        s => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

/// The secret as shown until asked: one bullet per character.
pub fn masked(secret: &str) -> String {
    "•".repeat(secret.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn worker_count_is_at_least_one_and_capped() {
        assert_eq!(worker_count(0.0), 1);
        assert_eq!(worker_count(f64::NAN), 1);
        assert_eq!(worker_count(2.0), 2);
        assert_eq!(worker_count(512.0), MAX_WORKERS);
    }

    fn src(text: &str) -> Source {
        Source::new(text.into())
    }

    #[test]
    fn plan_cuts_in_order_across_sources_and_finds_candidates_back() {
        let words: Vec<String> = (0..25).map(|i| format!("w{i}")).collect();
        let mut plan = Plan::new(
            vec![
                src(&words[..12].join("\n")),
                src(""),
                src(&words[12..].join("\r\n")),
            ],
            10,
        );
        assert_eq!(plan.total(), 25);
        let (a, text, n) = plan.next_chunk().unwrap();
        assert_eq!((a, n), (0, 10));
        assert!(text.starts_with("w0\nw1\n") && text.ends_with("w9"));
        let (b, text, n) = plan.next_chunk().unwrap();
        assert_eq!(
            (b, text, n),
            (1, "w10\nw11\nw12\nw13\nw14\nw15\nw16\nw17\nw18\nw19", 10)
        );
        assert_eq!(plan.candidate(1, 3), Some("w13"));
        let (c, text, n) = plan.next_chunk().unwrap();
        assert_eq!((c, text, n), (2, "w20\nw21\nw22\nw23\nw24", 5));
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
        let mut empty = Plan::new(vec![src("\n\r\n")], CHUNK);
        assert_eq!((empty.total(), empty.next_chunk()), (0, None));
        assert!(empty.finished());
        let mut exact = Plan::new(vec![Source::counted("a\nb\n".into(), 2)], 2);
        assert_eq!(exact.next_chunk(), Some((0, "a\nb", 2)));
        assert_eq!(exact.next_chunk(), None);
    }

    #[test]
    fn finds_the_secret_in_a_chunk() {
        let t = token(b"secret");
        let audit = Audit::new(&t).unwrap();
        let mut plan = Plan::new(vec![src("a\nb\nsecret\nc")], 3);
        let (_, text, _) = plan.next_chunk().unwrap();
        assert_eq!(find_in_chunk(&audit, text), Some(2));
        let (_, text, _) = plan.next_chunk().unwrap();
        assert_eq!(find_in_chunk(&audit, text), None);
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
        assert_eq!(masked("sécret"), "••••••");
    }
}
