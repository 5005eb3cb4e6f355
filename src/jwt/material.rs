//! The one detector for "what is this key text": a PEM block, an SSH key or certificate, DER of a public or
//! private key or certificate (raw, or as base64 or hex text), or the JSON of an asymmetric JWK or JWK Set.
//!
//! Used wherever the question comes up — refusing public-key material as an HMAC secret (the RS→HS
//! algorithm-confusion attack, RFC 8725 §2.1) and the `public-key-as-secret` finding that explains it — so
//! the answer is the same everywhere. Linear in the input and allocation-free except for the base64/hex and
//! JSON attempts, which only run on text of a plausible shape.

use super::b64;
use super::json::{self, Json};

/// Asymmetric key material recognised in key text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Material {
    /// A PEM public key (`BEGIN PUBLIC KEY`, `BEGIN RSA PUBLIC KEY`, …).
    PemPublicKey,
    /// A PEM private key (PKCS#8, PKCS#1, SEC1, OpenSSH, encrypted).
    PemPrivateKey,
    /// A PEM certificate.
    PemCertificate,
    /// Another PEM block (a CSR, parameters, …).
    PemOther,
    /// An RFC 4716 `---- BEGIN SSH2 PUBLIC KEY ----` block.
    Ssh2PublicKey,
    /// An OpenSSH public key line (`ssh-rsa AAAA…`, also with `authorized_keys` options before it).
    OpenSshPublicKey,
    /// An OpenSSH certificate (`ssh-ed25519-cert-v01@openssh.com AAAA…`).
    OpenSshCertificate,
    /// DER of a SubjectPublicKeyInfo (X.509 public key).
    DerPublicKey,
    /// DER of a PKCS#1 RSAPublicKey.
    DerRsaPublicKey,
    /// DER of an X.509 certificate.
    DerCertificate,
    /// DER of a private key (PKCS#8, PKCS#1 or SEC1).
    DerPrivateKey,
    /// The JSON text of a public JWK (`kty` RSA, EC or OKP).
    PublicJwk,
    /// The JSON text of a private JWK (`kty` RSA, EC or OKP with `d`).
    PrivateJwk,
    /// The JSON text of a JWK Set with asymmetric keys.
    AsymmetricJwkSet,
}

/// How the material was written: as is, or wrapped in base64 / hex text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wrapping {
    /// The bytes themselves.
    Raw,
    /// base64 or base64url text of the bytes (no PEM armour).
    Base64,
    /// Hex text of the bytes.
    Hex,
}

/// A classification: what and how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Detected {
    /// What the text is.
    pub material: Material,
    /// How it was written.
    pub wrapping: Wrapping,
}

impl Material {
    /// "a PEM public key", … (for messages).
    pub const fn describe(self) -> &'static str {
        match self {
            Material::PemPublicKey => "a PEM public key",
            Material::PemPrivateKey => "a PEM private key",
            Material::PemCertificate => "a PEM certificate",
            Material::PemOther => "a PEM block",
            Material::Ssh2PublicKey => "an SSH2 (RFC 4716) public key",
            Material::OpenSshPublicKey => "an OpenSSH public key",
            Material::OpenSshCertificate => "an OpenSSH certificate",
            Material::DerPublicKey => "a DER public key (SubjectPublicKeyInfo)",
            Material::DerRsaPublicKey => "a DER RSA public key (PKCS#1)",
            Material::DerCertificate => "a DER X.509 certificate",
            Material::DerPrivateKey => "a DER private key",
            Material::PublicJwk => "the JSON of a public JWK",
            Material::PrivateJwk => "the JSON of a private JWK",
            Material::AsymmetricJwkSet => "the JSON of a JWK Set of public keys",
        }
    }

    /// True for public keys and certificates (what the confusion attack uses).
    pub const fn is_public(self) -> bool {
        !matches!(
            self,
            Material::PemPrivateKey
                | Material::DerPrivateKey
                | Material::PrivateJwk
                | Material::PemOther
        )
    }
}

