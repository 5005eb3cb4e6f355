// The packed package as a user gets it (ESM import in Node): the public vectors, error objects and their
// UTF-16 offsets, claim validation, sign → verify round trips, and the shapes of the results.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { inspect, JwtInspectorError, sign, verify } from 'jwt-inspector';
import { hmacToken, tamperPayload, vectors } from './lib.mjs';

const ARTICLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ';
const NOW = vectors.now;
const KEY = 'k'.repeat(32);

describe('public vectors', () => {
  for (const c of vectors.cases) {
    test(`${c.kind} ${c.id}`, () => {
      if (c.kind === 'verify') {
        const r = verify(c.token, c.key, { ...c.options, keyEncoding: c.keyEncoding });
        assert.equal(r.valid, c.expect.valid, `${r.code}: ${r.message}`);
        if (c.expect.alg) assert.equal(r.alg, c.expect.alg);
        if (!c.expect.valid) {
          assert.equal(typeof r.code, 'string');
          if (c.expect.codeMatches) assert.match(r.code, new RegExp(c.expect.codeMatches, 'i'));
        } else {
          assert.equal(r.code, null);
        }
        return;
      }
      if (c.expect.throws) {
        let r;
        try {
          r = inspect(c.token);
        } catch (e) {
          assert.ok(e instanceof JwtInspectorError && e instanceof Error);
          assert.equal(typeof e.code, 'string');
          assert.ok(e.message.length > 0);
          return;
        }
        assert.ok(r.errors.length > 0, 'a broken token reports errors');
        return;
      }
      const r = inspect(c.token);
      assert.deepEqual(r.errors, []);
      for (const field of ['kind', 'alg', 'header', 'payload', 'signature']) {
        if (field in c.expect) assert.deepEqual(r[field], c.expect[field], field);
      }
    });
  }
});

