//! Asymmetric keys (RSA, EC P-256/384/521, OKP Ed25519) and the signature operations on them, on the
//! RustCrypto crates. Nothing here reads key text (see `pkix.rs`) or decides whether a key may be used (see
//! [`keys::permits`](super::keys::permits)); this module only answers "does this signature verify" — with the
//! precise reason when not — and makes signatures.

use ed25519_dalek::Signer as _;
use sha2::{Sha256, Sha384, Sha512};

use super::alg::{Alg, Curve, Family, Hash};
use super::rsa_public::{self, Modulus};

/// An RSA key: the public key, and the private key when one was given.
#[derive(Clone)]
pub struct RsaKey {
    pub(crate) public: rsa::PublicKey,
    pub(crate) private: Option<rsa::PrivateKey>,
    bits: usize,
    /// The modulus with its Montgomery constants, and the public exponent, for fast verification (see
    /// `rsa_public.rs`); the `rsa` crate validated them.
    modulus: Modulus,
    e: u64,
}

/// The public point of an EC key, per curve.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum EcPublic {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
}

/// The private scalar of an EC key, per curve.
#[derive(Clone)]
pub(crate) enum EcPrivate {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
}

/// An EC key on a NIST curve.
#[derive(Clone)]
pub struct EcKey {
    pub(crate) curve: Curve,
    pub(crate) public: EcPublic,
    pub(crate) private: Option<EcPrivate>,
}

/// An OKP key (Ed25519).
#[derive(Clone)]
pub struct OkpKey {
    pub(crate) public: ed25519_dalek::VerifyingKey,
    pub(crate) private: Option<ed25519_dalek::SigningKey>,
}

/// Why a signature did not verify, as precisely as can be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigFault {
    /// Well-formed, but not made by this key over this message.
    Mismatch,
    /// The wrong number of bytes for the algorithm and key.
    Length {
        /// What the algorithm and key require.
        expected: usize,
        /// What the token has.
        got: usize,
    },
    /// An ECDSA signature in ASN.1 DER form: JOSE requires the raw R‖S (RFC 7518 §3.4).
    EcdsaDer,
    /// An ECDSA `r` or `s` of zero (`zero`) or not below the group order (CVE-2022-21449).
    EcdsaScalar {
        /// True when `r` or `s` is zero.
        zero: bool,
    },
}

/// Why a signature could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignFault(pub String);

/// A source of random bytes (the caller's: the core never reads one itself). Returns false on failure.
pub type Entropy<'a> = &'a mut dyn FnMut(&mut [u8]) -> bool;

/// The error of an entropy source that failed.
#[derive(Debug)]
struct EntropyFailed;

impl std::fmt::Display for EntropyFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the random source failed")
    }
}

impl std::error::Error for EntropyFailed {}

struct Rng<'a, 'b>(&'a mut Entropy<'b>);

impl rsa::rand_core::TryRng for Rng<'_, '_> {
    type Error = EntropyFailed;
    fn try_next_u32(&mut self) -> Result<u32, EntropyFailed> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, EntropyFailed> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), EntropyFailed> {
        if (self.0)(dst) {
            Ok(())
        } else {
            Err(EntropyFailed)
        }
    }
}

impl rsa::rand_core::TryCryptoRng for Rng<'_, '_> {}

/// The smallest RSA modulus RFC 7518 §3.3 allows.
pub const RSA_MIN_BITS: usize = 2048;
/// The largest RSA modulus accepted (bounded work per verification).
pub const RSA_MAX_BITS: usize = 8192;
/// The smallest RSA modulus read at all (to show and flag it in the app).
pub const RSA_FLOOR_BITS: usize = 512;

impl RsaKey {
    /// A public key from the big-endian modulus and exponent.
    pub(crate) fn from_public(n: &[u8], e: &[u8]) -> Result<RsaKey, String> {
        let public = rsa_public(n, e)?;
        let modulus = Modulus::new(n).ok_or_else(|| "the RSA modulus is not odd".to_owned())?;
        let e = strip(e)
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        Ok(RsaKey {
            public,
            private: None,
            bits: modulus.bits(),
            modulus,
            e,
        })
    }

