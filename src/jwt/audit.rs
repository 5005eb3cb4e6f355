//! The weak-secret audit: try candidate secrets against one HMAC token (what jwt_tool, hashcat mode 16500 or
//! a Python loop do), so a person can prove a token's secret is — or is not — a guessable one.
//!
//! Pure and allocation-free per guess: the token is decoded and checked once ([`Audit::new`]); each candidate
//! then costs one HMAC of the signing input — the key schedule (one compression for the inner pad, one for the
//! outer), the message's compressions, and one to finish the outer hash — and a constant-time comparison. No
//! threads and no clock: the browser's workers, Node's worker threads and native callers share it and split
//! the candidates among themselves.

use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::error::{ErrorCode, InspectError, Part, Span};
use super::mac::HmacAlg;
use super::token::{self, TokenKind};

/// One token prepared for auditing: its algorithm, signing input and signature.
#[derive(Debug, Clone)]
pub struct Audit {
    alg: HmacAlg,
    input: Vec<u8>,
    signature: Vec<u8>,
}

impl Audit {
    /// Prepares `token` (clean-up as `inspect` does it: a pasted `Bearer …` is fine). `ERR_NOT_HMAC` when it is not
    /// an HS256/HS384/HS512 JWS with a signature of the algorithm's length; the decode's own error when it does
    /// not decode.
    pub fn new(token: &str) -> Result<Audit, InspectError> {
        let d = token::decode(token);
        if let Some(e) = d.errors.iter().find(|e| e.part != Part::Payload) {
            return Err(e.clone());
        }
        let not_hmac = |why: String| {
            InspectError::new(
                ErrorCode::NotHmac,
                Part::Header,
                Span::new(0, token.len()),
                why,
            )
        };
        if d.kind != TokenKind::Jws {
            return Err(not_hmac(format!(
                "A {} token has no HMAC secret to audit.",
                d.kind.as_str()
            )));
        }
        let alg_name = d.alg.as_deref().unwrap_or("(none)");
        let Some(alg) = HmacAlg::from_name(alg_name) else {
            return Err(not_hmac(format!(
                "alg \"{alg_name}\" is not HS256, HS384 or HS512: only HMAC tokens have a shared secret to guess."
            )));
        };
        let (Some(input), Some(signature)) = (d.signing_input(), d.signature.as_ref()) else {
            return Err(not_hmac(
                "The token has no signature to check guesses against.".into(),
            ));
        };
        if signature.len() != alg.output_len() {
            return Err(not_hmac(format!(
                "The signature is {} bytes; {} makes {}: no secret can produce it.",
                signature.len(),
                alg.name(),
                alg.output_len()
            )));
        }
        Ok(Audit {
            alg,
            input: input.to_vec(),
            signature: signature.clone(),
        })
    }

    /// The token's algorithm.
    pub fn alg(&self) -> HmacAlg {
        self.alg
    }

    /// True when `secret` is the token's secret (constant-time comparison, no allocation).
    pub fn try_secret(&self, secret: &[u8]) -> bool {
        fn check<M: Mac + hmac::digest::KeyInit>(key: &[u8], input: &[u8], sig: &[u8]) -> bool {
            <M as hmac::digest::KeyInit>::new_from_slice(key)
                .map(|m| m.chain_update(input).verify_slice(sig).is_ok())
                .unwrap_or(false)
        }
        match self.alg {
            HmacAlg::HS256 => check::<Hmac<Sha256>>(secret, &self.input, &self.signature),
            HmacAlg::HS384 => check::<Hmac<Sha384>>(secret, &self.input, &self.signature),
            HmacAlg::HS512 => check::<Hmac<Sha512>>(secret, &self.input, &self.signature),
        }
    }

    /// The first candidate that is the secret, with its position, and how many were tried.
    pub fn find<'c, I>(&self, candidates: I) -> AuditOutcome<'c>
    where
        I: IntoIterator<Item = &'c [u8]>,
    {
        let mut tried = 0;
        for c in candidates {
            tried += 1;
            if self.try_secret(c) {
                return AuditOutcome {
                    found: Some((tried - 1, c)),
                    tried,
                };
            }
        }
        AuditOutcome { found: None, tried }
    }
}

/// What an audit found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditOutcome<'c> {
    /// The position of the secret among the candidates, and the secret.
    pub found: Option<(usize, &'c [u8])>,
    /// How many candidates were tried (up to and including the secret).
    pub tried: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::{json, sign};

    fn token(alg: &str, key: &[u8]) -> String {
        let h = json::parse(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#))
            .unwrap()
            .value;
        sign::sign(&h, br#"{"sub":"1234567890"}"#, key).unwrap()
    }

    #[test]
    fn finds_the_secret_first_middle_and_last() {
        let words: Vec<Vec<u8>> = (0..100).map(|i| format!("word{i}").into_bytes()).collect();
        for (alg, at) in [("HS256", 0), ("HS384", 50), ("HS512", 99)] {
            let t = token(alg, &words[at]);
            let a = Audit::new(&t).unwrap();
            let out = a.find(words.iter().map(Vec::as_slice));
            assert_eq!(out.found, Some((at, words[at].as_slice())), "{alg}");
            assert_eq!(out.tried, at + 1);
        }
    }

    #[test]
    fn not_found_empty_and_binary() {
        let secret = [0xff_u8, 0, 1, 2, 0x80];
        let t = token("HS256", &secret);
        let a = Audit::new(&t).unwrap();
        assert_eq!(a.find(std::iter::empty()).tried, 0);
        let none = a.find([&b"secret"[..], b"password"]);
        assert_eq!((none.found, none.tried), (None, 2));
        assert!(
            a.find([&b"x"[..], &secret[..]]).found.is_some(),
            "binary candidates"
        );
        // Clean-up as pasted.
        assert!(Audit::new(&format!("Bearer {t}")).is_ok());
    }

    #[test]
    fn only_hmac_tokens_are_audited() {
        let rs = format!(
            "{}.e30.c2ln",
            crate::jwt::b64::encode(br#"{"alg":"RS256"}"#)
        );
        assert_eq!(Audit::new(&rs).unwrap_err().code, ErrorCode::NotHmac);
        let none = format!("{}.e30.", crate::jwt::b64::encode(br#"{"alg":"none"}"#));
        assert_eq!(Audit::new(&none).unwrap_err().code, ErrorCode::NotHmac);
        let short = format!(
            "{}.e30.AAAA",
            crate::jwt::b64::encode(br#"{"alg":"HS256"}"#)
        );
        assert_eq!(Audit::new(&short).unwrap_err().code, ErrorCode::NotHmac);
        assert_eq!(Audit::new("a.b").unwrap_err().code, ErrorCode::PartCount);
    }
}
