//! Native figures for the core's verification path (BENCHMARKS.md): `cargo run --release --example bench_verify`.
//! Prints operations per second for `Verifier::verify`, `token::decode` alone and `inspect` on a typical
//! 300-byte HS256 token, then `Verifier::verify` of RS256 (2048-bit), PS256, ES256, ES384, ES512 and EdDSA
//! tokens with their PEM public keys (the keys of tests/vectors/interop-asymmetric.json).

use std::hint::black_box;
use std::time::Instant;

use jwt_inspector::{inspect, sign, KeyInput, Verifier, VerifyOptions};

fn rate(name: &str, mut f: impl FnMut()) {
    for _ in 0..1000 {
        f();
    }
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed().as_millis() < 700 {
        for _ in 0..256 {
            f();
        }
        n += 256;
    }
    let per_sec = f64::from(n) / start.elapsed().as_secs_f64();
    println!(
        "{name:<34}{:>12.0} ops/s  {:>8.2} µs",
        per_sec,
        1e6 / per_sec
    );
}

fn main() {
    let key = b"bench-secret-0123456789abcdef-0123456789abcdef";
    let header = jwt_inspector::json::parse(r#"{"alg":"HS256","typ":"JWT"}"#)
        .unwrap()
        .value;
    let payload = br#"{"sub":"1234567890","name":"John Doe","admin":true,"iat":1700000000,"exp":2000000000,"iss":"https://issuer.example.com"}"#;
    let token = sign(&header, payload, key).unwrap();
    println!("token: {} bytes", token.len());
    let verifier = Verifier::new(KeyInput::Bytes(key), VerifyOptions::new(1_700_000_100.0));
    assert!(verifier.verify(&token).is_valid());
    rate("Verifier::verify", || {
        black_box(verifier.verify(black_box(&token)));
    });
    rate("token::decode", || {
        black_box(jwt_inspector::decode(black_box(&token)));
    });
    parts(&token);
    rate("inspect", || {
        black_box(inspect(black_box(&token), 1_700_000_100.0));
    });

    let vectors = include_str!("../tests/vectors/interop-asymmetric.json");
    let key_of = |name: &str, form: &str| -> String {
        // The PEM strings of the vector file, without a JSON dependency: `"form": "-----BEGIN …"`.
        let section = &vectors[vectors.find(&format!("\"{name}\": {{")).unwrap()..];
        let at = section.find(&format!("\"{form}\": \"")).unwrap() + form.len() + 5;
        let end = at + section[at..].find('"').unwrap();
        section[at..end].replace("\\n", "\n")
    };
    for (alg, name) in [
        ("RS256", "rsa"),
        ("PS256", "rsa"),
        ("ES256", "p256"),
        ("ES384", "p384"),
        ("ES512", "p521"),
        ("EdDSA", "ed25519"),
    ] {
        let keys =
            jwt_inspector::keys::parse(&key_of(name, "pkcs8"), jwt_inspector::KeyFormat::Pem)
                .unwrap();
        let h = jwt_inspector::json::parse(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#))
            .unwrap()
            .value;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut entropy = |b: &mut [u8]| {
            for x in b.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *x = state as u8;
            }
            true
        };
        let t = jwt_inspector::sign_with_entropy(&h, payload, &keys, Some(&mut entropy)).unwrap();
        let pem = key_of(name, "spki");
        let v = Verifier::new(
            KeyInput::Text(&pem, jwt_inspector::KeyFormat::Pem),
            VerifyOptions::new(1_700_000_100.0),
        );
        assert!(v.verify(&t).is_valid(), "{alg}");
        rate(&format!("Verifier::verify {alg}"), || {
            black_box(v.verify(black_box(&t)));
        });
    }
}

#[allow(dead_code)]
fn parts(token: &str) {
    let mut it = token.split('.');
    let (h, p) = (it.next().unwrap(), it.next().unwrap());
    let ptext = String::from_utf8(jwt_inspector::b64::decode(p).unwrap().bytes).unwrap();
    rate("b64::decode payload", || {
        black_box(jwt_inspector::b64::decode(black_box(p)).ok());
    });
    rate("b64::decode header", || {
        black_box(jwt_inspector::b64::decode(black_box(h)).ok());
    });
    rate("json::parse payload", || {
        black_box(jwt_inspector::json::parse(black_box(&ptext)).ok());
    });
}