    /// A private key from its components (`p`, `q` may be absent: they are then recovered from `d`).
    pub(crate) fn from_private(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        primes: &[&[u8]],
    ) -> Result<RsaKey, String> {
        let mut key = RsaKey::from_public(n, e)?;
        let width = (n.len() * 8) as u32;
        let uint = |b: &[u8]| {
            rsa::BoxedUint::from_be_slice(strip(b), width.max(64))
                .map_err(|_| "an RSA private component is larger than the modulus".to_owned())
        };
        let primes = primes
            .iter()
            .map(|p| uint(p))
            .collect::<Result<Vec<_>, _>>()?;
        let private = rsa::PrivateKey::from_components(uint(n)?, uint(e)?, uint(d)?, primes)
            .map_err(|e| format!("the RSA private key is not consistent ({e})"))?;
        key.private = Some(private);
        Ok(key)
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    fn verify(&self, alg: Alg, msg: &[u8], sig: &[u8]) -> Result<(), SigFault> {
        // RFC 8017 §8.2.2 step 1: the signature is exactly as long as the modulus.
        let k = self.bits.div_ceil(8);
        if sig.len() != k {
            return Err(SigFault::Length {
                expected: k,
                got: sig.len(),
            });
        }
        let (m, e) = (&self.modulus, self.e);
        let ok = match alg.family() {
            Family::RsaPkcs1(Hash::Sha256) => rsa_public::pkcs1v15::<Sha256>(m, e, msg, sig),
            Family::RsaPkcs1(Hash::Sha384) => rsa_public::pkcs1v15::<Sha384>(m, e, msg, sig),
            Family::RsaPkcs1(Hash::Sha512) => rsa_public::pkcs1v15::<Sha512>(m, e, msg, sig),
            // Salt length = hash length (RFC 7518 §3.5).
            Family::RsaPss(Hash::Sha256) => rsa_public::pss::<Sha256>(m, e, msg, sig),
            Family::RsaPss(Hash::Sha384) => rsa_public::pss::<Sha384>(m, e, msg, sig),
            Family::RsaPss(Hash::Sha512) => rsa_public::pss::<Sha512>(m, e, msg, sig),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(SigFault::Mismatch)
        }
    }

    fn sign(
        &self,
        alg: Alg,
        msg: &[u8],
        entropy: Option<Entropy<'_>>,
    ) -> Result<Vec<u8>, SignFault> {
        let Some(k) = &self.private else {
            return Err(no_private("RSA"));
        };
        let fault = |e: rsa::Error| SignFault(format!("RSA signing failed ({e})."));
        match (alg.family(), entropy) {
            (Family::RsaPkcs1(h), Some(mut ent)) => {
                // Deterministic; the random bytes only blind the private operation.
                let rng = &mut Rng(&mut ent);
                match h {
                    Hash::Sha256 => k.pkcs1v15_sign_with_rng::<Sha256, _>(rng, msg),
                    Hash::Sha384 => k.pkcs1v15_sign_with_rng::<Sha384, _>(rng, msg),
                    Hash::Sha512 => k.pkcs1v15_sign_with_rng::<Sha512, _>(rng, msg),
                }
                .map_err(fault)
            }
            (Family::RsaPkcs1(h), None) => match h {
                Hash::Sha256 => k.pkcs1v15_sign::<Sha256>(msg),
                Hash::Sha384 => k.pkcs1v15_sign::<Sha384>(msg),
                Hash::Sha512 => k.pkcs1v15_sign::<Sha512>(msg),
            }
            .map_err(fault),
            (Family::RsaPss(h), Some(mut ent)) => {
                let rng = &mut Rng(&mut ent);
                match h {
                    Hash::Sha256 => k.pss_sign_with_rng::<Sha256, _>(rng, msg),
                    Hash::Sha384 => k.pss_sign_with_rng::<Sha384, _>(rng, msg),
                    Hash::Sha512 => k.pss_sign_with_rng::<Sha512, _>(rng, msg),
                }
                .map_err(fault)
            }
            (Family::RsaPss(_), None) => Err(SignFault(
                "RSA-PSS signing needs a random salt, and no random source was given.".into(),
            )),
            _ => Err(SignFault("Not an RSA algorithm.".into())),
        }
    }
}

fn strip(b: &[u8]) -> &[u8] {
    let zeros = b.iter().take_while(|&&x| x == 0).count();
    &b[zeros..]
}

fn bit_len(b: &[u8]) -> usize {
    let b = strip(b);
    match b.first() {
        None => 0,
        Some(&top) => b.len() * 8 - top.leading_zeros() as usize,
    }
}

fn rsa_public(n: &[u8], e: &[u8]) -> Result<rsa::PublicKey, String> {
    let bits = bit_len(n);
    if bits < RSA_FLOOR_BITS {
        return Err(format!(
            "the RSA modulus is {bits} bits, far below the 2048 bits RFC 7518 §3.3 requires"
        ));
    }
    if bits > RSA_MAX_BITS {
        return Err(format!(
            "the RSA modulus is {bits} bits; at most {RSA_MAX_BITS} are accepted"
        ));
    }
    let n = strip(n);
    let width = (n.len() * 8) as u32;
    let nn = rsa::BoxedUint::from_be_slice(n, width)
        .map_err(|_| "the RSA modulus cannot be read".to_owned())?;
    let e = strip(e);
    if e.is_empty() || e.len() > 8 {
        return Err("the RSA public exponent is zero or too large".into());
    }
    let ee = rsa::BoxedUint::from_be_slice(e, 64)
        .map_err(|_| "the RSA public exponent cannot be read".to_owned())?;
    rsa::PublicKey::new_with_size_limits(nn, ee, RSA_FLOOR_BITS..=RSA_MAX_BITS)
        .map_err(|e| format!("the RSA public key is not valid ({e})"))
}

impl PartialEq for RsaKey {
    fn eq(&self, other: &Self) -> bool {
        self.public == other.public && self.private.is_some() == other.private.is_some()
    }
}

impl Eq for RsaKey {}

impl EcKey {
    /// A public key from its affine coordinates (each exactly the curve's field size, RFC 7518 §6.2.1.2).
    pub(crate) fn from_xy(curve: Curve, x: &[u8], y: &[u8]) -> Result<EcKey, String> {
        let n = curve.scalar_len();
        if x.len() != n || y.len() != n {
            return Err(format!(
                "the {} point's coordinates must be {n} bytes each, not {} and {}",
                curve.name(),
                x.len(),
                y.len()
            ));
        }
        let mut sec1 = Vec::with_capacity(1 + 2 * n);
        sec1.push(4);
        sec1.extend_from_slice(x);
        sec1.extend_from_slice(y);
        EcKey::from_sec1(curve, &sec1)
    }

