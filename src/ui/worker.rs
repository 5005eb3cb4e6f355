//! The audit's worker side: the app's own wasm, instantiated again in each Web Worker (`audit-worker.js`, written
//! by `scripts/trunk-post-build.mjs`), exports these functions. The page sends a worker the token once, then
//! chunks: base words (one per line) with the rules to apply, or a range of brute-force mask indexes that the
//! worker generates itself; the worker answers each chunk with the index of the secret in it or -1.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::audit::Audit;
use crate::audit_gen::{Charset, Mask, Rules};

thread_local! {
    /// The token prepared once per worker (an HMAC key schedule per guess, nothing else).
    static AUDIT: RefCell<Option<Audit>> = const { RefCell::new(None) };
}

/// Prepares the audit of `token` in this worker; false when the token is not an HS256/384/512 JWS.
#[wasm_bindgen]
pub fn audit_prepare(token: &str) -> bool {
    let audit = Audit::new(token).ok();
    let ok = audit.is_some();
    AUDIT.with(|a| *a.borrow_mut() = audit);
    ok
}

fn answer(found: Option<u64>) -> f64 {
    found.map_or(-1.0, |i| i as f64)
}

/// Tries each line of `candidates` (separated by `\n`) with the rules (`case`, `suffix`: see
/// [`crate::audit_gen`]): the index of the first candidate that verifies the prepared token (line × variants
/// per word + variant), or -1 (also when no token is prepared).
#[wasm_bindgen]
pub fn audit_chunk(candidates: &str, case: bool, suffix: bool) -> f64 {
    let rules = Rules { case, suffix };
    AUDIT.with(|a| match a.borrow().as_ref() {
        Some(audit) => answer(super::audit_plan::find_in_chunk(audit, candidates, rules)),
        None => -1.0,
    })
}

/// Tries the `count` candidates of the mask (`charset`: a [`Charset::name`], `max_len`) from index `start`: the
/// offset from `start` of the one that verifies the prepared token, or -1.
#[wasm_bindgen]
pub fn audit_mask(charset: &str, max_len: u32, start: f64, count: f64) -> f64 {
    let Some(charset) = Charset::from_name(charset) else {
        return -1.0;
    };
    let mask = Mask::new(charset, max_len);
    AUDIT.with(|a| match a.borrow().as_ref() {
        Some(audit) => answer(super::audit_plan::find_in_range(
            audit,
            &mask,
            start as u64,
            count as u64,
        )),
        None => -1.0,
    })
}
