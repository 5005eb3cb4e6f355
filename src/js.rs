//! The wasm-bindgen layer the npm package `jwt-inspector` is built from (feature `js`).
//!
//! It converts, and does nothing else: token logic stays in the core. Three choices shape it:
//!
//! - **Strings and numbers cross the boundary, not objects.** Each call takes the token, the key and a few
//!   scalar options, and returns one compact JSON text that the package's thin JS wrapper hands to
//!   `JSON.parse`. That is the cheapest exact way into plain JS objects: `JSON.parse` builds them natively,
//!   and because header, payload and claim values are embedded as the core's compact JSON (numbers as
//!   written), big integers round exactly as `JSON.parse` of the original would, while `headerJson` /
//!   `payloadJson` keep every digit.
//! - **Offsets are UTF-16.** The core reports byte spans; JavaScript strings index UTF-16 code units, so every
//!   `start`/`end` is converted here ([`utf16::Offsets`]) and `token.slice(start, end)` is the bad text.
//! - **The last key is remembered.** Parsing a key (base64, hex, JWK JSON) on every `verify` of the same key
//!   is wasted work; the last key text, its format and its parsed form are kept in memory (never persisted,
//!   logged or exposed) and reused when the same text comes again.
//!
//! The exported functions are the package's private interface: the public API (`inspect`, `verify`, `sign`,
//! `JwtInspectorError`) is the JS wrapper in `npm/`, documented in the README's npm section.

mod api;
mod fast;
mod out;
mod utf16;

pub use api::{
    inspect_json, inspect_scratch, key_formats, memory, options, scratch, sign_json, static_text,
    verify_json, verify_json_reference, verify_scratch, KeyInput, RAW_KEY,
};
pub use utf16::Offsets;
