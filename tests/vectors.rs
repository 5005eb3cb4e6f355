//! The vector files against the core: `public.json` (a copy of the shared HMAC set), `rfc-asymmetric.json`
//! (RFC 7515 / 7520 / 8037 RS, PS, ES and EdDSA examples) and `interop-asymmetric.json` (PyJWT and jose
//! tokens for every asymmetric algorithm, every key form, and the never-verifies cases).
//!
//! Runs natively (`cargo test`) and as a wasm-bindgen-test suite in Node and in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --tests`, with `WASM_BINDGEN_USE_BROWSER=1` for Chromium).

use jwt_inspector::{inspect, verify, Json, KeyFormat, Payload, TokenKind, VerifyOptions};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

const VECTORS: &str = include_str!("vectors/public.json");
const RFC_ASYMMETRIC: &str = include_str!("vectors/rfc-asymmetric.json");
const INTEROP_ASYMMETRIC: &str = include_str!("vectors/interop-asymmetric.json");
const FILES: [(&str, &str, usize); 3] = [
    ("public.json", VECTORS, 30),
    ("rfc-asymmetric.json", RFC_ASYMMETRIC, 14),
    ("interop-asymmetric.json", INTEROP_ASYMMETRIC, 140),
];

fn to_value(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).expect("core numbers are valid JSON"),
        Json::String(s) => Value::String(s.to_string()),
        Json::Array(a) => Value::Array(a.iter().map(to_value).collect()),
        Json::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.to_string(), to_value(v)))
                .collect(),
        ),
    }
}

/// `codeMatches` is a case-insensitive regex in the vectors; the ones used are plain alternations.
fn code_matches(code: &str, pattern: &str) -> bool {
    pattern.split('|').any(|alt| {
        code.to_ascii_lowercase()
            .contains(&alt.to_ascii_lowercase())
    })
}

fn options(case: &Value, default_now: f64) -> VerifyOptions {
    let o = &case["options"];
    let strings = |v: &Value| -> Option<Vec<String>> {
        match v {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(a) => Some(
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect(),
            ),
            _ => None,
        }
    };
    let mut opts = VerifyOptions::new(o["now"].as_f64().unwrap_or(default_now));
    if let Some(b) = o["validateClaims"].as_bool() {
        opts.validate_claims = b;
    }
    if let Some(l) = o["leeway"].as_f64() {
        opts.leeway = l;
    }
    opts.algorithms = strings(&o["algorithms"]);
    opts.audience = strings(&o["audience"]);
    opts.issuer = strings(&o["issuer"]);
    opts.required_claims = strings(&o["requiredClaims"]).unwrap_or_default();
    opts
}

fn run_verify_case(case: &Value, now: f64) -> Result<(), String> {
    let token = case["token"].as_str().unwrap_or_default();
    let (key, format) = match &case["key"] {
        Value::String(s) => {
            let enc = case["keyEncoding"].as_str().unwrap_or("utf8");
            (
                s.clone(),
                KeyFormat::parse(enc).ok_or(format!("unknown keyEncoding {enc}"))?,
            )
        }
        other => (other.to_string(), KeyFormat::Jwk),
    };
    let v = verify(token, &key, format, &options(case, now));
    let expect = &case["expect"];
    if v.is_valid() != expect["valid"].as_bool().unwrap_or(false) {
        return Err(format!(
            "valid = {}, code {:?}: {}",
            v.is_valid(),
            v.code,
            v.message
        ));
    }
    if let Some(alg) = expect["alg"].as_str() {
        if v.alg.as_deref() != Some(alg) {
            return Err(format!("alg = {:?}, expected {alg}", v.alg));
        }
    }
    if !v.is_valid() {
        let code = v.code.map(|c| c.as_str()).unwrap_or_default();
        if code.is_empty() {
            return Err("invalid without a code".into());
        }
        if let Some(p) = expect["codeMatches"].as_str() {
            if !code_matches(code, p) {
                return Err(format!("code {code} does not match {p}"));
            }
        }
    }
    Ok(())
}

