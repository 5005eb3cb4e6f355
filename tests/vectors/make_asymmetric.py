#!/usr/bin/env python3
"""Generator and checker for tests/vectors/interop-asymmetric.json (RS*, PS*, ES*, EdDSA).

Run from the repository root, with PyJWT and cryptography importable (see tests/vectors/README.md):

    PYTHONPATH=.tools/python python3 tests/vectors/make_asymmetric.py             # PyJWT + crafted cases
    node tests/vectors/make_asymmetric_jose.mjs                                   # jose cases, jose check
    PYTHONPATH=.tools/python python3 tests/vectors/make_asymmetric.py --check     # PyJWT check of both files

The key pairs are generated once and committed in the JSON (`keys`, `wrongKeys`); later runs read them back
from the file. `--new-keys` generates fresh ones (and drops the jose cases, which must then be re-made).
RS*, EdDSA and the certificates are deterministic; PS* and ES* signatures are randomised, so a case whose
header and payload are unchanged keeps its committed token and a re-run leaves the file byte-identical.
The jose cases (`source: "jose"`) already in the file are kept as they are.

`--check` verifies every case of interop-asymmetric.json and rfc-asymmetric.json with PyJWT: valid cases
must verify (and, unless `validateClaims` is false, have exp/nbf/iat valid at the file's `now`); invalid
ones must be refused, with PyJWT's InvalidSignatureError when `codeMatches` is INVALID_SIGNATURE.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import sys

import cryptography
import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "interop-asymmetric.json")
RFC = os.path.join(HERE, "rfc-asymmetric.json")

NOW = 1767225600  # 2026-01-01T00:00:00Z, the file's fixed clock
IAT = NOW - 3600
EXP = 4102444800  # 2100-01-01T00:00:00Z
CLAIMS = {"sub": "interop", "iat": IAT, "exp": EXP}

# key name -> (kid, JWS algorithms, certificate CN suffix, certificate hash)
KEYS = {
    "rsa": ("rsa-2048", ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"], "RSA", hashes.SHA256()),
    "p256": ("p256", ["ES256"], "ES256", hashes.SHA256()),
    "p384": ("p384", ["ES384"], "ES384", hashes.SHA384()),
    "p521": ("p521", ["ES512"], "ES512", hashes.SHA512()),
    "ed25519": ("ed25519", ["EdDSA"], "EdDSA", None),
}
ALG_KEY = {alg: name for name, (_, algs, _, _) in KEYS.items() for alg in algs}
CURVES = {"p256": ec.SECP256R1(), "p384": ec.SECP384R1(), "p521": ec.SECP521R1()}
# Other key types put in each key's JWK Set (mixed kty), besides the wrong key of the same type.
JWKS_OTHERS = {"rsa": ["p256", "ed25519"], "p256": ["rsa", "ed25519"], "p384": ["rsa", "ed25519"],
               "p521": ["rsa", "ed25519"], "ed25519": ["rsa", "p256"]}


def b64e(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def pem_public(k, fmt=serialization.PublicFormat.SubjectPublicKeyInfo):
    return k.public_key().public_bytes(serialization.Encoding.PEM, fmt).decode()


def pem_private(k, fmt):
    return k.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def jwk_of(name, k, kid, private):
    if name == "rsa":
        d = RSAAlgorithm.to_jwk(k if private else k.public_key(), as_dict=True)
    elif name == "ed25519":
        d = OKPAlgorithm.to_jwk(k if private else k.public_key(), as_dict=True)
    else:
        d = ECAlgorithm.to_jwk(k if private else k.public_key(), as_dict=True)
    d.pop("key_ops", None)
    order = ["kty", "kid", "use", "crv", "n", "e", "x", "y", "d", "p", "q", "dp", "dq", "qi"]
    d.update(kid=kid, use="sig")
    return {m: d[m] for m in order if m in d}


def certificate(name, k):
    _, _, cn, h = KEYS[name]
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"jwt-inspector test {cn}")])
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(k.public_key())
         .serial_number(0x1000 + list(KEYS).index(name))
         .not_valid_before(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
         .not_valid_after(datetime.datetime(2040, 1, 1, tzinfo=datetime.timezone.utc))
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    if name == "ed25519":
        c = b.sign(k, None)
    elif name == "rsa":
        c = b.sign(k, h)
    else:
        c = b.sign(k, h, ecdsa_deterministic=True)
    return c.public_bytes(serialization.Encoding.PEM).decode()


def generate(name):
    if name == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if name == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(CURVES[name])


def load_private(pem):
    return serialization.load_pem_private_key(pem.encode(), None)


def key_forms(name, k):
    kid = KEYS[name][0]
    f = {"spki": pem_public(k)}
    if name == "rsa":
        f["pkcs1"] = pem_public(k, serialization.PublicFormat.PKCS1)
    f["cert"] = certificate(name, k)
    f["jwk"] = jwk_of(name, k, kid, False)
    f["jwks"] = None  # filled in once every key exists
    f["jwkPrivate"] = jwk_of(name, k, kid, True)
    f["pkcs8"] = pem_private(k, serialization.PrivateFormat.PKCS8)
    if name == "rsa":
        f["pkcs1Private"] = pem_private(k, serialization.PrivateFormat.TraditionalOpenSSL)
    elif name != "ed25519":
        f["sec1Private"] = pem_private(k, serialization.PrivateFormat.TraditionalOpenSSL)
    return f


def wrong_forms(name, k):
    return {"spki": pem_public(k), "jwk": jwk_of(name, k, KEYS[name][0] + "-wrong", False),
            "pkcs8": pem_private(k, serialization.PrivateFormat.PKCS8)}


def build_keys(old, new_keys):
    priv, wpriv = {}, {}
    for name in KEYS:
        if old and not new_keys:
            priv[name] = load_private(old["keys"][name]["pkcs8"])
            wpriv[name] = load_private(old["wrongKeys"][name]["pkcs8"])
        else:
            priv[name], wpriv[name] = generate(name), generate(name)
    keys = {n: key_forms(n, priv[n]) for n in KEYS}
    wrong = {n: wrong_forms(n, wpriv[n]) for n in KEYS}
    for n in KEYS:
        keys[n]["jwks"] = {"keys": [wrong[n]["jwk"]] + [keys[o]["jwk"] for o in JWKS_OTHERS[n]] + [keys[n]["jwk"]]}
    return keys, wrong, priv, wpriv


def segments(token):
    return token.split(".")


def reencode_header(token, header):
    _, p, s = segments(token)
    return ".".join([b64e(json.dumps(header, separators=(",", ":")).encode()), p, s])


def tamper_payload(token):
    """One payload character changed by one bit ("interop" -> "Interop"), signature kept."""
    h, p, s = segments(token)
    raw = b64d(p)
    raw2 = raw.replace(b'"interop"', b'"Interop"', 1)
    assert raw2 != raw
    return ".".join([h, b64e(raw2), s])


def ecdsa_der(token):
    h, p, s = segments(token)
    raw = b64d(s)
    n = len(raw) // 2
    der = encode_dss_signature(int.from_bytes(raw[:n], "big"), int.from_bytes(raw[n:], "big"))
    return ".".join([h, p, b64e(der)])


def zero_signature(token):
    h, p, s = segments(token)
    return ".".join([h, p, b64e(bytes(len(b64d(s))))])


def build_cases(keys, wrong, priv, wpriv, old_tokens):
    cases = []

    def sign(case_id, payload, key, alg, headers):
        tok = jwt.encode(payload, key, algorithm=alg, headers=headers)
        old = old_tokens.get(case_id)
        if old and segments(old)[:2] == segments(tok)[:2]:
            return old  # randomised signature (PS*, ES*): keep the committed one
        return tok

    def add(case_id, token, key, enc, expect, note, options=None, source="pyjwt"):
        c = {"id": case_id, "source": source, "kind": "verify", "token": token, "key": key}
        if enc:
            c["keyEncoding"] = enc
        if options:
            c["options"] = options
        c["expect"] = expect
        c["note"] = note
        cases.append(c)

    sig_fail = {"valid": False, "codeMatches": "INVALID_SIGNATURE"}
    tokens = {}
    for name, (kid, algs, _, _) in KEYS.items():
        for alg in algs:
            a = alg.lower()
            tok = sign(f"pyjwt-{a}-spki", CLAIMS, priv[name], alg, {"kid": kid})
            tokens[alg] = tok
            forms = [f for f in ("spki", "pkcs1", "cert", "jwk", "jwks") if f in keys[name]]
            for form in forms:
                enc = "pem" if isinstance(keys[name][form], str) else form
                add(f"pyjwt-{a}-{form}", tok, keys[name][form], enc, {"valid": True, "alg": alg},
                    f"{alg} signed by PyJWT {jwt.__version__}, verified with the {form} form of keys.{name}")
            add(f"pyjwt-{a}-tamper-payload", tamper_payload(tok), keys[name]["spki"], "pem", sig_fail,
                f'{alg} PyJWT token with one payload bit flipped ("interop" -> "Interop"), signature kept')
            add(f"pyjwt-{a}-wrongkey", tok, wrong[name]["spki"], "pem", sig_fail,
                f"{alg} PyJWT token verified with wrongKeys.{name} (same key type, other key)")
            if alg.startswith("ES"):
                add(f"pyjwt-{a}-der-signature", ecdsa_der(tok), keys[name]["spki"], "pem", sig_fail,
                    f"{alg} PyJWT token with its R||S signature re-encoded as ASN.1 DER (JWS requires R||S)")
                add(f"pyjwt-{a}-zero-signature", zero_signature(tok), keys[name]["spki"], "pem", sig_fail,
                    f"{alg} PyJWT token with an all-zero R||S signature of the right length (CVE-2022-21449)")
            if alg == "EdDSA":
                add(f"pyjwt-{a}-zero-signature", zero_signature(tok), keys[name]["spki"], "pem", sig_fail,
                    "EdDSA PyJWT token with an all-zero 64-byte signature")

    rs = tokens["RS256"]
    hdr = json.loads(b64d(segments(rs)[0]))
    add("crafted-rs256-relabelled-ps256", reencode_header(rs, dict(hdr, alg="PS256")), keys["rsa"]["spki"], "pem",
        sig_fail, "PyJWT RS256 token whose header alg was changed to PS256 (header re-encoded, signature kept)",
        source="crafted")
    add("crafted-es256-with-rsa-key", tokens["ES256"], keys["rsa"]["spki"], "pem",
        {"valid": False, "codeMatches": "KEY_ALG_MISMATCH"}, "valid ES256 PyJWT token verified with the RSA SPKI key",
        source="crafted")
    add("crafted-es256-with-rsa-jwk", tokens["ES256"], keys["rsa"]["jwk"], "jwk",
        {"valid": False, "codeMatches": "KEY_ALG_MISMATCH"}, "valid ES256 PyJWT token verified with the RSA JWK",
        source="crafted")

    # RS256 -> HS256 key confusion: HMAC-SHA256 keyed with the exact SPKI PEM text (trailing newline included).
    spki = keys["rsa"]["spki"]
    h = b64e(json.dumps({"alg": "HS256", "kid": "rsa-2048", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64e(json.dumps(CLAIMS, separators=(",", ":")).encode())
    mac = hmac.new(spki.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
    confused = f"{h}.{p}.{b64e(mac)}"
    mism = {"valid": False, "codeMatches": "KEY_ALG_MISMATCH"}
    note = ("RS->HS confusion: HS256 token whose HMAC key is the UTF-8 text of keys.rsa.spki; "
            "a verifier that uses the PEM text as an HMAC secret accepts it")
    add("crafted-hs256-rsa-spki-confusion", confused, spki, "pem", mism, note, source="crafted")
    add("crafted-hs256-rsa-spki-confusion-allow-hs256-rs256", confused, spki, "pem", mism,
        note + "; algorithms allow-list [HS256, RS256]", {"algorithms": ["HS256", "RS256"]}, source="crafted")
    add("crafted-hs256-rsa-spki-confusion-utf8", confused, spki, "utf8", mism,
        note + "; the PEM given as utf8 text (the form an HMAC secret is pasted in)", source="crafted")

    none_tok = ".".join([b64e(b'{"alg":"none","typ":"JWT"}'), segments(rs)[1], ""])
    add("crafted-rs256-alg-none", none_tok, spki, "pem", {"valid": False, "codeMatches": "ALG_NONE"},
        "alg none, empty signature, PyJWT RS256 payload, verified with the RSA SPKI key", source="crafted")

    emb = sign("crafted-rs256-embedded-jwk", CLAIMS, wpriv["rsa"], "RS256",
               {"kid": "rsa-2048", "jwk": wrong["rsa"]["jwk"]})
    add("crafted-rs256-embedded-jwk", emb, spki, "pem", sig_fail,
        "RS256 token signed by the attacker key wrongKeys.rsa, which it carries in its own header jwk; "
        "verified with the real keys.rsa SPKI key", source="crafted")
    return cases


# ---------------------------------------------------------------------------------------------- checking

def header_of(token):
    return json.loads(b64d(segments(token)[0]))


def pyjwt_key(case):
    """The key object or text PyJWT is given for a case, or raises when PyJWT cannot take it."""
    key, enc = case["key"], case.get("keyEncoding")
    h = header_of(case["token"])
    if isinstance(key, dict):
        if "keys" in key:
            return jwt.PyJWKSet.from_dict(key)[h["kid"]].key
        return jwt.PyJWK(key, algorithm=h.get("alg")).key
    if "-----BEGIN CERTIFICATE-----" in key:
        return x509.load_pem_x509_certificate(key.encode()).public_key()
    return key  # PEM text (SPKI / PKCS#1), or a utf8 secret


def pyjwt_outcome(case, now):
    """'valid', or the name of the exception PyJWT (or the key loading) raised."""
    h = header_of(case["token"])
    algs = (case.get("options") or {}).get("algorithms") or [h.get("alg")]
    if h.get("alg") == "none":
        algs = list(ALG_KEY)  # PyJWT must refuse alg none when asymmetric algorithms are expected
    try:
        key = pyjwt_key(case)
        jwt.api_jws.PyJWS().decode_complete(case["token"], key, algorithms=algs)
    except Exception as e:  # noqa: BLE001 -- every refusal is an outcome
        return type(e).__name__
    if (case.get("options") or {}).get("validateClaims", True):
        claims = json.loads(b64d(segments(case["token"])[1]))
        if "exp" in claims and not now < claims["exp"]:
            return "expired"
        if "nbf" in claims and not claims["nbf"] <= now:
            return "not-yet-valid"
        if "iat" in claims and not claims["iat"] <= now:
            return "iat-in-future"
    return "valid"


def check(path):
    doc = json.load(open(path))
    now = doc["now"]
    bad = 0
    for c in doc["cases"]:
        if c["kind"] != "verify":
            continue
        got = pyjwt_outcome(c, (c.get("options") or {}).get("now", now))
        exp = c["expect"]
        if exp["valid"]:
            ok = got == "valid"
        elif exp.get("codeMatches") == "INVALID_SIGNATURE":
            ok = got == "InvalidSignatureError"
        else:
            ok = got != "valid"
        if c["id"].startswith("crafted-hs256-rsa-spki-confusion"):
            # The token is a genuine HMAC under the PEM text: only the key-type rule stops it.
            h, p, s = segments(c["token"])
            mac = hmac.new(c["key"].encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
            ok = ok and b64e(mac) == s
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {c['id']}: PyJWT {got}")
    print(f"{path}: {len(doc['cases'])} cases, {bad} failing (PyJWT {jwt.__version__}, "
          f"cryptography {cryptography.__version__})")
    return bad


def main():
    args = sys.argv[1:]
    if "--check" in args:
        bad = sum(check(p) for p in (OUT, RFC) if os.path.exists(p))
        sys.exit(1 if bad else 0)
    new_keys = "--new-keys" in args
    old = json.load(open(OUT)) if os.path.exists(OUT) else None
    keys, wrong, priv, wpriv = build_keys(old, new_keys)
    if old and not new_keys:
        for n in KEYS:  # the stored forms must be the ones derived from the stored private keys
            assert old["keys"][n] == keys[n], f"keys.{n} differs from what its pkcs8 key derives"
            assert old["wrongKeys"][n] == wrong[n], f"wrongKeys.{n} differs"
    old_cases = [] if (old is None or new_keys) else old["cases"]
    old_tokens = {c["id"]: c["token"] for c in old_cases}
    cases = build_cases(keys, wrong, priv, wpriv, old_tokens)
    cases += [c for c in old_cases if c.get("source") == "jose"]
    doc = {
        "description": "Asymmetric interop vectors for RS256/384/512, PS256/384/512, ES256/384/512 and EdDSA "
                       "(Ed25519): tokens signed by PyJWT (cases source pyjwt) and by jose (source jose), each "
                       "verified with every public key form (SPKI PEM, PKCS#1 PEM for RSA, X.509 certificate, "
                       "JWK, mixed-kty JWK Set), plus negative cases (tampered payload, wrong key, DER and "
                       "all-zero ECDSA signatures, PS/RS relabelling, key/alg mismatch, RS->HS confusion, "
                       "alg none, embedded jwk). Made by make_asymmetric.py and make_asymmetric_jose.mjs.",
        "now": NOW,
        "keys": keys,
        "wrongKeys": wrong,
        "cases": cases,
    }
    for c in cases:
        assert c["key"] is not None
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    bad = check(OUT)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
