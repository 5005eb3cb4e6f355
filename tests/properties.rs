//! Property tests: random and mutated tokens and keys never panic, every span lies inside the input on
//! character boundaries, and only an unaltered signing input with the right MAC ever verifies.
#![cfg(not(target_arch = "wasm32"))]

use jwt_inspector::json;
use jwt_inspector::{inspect, sign, verify, InspectError, KeyFormat, Span, VerifyOptions};
use proptest::prelude::*;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

fn check_span(input: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= input.len(),
        "{what}: {span:?} outside {} bytes",
        input.len()
    );
    assert!(
        input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
        "{what}: {span:?} splits a char"
    );
}

fn check_error(input: &str, e: &InspectError) {
    check_span(input, e.span, e.code.as_str());
    assert!(!e.message.is_empty());
}

fn check_inspection(input: &str) {
    let i = inspect(input, 1_700_000_000.0);
    for e in &i.decoded.errors {
        check_error(input, e);
    }
    for p in &i.decoded.parts {
        check_span(input, p.span, "part");
    }
    for f in &i.findings {
        if let Some(s) = f.span {
            check_span(input, s, f.id());
        }
    }
    // Something is always reported for a token that decodes to nothing.
    if !i.decoded.decoded_anything() {
        assert!(!i.decoded.errors.is_empty(), "{input:?}");
    }
}

fn valid_token(payload: &str) -> String {
    let h = json::parse(r#"{"alg":"HS256","typ":"JWT"}"#).unwrap().value;
    sign(&h, payload.as_bytes(), SECRET).unwrap()
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = prop_oneof![
        Just('.'),
        Just('='),
        Just(' '),
        Just('\n'),
        Just('+'),
        Just('/'),
        Just('A'),
        Just('_'),
        Just('é'),
        Just('"'),
        any::<char>()
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), ch).prop_map(|(i, c)| Mutation::Replace(i, c)),
    ]
}

