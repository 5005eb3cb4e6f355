//! Native figures for the weak-secret audit (BENCHMARKS.md): `cargo run --release --example bench_audit`.
//! HMAC guesses per second on one core, for a typical ~300-byte HS256 token and a ~2 KB one.

use std::hint::black_box;
use std::time::Instant;

use jwt_inspector::audit::Audit;
use jwt_inspector::{json, sign};

fn token(size: usize) -> String {
    let header = json::parse(r#"{"alg":"HS256","typ":"JWT"}"#).unwrap().value;
    let mut payload =
        String::from(r#"{"sub":"1234567890","name":"John Doe","iat":1700000000,"pad":""#);
    while payload.len() + 2 < size * 3 / 4 - 40 {
        payload.push('x');
    }
    payload.push_str("\"}");
    sign(
        &header,
        payload.as_bytes(),
        b"the-real-secret-is-not-in-the-list",
    )
    .unwrap()
}

fn main() {
    let words: Vec<Vec<u8>> = (0..200_000)
        .map(|i| format!("candidate-{i}").into_bytes())
        .collect();
    for size in [300, 2048] {
        let t = token(size);
        let audit = Audit::new(&t).unwrap();
        let start = Instant::now();
        let out = black_box(audit.find(words.iter().map(Vec::as_slice)));
        let secs = start.elapsed().as_secs_f64();
        assert!(out.found.is_none());
        println!(
            "native, one core, {}-byte token: {:.0} guesses/s",
            t.len(),
            out.tried as f64 / secs
        );
    }
}
