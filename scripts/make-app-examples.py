#!/usr/bin/env python3
"""Makes the app's asymmetric examples once (src/ui/examples.rs commits the output as text; nothing is
fetched or generated at run time): an RS256 OpenID Connect-style ID token with its RSA public key (PEM, SPKI)
and an ES256 token with its public JWK (P-256). Fresh keys every run; the private keys are never written.

    PYTHONPATH=.tools/python python3 scripts/make-app-examples.py   # PyJWT 2.10.1, cryptography 51.0.1

Prints the Rust constants to paste into src/ui/examples.rs.
"""
import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm

IAT = 1767225600  # 2026-01-01T00:00:00Z
EXP = 4102444800  # 2100-01-01T00:00:00Z: the examples stay valid

rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
rsa_pem = rsa_key.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
).decode()
id_token = jwt.encode(
    {
        "iss": "https://accounts.example.com",
        "sub": "248289761001",
        "aud": "s6BhdRkqt3",
        "email": "jane.doe@example.com",
        "email_verified": True,
        "name": "Jane Doe",
        "nonce": "n-0S6_WzA2Mj",
        "auth_time": IAT,
        "iat": IAT,
        "exp": EXP,
    },
    rsa_key,
    algorithm="RS256",
    headers={"kid": "example-rsa-2026", "typ": "JWT"},
)

ec_key = ec.generate_private_key(ec.SECP256R1())
jwk = json.loads(ECAlgorithm.to_jwk(ec_key.public_key()))
jwk = {"kty": "EC", "crv": "P-256", "x": jwk["x"], "y": jwk["y"], "kid": "example-p256", "use": "sig", "alg": "ES256"}
es_token = jwt.encode(
    {"sub": "device-7", "scope": "read:telemetry", "iat": IAT, "exp": EXP},
    ec_key,
    algorithm="ES256",
    headers={"kid": "example-p256", "typ": "JWT"},
)

# Check both with the public halves only, as the app will.
jwt.decode(id_token, rsa_key.public_key(), algorithms=["RS256"], audience="s6BhdRkqt3")
jwt.decode(es_token, ECAlgorithm.from_jwk(json.dumps(jwk)), algorithms=["ES256"])

print(f'pub const OIDC_RS256: &str = "{id_token}";\n')
pem_lines = "\\n\\\n".join(rsa_pem.rstrip().split("\n"))
print(f'pub const OIDC_RS256_PEM: &str = "\\\n{pem_lines}\\n";\n')
print(f'pub const ES256_TOKEN: &str = "{es_token}";\n')
print(f'pub const ES256_JWK: &str = r#"{json.dumps(jwk, separators=(",", ":"))}"#;')
