//! The security review's findings (the engine issue, §1), each a named regression test: every test here
//! failed on the code before the single-engine change and passes after it. Runs natively and, as a
//! wasm-bindgen-test suite, in Node and in headless Chromium. The npm package runs the same cases through
//! its public API in `tests/npm/security.test.mjs`.

use jwt_inspector::{b64, json, mac};
use jwt_inspector::{
    inspect, sign, verify, ErrorCode, HmacAlg, KeyFormat, KeyInput, Verifier, VerifyCode,
    VerifyOptions, VerifyStatus,
};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

const NOW: f64 = 1_700_000_000.0;

/// A token with exactly this header and payload text, MACed with `key` — whatever `sign` would refuse.
fn forge(header: &str, payload: &str, key: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64::encode(header.as_bytes()),
        b64::encode(payload.as_bytes())
    );
    let mac = mac::sign(HmacAlg::HS256, key, input.as_bytes());
    format!("{input}.{}", b64::encode(&mac))
}

fn strict() -> VerifyOptions {
    VerifyOptions {
        validate_claims: false,
        ..VerifyOptions::new(NOW)
    }
}

fn lenient() -> VerifyOptions {
    VerifyOptions {
        strict: false,
        ..strict()
    }
}

const KEY32: &[u8] = b"0123456789abcdef0123456789abcdef";

