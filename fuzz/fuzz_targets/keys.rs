//! The key parsers alone — every key encoding, strict and lenient, the JWK / JWK Set reader and the key-material
//! detector, the PEM / DER / X.509 readers — on arbitrary text: never a panic, error spans inside the text, an
//! accepted secret never empty and never key material.
#![no_main]
use libfuzzer_sys::fuzz_target;

use jwt_inspector::{keys, material, KeyFormat};

fuzz_target!(|data: &[u8]| {
    let _ = material::classify(data);
    let text = String::from_utf8_lossy(data);
    for format in KeyFormat::ALL {
        for strict in [true, false] {
            match keys::parse_with(&text, format, strict) {
                Ok(set) => {
                    assert!(!set.keys.is_empty());
                    for k in &set.keys {
                        if let Some(secret) = k.secret() {
                            assert!(!secret.is_empty(), "an empty secret was accepted");
                            assert!(material::classify(secret).is_none(), "key material accepted as a secret");
                        }
                    }
                }
                Err(e) => assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{e:?}"),
            }
        }
    }
    let _ = keys::detect_format(&text);
});