fn apply(s: &str, muts: &[Mutation]) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for m in muts {
        let n = chars.len();
        match *m {
            Mutation::Insert(i, c) => chars.insert(i % (n + 1), c),
            Mutation::Delete(i) if n > 0 => {
                chars.remove(i % n);
            }
            Mutation::Replace(i, c) if n > 0 => chars[i % n] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_text_never_panics(s in ".{0,200}") {
        check_inspection(&s);
        let _ = verify(&s, "secret", KeyFormat::Utf8, &VerifyOptions::new(0.0));
    }

    #[test]
    fn token_shaped_text_never_panics(s in "[A-Za-z0-9_=+/.\\- \n-]{0,120}") {
        check_inspection(&s);
        let _ = verify(&s, "secret", KeyFormat::Utf8, &VerifyOptions::new(0.0));
    }

    #[test]
    fn mutated_tokens_never_panic_and_never_verify_when_altered(
        payload in r#"\{"sub":"[a-z]{0,12}","n":[0-9]{1,25}\}"#,
        muts in proptest::collection::vec(mutation(), 1..4),
    ) {
        let good = valid_token(&payload);
        let bad = apply(&good, &muts);
        check_inspection(&bad);
        let v = verify(&bad, std::str::from_utf8(SECRET).unwrap(), KeyFormat::Utf8, &VerifyOptions::signature_only());
        if v.is_valid() {
            // Only clean-ups (whitespace, quotes, padding) or a non-canonical signature encoding may survive:
            // the signing input must be byte-identical and the MAC bytes identical.
            let gi = inspect(&good, 0.0).decoded;
            let bi = inspect(&bad, 0.0).decoded;
            prop_assert_eq!(gi.signing_input(), bi.signing_input());
            prop_assert_eq!(gi.signature, bi.signature);
        }
    }

    #[test]
    fn mutated_asymmetric_tokens_verify_only_when_unaltered(
        which in 0usize..6,
        muts in proptest::collection::vec(mutation(), 1..4),
    ) {
        let (good, public) = &asymmetric_tokens()[which];
        let bad = apply(good, &muts);
        check_inspection(&bad);
        let v = verify(&bad, public, KeyFormat::Pem, &VerifyOptions::signature_only());
        if v.is_valid() {
            let gi = inspect(good, 0.0).decoded;
            let bi = inspect(&bad, 0.0).decoded;
            prop_assert_eq!(gi.signing_input(), bi.signing_input());
            prop_assert_eq!(gi.signature, bi.signature);
        }
    }

    #[test]
    fn random_keys_never_panic(key in ".{0,80}", fmt in 0usize..7) {
        let format = KeyFormat::ALL[fmt];
        let t = valid_token(r#"{"sub":"x"}"#);
        let v = verify(&t, &key, format, &VerifyOptions::signature_only());
        if let Some(e) = &v.key_error {
            check_error(&key, e);
        }
        let _ = jwt_inspector::keys::detect_format(&key);
    }

    #[test]
    fn sign_verify_round_trip(
        payload in proptest::collection::vec(any::<u8>(), 0..300),
        key in proptest::collection::vec(any::<u8>(), 1..100),
        alg in 0usize..3,
    ) {
        let alg = ["HS256", "HS384", "HS512"][alg];
        let h = json::parse(&format!(r#"{{"alg":"{alg}"}}"#)).unwrap().value;
        let t = sign(&h, &payload, &key).unwrap();
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        let v = verify(&t, &hex, KeyFormat::Hex, &VerifyOptions::signature_only());
        prop_assert!(v.is_valid(), "{}", v.message);
        check_inspection(&t);
    }

    #[test]
    fn json_round_trips_through_compact_and_pretty(v in json_value()) {
        let text = v.to_string();
        let parsed = json::parse(&text).unwrap().value;
        let again = json::parse(&parsed.to_pretty()).unwrap().value;
        prop_assert_eq!(&parsed, &again);
        let back: serde_json::Value = serde_json::from_str(&parsed.to_compact()).unwrap();
        prop_assert_eq!(back, v);
    }
}

/// One token per asymmetric family (RS256, PS384, ES256, ES384, ES512, EdDSA) with its PEM public key, signed
/// once with the keys of tests/vectors/interop-asymmetric.json.
fn asymmetric_tokens() -> &'static [(String, String)] {
    static TOKENS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    TOKENS.get_or_init(|| {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("vectors/interop-asymmetric.json")).unwrap();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut entropy = |b: &mut [u8]| {
            for x in b.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *x = state as u8;
            }
            true
        };
        [
            ("RS256", "rsa"),
            ("PS384", "rsa"),
            ("ES256", "p256"),
            ("ES384", "p384"),
            ("ES512", "p521"),
            ("EdDSA", "ed25519"),
        ]
        .iter()
        .map(|(alg, name)| {
            let private = doc["keys"][name]["pkcs8"].as_str().unwrap();
            let keys = jwt_inspector::keys::parse(private, KeyFormat::Pem).unwrap();
            let h = json::parse(&format!(r#"{{"alg":"{alg}"}}"#)).unwrap().value;
            let t = jwt_inspector::sign_with_entropy(
                &h,
                br#"{"sub":"x","n":1}"#,
                &keys,
                Some(&mut entropy),
            )
            .unwrap();
            (t, doc["keys"][name]["spki"].as_str().unwrap().to_owned())
        })
        .collect()
    })
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(("[a-z]{0,4}", inner), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn huge_and_deep_inputs_are_handled() {
    let deep = format!(
        "{}.e30.AA",
        jwt_inspector::b64::encode("[".repeat(50_000).as_bytes())
    );
    check_inspection(&deep);
    let big_payload = format!(r#"{{"data":"{}"}}"#, "x".repeat(1 << 20));
    let t = valid_token(&big_payload);
    let i = inspect(&t, 0.0);
    assert!(i.decoded.errors.is_empty());
    assert!(verify(
        &t,
        std::str::from_utf8(SECRET).unwrap(),
        KeyFormat::Utf8,
        &VerifyOptions::signature_only()
    )
    .is_valid());
}

#[test]
fn hostile_duplicates_and_floods_stay_bounded() {
    // Thousands of duplicate members under a long ancestor name: recorded duplicates and their pointers are
    // capped, so a pre-authentication input cannot cost more than linear time and memory.
    let long = "k".repeat(10_000);
    let mut payload = format!(r#"{{"{long}":{{"#);
    for _ in 0..20_000 {
        payload.push_str(r#""a":1,"#);
    }
    payload.push_str(r#""a":1}}"#);
    let t = valid_token(&payload);
    let i = inspect(&t, 0.0);
    assert!(i.decoded.errors.is_empty());
    assert_eq!(i.decoded.duplicates.len(), json::MAX_DUPLICATES);
    assert!(i
        .decoded
        .duplicates
        .iter()
        .all(|d| d.duplicate.pointer.len() < 200));
    assert!(i.findings.len() < 100);
    // Many sensitive-looking claims and a huge crit list give a bounded number of findings.
    let mut flood = String::from("{");
    for n in 0..5_000 {
        flood.push_str(&format!(r#""password{n}":"x","#));
    }
    flood.push_str(r#""exp":1}"#);
    let i = inspect(&valid_token(&flood), 0.0);
    assert!(
        i.findings
            .iter()
            .filter(|f| f.id() == "sensitive-claim")
            .count()
            <= 16
    );
    let crit: Vec<String> = (0..50_000).map(|n| format!("\"x{n}\"")).collect();
    let header = format!(r#"{{"alg":"HS256","crit":[{}]}}"#, crit.join(","));
    let t = format!("{}.e30.AA", jwt_inspector::b64::encode(header.as_bytes()));
    let i = inspect(&t, 0.0);
    assert_eq!(i.findings.iter().filter(|f| f.id() == "crit").count(), 1);
}
