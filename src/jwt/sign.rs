//! Signing: compact JWS for every supported algorithm (HS*, RS*, PS*, ES256/384/512, EdDSA), byte-compatible
//! with PyJWT, jose and jsonwebtoken for the deterministic ones.

use super::alg::Alg;
use super::asym::Entropy;
use super::b64;
use super::crit;
use super::error::{ErrorCode, InspectError, Part, Span};
use super::json::{self, Json};
use super::keys::{self, KeySet, Operation};
use super::mac;

fn sign_err(part: Part, message: impl Into<String>) -> InspectError {
    InspectError::new(ErrorCode::SignInput, part, Span::default(), message)
}

/// The header for `alg`: `{"alg":…,"typ":"JWT"}` followed by the members of `extra` in their order (an
/// `extra` `typ` replaces the default; an `extra` `alg` must agree with `alg`).
pub fn header_for(alg: Alg, extra: Option<&Json>) -> Result<Json, InspectError> {
    let mut members = vec![
        ("alg".into(), Json::String(alg.name().into())),
        ("typ".into(), Json::String("JWT".into())),
    ];
    if let Some(extra) = extra {
        let Some(extra) = extra.as_object() else {
            return Err(sign_err(
                Part::Header,
                format!("The header must be an object, not {}.", extra.type_name()),
            ));
        };
        for (k, v) in extra {
            match k.as_str() {
                "alg" if v.as_str() != Some(alg.name()) => {
                    return Err(sign_err(
                        Part::Header,
                        format!(
                            "The header's alg conflicts with the algorithm {}.",
                            alg.name()
                        ),
                    ))
                }
                "alg" => {}
                "typ" => members[1].1 = v.clone(),
                _ => members.push((k.clone(), v.clone())),
            }
        }
    }
    Ok(Json::Object(members))
}

/// Signs `payload` (the exact bytes to protect; JSON is not re-serialized) under `header`, whose `alg` must
/// be HS256, HS384 or HS512, with the secret `key` — accepted under the same rule as every other secret
/// ([`keys::secret`]: not empty, not key material). With `"b64": false` (RFC 7797) the payload is used
/// unencoded.
pub fn sign(header: &Json, payload: &[u8], key: &[u8]) -> Result<String, InspectError> {
    sign_with(header, payload, &keys::from_bytes(key)?)
}

/// Signs with parsed keys and no random source: see [`sign_with_entropy`] (RSA-PSS needs one).
pub fn sign_with(header: &Json, payload: &[u8], keys: &KeySet) -> Result<String, InspectError> {
    sign_with_entropy(header, payload, keys, None)
}

/// Signs with parsed keys: `keys` must be one key (not a JWK Set), and the one key rule
/// ([`keys::permits`]) must allow it to sign with the header's `alg` — the rule verification follows, so a
/// public key, a key of another type or curve, or a JWK restricted to another algorithm, to encryption or to
/// `verify` never signs. `entropy` (the caller's random source: the core has none) salts RSA-PSS, which
/// fails without it, and blinds RSA's private operation; ECDSA (RFC 6979) and Ed25519 are deterministic.
pub fn sign_with_entropy(
    header: &Json,
    payload: &[u8],
    keys: &KeySet,
    entropy: Option<Entropy<'_>>,
) -> Result<String, InspectError> {
    if header.as_object().is_none() {
        return Err(sign_err(
            Part::Header,
            format!("The header must be an object, not {}.", header.type_name()),
        ));
    }
    let alg = match header.get("alg") {
        Some(Json::String(a)) => Alg::from_name(a).ok_or_else(|| {
            sign_err(
                Part::Header,
                format!(
                    "Cannot sign with alg \"{a}\": HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 \
                     and EdDSA are supported."
                ),
            )
        })?,
        _ => {
            return Err(sign_err(
                Part::Header,
                "The header needs an \"alg\" (HS256, RS256, ES256, EdDSA, …).",
            ))
        }
    };
    let key_problem =
        |message: String| InspectError::new(ErrorCode::KeyJwk, Part::Key, Span::default(), message);
    let key = match keys.keys.as_slice() {
        [k] if !keys.is_set => k,
        _ => {
            return Err(key_problem(
                "A JWK Set cannot sign: signing needs one key.".to_owned(),
            ))
        }
    };
    keys::permits(key, alg, Operation::Sign).map_err(|r| {
        let mut e = key_problem(r.message);
        if key.secret().is_none() || alg.is_asymmetric() {
            e.code = ErrorCode::KeyAlg;
        }
        e
    })?;
    // Other `crit` problems are the signer's choice (a debugger makes test tokens); `b64` changes how the
    // payload is written, so its rule (RFC 7797 §3, §6) is enforced.
    if let Some(p) = crit::problems(header)
        .into_iter()
        .find(|p| p.starts_with("\"b64\""))
    {
        return Err(sign_err(
            Part::Header,
            format!("{p}: recipients would misread the token."),
        ));
    }
    let mut out = b64::encode(header.to_compact().as_bytes());
    out.push('.');
    if matches!(header.get("b64"), Some(Json::Bool(false))) {
        match std::str::from_utf8(payload) {
            Ok(text) if !text.contains('.') => out.push_str(text),
            _ => {
                return Err(sign_err(
                    Part::Payload,
                    "With \"b64\": false the compact payload must be UTF-8 text without '.' (RFC 7797 §5.2).",
                ))
            }
        }
    } else {
        out.push_str(&b64::encode(payload));
    }
    let sig = match (alg.hmac(), &key.material) {
        (Some(h), keys::KeyMaterial::Oct(secret)) => mac::sign(h, secret, out.as_bytes()),
        (_, keys::KeyMaterial::Asym(k)) => k
            .sign(alg, out.as_bytes(), entropy)
            .map_err(|f| InspectError::new(ErrorCode::KeyAlg, Part::Key, Span::default(), f.0))?,
        _ => return Err(key_problem("The key cannot sign this algorithm.".into())),
    };
    out.push('.');
    out.push_str(&b64::encode(&sig));
    Ok(out)
}

