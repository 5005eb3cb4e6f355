//! Asymmetric signatures (RS*, PS*, ES256/384/512, EdDSA): every "never verifies" case and every
//! key/algorithm confusion case of the asymmetric issue as a named test, plus signing with every private key
//! form. Keys come from `tests/vectors/interop-asymmetric.json` (made with PyJWT/cryptography and checked
//! with jose). Runs natively and, as a wasm-bindgen-test suite, in Node and in headless Chromium.

use jwt_inspector::keys::{self, KeyFormat};
use jwt_inspector::{
    b64, inspect, json, sign_with, sign_with_entropy, verify, Alg, ErrorCode, Json, VerifyCode,
    VerifyOptions, VerifyStatus,
};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

const INTEROP: &str = include_str!("vectors/interop-asymmetric.json");
const NOW: f64 = 1_767_225_600.0;
/// A 1024-bit RSA public key (below RFC 7518 §3.3's 2048) and an RS256 token it verifies.
const RSA_1024: &str = "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDGWWmSLppqtfxKGjfv7NsgMtld\n1tlA0OGtq/dEia6IxAtn8i3wQgC9HbfIt1VdHmLRBWmNUiJxJTkBHaRueorqZjML\nITAGRduNH76qSBCVmyhYwecBbnTAxQmZuJDrovUZNNHnZLfag4dGZJxBDJLt5Pac\ndeQ5fcmLrkAr1VLuiwIDAQAB\n-----END PUBLIC KEY-----\n";
const RSA_1024_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzaG9ydCJ9.ubz4sUZdBEsmoz_OL-K9mjhwdNXNRl2SlU8ruXvepQ8gsQB4KDj5_F8h7uGOnv-McTtKulEn8GUafkPCZkECVhJAPa-T9e2XDvOjqKn4huhEkZbaopa04KNlpFjFlAqAPBYy0pBKdZCJ1YFu0vp4TRBbwndQsdjsgAiohfbD_g8";

fn doc() -> Value {
    serde_json::from_str(INTEROP).unwrap()
}

/// The key form `form` of key `name` (`rsa`, `p256`, …) as text: PEM strings as is, JWKs as JSON.
fn key(name: &str, form: &str) -> String {
    match &doc()["keys"][name][form] {
        Value::String(s) => s.clone(),
        Value::Null => panic!("no {name}.{form}"),
        other => other.to_string(),
    }
}

fn wrong(name: &str, form: &str) -> String {
    match &doc()["wrongKeys"][name][form] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn format_of(form: &str) -> KeyFormat {
    match form {
        "jwk" | "jwkPrivate" => KeyFormat::Jwk,
        "jwks" => KeyFormat::Jwks,
        _ => KeyFormat::Pem,
    }
}

/// Every algorithm with the key that signs it.
const ALGS: [(&str, &str); 10] = [
    ("RS256", "rsa"),
    ("RS384", "rsa"),
    ("RS512", "rsa"),
    ("PS256", "rsa"),
    ("PS384", "rsa"),
    ("PS512", "rsa"),
    ("ES256", "p256"),
    ("ES384", "p384"),
    ("ES512", "p521"),
    ("EdDSA", "ed25519"),
];

fn opts() -> VerifyOptions {
    VerifyOptions::new(NOW)
}

fn sig_only() -> VerifyOptions {
    VerifyOptions {
        validate_claims: false,
        ..opts()
    }
}

/// A xorshift64 "random" source: enough for tests (the salt's quality is not what is tested), and without
/// short cycles (RSA blinding draws whole-modulus candidates until one is below the modulus).
fn counter() -> impl FnMut(&mut [u8]) -> bool {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    move |b: &mut [u8]| {
        for x in b.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *x = state as u8;
        }
        true
    }
}