fn run_inspect_case(case: &Value, now: f64) -> Result<(), String> {
    let token = case["token"].as_str().unwrap_or_default();
    let i = inspect(token, now);
    let expect = &case["expect"];
    let d = &i.decoded;
    if expect["throws"].as_bool() == Some(true) {
        return if d.errors.is_empty() {
            Err("expected an error".into())
        } else {
            Ok(())
        };
    }
    if !d.errors.is_empty() {
        return Err(format!("unexpected errors: {:?}", d.errors));
    }
    if let Some(kind) = expect["kind"].as_str() {
        if d.kind.as_str() != kind {
            return Err(format!("kind {:?}", d.kind));
        }
    }
    if let Some(alg) = expect["alg"].as_str() {
        if d.alg.as_deref() != Some(alg) {
            return Err(format!("alg {:?}", d.alg));
        }
    }
    if !expect["header"].is_null()
        && d.header.as_ref().map(to_value).as_ref() != Some(&expect["header"])
    {
        return Err(format!("header {:?}", d.header));
    }
    if !expect["payload"].is_null() {
        let got = match &d.payload {
            Some(Payload::Json(j)) => to_value(j),
            Some(Payload::Text(t)) => Value::String(t.clone()),
            other => return Err(format!("payload {other:?}")),
        };
        if got != expect["payload"] {
            return Err(format!("payload {got}"));
        }
    }
    if let Some(sig) = expect["signature"].as_str() {
        if d.part_text(jwt_inspector::Part::Signature) != Some(sig) {
            return Err("signature text differs".into());
        }
    }
    Ok(())
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_vector_passes() {
    let mut failures = Vec::new();
    for (file, text, at_least) in FILES {
        let doc: Value = serde_json::from_str(text).unwrap();
        let now = doc["now"].as_f64().unwrap();
        let cases = doc["cases"].as_array().unwrap();
        assert!(cases.len() >= at_least, "{file} is complete");
        for case in cases {
            let r = match case["kind"].as_str() {
                Some("verify") => run_verify_case(case, now),
                Some("inspect") => run_inspect_case(case, now),
                k => Err(format!("unknown kind {k:?}")),
            };
            if let Err(e) = r {
                failures.push(format!("{file} {}: {e}", case["id"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing vectors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn tampered_vectors_fail_for_the_right_reason() {
    for (_, text, _) in FILES {
        let doc: Value = serde_json::from_str(text).unwrap();
        let now = doc["now"].as_f64().unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let id = case["id"].as_str().unwrap();
            if case["kind"] != "verify" {
                continue;
            }
            let token = case["token"].as_str().unwrap();
            let (key, format) = match &case["key"] {
                Value::String(s) => (
                    s.clone(),
                    KeyFormat::parse(case["keyEncoding"].as_str().unwrap_or("utf8")).unwrap(),
                ),
                other => (other.to_string(), KeyFormat::Jwk),
            };
            let code = verify(token, &key, format, &options(case, now))
                .code
                .map(|c| c.as_str());
            let expected = if id.ends_with("alg-none") {
                Some("ALG_NONE")
            } else if id == "rfc7515-a1-tamper-header" {
                // The flipped bit turns "alg" into "Alg": without an alg the JWS is malformed.
                Some("MALFORMED")
            } else if id.contains("tamper") || id.contains("flip") || id.contains("wrongkey") {
                Some("INVALID_SIGNATURE")
            } else {
                continue;
            };
            assert_eq!(code, expected, "{id}");
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn unsecured_vectors_are_reported_as_such() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        if case["id"].as_str().unwrap().ends_with("alg-none") {
            let i = inspect(case["token"].as_str().unwrap(), 0.0);
            assert_eq!(i.decoded.kind, TokenKind::Unsecured);
            assert!(i.findings.iter().any(|f| f.id() == "alg-none"));
        }
    }
}
