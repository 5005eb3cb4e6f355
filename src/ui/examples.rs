//! The examples menu: real tokens (published vectors, signed here by the core's own `sign`, or made once with
//! PyJWT by `scripts/make-app-examples.py` and kept here as text: nothing is fetched).

use crate::jwt::json;
use crate::{sign, KeyFormat};

/// One entry of the examples menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// A stable id (`article`, `expired`, …), used as the `<option>` value.
    pub id: &'static str,
    /// What the menu shows.
    pub label: &'static str,
    /// The token.
    pub token: String,
    /// The key that verifies it, as the key field takes it (empty when the example has none to give).
    pub key: &'static str,
    /// How the key is read.
    pub key_format: KeyFormat,
}

/// The source article's token (PyJWT, HS256, secret `secret`).
pub const ARTICLE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";

/// RFC 7520 §4.4: HS256 over a plain-text payload (key: the JWK in that section).
pub const RFC7520_TEXT: &str = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

/// The JWK that verifies [`RFC7520_TEXT`] (RFC 7520 §3.5).
pub const RFC7520_JWK: &str = r#"{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;

/// An OpenID Connect-style ID token (RS256, `kid` header; issuer https://accounts.example.com, expiring in
/// 2100), made once by `scripts/make-app-examples.py` with PyJWT and a fresh RSA-2048 key whose private half
/// was never written down.
pub const OIDC_RS256: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImV4YW1wbGUtcnNhLTIwMjYiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmV4YW1wbGUuY29tIiwic3ViIjoiMjQ4Mjg5NzYxMDAxIiwiYXVkIjoiczZCaGRSa3F0MyIsImVtYWlsIjoiamFuZS5kb2VAZXhhbXBsZS5jb20iLCJlbWFpbF92ZXJpZmllZCI6dHJ1ZSwibmFtZSI6IkphbmUgRG9lIiwibm9uY2UiOiJuLTBTNl9XekEyTWoiLCJhdXRoX3RpbWUiOjE3NjcyMjU2MDAsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.TaOf7nkSy_j4el1kPcwB_FfTFBNMw1Nwf4J6jK3Z7IlnK-rRYn-mC7twpc8Nil1WFxOpxlPW6KCrlvksWgXLDZIIL5fGwSMX2ocAA6cNT1Oe0UmGLlQbl5QWJGiR71Yf-56pOjEerlkWikdfmjmFL7hIZpxsMNzI9iwOK3bI2h_Dgm6q7y36q_IpIZt--PCrCyZtJMCqCf4OSeEcUOERcdSIY43fT5lo3l9r6pUXcUVcCtksu2y6RNdAmlvQw87dPiUBQ0kRnUjdHArM9PiMQ-nhPbTHxY3OCEN9X2YKViD4jcMsNrau0cLVPUoKVZICP9Hwz3w15jooUN-6yVWiSg";

/// The RSA public key (PEM, SubjectPublicKeyInfo) that verifies [`OIDC_RS256`].
pub const OIDC_RS256_PEM: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7/i25JvecSaNcw4kLW4u\n\
fxKc1g+H6RpKG4C9a8Pe3ZMJ54/IrhbyeaI0Vuj8ouOCkJKUhoIe43zBD5cfe/ik\n\
Ep9AhLBxcdCSyCZl6TLCohKMmFQhVaPVSOuZAbUZUXMSfrVnHCRgNOwdwhMbwJ27\n\
nDndUtmEJ/C1+E7sItN30SL9cmyZNRhgPeMECr7J57nk8CgYwDxEoXUrtbNwoiZz\n\
goYFj3MEbjtS6kok33YSIAsajmL2xYRi5qOBXzrt2tTam1apHLzQA4KXaeSjBxoM\n\
0pyMLKvUgvfNNUpo+GCgcMPonpPWz3UMfk4U9Bp/s+ewkYZi1wVqyPGhHEHXU9P9\n\
VQIDAQAB\n\
-----END PUBLIC KEY-----\n";

/// An ES256 token (P-256, `kid` header, expiring in 2100), made the same way.
pub const ES256_TOKEN: &str = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImV4YW1wbGUtcDI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZXZpY2UtNyIsInNjb3BlIjoicmVhZDp0ZWxlbWV0cnkiLCJpYXQiOjE3NjcyMjU2MDAsImV4cCI6NDEwMjQ0NDgwMH0.bEov-s9RsSSBnj76JaLTJF1yg_BA74lWduOZdNiaIcmiIXMWSxQ7wkFLX5_0xyL1pkOwZLfifYiycLJKNPFzrw";

