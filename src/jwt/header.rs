//! The JOSE header, explained member by member.

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
        "alg" => "Algorithm that secures the token: HS256 = HMAC with SHA-256 (RFC 7515 §4.1.1).",
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

/// The header's members in source order, each with its meaning.
pub fn fields(header: &Json) -> Vec<HeaderField> {
    header
        .as_object()
        .unwrap_or_default()
        .iter()
        .map(|(name, value)| HeaderField {
            name: name.to_string(),
            value: value.clone(),
            description: describe(name),
        })
        .collect()
}
