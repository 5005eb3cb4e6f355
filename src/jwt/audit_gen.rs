//! Candidate generation for the weak-secret audit: the optional word rules (case variants, common suffixes)
//! and the brute-force mask (a charset and a maximum length), both addressed by index so that callers split
//! the work into ranges without ever listing the candidates.
//!
//! Rules: every base word `w` gives [`Rules::per_word`] candidates, case variant first, then suffix:
//! - case (when on), 4 variants in this order: `w` as given, lowercase, UPPERCASE, Capitalized (first
//!   character upper, the rest lower);
//! - suffix (when on), 310 in this order: none, `0`–`9`, `00`–`99`, the years `1990`–`2030`, `123`, `1234`,
//!   `12345` (155), then the same 155 followed by `!`.
//!
//! So a word gives 1, 4, 310 or 1 240 candidates (duplicates, such as a lowercase word's lowercase variant,
//! are kept: the count stays exact and known before starting).
//!
//! Mask: every string of 1 to `max_len` characters of the charset, shorter first, and within one length in
//! the charset's order (the first character most significant): `0`, `1`, …, `9`, `00`, `01`, … for digits.

use std::fmt::Write as _;

/// The characters of a brute-force mask, each in ASCII order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Charset {
    /// `0`–`9` (10).
    Digits,
    /// `a`–`z` (26).
    Lower,
    /// `0`–`9a`–`z` (36).
    LowerDigits,
    /// `0`–`9A`–`Za`–`z` (62).
    Alphanumeric,
    /// Printable ASCII, space to `~` (95).
    Printable,
}

const DIGITS: &[u8] = b"0123456789";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const LOWER_DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PRINTABLE: &[u8] = b" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

impl Charset {
    /// Every charset, in the order the app lists them.
    pub const ALL: [Charset; 5] = [
        Charset::Digits,
        Charset::Lower,
        Charset::LowerDigits,
        Charset::Alphanumeric,
        Charset::Printable,
    ];

    /// Its characters, in order.
    pub fn chars(self) -> &'static [u8] {
        match self {
            Charset::Digits => DIGITS,
            Charset::Lower => LOWER,
            Charset::LowerDigits => LOWER_DIGITS,
            Charset::Alphanumeric => ALNUM,
            Charset::Printable => PRINTABLE,
        }
    }

    /// A short name (the app's option values and the worker messages).
    pub fn name(self) -> &'static str {
        match self {
            Charset::Digits => "digits",
            Charset::Lower => "lower",
            Charset::LowerDigits => "lower-digits",
            Charset::Alphanumeric => "alphanumeric",
            Charset::Printable => "printable",
        }
    }

    /// The charset named `name` (see [`Charset::name`]).
    pub fn from_name(name: &str) -> Option<Charset> {
        Charset::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The longest mask length accepted (95⁸ + … + 95 ≈ 6.7 × 10¹⁵ candidates: exact in a u64 and in an f64).
pub const MAX_MASK_LEN: u32 = 8;

/// A brute-force mask: every string of 1 to `max_len` characters of `charset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mask {
    /// The characters.
    pub charset: Charset,
    /// The longest candidate, 1 to [`MAX_MASK_LEN`] (clamped).
    pub max_len: u32,
}

impl Mask {
    /// A mask, `max_len` clamped to 1..=[`MAX_MASK_LEN`].
    pub fn new(charset: Charset, max_len: u32) -> Mask {
        Mask {
            charset,
            max_len: max_len.clamp(1, MAX_MASK_LEN),
        }
    }

    /// How many candidates: |charset| + |charset|² + … + |charset|^max_len (saturating, never overflows).
    pub fn total(&self) -> u64 {
        let n = self.charset.chars().len() as u64;
        let mut total = 0u64;
        let mut pow = 1u64;
        for _ in 0..self.max_len {
            pow = pow.saturating_mul(n);
            total = total.saturating_add(pow);
        }
        total
    }

