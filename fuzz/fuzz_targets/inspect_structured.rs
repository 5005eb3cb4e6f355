//! `inspect` on tokens built from parts — three or five base64url segments of arbitrary JSON-ish bytes, with
//! optional clean-up noise — so the fuzzer gets past the base64url layer into the JSON, header and claims code.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Token {
    header: Vec<u8>,
    payload: Vec<u8>,
    rest: Vec<Vec<u8>>,
    five: bool,
    prefix: u8,
    now: f64,
}

fuzz_target!(|t: Token| {
    let b64 = |b: &[u8]| jwt_inspector::b64::encode(b);
    let mut parts = vec![b64(&t.header), b64(&t.payload)];
    let extra = if t.five { 3 } else { 1 };
    for i in 0..extra {
        parts.push(b64(t.rest.get(i).map_or(&[][..], |v| v)));
    }
    let token = parts.join(".");
    let input = match t.prefix % 4 {
        0 => token,
        1 => format!("Bearer {token}"),
        2 => format!("\"{token}\"\n"),
        _ => token.replace('.', ".\n"),
    };
    let i = jwt_inspector::inspect(&input, t.now);
    common::check_inspection(&input, &i);
});
