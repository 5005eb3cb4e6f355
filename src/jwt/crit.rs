//! The one `crit` rule (RFC 7515 §4.1.11) with the `b64` extension (RFC 7797), used by verification (any
//! problem rejects the token) and by the `crit` finding (which lists them).
//!
//! Linear by construction: at most [`MAX_CRIT`] entries are looked at (more is itself a problem), each
//! checked against a set of the names seen, and only the understood extension is looked up in the header.

use super::json::Json;

/// More `crit` entries than this are refused without reading them: only `b64` is understood, so a longer
/// list can never be honoured.
pub const MAX_CRIT: usize = 64;

/// Header parameters this tool understands well enough to honour when listed in `crit`.
const UNDERSTOOD: &[&str] = &["b64"];

/// Header parameters defined by RFC 7515/7516/7518, which `crit` must not list (RFC 7515 §4.1.11).
const REGISTERED: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Every reason header `h` must be rejected for its `crit` and `b64` members, each the end of a sentence
/// (`"crit" lists "x", …`); empty when there is none.
pub fn problems(h: &Json) -> Vec<String> {
    let mut out = Vec::new();
    let b64 = h.get("b64");
    if b64.is_some_and(|b| !matches!(b, Json::Bool(_))) {
        out.push("\"b64\" must be a boolean (RFC 7797 §3)".to_owned());
    }
    let Some(crit) = h.get("crit") else {
        if matches!(b64, Some(Json::Bool(false))) {
            // RFC 7797 §6: recipients that do not know b64 would verify a different payload.
            out.push("\"b64\": false must be listed in \"crit\" (RFC 7797 §6)".to_owned());
        }
        return out;
    };
    let items = match crit {
        Json::Array(items) if items.is_empty() => {
            out.push("\"crit\" must not be an empty array".to_owned());
            return out;
        }
        Json::Array(items) if items.len() > MAX_CRIT => {
            out.push(format!(
                "\"crit\" lists {} names, more than the {MAX_CRIT} any recipient reads",
                items.len()
            ));
            return out;
        }
        Json::Array(items) => items,
        other => {
            out.push(format!(
                "\"crit\" must be an array of names, not {}",
                other.type_name()
            ));
            return out;
        }
    };
    let mut seen: Vec<&str> = Vec::with_capacity(items.len());
    for item in items {
        let name = match item.as_str() {
            None | Some("") => {
                out.push("\"crit\" lists something that is not a non-empty string".to_owned());
                continue;
            }
            Some(name) => name,
        };
        if seen.contains(&name) {
            out.push(format!("\"crit\" lists \"{name}\" more than once"));
            continue;
        }
        seen.push(name);
        if REGISTERED.contains(&name) {
            out.push(format!(
                "\"crit\" lists \"{name}\", a registered parameter it must not list"
            ));
        } else if !UNDERSTOOD.contains(&name) {
            out.push(format!(
                "\"crit\" requires the extension \"{name}\", which this tool does not understand"
            ));
        } else if h.get(name).is_none() {
            out.push(format!(
                "\"crit\" lists \"{name}\", which the header does not contain"
            ));
        }
    }
    if matches!(b64, Some(Json::Bool(false))) && !seen.contains(&"b64") {
        out.push("\"b64\": false must be listed in \"crit\" (RFC 7797 §6)".to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json;

    fn of(header: &str) -> Vec<String> {
        problems(&json::parse(header).unwrap().value)
    }

    #[test]
    fn the_rule() {
        assert!(of(r#"{"alg":"HS256"}"#).is_empty());
        assert!(of(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#).is_empty());
        assert!(of(r#"{"alg":"HS256","b64":true,"crit":["b64"]}"#).is_empty());
        for bad in [
            r#"{"b64":false}"#,
            r#"{"b64":"false","crit":["b64"]}"#,
            r#"{"crit":[]}"#,
            r#"{"crit":"b64","b64":true}"#,
            r#"{"crit":["b64","b64"],"b64":true}"#,
            r#"{"crit":["exp"],"exp":1}"#,
            r#"{"crit":["alg"]}"#,
            r#"{"crit":["b64"]}"#,
            r#"{"crit":[1]}"#,
        ] {
            assert!(!of(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn long_lists_are_refused_unread() {
        let names = vec!["\"b64\""; MAX_CRIT + 1].join(",");
        let p = of(&format!(r#"{{"b64":true,"crit":[{names}]}}"#));
        assert_eq!(p.len(), 1, "{p:?}");
    }
}
