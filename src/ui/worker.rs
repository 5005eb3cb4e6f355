//! The audit's worker side: the app's own wasm, instantiated again in each Web Worker (`audit-worker.js`, written
//! by `scripts/trunk-post-build.mjs`), exports these two functions. The page sends a worker the token once, then
//! chunks of candidates (one per line); the worker answers each chunk with the index of the secret or -1.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::audit::Audit;

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

/// Tries each line of `candidates` (separated by `\n`) as the secret: the index of the first that verifies the
/// prepared token, or -1 (also when no token is prepared).
#[wasm_bindgen]
pub fn audit_chunk(candidates: &str) -> i32 {
    AUDIT.with(|a| match a.borrow().as_ref() {
        Some(audit) => super::audit_plan::find_in_chunk(audit, candidates)
            .map_or(-1, |i| i32::try_from(i).unwrap_or(-1)),
        None => -1,
    })
}