impl Detected {
    /// "a PEM public key", "base64 text of a DER X.509 certificate", … (for messages).
    pub fn describe(self) -> String {
        match self.wrapping {
            Wrapping::Raw => self.material.describe().to_owned(),
            Wrapping::Base64 => format!("base64 text of {}", self.material.describe()),
            Wrapping::Hex => format!("hex text of {}", self.material.describe()),
        }
    }
}

/// What asymmetric key material `bytes` are, if any. Leading whitespace and a UTF-8 byte-order mark are
/// skipped.
pub fn classify(bytes: &[u8]) -> Option<Detected> {
    let raw = |material| Detected {
        material,
        wrapping: Wrapping::Raw,
    };
    if let Some(m) = der(bytes) {
        return Some(raw(m));
    }
    let t = trim_start(bytes);
    if let Some(m) = armour(t) {
        return Some(raw(m));
    }
    if let Some(m) = ssh_line(t) {
        return Some(raw(m));
    }
    if t.first() == Some(&b'{') {
        return jwk_json(t).map(raw);
    }
    wrapped_der(t)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let mut t = bytes;
    loop {
        if let Some(rest) = t.strip_prefix(b"\xEF\xBB\xBF") {
            t = rest;
        } else if let Some((first, rest)) = t.split_first() {
            if first.is_ascii_whitespace() {
                t = rest;
            } else {
                return t;
            }
        } else {
            return t;
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A PEM (RFC 7468) or RFC 4716 armour line anywhere in the text.
fn armour(t: &[u8]) -> Option<Material> {
    if find(t, b"---- BEGIN SSH2 PUBLIC KEY").is_some() {
        return Some(Material::Ssh2PublicKey);
    }
    let at = find(t, b"-----BEGIN")?;
    let rest = &t[at + 10..];
    let label_end = find(rest, b"-----").unwrap_or(rest.len().min(64));
    let label = &rest[..label_end];
    Some(if find(label, b"PRIVATE KEY").is_some() {
        Material::PemPrivateKey
    } else if find(label, b"CERTIFICATE").is_some() {
        Material::PemCertificate
    } else if find(label, b"PUBLIC KEY").is_some() {
        Material::PemPublicKey
    } else {
        Material::PemOther
    })
}

/// OpenSSH key types, as they start a key or certificate (`ecdsa-sha2-nistp256`, `sk-ssh-ed25519@…`).
const SSH_TYPES: &[&[u8]] = &[
    b"ssh-rsa",
    b"ssh-dss",
    b"ssh-ed25519",
    b"ssh-ed448",
    b"ecdsa-sha2-",
    b"sk-ssh-",
    b"sk-ecdsa-",
    b"rsa-sha2-",
];

/// An OpenSSH public key or certificate line: a key type word followed by whitespace and the base64 key
/// blob, which always starts with `AAAA` (the blob's 32-bit length prefix). `authorized_keys` options may
/// come first, so every word of the first line is tried.
fn ssh_line(t: &[u8]) -> Option<Material> {
    let line = t.split(|&b| b == b'\n').next().unwrap_or(t);
    let mut words = line
        .split(|b| *b == b' ' || *b == b'\t' || *b == b'\r')
        .filter(|w| !w.is_empty())
        .peekable();
    while let Some(w) = words.next() {
        let typed = SSH_TYPES.iter().any(|p| w.starts_with(p));
        if typed && words.peek().is_some_and(|next| next.starts_with(b"AAAA")) {
            return Some(if w.ends_with(b"-cert-v01@openssh.com") {
                Material::OpenSshCertificate
            } else {
                Material::OpenSshPublicKey
            });
        }
    }
    None
}

/// The JSON of an asymmetric JWK or a JWK Set holding one.
fn jwk_json(t: &[u8]) -> Option<Material> {
    let text = std::str::from_utf8(t).ok()?;
    let v = json::parse(text).ok()?.value;
    let one = |k: &Json| match k.get("kty").and_then(Json::as_str) {
        Some("RSA" | "EC" | "OKP") if k.get("d").is_some() => Some(Material::PrivateJwk),
        Some("RSA" | "EC" | "OKP") => Some(Material::PublicJwk),
        _ => None,
    };
    if let Some(Json::Array(keys)) = v.get("keys") {
        return keys
            .iter()
            .any(|k| one(k).is_some())
            .then_some(Material::AsymmetricJwkSet);
    }
    one(&v)
}

/// base64 / base64url (whitespace allowed, as in a copied PEM body) or hex text of DER key material.
fn wrapped_der(t: &[u8]) -> Option<Detected> {
    // The smallest key DER worth recognising (an Ed25519 SubjectPublicKeyInfo) is 44 bytes.
    if t.len() < 40 {
        return None;
    }
    let compact: Vec<u8> = t
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace() && *b != b':')
        .collect();
    let hex = compact
        .strip_prefix(b"0x")
        .or_else(|| compact.strip_prefix(b"0X"))
        .unwrap_or(&compact);
    if hex.len().is_multiple_of(2) && hex.iter().all(u8::is_ascii_hexdigit) {
        let bytes: Vec<u8> = hex
            .chunks_exact(2)
            .map(|p| nibble(p[0]) << 4 | nibble(p[1]))
            .collect();
        if let Some(material) = der(&bytes) {
            return Some(Detected {
                material,
                wrapping: Wrapping::Hex,
            });
        }
    }
    let text = std::str::from_utf8(&compact).ok()?;
    // DER starts with a SEQUENCE tag (0x30), which base64 writes as 'M'.
    if !text.starts_with('M') {
        return None;
    }
    let bytes = b64::decode(text).ok()?.bytes;
    der(&bytes).map(|material| Detected {
        material,
        wrapping: Wrapping::Base64,
    })
}

fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c.wrapping_sub(b'A').wrapping_add(10) & 0x0f,
    }
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;

/// One DER TLV: `(tag, contents, rest)`.
fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = b.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n].iter().fold(0usize, |a, &x| a << 8 | x as usize);
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

