//! The RSA public operation and the two signature checks on its result (RFC 8017 §8.2.2 and §9.1.2), for
//! verification only. The `rsa` crate (constant-time, `BoxedUint`) validates keys and makes signatures; this
//! module exists because verification handles only public values — the modulus, the exponent, the signature —
//! so it may run in variable time, and a plain 32-bit-limb Montgomery ladder is several times faster in
//! WebAssembly, where a 64×64→128-bit multiplication does not exist (BENCHMARKS.md has the figures).

use sha2::digest::{Digest, FixedOutputReset};

/// An RSA modulus with its Montgomery constants, computed once per key.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Modulus {
    /// Little-endian 32-bit limbs.
    n: Vec<u32>,
    /// `-n⁻¹ mod 2³²`.
    n0inv: u32,
    /// `R² mod n`, `R = 2^(32·limbs)`.
    rr: Vec<u32>,
    /// The modulus size in bytes (`k` in RFC 8017).
    k: usize,
    /// The modulus size in bits.
    bits: usize,
}

fn limbs_from_be(bytes: &[u8], len: usize) -> Option<Vec<u32>> {
    let bytes = &bytes[bytes.iter().take_while(|&&b| b == 0).count()..];
    if bytes.len() > len * 4 {
        return None;
    }
    let mut out = vec![0u32; len];
    for (i, &b) in bytes.iter().rev().enumerate() {
        out[i / 4] |= u32::from(b) << (8 * (i % 4));
    }
    Some(out)
}

/// `a >= b` for equal-length little-endian limbs.
fn geq(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x > y;
        }
    }
    true
}

/// `a -= b` (equal lengths), returning the borrow.
fn sub_in_place(a: &mut [u32], b: &[u32]) -> bool {
    let mut borrow = 0u64;
    for (x, &y) in a.iter_mut().zip(b) {
        let d = u64::from(*x)
            .wrapping_sub(u64::from(y))
            .wrapping_sub(borrow);
        *x = d as u32;
        borrow = (d >> 63) & 1;
    }
    borrow != 0
}

impl Modulus {
    /// The constants for modulus `n` (big-endian bytes); `None` unless `n` is odd and greater than 1.
    pub(crate) fn new(n_be: &[u8]) -> Option<Modulus> {
        let n_be = &n_be[n_be.iter().take_while(|&&b| b == 0).count()..];
        let k = n_be.len();
        let len = k.div_ceil(4);
        let n = limbs_from_be(n_be, len)?;
        if n[0] & 1 == 0 || (len == 1 && n[0] == 1) {
            return None;
        }
        let bits = k * 8 - n_be[0].leading_zeros() as usize;
        // Newton's iteration doubles the correct low bits each step: 1 → 2 → 4 → … → 32 (n is odd).
        let mut inv: u32 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u32.wrapping_sub(n[0].wrapping_mul(inv)));
        }
        let n0inv = inv.wrapping_neg();
        // R² mod n by doubling 1 (64·len times), reducing as it goes: done once per key.
        let mut r = vec![0u32; len];
        r[0] = 1;
        for _ in 0..64 * len {
            let mut carry = 0u32;
            for limb in r.iter_mut() {
                let next = *limb >> 31;
                *limb = (*limb << 1) | carry;
                carry = next;
            }
            if carry != 0 || geq(&r, &n) {
                sub_in_place(&mut r, &n);
            }
        }
        Some(Modulus {
            n,
            n0inv,
            rr: r,
            k,
            bits,
        })
    }

    /// The modulus size in bits.
    pub(crate) fn bits(&self) -> usize {
        self.bits
    }

    /// Montgomery product `a·b·R⁻¹ mod n` (CIOS), into `out`.
    fn mul(&self, a: &[u32], b: &[u32], t: &mut Vec<u32>, out: &mut [u32]) {
        let len = self.n.len();
        t.clear();
        t.resize(len + 2, 0);
        for &ai in a {
            let ai = u64::from(ai);
            let mut carry = 0u64;
            for (tj, &bj) in t.iter_mut().zip(b) {
                let x = u64::from(*tj) + ai * u64::from(bj) + carry;
                *tj = x as u32;
                carry = x >> 32;
            }
            let x = u64::from(t[len]) + carry;
            t[len] = x as u32;
            t[len + 1] = (x >> 32) as u32;
            let m = u64::from(t[0].wrapping_mul(self.n0inv));
            let mut carry = (u64::from(t[0]) + m * u64::from(self.n[0])) >> 32;
            for j in 1..len {
                let x = u64::from(t[j]) + m * u64::from(self.n[j]) + carry;
                t[j - 1] = x as u32;
                carry = x >> 32;
            }
            let x = u64::from(t[len]) + carry;
            t[len - 1] = x as u32;
            t[len] = t[len + 1] + (x >> 32) as u32;
        }
        out.copy_from_slice(&t[..len]);
        if t[len] != 0 || geq(out, &self.n) {
            sub_in_place(out, &self.n);
        }
    }

    /// `s^e mod n` as `k` big-endian bytes (RSAVP1, RFC 8017 §5.2.2), or `None` when the signature
    /// representative is not below `n` or has the wrong length.
    pub(crate) fn public_op(&self, sig: &[u8], e: u64) -> Option<Vec<u8>> {
        if sig.len() != self.k || e == 0 {
            return None;
        }
        let len = self.n.len();
        let s = limbs_from_be(sig, len)?;
        if geq(&s, &self.n) {
            return None;
        }
        let mut t = Vec::with_capacity(len + 2);
        let mut base = vec![0u32; len];
        self.mul(&s, &self.rr, &mut t, &mut base); // s·R mod n
        let mut acc = base.clone();
        let mut tmp = vec![0u32; len];
        let top = 63 - e.leading_zeros();
        for bit in (0..top).rev() {
            self.mul(&acc, &acc, &mut t, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
            if e >> bit & 1 == 1 {
                self.mul(&acc, &base, &mut t, &mut tmp);
                std::mem::swap(&mut acc, &mut tmp);
            }
        }
        let mut one = vec![0u32; len];
        one[0] = 1;
        self.mul(&acc, &one, &mut t, &mut tmp); // out of Montgomery form
        let mut out = vec![0u8; len * 4];
        for (i, limb) in tmp.iter().enumerate() {
            for b in 0..4 {
                out[len * 4 - 1 - (i * 4 + b)] = (limb >> (8 * b)) as u8;
            }
        }
        Some(out.split_off(len * 4 - self.k))
    }
}

