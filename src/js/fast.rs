//! A fast path for the common `verify` call: a plain compact HS256/384/512 token whose signature and claims
//! check out, with a single key that was seen before.
//!
//! It only ever answers "valid" — with the verification the core would give — and returns `None` for
//! anything else (any error, any doubt, any failure), so the core decides every other case. What it saves:
//! the clean-up pass and its copies (the input is known to need none), the per-call HMAC key setup (the
//! keyed inner and outer hash states are kept with the cached key: two of the seven or so SHA-256
//! compressions a typical token needs), the key findings and message (the same for every token signed
//! with that key), re-serializing the header and payload (their decoded JSON text is passed on as is:
//! the core's strict parser accepted it, so `JSON.parse` reads it the same way) and the general bookkeeping
//! of `decode`. The unit tests below compare it with the core path on thousands of generated tokens, keys
//! and options.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::out::Out;
use crate::jwt::json::{self, Json};
use crate::jwt::keys::KeySet;
use crate::jwt::lints;
use crate::jwt::mac::HmacAlg;
use crate::jwt::verify::{claims_problem, VerifyOptions, VerifyStatus};

/// What is the same for every token verified with one key and one algorithm: the keyed HMAC state and
/// the pieces of the answer that depend only on the key.
#[derive(Clone)]
struct Prepared<M> {
    mac: M,
    /// `message, keyBits, kid, status, signatureVerified, keyIndex, keyError, findings`: the middle of the
    /// answer.
    middle: String,
}

/// A header the fast path accepted: its base64url text, the decoded JSON text and its algorithm.
struct Header {
    part: String,
    text: String,
    alg: HmacAlg,
}

/// What the fast path keeps with the cached key: per-algorithm [`Prepared`] states, built on first use,
/// and the last header seen (tokens from one issuer share it, so its decoding and checks are done once).
#[derive(Default)]
pub struct FastCache {
    hs256: Option<Prepared<Hmac<Sha256>>>,
    hs384: Option<Prepared<Hmac<Sha384>>>,
    hs512: Option<Prepared<Hmac<Sha512>>>,
    header: Option<Header>,
}

impl std::fmt::Debug for FastCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keyed hash states are key material: never printed.
        f.write_str("FastCache(<redacted>)")
    }
}

/// The middle of the answer for a valid verification with `keys`' single key (see [`Prepared`]), written
/// the way `api::verify_json_core` writes it: `message, keyBits, kid, status, signatureVerified, keyIndex,
/// keyError, findings`.
fn middle(alg: HmacAlg, keys: &KeySet) -> String {
    let key = &keys.keys[0];
    let mut o = Out::with_capacity(256);
    o.open_array();
    o.str(&format!(
        "Signature verified ({}, {}-bit key).",
        alg.name(),
        key.bits()
    ));
    o.uint(key.bits()).opt_str(key.kid.as_deref());
    o.static_str(VerifyStatus::Valid.as_str()).bool(true);
    o.opt_uint(key.index).raw("null");
    let findings = lints::key_findings(alg, &key.bytes, true);
    super::api::findings(&mut o, &findings, &super::utf16::Offsets::new(""));
    o.close_array();
    // Without the brackets: the caller writes it inside its own array.
    let mut text = o.finish();
    text.pop();
    text.remove(0);
    text
}

/// Checks `mac` over `data` with the prepared state for `keys`' single key, preparing it on first use.
/// Returns the answer's middle part when the MAC matches.
fn check<'p, M: Mac + KeyInit + Clone>(
    slot: &'p mut Option<Prepared<M>>,
    alg: HmacAlg,
    keys: &KeySet,
    data: &[u8],
    mac: &[u8],
) -> Option<&'p str> {
    if slot.is_none() {
        // Public-key material as an HMAC secret is refused by the core (algorithm confusion): never prepare it.
        if keys.keys.first()?.asymmetric_kind().is_some() {
            return None;
        }
        *slot = Some(Prepared {
            mac: <M as KeyInit>::new_from_slice(&keys.keys.first()?.bytes).ok()?,
            middle: middle(alg, keys),
        });
    }
    let prepared = slot.as_ref()?;
    let mut m = prepared.mac.clone();
    m.update(data);
    // Constant-time comparison, as in the core (`mac::verify`).
    m.verify_slice(mac).ok()?;
    Some(&prepared.middle)
}

