//! # jwt-inspector
//!
//! A JWT debugger core that understands tokens better than a web debugger: it cleans up what people paste,
//! decodes compact JWS and JWE with precise, typed errors (code, part, byte span), pretty-prints JSON without
//! losing key order or number precision, explains headers and claims, lints for security problems, and signs
//! and verifies HMAC (HS256/384/512) tokens with constant-time comparison.
//!
//! Three layers in one crate:
//! - the core (this module's re-exports, no features): pure Rust, no clock, no I/O, never panics;
//! - `js` (feature): the wasm-bindgen API the npm package is built from;
//! - `ui` (feature): the Yew single-page app (the `jwt-inspector-app` bin, built by trunk).
//!
//! ```
//! use jwt_inspector::{inspect, verify, KeyFormat, VerifyOptions};
//!
//! let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";
//! let i = inspect(token, 1_700_000_000.0);
//! assert_eq!(i.decoded.alg.as_deref(), Some("HS256"));
//! let v = verify(token, "secret", KeyFormat::Utf8, &VerifyOptions::signature_only());
//! assert!(v.is_valid());
//! assert!(v.findings.iter().any(|f| f.id() == "well-known-secret"));
//! ```

mod jwt;

// The modules that are API: the weak-secret audit and its candidate generation (word rules, brute-force masks),
// base64url as JWS spells it, the order- and digit-keeping JSON parser, keys (the key model, its parsers and the
// one key rule), HMAC, and the key-material detector. Everything else is reached through the re-exports below;
// the rest of `jwt` is private.
pub use jwt::{audit, audit_gen, b64, json, keys, mac, material};
#[cfg(feature = "ui")]
pub mod ui;

#[cfg(feature = "js")]
pub mod js;

pub use jwt::alg::{Alg, Curve, Family, Hash};
pub use jwt::asym::{AsymKey, Entropy, SigFault};
pub use jwt::claims::{Claim, ClaimTime, TimeStatus};
pub use jwt::error::{ErrorCode, InspectError, Part, Span};
pub use jwt::header::HeaderField;
pub use jwt::input::{Note, NoteKind};
pub use jwt::inspect::{inspect, Inspection};
pub use jwt::json::Json;
pub use jwt::keys::{
    permits, Key, KeyFormat, KeyMaterial, KeyOp, KeySet, KeyUse, Operation, Refusal,
};
pub use jwt::lints::{Finding, Lint, Severity, WELL_KNOWN_SECRETS};

/// The built-in list of published and default JWT secrets (tutorials, library READMEs, framework defaults) that
/// the weak-secret audit tries first and the `well-known-secret` finding recognises.
pub fn jwt_wordlist() -> &'static [&'static str] {
    WELL_KNOWN_SECRETS
}
pub use jwt::mac::{HmacAlg, MacKey};
pub use jwt::material::{Detected, Material, Wrapping};
pub use jwt::pkix::CertInfo;
pub use jwt::sign::{
    header_for, sign, sign_json_text, sign_json_text_with_entropy, sign_with, sign_with_entropy,
};
pub use jwt::token::{decode, Decoded, PartInfo, Payload, TokenKind};
pub use jwt::verify::{
    verify, KeyInput, Verification, Verifier, VerifyCode, VerifyOptions, VerifyStatus,
};

/// The README's Rust examples, compiled and run by `cargo test --doc` so that they cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