// 1. An empty secret, however spelled, is ERR_KEY_EMPTY → KEY_INVALID, in verify and in sign.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_1_empty_secret_never_verifies_however_spelled() {
    let t = forge(r#"{"alg":"HS256"}"#, "{}", b"");
    let spellings = [
        ("=", KeyFormat::Base64),
        ("==", KeyFormat::Base64),
        ("=", KeyFormat::Base64Url),
        ("0x", KeyFormat::Hex),
        ("0X", KeyFormat::Hex),
        (r#"{"kty":"oct","k":""}"#, KeyFormat::Jwk),
        (
            r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"},{"kty":"oct","k":""}]}"#,
            KeyFormat::Jwks,
        ),
    ];
    for opts in [strict(), lenient()] {
        for (key, format) in spellings {
            let v = verify(&t, key, format, &opts);
            assert_eq!(
                v.code,
                Some(VerifyCode::KeyInvalid),
                "{key:?} as {format:?}"
            );
            assert_eq!(v.status(), VerifyStatus::KeyError);
            assert_eq!(
                v.key_error.map(|e| e.code),
                Some(ErrorCode::KeyEmpty),
                "{key:?} as {format:?}"
            );
        }
        let v = Verifier::new(KeyInput::Bytes(&[]), opts.clone()).verify(&t);
        assert_eq!(v.code, Some(VerifyCode::KeyInvalid));
        // Found by fuzzing: HMAC pads short keys with zeros, so a key of zero bytes is the empty key too.
        for zeros in [&[0u8][..], &[0; 32], &[0; 100]] {
            let v = Verifier::new(KeyInput::Bytes(zeros), opts.clone()).verify(&t);
            assert_eq!(
                v.key_error.map(|e| e.code),
                Some(ErrorCode::KeyEmpty),
                "{} zeros",
                zeros.len()
            );
        }
        assert_eq!(
            verify(&t, "0000", KeyFormat::Hex, &opts)
                .key_error
                .map(|e| e.code),
            Some(ErrorCode::KeyEmpty)
        );
    }
    let h = json::parse(r#"{"alg":"HS256"}"#).unwrap().value;
    assert_eq!(sign(&h, b"{}", b"").unwrap_err().code, ErrorCode::KeyEmpty);
}

// 2. Public-key material in every spelling is refused as an HMAC secret, with a finding that says what.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_2_public_keys_in_every_spelling_are_refused_as_secrets() {
    let spki_b64 = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
    let spki = b64::decode(spki_b64).unwrap().bytes;
    let spki_hex: String = spki.iter().map(|b| format!("{b:02x}")).collect();
    let pem = format!("-----BEGIN PUBLIC KEY-----\n{spki_b64}\n-----END PUBLIC KEY-----\n");
    let texts: Vec<(String, &str)> = vec![
        (format!("\u{feff}{pem}"), "PEM"),
        (format!("  \n{pem}"), "PEM"),
        (
            "---- BEGIN SSH2 PUBLIC KEY ----\nAAAAC3NzaC1lZDI1NTE5AAAAIGm\n---- END SSH2 PUBLIC KEY ----\n".into(),
            "SSH2",
        ),
        (
            "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQ user@host".into(),
            "OpenSSH certificate",
        ),
        (
            "no-pty,from=\"10.0.0.1\" ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host".into(),
            "OpenSSH public key",
        ),
        (
            "ssh-rsa\tAAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host".into(),
            "OpenSSH public key",
        ),
        (spki_b64.to_owned(), "base64 text of a DER public key"),
        (spki_hex.clone(), "hex text of a DER public key"),
        (
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#.into(),
            "public JWK",
        ),
    ];
    for (text, what) in &texts {
        let t = forge(r#"{"alg":"HS256"}"#, "{}", text.as_bytes());
        let v = verify(&t, text, KeyFormat::Utf8, &lenient());
        // A key this tool reads (PEM, asymmetric JWK) is read as the Ed25519 key it is, which never verifies
        // an HMAC token; other key material is refused as a secret. Either way: never verified, and flagged.
        let readable = matches!(*what, "PEM" | "public JWK");
        if readable {
            assert_eq!(
                (v.code, v.key_type),
                (Some(VerifyCode::KeyAlgMismatch), Some("OKP")),
                "{what}: {}",
                v.message
            );
        } else {
            assert_eq!(
                v.code,
                Some(VerifyCode::KeyInvalid),
                "{what}: {}",
                v.message
            );
            assert_eq!(
                v.key_error.as_ref().map(|e| e.code),
                Some(ErrorCode::KeyAsymmetric),
                "{what}"
            );
        }
        let finding = v
            .findings
            .iter()
            .find(|f| f.id() == "public-key-as-secret")
            .unwrap_or_else(|| panic!("{what}: no public-key-as-secret finding"));
        let named = if readable { "Ed25519 public key" } else { what };
        assert!(
            finding.message.contains(named),
            "{what}: {}",
            finding.message
        );
        let h = json::parse(r#"{"alg":"HS256"}"#).unwrap().value;
        assert_eq!(
            sign(&h, b"{}", text.as_bytes()).unwrap_err().code,
            ErrorCode::KeyAsymmetric,
            "{what}"
        );
    }
    // The DER itself, given as base64 or hex key text (the decoded bytes are the key).
    let t = forge(r#"{"alg":"HS256"}"#, "{}", &spki);
    for (key, format) in [(spki_b64, KeyFormat::Base64), (&spki_hex, KeyFormat::Hex)] {
        let v = verify(&t, key, format, &strict());
        assert_eq!(
            v.key_error.map(|e| e.code),
            Some(ErrorCode::KeyAsymmetric),
            "{format:?}"
        );
    }
    let v = Verifier::new(KeyInput::Bytes(&spki), strict()).verify(&t);
    assert_eq!(v.code, Some(VerifyCode::KeyInvalid));
}

// 3. JWK members of the wrong type are key errors naming the member; key_ops is honoured both ways.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_3_jwk_members_of_the_wrong_type_are_key_errors() {
    let k = b64::encode(KEY32);
    let t = forge(r#"{"alg":"HS256"}"#, "{}", KEY32);
    for (member, value) in [
        ("use", "123"),
        ("alg", r#"["HS256"]"#),
        ("key_ops", r#""verify""#),
        ("key_ops", r#"["verify",1]"#),
        ("key_ops", r#"["verify","verify"]"#),
        ("kid", "7"),
    ] {
        let jwk = format!(r#"{{"kty":"oct","{member}":{value},"k":"{k}"}}"#);
        for (text, format) in [
            (jwk.clone(), KeyFormat::Jwk),
            (format!(r#"{{"keys":[{jwk}]}}"#), KeyFormat::Jwks),
        ] {
            let v = verify(&t, &text, format, &strict());
            assert_eq!(v.code, Some(VerifyCode::KeyInvalid), "{text}");
            let e = v.key_error.expect("a key error");
            assert_eq!(e.code, ErrorCode::KeyJwk, "{text}");
            assert!(
                e.message.contains(&format!("\"{member}\"")),
                "{}",
                e.message
            );
        }
    }
    let with_ops =
        |ops: &str| format!(r#"{{"kty":"oct","alg":"HS256","key_ops":{ops},"k":"{k}"}}"#);
    let v = verify(&t, &with_ops(r#"["sign"]"#), KeyFormat::Jwk, &strict());
    assert_eq!(v.code, Some(VerifyCode::KeyAlgMismatch));
    assert!(verify(&t, &with_ops(r#"["verify"]"#), KeyFormat::Jwk, &strict()).is_valid());
    // Signing follows the same rule.
    let keys = jwt_inspector::keys::parse(&with_ops(r#"["verify"]"#), KeyFormat::Jwk).unwrap();
    let e = jwt_inspector::sign_json_text(r#"{"alg":"HS256"}"#, "{}", &keys).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeyJwk);
    assert!(e.message.contains("\"sign\""), "{}", e.message);
}

// 4. A kid that is not a string never makes every key of a set be tried.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_4_non_string_kid_never_tries_every_key() {
    let k = b64::encode(KEY32);
    let set = format!(
        r#"{{"keys":[{{"kty":"oct","kid":"a","k":"b3RoZXI"}},{{"kty":"oct","kid":"b","k":"{k}"}}]}}"#
    );
    for kid in ["1", "null", r#"["b"]"#, r#"{"b":1}"#] {
        let t = forge(&format!(r#"{{"alg":"HS256","kid":{kid}}}"#), "{}", KEY32);
        let v = verify(&t, &set, KeyFormat::Jwks, &strict());
        assert_eq!(v.code, Some(VerifyCode::Malformed), "strict, kid {kid}");
        let v = verify(&t, &set, KeyFormat::Jwks, &lenient());
        assert_eq!(v.code, Some(VerifyCode::KeyNotFound), "lenient, kid {kid}");
        let ids: Vec<_> = inspect(&t, NOW).findings.iter().map(|f| f.id()).collect();
        assert!(ids.contains(&"suspicious-kid"), "kid {kid}: {ids:?}");
    }
    // A string kid still picks its key.
    let t = forge(r#"{"alg":"HS256","kid":"b"}"#, "{}", KEY32);
    assert!(verify(&t, &set, KeyFormat::Jwks, &strict()).is_valid());
}

// 5. Duplicate header members: strict rejects, lenient verifies with the finding; the same inside crit.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_5_duplicate_header_members_fail_strict_verification() {
    let t = forge(r#"{"alg":"none","alg":"HS256"}"#, "{}", KEY32);
    let v = Verifier::new(KeyInput::Bytes(KEY32), strict()).verify(&t);
    assert_eq!(v.code, Some(VerifyCode::Malformed));
    assert!(v.message.contains("\"alg\""), "{}", v.message);
    let v = Verifier::new(KeyInput::Bytes(KEY32), lenient()).verify(&t);
    assert!(v.is_valid(), "{}", v.message);
    let ids: Vec<_> = inspect(&t, NOW).findings.iter().map(|f| f.id()).collect();
    assert!(ids.contains(&"duplicate-member"), "{ids:?}");
    // Nested duplicates in the header count too.
    let t = forge(r#"{"alg":"HS256","x":{"a":1,"a":2}}"#, "{}", KEY32);
    let v = Verifier::new(KeyInput::Bytes(KEY32), strict()).verify(&t);
    assert_eq!(v.code, Some(VerifyCode::Malformed));
    // A name repeated inside crit is refused.
    let t = forge(
        r#"{"alg":"HS256","b64":true,"crit":["b64","b64"]}"#,
        "{}",
        KEY32,
    );
    for opts in [strict(), lenient()] {
        let v = Verifier::new(KeyInput::Bytes(KEY32), opts).verify(&t);
        assert_eq!(v.code, Some(VerifyCode::CritUnsupported), "{}", v.message);
    }
}

// 6. No quadratic work before authentication: a huge header listing b64 in crit many times is refused in
// linear time (it took 4.5 s for a 1.3 MB token before).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_6_crit_checks_are_linear() {
    let mut header = String::from(r#"{"alg":"HS256","b64":true"#);
    for i in 0..60_000 {
        header.push_str(&format!(r#","m{i}":0"#));
    }
    header.push_str(r#","crit":["#);
    header.push_str(&vec![r#""b64""#; 60_000].join(","));
    header.push_str("]}");
    let t = forge(&header, "{}", KEY32);
    assert!(t.len() > 1_000_000);
    let verifier = Verifier::new(KeyInput::Bytes(KEY32), lenient());
    #[cfg(not(target_arch = "wasm32"))]
    let started = std::time::Instant::now();
    let v = verifier.verify(&t);
    assert_eq!(v.code, Some(VerifyCode::CritUnsupported), "{}", v.message);
    // A generous bound (debug build, slow CI; no clock in wasm32-unknown-unknown): linear work takes well
    // under a second here; the quadratic scan took 4.5 s in an optimised build.
    #[cfg(not(target_arch = "wasm32"))]
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "verify took {:?} on a 1.3 MB header",
        started.elapsed()
    );
}

// 7. The pretty view is bounded: deep nesting is shown compactly past a depth (the memory bound itself is
// measured natively in tests/memory.rs and in wasm by the npm suite).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_7_pretty_view_stays_a_small_multiple_of_the_input() {
    let deep = format!("{}{}", "[".repeat(120), "]".repeat(120));
    let payload = format!("[{}]", vec![deep; 2000].join(","));
    let t = forge(r#"{"alg":"HS256"}"#, &payload, KEY32);
    let i = inspect(&t, NOW);
    let text = i.payload_text.expect("a payload");
    assert!(
        text.len() < 4 * t.len(),
        "pretty text {} bytes for a {}-byte token",
        text.len(),
        t.len()
    );
}

// 8. aud without an expected audience: strict verification rejects it (RFC 7519 §4.1.3, like PyJWT);
// lenient verification and `validateClaims: false` ignore it; with an audience it is checked as before.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_8_aud_without_an_expected_audience() {
    let t = forge(
        r#"{"alg":"HS256"}"#,
        r#"{"aud":"api","exp":2000000000}"#,
        KEY32,
    );
    let claims = VerifyOptions::new(NOW);
    let v = Verifier::new(KeyInput::Bytes(KEY32), claims.clone()).verify(&t);
    assert_eq!(v.code, Some(VerifyCode::InvalidAudience), "{}", v.message);
    assert!(v.signature_verified);
    let relaxed = VerifyOptions {
        strict: false,
        ..claims.clone()
    };
    assert!(Verifier::new(KeyInput::Bytes(KEY32), relaxed)
        .verify(&t)
        .is_valid());
    assert!(Verifier::new(KeyInput::Bytes(KEY32), strict())
        .verify(&t)
        .is_valid());
    let expected = VerifyOptions {
        audience: Some(vec!["api".into()]),
        ..claims.clone()
    };
    assert!(Verifier::new(KeyInput::Bytes(KEY32), expected)
        .verify(&t)
        .is_valid());
    let other = VerifyOptions {
        audience: Some(vec!["web".into()]),
        ..claims.clone()
    };
    assert_eq!(
        Verifier::new(KeyInput::Bytes(KEY32), other).verify(&t).code,
        Some(VerifyCode::InvalidAudience)
    );
    // No aud claim: nothing to check.
    let t = forge(r#"{"alg":"HS256"}"#, r#"{"exp":2000000000}"#, KEY32);
    assert!(Verifier::new(KeyInput::Bytes(KEY32), claims)
        .verify(&t)
        .is_valid());
}

// 9. keyEncoding base64url refuses standard base64 in strict mode (verify and sign), at the first such
// character, with a hint; lenient reading (the app) accepts it and says so.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn finding_9_base64url_keys_refuse_standard_base64_when_strict() {
    let key = [0xfb_u8, 0xff, 0xbf, 0x01, 0x02, 0x03];
    let std = "+/+/AQID"; // standard base64 of `key`
    assert_eq!(b64::decode("-_-_AQID").unwrap().bytes, key);
    let t = forge(r#"{"alg":"HS256"}"#, "{}", &key);
    let v = verify(&t, std, KeyFormat::Base64Url, &strict());
    let e = v.key_error.expect("a key error");
    assert_eq!((e.code, e.span.start), (ErrorCode::KeyBase64, 0));
    assert!(e.message.contains("\"base64\""), "{}", e.message);
    let padded = "c2VjcmV0Cg==";
    let e = jwt_inspector::keys::parse(padded, KeyFormat::Base64Url).unwrap_err();
    assert_eq!((e.code, e.span.start), (ErrorCode::KeyBase64, 10));
    let lenient_keys = jwt_inspector::keys::parse_with(std, KeyFormat::Base64Url, false).unwrap();
    assert_eq!(lenient_keys.notes.len(), 1);
    assert!(
        Verifier::new(KeyInput::Text(std, KeyFormat::Base64Url), lenient())
            .verify(&t)
            .is_valid()
    );
    assert!(verify(&t, "-_-_AQID", KeyFormat::Base64Url, &strict()).is_valid());
    assert!(verify(&t, std, KeyFormat::Base64, &strict()).is_valid());
}
