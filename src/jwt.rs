//! The token core: pure Rust, no clock (`now` is a parameter), no I/O, no global state, never panics.

pub mod alg;
pub mod asym;
pub mod audit;
pub mod audit_gen;
pub mod b64;
pub mod claims;
pub mod crit;
pub mod error;
pub mod header;
pub mod input;
pub mod inspect;
pub mod json;
pub mod keys;
pub mod lints;
pub mod mac;
pub mod material;
pub mod pkix;
mod rsa_public;
pub mod sign;
pub mod token;
pub mod verify;
