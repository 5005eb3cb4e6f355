//! Behaviour of the core as a user of the library sees it. Runs natively and, as a wasm-bindgen-test suite,
//! in Node and in headless Chromium.

use jwt_inspector::b64;
use jwt_inspector::{
    header_for, inspect, sign, verify, ErrorCode, HmacAlg, Json, KeyFormat, Part, Payload,
    Severity, TimeStatus, TokenKind, VerifyCode, VerifyOptions, VerifyStatus,
};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

/// The source article's tokens (PyJWT, HS256, secret `secret`).
const ARTICLE_1: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";
const ARTICLE_2: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoxMjMsInVzZXJuYW1lIjoiSm9obkRvZSIsImFkbWluIjp0cnVlfQ._NU3n4D8l8vrSaqZq2KuEs1lPmKE1zyISbCISWY-HFY";

const NOW: f64 = 1_700_000_000.0;

fn token(header: &str, payload: &str, key: &[u8]) -> String {
    let h = jwt_inspector::json::parse(header).unwrap().value;
    sign(&h, payload.as_bytes(), key).unwrap()
}

fn sig_only() -> VerifyOptions {
    VerifyOptions::signature_only()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn article_tokens_verify_with_secret_and_warn_about_it() {
    for t in [ARTICLE_1, ARTICLE_2] {
        let v = verify(t, "secret", KeyFormat::Utf8, &VerifyOptions::new(NOW));
        assert!(v.is_valid(), "{}", v.message);
        assert_eq!(v.status(), VerifyStatus::Valid);
        assert_eq!(v.key_bits, Some(48));
        let ids: Vec<_> = v.findings.iter().map(|f| f.id()).collect();
        assert!(ids.contains(&"well-known-secret"), "{ids:?}");
        assert!(ids.contains(&"weak-hmac-key"), "{ids:?}");
        for other in [
            "Secret",
            "secret ",
            "secre",
            "your-256-bit-secret",
            "c2VjcmV0",
        ] {
            let v = verify(t, other, KeyFormat::Utf8, &sig_only());
            assert_eq!(v.code, Some(VerifyCode::InvalidSignature), "{other}");
            assert!(v.findings.iter().all(|f| f.id() != "well-known-secret"));
        }
        // The same secret in every other format verifies too.
        for (k, f) in [
            ("c2VjcmV0", KeyFormat::Base64),
            ("c2VjcmV0", KeyFormat::Base64Url),
            ("736563726574", KeyFormat::Hex),
            (r#"{"kty":"oct","k":"c2VjcmV0"}"#, KeyFormat::Jwk),
            (
                r#"{"keys":[{"kty":"oct","k":"b3RoZXI"},{"kty":"oct","k":"c2VjcmV0"}]}"#,
                KeyFormat::Jwks,
            ),
        ] {
            let v = verify(t, k, f, &sig_only());
            assert!(v.is_valid(), "{f:?}: {}", v.message);
            assert!(
                v.findings.iter().any(|x| x.id() == "well-known-secret"),
                "{f:?}"
            );
        }
    }
    // Inspection without a key: decoded, explained, no exp.
    let i = inspect(ARTICLE_2, NOW);
    assert!(i.decoded.errors.is_empty());
    assert_eq!(
        i.payload_text.as_deref(),
        Some("{\n  \"user_id\": 123,\n  \"username\": \"JohnDoe\",\n  \"admin\": true\n}")
    );
    assert!(i
        .findings
        .iter()
        .any(|f| f.id() == "missing-exp" && f.severity == Severity::Warning));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn pasted_forms_are_cleaned_with_notes_and_spans_point_into_the_paste() {
    let pasted = format!(
        "Authorization: Bearer {}\n{}",
        &ARTICLE_1[..50],
        &ARTICLE_1[50..]
    );
    let i = inspect(&pasted, NOW);
    assert!(i.decoded.errors.is_empty());
    assert_eq!(i.decoded.token, ARTICLE_1);
    let notes: Vec<_> = i.decoded.notes.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(
        notes,
        [
            "removed-authorization-header",
            "removed-bearer-prefix",
            "removed-inner-whitespace"
        ]
    );
    let sig = i.decoded.part(Part::Signature).unwrap().span;
    assert_eq!(
        &pasted[sig.start..sig.end],
        ARTICLE_1.rsplit('.').next().unwrap()
    );
    let payload = i.decoded.part(Part::Payload).unwrap().span;
    assert!(
        pasted[payload.start..payload.end].contains('\n'),
        "the payload span covers the line break"
    );
    // Strict verification (the default) accepts only the exact compact form: one token, one spelling.
    let v = verify(&pasted, "secret", KeyFormat::Utf8, &sig_only());
    assert_eq!(v.code, Some(VerifyCode::Malformed));
    assert!(v.message.contains("Authorization"), "{}", v.message);
    let lenient = VerifyOptions {
        strict: false,
        ..sig_only()
    };
    assert!(verify(&pasted, "secret", KeyFormat::Utf8, &lenient).is_valid());
    // Non-canonical base64url is refused the same way, and accepted (with findings) when not strict.
    let sig = ARTICLE_1.rsplit('.').next().unwrap();
    let padded = format!("{ARTICLE_1}=");
    let std_alphabet = ARTICLE_2.replace('_', "/").replace('-', "+");
    assert_ne!(std_alphabet, ARTICLE_2);
    let last = sig.chars().last().unwrap();
    let stray = format!(
        "{}{}",
        &ARTICLE_1[..ARTICLE_1.len() - 1],
        if last == 'Q' { 'R' } else { 'Q' }
    );
    for t in [&padded, &std_alphabet, &stray] {
        assert_eq!(
            verify(t, "secret", KeyFormat::Utf8, &sig_only()).code,
            Some(VerifyCode::Malformed),
            "{t}"
        );
        assert!(
            inspect(t, NOW)
                .findings
                .iter()
                .any(|f| f.id() == "non-canonical-base64"),
            "{t}"
        );
    }
    assert!(verify(&padded, "secret", KeyFormat::Utf8, &lenient).is_valid());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn broken_tokens_report_precise_errors_and_keep_what_decoded() {
    // A character that is not base64url in the payload.
    let bad = ARTICLE_1.replacen("IkpvaG4", "Ikp*aG4", 1);
    let i = inspect(&bad, NOW);
    let e = &i.decoded.errors[0];
    assert_eq!((e.code, e.part), (ErrorCode::B64Char, Part::Payload));
    assert_eq!(&bad[e.span.start..e.span.end], "*");
    assert_eq!(e.span.start, bad.find('*').unwrap());
    assert!(i.header_json.is_some(), "the header is still shown");
    let v = verify(&bad, "secret", KeyFormat::Utf8, &sig_only());
    assert_eq!(v.code, Some(VerifyCode::Malformed));

    // Broken payload JSON is an inspection error, but the MAC over the bytes still verifies; claims cannot.
    let broken_json = token(r#"{"alg":"HS256"}"#, r#"{"sub":"x","#, &[4; 32]);
    let i = inspect(&broken_json, NOW);
    assert_eq!(
        (i.decoded.errors[0].code, i.decoded.errors[0].part),
        (ErrorCode::JsonSyntax, Part::Payload)
    );
    assert_eq!(i.payload_text.as_deref(), Some(r#"{"sub":"x","#));
    let k = "BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ";
    assert!(verify(&broken_json, k, KeyFormat::Base64Url, &sig_only()).is_valid());
    let v = verify(
        &broken_json,
        k,
        KeyFormat::Base64Url,
        &VerifyOptions::new(NOW),
    );
    assert_eq!(
        (v.code, v.signature_verified),
        (Some(VerifyCode::ClaimsNotObject), true)
    );

    // Part counts.
    for (t, n) in [("a.b.c.d", 4), ("abc", 1), ("a.b.c.d.e.f", 6)] {
        let i = inspect(t, NOW);
        assert_eq!(i.decoded.errors[0].code, ErrorCode::PartCount);
        assert!(i.decoded.errors[0]
            .message
            .contains(&format!("Found {n} part")));
    }
    assert_eq!(inspect("", NOW).decoded.errors[0].code, ErrorCode::Empty);
    assert!(!inspect("", NOW).decoded.decoded_anything());

    // A header that is JSON but not an object, and one that is not JSON.
    let t = format!("{}.e30.AA", b64::encode(b"[1]"));
    assert_eq!(
        inspect(&t, NOW).decoded.errors[0].code,
        ErrorCode::HeaderNotObject
    );
    let t = format!("{}.e30.AA", b64::encode(b"{alg:1}"));
    let e = &inspect(&t, NOW).decoded.errors[0];
    assert_eq!((e.code, e.part), (ErrorCode::JsonSyntax, Part::Header));
    assert!(e.message.contains("at byte 1"));
    let t = format!("{}.e30.AA", b64::encode(&[0x7b, 0xff, 0x7d]));
    assert_eq!(inspect(&t, NOW).decoded.errors[0].code, ErrorCode::Utf8);
    // Impossible base64url length in the signature.
    let t = format!("{ARTICLE_1}AA");
    let e = &inspect(&t, NOW).decoded.errors[0];
    assert_eq!((e.code, e.part), (ErrorCode::B64Length, Part::Signature));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn pretty_printing_keeps_order_numbers_and_unicode() {
    let payload = r#"{"zeta":1,"big":12345678901234567890123,"f":1.50e+2,"alpha":"Grüße 👋","nested":{"b":[],"a":{}}}"#;
    let t = token(r#"{"alg":"HS256"}"#, payload, &[1; 32]);
    let i = inspect(&t, NOW);
    assert_eq!(
        i.payload_text.unwrap(),
        "{\n  \"zeta\": 1,\n  \"big\": 12345678901234567890123,\n  \"f\": 1.50e+2,\n  \"alpha\": \"Grüße 👋\",\n  \"nested\": {\n    \"b\": [],\n    \"a\": {}\n  }\n}"
    );
    // Escaped input is shown readable.
    let t = token(r#"{"alg":"HS256"}"#, r#"{"n":"caf\u00e9"}"#, &[1; 32]);
    assert_eq!(
        inspect(&t, NOW).payload_text.unwrap(),
        "{\n  \"n\": \"café\"\n}"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn claims_are_explained_against_now() {
    let t = token(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"sub":"u1","iat":1699989200,"exp":1700010800,"nbf":1700003600,"scope":"read"}"#,
        &[1; 32],
    );
    let i = inspect(&t, NOW);
    let claim = |n: &str| i.claims.iter().find(|c| c.name == n).unwrap();
    let exp = claim("exp").time.as_ref().unwrap();
    assert_eq!(exp.iso, "2023-11-15T01:13:20Z");
    assert_eq!(exp.relative, "in 3 h");
    assert_eq!(exp.status, TimeStatus::Valid);
    let nbf = claim("nbf").time.as_ref().unwrap();
    assert_eq!(
        (nbf.status, nbf.relative.as_str()),
        (TimeStatus::NotYetValid, "in 1 h")
    );
    assert_eq!(claim("iat").time.as_ref().unwrap().relative, "3 h ago");
    assert!(claim("sub").description.unwrap().starts_with("Subject"));
    assert!(claim("scope").description.is_some());
    assert!(claim("sub").time.is_none());
    let ids: Vec<_> = i.findings.iter().map(|f| f.id()).collect();
    assert!(
        ids.contains(&"not-yet-valid") && !ids.contains(&"expired"),
        "{ids:?}"
    );

    let later = inspect(&t, NOW + 86_400.0 * 3.0);
    let exp = later
        .claims
        .iter()
        .find(|c| c.name == "exp")
        .unwrap()
        .time
        .clone()
        .unwrap();
    assert_eq!(
        (exp.status, exp.relative.as_str()),
        (TimeStatus::Expired, "2 days 21 h ago")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn claim_validation_like_pyjwt_and_jose() {
    let key = [9u8; 32];
    let t = |payload: &str| token(r#"{"alg":"HS256"}"#, payload, &key);
    let check = |tok: &str, opts: &VerifyOptions| {
        verify(
            tok,
            "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk",
            KeyFormat::Base64Url,
            opts,
        )
        .code
    };
    let at = VerifyOptions::new(NOW);
    assert_eq!(
        check(&t(r#"{"exp":1700000000}"#), &at),
        Some(VerifyCode::Expired),
        "exp == now is expired"
    );
    assert_eq!(check(&t(r#"{"exp":1700000001}"#), &at), None);
    let lee = VerifyOptions {
        leeway: 5.0,
        ..at.clone()
    };
    assert_eq!(check(&t(r#"{"exp":1699999996}"#), &lee), None);
    assert_eq!(
        check(&t(r#"{"nbf":1700000006}"#), &lee),
        Some(VerifyCode::NotYetValid)
    );
    assert_eq!(
        check(&t(r#"{"iat":1700000100}"#), &at),
        Some(VerifyCode::IatInFuture)
    );
    assert_eq!(
        check(&t(r#"{"exp":"1700000100"}"#), &at),
        Some(VerifyCode::InvalidClaim)
    );
    assert_eq!(
        check(&t(r#""text""#), &at),
        Some(VerifyCode::ClaimsNotObject)
    );
    assert_eq!(
        check(
            &t(r#""text""#),
            &VerifyOptions {
                validate_claims: false,
                ..at.clone()
            }
        ),
        None
    );

    let aud = VerifyOptions {
        audience: Some(vec!["api".into()]),
        ..at.clone()
    };
    assert_eq!(check(&t(r#"{"aud":["web","api"]}"#), &aud), None);
    assert_eq!(
        check(&t(r#"{"aud":"web"}"#), &aud),
        Some(VerifyCode::InvalidAudience)
    );
    assert_eq!(check(&t(r#"{}"#), &aud), Some(VerifyCode::MissingClaim));
    let iss = VerifyOptions {
        issuer: Some(vec!["https://idp".into()]),
        ..at.clone()
    };
    assert_eq!(check(&t(r#"{"iss":"https://idp"}"#), &iss), None);
    assert_eq!(
        check(&t(r#"{"iss":"https://evil"}"#), &iss),
        Some(VerifyCode::InvalidIssuer)
    );
    let req = VerifyOptions {
        required_claims: vec!["exp".into(), "sub".into()],
        ..at.clone()
    };
    assert_eq!(
        check(&t(r#"{"exp":1800000000}"#), &req),
        Some(VerifyCode::MissingClaim)
    );
    // A bad signature is reported before any claim problem.
    let expired = t(r#"{"exp":1}"#);
    let v = verify(&expired, "wrong", KeyFormat::Utf8, &at);
    assert_eq!(v.code, Some(VerifyCode::InvalidSignature));
    // Claims fail after a good signature: the signature is still known to be good.
    let v = verify(
        &expired,
        "CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk",
        KeyFormat::Base64Url,
        &at,
    );
    assert!(v.signature_verified && v.code == Some(VerifyCode::Expired));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn algorithms_unsupported_disallowed_none_and_jwe() {
    let es256k = format!("{}.e30.AAAA", b64::encode(br#"{"alg":"ES256K"}"#));
    let v = verify(&es256k, "secret", KeyFormat::Utf8, &sig_only());
    assert_eq!(
        (v.code, v.status()),
        (Some(VerifyCode::UnsupportedAlg), VerifyStatus::Unsupported)
    );
    assert!(v.message.contains("not supported"));
    // RS256 is supported, and a secret cannot verify it (a key only verifies its own algorithms).
    let rs = format!("{}.e30.AAAA", b64::encode(br#"{"alg":"RS256"}"#));
    let v = verify(&rs, "secret", KeyFormat::Utf8, &sig_only());
    assert_eq!(
        (v.code, v.status()),
        (Some(VerifyCode::KeyAlgMismatch), VerifyStatus::KeyError)
    );

    let hs512 = token(r#"{"alg":"HS512"}"#, "{}", &[3; 64]);
    let only256 = VerifyOptions {
        algorithms: Some(vec!["HS256".into()]),
        ..sig_only()
    };
    let k = "0303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303";
    assert_eq!(
        verify(&hs512, &k[..128], KeyFormat::Hex, &sig_only()).code,
        None
    );
    assert_eq!(
        verify(&hs512, &k[..128], KeyFormat::Hex, &only256).code,
        Some(VerifyCode::AlgNotAllowed)
    );

    // alg none never verifies, whatever the allow-list says.
    let none = format!("{}.e30.", b64::encode(br#"{"alg":"none"}"#));
    let allow_none = VerifyOptions {
        algorithms: Some(vec!["none".into()]),
        ..sig_only()
    };
    let v = verify(&none, "secret", KeyFormat::Utf8, &allow_none);
    assert_eq!(
        (v.code, v.status()),
        (Some(VerifyCode::AlgNone), VerifyStatus::NotApplicable)
    );
    // An HS256 token with its signature stripped.
    let stripped = format!("{}.", ARTICLE_1.rsplit_once('.').unwrap().0);
    assert_eq!(
        verify(&stripped, "secret", KeyFormat::Utf8, &sig_only()).code,
        Some(VerifyCode::InvalidSignature)
    );

    let jwe = format!(
        "{}.AAAA.AAAA.AAAAAAAA.AAAA",
        b64::encode(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#)
    );
    let i = inspect(&jwe, NOW);
    assert_eq!(i.decoded.kind, TokenKind::Jwe);
    assert!(i.decoded.errors.is_empty());
    assert!(i.header_json.unwrap().contains("A256GCM"));
    assert_eq!(
        i.decoded
            .parts
            .iter()
            .map(|p| p.decoded_len)
            .collect::<Vec<_>>(),
        [Some(34), Some(3), Some(3), Some(6), Some(3)]
    );
    let v = verify(&jwe, "secret", KeyFormat::Utf8, &sig_only());
    assert_eq!(v.status(), VerifyStatus::NotApplicable);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn jwks_selection_by_kid_and_trial() {
    let a = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE";
    let b = "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI";
    let set = format!(
        r#"{{"keys":[{{"kty":"oct","kid":"a","k":"{a}"}},{{"kty":"oct","kid":"b","k":"{b}"}},{{"kty":"OKP","crv":"Ed448","x":"AQAB"}}]}}"#
    );
    let with_kid = token(r#"{"alg":"HS256","kid":"b"}"#, "{}", &[2; 32]);
    let v = verify(&with_kid, &set, KeyFormat::Jwks, &sig_only());
    assert!(v.is_valid(), "{}", v.message);
    assert_eq!((v.kid.as_deref(), v.key_index), (Some("b"), Some(1)));
    assert!(v.message.contains("kid \"b\""));
    let unknown = token(r#"{"alg":"HS256","kid":"zz"}"#, "{}", &[2; 32]);
    assert_eq!(
        verify(&unknown, &set, KeyFormat::Jwks, &sig_only()).code,
        Some(VerifyCode::KeyNotFound)
    );
    let no_kid = token(r#"{"alg":"HS256"}"#, "{}", &[2; 32]);
    let v = verify(&no_kid, &set, KeyFormat::Jwks, &sig_only());
    assert_eq!(
        (v.is_valid(), v.key_index),
        (true, Some(1)),
        "tries each oct key and says which matched"
    );
    // A JWK bound to another algorithm is not used.
    let jwk = format!(r#"{{"kty":"oct","alg":"HS512","k":"{b}"}}"#);
    assert_eq!(
        verify(&no_kid, &jwk, KeyFormat::Jwk, &sig_only()).code,
        Some(VerifyCode::KeyAlgMismatch)
    );
    // Bad key text is a key error with a location, not an invalid signature.
    let v = verify(&no_kid, "zz", KeyFormat::Hex, &sig_only());
    assert_eq!(
        (v.code, v.status()),
        (Some(VerifyCode::KeyInvalid), VerifyStatus::KeyError)
    );
    let e = v.key_error.unwrap();
    assert_eq!(
        (e.code, e.part, e.span.start),
        (ErrorCode::KeyHex, Part::Key, 0)
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn sign_round_trips_for_every_hmac_algorithm() {
    for alg in [HmacAlg::HS256, HmacAlg::HS384, HmacAlg::HS512] {
        let extra = jwt_inspector::json::parse(r#"{"kid":"k1"}"#).unwrap().value;
        let h = header_for(
            jwt_inspector::Alg::from_name(alg.name()).unwrap(),
            Some(&extra),
        )
        .unwrap();
        let key = vec![7u8; alg.output_len()];
        let t = sign(&h, br#"{"sub":"x","n":12345678901234567890}"#, &key).unwrap();
        let i = inspect(&t, NOW);
        assert_eq!(i.decoded.alg.as_deref(), Some(alg.name()));
        assert_eq!(
            i.header_json.unwrap(),
            format!(
                "{{\n  \"alg\": \"{}\",\n  \"typ\": \"JWT\",\n  \"kid\": \"k1\"\n}}",
                alg.name()
            )
        );
        let Some(Payload::Json(p)) = &i.decoded.payload else {
            panic!()
        };
        assert_eq!(
            p.get("n"),
            Some(&Json::Number("12345678901234567890".into()))
        );
        let hexkey: String = key.iter().map(|b| format!("{b:02x}")).collect();
        let v = verify(&t, &hexkey, KeyFormat::Hex, &VerifyOptions::new(NOW));
        assert!(v.is_valid() && v.findings.is_empty(), "{:?}", v);
        // Flip every bit of the signing input in turn (a sample): never verifies.
        let bytes = t.as_bytes();
        let dot2 = t.rfind('.').unwrap();
        for pos in (0..dot2).step_by(7) {
            let mut m = bytes.to_vec();
            m[pos] = if m[pos] == b'A' { b'B' } else { b'A' };
            let m = String::from_utf8(m).unwrap();
            if m != t {
                assert!(
                    !verify(&m, &hexkey, KeyFormat::Hex, &sig_only()).is_valid(),
                    "{pos}"
                );
            }
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn security_findings_on_hostile_headers() {
    let t = token(
        r#"{"alg":"HS256","kid":"../../../../dev/null","jku":"https://attacker.example/jwks.json","crit":["exp"],"exp":1}"#,
        r#"{"sub":"a","password":"hunter2","exp":1700000600,"exp":1800000000}"#,
        &[5; 32],
    );
    let i = inspect(&t, NOW);
    let ids: Vec<_> = i.findings.iter().map(|f| f.id()).collect();
    for id in [
        "suspicious-kid",
        "token-supplied-key",
        "crit",
        "sensitive-claim",
        "duplicate-member",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for f in &i.findings {
        assert!(f.rfc().starts_with("RFC "), "{}", f.id());
        assert!(!f.message.is_empty());
        if let Some(s) = f.span {
            assert!(s.end <= t.len());
        }
    }
    // RFC 7797: an unencoded payload verifies only when b64 is listed in crit.
    let key = [6u8; 32];
    let k = "BgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgY";
    let listed = token(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, "$02", &key);
    assert!(listed.contains(".$02."));
    assert!(verify(&listed, k, KeyFormat::Base64Url, &sig_only()).is_valid());
    // sign refuses b64=false without crit; a token made elsewhere that way is rejected by verify.
    let h = jwt_inspector::json::parse(r#"{"alg":"HS256","b64":false}"#)
        .unwrap()
        .value;
    assert_eq!(
        sign(&h, b"$02", &key).unwrap_err().code,
        ErrorCode::SignInput
    );
    let input = format!("{}.$02", b64::encode(br#"{"alg":"HS256","b64":false}"#));
    let mac = jwt_inspector::mac::sign(HmacAlg::HS256, &key, input.as_bytes());
    let unlisted = format!("{input}.{}", b64::encode(&mac));
    assert_eq!(
        verify(&unlisted, k, KeyFormat::Base64Url, &sig_only()).code,
        Some(VerifyCode::CritUnsupported)
    );
    // b64 must be a boolean.
    let input = format!(
        "{}.e30",
        b64::encode(br#"{"alg":"HS256","b64":"false","crit":["b64"]}"#)
    );
    let mac = jwt_inspector::mac::sign(HmacAlg::HS256, &key, input.as_bytes());
    let stringly = format!("{input}.{}", b64::encode(&mac));
    assert_eq!(
        verify(&stringly, k, KeyFormat::Base64Url, &sig_only()).code,
        Some(VerifyCode::CritUnsupported)
    );

    // crit with an unknown extension is rejected by verification.
    let v = verify(
        &t,
        "BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU",
        KeyFormat::Base64Url,
        &sig_only(),
    );
    assert_eq!(v.code, Some(VerifyCode::CritUnsupported));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn key_confusion_key_ops_and_fail_closed_claims() {
    // A public key used as an HMAC secret (the algorithm-confusion attack) is refused, for sign and verify.
    let pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEKVrQuk6o3EwlEaZa141AdXp0tBFI\nusH/QUccqWu5cni2izgU6km4jM0jiAJFzNjVD/9pFKE6Gus7EtHQuOqfSA==\n-----END PUBLIC KEY-----\n";
    let h = jwt_inspector::json::parse(r#"{"alg":"HS256"}"#)
        .unwrap()
        .value;
    assert_eq!(
        sign(&h, b"{}", pem.as_bytes()).unwrap_err().code,
        ErrorCode::KeyAsymmetric
    );
    let input = format!("{}.e30", b64::encode(br#"{"alg":"HS256"}"#));
    let mac = jwt_inspector::mac::sign(HmacAlg::HS256, pem.as_bytes(), input.as_bytes());
    let forged = format!("{input}.{}", b64::encode(&mac));
    // Pasted as text, the PEM is read as the EC public key it is, which never verifies an HMAC token.
    for format in [KeyFormat::Utf8, KeyFormat::Pem] {
        let v = verify(&forged, pem, format, &sig_only());
        assert_eq!(
            (v.code, v.status(), v.key_type),
            (
                Some(VerifyCode::KeyAlgMismatch),
                VerifyStatus::KeyError,
                Some("EC")
            )
        );
        assert!(v.findings.iter().any(|f| f.id() == "public-key-as-secret"));
    }
    // Its DER as base64, given as a base64 secret, is refused as key material.
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let v = verify(&forged, &body, KeyFormat::Base64, &sig_only());
    assert_eq!(v.key_error.unwrap().code, ErrorCode::KeyAsymmetric);
    let ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample user@host";
    assert_eq!(
        verify(&forged, ssh, KeyFormat::Utf8, &sig_only()).code,
        Some(VerifyCode::KeyInvalid)
    );

    // key_ops must allow "verify".
    let t = token(r#"{"alg":"HS256"}"#, "{}", &[2; 32]);
    let b = "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI";
    let enc_only = format!(r#"{{"kty":"oct","key_ops":["encrypt"],"k":"{b}"}}"#);
    assert_eq!(
        verify(&t, &enc_only, KeyFormat::Jwk, &sig_only()).code,
        Some(VerifyCode::KeyAlgMismatch)
    );
    let verify_ok = format!(r#"{{"kty":"oct","key_ops":["sign","verify"],"k":"{b}"}}"#);
    assert!(verify(&t, &verify_ok, KeyFormat::Jwk, &sig_only()).is_valid());

    // A NaN clock or leeway fails closed.
    let expired = token(r#"{"alg":"HS256"}"#, r#"{"exp":1}"#, &[2; 32]);
    let nan_now = VerifyOptions::new(f64::NAN);
    assert_eq!(
        verify(&expired, b, KeyFormat::Base64Url, &nan_now).code,
        Some(VerifyCode::InvalidClaim)
    );
    let nan_leeway = VerifyOptions {
        leeway: f64::NAN,
        ..VerifyOptions::new(NOW)
    };
    assert_eq!(
        verify(&expired, b, KeyFormat::Base64Url, &nan_leeway).code,
        Some(VerifyCode::InvalidClaim)
    );

    // aud must be a string or an array of strings; a null required claim is missing (as in PyJWT).
    let aud = VerifyOptions {
        audience: Some(vec!["api".into()]),
        ..VerifyOptions::new(NOW)
    };
    let bad_aud = token(r#"{"alg":"HS256"}"#, r#"{"aud":["api",7]}"#, &[2; 32]);
    assert_eq!(
        verify(&bad_aud, b, KeyFormat::Base64Url, &aud).code,
        Some(VerifyCode::InvalidClaim)
    );
    let req = VerifyOptions {
        required_claims: vec!["sub".into()],
        ..VerifyOptions::new(NOW)
    };
    let null_sub = token(r#"{"alg":"HS256"}"#, r#"{"sub":null}"#, &[2; 32]);
    assert_eq!(
        verify(&null_sub, b, KeyFormat::Base64Url, &req).code,
        Some(VerifyCode::MissingClaim)
    );

    // Key errors name positions, never the secret's characters.
    let v = verify(&t, "abc%def", KeyFormat::Base64, &sig_only());
    let e = v.key_error.unwrap();
    assert_eq!((e.code, e.span.start), (ErrorCode::KeyBase64, 3));
    assert!(!e.message.contains('%'), "{}", e.message);
    let v = verify(&t, "00zz", KeyFormat::Hex, &sig_only());
    assert!(!v.message.contains('z'), "{}", v.message);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn subject_max_age_and_typ_options() {
    let key = [7u8; 32];
    let t = token(
        r#"{"alg":"HS256","typ":"at+jwt"}"#,
        &format!(
            r#"{{"sub":"alice","iat":{},"exp":{}}}"#,
            NOW - 60.0,
            NOW + 600.0
        ),
        &key,
    );
    let with = |f: &dyn Fn(&mut VerifyOptions)| {
        let mut o = VerifyOptions::new(NOW);
        f(&mut o);
        jwt_inspector::Verifier::new(jwt_inspector::KeyInput::Bytes(&key), o).verify(&t)
    };
    assert!(with(&|o| o.subject = Some("alice".into())).is_valid());
    assert_eq!(
        with(&|o| o.subject = Some("bob".into())).code,
        Some(VerifyCode::InvalidSubject)
    );
    assert!(with(&|o| o.max_age = Some(60.0)).is_valid());
    assert_eq!(
        with(&|o| o.max_age = Some(59.0)).code,
        Some(VerifyCode::Expired)
    );
    assert!(with(&|o| {
        o.max_age = Some(59.0);
        o.leeway = 1.0;
    })
    .is_valid());
    for typ in ["at+jwt", "AT+JWT", "application/at+jwt"] {
        assert!(with(&|o| o.typ = Some(typ.into())).is_valid(), "{typ}");
    }
    let v = with(&|o| {
        o.typ = Some("JWT".into());
        o.validate_claims = false;
    });
    assert_eq!(v.code, Some(VerifyCode::InvalidTyp));
    assert!(v.signature_verified);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn weak_secret_audit_finds_the_article_secret() {
    let audit = jwt_inspector::audit::Audit::new(ARTICLE_1).unwrap();
    let list = jwt_inspector::jwt_wordlist();
    let out = audit.find(list.iter().map(|w| w.as_bytes()));
    assert_eq!(out.found.map(|(_, s)| s), Some(&b"secret"[..]));
    let none = audit.find([&b"Secret"[..], b"secret "]);
    assert_eq!((none.found, none.tried), (None, 2));
    assert_eq!(
        jwt_inspector::audit::Audit::new("a.b").unwrap_err().code,
        ErrorCode::PartCount
    );
}