    /// A public key from a SEC1 point encoding (uncompressed or compressed).
    pub(crate) fn from_sec1(curve: Curve, point: &[u8]) -> Result<EcKey, String> {
        let bad = |_| format!("the point is not on the {} curve", curve.name());
        let public = match curve {
            Curve::P256 => {
                EcPublic::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(bad)?)
            }
            Curve::P384 => {
                EcPublic::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(bad)?)
            }
            Curve::P521 => {
                EcPublic::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(bad)?)
            }
            Curve::Ed25519 => return Err("Ed25519 is not an EC (NIST) curve".into()),
        };
        Ok(EcKey {
            curve,
            public,
            private: None,
        })
    }

    /// A private key from its scalar; `public`, when given, must be its point.
    pub(crate) fn from_scalar(
        curve: Curve,
        d: &[u8],
        public: Option<&EcKey>,
    ) -> Result<EcKey, String> {
        let n = curve.scalar_len();
        if d.len() > n {
            return Err(format!(
                "the {} private scalar is longer than {n} bytes",
                curve.name()
            ));
        }
        let mut padded = vec![0; n - d.len()];
        padded.extend_from_slice(d);
        let bad = |_| {
            format!(
                "the {} private scalar is zero or not below the group order",
                curve.name()
            )
        };
        let (public_point, private) = match curve {
            Curve::P256 => {
                let sk = p256::ecdsa::SigningKey::from_slice(&padded).map_err(bad)?;
                (EcPublic::P256(*sk.verifying_key()), EcPrivate::P256(sk))
            }
            Curve::P384 => {
                let sk = p384::ecdsa::SigningKey::from_slice(&padded).map_err(bad)?;
                (EcPublic::P384(*sk.verifying_key()), EcPrivate::P384(sk))
            }
            Curve::P521 => {
                let sk = p521::ecdsa::SigningKey::from_slice(&padded).map_err(bad)?;
                (EcPublic::P521(*sk.verifying_key()), EcPrivate::P521(sk))
            }
            Curve::Ed25519 => return Err("Ed25519 is not an EC (NIST) curve".into()),
        };
        if let Some(p) = public {
            if p.public != public_point {
                return Err(
                    "the private scalar does not belong to the public point given with it".into(),
                );
            }
        }
        Ok(EcKey {
            curve,
            public: public_point,
            private: Some(private),
        })
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        self.curve
    }

    fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), SigFault> {
        let n = self.curve.scalar_len();
        if sig.len() != 2 * n {
            return Err(if is_der_ecdsa(sig) {
                SigFault::EcdsaDer
            } else {
                SigFault::Length {
                    expected: 2 * n,
                    got: sig.len(),
                }
            });
        }
        let (r, s) = sig.split_at(n);
        if r.iter().all(|&b| b == 0) || s.iter().all(|&b| b == 0) {
            return Err(SigFault::EcdsaScalar { zero: true });
        }
        let range = SigFault::EcdsaScalar { zero: false };
        use p256::ecdsa::signature::Verifier as _;
        let ok = match &self.public {
            EcPublic::P256(k) => {
                let s = p256::ecdsa::Signature::from_slice(sig).map_err(|_| range)?;
                k.verify(msg, &s)
            }
            EcPublic::P384(k) => {
                let s = p384::ecdsa::Signature::from_slice(sig).map_err(|_| range)?;
                k.verify(msg, &s)
            }
            EcPublic::P521(k) => {
                let s = p521::ecdsa::Signature::from_slice(sig).map_err(|_| range)?;
                k.verify(msg, &s)
            }
        };
        ok.map_err(|_| SigFault::Mismatch)
    }

    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, SignFault> {
        use p256::ecdsa::signature::Signer as _;
        // RFC 6979 deterministic nonces: no randomness needed.
        Ok(match &self.private {
            None => return Err(no_private("EC")),
            Some(EcPrivate::P256(k)) => {
                let s: p256::ecdsa::Signature = k.sign(msg);
                s.to_bytes().to_vec()
            }
            Some(EcPrivate::P384(k)) => {
                let s: p384::ecdsa::Signature = k.sign(msg);
                s.to_bytes().to_vec()
            }
            Some(EcPrivate::P521(k)) => {
                let s: p521::ecdsa::Signature = k.sign(msg);
                s.to_bytes().to_vec()
            }
        })
    }
}