/// The tags of the elements of a DER SEQUENCE that spans all of `b` (at most 12 are read).
fn sequence(b: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let (tag, mut body, rest) = tlv(b)?;
    if tag != SEQUENCE || !rest.is_empty() {
        return None;
    }
    let mut items = Vec::new();
    while !body.is_empty() && items.len() < 12 {
        let (t, c, r) = tlv(body)?;
        items.push((t, c));
        body = r;
    }
    Some(items)
}

/// DER of a key or certificate: the top-level structures of RFC 5280 (SubjectPublicKeyInfo, Certificate),
/// RFC 8017 (RSAPublicKey, RSAPrivateKey), RFC 5208/5958 (PrivateKeyInfo) and RFC 5915 (ECPrivateKey).
fn der(b: &[u8]) -> Option<Material> {
    if b.first() != Some(&SEQUENCE) {
        return None;
    }
    let items = sequence(b)?;
    let tags: Vec<u8> = items.iter().map(|(t, _)| *t).collect();
    let algorithm_id = |c: &[u8]| tlv(c).is_some_and(|(t, _, _)| t == OID);
    match tags.as_slice() {
        [SEQUENCE, BIT_STRING] if algorithm_id(items[0].1) => Some(Material::DerPublicKey),
        [SEQUENCE, SEQUENCE, BIT_STRING] if sequence_starts_tbs(items[0].1) => {
            Some(Material::DerCertificate)
        }
        [INTEGER, INTEGER] if items[0].1.len() >= 64 => Some(Material::DerRsaPublicKey),
        [INTEGER, SEQUENCE, OCTET_STRING, ..] if algorithm_id(items[1].1) => {
            Some(Material::DerPrivateKey)
        }
        [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, ..] => {
            Some(Material::DerPrivateKey)
        }
        [INTEGER, OCTET_STRING, ..] if items[0].1 == [1] => Some(Material::DerPrivateKey),
        _ => None,
    }
}

