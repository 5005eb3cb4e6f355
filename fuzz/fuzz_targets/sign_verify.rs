//! `sign` → `verify` round trip: what we sign always verifies with the same key (and with no other key of
//! different bytes), and `inspect` shows exactly the payload that was signed.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use jwt_inspector::{header_for, inspect, sign, Alg, HmacAlg, KeyInput, Payload, Verifier, VerifyOptions};

#[derive(Arbitrary, Debug)]
struct Case {
    alg: u8,
    kid: Option<String>,
    payload: Vec<u8>,
    key: Vec<u8>,
    other: Vec<u8>,
}

fuzz_target!(|c: Case| {
    let alg = [HmacAlg::HS256, HmacAlg::HS384, HmacAlg::HS512][c.alg as usize % 3];
    let extra = c.kid.map(|kid| jwt_inspector::json::parse(&format!("{{\"kid\":{}}}", jwt_inspector::json::quote(&kid))).expect("a header").value);
    let header = header_for(Alg::from_name(alg.name()).expect("an HMAC alg"), extra.as_ref()).expect("a header");
    let Ok(token) = sign(&header, &c.payload, &c.key) else {
        return; // an empty secret or key material: refused, as verify refuses it
    };
    let opts = VerifyOptions { validate_claims: false, ..VerifyOptions::new(0.0) };
    let v = Verifier::new(KeyInput::Bytes(&c.key), opts.clone()).verify(&token);
    assert!(v.is_valid(), "{}", v.message);
    // HMAC pads a key shorter than the hash block with zero bytes (RFC 2104), so `k` and `k\0` are the same
    // key; any other key must fail.
    let block = if alg == HmacAlg::HS256 { 64 } else { 128 };
    let strip = |k: &[u8]| k.iter().rposition(|&b| b != 0).map_or(&k[..0], |i| &k[..=i]).to_vec();
    if c.key.len() <= block && c.other.len() <= block && strip(&c.other) != strip(&c.key) {
        assert!(!Verifier::new(KeyInput::Bytes(&c.other), opts).verify(&token).is_valid(), "verified with another key");
    }
    let i = inspect(&token, 0.0);
    // A payload that starts like JSON but is not is reported (it is still a valid JWS); nothing else is.
    assert!(
        i.decoded
            .errors
            .iter()
            .all(|e| e.part == jwt_inspector::Part::Payload && matches!(e.code, jwt_inspector::ErrorCode::JsonSyntax | jwt_inspector::ErrorCode::JsonDepth)),
        "{:?}",
        i.decoded.errors
    );
    let shown = match i.decoded.payload.expect("a payload") {
        Payload::Json(_) => i.decoded.payload_source.expect("its text").into_bytes(),
        Payload::Text(t) => t.into_bytes(),
        Payload::Binary(b) => b,
    };
    assert_eq!(shown, c.payload, "inspect shows what was signed");
});