/// The public JWK that verifies [`ES256_TOKEN`].
pub const ES256_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"CBzgUtLWC5tg3YQOBk1pReBOo-EZrru0pwOOJGtVW_Q","y":"OMZAAnRaGWZves0iPot0ntb3ZuQMd_dYSA8ubMW2Avc","kid":"example-p256","use":"sig","alg":"ES256"}"#;

/// RFC 7516 Appendix A.3: a JWE (A128KW, A128CBC-HS256).
pub const RFC7516_JWE: &str = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";

/// The article token with a character of its payload replaced by `!`: an error in the payload, while the
/// header and the signature still decode.
pub fn broken() -> String {
    ARTICLE.replacen("eyJzdWIi", "eyJzd!Ii", 1)
}

/// An HS256 token (secret `secret`) that expired on 2018-01-18 (iat 2018-01-18T01:30:22Z, exp one hour later).
pub fn expired() -> String {
    signed(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"sub":"1234567890","name":"John Doe","iat":1516239022,"exp":1516242622}"#,
    )
}

/// An `alg: none` token: unsecured, nothing to verify.
pub fn unsecured() -> String {
    use crate::jwt::b64::encode;
    format!(
        "{}.{}.",
        encode(br#"{"alg":"none","typ":"JWT"}"#),
        encode(br#"{"sub":"1234567890","admin":true}"#)
    )
}

fn signed(header: &str, payload: &str) -> String {
    // Both texts are constants that parse and the key is non-empty, so signing cannot fail (tests check).
    json::parse(header)
        .ok()
        .and_then(|h| sign(&h.value, payload.as_bytes(), b"secret").ok())
        .unwrap_or_default()
}

/// Every example, in menu order.
pub fn all() -> Vec<Example> {
    vec![
        Example {
            id: "article",
            label: "HS256 token from the article (secret: secret)",
            token: ARTICLE.to_owned(),
            key: "secret",
            key_format: KeyFormat::Utf8,
        },
        Example {
            id: "expired",
            label: "Expired token (secret: secret)",
            token: expired(),
            key: "secret",
            key_format: KeyFormat::Utf8,
        },
        Example {
            id: "text",
            label: "Plain-text payload (RFC 7520 §4.4, JWK key)",
            token: RFC7520_TEXT.to_owned(),
            key: RFC7520_JWK,
            key_format: KeyFormat::Jwk,
        },
        Example {
            id: "oidc-rs256",
            label: "OpenID Connect ID token, RS256 (RSA public key)",
            token: OIDC_RS256.to_owned(),
            key: OIDC_RS256_PEM,
            // "Auto": PEM, certificate or JWK, so a key of one's own pasted over it is read too.
            key_format: KeyFormat::Utf8,
        },
        Example {
            id: "es256",
            label: "ES256 token (EC P-256 public JWK key)",
            token: ES256_TOKEN.to_owned(),
            key: ES256_JWK,
            key_format: KeyFormat::Utf8,
        },
        Example {
            id: "jwe",
            label: "Encrypted token, JWE (RFC 7516 A.3)",
            token: RFC7516_JWE.to_owned(),
            key: "",
            key_format: KeyFormat::Utf8,
        },
        Example {
            id: "unsecured",
            label: "Unsecured token (alg: none)",
            token: unsecured(),
            key: "",
            key_format: KeyFormat::Utf8,
        },
        Example {
            id: "broken",
            label: "Broken token (bad character in the payload)",
            token: broken(),
            key: "",
            key_format: KeyFormat::Utf8,
        },
    ]
}

/// The example with id `id`.
pub fn find(id: &str) -> Option<Example> {
    all().into_iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        inspect, verify, ErrorCode, KeyFormat, Part, Payload, TokenKind, VerifyCode, VerifyOptions,
    };

    const NOW: f64 = 1_700_000_000.0;

    /// Whether a menu label names a key (`secret: …`, `JWK key`).
    fn label_names_a_key(label: &str) -> bool {
        label.contains("secret:") || label.contains("key)")
    }

    #[test]
    fn each_example_is_what_its_label_says() {
        let all = all();
        assert_eq!(all.len(), 8);
        assert!(all.iter().all(|e| !e.token.is_empty()));

        let v = verify(ARTICLE, "secret", KeyFormat::Utf8, &VerifyOptions::new(NOW));
        assert!(v.is_valid(), "{}", v.message);

        let exp = find("expired").unwrap().token;
        let v = verify(
            &exp,
            "secret",
            KeyFormat::Utf8,
            &VerifyOptions::signature_only(),
        );
        assert!(v.is_valid(), "the signature is good: {}", v.message);
        let v = verify(&exp, "secret", KeyFormat::Utf8, &VerifyOptions::new(NOW));
        assert_eq!(v.code, Some(VerifyCode::Expired));

        let i = inspect(RFC7520_TEXT, NOW);
        assert!(matches!(i.decoded.payload, Some(Payload::Text(_))));
        let v = verify(
            RFC7520_TEXT,
            RFC7520_JWK,
            KeyFormat::Jwk,
            &VerifyOptions::signature_only(),
        );
        assert!(v.is_valid(), "{}", v.message);

        let i = inspect(RFC7516_JWE, NOW);
        assert_eq!(i.decoded.kind, TokenKind::Jwe);
        assert!(i.decoded.errors.is_empty(), "{:?}", i.decoded.errors);

        assert_eq!(
            inspect(&unsecured(), NOW).decoded.kind,
            TokenKind::Unsecured
        );

        let b = broken();
        let i = inspect(&b, NOW);
        assert_eq!(i.decoded.errors.len(), 1);
        let e = &i.decoded.errors[0];
        assert_eq!((e.code, e.part), (ErrorCode::B64Char, Part::Payload));
        assert_eq!(&b[e.span.start..e.span.end], "!");
        assert!(i.decoded.header.is_some() && i.decoded.signature.is_some());
    }

    #[test]
    fn every_example_that_names_a_key_carries_it_and_it_verifies() {
        let keyed: Vec<_> = all().into_iter().filter(|e| !e.key.is_empty()).collect();
        let ids: Vec<_> = keyed.iter().map(|e| e.id).collect();
        assert_eq!(ids, ["article", "expired", "text", "oidc-rs256", "es256"]);
        for e in all() {
            assert_eq!(label_names_a_key(e.label), !e.key.is_empty(), "{}", e.label);
            // A secret typed as text is named in the label (a PEM or JWK key is not: it is the key field's).
            let secret_text = e.key_format == KeyFormat::Utf8
                && crate::material::classify(e.key.as_bytes()).is_none();
            if secret_text && !e.key.is_empty() {
                assert!(
                    e.label.contains(&format!("secret: {})", e.key)),
                    "{}",
                    e.label
                );
            }
        }
        for e in keyed {
            let v = verify(
                &e.token,
                e.key,
                e.key_format,
                &VerifyOptions::signature_only(),
            );
            assert!(v.is_valid(), "{}: {}", e.id, v.message);
            if !matches!(e.id, "oidc-rs256" | "es256") {
                continue;
            }
            // The asymmetric ones strictly too, with their claims validated (the ID token for its audience):
            // they expire in 2100.
            let mut opts = VerifyOptions::new(1_767_225_600.0);
            if e.id == "oidc-rs256" {
                opts.audience = Some(vec!["s6BhdRkqt3".into()]);
            }
            let v = verify(&e.token, e.key, e.key_format, &opts);
            assert!(v.is_valid(), "{}: {}", e.id, v.message);
        }
    }

    #[test]
    fn the_asymmetric_examples_are_what_they_say() {
        let id = inspect(OIDC_RS256, NOW);
        let h = id.decoded.header.as_ref().unwrap();
        assert_eq!(h.get("alg").and_then(|a| a.as_str()), Some("RS256"));
        assert_eq!(
            h.get("kid").and_then(|a| a.as_str()),
            Some("example-rsa-2026")
        );
        let claims: Vec<_> = id.claims.iter().map(|c| c.name.as_str()).collect();
        for c in ["iss", "sub", "aud", "email", "nonce", "iat", "exp"] {
            assert!(claims.contains(&c), "{claims:?}");
        }
        let k = &crate::keys::parse(OIDC_RS256_PEM, KeyFormat::Pem)
            .unwrap()
            .keys[0];
        assert_eq!(k.describe(), "RSA 2048-bit public key");
        assert!(!k.is_private());
        let k = &crate::keys::parse(ES256_JWK, KeyFormat::Utf8).unwrap().keys[0];
        assert_eq!(k.describe(), "EC P-256 public key");
        assert!(!ES256_JWK.contains("\"d\""), "public only");
        // Each key fits its own token only.
        let v = verify(
            ES256_TOKEN,
            OIDC_RS256_PEM,
            KeyFormat::Pem,
            &VerifyOptions::signature_only(),
        );
        assert_eq!(v.code, Some(VerifyCode::KeyAlgMismatch));
    }
}