/// Signs JSON texts as typed in an editor: both are parsed (errors carry the byte offset in that text) and
/// signed in compact form, keeping member order and number text, with [`sign_with`]'s key rule.
pub fn sign_json_text(header: &str, payload: &str, keys: &KeySet) -> Result<String, InspectError> {
    sign_json_text_with_entropy(header, payload, keys, None)
}

/// [`sign_json_text`] with the caller's random source (see [`sign_with_entropy`]): what an editor needs to
/// sign PS* and to blind RSA.
pub fn sign_json_text_with_entropy(
    header: &str,
    payload: &str,
    keys: &KeySet,
    entropy: Option<Entropy<'_>>,
) -> Result<String, InspectError> {
    let parse = |text: &str, part: Part| {
        json::parse(text).map(|p| p.value).map_err(|e| {
            InspectError::new(
                e.code,
                part,
                Span::char_at(text, e.offset),
                format!("Invalid {part} JSON at byte {}: {}", e.offset, e.message),
            )
        })
    };
    let h = parse(header, Part::Header)?;
    let p = parse(payload, Part::Payload)?;
    sign_with_entropy(&h, p.to_compact().as_bytes(), keys, entropy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_article_token() {
        // PyJWT: jwt.encode({"sub":…}, "secret", algorithm="HS256") with jwt.io's header order.
        let h = json::parse(r#"{"alg":"HS256","typ":"JWT"}"#).unwrap().value;
        let t = sign(
            &h,
            br#"{"sub":"1234567890","name":"John Doe","admin":true}"#,
            b"secret",
        )
        .unwrap();
        assert_eq!(
            t,
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ"
        );
        let t2 = sign_json_text(
            "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}",
            "{ \"sub\": \"1234567890\", \"name\": \"John Doe\", \"admin\": true }",
            &keys::from_bytes(b"secret").unwrap(),
        )
        .unwrap();
        assert_eq!(t, t2);
    }

    #[test]
    fn header_building() {
        let extra = json::parse(r#"{"kid":"k1","typ":"at+jwt"}"#).unwrap().value;
        let h = header_for(Alg::HS384, Some(&extra)).unwrap();
        assert_eq!(
            h.to_compact(),
            r#"{"alg":"HS384","typ":"at+jwt","kid":"k1"}"#
        );
        let bad = json::parse(r#"{"alg":"none"}"#).unwrap().value;
        assert_eq!(
            header_for(Alg::HS256, Some(&bad)).unwrap_err().code,
            ErrorCode::SignInput
        );
        assert!(sign(&bad, b"{}", b"k").is_err());
    }

    #[test]
    fn text_errors_are_located() {
        let k = keys::from_bytes(b"k").unwrap();
        let e = sign_json_text(r#"{"alg":"HS256"}"#, r#"{"a":1,}"#, &k).unwrap_err();
        assert_eq!(
            (e.code, e.part, e.span.start),
            (ErrorCode::JsonSyntax, Part::Payload, 7)
        );
        let e = sign(
            &json::parse(r#"{"alg":"HS256"}"#).unwrap().value,
            b"{}",
            b"",
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::KeyEmpty);
    }
}
