//! The wasm-bindgen layer the npm package `jwt-inspector` is built from (feature `js`).
//!
//! It converts, and decides nothing: token logic stays in the core. The package's public API (`inspect`,
//! `verify`, `sign`, `JwtInspectorError`) is the thin JS wrapper in `npm/src/api.js`; the functions exported
//! here are its private interface, shaped by what is cheap at the JS↔wasm boundary (`src/js/api.rs` has the
//! formats, BENCHMARKS.md the measurements):
//!
//! - **Strings and numbers cross the boundary, not objects** — except the list-valued verify options
//!   (`algorithms`, `audience`, `issuer`, `requiredClaims`), which are read from the JS object with
//!   `serde-wasm-bindgen` into a typed [`ListOptions`]; calls without them pass `undefined` and pay nothing.
//! - **Other inputs are written by the wrapper into a scratch buffer** in wasm memory with
//!   `TextEncoder.encodeInto`; each call returns one JSON array text that
//!   the wrapper hands to `JSON.parse` and maps to plain objects. Header and payload are embedded as the very
//!   text the core parsed (its parser is strict RFC 8259, `JSON.parse`'s grammar), so they follow
//!   `JSON.parse` semantics exactly (big integers round as `JSON.parse` rounds them), while `headerJson` /
//!   `payloadJson` keep every digit.
//! - **Offsets are UTF-16.** The core reports byte spans; JavaScript strings index UTF-16 code units, so every
//!   `start`/`end` is converted here ([`Offsets`]) and `input.slice(start, end)` is the bad text.
//! - **Work that repeats is done once.** Texts that are the same in every answer travel as indexes; the core
//!   [`Verifier`](crate::Verifier) of the last key is kept, with its parsed keys and keyed HMAC states (in
//!   memory only, never persisted, logged or returned). Every verification rule is the core's: this layer
//!   converts and caches, and decides nothing.
//! - **A trap leaves no state behind.** Cached state is moved out of its cell while a call uses it, so a
//!   trap (wasm has no unwinding) cannot leave a cell borrowed, and the next call works.

mod api;
mod out;
mod utf16;

pub use api::{
    audit_batch, audit_end, audit_start, inspect_json, inspect_scratch, key_format_index,
    key_formats, memory, options, scratch, scratch_capacity, sign_json, static_text, verify_json,
    verify_json_reference, verify_scratch, verify_scratch_with, ListOptions, OneOrMany, RAW_KEY,
};
pub use utf16::Offsets;
