//! The JSON parser against serde_json on what both accept: the same values (numbers compared as f64 — ours keeps
//! the text — strings exactly, objects by their last member of each name, as `JSON.parse` and serde_json take
//! them) and the same duplicates decision; and our pretty and compact texts parse back to the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;

use jwt_inspector::json::{self, Json};
use serde_json::Value;

fn same(ours: &Json, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(a), Value::Number(b)) => {
            let a: f64 = a.parse().unwrap_or(f64::NAN);
            b.as_f64().is_some_and(|b| a == b || (a.is_infinite() && b.is_infinite()))
        }
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Json::Object(_), Value::Object(b)) => {
            let names: std::collections::BTreeSet<&str> = ours.as_object().unwrap_or_default().iter().map(|(k, _)| k.as_str()).collect();
            names.len() == b.len() && b.iter().all(|(k, v)| ours.get(k).is_some_and(|o| same(o, v)))
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = json::parse(text);
    if let Ok(p) = &ours {
        let again = json::parse(&p.value.to_compact()).expect("compact text parses");
        assert_eq!(again.value, p.value, "compact round trip");
        let again = json::parse(&p.value.to_pretty()).expect("pretty text parses");
        assert_eq!(again.value, p.value, "pretty round trip");
    }
    let theirs: Result<Value, _> = serde_json::from_str(text);
    if let (Ok(p), Ok(v)) = (&ours, &theirs) {
        assert!(same(&p.value, v), "different values for {text:?}");
    }
    // What serde_json accepts, we accept (we are not stricter than RFC 8259), unless it is nested past our depth.
    if theirs.is_ok() && ours.is_err() {
        let e = ours.unwrap_err();
        assert_eq!(e.code, jwt_inspector::ErrorCode::JsonDepth, "rejected valid JSON {text:?}: {e:?}");
    }
});