    /// Writes candidate `index` (0-based, see the module's order) into `out` (cleared first); false, and `out`
    /// left empty, when `index` is not below [`Mask::total`].
    pub fn candidate(&self, mut index: u64, out: &mut Vec<u8>) -> bool {
        out.clear();
        let chars = self.charset.chars();
        let n = chars.len() as u64;
        let mut pow = n;
        for len in 1..=self.max_len {
            if index < pow {
                out.resize(len as usize, 0);
                for slot in out.iter_mut().rev() {
                    *slot = chars[(index % n) as usize];
                    index /= n;
                }
                return true;
            }
            index -= pow;
            pow = match pow.checked_mul(n) {
                Some(p) => p,
                None => return false,
            };
        }
        false
    }
}

/// The years among the suffixes.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2030;
/// Suffixes before the `!` variants: none, 10 digits, 100 two-digit numbers, 41 years, 3 sequences.
const PLAIN_SUFFIXES: u64 = 1 + 10 + 100 + 41 + 3;

/// The optional word rules (see the module's documentation for the exact variants and their order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Rules {
    /// Case variants: as given, lowercase, UPPERCASE, Capitalized.
    pub case: bool,
    /// Common suffixes: digits, two-digit numbers, years 1990–2030, `123`, `1234`, `12345`, each also with `!`.
    pub suffix: bool,
}

impl Rules {
    /// Case variants per word: 4 with the rule, else 1.
    pub const CASES: u64 = 4;
    /// Suffixes per word (including none): 310 with the rule, else 1.
    pub const SUFFIXES: u64 = PLAIN_SUFFIXES * 2;

    /// Candidates per base word: 1, 4, 310 or 1 240.
    pub fn per_word(&self) -> u64 {
        let c = if self.case { Self::CASES } else { 1 };
        let s = if self.suffix { Self::SUFFIXES } else { 1 };
        c * s
    }

    /// Candidates for `words` base words (saturating).
    pub fn total(&self, words: u64) -> u64 {
        words.saturating_mul(self.per_word())
    }