/// A TBSCertificate's contents start with an optional `[0]` version and the serial number INTEGER.
fn sequence_starts_tbs(c: &[u8]) -> bool {
    matches!(tlv(c), Some((0xA0 | INTEGER, _, _)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Ed25519 SubjectPublicKeyInfo (RFC 8410 §10.1).
    const ED25519_SPKI_B64: &str = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";

    fn what(text: &str) -> Option<Material> {
        classify(text.as_bytes()).map(|d| d.material)
    }

    #[test]
    fn pem_and_ssh_in_every_spelling() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n";
        assert_eq!(what(pem), Some(Material::PemPublicKey));
        assert_eq!(
            what(&format!("\u{feff}{pem}")),
            Some(Material::PemPublicKey)
        );
        assert_eq!(what(&format!(" \n\t{pem}")), Some(Material::PemPublicKey));
        assert_eq!(
            what("-----BEGIN CERTIFICATE-----\nMIIB"),
            Some(Material::PemCertificate)
        );
        assert_eq!(
            what("-----BEGIN RSA PRIVATE KEY-----"),
            Some(Material::PemPrivateKey)
        );
        assert_eq!(
            what("---- BEGIN SSH2 PUBLIC KEY ----\nComment: x\nAAAAB3NzaC1yc2E=\n---- END SSH2 PUBLIC KEY ----"),
            Some(Material::Ssh2PublicKey)
        );
        assert_eq!(
            what("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC u@h"),
            Some(Material::OpenSshPublicKey)
        );
        assert_eq!(
            what("ssh-rsa\tAAAAB3NzaC1yc2EAAAADAQAB"),
            Some(Material::OpenSshPublicKey)
        );
        assert_eq!(
            what("command=\"echo hi\",no-pty ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB me@host"),
            Some(Material::OpenSshPublicKey)
        );
        assert_eq!(
            what("ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQ= me"),
            Some(Material::OpenSshCertificate)
        );
        assert_eq!(
            what("ecdsa-sha2-nistp256 AAAAE2VjZHNh"),
            Some(Material::OpenSshPublicKey)
        );
    }

    #[test]
    fn der_raw_base64_and_hex() {
        let der_bytes = b64::decode(ED25519_SPKI_B64).unwrap().bytes;
        assert_eq!(
            classify(&der_bytes),
            Some(Detected {
                material: Material::DerPublicKey,
                wrapping: Wrapping::Raw
            })
        );
        assert_eq!(
            classify(ED25519_SPKI_B64.as_bytes()).map(|d| d.wrapping),
            Some(Wrapping::Base64)
        );
        let hex: String = der_bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            classify(hex.as_bytes()),
            Some(Detected {
                material: Material::DerPublicKey,
                wrapping: Wrapping::Hex
            })
        );
        // PKCS#1 RSAPublicKey: SEQUENCE { INTEGER n (65 bytes), INTEGER e }.
        let mut n = vec![0x02, 0x41, 0x00];
        n.extend([0xC5; 64]);
        let mut pkcs1 = vec![0x30, 0x48];
        pkcs1.extend(&n);
        pkcs1.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
        assert_eq!(
            classify(&pkcs1).map(|d| d.material),
            Some(Material::DerRsaPublicKey)
        );
    }

    #[test]
    fn jwk_json_and_plain_secrets() {
        assert_eq!(
            what(r#"{"kty":"RSA","n":"0vx7","e":"AQAB"}"#),
            Some(Material::PublicJwk)
        );
        assert_eq!(
            what(r#"{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}"#),
            Some(Material::PrivateJwk)
        );
        assert_eq!(
            what(r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"a"}]}"#),
            Some(Material::AsymmetricJwkSet)
        );
        for plain in [
            "secret",
            "your-256-bit-secret",
            r#"{"kty":"oct","k":"c2VjcmV0"}"#,
            "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "ssh-rsa is a key type",
            "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
        ] {
            assert_eq!(what(plain), None, "{plain}");
        }
        assert_eq!(classify(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(classify(b""), None);
    }
}