impl PartialEq for EcKey {
    fn eq(&self, other: &Self) -> bool {
        self.public == other.public && self.private.is_some() == other.private.is_some()
    }
}

impl Eq for EcKey {}

/// True for bytes shaped as an ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }` (how OpenSSL and WebCrypto's
/// non-JOSE callers write ECDSA signatures).
pub(crate) fn is_der_ecdsa(sig: &[u8]) -> bool {
    let Some((&0x30, rest)) = sig.split_first() else {
        return false;
    };
    let Some((len, body)) = der_len(rest) else {
        return false;
    };
    if len != body.len() {
        return false;
    }
    let mut body = body;
    for _ in 0..2 {
        let Some((&0x02, rest)) = body.split_first() else {
            return false;
        };
        let Some((n, rest)) = der_len(rest) else {
            return false;
        };
        if n == 0 || n > rest.len() {
            return false;
        }
        body = &rest[n..];
    }
    body.is_empty()
}

fn der_len(b: &[u8]) -> Option<(usize, &[u8])> {
    let (&first, rest) = b.split_first()?;
    match first {
        0..=0x7f => Some((first as usize, rest)),
        0x81 => {
            let (&l, rest) = rest.split_first()?;
            Some((l as usize, rest))
        }
        0x82 => {
            let l = rest.get(..2)?;
            Some(((l[0] as usize) << 8 | l[1] as usize, &rest[2..]))
        }
        _ => None,
    }
}

impl OkpKey {
    /// An Ed25519 public key from its 32 bytes.
    pub(crate) fn from_public(x: &[u8]) -> Result<OkpKey, String> {
        let bytes: &[u8; 32] = x
            .try_into()
            .map_err(|_| format!("an Ed25519 public key is 32 bytes, not {}", x.len()))?;
        let public = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| "the Ed25519 public key is not a point on the curve".to_owned())?;
        Ok(OkpKey {
            public,
            private: None,
        })
    }

    /// An Ed25519 private key from its 32-byte seed; `public`, when given, must be its public key.
    pub(crate) fn from_seed(d: &[u8], public: Option<&OkpKey>) -> Result<OkpKey, String> {
        let seed: &[u8; 32] = d
            .try_into()
            .map_err(|_| format!("an Ed25519 private key is 32 bytes, not {}", d.len()))?;
        let sk = ed25519_dalek::SigningKey::from_bytes(seed);
        let pk = sk.verifying_key();
        if public.is_some_and(|p| p.public != pk) {
            return Err("the private key does not belong to the public key given with it".into());
        }
        Ok(OkpKey {
            public: pk,
            private: Some(sk),
        })
    }

    fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<(), SigFault> {
        let Ok(bytes) = <&[u8; 64]>::try_from(sig) else {
            return Err(SigFault::Length {
                expected: 64,
                got: sig.len(),
            });
        };
        let sig = ed25519_dalek::Signature::from_bytes(bytes);
        // Strict: rejects non-canonical S and small-order keys and R (RFC 8032 §5.1.7).
        self.public
            .verify_strict(msg, &sig)
            .map_err(|_| SigFault::Mismatch)
    }

    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, SignFault> {
        match &self.private {
            None => Err(no_private("OKP")),
            Some(k) => Ok(k.sign(msg).to_bytes().to_vec()),
        }
    }
}