    /// Writes variant `k` (below [`Rules::per_word`]) of `word` into `out` (cleared first); false when `k` is out
    /// of range.
    pub fn variant(&self, word: &str, k: u64, out: &mut String) -> bool {
        out.clear();
        if k >= self.per_word() {
            return false;
        }
        let suffixes = if self.suffix { Self::SUFFIXES } else { 1 };
        let (case, suffix) = (k / suffixes, k % suffixes);
        match case {
            0 => out.push_str(word),
            1 => out.extend(word.chars().flat_map(char::to_lowercase)),
            2 => out.extend(word.chars().flat_map(char::to_uppercase)),
            _ => {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.extend(chars.flat_map(char::to_lowercase));
                }
            }
        }
        let (plain, bang) = (suffix % PLAIN_SUFFIXES, suffix >= PLAIN_SUFFIXES);
        let _ = match plain {
            0 => Ok(()),
            1..=10 => write!(out, "{}", plain - 1),
            11..=110 => write!(out, "{:02}", plain - 11),
            111..=151 => write!(out, "{}", YEARS.start() + (plain - 111) as u32),
            152 => write!(out, "123"),
            153 => write!(out, "1234"),
            _ => write!(out, "12345"),
        };
        if bang {
            out.push('!');
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask_at(m: &Mask, i: u64) -> Option<String> {
        let mut out = Vec::new();
        m.candidate(i, &mut out)
            .then(|| String::from_utf8(out).unwrap())
    }

    #[test]
    fn charsets() {
        let lens: Vec<usize> = Charset::ALL.iter().map(|c| c.chars().len()).collect();
        assert_eq!(lens, [10, 26, 36, 62, 95]);
        for c in Charset::ALL {
            assert_eq!(Charset::from_name(c.name()), Some(c));
            assert!(c.chars().windows(2).all(|w| w[0] < w[1]), "ASCII order");
        }
        assert_eq!(PRINTABLE.first(), Some(&b' '));
        assert_eq!(PRINTABLE.last(), Some(&b'~'));
        assert_eq!(Charset::from_name("nope"), None);
    }

    #[test]
    fn mask_totals() {
        assert_eq!(Mask::new(Charset::Digits, 3).total(), 1110);
        assert_eq!(Mask::new(Charset::Lower, 1).total(), 26);
        assert_eq!(Mask::new(Charset::Printable, 6).total(), 742_912_017_120);
        assert_eq!(
            Mask::new(Charset::Printable, 8).total(),
            6_704_780_954_517_120
        );
        assert!(
            Mask::new(Charset::Printable, 8).total() < 1 << 53,
            "exact in an f64"
        );
        assert_eq!(Mask::new(Charset::Digits, 0).max_len, 1);
        assert_eq!(Mask::new(Charset::Digits, 99).max_len, MAX_MASK_LEN);
    }

    #[test]
    fn mask_first_last_and_known_indexes() {
        let d = Mask::new(Charset::Digits, 3);
        assert_eq!(mask_at(&d, 0).as_deref(), Some("0"));
        assert_eq!(mask_at(&d, 9).as_deref(), Some("9"));
        assert_eq!(mask_at(&d, 10).as_deref(), Some("00"));
        assert_eq!(mask_at(&d, 110).as_deref(), Some("000"));
        assert_eq!(mask_at(&d, 110 + 427).as_deref(), Some("427"));
        assert_eq!(mask_at(&d, 1109).as_deref(), Some("999"));
        assert_eq!(mask_at(&d, 1110), None);
        let p = Mask::new(Charset::Printable, 8);
        assert_eq!(mask_at(&p, 0).as_deref(), Some(" "));
        assert_eq!(mask_at(&p, p.total() - 1).as_deref(), Some("~~~~~~~~"));
        assert_eq!(mask_at(&p, p.total()), None);
        let a = Mask::new(Charset::Alphanumeric, 2);
        // 62 one-character candidates, then "00", "01", …: "aZ" is 62 + 36·62 + 35.
        assert_eq!(mask_at(&a, 62 + 36 * 62 + 35).as_deref(), Some("aZ"));
        let l = Mask::new(Charset::LowerDigits, 4);
        assert_eq!(mask_at(&l, 36 + 36 * 36 + 10).as_deref(), Some("00a"));
    }

    #[test]
    fn rules_counts() {
        let r = |case, suffix| Rules { case, suffix };
        assert_eq!(r(false, false).per_word(), 1);
        assert_eq!(r(true, false).per_word(), 4);
        assert_eq!(r(false, true).per_word(), 310);
        assert_eq!(r(true, true).per_word(), 1240);
        assert_eq!(r(true, true).total(20_039), 24_848_360);
        assert_eq!(r(true, true).total(u64::MAX), u64::MAX);
    }

    #[test]
    fn rules_variants_in_order() {
        let all = |rules: Rules, w: &str| -> Vec<String> {
            let mut out = String::new();
            (0..rules.per_word())
                .map(|k| {
                    assert!(rules.variant(w, k, &mut out));
                    out.clone()
                })
                .collect()
        };
        let none = Rules::default();
        assert_eq!(all(none, "sEcret"), ["sEcret"]);
        let case = Rules {
            case: true,
            suffix: false,
        };
        assert_eq!(
            all(case, "sEcret"),
            ["sEcret", "secret", "SECRET", "Secret"]
        );
        assert_eq!(all(case, ""), ["", "", "", ""]);
        assert_eq!(all(case, "éte"), ["éte", "éte", "ÉTE", "Éte"]);
        let suffix = Rules {
            case: false,
            suffix: true,
        };
        let v = all(suffix, "pw");
        assert_eq!(&v[..3], ["pw", "pw0", "pw1"]);
        assert_eq!(&v[10..13], ["pw9", "pw00", "pw01"]);
        assert_eq!(&v[110..113], ["pw99", "pw1990", "pw1991"]);
        assert_eq!(
            &v[151..156],
            ["pw2030", "pw123", "pw1234", "pw12345", "pw!"]
        );
        assert_eq!(v[309], "pw12345!");
        assert_eq!(v.len(), 310);
        let both = Rules {
            case: true,
            suffix: true,
        };
        let v = all(both, "secret");
        // Capitalized (case 3) with 2024 (plain suffix 111 + 34) and "!".
        let k = 3 * 310 + 155 + 111 + 34;
        assert_eq!(v[k as usize], "Secret2024!");
        assert_eq!(v.iter().filter(|c| *c == "Secret2024!").count(), 1);
        assert_eq!(v.last().map(String::as_str), Some("Secret12345!"));
        let mut out = String::from("x");
        assert!(!both.variant("secret", 1240, &mut out));
        assert!(out.is_empty());
    }
}
