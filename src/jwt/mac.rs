//! HMAC signing and constant-time verification (RFC 7518 §3.2), on the `hmac` and `sha2` crates.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

/// The HMAC algorithms of RFC 7518 §3.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HmacAlg {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
}

impl HmacAlg {
    /// The algorithm for a JOSE `alg` value (case-sensitive, as RFC 7515 §4.1.1 requires).
    pub fn from_name(name: &str) -> Option<HmacAlg> {
        match name {
            "HS256" => Some(HmacAlg::HS256),
            "HS384" => Some(HmacAlg::HS384),
            "HS512" => Some(HmacAlg::HS512),
            _ => None,
        }
    }

    /// The JOSE `alg` value.
    pub const fn name(self) -> &'static str {
        match self {
            HmacAlg::HS256 => "HS256",
            HmacAlg::HS384 => "HS384",
            HmacAlg::HS512 => "HS512",
        }
    }

    /// The MAC (and hash output) length in bytes: the minimum key size RFC 7518 §3.2 requires.
    pub const fn output_len(self) -> usize {
        match self {
            HmacAlg::HS256 => 32,
            HmacAlg::HS384 => 48,
            HmacAlg::HS512 => 64,
        }
    }
}

/// The MAC of `data` under `key`.
pub fn sign(alg: HmacAlg, key: &[u8], data: &[u8]) -> Vec<u8> {
    // `new_from_slice` cannot fail for HMAC (any key length is valid), so the fallbacks are never taken.
    match alg {
        HmacAlg::HS256 => Hmac::<Sha256>::new_from_slice(key)
            .map(|m| m.chain_update(data).finalize().into_bytes().to_vec())
            .unwrap_or_default(),
        HmacAlg::HS384 => Hmac::<Sha384>::new_from_slice(key)
            .map(|m| m.chain_update(data).finalize().into_bytes().to_vec())
            .unwrap_or_default(),
        HmacAlg::HS512 => Hmac::<Sha512>::new_from_slice(key)
            .map(|m| m.chain_update(data).finalize().into_bytes().to_vec())
            .unwrap_or_default(),
    }
}

/// A key's HMAC states for the three algorithms, keyed once (RFC 2104: the inner and outer pads are hashed
/// at set-up, so each MAC afterwards costs only the message's compressions). `Debug` is redacted: the states
/// are key material.
#[derive(Clone)]
pub struct MacKey {
    hs256: Hmac<Sha256>,
    hs384: Hmac<Sha384>,
    hs512: Hmac<Sha512>,
}

impl std::fmt::Debug for MacKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MacKey(<redacted>)")
    }
}

impl MacKey {
    /// The states for `key` (any length is a valid HMAC key; whether it is acceptable is decided by
    /// `keys::secret`).
    pub fn new(key: &[u8]) -> Self {
        MacKey {
            hs256: <Hmac<Sha256> as hmac::digest::KeyInit>::new_from_slice(key).unwrap_or_else(
                |_| <Hmac<Sha256> as hmac::digest::KeyInit>::new(&Default::default()),
            ),
            hs384: <Hmac<Sha384> as hmac::digest::KeyInit>::new_from_slice(key).unwrap_or_else(
                |_| <Hmac<Sha384> as hmac::digest::KeyInit>::new(&Default::default()),
            ),
            hs512: <Hmac<Sha512> as hmac::digest::KeyInit>::new_from_slice(key).unwrap_or_else(
                |_| <Hmac<Sha512> as hmac::digest::KeyInit>::new(&Default::default()),
            ),
        }
    }

    /// True when `mac` is the MAC of `data`, compared in constant time (`verify_slice`).
    pub fn verify(&self, alg: HmacAlg, data: &[u8], mac: &[u8]) -> bool {
        match alg {
            HmacAlg::HS256 => self
                .hs256
                .clone()
                .chain_update(data)
                .verify_slice(mac)
                .is_ok(),
            HmacAlg::HS384 => self
                .hs384
                .clone()
                .chain_update(data)
                .verify_slice(mac)
                .is_ok(),
            HmacAlg::HS512 => self
                .hs512
                .clone()
                .chain_update(data)
                .verify_slice(mac)
                .is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    // RFC 4231 test case 2.
    #[test]
    fn rfc4231_case_2() {
        let (key, data) = (b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&sign(HmacAlg::HS256, key, data)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&sign(HmacAlg::HS384, key, data)),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"
        );
        assert_eq!(
            hex(&sign(HmacAlg::HS512, key, data)),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
    }

    #[test]
    fn verify_is_exact() {
        for alg in [HmacAlg::HS256, HmacAlg::HS384, HmacAlg::HS512] {
            let mac = sign(alg, b"k", b"data");
            assert_eq!(mac.len(), alg.output_len());
            let (k, other) = (MacKey::new(b"k"), MacKey::new(b"K"));
            assert!(k.verify(alg, b"data", &mac));
            assert!(!k.verify(alg, b"datA", &mac));
            assert!(!other.verify(alg, b"data", &mac));
            assert!(!k.verify(alg, b"data", &mac[..mac.len() - 1]));
            assert!(!k.verify(alg, b"data", b""));
            assert_eq!(HmacAlg::from_name(alg.name()), Some(alg));
        }
        assert_eq!(HmacAlg::from_name("hs256"), None);
    }
}