/// The DER `DigestInfo` prefix of each hash (RFC 8017 §9.2, note 1).
fn digest_info_prefix(hash_len: usize) -> &'static [u8] {
    match hash_len {
        32 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        48 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        _ => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2): the encoded message is rebuilt from the hash and
/// compared whole, so nothing of the signature is parsed.
pub(crate) fn pkcs1v15<D: Digest>(m: &Modulus, e: u64, msg: &[u8], sig: &[u8]) -> bool {
    let Some(em) = m.public_op(sig, e) else {
        return false;
    };
    let hash = D::digest(msg);
    let prefix = digest_info_prefix(hash.len());
    let t_len = prefix.len() + hash.len();
    if m.k < t_len + 11 {
        return false;
    }
    let ps = m.k - t_len - 3;
    em[0] == 0
        && em[1] == 1
        && em[2..2 + ps].iter().all(|&b| b == 0xff)
        && em[2 + ps] == 0
        && &em[3 + ps..3 + ps + prefix.len()] == prefix
        && em[3 + ps + prefix.len()..] == hash[..]
}

/// RSASSA-PSS verification (RFC 8017 §9.1.2) with MGF1 over the same hash and a salt as long as the hash
/// (RFC 7518 §3.5).
pub(crate) fn pss<D: Digest + FixedOutputReset>(
    m: &Modulus,
    e: u64,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    let Some(full) = m.public_op(sig, e) else {
        return false;
    };
    let h_len = <D as Digest>::output_size();
    let s_len = h_len;
    let em_bits = m.bits - 1;
    let em_len = em_bits.div_ceil(8);
    // EM = I2OSP(m, emLen): when emLen < k the top byte must be zero.
    let (top, em) = full.split_at(m.k - em_len);
    if top.iter().any(|&b| b != 0) || em_len < h_len + s_len + 2 {
        return false;
    }
    if em[em_len - 1] != 0xbc {
        return false;
    }
    let (masked_db, rest) = em.split_at(em_len - h_len - 1);
    let h = &rest[..h_len];
    let zero_bits = 8 * em_len - em_bits;
    let top_mask = if zero_bits == 0 {
        0
    } else {
        0xffu8 << (8 - zero_bits)
    };
    if masked_db[0] & top_mask != 0 {
        return false;
    }
    // DB = maskedDB ⊕ MGF1(H, emLen − hLen − 1)
    let mut db = masked_db.to_vec();
    let mut hasher = D::new();
    let mut counter = 0u32;
    let mut at = 0;
    while at < db.len() {
        Digest::update(&mut hasher, h);
        Digest::update(&mut hasher, counter.to_be_bytes());
        let block = hasher.finalize_reset();
        for (d, b) in db[at..].iter_mut().zip(block.iter()) {
            *d ^= b;
        }
        at += h_len;
        counter += 1;
    }
    db[0] &= !top_mask;
    let ps_len = em_len - h_len - s_len - 2;
    if db[..ps_len].iter().any(|&b| b != 0) || db[ps_len] != 1 {
        return false;
    }
    let salt = &db[db.len() - s_len..];
    Digest::update(&mut hasher, [0u8; 8]);
    Digest::update(&mut hasher, D::digest(msg));
    Digest::update(&mut hasher, salt);
    hasher.finalize_reset()[..] == *h
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Sha256, Sha384, Sha512};

    /// A differential test against the `rsa` crate (which signs here, and whose verification is the
    /// reference): good signatures verify in both, and every one-bit change fails in both.
    #[test]
    fn agrees_with_the_rsa_crate() {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        use rsa::traits::PublicKeyParts;
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/interop-asymmetric.json"))
                .unwrap();
        let pem = vectors["keys"]["rsa"]["pkcs1Private"].as_str().unwrap();
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        use base64::Engine as _;
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        let key = rsa::PrivateKey::from_pkcs1_der(&der).unwrap();
        let public = key.to_public_key();
        let m = Modulus::new(&public.n_bytes()).unwrap();
        assert_eq!(m.bits(), 2048);
        let e = 65537;
        // xorshift64: a test source without short cycles (RSA blinding draws whole-modulus candidates).
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut rng = |b: &mut [u8]| {
            for x in b.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *x = state as u8;
            }
            true
        };
        struct R<'a>(&'a mut dyn FnMut(&mut [u8]) -> bool);
        impl rsa::rand_core::TryRng for R<'_> {
            type Error = std::convert::Infallible;
            fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
                let mut b = [0; 4];
                (self.0)(&mut b);
                Ok(u32::from_le_bytes(b))
            }
            fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
                let mut b = [0; 8];
                (self.0)(&mut b);
                Ok(u64::from_le_bytes(b))
            }
            fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
                (self.0)(dst);
                Ok(())
            }
        }
        impl rsa::rand_core::TryCryptoRng for R<'_> {}
        for (i, msg) in [&b""[..], &[0xab; 300]].iter().enumerate() {
            let sigs = [
                (key.pkcs1v15_sign::<Sha256>(msg).unwrap(), 0),
                (key.pkcs1v15_sign::<Sha384>(msg).unwrap(), 1),
                (key.pkcs1v15_sign::<Sha512>(msg).unwrap(), 2),
                (
                    key.pss_sign_with_rng::<Sha256, _>(&mut R(&mut rng), msg)
                        .unwrap(),
                    3,
                ),
                (
                    key.pss_sign_with_rng::<Sha384, _>(&mut R(&mut rng), msg)
                        .unwrap(),
                    4,
                ),
                (
                    key.pss_sign_with_rng::<Sha512, _>(&mut R(&mut rng), msg)
                        .unwrap(),
                    5,
                ),
            ];
            for (sig, scheme) in sigs {
                let ours = |s: &[u8]| match scheme {
                    0 => pkcs1v15::<Sha256>(&m, e, msg, s),
                    1 => pkcs1v15::<Sha384>(&m, e, msg, s),
                    2 => pkcs1v15::<Sha512>(&m, e, msg, s),
                    3 => pss::<Sha256>(&m, e, msg, s),
                    4 => pss::<Sha384>(&m, e, msg, s),
                    _ => pss::<Sha512>(&m, e, msg, s),
                };
                let theirs = |s: &[u8]| match scheme {
                    0 => public.pkcs1v15_verify::<Sha256>(msg, s).is_ok(),
                    1 => public.pkcs1v15_verify::<Sha384>(msg, s).is_ok(),
                    2 => public.pkcs1v15_verify::<Sha512>(msg, s).is_ok(),
                    3 => public.pss_verify::<Sha256>(msg, s).is_ok(),
                    4 => public.pss_verify::<Sha384>(msg, s).is_ok(),
                    _ => public.pss_verify::<Sha512>(msg, s).is_ok(),
                };
                assert!(ours(&sig) && theirs(&sig), "message {i}, scheme {scheme}");
                for bit in [0, 7, 1000, 2047] {
                    let mut bad = sig.clone();
                    bad[bit / 8] ^= 1 << (bit % 8);
                    assert!(
                        !ours(&bad) && !theirs(&bad),
                        "message {i}, scheme {scheme}, bit {bit}"
                    );
                }
                // Relabelled: a PKCS#1 v1.5 signature is not a PSS one, and the reverse.
                let other = match scheme {
                    0 => pss::<Sha256>(&m, e, msg, &sig),
                    3 => pkcs1v15::<Sha256>(&m, e, msg, &sig),
                    _ => false,
                };
                assert!(!other);
                // s ≥ n and the wrong length never verify.
                assert!(m.public_op(&[0xff; 256], e).is_none());
                assert!(m.public_op(&sig[1..], e).is_none());
            }
        }
    }

    #[test]
    fn small_moduli_work() {
        // n = 3233 = 61 · 53, e = 17, d = 2753: 65^17 mod 3233 = 2790.
        let m = Modulus::new(&[0x0c, 0xa1]).unwrap();
        assert_eq!(m.public_op(&[0x00, 0x41], 17), Some(vec![0x0a, 0xe6]));
        assert_eq!(m.public_op(&[0x0a, 0xe6], 17), Some(vec![0x05, 0xac]));
        assert!(Modulus::new(&[0x0c, 0xa0]).is_none(), "even");
        assert!(Modulus::new(&[0x01]).is_none());
    }
}