fn header(alg: &str) -> Json {
    json::parse(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#))
        .unwrap()
        .value
}

fn sign_token(alg: &str, name: &str, form: &str) -> String {
    let set = keys::parse(&key(name, form), format_of(form)).unwrap();
    let mut rng = counter();
    sign_with_entropy(
        &header(alg),
        br#"{"sub":"asym","exp":4102444800}"#,
        &set,
        Some(&mut rng),
    )
    .unwrap_or_else(|e| panic!("{alg} with {name}.{form}: {e}"))
}

fn code(token: &str, key_text: &str, format: KeyFormat, o: &VerifyOptions) -> Option<VerifyCode> {
    verify(token, key_text, format, o).code
}

/// Replaces part `i` (0 header, 1 payload, 2 signature) of a compact token.
fn with_part(token: &str, i: usize, value: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[i] = value;
    parts.join(".")
}

fn private_forms(name: &str) -> Vec<&'static str> {
    match name {
        "rsa" => vec!["pkcs8", "pkcs1Private", "jwkPrivate"],
        "ed25519" => vec!["pkcs8", "jwkPrivate"],
        _ => vec!["pkcs8", "sec1Private", "jwkPrivate"],
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_algorithm_signs_with_every_private_form_and_verifies_with_every_public_form() {
    for (alg, name) in ALGS {
        for private in private_forms(name) {
            let t = sign_token(alg, name, private);
            for public in ["spki", "cert", "jwk", "jwks"] {
                let v = verify(&t, &key(name, public), format_of(public), &opts());
                assert!(v.is_valid(), "{alg} {private}→{public}: {}", v.message);
                assert_eq!(v.alg.as_deref(), Some(alg));
                assert!(v.findings.iter().all(|f| f.id() != "private-key-pasted"));
            }
            // The PEM key text pasted with no format named reads the same.
            assert!(verify(&t, &key(name, "spki"), KeyFormat::Utf8, &opts()).is_valid());
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn results_name_the_key_type_size_and_curve() {
    let expect = [
        ("RS256", "rsa", "RSA", 2048, None),
        ("ES256", "p256", "EC", 256, Some("P-256")),
        ("ES384", "p384", "EC", 384, Some("P-384")),
        ("ES512", "p521", "EC", 521, Some("P-521")),
        ("EdDSA", "ed25519", "OKP", 256, Some("Ed25519")),
    ];
    for (alg, name, kty, bits, curve) in expect {
        let t = sign_token(alg, name, "pkcs8");
        let v = verify(&t, &key(name, "jwk"), KeyFormat::Jwk, &opts());
        assert_eq!(
            (v.key_type, v.key_bits, v.curve),
            (Some(kty), Some(bits), curve),
            "{alg}"
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn deterministic_algorithms_sign_deterministically_and_pss_is_salted() {
    for (alg, name) in ALGS {
        let a = sign_token(alg, name, "pkcs8");
        let set = keys::parse(&key(name, "pkcs8"), KeyFormat::Pem).unwrap();
        let mut other = counter();
        other(&mut [0; 3]);
        let b = sign_with_entropy(
            &header(alg),
            br#"{"sub":"asym","exp":4102444800}"#,
            &set,
            Some(&mut other),
        )
        .unwrap();
        if alg.starts_with("PS") {
            assert_ne!(a, b, "{alg}: the salt is random, so signatures differ");
        } else {
            assert_eq!(
                a, b,
                "{alg}: RFC 6979 / RFC 8032 / PKCS#1 v1.5 are deterministic"
            );
        }
    }
    // PSS without a random source is refused, never signed with a fixed salt.
    let set = keys::parse(&key("rsa", "pkcs8"), KeyFormat::Pem).unwrap();
    let e = sign_with(&header("PS256"), b"{}", &set).unwrap_err();
    assert!(e.message.contains("random"), "{}", e.message);
}

// §3: tampered header, payload or signature never verifies.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn tampered_header_payload_or_signature_never_verifies() {
    for (alg, name) in ALGS {
        let t = sign_token(alg, name, "pkcs8");
        let parts: Vec<&str> = t.split('.').collect();
        let header = b64::encode(format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"x"}}"#).as_bytes());
        let payload = b64::encode(br#"{"sub":"admin","exp":4102444800}"#);
        let mut sig = b64::decode(parts[2]).unwrap().bytes;
        sig[10] ^= 1;
        for bad in [
            with_part(&t, 0, &header),
            with_part(&t, 1, &payload),
            with_part(&t, 2, &b64::encode(&sig)),
        ] {
            assert_eq!(
                code(&bad, &key(name, "spki"), KeyFormat::Pem, &opts()),
                Some(VerifyCode::InvalidSignature),
                "{alg}"
            );
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_wrong_key_of_the_right_type_never_verifies() {
    for (alg, name) in ALGS {
        let t = sign_token(alg, name, "pkcs8");
        assert_eq!(
            code(&t, &wrong(name, "spki"), KeyFormat::Pem, &opts()),
            Some(VerifyCode::InvalidSignature),
            "{alg}"
        );
        assert_eq!(
            code(&t, &wrong(name, "jwk"), KeyFormat::Jwk, &opts()),
            Some(VerifyCode::InvalidSignature),
            "{alg}"
        );
    }
}

/// The DER form of a raw R‖S signature.
fn der(raw: &[u8]) -> Vec<u8> {
    let int = |x: &[u8]| {
        let x = &x[x.iter().take_while(|&&b| b == 0).count()..];
        let mut v = vec![0x02];
        let pad = x.first().is_some_and(|&b| b >= 0x80);
        v.push((x.len() + usize::from(pad)) as u8);
        if pad {
            v.push(0);
        }
        v.extend_from_slice(x);
        v
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [int(r), int(s)].concat();
    let mut out = vec![0x30];
    if body.len() > 127 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend(body);
    out
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_der_encoded_ecdsa_signature_never_verifies_and_is_named() {
    for (alg, name) in [("ES256", "p256"), ("ES384", "p384"), ("ES512", "p521")] {
        let t = sign_token(alg, name, "pkcs8");
        let raw = b64::decode(t.split('.').nth(2).unwrap()).unwrap().bytes;
        let bad = with_part(&t, 2, &b64::encode(&der(&raw)));
        let v = verify(&bad, &key(name, "spki"), KeyFormat::Pem, &opts());
        assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{alg}");
        assert!(v.message.contains("DER"), "{alg}: {}", v.message);
        assert!(
            v.findings.iter().any(|f| f.id() == "ecdsa-der-signature"),
            "{alg}"
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_signature_of_the_wrong_length_never_verifies_and_is_named() {
    for (alg, name) in ALGS {
        let t = sign_token(alg, name, "pkcs8");
        let mut sig = b64::decode(t.split('.').nth(2).unwrap()).unwrap().bytes;
        sig.push(0);
        let v = verify(
            &with_part(&t, 2, &b64::encode(&sig)),
            &key(name, "spki"),
            KeyFormat::Pem,
            &opts(),
        );
        assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{alg}");
        assert!(
            v.findings.iter().any(|f| f.id() == "signature-length"),
            "{alg}: {:?}",
            v.findings
        );
        sig.truncate(sig.len() - 2);
        let v = verify(
            &with_part(&t, 2, &b64::encode(&sig)),
            &key(name, "spki"),
            KeyFormat::Pem,
            &opts(),
        );
        assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{alg}");
    }
}

// CVE-2022-21449: r = s = 0 (and any r or s outside 1..n-1) never verifies, on every curve.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_psychic_signature_never_verifies_on_any_curve() {
    // The group orders, big-endian: a signature with r = s = n is out of range.
    let orders = [
        ("ES256", "p256", "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
        ("ES384", "p384", "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
        // For P-521, 2^521 - 1: above the order.
        ("ES512", "p521", "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    ];
    for (alg, name, n) in orders {
        let t = sign_token(alg, name, "pkcs8");
        let len = b64::decode(t.split('.').nth(2).unwrap())
            .unwrap()
            .bytes
            .len();
        let zero = vec![0u8; len];
        let v = verify(
            &with_part(&t, 2, &b64::encode(&zero)),
            &key(name, "jwk"),
            KeyFormat::Jwk,
            &opts(),
        );
        assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{alg}");
        assert!(
            v.findings.iter().any(|f| f.id() == "ecdsa-scalar-range"),
            "{alg}"
        );
        let order: Vec<u8> = (0..n.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&n[i..i + 2], 16).unwrap())
            .collect();
        let mut sig = order.clone();
        sig.extend_from_slice(&order);
        assert_eq!(sig.len(), len, "{alg}");
        let v = verify(
            &with_part(&t, 2, &b64::encode(&sig)),
            &key(name, "jwk"),
            KeyFormat::Jwk,
            &opts(),
        );
        assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{alg}");
        assert!(
            v.findings.iter().any(|f| f.id() == "ecdsa-scalar-range"),
            "{alg}"
        );
    }
    let t = sign_token("EdDSA", "ed25519", "pkcs8");
    assert_eq!(
        code(
            &with_part(&t, 2, &b64::encode(&[0; 64])),
            &key("ed25519", "spki"),
            KeyFormat::Pem,
            &opts()
        ),
        Some(VerifyCode::InvalidSignature)
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_rs_token_relabelled_ps_or_the_reverse_never_verifies() {
    for (from, to) in [
        ("RS256", "PS256"),
        ("PS256", "RS256"),
        ("RS384", "PS384"),
        ("PS512", "RS512"),
    ] {
        let t = sign_token(from, "rsa", "pkcs8");
        let relabelled = with_part(
            &t,
            0,
            &b64::encode(format!(r#"{{"alg":"{to}","typ":"JWT"}}"#).as_bytes()),
        );
        assert_eq!(
            code(&relabelled, &key("rsa", "spki"), KeyFormat::Pem, &opts()),
            Some(VerifyCode::InvalidSignature),
            "{from}→{to}"
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn alg_none_never_verifies_with_a_public_key() {
    let t = sign_token("RS256", "rsa", "pkcs8");
    for alg in ["none", "None", "NONE"] {
        let none = format!(
            "{}.{}.",
            b64::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()),
            t.split('.').nth(1).unwrap()
        );
        let v = verify(&none, &key("rsa", "spki"), KeyFormat::Pem, &opts());
        assert_eq!(
            (v.code, v.status()),
            (Some(VerifyCode::AlgNone), VerifyStatus::NotApplicable)
        );
    }
}

// A key carried by the token itself (jwk, jku, x5c, x5u) is never used: only the caller's key verifies.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn keys_carried_by_the_token_are_never_used() {
    let attacker = keys::parse(&wrong("p256", "pkcs8"), KeyFormat::Pem).unwrap();
    let attacker_jwk: Value = serde_json::from_str(&wrong("p256", "jwk")).unwrap();
    for (member, value) in [
        ("jwk", attacker_jwk.to_string()),
        (
            "x5c",
            format!(
                "[\"{}\"]",
                key("p256", "cert")
                    .lines()
                    .filter(|l| !l.starts_with("-----"))
                    .collect::<String>()
            ),
        ),
        ("jku", "\"https://attacker.example/jwks.json\"".into()),
        ("x5u", "\"https://attacker.example/cert.pem\"".into()),
    ] {
        let h = json::parse(&format!(r#"{{"alg":"ES256","{member}":{value}}}"#))
            .unwrap()
            .value;
        let forged = sign_with(&h, br#"{"sub":"admin"}"#, &attacker).unwrap();
        let v = verify(&forged, &key("p256", "spki"), KeyFormat::Pem, &sig_only());
        assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{member}");
        assert!(v.findings.is_empty() || v.findings.iter().all(|f| f.id() != "token-supplied-key"));
        let lints: Vec<_> = inspect(&forged, NOW)
            .findings
            .iter()
            .map(|f| f.id())
            .collect();
        assert!(lints.contains(&"token-supplied-key"), "{member}: {lints:?}");
    }
    // An embedded private JWK is flagged as a published private key.
    let private: Value = serde_json::from_str(&key("p256", "jwkPrivate")).unwrap();
    let h = json::parse(&format!(r#"{{"alg":"ES256","jwk":{private}}}"#))
        .unwrap()
        .value;
    let t = sign_with(&h, b"{}", &attacker).unwrap();
    assert!(inspect(&t, NOW)
        .findings
        .iter()
        .any(|f| f.id() == "token-jwk-private"));
}

// §2: the RS→HS confusion attack. An HMAC token keyed with the public key's own text never verifies —
// with default options, with HS256 and RS256 both allowed, and however the key is spelled.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_hmac_token_never_verifies_with_a_public_key() {
    for name in ["rsa", "p256", "ed25519"] {
        for form in ["spki", "cert", "jwk", "jwks"] {
            let public = key(name, form);
            let input = format!(
                "{}.{}",
                b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#),
                b64::encode(br#"{"sub":"admin"}"#)
            );
            let mac = jwt_inspector::mac::sign(
                jwt_inspector::HmacAlg::HS256,
                public.as_bytes(),
                input.as_bytes(),
            );
            let forged = format!("{input}.{}", b64::encode(&mac));
            let both = VerifyOptions {
                algorithms: Some(vec![
                    "HS256".into(),
                    "RS256".into(),
                    "ES256".into(),
                    "EdDSA".into(),
                ]),
                ..sig_only()
            };
            for o in [
                sig_only(),
                both,
                VerifyOptions {
                    strict: false,
                    ..sig_only()
                },
            ] {
                for format in [format_of(form), KeyFormat::Utf8] {
                    let v = verify(&forged, &public, format, &o);
                    assert!(!v.is_valid(), "{name}.{form} as {format:?}");
                    if format != KeyFormat::Utf8 || form != "jwks" {
                        assert_eq!(
                            v.code,
                            Some(VerifyCode::KeyAlgMismatch),
                            "{name}.{form} as {format:?}: {}",
                            v.message
                        );
                    }
                }
            }
            let v = verify(&forged, &public, format_of(form), &sig_only());
            if form != "jwks" {
                assert!(
                    v.findings.iter().any(|f| f.id() == "public-key-as-secret"),
                    "{name}.{form}"
                );
            }
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_key_of_another_type_or_curve_is_a_key_alg_mismatch() {
    let es256 = sign_token("ES256", "p256", "pkcs8");
    for (name, form) in [
        ("rsa", "spki"),
        ("p384", "spki"),
        ("p521", "jwk"),
        ("ed25519", "cert"),
    ] {
        let v = verify(&es256, &key(name, form), format_of(form), &opts());
        assert_eq!(
            (v.code, v.status()),
            (Some(VerifyCode::KeyAlgMismatch), VerifyStatus::KeyError),
            "{name}"
        );
    }
    assert!(
        verify(&es256, &key("p384", "spki"), KeyFormat::Pem, &opts())
            .message
            .contains("P-256")
    );
    let rs = sign_token("RS256", "rsa", "pkcs8");
    assert_eq!(
        code(&rs, &key("p256", "spki"), KeyFormat::Pem, &opts()),
        Some(VerifyCode::KeyAlgMismatch)
    );
    assert_eq!(
        code(
            &rs,
            "a-secret-of-thirty-two-bytes-long",
            KeyFormat::Utf8,
            &opts()
        ),
        Some(VerifyCode::KeyAlgMismatch)
    );
    // The caller's allow-list still applies.
    let only_es = VerifyOptions {
        algorithms: Some(vec!["ES256".into()]),
        ..opts()
    };
    assert_eq!(
        code(&rs, &key("rsa", "spki"), KeyFormat::Pem, &only_es),
        Some(VerifyCode::AlgNotAllowed)
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn jwk_alg_use_key_ops_and_crv_are_honoured_for_verify_and_sign() {
    let rs256 = sign_token("RS256", "rsa", "pkcs8");
    let jwk: Value = serde_json::from_str(&key("rsa", "jwk")).unwrap();
    let with = |member: &str, value: Value| {
        let mut j = jwk.clone();
        j[member] = value;
        j.to_string()
    };
    let v = verify(
        &rs256,
        &with("alg", "PS256".into()),
        KeyFormat::Jwk,
        &opts(),
    );
    assert_eq!(v.code, Some(VerifyCode::KeyAlgMismatch));
    assert!(v.findings.iter().any(|f| f.id() == "jwk-contradicts-token"));
    assert!(verify(
        &rs256,
        &with("alg", "RS256".into()),
        KeyFormat::Jwk,
        &opts()
    )
    .is_valid());
    assert_eq!(
        code(&rs256, &with("use", "enc".into()), KeyFormat::Jwk, &opts()),
        Some(VerifyCode::KeyAlgMismatch)
    );
    assert_eq!(
        code(
            &rs256,
            &with("key_ops", serde_json::json!(["sign"])),
            KeyFormat::Jwk,
            &opts()
        ),
        Some(VerifyCode::KeyAlgMismatch)
    );
    // An alg the key type cannot do is a key error.
    let e = keys::parse(&with("alg", "ES256".into()), KeyFormat::Jwk).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeyJwk);
    // A crv that is not the key's curve: the point is not on it.
    let mut ec: Value = serde_json::from_str(&key("p256", "jwk")).unwrap();
    ec["crv"] = "P-384".into();
    assert!(keys::parse(&ec.to_string(), KeyFormat::Jwk).is_err());
    // Signing: a public key, a verify-only private JWK, or a JWK for another algorithm never signs.
    let public = keys::parse(&key("rsa", "jwk"), KeyFormat::Jwk).unwrap();
    assert_eq!(
        sign_with(&header("RS256"), b"{}", &public)
            .unwrap_err()
            .code,
        ErrorCode::KeyAlg
    );
    let mut private: Value = serde_json::from_str(&key("rsa", "jwkPrivate")).unwrap();
    private["key_ops"] = serde_json::json!(["verify"]);
    let set = keys::parse(&private.to_string(), KeyFormat::Jwk).unwrap();
    assert!(sign_with(&header("RS256"), b"{}", &set).is_err());
    private["key_ops"] = serde_json::json!(["sign"]);
    private["alg"] = "RS384".into();
    let set = keys::parse(&private.to_string(), KeyFormat::Jwk).unwrap();
    assert!(sign_with(&header("RS256"), b"{}", &set).is_err());
    assert!(sign_with(&header("RS384"), b"{}", &set).is_ok());
    let p256 = keys::parse(&key("p256", "pkcs8"), KeyFormat::Pem).unwrap();
    assert_eq!(
        sign_with(&header("ES384"), b"{}", &p256).unwrap_err().code,
        ErrorCode::KeyAlg
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_jwk_set_of_mixed_types_picks_by_kid_or_tries_each_compatible_key() {
    for (alg, name) in [("RS256", "rsa"), ("ES384", "p384"), ("EdDSA", "ed25519")] {
        let t = sign_token(alg, name, "pkcs8");
        let v = verify(&t, &key(name, "jwks"), KeyFormat::Jwks, &opts());
        assert!(v.is_valid(), "{alg}: {}", v.message);
        assert!(v.kid.is_some());
        // The token names the kid of another key of the set: that key is used, and does not verify.
        let set: Value = serde_json::from_str(&key(name, "jwks")).unwrap();
        let kids: Vec<String> = set["keys"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|k| k["kid"].as_str().map(str::to_owned))
            .collect();
        let own = v.kid.clone().unwrap();
        let other = kids.iter().find(|k| **k != own).unwrap();
        let kid_token = sign_with(
            &json::parse(&format!(r#"{{"alg":"{alg}","kid":"{other}"}}"#))
                .unwrap()
                .value,
            b"{}",
            &keys::parse(&key(name, "pkcs8"), KeyFormat::Pem).unwrap(),
        )
        .unwrap();
        let v = verify(&kid_token, &key(name, "jwks"), KeyFormat::Jwks, &sig_only());
        assert!(!v.is_valid(), "{alg}: kid {other}");
    }
    // Without kids, every compatible key is tried, and the set is flagged.
    let mut set: Value = serde_json::from_str(&key("p256", "jwks")).unwrap();
    for k in set["keys"].as_array_mut().unwrap() {
        k.as_object_mut().unwrap().remove("kid");
    }
    let t = sign_token("ES256", "p256", "pkcs8");
    let v = verify(&t, &set.to_string(), KeyFormat::Jwks, &opts());
    assert!(v.is_valid(), "{}", v.message);
    assert!(v.findings.iter().any(|f| f.id() == "jwks-kid"));
}

// RFC 7518 §3.3: strict verification refuses an RSA key under 2048 bits; the app (non-strict) verifies and
// flags it.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_rsa_key_under_2048_bits_is_refused_strictly_and_flagged_leniently() {
    let v = verify(RSA_1024_TOKEN, RSA_1024, KeyFormat::Pem, &sig_only());
    assert_eq!(v.code, Some(VerifyCode::KeyInvalid));
    assert_eq!(v.key_error.unwrap().code, ErrorCode::KeyWeak);
    let lenient = VerifyOptions {
        strict: false,
        ..sig_only()
    };
    let v = verify(RSA_1024_TOKEN, RSA_1024, KeyFormat::Pem, &lenient);
    assert!(v.is_valid(), "{}", v.message);
    assert_eq!(v.key_bits, Some(1024));
    assert!(v.findings.iter().any(|f| f.id() == "rsa-key-too-short"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_private_key_verifies_with_a_finding() {
    for (alg, name) in ALGS {
        let t = sign_token(alg, name, "pkcs8");
        for form in private_forms(name) {
            let v = verify(&t, &key(name, form), format_of(form), &opts());
            assert!(v.is_valid(), "{alg} {form}: {}", v.message);
            assert!(
                v.findings.iter().any(|f| f.id() == "private-key-pasted"),
                "{alg} {form}"
            );
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn certificates_show_subject_and_validity() {
    let set = keys::parse(&key("p256", "cert"), KeyFormat::Pem).unwrap();
    let cert = set.keys[0].cert.clone().unwrap();
    assert_eq!(cert.subject, "CN=jwt-inspector test ES256");
    assert_eq!(cert.issuer, cert.subject);
    assert_eq!(
        (cert.not_before, cert.not_after),
        (1_577_836_800, 2_208_988_800)
    );
    // Outside its validity: still verifies (JOSE does not check it), with an info finding.
    let t = sign_token("ES256", "p256", "pkcs8");
    let late = VerifyOptions {
        validate_claims: false,
        ..VerifyOptions::new(2_300_000_000.0)
    };
    let v = verify(&t, &key("p256", "cert"), KeyFormat::Pem, &late);
    assert!(v.is_valid());
    assert!(v.findings.iter().any(|f| f.id() == "certificate-validity"));
    assert!(verify(&t, &key("p256", "cert"), KeyFormat::Pem, &opts())
        .findings
        .is_empty());
}

// Bad keys: precise key errors with byte spans into the key text.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn bad_keys_get_precise_located_errors() {
    let spki = key("p256", "spki");
    // A character that is not base64 in the body.
    let at = spki.find('\n').unwrap() + 5;
    let mut bad = spki.clone();
    bad.replace_range(at..at + 1, "*");
    let e = keys::parse(&bad, KeyFormat::Pem).unwrap_err();
    assert_eq!(
        (e.code, e.span.start, e.span.end),
        (ErrorCode::KeyPem, at, at + 1)
    );
    // No END line; wrong armour.
    let cut = &spki[..spki.find("-----END").unwrap()];
    assert_eq!(
        keys::parse(cut, KeyFormat::Pem).unwrap_err().code,
        ErrorCode::KeyPem
    );
    assert_eq!(
        keys::parse("MFkwEwYHKoZIzj0CAQ", KeyFormat::Pem)
            .unwrap_err()
            .code,
        ErrorCode::KeyPem
    );
    // DER that does not parse: a valid base64 body of garbage.
    let garbage = "-----BEGIN PUBLIC KEY-----\nAAECAwQFBgcICQ==\n-----END PUBLIC KEY-----\n";
    let e = keys::parse(garbage, KeyFormat::Pem).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeyDer);
    assert_eq!(
        &garbage[e.span.start..e.span.end].trim(),
        &"AAECAwQFBgcICQ=="
    );
    // An EC point not on the curve.
    let mut jwk: Value = serde_json::from_str(&key("p256", "jwk")).unwrap();
    let mut y = b64::decode(jwk["y"].as_str().unwrap()).unwrap().bytes;
    y[31] ^= 1;
    jwk["y"] = b64::encode(&y).into();
    let e = keys::parse(&jwk.to_string(), KeyFormat::Jwk).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeyValue);
    assert!(
        e.message.contains("not on the P-256 curve"),
        "{}",
        e.message
    );
    // Encrypted keys.
    let encrypted = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ECB0E7A267E1D0AC47477F3CC5F802E7\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
    assert_eq!(
        keys::parse(encrypted, KeyFormat::Pem).unwrap_err().code,
        ErrorCode::KeyEncrypted
    );
    let pkcs8 =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
    let e = keys::parse(pkcs8, KeyFormat::Pem).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeyEncrypted);
    assert!(e.message.contains("encrypted keys are not supported"));
    // An Ed448 key: unsupported, never "invalid".
    let ed448 = r#"{"kty":"OKP","crv":"Ed448","x":"X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA"}"#;
    let t = sign_token("EdDSA", "ed25519", "pkcs8");
    let v = verify(&t, ed448, KeyFormat::Jwk, &opts());
    assert_eq!(
        (v.code, v.status()),
        (Some(VerifyCode::UnsupportedAlg), VerifyStatus::Unsupported)
    );
    // Key errors never quote key text.
    let e = keys::parse(&bad, KeyFormat::Pem).unwrap_err();
    assert!(!e.message.contains(&spki[spki.find('\n').unwrap() + 1..at]));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_algorithm_is_named_and_bound_to_its_key_type() {
    for alg in Alg::ALL {
        assert_eq!(Alg::from_name(alg.name()), Some(alg));
    }
    for unsupported in ["ES256K", "Ed448", "RS1", "hs256", "none"] {
        assert_eq!(Alg::from_name(unsupported), None);
    }
}