impl PartialEq for OkpKey {
    fn eq(&self, other: &Self) -> bool {
        self.public == other.public && self.private.is_some() == other.private.is_some()
    }
}

impl Eq for OkpKey {}

fn no_private(kty: &str) -> SignFault {
    SignFault(format!(
        "Signing needs the private key, and this {kty} key is public only: paste the private key (PEM \
         PKCS#8 / PKCS#1 / SEC1, or a JWK with \"d\")."
    ))
}

/// An asymmetric key of any type.
#[derive(Clone, PartialEq, Eq)]
pub enum AsymKey {
    /// RSA.
    Rsa(RsaKey),
    /// EC on a NIST curve.
    Ec(EcKey),
    /// OKP (Ed25519).
    Okp(OkpKey),
}

impl AsymKey {
    /// The JWK `kty`.
    pub const fn kty(&self) -> &'static str {
        match self {
            AsymKey::Rsa(_) => "RSA",
            AsymKey::Ec(_) => "EC",
            AsymKey::Okp(_) => "OKP",
        }
    }

    /// The curve, for EC and OKP keys.
    pub fn curve(&self) -> Option<Curve> {
        match self {
            AsymKey::Rsa(_) => None,
            AsymKey::Ec(k) => Some(k.curve),
            AsymKey::Okp(_) => Some(Curve::Ed25519),
        }
    }

    /// Modulus or curve size in bits.
    pub fn bits(&self) -> usize {
        match self {
            AsymKey::Rsa(k) => k.bits(),
            AsymKey::Ec(k) => k.curve.bits(),
            AsymKey::Okp(_) => 256,
        }
    }

    /// True when the private key is present.
    pub fn has_private(&self) -> bool {
        match self {
            AsymKey::Rsa(k) => k.private.is_some(),
            AsymKey::Ec(k) => k.private.is_some(),
            AsymKey::Okp(k) => k.private.is_some(),
        }
    }

    /// Verifies `sig` over `msg` with `alg`. The caller has checked that the key fits the algorithm.
    pub fn verify(&self, alg: Alg, msg: &[u8], sig: &[u8]) -> Result<(), SigFault> {
        match (self, alg.family()) {
            (AsymKey::Rsa(k), Family::RsaPkcs1(_) | Family::RsaPss(_)) => k.verify(alg, msg, sig),
            (AsymKey::Ec(k), Family::Ecdsa(c)) if c == k.curve => k.verify(msg, sig),
            (AsymKey::Okp(k), Family::EdDsa) => k.verify(msg, sig),
            _ => Err(SigFault::Mismatch),
        }
    }

    /// Signs `msg` with `alg`. `entropy` salts RSA-PSS (required there) and blinds RSA; ECDSA (RFC 6979) and
    /// Ed25519 are deterministic and ignore it.
    pub fn sign(
        &self,
        alg: Alg,
        msg: &[u8],
        entropy: Option<Entropy<'_>>,
    ) -> Result<Vec<u8>, SignFault> {
        match (self, alg.family()) {
            (AsymKey::Rsa(k), Family::RsaPkcs1(_) | Family::RsaPss(_)) => k.sign(alg, msg, entropy),
            (AsymKey::Ec(k), Family::Ecdsa(c)) if c == k.curve => k.sign(msg),
            (AsymKey::Okp(k), Family::EdDsa) => k.sign(msg),
            _ => Err(SignFault(format!(
                "A {} key cannot sign {}.",
                self.kty(),
                alg.name()
            ))),
        }
    }

    /// The public key alone.
    pub fn public_only(&self) -> AsymKey {
        match self {
            AsymKey::Rsa(k) => AsymKey::Rsa(RsaKey {
                private: None,
                ..k.clone()
            }),
            AsymKey::Ec(k) => AsymKey::Ec(EcKey {
                curve: k.curve,
                public: k.public.clone(),
                private: None,
            }),
            AsymKey::Okp(k) => AsymKey::Okp(OkpKey {
                public: k.public,
                private: None,
            }),
        }
    }
}
