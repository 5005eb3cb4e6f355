//! The `js` layer (the npm package's wasm-bindgen API): the answer formats the JS wrapper reads, UTF-16
//! offsets, the key cache and the scratch buffer, and that the package's TypeScript types and README list
//! every code and lint id. Runs as a wasm-bindgen-test suite in Node (`cargo test --target
//! wasm32-unknown-unknown --features js --test js_api`, from `scripts/test-npm.sh`) and natively
//! (`cargo test --features js --test js_api`).
#![cfg(feature = "js")]

use jwt_inspector::js::{
    inspect_json, inspect_scratch, key_format_index, key_formats, options, scratch, sign_json,
    static_text, verify_json, verify_json_reference, verify_scratch_with, ListOptions, OneOrMany,
    RAW_KEY,
};
use jwt_inspector::KeyInput;
use jwt_inspector::{ErrorCode, KeyFormat, Lint, VerifyCode};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

const ARTICLE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";
const NOW: f64 = 1_700_000_000.0;

/// An inspect answer: the array and the two raw display texts.
fn inspect_answer(input: &str) -> (Value, String, String) {
    let answer = inspect_json(input, NOW);
    let mut parts = answer.splitn(3, '\0');
    let array = serde_json::from_str(parts.next().unwrap_or_default()).expect("a JSON array");
    let header = parts.next().expect("headerJson").to_owned();
    let payload = parts.next().expect("payloadJson").to_owned();
    (array, header, payload)
}

fn text(index: &Value) -> String {
    static_text(index.as_u64().expect("an index") as usize)
}

