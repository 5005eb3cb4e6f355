//! The JOSE header, explained member by member.

use super::alg::Alg;
use super::json::Json;

/// One header member with what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    /// The member name.
    pub name: String,
    /// Its value.
    pub value: Json,
    /// One line on what it means, for registered JWS/JWE/RFC 7797 parameters.
    pub description: Option<&'static str>,
}

/// The one-line meaning of a registered header parameter.
pub fn describe(name: &str) -> Option<&'static str> {
    Some(match name {
        "alg" => ALG,
        "typ" => "Media type of the whole token, usually \"JWT\" (RFC 7515 §4.1.9, RFC 7519 §5.1).",
        "cty" => "Content type of the payload; \"JWT\" means a nested token (RFC 7515 §4.1.10).",
        "kid" => "Key ID: a hint for which key verifies the token (RFC 7515 §4.1.4).",
        "crit" => "Extensions the recipient must understand, or else reject the token (RFC 7515 §4.1.11).",
        "jku" => "URL of a JWK Set holding the key — never fetched here, never trust it blindly (RFC 7515 §4.1.2).",
        "jwk" => "A public key embedded in the token itself — anyone can embed their own (RFC 7515 §4.1.3).",
        "x5u" => "URL of an X.509 certificate chain — never fetched here (RFC 7515 §4.1.5).",
        "x5c" => "An X.509 certificate chain embedded in the token (RFC 7515 §4.1.6).",
        "x5t" => "SHA-1 thumbprint of the signing certificate (RFC 7515 §4.1.7).",
        "x5t#S256" => "SHA-256 thumbprint of the signing certificate (RFC 7515 §4.1.8).",
        "b64" => "false means the payload is not base64url-encoded (RFC 7797 §3).",
        "enc" => "JWE content encryption algorithm (RFC 7516 §4.1.2).",
        "zip" => "JWE compression applied before encryption (RFC 7516 §4.1.3).",
        "epk" => "JWE ephemeral public key for ECDH key agreement (RFC 7518 §4.6.1.1).",
        "apu" => "JWE agreement PartyUInfo for ECDH (RFC 7518 §4.6.1.2).",
        "apv" => "JWE agreement PartyVInfo for ECDH (RFC 7518 §4.6.1.3).",
        "iv" => "Initialization vector for AES-GCM key wrapping (RFC 7518 §4.7.1.1).",
        "tag" => "Authentication tag for AES-GCM key wrapping (RFC 7518 §4.7.1.2).",
        "p2s" => "PBES2 salt input (RFC 7518 §4.8.1.1).",
        "p2c" => "PBES2 iteration count (RFC 7518 §4.8.1.2).",
        "nonce" => "A replay-protection nonce (RFC 8555 §6.5.2).",
        "url" => "The URL the request is for (RFC 8555 §6.4.1).",
        "ppt" => "PASSporT extension (RFC 8225 §8.1).",
        _ => return None,
    })
}

/// What `alg` means when its value is not one named below.
const ALG: &str =
    "Algorithm that secures the token: how it is signed, or for a JWE how its key is managed (RFC 7515 §4.1.1).";

/// The explanation of `alg` for the token's own algorithm ([`Alg::explanation`]), or for `none`.
fn alg_line(value: &str) -> Option<&'static str> {
    match value {
        "none" => Some(
            "Algorithm that secures the token: none = no signature at all: an unsecured token (RFC 7519 §6), \
             never to be accepted (RFC 7515 §4.1.1).",
        ),
        _ => Alg::from_name(value).map(Alg::explanation),
    }
}

/// The meaning of header member `name` with value `value`: `alg` names the token's algorithm.
pub fn describe_value(name: &str, value: &Json) -> Option<&'static str> {
    match (name, value) {
        ("alg", Json::String(a)) => alg_line(a).or(Some(ALG)),
        _ => describe(name),
    }
}

/// The header's members in source order, each with its meaning.
pub fn fields(header: &Json) -> Vec<HeaderField> {
    header
        .as_object()
        .unwrap_or_default()
        .iter()
        .map(|(name, value)| HeaderField {
            name: name.to_string(),
            value: value.clone(),
            description: describe_value(name, value),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::json;
    use super::*;

    #[test]
    fn alg_is_explained_for_the_tokens_algorithm() {
        for a in Alg::ALL {
            let line = describe_value("alg", &Json::String(a.name().into())).unwrap();
            assert!(
                line.contains(&format!("{} = {} (", a.name(), a.describe())),
                "{line}"
            );
        }
        let h = json::parse(r#"{"alg":"RS256","typ":"JWT"}"#).unwrap().value;
        let f = fields(&h);
        assert_eq!(
            f[0].description,
            Some("Algorithm that secures the token: RS256 = RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7515 §4.1.1).")
        );
        assert!(!f[0].description.unwrap().contains("HS256"));
        for other in [r#""ES256K""#, r#""A128KW""#, "1"] {
            let v = json::parse(other).unwrap().value;
            assert_eq!(describe_value("alg", &v), Some(ALG), "{other}");
        }
        assert!(describe_value("none", &Json::Null).is_none());
    }
}