/// Bytes of a base64url part (no padding, no standard alphabet: those go to the core).
const TOKEN_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    table
};

/// Strict base64url: no padding, and no stray trailing bits (a non-canonical encoding goes to the core,
/// which refuses it when verifying strictly and reports it either way).
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

fn decode(text: &str) -> Option<Vec<u8>> {
    BASE64URL.decode(text).ok()
}

/// The header in base64url part `part` when the fast path can take it: a JSON object with an HMAC `alg`
/// and neither `crit` nor `b64` (RFC 7797), which change what is checked and how the payload reads.
fn header<'c>(cache: &'c mut Option<Header>, part: &str) -> Option<&'c Header> {
    if cache.as_ref().is_none_or(|h| h.part != part) {
        let (text, header) = object(part)?;
        let alg = HmacAlg::from_name(header.get("alg")?.as_str()?)?;
        if header.get("crit").is_some() || header.get("b64").is_some() {
            return None;
        }
        *cache = Some(Header {
            part: part.to_owned(),
            text,
            alg,
        });
    }
    cache.as_ref()
}

/// The decoded text of base64url part `text` when it is a JSON object (else `None`: let the core report
/// it), with the parsed value.
fn object(text: &str) -> Option<(String, Json)> {
    let bytes = decode(text)?;
    let text = String::from_utf8(bytes).ok()?;
    let value = json::parse(&text).ok()?.value;
    matches!(value, Json::Object(_)).then_some((text, value))
}

/// `verify_decoded`'s answer, as `api::verify_json_core` would write it, when it is "valid" and the
/// case is a common one; `None` otherwise.
pub fn verify(
    token: &str,
    keys: &KeySet,
    macs: &mut FastCache,
    opts: &VerifyOptions,
) -> Option<String> {
    // Only the three base64url parts and their two dots: then the core's clean-up changes nothing (no
    // whitespace, prefix, quotes or padding) and the token is a JWS.
    let bytes = token.as_bytes();
    let mut dots = [0; 2];
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' {
            *dots.get_mut(n)? = i;
            n += 1;
        } else if !TOKEN_BYTE[b as usize] {
            return None;
        }
    }
    if n != 2 {
        return None;
    }
    let (h, p, s) = (
        &token[..dots[0]],
        &token[dots[0] + 1..dots[1]],
        &token[dots[1] + 1..],
    );

    let Header {
        text: header_text,
        alg,
        ..
    } = header(&mut macs.header, h)?;
    let alg = *alg;
    if let Some(allowed) = &opts.algorithms {
        if !allowed.iter().any(|a| a == alg.name()) {
            return None;
        }
    }
    let (payload_text, payload) = object(p)?;
    let signature = decode(s)?;

    // One key, not a set, usable for this algorithm (the core's candidate rules for a single key).
    let [key] = keys.keys.as_slice() else {
        return None;
    };
    if keys.is_set
        || key.alg.as_deref().is_some_and(|a| a != alg.name())
        || key.use_.as_deref().is_some_and(|u| u != "sig")
        || !key.allows("verify")
    {
        return None;
    }
    let data = &token.as_bytes()[..dots[1]];
    let middle = match alg {
        HmacAlg::HS256 => check(&mut macs.hs256, alg, keys, data, &signature),
        HmacAlg::HS384 => check(&mut macs.hs384, alg, keys, data, &signature),
        HmacAlg::HS512 => check(&mut macs.hs512, alg, keys, data, &signature),
    }?;
    // The core's own claim rules (an answer other than "valid" is left to the core, with its message).
    if opts.validate_claims && claims_problem(&payload, opts).is_some() {
        return None;
    }
    let mut o = Out::with_capacity(64 + middle.len() + header_text.len() + payload_text.len());
    o.open_array();
    o.bool(true).str(alg.name()).raw("-1").raw(middle);
    o.raw(header_text).raw(&payload_text).static_str("json");
    o.close_array();
    Some(o.finish())
}

#[cfg(test)]
mod tests {
    use super::super::api::{verify_json, verify_json_reference, KeyInput};
    use super::*;
    use crate::jwt::b64;
    use crate::jwt::keys::{self, KeyFormat, SymmetricKey};
    use crate::jwt::mac;

    const NOW: f64 = 1_700_000_000.0;

    /// A token over raw header and payload texts, MACed with the header's HMAC alg (HS256 otherwise).
    fn token(header: &str, payload: &str, key: &[u8]) -> String {
        token_with(header, payload, key, false)
    }

