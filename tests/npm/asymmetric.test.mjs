// Asymmetric signatures through the packed package: every RFC and interop vector, keys in every form (PEM
// strings, certificates, JWK and JWK Set objects and texts, Node KeyObjects), results that name the key, and
// interop both ways — tokens our `sign` makes for every algorithm verify in jose and PyJWT (with
// `cryptography`), with private keys as PKCS#8 / PKCS#1 / SEC1 PEM, JWK and KeyObject.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as jose from 'jose';
import { inspect, sign, verify } from 'jwt-inspector';
import { REPO, pyjwt, tamperPayload } from './lib.mjs';

const load = (name) => JSON.parse(readFileSync(join(REPO, 'tests/vectors', name), 'utf8'));
const RFC = load('rfc-asymmetric.json');
const INTEROP = load('interop-asymmetric.json');
const KEYS = INTEROP.keys;
const NOW = INTEROP.now;

const ALGS = [
  ['RS256', 'rsa'], ['RS384', 'rsa'], ['RS512', 'rsa'],
  ['PS256', 'rsa'], ['PS384', 'rsa'], ['PS512', 'rsa'],
  ['ES256', 'p256'], ['ES384', 'p384'], ['ES512', 'p521'],
  ['EdDSA', 'ed25519'],
];
const PRIVATE_FORMS = { rsa: ['pkcs8', 'pkcs1Private', 'jwkPrivate'], ed25519: ['pkcs8', 'jwkPrivate'] };
const privateForms = (name) => PRIVATE_FORMS[name] ?? ['pkcs8', 'sec1Private', 'jwkPrivate'];

function runCase(c) {
  const options = { now: NOW, ...(c.options ?? {}) };
  if (c.keyEncoding !== undefined) options.keyEncoding = c.keyEncoding;
  return verify(c.token, c.key, options);
}

