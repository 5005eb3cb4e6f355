//! The npm binding's conversion layer through its Rust entry points: every answer parses as the JSON the
//! wrapper expects, and every UTF-16 offset lies inside the input as JavaScript measures it.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use jwt_inspector::js::{inspect_json, options, verify_json};
use jwt_inspector::{KeyFormat, KeyInput};
use serde_json::Value;

#[derive(Arbitrary, Debug)]
struct Case {
    token: String,
    key: String,
    format: u8,
}

fn offsets_inside(v: &Value, utf16_len: u64) {
    // Error tuples: [code, part, start, end, message].
    if let Value::Array(e) = v {
        if e.len() == 5 && e[2].is_u64() && e[3].is_u64() && e[4].is_string() {
            let (s, t) = (e[2].as_u64().unwrap_or(0), e[3].as_u64().unwrap_or(0));
            assert!(s <= t && t <= utf16_len, "offsets {s}..{t} outside {utf16_len} UTF-16 units");
        }
    }
}

fuzz_target!(|c: Case| {
    let units = c.token.encode_utf16().count() as u64;
    let answer = inspect_json(&c.token, 1.7e9);
    if let Some(errors) = answer.strip_prefix('!') {
        let v: Value = serde_json::from_str(errors).expect("an error list");
        for e in v.as_array().expect("an array") {
            offsets_inside(e, units);
        }
    } else {
        let array = answer.split('\0').next().expect("the array");
        let v: Value = serde_json::from_str(array).unwrap_or_else(|e| panic!("{e}: {array}"));
        for e in v[8].as_array().expect("errors") {
            offsets_inside(e, units);
        }
        for p in v[11].as_array().expect("parts") {
            let end = p[2].as_u64().expect("an end");
            assert!(end <= units, "part end {end} outside {units}");
        }
    }
    let format = KeyFormat::ALL[c.format as usize % KeyFormat::ALL.len()];
    let answer = verify_json(&c.token, KeyInput::Text(&c.key, format), &options(1.7e9, 0.0, true, None));
    let v: Value = serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{e}: {answer}"));
    if let Some(e) = v.get(9).filter(|e| !e.is_null()) {
        offsets_inside(e, c.key.encode_utf16().count() as u64);
    }
});
