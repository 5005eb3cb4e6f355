//! `verify` with arbitrary key text in every key encoding, strict and lenient: never a panic, key-error spans
//! inside the key text, and a valid answer only when the signature really is the key's MAC of the input.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use jwt_inspector::{mac, HmacAlg, KeyFormat, KeyInput, Verifier, VerifyOptions};

#[derive(Arbitrary, Debug)]
struct Case {
    token: String,
    key: String,
    format: u8,
    strict: bool,
    claims: bool,
    now: f64,
}

fuzz_target!(|c: Case| {
    let format = KeyFormat::ALL[c.format as usize % KeyFormat::ALL.len()];
    let options = VerifyOptions {
        strict: c.strict,
        validate_claims: c.claims,
        ..VerifyOptions::new(c.now)
    };
    let verifier = Verifier::new(KeyInput::Text(&c.key, format), options);
    let d = jwt_inspector::decode(&c.token);
    let v = verifier.verify_decoded(&d);
    if let Some(e) = &v.key_error {
        assert!(e.span.end <= c.key.len() && e.span.start <= e.span.end, "{e:?}");
    }
    if v.signature_verified {
        // The matched key's MAC of the signing input is the signature: nothing else verifies.
        let keys = verifier.keys().as_ref().expect("a verified token had a key");
        let key = keys
            .keys
            .iter()
            .find(|k| k.index == v.key_index)
            .expect("the matched key");
        let alg = HmacAlg::from_name(v.alg.as_deref().unwrap_or_default()).expect("an HMAC alg");
        let input = d.signing_input().expect("a signing input");
        assert_eq!(
            Some(mac::sign(alg, key.secret().unwrap_or_default(), input)),
            d.signature,
            "verified without the key's MAC"
        );
    }
});