describe('vectors', () => {
  for (const [file, doc] of [['rfc-asymmetric.json', RFC], ['interop-asymmetric.json', INTEROP]]) {
    test(`every case of ${file}`, () => {
      const failures = [];
      for (const c of doc.cases) {
        const r = runCase(c);
        if (r.valid !== c.expect.valid) failures.push(`${c.id}: valid=${r.valid} ${r.code} ${r.message}`);
        else if (!r.valid && c.expect.codeMatches && !new RegExp(c.expect.codeMatches, 'i').test(r.code)) {
          failures.push(`${c.id}: code ${r.code} !~ ${c.expect.codeMatches}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(doc.cases.length >= 14);
    });
  }
});

describe('keys in every form', () => {
  test('PEM strings need no option; keyEncoding "pem" says it; JWK objects and texts; KeyObjects', () => {
    const t = sign({ sub: 'forms', exp: NOW + 600 }, KEYS.rsa.pkcs8, { algorithm: 'RS256' });
    const o = { now: NOW };
    for (const [key, opts] of [
      [KEYS.rsa.spki, o],
      [KEYS.rsa.spki, { ...o, keyEncoding: 'pem' }],
      [KEYS.rsa.pkcs1, o],
      [KEYS.rsa.cert, { ...o, keyEncoding: 'PEM' }],
      [KEYS.rsa.jwk, o],
      [JSON.stringify(KEYS.rsa.jwk), { ...o, keyEncoding: 'jwk' }],
      [KEYS.rsa.jwks, o],
      [JSON.stringify(KEYS.rsa.jwks), { ...o, keyEncoding: 'jwks' }],
      [createPublicKey(KEYS.rsa.spki), o],
      [createPublicKey(KEYS.rsa.cert), o],
    ]) {
      const r = verify(t, key, opts);
      assert.equal(r.valid, true, `${typeof key} ${JSON.stringify(opts)}: ${r.message}`);
      assert.deepEqual([r.keyType, r.keyBits, r.curve], ['RSA', 2048, undefined]);
    }
    // A private key verifies too, and is flagged.
    const r = verify(t, createPrivateKey(KEYS.rsa.pkcs8), o);
    assert.equal(r.valid, true);
    assert.ok(r.findings.some((f) => f.id === 'private-key-pasted'));
  });

  test('results name the key type, size and curve', () => {
    for (const [alg, name, kty, bits, curve] of [
      ['ES256', 'p256', 'EC', 256, 'P-256'],
      ['ES384', 'p384', 'EC', 384, 'P-384'],
      ['ES512', 'p521', 'EC', 521, 'P-521'],
      ['EdDSA', 'ed25519', 'OKP', 256, 'Ed25519'],
    ]) {
      const t = sign({ sub: alg }, KEYS[name].pkcs8, { algorithm: alg });
      const r = verify(t, KEYS[name].jwk, { now: NOW });
      assert.equal(r.valid, true, r.message);
      assert.deepEqual([r.alg, r.keyType, r.keyBits, r.curve], [alg, kty, bits, curve]);
    }
  });

  test('bad PEM: precise key errors with offsets into the key string', () => {
    const t = sign({ sub: 'x' }, KEYS.p256.pkcs8, { algorithm: 'ES256' });
    const pem = KEYS.p256.spki;
    const at = pem.indexOf('\n') + 4;
    const bad = `${pem.slice(0, at)}*${pem.slice(at + 1)}`;
    const r = verify(t, bad, { now: NOW });
    assert.equal(r.code, 'KEY_INVALID');
    assert.deepEqual([r.keyError.code, r.keyError.start, r.keyError.end], ['ERR_KEY_PEM', at, at + 1]);
    assert.equal(bad.slice(r.keyError.start, r.keyError.end), '*');
    const e = verify(t, 'not pem at all', { keyEncoding: 'pem', now: NOW });
    assert.equal(e.keyError.code, 'ERR_KEY_PEM');
    const enc = verify(t, '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n', { now: NOW });
    assert.equal(enc.keyError.code, 'ERR_KEY_ENCRYPTED');
  });
});

describe('never verifies', () => {
  test('an HMAC token keyed with the public key text: KEY_ALG_MISMATCH, also with HS256 and RS256 allowed', async () => {
    for (const [name, form] of [['rsa', 'spki'], ['rsa', 'cert'], ['p256', 'spki'], ['ed25519', 'spki']]) {
      const pem = KEYS[name][form];
      const forged = await new jose.SignJWT({ sub: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(pem));
      for (const options of [{}, { algorithms: ['HS256', 'RS256', 'ES256', 'EdDSA'] }, { keyEncoding: 'pem' }, { strict: false }]) {
        const r = verify(forged, pem, { ...options, now: NOW });
        assert.equal(r.valid, false);
        assert.equal(r.code, 'KEY_ALG_MISMATCH', `${name}.${form} ${JSON.stringify(options)}: ${r.message}`);
        assert.ok(r.findings.some((f) => f.id === 'public-key-as-secret'));
      }
    }
  });

  test('a key of another type or curve; a tampered token; a DER signature; the psychic signature', () => {
    const es = sign({ sub: 'x' }, KEYS.p256.pkcs8, { algorithm: 'ES256' });
    assert.equal(verify(es, KEYS.rsa.spki, { now: NOW }).code, 'KEY_ALG_MISMATCH');
    assert.equal(verify(es, KEYS.p384.jwk, { now: NOW }).code, 'KEY_ALG_MISMATCH');
    assert.equal(verify(tamperPayload(es), KEYS.p256.spki, { now: NOW }).code, 'INVALID_SIGNATURE');
    const [h, p, s] = es.split('.');
    const zero = verify(`${h}.${p}.${Buffer.alloc(64).toString('base64url')}`, KEYS.p256.spki, { now: NOW });
    assert.equal(zero.code, 'INVALID_SIGNATURE');
    assert.ok(zero.findings.some((f) => f.id === 'ecdsa-scalar-range'));
    const raw = Buffer.from(s, 'base64url');
    const der = Buffer.from(jose.base64url.decode(s)); // same bytes; make DER by hand
    assert.deepEqual(raw, der);
    const int = (b) => {
      let x = b;
      while (x.length > 1 && x[0] === 0) x = x.subarray(1);
      return x[0] & 0x80 ? Buffer.concat([Buffer.from([0x02, x.length + 1, 0]), x]) : Buffer.concat([Buffer.from([0x02, x.length]), x]);
    };
    const body = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32))]);
    const derSig = Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('base64url');
    const d = verify(`${h}.${p}.${derSig}`, KEYS.p256.spki, { now: NOW });
    assert.equal(d.code, 'INVALID_SIGNATURE');
    assert.ok(d.findings.some((f) => f.id === 'ecdsa-der-signature'));
  });

  test('a key carried by the token is never used', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const attackerJwk = publicKey.export({ format: 'jwk' });
    const forged = await new jose.SignJWT({ sub: 'admin' })
      .setProtectedHeader({ alg: 'ES256', jwk: attackerJwk })
      .sign(privateKey);
    const r = verify(forged, KEYS.p256.spki, { now: NOW });
    assert.equal(r.code, 'INVALID_SIGNATURE');
    assert.ok(inspect(forged).findings.some((f) => f.id === 'token-supplied-key'));
  });

  test('an RSA key under 2048 bits: strict refuses it (ERR_KEY_WEAK), strict: false verifies and flags it', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    assert.throws(() => sign({ sub: 'x' }, privateKey, { algorithm: 'RS256' }), { code: 'ERR_KEY_WEAK' });
    const token = jose.base64url.encode(JSON.stringify({ alg: 'RS256' }));
    assert.ok(token);
    // Sign with Node (1024 bits) to get a token.
    return import('node:crypto').then(({ createSign }) => {
      const input = `${jose.base64url.encode(JSON.stringify({ alg: 'RS256' }))}.${jose.base64url.encode(JSON.stringify({ sub: 'short' }))}`;
      const sig = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
      const t = `${input}.${sig}`;
      const strict = verify(t, pem, { now: NOW });
      assert.deepEqual([strict.code, strict.keyError?.code], ['KEY_INVALID', 'ERR_KEY_WEAK']);
      const lenient = verify(t, pem, { now: NOW, strict: false });
      assert.equal(lenient.valid, true, lenient.message);
      assert.equal(lenient.keyBits, 1024);
      assert.ok(lenient.findings.some((f) => f.id === 'rsa-key-too-short'));
    });
  });
});

describe('sign', () => {
  test('the algorithm defaults to the key: RS256 for RSA, the curve for EC, EdDSA for Ed25519', () => {
    for (const [name, alg] of [['rsa', 'RS256'], ['p256', 'ES256'], ['p384', 'ES384'], ['p521', 'ES512'], ['ed25519', 'EdDSA']]) {
      const t = sign({ sub: 'x' }, KEYS[name].pkcs8);
      assert.equal(inspect(t).alg, alg);
    }
  });

  test('refusals: a public key, a key of another type or curve, a JWK for another alg — ERR_KEY_ALG', () => {
    assert.throws(() => sign({}, KEYS.rsa.spki, { algorithm: 'RS256' }), { code: 'ERR_KEY_ALG' });
    assert.throws(() => sign({}, KEYS.rsa.jwk, { algorithm: 'RS256' }), { code: 'ERR_KEY_ALG' });
    assert.throws(() => sign({}, KEYS.p256.pkcs8, { algorithm: 'ES384' }), { code: 'ERR_KEY_ALG' });
    assert.throws(() => sign({}, KEYS.p256.pkcs8, { algorithm: 'RS256' }), { code: 'ERR_KEY_ALG' });
    assert.throws(() => sign({}, KEYS.rsa.pkcs8, { algorithm: 'HS256' }), { code: 'ERR_KEY_ALG' });
    assert.throws(() => sign({}, { ...KEYS.rsa.jwkPrivate, alg: 'PS256' }, { algorithm: 'RS256' }), { code: 'ERR_KEY_ALG' });
    assert.throws(() => sign({}, KEYS.rsa.pkcs8, { algorithm: 'ES256K' }), { code: 'ERR_SIGN_INPUT' });
  });

  test('PS* signatures are salted (differ each time) and verify', () => {
    const a = sign({ sub: 'x' }, KEYS.rsa.pkcs8, { algorithm: 'PS256' });
    const b = sign({ sub: 'x' }, KEYS.rsa.pkcs8, { algorithm: 'PS256' });
    assert.notEqual(a, b);
    for (const t of [a, b]) assert.equal(verify(t, KEYS.rsa.spki).valid, true);
  });
});

describe('interop both ways', () => {
  test('tokens our sign makes, with every private key form, verify in jose', async () => {
    for (const [alg, name] of ALGS) {
      const publicKey = await jose.importJWK({ ...KEYS[name].jwk, alg }, alg);
      for (const form of privateForms(name)) {
        const t = sign({ sub: 'ours', exp: Math.floor(Date.now() / 1000) + 600 }, KEYS[name][form], { algorithm: alg, header: { kid: 'k1' } });
        const { payload, protectedHeader } = await jose.jwtVerify(t, publicKey);
        assert.equal(payload.sub, 'ours');
        assert.equal(protectedHeader.alg, alg, form);
      }
      // A Node KeyObject signs too.
      const t = sign({ sub: 'keyobject' }, createPrivateKey(KEYS[name].pkcs8), { algorithm: alg });
      assert.equal((await jose.jwtVerify(t, publicKey)).payload.sub, 'keyobject');
    }
  });

  test('tokens our sign makes verify in PyJWT (cryptography), and PyJWT tokens verify here', () => {
    const cases = [];
    for (const [alg, name] of ALGS) {
      for (const form of ['pkcs8', privateForms(name)[1]]) {
        cases.push({ alg, keyPem: KEYS[name].spki, token: sign({ sub: `${alg}-${form}` }, KEYS[name][form], { algorithm: alg }) });
      }
    }
    const out = pyjwt('verify', cases);
    assert.deepEqual(
      out.results.map((r) => r.ok && r.claims.sub),
      cases.map((c, i) => `${c.alg}-${['pkcs8', privateForms(ALGS.find((a) => a[0] === c.alg)[1])[1]][i % 2]}`),
    );
    const signed = pyjwt(
      'sign',
      ALGS.map(([alg, name]) => ({ alg, keyPem: KEYS[name].pkcs8, payload: { sub: 'from-pyjwt' } })),
    );
    for (const [i, [alg, name]] of ALGS.entries()) {
      const r = verify(signed.results[i], KEYS[name].cert, { now: NOW });
      assert.equal(r.valid, true, `${alg}: ${r.message}`);
      assert.equal(r.payload.sub, 'from-pyjwt');
      assert.equal(verify(tamperPayload(signed.results[i]), KEYS[name].cert, { now: NOW }).code, 'INVALID_SIGNATURE');
    }
  });
});