    /// [`token`], optionally with non-zero trailing bits in the payload's last base64url character (a
    /// non-canonical encoding of the same bytes, signed as written).
    fn token_with(header: &str, payload: &str, key: &[u8], stray_bits: bool) -> String {
        let alg = json::parse(header)
            .ok()
            .and_then(|p| {
                p.value
                    .get("alg")
                    .and_then(Json::as_str)
                    .and_then(HmacAlg::from_name)
            })
            .unwrap_or(HmacAlg::HS256);
        let mut p = b64::encode(payload.as_bytes());
        if stray_bits && p.len() % 4 != 0 {
            const URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let last = p.pop().unwrap_or('A');
            let value = URL.iter().position(|&c| c == last as u8).unwrap_or(0);
            p.push(URL[value | 1] as char);
        }
        let input = format!("{}.{p}", b64::encode(header.as_bytes()));
        let sig = b64::encode(&mac::sign(alg, key, input.as_bytes()));
        format!("{input}.{sig}")
    }

    fn options(i: usize) -> VerifyOptions {
        let mut o = VerifyOptions::new(NOW);
        let list = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect());
        match i {
            0 => {}
            1 => o.validate_claims = false,
            2 => o.leeway = 30.0,
            3 => o.audience = list(&["api", "other"]),
            4 => o.issuer = list(&["me"]),
            5 => o.required_claims = vec!["sub".into(), "exp".into()],
            6 => o.algorithms = list(&["HS384"]),
            7 => o.algorithms = list(&["HS256", "HS512"]),
            _ => o.now = NOW + 200.0,
        }
        o
    }

    #[test]
    fn the_fast_path_gives_the_cores_answer() {
        let headers = [
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"alg":"HS384"}"#,
            r#"{"typ":"JWT","alg":"HS512","kid":"k1"}"#,
            r#"{"alg":"HS256","kid":"nope"}"#,
            r#"{"alg":"hs256"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"RS256"}"#,
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
            r#"{"alg":"HS256","b64":true}"#,
            r#"{"alg":"none","alg":"HS256"}"#,
            r#"{"alg":"HS256","alg":"none"}"#,
            r#"{"alg":1}"#,
            r#"{"typ":"JWT"}"#,
            r#"["HS256"]"#,
            r#" {"alg":"HS256"} "#,
            r#"{"alg":"HS256""#,
        ];
        let exp_ok = format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 100.0);
        let payloads = [
            "{}".to_owned(),
            r#"{"sub":"a","name":"Zoë \"q\" \\ \n"}"#.to_owned(),
            exp_ok.clone(),
            format!(r#"{{"exp":{}}}"#, NOW - 1.0),
            format!(r#"{{"exp":{NOW}}}"#),
            format!(r#"{{"exp":{}}}"#, NOW - 20.0),
            r#"{"exp":"soon"}"#.to_owned(),
            r#"{"exp":1e400}"#.to_owned(),
            format!(r#"{{"nbf":{}}}"#, NOW + 10.0),
            format!(r#"{{"iat":{}.5}}"#, NOW),
            format!(r#"{{"exp":{},"exp":{}}}"#, NOW + 100.0, NOW - 100.0),
            r#"{"aud":"api","iss":"me","sub":"x","exp":99999999999}"#.to_owned(),
            r#"{"aud":["x","api"],"iss":5}"#.to_owned(),
            r#"{"aud":5}"#.to_owned(),
            r#"{"big":12345678901234567890123,"f":1.50,"n":null,"a":[{"b":[]}]}"#.to_owned(),
            "[1,2]".to_owned(),
            "\"text\"".to_owned(),
            "hello".to_owned(),
            "{bad".to_owned(),
            " \t{\"a\":1}\n".to_owned(),
            r#"{"lone":"\ud800","pair":"\ud83d\ude00","esc":"\u0041\/"}"#.to_owned(),
            String::new(),
        ];
        let keys: [(&str, KeyFormat); 11] = [
            ("secret", KeyFormat::Utf8),
            ("0123456789abcdef0123456789abcdef", KeyFormat::Utf8),
            ("c2VjcmV0", KeyFormat::Base64),
            ("736563726574", KeyFormat::Hex),
            (r#"{"kty":"oct","k":"c2VjcmV0"}"#, KeyFormat::Jwk),
            (
                r#"{"kty":"oct","k":"c2VjcmV0","kid":"k1","alg":"HS512"}"#,
                KeyFormat::Jwk,
            ),
            (
                r#"{"kty":"oct","k":"c2VjcmV0","use":"enc"}"#,
                KeyFormat::Jwk,
            ),
            (
                r#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"k1"}]}"#,
                KeyFormat::Jwks,
            ),
            ("", KeyFormat::Utf8),
            ("zz", KeyFormat::Hex),
            ("wrong", KeyFormat::Utf8),
        ];
        let mutations = 8;
        let (mut cases, mut fast_hits) = (0, 0);
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for round in 0..6000 {
            // Every header/payload pair with the first key at least once, then random combinations.
            let (h, p) = if round < headers.len() * payloads.len() {
                (round % headers.len(), round / headers.len())
            } else {
                (next(headers.len()), next(payloads.len()))
            };
            let (key_text, format) = keys[if round < headers.len() * payloads.len() {
                0
            } else {
                next(keys.len())
            }];
            let signing_key = match keys::parse(key_text, format) {
                Ok(set) => set.keys[0].bytes.clone(),
                Err(_) => b"secret".to_vec(),
            };
            let t = token(headers[h], &payloads[p], &signing_key);
            let t = match next(mutations * 2) {
                0 => format!("Bearer {t}"),
                1 => format!("{t}\n"),
                2 => format!("{t}="),
                3 => t.replacen('.', "..", 1),
                4 => t[..t.rfind('.').unwrap_or(0) + 1].to_owned(),
                5 => {
                    let mut b = t.into_bytes();
                    let i = b.len() - 3;
                    b[i] = if b[i] == b'A' { b'B' } else { b'A' };
                    String::from_utf8(b).unwrap_or_default()
                }
                6 => t.replacen('.', "+", 1),
                7 => token(headers[h], &payloads[p], b"some other key"),
                8 | 9 => token_with(headers[h], &payloads[p], &signing_key, true),
                _ => t,
            };
            let opts = options(next(9));
            let key = KeyInput::Text(key_text, format);
            let fast = verify_json(&t, key, &opts);
            let reference = verify_json_reference(&t, key, &opts);
            assert_eq!(
                fast, reference,
                "token {t}, key {key_text:?}, options {opts:?}"
            );
            if let Ok(set) = keys::parse(key_text, format) {
                if verify(&t, &set, &mut FastCache::default(), &opts).is_some() {
                    fast_hits += 1;
                }
            }
            cases += 1;
        }
        assert_eq!(cases, 6000);
        // The comparison is only worth something if the fast path really answered many of the cases.
        assert!(fast_hits > 150, "fast path answered only {fast_hits} cases");
    }

    #[test]
    fn raw_byte_keys_take_the_fast_path_too() {
        let key = [7u8; 32];
        let t = token(r#"{"alg":"HS512"}"#, r#"{"sub":"a"}"#, &key);
        let opts = VerifyOptions::new(NOW);
        let set = KeySet {
            keys: vec![SymmetricKey::from_bytes(key.to_vec())],
            is_set: false,
            skipped: Vec::new(),
        };
        assert!(verify(&t, &set, &mut FastCache::default(), &opts).is_some());
        assert_eq!(
            verify_json(&t, KeyInput::Bytes(&key), &opts),
            verify_json_reference(&t, KeyInput::Bytes(&key), &opts)
        );
        // A non-canonical base64url payload (stray trailing bits), signed as written, is left to the core,
        // which refuses it when verifying strictly; both paths give the same answer.
        let odd = token_with(r#"{"alg":"HS512"}"#, r#"{"sub":"a"}"#, &key, true);
        assert_ne!(odd, t);
        assert!(verify(&odd, &set, &mut FastCache::default(), &opts).is_none());
        assert_eq!(
            verify_json(&odd, KeyInput::Bytes(&key), &opts),
            verify_json_reference(&odd, KeyInput::Bytes(&key), &opts)
        );
        // The prepared state is reused for the next token and still rejects a wrong MAC.
        let mut macs = FastCache::default();
        assert!(verify(&t, &set, &mut macs, &opts).is_some());
        let other = token(r#"{"alg":"HS512"}"#, r#"{"sub":"b"}"#, b"another key");
        assert!(verify(&other, &set, &mut macs, &opts).is_none());
        assert!(verify(&t, &set, &mut macs, &opts).is_some());
    }
}
