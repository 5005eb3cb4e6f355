//! The JWS algorithms this tool verifies and signs (RFC 7518 §3, RFC 8037), and what each needs of a key.

use super::mac::HmacAlg;

/// A hash function of the SHA-2 family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// The output length in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// An elliptic curve of a JWK (`crv`, RFC 7518 §6.2.1.1 and RFC 8037 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (`ES256`).
    P256,
    /// NIST P-384 (`ES384`).
    P384,
    /// NIST P-521 (`ES512`).
    P521,
    /// Ed25519 (`EdDSA`, OKP).
    Ed25519,
}

impl Curve {
    /// The JWK `crv` name.
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Ed25519 => "Ed25519",
        }
    }

    /// The curve for a JWK `crv` name.
    pub fn from_name(name: &str) -> Option<Curve> {
        Some(match name {
            "P-256" => Curve::P256,
            "P-384" => Curve::P384,
            "P-521" => Curve::P521,
            "Ed25519" => Curve::Ed25519,
            _ => return None,
        })
    }

    /// The key size in bits, as people quote it (256, 384, 521, 256).
    pub const fn bits(self) -> usize {
        match self {
            Curve::P256 | Curve::Ed25519 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// The length of one field element / scalar in bytes (ECDSA's R and S each take this much).
    pub const fn scalar_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Ed25519 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The one algorithm that uses this curve (RFC 7518 §3.4 binds each ES algorithm to one curve).
    pub const fn alg(self) -> Alg {
        match self {
            Curve::P256 => Alg::ES256,
            Curve::P384 => Alg::ES384,
            Curve::P521 => Alg::ES512,
            Curve::Ed25519 => Alg::EdDSA,
        }
    }
}

/// How an algorithm signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// HMAC with a shared secret (`oct` keys).
    Hmac(HmacAlg),
    /// RSASSA-PKCS1-v1_5 (`RSA` keys).
    RsaPkcs1(Hash),
    /// RSASSA-PSS, MGF1 with the same hash, salt as long as the hash (`RSA` keys).
    RsaPss(Hash),
    /// ECDSA on one curve, signature R‖S (`EC` keys).
    Ecdsa(Curve),
    /// EdDSA (`OKP` keys; Ed25519 here).
    EdDsa,
}

/// The JWS algorithms supported, each by its `alg` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Alg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    EdDSA,
}

impl Alg {
    /// Every algorithm, in documentation order.
    pub const ALL: [Alg; 13] = [
        Alg::HS256,
        Alg::HS384,
        Alg::HS512,
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::EdDSA,
    ];

    /// The algorithm for a JOSE `alg` value (case-sensitive, RFC 7515 §4.1.1).
    pub fn from_name(name: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The JOSE `alg` value.
    pub const fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
            Alg::RS256 => "RS256",
            Alg::RS384 => "RS384",
            Alg::RS512 => "RS512",
            Alg::PS256 => "PS256",
            Alg::PS384 => "PS384",
            Alg::PS512 => "PS512",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::ES512 => "ES512",
            Alg::EdDSA => "EdDSA",
        }
    }

    /// How it signs.
    pub const fn family(self) -> Family {
        match self {
            Alg::HS256 => Family::Hmac(HmacAlg::HS256),
            Alg::HS384 => Family::Hmac(HmacAlg::HS384),
            Alg::HS512 => Family::Hmac(HmacAlg::HS512),
            Alg::RS256 => Family::RsaPkcs1(Hash::Sha256),
            Alg::RS384 => Family::RsaPkcs1(Hash::Sha384),
            Alg::RS512 => Family::RsaPkcs1(Hash::Sha512),
            Alg::PS256 => Family::RsaPss(Hash::Sha256),
            Alg::PS384 => Family::RsaPss(Hash::Sha384),
            Alg::PS512 => Family::RsaPss(Hash::Sha512),
            Alg::ES256 => Family::Ecdsa(Curve::P256),
            Alg::ES384 => Family::Ecdsa(Curve::P384),
            Alg::ES512 => Family::Ecdsa(Curve::P521),
            Alg::EdDSA => Family::EdDsa,
        }
    }

    /// The HMAC algorithm, for HS*.
    pub const fn hmac(self) -> Option<HmacAlg> {
        match self.family() {
            Family::Hmac(h) => Some(h),
            _ => None,
        }
    }

    /// The JWK `kty` a key for this algorithm has.
    pub const fn kty(self) -> &'static str {
        match self.family() {
            Family::Hmac(_) => "oct",
            Family::RsaPkcs1(_) | Family::RsaPss(_) => "RSA",
            Family::Ecdsa(_) => "EC",
            Family::EdDsa => "OKP",
        }
    }

    /// True for the algorithms that sign with a private key and verify with a public one.
    pub const fn is_asymmetric(self) -> bool {
        !matches!(self.family(), Family::Hmac(_))
    }
}

/// One table for what each algorithm is: [`Alg::describe`] and the header's explanation of `alg`
/// ([`Alg::explanation`]) are both made from it.
macro_rules! descriptions {
    ($($alg:ident => $what:literal,)*) => {
        impl Alg {
            /// A plain description: "RSASSA-PKCS1-v1_5 with SHA-256", …
            pub const fn describe(self) -> &'static str {
                match self {
                    $(Alg::$alg => $what,)*
                }
            }

            /// The header's explanation of an `alg` member naming this algorithm.
            pub const fn explanation(self) -> &'static str {
                match self {
                    $(Alg::$alg => concat!(
                        "Algorithm that secures the token: ", stringify!($alg), " = ", $what, " (RFC 7515 §4.1.1)."
                    ),)*
                }
            }
        }
    };
}

descriptions! {
    HS256 => "HMAC with SHA-256",
    HS384 => "HMAC with SHA-384",
    HS512 => "HMAC with SHA-512",
    RS256 => "RSASSA-PKCS1-v1_5 with SHA-256",
    RS384 => "RSASSA-PKCS1-v1_5 with SHA-384",
    RS512 => "RSASSA-PKCS1-v1_5 with SHA-512",
    PS256 => "RSASSA-PSS with SHA-256 (MGF1 with SHA-256)",
    PS384 => "RSASSA-PSS with SHA-384 (MGF1 with SHA-384)",
    PS512 => "RSASSA-PSS with SHA-512 (MGF1 with SHA-512)",
    ES256 => "ECDSA using P-256 and SHA-256",
    ES384 => "ECDSA using P-384 and SHA-384",
    ES512 => "ECDSA using P-521 and SHA-512",
    EdDSA => "EdDSA signature (Ed25519 here)",
}

/// Known JOSE signature algorithms this tool does not verify (answered `UNSUPPORTED_ALG`, never "invalid").
pub const KNOWN_UNSUPPORTED: [&str; 3] = ["ES256K", "Ed448", "Ed25519"];