describe('inspect', () => {
  test('returns plain objects with everything explained', () => {
    const r = inspect(ARTICLE, { now: NOW });
    assert.equal(r.kind, 'jws');
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.equal(Object.getPrototypeOf(r.header), Object.prototype);
    assert.deepEqual(r.header, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(r.payload, { sub: '1234567890', name: 'John Doe', admin: true });
    assert.equal(r.payloadType, 'json');
    assert.equal(r.signature, ARTICLE.split('.')[2]);
    assert.equal(r.headerJson, '{\n  "alg": "HS256",\n  "typ": "JWT"\n}');
    assert.equal(r.payloadJson, '{\n  "sub": "1234567890",\n  "name": "John Doe",\n  "admin": true\n}');
    assert.equal(r.alg, 'HS256');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.notes, []);
    assert.equal(r.token, ARTICLE);
    assert.deepEqual(r.claims.map((c) => c.name), ['sub', 'name', 'admin']);
    assert.match(r.claims[0].description, /^Subject/);
    assert.deepEqual(r.headerFields.map((f) => f.name), ['alg', 'typ']);
    assert.deepEqual(
      r.parts.map((p) => [p.part, ARTICLE.slice(p.start, p.end), p.decodedLength]),
      ARTICLE.split('.').map((text, i) => [['header', 'payload', 'signature'][i], text, Buffer.from(text, 'base64url').length]),
    );
    const ids = r.findings.map((f) => f.id);
    assert.ok(ids.includes('missing-exp'), ids.join());
    for (const f of r.findings) {
      assert.match(f.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(['info', 'warning', 'danger'].includes(f.severity));
      assert.match(f.rfc, /^RFC \d+ §/);
      assert.ok(f.message.length > 10);
    }
  });

  test('claim times against `now`', () => {
    const t = hmacToken({ alg: 'HS256' }, { iat: NOW - 60, nbf: NOW + 3600, exp: NOW - 1 }, KEY);
    const r = inspect(t, { now: NOW });
    const time = Object.fromEntries(r.claims.map((c) => [c.name, c.time]));
    assert.deepEqual(time.iat, { iso: '2023-11-14T22:12:20Z', relative: '1 min ago', status: 'valid', seconds: NOW - 60 });
    assert.equal(time.nbf.status, 'not-yet-valid');
    assert.equal(time.nbf.relative, 'in 1 h');
    assert.equal(time.exp.status, 'expired');
    const ids = r.findings.map((f) => f.id);
    assert.ok(ids.includes('expired') && ids.includes('not-yet-valid'), ids.join());
    // The default clock is now: a token that expired a minute ago is expired.
    const fresh = hmacToken({ alg: 'HS256' }, { exp: Math.floor(Date.now() / 1000) - 60 }, KEY);
    assert.equal(inspect(fresh).claims[0].time.status, 'expired');
  });

  test('big integers follow JSON.parse; payloadJson keeps the digits', () => {
    const body = '{"n":12345678901234567890123,"f":1.50,"e":1E400,"neg":-0}';
    const r = inspect(hmacToken({ alg: 'HS256' }, body, KEY));
    assert.deepEqual(r.payload, JSON.parse(body));
    assert.equal(r.payload.n, 12345678901234567890123);
    assert.match(r.payloadJson, /"n": 12345678901234567890123,/);
    assert.match(r.payloadJson, /"f": 1\.50,/);
    assert.match(r.payloadJson, /"e": 1E400,/);
    assert.equal(r.claims[0].value, JSON.parse(body).n);
  });

  test('strings are what JSON.parse reads, lone surrogate escapes included', () => {
    const body = '{"lone":"\\ud800","pair":"\\ud83d\\ude00","esc":"\\u0041\\/"}';
    const t = hmacToken({ alg: 'HS256' }, body, KEY);
    assert.deepEqual(inspect(t).payload, JSON.parse(body));
    assert.deepEqual(verify(t, KEY).payload, JSON.parse(body));
    assert.equal(verify(t, KEY).payload.lone.length, 1);
  });

  test('duplicate members: the last one wins, as in JSON.parse, and it is flagged', () => {
    const r = inspect(hmacToken('{"alg":"HS256","alg":"none"}', '{"a":1,"a":2}', KEY));
    assert.equal(r.header.alg, 'none');
    assert.equal(r.alg, 'none');
    assert.equal(r.kind, 'unsecured');
    assert.deepEqual(r.payload, { a: 2 });
    assert.match(r.headerJson, /"alg": "HS256",\n {2}"alg": "none"/);
    assert.ok(r.findings.some((f) => f.id === 'duplicate-member'));
    assert.ok(r.findings.some((f) => f.id === 'alg-none'));
  });

  test('__proto__ is an own member, not a prototype', () => {
    const r = inspect(hmacToken({ alg: 'HS256' }, '{"__proto__":{"polluted":true},"a":1}', KEY));
    assert.ok(Object.prototype.hasOwnProperty.call(r.payload, '__proto__'));
    assert.equal(r.payload.polluted, undefined);
    assert.equal({}.polluted, undefined);
  });

  test('text, binary and JWE payloads', () => {
    const text = hmacToken({ alg: 'HS256' }, 'It’s a dangerous business, Frodo', KEY);
    const t = inspect(text);
    assert.equal(t.payloadType, 'text');
    assert.equal(t.payload, 'It’s a dangerous business, Frodo');
    assert.equal(t.payloadJson, t.payload);

    const [h] = text.split('.');
    const binary = `${h}.${Buffer.from([0xff, 0x00, 0xfe]).toString('base64url')}.AA`;
    const b = inspect(binary);
    assert.equal(b.payloadType, 'binary');
    assert.ok(b.payload instanceof Uint8Array);
    assert.deepEqual([...b.payload], [0xff, 0x00, 0xfe]);
    assert.equal(b.payloadJson, 'ff00fe');

    const jweHeader = Buffer.from('{"alg":"dir","enc":"A128GCM"}').toString('base64url');
    const jwe = inspect(`${jweHeader}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(jwe.kind, 'jwe');
    assert.equal(jwe.payload, null);
    assert.equal(jwe.payloadType, null);
    assert.equal(jwe.payloadJson, '');
    assert.equal(jwe.signature, '');
    assert.deepEqual(jwe.header, { alg: 'dir', enc: 'A128GCM' });
    assert.ok(jwe.findings.some((f) => f.id === 'encrypted'));
  });

  test('what people paste is cleaned up, and offsets still point into it', () => {
    const input = `Authorization: Bearer ${ARTICLE.slice(0, 40)}\n  ${ARTICLE.slice(40)}`;
    const r = inspect(input);
    assert.deepEqual(r.errors, []);
    assert.equal(r.token, ARTICLE);
    assert.equal(r.notes.length, 3, r.notes.join(' | '));
    const sig = r.parts[2];
    assert.equal(input.slice(sig.start, sig.end), ARTICLE.split('.')[2]);
    // verify is strict by default: one token, one spelling; strict: false accepts the paste.
    const strict = verify(input, 'secret', { validateClaims: false });
    assert.equal(strict.valid, false);
    assert.equal(strict.code, 'MALFORMED');
    assert.equal(verify(input, 'secret', { validateClaims: false, strict: false }).valid, true);
    assert.equal(verify(`${ARTICLE}=`, 'secret', { validateClaims: false }).code, 'MALFORMED');
    assert.equal(verify(`${ARTICLE}=`, 'secret', { validateClaims: false, strict: false }).valid, true);
    // A non-canonical last character of the signature (stray bits) is refused, on every path.
    const stray = ARTICLE.slice(0, -1) + (ARTICLE.endsWith('Q') ? 'R' : 'Q');
    assert.equal(verify(ARTICLE, 'secret', { validateClaims: false }).valid, true);
    assert.equal(verify(stray, 'secret', { validateClaims: false }).code, 'MALFORMED');
  });
});

describe('errors and UTF-16 offsets', () => {
  test('nothing decodable throws a JwtInspectorError', () => {
    for (const [input, code] of [['', 'ERR_EMPTY'], ['  \n', 'ERR_EMPTY'], ['Bearer', 'ERR_EMPTY'], ['{"payload":"x"}', 'ERR_JSON_SERIALIZATION']]) {
      assert.throws(
        () => inspect(input),
        (e) => {
          assert.ok(e instanceof JwtInspectorError);
          assert.ok(e instanceof Error);
          assert.equal(e.name, 'JwtInspectorError');
          assert.equal(e.code, code);
          assert.equal(e.part, 'token');
          assert.equal(input.slice(e.start, e.end), input);
          assert.equal(e.errors[0].code, code);
          assert.ok(e.message.length > 0);
          assert.ok(e.stack.includes('JwtInspectorError'));
          return true;
        },
        JSON.stringify(input),
      );
    }
  });

  test('a broken token returns what decoded, with errors pointing at the bad text', () => {
    // Wide characters before the token and in it: UTF-8 bytes, UTF-16 units and code points all differ.
    const input = `\u3000\u2003${ARTICLE.replace('eyJz', 'ey😀z')}`;
    const r = inspect(input);
    assert.equal(r.errors.length, 1);
    const [e] = r.errors;
    assert.deepEqual(Object.keys(e), ['code', 'part', 'start', 'end', 'message']);
    assert.equal(e.code, 'ERR_B64_CHAR');
    assert.equal(e.part, 'payload');
    assert.equal(input.slice(e.start, e.end), '😀');
    assert.deepEqual(r.header, { alg: 'HS256', typ: 'JWT' });
    assert.equal(r.signature, ARTICLE.split('.')[2]);
    assert.equal(r.payload, null);
  });

  test('more error kinds, each located', () => {
    assert.throws(() => inspect('a.b.c.d'), (e) => e.code === 'ERR_PART_COUNT' && e.errors.length === 4);
    const four = `${ARTICLE}.x`;
    const parts = inspect(four);
    assert.deepEqual(parts.header, { alg: 'HS256', typ: 'JWT' });
    assert.ok(parts.errors.some((e) => e.code === 'ERR_PART_COUNT' && e.start === 0 && e.end === four.length));

    const badJson = `${Buffer.from('{"alg":"HS256",}').toString('base64url')}.e30.`;
    const j = inspect(badJson);
    const e = j.errors.find((x) => x.code === 'ERR_JSON_SYNTAX');
    assert.equal(e.part, 'header');
    assert.ok(e.start >= 0 && e.end <= badJson.indexOf('.') && e.start < e.end);

    const length = inspect(`${ARTICLE.split('.')[0]}.e30xx.`);
    assert.ok(length.errors.some((x) => x.code === 'ERR_B64_LENGTH' && x.part === 'payload'));
  });

  test('verify never throws for bad tokens, keys or signatures', () => {
    const inputs = ['', ' ', '.', '..', '...', 'a.b.c', 'x'.repeat(5000), '😀.😀.😀', ARTICLE.replace('.', '..'), '{"a":1}', `${ARTICLE}.x.y`];
    for (const token of inputs) {
      const r = verify(token, 'secret');
      assert.equal(r.valid, false, token);
      assert.equal(typeof r.code, 'string');
      assert.equal(typeof r.message, 'string');
    }
    for (const [key, keyEncoding, code] of [
      ['', undefined, 'KEY_INVALID'],
      ['zz', 'hex', 'KEY_INVALID'],
      ['a$b', 'base64', 'KEY_INVALID'],
      ['{"kty":"RSA"}', 'jwk', 'KEY_INVALID'],
      ['{', 'jwk', 'KEY_INVALID'],
    ]) {
      const r = verify(ARTICLE, key, { keyEncoding, validateClaims: false });
      assert.equal(r.valid, false);
      assert.equal(r.code, code, `${key}: ${r.message}`);
      assert.equal(r.status, 'key-error');
      assert.ok(r.keyError?.code.startsWith('ERR_KEY_'), JSON.stringify(r.keyError));
    }
    const hex = verify(ARTICLE, 'ab😀zz', { keyEncoding: 'hex' });
    assert.equal(hex.keyError.code, 'ERR_KEY_HEX');
    assert.equal('ab😀zz'.slice(hex.keyError.start, hex.keyError.end), '😀');
  });

  test('API misuse throws ERR_INVALID_ARGUMENT', () => {
    const misuse = (fn, part) =>
      assert.throws(fn, (e) => e instanceof JwtInspectorError && e.code === 'ERR_INVALID_ARGUMENT' && e.part === part);
    misuse(() => inspect(undefined), 'token');
    misuse(() => inspect(42), 'token');
    misuse(() => inspect(ARTICLE, { now: 'soon' }), 'options');
    misuse(() => verify(null, 'k'), 'token');
    misuse(() => verify(ARTICLE, 42), 'key');
    misuse(() => verify(ARTICLE, null), 'key');
    misuse(() => verify(ARTICLE, ['k']), 'key');
    misuse(() => verify(ARTICLE, 'k', { keyEncoding: 'rot13' }), 'options');
    misuse(() => verify(ARTICLE, 'k', { keyEncoding: 16 }), 'options');
    // A class instance is not a JWK: told, not misread as one (a secret KeyObject is a key: migration.test.mjs).
    class Secret {
      constructor() {
        this.kty = 'oct';
        this.k = 'c2VjcmV0';
      }
    }
    misuse(() => verify(ARTICLE, new Secret()), 'key');
    misuse(() => sign({}, new Secret()), 'key');
    misuse(() => verify(ARTICLE, 'k', { leeway: -1 }), 'options');
    misuse(() => verify(ARTICLE, 'k', { now: NaN }), 'options');
    misuse(() => verify(ARTICLE, 'k', { validateClaims: 'no' }), 'options');
    misuse(() => verify(ARTICLE, 'k', { audience: 7 }), 'options');
    misuse(() => verify(ARTICLE, 'k', { algorithms: ['HS256', 1] }), 'options');
    misuse(() => sign(42, 'k'), 'payload');
    misuse(() => sign([1], 'k'), 'payload');
    misuse(() => sign({}, 42), 'key');
    misuse(() => sign({}, 'k', { header: 'x' }), 'options');
    misuse(() => sign({}, 'k', { algorithm: 256 }), 'options');
  });
});

describe('claim validation', () => {
  const t = (payload) => hmacToken({ alg: 'HS256' }, payload, KEY);
  const check = (payload, options) => verify(t(payload), KEY, { now: NOW, ...options });

  test('exp, nbf and iat with leeway', () => {
    assert.equal(check({ exp: NOW + 1 }).valid, true);
    assert.equal(check({ exp: NOW }).code, 'EXPIRED');
    assert.equal(check({ exp: NOW - 10 }, { leeway: 10 }).code, 'EXPIRED');
    assert.equal(check({ exp: NOW - 10 }, { leeway: 11 }).valid, true);
    assert.equal(check({ nbf: NOW + 5 }).code, 'NOT_YET_VALID');
    assert.equal(check({ nbf: NOW + 5 }, { leeway: 5 }).valid, true);
    assert.equal(check({ iat: NOW + 5 }).code, 'IAT_IN_FUTURE');
    assert.equal(check({ exp: '2030-01-01' }).code, 'INVALID_CLAIM');
    assert.equal(check({ exp: NOW - 10 }, { validateClaims: false }).valid, true);
    // The signature still verified: the claims are handed out under `rejected`, never under `payload`.
    const expired = check({ exp: NOW - 10, sub: 'x' });
    assert.equal(expired.signatureVerified, true);
    assert.equal(expired.payload, undefined);
    assert.equal(expired.rejected.payload.sub, 'x');
    assert.equal(expired.status, 'invalid');
  });

  test('the default clock is now', () => {
    const now = Math.floor(Date.now() / 1000);
    assert.equal(verify(t({ exp: now - 60 }), KEY).code, 'EXPIRED');
    assert.equal(verify(t({ exp: now + 600 }), KEY).valid, true);
  });

  test('audience, issuer, required claims and algorithms', () => {
    assert.equal(check({ aud: 'api' }, { audience: 'api' }).valid, true);
    assert.equal(check({ aud: ['x', 'api'] }, { audience: ['api', 'web'] }).valid, true);
    assert.equal(check({ aud: 'other' }, { audience: 'api' }).code, 'INVALID_AUDIENCE');
    assert.equal(check({}, { audience: 'api' }).code, 'MISSING_CLAIM');
    assert.equal(check({ iss: 'me' }, { issuer: ['you', 'me'] }).valid, true);
    assert.equal(check({ iss: 'eve' }, { issuer: 'me' }).code, 'INVALID_ISSUER');
    assert.equal(check({ sub: 'a' }, { requiredClaims: ['sub', 'jti'] }).code, 'MISSING_CLAIM');
    assert.equal(check({}, { algorithms: ['HS512'] }).code, 'ALG_NOT_ALLOWED');
    assert.equal(check({}, { algorithms: ['HS256'] }).valid, true);
    assert.equal(check([1, 2]).code, 'CLAIMS_NOT_OBJECT');
  });

  test('algorithms that never verify', () => {
    assert.equal(verify(hmacToken({ alg: 'none' }, {}, KEY), KEY).code, 'ALG_NONE');
    assert.equal(verify(hmacToken({ alg: 'ES256K' }, {}, KEY), KEY).code, 'UNSUPPORTED_ALG');
    assert.equal(verify(hmacToken({ alg: 'ES256K' }, {}, KEY), KEY).status, 'unsupported');
    // A secret only verifies HS*: an RS256 token is a key/algorithm mismatch, not "unsupported".
    assert.equal(verify(hmacToken({ alg: 'RS256' }, {}, KEY), KEY).code, 'KEY_ALG_MISMATCH');
    assert.equal(verify(hmacToken({ alg: 'RS256' }, {}, KEY), KEY).status, 'key-error');
    assert.equal(verify(hmacToken({ alg: 'HS256', crit: ['exp'], exp: 1 }, {}, KEY), KEY).code, 'CRIT_UNSUPPORTED');
  });
});

describe('sign → verify', () => {
  const secret = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
  const keys = {
    utf8: ['an utf-8 secret, clé, 32 bytes+!', undefined],
    hex: [secret.toString('hex'), 'hex'],
    base64: [secret.toString('base64'), 'base64'],
    base64url: [secret.toString('base64url'), 'base64url'],
  };

  for (const alg of ['HS256', 'HS384', 'HS512']) {
    test(`${alg} with every key encoding`, () => {
      for (const [name, [key, keyEncoding]] of Object.entries(keys)) {
        const token = sign({ sub: name, n: 1 }, key, { algorithm: alg, keyEncoding });
        const r = verify(token, key, { keyEncoding });
        assert.equal(r.valid, true, `${name}: ${r.message}`);
        assert.equal(r.alg, alg);
        assert.deepEqual(r.payload, { sub: name, n: 1 });
        assert.deepEqual(r.header, { alg, typ: 'JWT' });
        assert.equal(verify(tamperPayload(token), key, { keyEncoding }).code, 'INVALID_SIGNATURE');
        assert.equal(verify(token, `${key}x`, { keyEncoding: keyEncoding === 'hex' ? undefined : keyEncoding }).valid, false);
      }
      // The same MAC node:crypto computes.
      const token = sign({ a: 1 }, secret, { algorithm: alg });
      const [h, p, s] = token.split('.');
      assert.equal(s, createHmac(`sha${alg.slice(2)}`, secret).update(`${h}.${p}`).digest('base64url'));
      assert.equal(verify(token, new Uint8Array(secret)).valid, true);
    });
  }

  test('keyEncoding names as the core reads them: case-insensitive, with aliases', () => {
    const hex = secret.toString('hex');
    const token = sign({ a: 1 }, hex, { keyEncoding: 'HEX' });
    assert.equal(verify(token, hex, { keyEncoding: 'hex' }).valid, true);
    assert.equal(verify(token, secret.toString('base64url'), { keyEncoding: 'Base64-URL' }).valid, true);
    assert.equal(verify(ARTICLE, 'secret', { keyEncoding: 'UTF-8' }).valid, true);
  });

  test('JWK and JWK Set keys', () => {
    const jwk = { kty: 'oct', kid: 'k1', alg: 'HS384', k: secret.toString('base64url') };
    const token = sign({ sub: 'jwk' }, jwk, { header: { kid: 'k1' } });
    const r = verify(token, jwk);
    assert.equal(r.valid, true, r.message);
    assert.equal(r.alg, 'HS384', "the JWK's alg is the default algorithm");
    assert.equal(r.kid, 'k1');
    const set = { keys: [{ kty: 'oct', kid: 'k0', k: 'AQID' }, jwk] };
    const s = verify(token, set);
    assert.equal(s.valid, true, s.message);
    assert.equal(s.keyIndex, 1);
    assert.equal(verify(sign({}, jwk, { header: { kid: 'k9' } }), set).code, 'KEY_NOT_FOUND');
    assert.equal(verify(sign({}, secret, { algorithm: 'HS256' }), jwk).code, 'KEY_ALG_MISMATCH');
    assert.equal(verify(token, JSON.stringify(set), { keyEncoding: 'jwks' }).valid, true);
  });

  test('a string payload is signed byte for byte', () => {
    const text = '{"n":12345678901234567890123,"s":"é"}';
    const token = sign(text, KEY);
    assert.equal(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'), text);
    assert.match(inspect(token).payloadJson, /12345678901234567890123/);
    assert.equal(verify(token, KEY).valid, true);
  });

  test('header options and errors', () => {
    const token = sign({}, KEY, { header: { kid: 'a', typ: 'at+jwt' }, algorithm: 'HS512' });
    assert.deepEqual(inspect(token).header, { alg: 'HS512', typ: 'at+jwt', kid: 'a' });
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url')).alg, 'HS512');
    const fails = (fn, code, part) => assert.throws(fn, (e) => e instanceof JwtInspectorError && e.code === code && (!part || e.part === part));
    fails(() => sign({}, KEY, { algorithm: 'RS256' }), 'ERR_KEY_ALG', 'key');
    fails(() => sign({}, KEY, { algorithm: 'ES256K' }), 'ERR_SIGN_INPUT', 'header');
    fails(() => sign({}, KEY, { algorithm: 'none' }), 'ERR_SIGN_INPUT', 'header');
    fails(() => sign({}, KEY, { algorithm: 'HS256', header: { alg: 'HS512' } }), 'ERR_SIGN_INPUT', 'header');
    fails(() => sign({}, ''), 'ERR_KEY_EMPTY', 'key');
    fails(() => sign({}, new Uint8Array(0)), 'ERR_KEY_EMPTY', 'key');
    fails(() => sign({ n: 1n }, KEY), 'ERR_SIGN_INPUT', 'payload');
    const cyclic = {};
    cyclic.self = cyclic;
    fails(() => sign(cyclic, KEY), 'ERR_SIGN_INPUT', 'payload');
    fails(() => sign({}, { keys: [] }), 'ERR_KEY_JWK', 'key');
    fails(() => sign({}, { kty: 'oct', k: 'AQID', use: 'enc' }), 'ERR_KEY_JWK', 'key');
    // Public-key material as an HMAC secret (algorithm confusion) is refused for signing and verifying; a
    // broken PEM block is a precise key error, never a secret.
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexample\n-----END PUBLIC KEY-----\n';
    fails(() => sign({}, pem), 'ERR_KEY_PEM', 'key');
    const forged = hmacToken({ alg: 'HS256' }, { sub: 'admin' }, pem);
    const v = verify(forged, pem);
    assert.equal(v.valid, false);
    assert.equal(v.code, 'KEY_INVALID');
    assert.equal(v.keyError.code, 'ERR_KEY_PEM');
    assert.throws(
      () => sign({}, 'é0z', { keyEncoding: 'hex' }),
      (e) => e.code === 'ERR_KEY_HEX' && 'é0z'.slice(e.start, e.end) === 'é',
    );
  });
});

describe('sizes', () => {
  test('64 KB and 1 MB tokens, and non-ASCII text', () => {
    for (const size of [64 * 1024, 1024 * 1024]) {
      const payload = { sub: 'big', data: 'é'.repeat(size / 3) };
      const token = sign(payload, KEY);
      assert.equal(verify(token, KEY).valid, true);
      const r = inspect(token);
      assert.equal(r.payload.data, payload.data);
      assert.deepEqual(r.errors, []);
      const broken = `é${token.slice(0, -3)}😀${token.slice(-2)}`;
      const b = inspect(broken);
      const at = (part) => b.errors.filter((x) => x.part === part).map((x) => broken.slice(x.start, x.end));
      assert.deepEqual(at('header'), ['é']);
      assert.deepEqual(at('signature'), ['😀']);
      assert.equal(b.payload.data, payload.data, 'the payload still decodes');
    }
    // After the big inputs, small ones still work (the scratch buffer was released and regrown).
    assert.equal(verify(ARTICLE, 'secret').valid, true);
  });
});