/// `input.slice(start, end)` as JavaScript computes it (UTF-16 code units).
fn js_slice(input: &str, start: &Value, end: &Value) -> String {
    let units: Vec<u16> = input.encode_utf16().collect();
    let (s, e) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    String::from_utf16(&units[s..e]).expect("offsets on code point boundaries")
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn inspect_answer_layout() {
    let (a, header_json, payload_json) = inspect_answer(ARTICLE);
    let a = a.as_array().expect("array");
    assert_eq!(a.len(), 13);
    assert_eq!(text(&a[0]), "jws");
    assert_eq!(a[1], serde_json::json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(a[2]["name"], "John Doe");
    assert_eq!(a[3], "TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ");
    assert_eq!(a[4], "HS256");
    let claims = a[5].as_array().unwrap();
    assert_eq!(claims[0][0], "sub");
    assert!(text(&claims[0][2]).starts_with("Subject"));
    assert_eq!(claims[0][3], Value::Null);
    let findings = a[6].as_array().unwrap();
    assert!(findings.iter().any(|f| text(&f[0]) == "missing-exp"));
    assert!(findings.iter().all(|f| text(&f[3]).starts_with("RFC ")));
    assert_eq!(a[7], serde_json::json!([]));
    assert_eq!(a[8], serde_json::json!([]));
    assert_eq!(text(&a[9]), "json");
    assert_eq!(a[10][0][0], "alg");
    let parts = a[11].as_array().unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(text(&parts[2][0]), "signature");
    assert_eq!(
        js_slice(ARTICLE, &parts[2][1], &parts[2][2]),
        a[3].as_str().unwrap()
    );
    assert_eq!(a[12], Value::Null, "the input needed no clean-up");
    assert_eq!(
        header_json,
        "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}"
    );
    assert!(payload_json.contains("\"admin\": true"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn claim_times_and_cleaned_tokens() {
    let token = jwt_inspector::sign_json_text(
        r#"{"alg":"HS256"}"#,
        r#"{"exp":1699999000,"n":12345678901234567890123}"#,
        &jwt_inspector::keys::from_bytes(b"k").unwrap(),
    )
    .unwrap();
    let input = format!("Bearer {token}");
    let (a, _, payload_json) = inspect_answer(&input);
    let exp = &a[5][0];
    assert_eq!(exp[0], "exp");
    let time = &exp[3];
    assert_eq!(time[0], "2023-11-14T21:56:40Z");
    assert_eq!(time[1], "16 min ago");
    assert_eq!(text(&time[2]), "expired");
    assert_eq!(time[3], 1_699_999_000.0);
    // The exact digits stay in payloadJson; the array carries them as written for JSON.parse to round.
    assert!(payload_json.contains("12345678901234567890123"));
    assert_eq!(a[12], token.as_str());
    assert_eq!(a[7][0], "Removed the `Bearer` prefix.");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn error_offsets_are_utf16() {
    // Unicode spaces (3 UTF-8 bytes, 1 UTF-16 unit each) before the token and a character outside the BMP
    // (4 bytes, 2 units) in it: byte and UTF-16 offsets differ.
    let input = format!(
        "\u{3000}\u{2003}{}",
        ARTICLE.replacen("eyJz", "ey\u{1F600}z", 1)
    );
    let (a, _, _) = inspect_answer(&input);
    let errors = a[8].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(text(&e[0]), "ERR_B64_CHAR");
    assert_eq!(text(&e[1]), "payload");
    assert_eq!(js_slice(&input, &e[2], &e[3]), "\u{1F600}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn nothing_decodable_is_a_bang_and_errors() {
    for (input, code) in [
        ("   ", "ERR_EMPTY"),
        ("Bearer", "ERR_EMPTY"),
        ("{\"a\":1}", "ERR_JSON_SERIALIZATION"),
    ] {
        let answer = inspect_json(input, NOW);
        let errors: Value =
            serde_json::from_str(answer.strip_prefix('!').expect("a ! answer")).unwrap();
        assert_eq!(text(&errors[0][0]), code, "{input:?}");
        assert_eq!(text(&errors[0][1]), "token");
        assert_eq!(js_slice(input, &errors[0][2], &errors[0][3]), input);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn verify_answers() {
    let opts = options(NOW, 0.0, true, None);
    let v: Value = serde_json::from_str(&verify_json(
        ARTICLE,
        KeyInput::Text("secret", KeyFormat::Utf8),
        &opts,
    ))
    .unwrap();
    assert_eq!(v[0], true);
    assert_eq!(v[1], "HS256");
    assert_eq!(v[2], -1);
    assert_eq!(v[3], "Signature verified (HS256, 48-bit key).");
    assert_eq!(v[4], 48);
    assert_eq!(text(&v[6]), "valid");
    assert_eq!(v[7], true);
    let ids: Vec<String> = v[10]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| text(&f[0]))
        .collect();
    assert_eq!(ids, ["weak-hmac-key", "well-known-secret"]);
    assert_eq!(v[11], serde_json::json!([]), "no clean-up notes");
    assert_eq!(
        (text(&v[12]), &v[13]),
        ("oct".to_owned(), &serde_json::json!(-1))
    );
    assert_eq!(v[14], serde_json::json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(v[15]["sub"], "1234567890");

    let v: Value = serde_json::from_str(&verify_json(
        ARTICLE,
        KeyInput::Text("Secret", KeyFormat::Utf8),
        &opts,
    ))
    .unwrap();
    assert_eq!(v[0], false);
    assert_eq!(text(&v[2]), "INVALID_SIGNATURE");
    assert_eq!(
        v.as_array().unwrap().len(),
        14,
        "no header or payload without a verified signature"
    );

    // A key error points into the key text in UTF-16 units.
    let key = "😀0a zz";
    let v: Value = serde_json::from_str(&verify_json(
        ARTICLE,
        KeyInput::Text(key, KeyFormat::Hex),
        &opts,
    ))
    .unwrap();
    assert_eq!(text(&v[2]), "KEY_INVALID");
    let e = &v[9];
    assert_eq!(text(&e[0]), "ERR_KEY_HEX");
    assert_eq!(text(&e[1]), "key");
    assert_eq!(js_slice(key, &e[2], &e[3]), "😀");

    // Claims: the vectors' clock, expired and leeway.
    let expired = jwt_inspector::sign_json_text(
        r#"{"alg":"HS256"}"#,
        r#"{"exp":1699999990}"#,
        &jwt_inspector::keys::from_bytes(b"k").unwrap(),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&verify_json(
        &expired,
        KeyInput::Text("k", KeyFormat::Utf8),
        &opts,
    ))
    .unwrap();
    assert_eq!(text(&v[2]), "EXPIRED");
    assert_eq!(v[7], true, "the signature itself verified");
    let lenient = options(
        NOW,
        30.0,
        true,
        Some(ListOptions {
            required_claims: Some(OneOrMany::Many(vec!["exp".into()])),
            ..ListOptions::default()
        }),
    );
    let v: Value = serde_json::from_str(&verify_json(
        &expired,
        KeyInput::Text("k", KeyFormat::Utf8),
        &lenient,
    ))
    .unwrap();
    assert_eq!(v[0], true);
    let strict = options(
        NOW,
        30.0,
        true,
        Some(ListOptions {
            required_claims: Some(OneOrMany::Many(vec!["sub".into()])),
            algorithms: Some(OneOrMany::One("HS256".into())),
            ..ListOptions::default()
        }),
    );
    let v: Value = serde_json::from_str(&verify_json(
        &expired,
        KeyInput::Text("k", KeyFormat::Utf8),
        &strict,
    ))
    .unwrap();
    assert_eq!(text(&v[2]), "MISSING_CLAIM");
    let other = options(
        NOW,
        30.0,
        true,
        Some(ListOptions {
            algorithms: Some(OneOrMany::Many(vec!["HS512".into()])),
            ..ListOptions::default()
        }),
    );
    let v: Value = serde_json::from_str(&verify_json(
        &expired,
        KeyInput::Text("k", KeyFormat::Utf8),
        &other,
    ))
    .unwrap();
    assert_eq!(text(&v[2]), "ALG_NOT_ALLOWED");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn fast_and_core_paths_agree_on_the_vectors() {
    let vectors: Value = serde_json::from_str(include_str!("vectors/public.json")).unwrap();
    let now = vectors["now"].as_f64().unwrap();
    let mut checked = 0;
    for case in vectors["cases"].as_array().unwrap() {
        if case["kind"] != "verify" {
            continue;
        }
        let token = case["token"].as_str().unwrap();
        let o = &case["options"];
        let opts = options(
            o["now"].as_f64().unwrap_or(now),
            o["leeway"].as_f64().unwrap_or(0.0),
            o["validateClaims"].as_bool().unwrap_or(true),
            None,
        );
        let key_text;
        let key = match &case["key"] {
            Value::String(s) => {
                let format =
                    KeyFormat::parse(case["keyEncoding"].as_str().unwrap_or("utf8")).unwrap();
                KeyInput::Text(s, format)
            }
            jwk => {
                key_text = jwk.to_string();
                KeyInput::Text(&key_text, KeyFormat::Jwk)
            }
        };
        // Twice: the second call hits the key cache and the prepared MAC states.
        for _ in 0..2 {
            let fast: Value = serde_json::from_str(&verify_json(token, key, &opts)).unwrap();
            let reference: Value =
                serde_json::from_str(&verify_json_reference(token, key, &opts)).unwrap();
            assert_eq!(fast, reference, "{}", case["id"]);
            assert_eq!(fast[0], case["expect"]["valid"], "{}", case["id"]);
        }
        checked += 1;
    }
    assert!(checked >= 20);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn scratch_buffer_input() {
    let key = b"secret";
    let len = ARTICLE.len() + key.len();
    let ptr = scratch(len);
    // SAFETY: `scratch` returned a buffer of at least `len` bytes that nothing else uses until the next call.
    unsafe {
        std::ptr::copy_nonoverlapping(key.as_ptr(), ptr, key.len());
        std::ptr::copy_nonoverlapping(ARTICLE.as_ptr(), ptr.add(key.len()), ARTICLE.len());
    }
    let answer = |format| -> Value {
        let text = verify_scratch_with(
            key.len(),
            ARTICLE.len(),
            format,
            &options(NOW, 0.0, false, None),
        );
        serde_json::from_str(&text).unwrap()
    };
    assert_eq!(answer(0)[0], true);
    assert_eq!(answer(RAW_KEY)[0], true, "the same bytes as a raw key");
    assert_eq!(answer(3)[0], false, "read as hex, \"secret\" is no key");
    // Growing the buffer keeps its contents: the wrapper leaves the key in place between calls.
    let grown = scratch(len * 1000);
    // SAFETY: `grown` points to at least `len * 1000` bytes.
    let kept = unsafe { std::slice::from_raw_parts(grown, len) };
    assert_eq!(&kept[..key.len()], key);
    assert_eq!(answer(0)[0], true);
    // SAFETY: as above.
    unsafe {
        std::ptr::copy_nonoverlapping(ARTICLE.as_ptr(), grown, ARTICLE.len());
    }
    assert_eq!(
        inspect_scratch(ARTICLE.len(), NOW),
        inspect_json(ARTICLE, NOW)
    );
    // Lengths beyond the buffer are clamped, never read out of bounds.
    let answer = inspect_scratch(usize::MAX, NOW);
    assert!(answer.starts_with('[') || answer.starts_with('!'));
    scratch(0);
    assert!(
        inspect_scratch(10, NOW).starts_with('!'),
        "a released buffer reads as empty"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn signing() {
    let token = sign_json(
        "HS256",
        Some(r#"{"kid":"k1"}"#.into()),
        r#"{"sub":"a"}"#,
        "k",
        None,
        0,
    )
    .unwrap();
    let (a, _, _) = inspect_answer(&token);
    assert_eq!(
        a[1],
        serde_json::json!({"alg": "HS256", "typ": "JWT", "kid": "k1"})
    );
    let opts = options(NOW, 0.0, true, None);
    let v: Value = serde_json::from_str(&verify_json(
        &token,
        KeyInput::Text("k", KeyFormat::Utf8),
        &opts,
    ))
    .unwrap();
    assert_eq!(v[0], true);
    // Raw-byte keys and JWKs sign the same way.
    let same = sign_json(
        "HS256",
        Some(r#"{"kid":"k1"}"#.into()),
        r#"{"sub":"a"}"#,
        "",
        Some(b"k".to_vec()),
        0,
    )
    .unwrap();
    assert_eq!(same, token);
    let jwk = sign_json(
        "HS256",
        Some(r#"{"kid":"k1"}"#.into()),
        r#"{"sub":"a"}"#,
        r#"{"kty":"oct","k":"aw"}"#,
        None,
        4,
    )
    .unwrap();
    assert_eq!(jwk, token);

    let err =
        |r: Result<String, String>| -> Value { serde_json::from_str(&r.unwrap_err()).unwrap() };
    // A secret cannot sign RS256 (the one key rule); an unknown algorithm is a header error.
    let e = err(sign_json("RS256", None, "{}", "k", None, 0));
    assert_eq!(text(&e[0]), "ERR_KEY_ALG");
    assert_eq!(text(&e[1]), "key");
    let e = err(sign_json("ES256K", None, "{}", "k", None, 0));
    assert_eq!(text(&e[0]), "ERR_SIGN_INPUT");
    assert_eq!(text(&e[1]), "header");
    let e = err(sign_json("HS256", None, "{}", "é0z", None, 3));
    assert_eq!(text(&e[0]), "ERR_KEY_HEX");
    assert_eq!(js_slice("é0z", &e[2], &e[3]), "é");
    let e = err(sign_json("HS256", None, "{}", "", None, 0));
    assert_eq!(text(&e[0]), "ERR_KEY_EMPTY");
    let e = err(sign_json(
        "HS512",
        None,
        "{}",
        r#"{"kty":"oct","k":"aw","alg":"HS256"}"#,
        None,
        4,
    ));
    assert_eq!(text(&e[0]), "ERR_KEY_JWK");
    let e = err(sign_json(
        "HS256",
        None,
        "{}",
        r#"{"keys":[{"kty":"oct","k":"aw"}]}"#,
        None,
        5,
    ));
    assert_eq!(text(&e[0]), "ERR_KEY_JWK");
    let e = err(sign_json(
        "HS256",
        Some(r#"{"alg":"none"}"#.into()),
        "{}",
        "k",
        None,
        0,
    ));
    assert_eq!(text(&e[0]), "ERR_SIGN_INPUT");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn types_and_readme_list_every_code() {
    const TYPES: &str = include_str!("../npm/index.d.ts");
    const README: &str = include_str!("../npm/README.md");
    let ids = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(VerifyCode::ALL.iter().map(|c| c.as_str()))
        .chain(Lint::ALL.iter().map(|l| l.id()));
    let mut missing = Vec::new();
    for id in ids {
        if !TYPES.contains(&format!("\"{id}\"")) {
            missing.push(format!("index.d.ts: {id}"));
        }
        if !README.contains(&format!("`{id}`")) {
            missing.push(format!("npm/README.md: {id}"));
        }
    }
    assert!(missing.is_empty(), "not documented: {missing:?}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn key_format_names() {
    let names: Vec<String> = key_formats().split(',').map(str::to_owned).collect();
    assert_eq!(
        names,
        ["utf8", "base64", "base64url", "hex", "jwk", "jwks", "pem"]
    );
    for (i, name) in names.iter().enumerate() {
        assert_eq!(key_format_index(name), i as i32);
        assert_eq!(key_format_index(&name.to_uppercase()), i as i32);
    }
    assert_eq!(key_format_index("utf-8"), 0);
    assert_eq!(key_format_index("base64-url"), 2);
    assert_eq!(key_format_index("rot13"), -1);
    assert_eq!(key_format_index(""), -1);
}
