// The security review's findings (the engine issue, §1) through the package's public API, as a user meets
// them: each case failed on the package before the single-engine change. The Rust suite with the same
// names is tests/security.rs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { inspect, sign, verify } from 'jwt-inspector';
import { hmacToken } from './lib.mjs';

const KEY = '0123456789abcdef0123456789abcdef';
const SIG_ONLY = { validateClaims: false };

describe('security review findings', () => {
  test('finding 1: an empty secret never verifies, however spelled', () => {
    const token = hmacToken({ alg: 'HS256' }, {}, Buffer.alloc(0));
    for (const [key, keyEncoding] of [
      ['=', 'base64'],
      ['==', 'base64'],
      ['=', 'base64url'],
      ['0x', 'hex'],
      ['{"kty":"oct","k":""}', 'jwk'],
      ['{"keys":[{"kty":"oct","k":"c2VjcmV0"},{"kty":"oct","k":""}]}', 'jwks'],
    ]) {
      for (const strict of [true, false]) {
        const r = verify(token, key, { ...SIG_ONLY, keyEncoding, strict });
        assert.equal(r.valid, false, `${key} as ${keyEncoding}`);
        assert.equal(r.code, 'KEY_INVALID', `${key} as ${keyEncoding}`);
        assert.equal(r.keyError.code, 'ERR_KEY_EMPTY', `${key} as ${keyEncoding}`);
      }
    }
    for (const key of [new Uint8Array(0), { kty: 'oct', k: '' }, { keys: [{ kty: 'oct', k: '' }] }]) {
      assert.equal(verify(token, key, SIG_ONLY).code, 'KEY_INVALID');
    }
    for (const [key, keyEncoding] of [['=', 'base64'], ['0x', 'hex']]) {
      assert.throws(() => sign({}, key, { keyEncoding }), { code: 'ERR_KEY_EMPTY' });
    }
    assert.throws(() => sign({}, new Uint8Array(0)), { code: 'ERR_KEY_EMPTY' });
    // Found by fuzzing: HMAC pads short keys with zeros, so a key of zero bytes is the empty key too.
    assert.equal(verify(token, new Uint8Array(32), SIG_ONLY).keyError.code, 'ERR_KEY_EMPTY');
    assert.equal(verify(token, '00', { ...SIG_ONLY, keyEncoding: 'hex' }).keyError.code, 'ERR_KEY_EMPTY');
  });

  test('finding 2: public-key material in every spelling is refused as an HMAC secret', () => {
    const spki = 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=';
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;
    const texts = [
      `\ufeff${pem}`,
      `  \n${pem}`,
      '---- BEGIN SSH2 PUBLIC KEY ----\nAAAAC3NzaC1lZDI1NTE5AAAAIGm\n---- END SSH2 PUBLIC KEY ----\n',
      'ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQ user@host',
      'no-pty,from="10.0.0.1" ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host',
      'ssh-rsa\tAAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host',
      spki,
      Buffer.from(spki, 'base64').toString('hex'),
      '{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}',
    ];
    for (const text of texts) {
      const token = hmacToken({ alg: 'HS256' }, {}, text);
      for (const algorithms of [undefined, ['HS256', 'RS256', 'EdDSA']]) {
        const r = verify(token, text, { ...SIG_ONLY, strict: false, algorithms });
        assert.equal(r.valid, false);
        assert.equal(r.status, 'key-error');
        assert.ok(r.findings.some((f) => f.id === 'public-key-as-secret'), JSON.stringify(text));
        // PEM and asymmetric JWK text are read as the public key they are, which never verifies HS256; other
        // key material is refused as a secret.
        const readable = text.includes('-----BEGIN') || text.startsWith('{');
        if (readable) assert.equal(r.code, 'KEY_ALG_MISMATCH', JSON.stringify(text));
        else assert.deepEqual([r.code, r.keyError.code], ['KEY_INVALID', 'ERR_KEY_ASYMMETRIC'], JSON.stringify(text));
        assert.throws(() => sign({}, text, { algorithm: 'HS256' }), { code: readable ? 'ERR_KEY_ALG' : 'ERR_KEY_ASYMMETRIC' });
      }
    }
    const der = Buffer.from(spki, 'base64');
    const token = hmacToken({ alg: 'HS256' }, {}, der);
    assert.equal(verify(token, spki, { ...SIG_ONLY, keyEncoding: 'base64' }).keyError.code, 'ERR_KEY_ASYMMETRIC');
    assert.equal(verify(token, new Uint8Array(der), SIG_ONLY).keyError.code, 'ERR_KEY_ASYMMETRIC');
  });

  test('finding 3: JWK members of the wrong type are key errors; key_ops is honoured for verify and sign', () => {
    const k = Buffer.from(KEY).toString('base64url');
    const token = hmacToken({ alg: 'HS256' }, {}, KEY);
    for (const [member, value] of [
      ['use', 123],
      ['alg', ['HS256']],
      ['key_ops', 'verify'],
      ['key_ops', ['verify', 1]],
      ['kid', 7],
    ]) {
      const jwk = { kty: 'oct', k, [member]: value };
      for (const key of [jwk, { keys: [jwk] }]) {
        const r = verify(token, key, SIG_ONLY);
        assert.equal(r.code, 'KEY_INVALID', `${member}: ${JSON.stringify(value)}`);
        assert.equal(r.keyError.code, 'ERR_KEY_JWK');
        assert.match(r.keyError.message, new RegExp(`"${member}"`));
      }
    }
    assert.equal(verify(token, { kty: 'oct', k, key_ops: ['sign'] }, SIG_ONLY).code, 'KEY_ALG_MISMATCH');
    assert.equal(verify(token, { kty: 'oct', k, key_ops: ['verify'] }, SIG_ONLY).valid, true);
    assert.throws(() => sign({}, { kty: 'oct', k, key_ops: ['verify'] }), { code: 'ERR_KEY_JWK' });
    assert.throws(() => sign({}, { kty: 'oct', k, use: 'enc' }), { code: 'ERR_KEY_JWK' });
    assert.equal(typeof sign({}, { kty: 'oct', k, key_ops: ['sign'] }), 'string');
  });

  test('finding 4: a kid that is not a string never makes every key be tried', () => {
    const set = {
      keys: [
        { kty: 'oct', kid: 'a', k: 'b3RoZXI' },
        { kty: 'oct', kid: 'b', k: Buffer.from(KEY).toString('base64url') },
      ],
    };
    for (const kid of [1, null, ['b'], { b: 1 }]) {
      const token = hmacToken({ alg: 'HS256', kid }, {}, KEY);
      assert.equal(verify(token, set, SIG_ONLY).code, 'MALFORMED', JSON.stringify(kid));
      assert.equal(verify(token, set, { ...SIG_ONLY, strict: false }).code, 'KEY_NOT_FOUND', JSON.stringify(kid));
    }
    assert.equal(verify(hmacToken({ alg: 'HS256', kid: 'b' }, {}, KEY), set, SIG_ONLY).valid, true);
  });

  test('finding 5: duplicate header members fail strict verification; a repeated crit name is refused', () => {
    const token = hmacToken('{"alg":"none","alg":"HS256"}', {}, KEY);
    const r = verify(token, KEY, SIG_ONLY);
    assert.equal(r.code, 'MALFORMED');
    assert.match(r.message, /"alg"/);
    const lenient = verify(token, KEY, { ...SIG_ONLY, strict: false });
    assert.equal(lenient.valid, true);
    assert.ok(inspect(token).findings.some((f) => f.id === 'duplicate-member'));
    const crit = hmacToken('{"alg":"HS256","b64":true,"crit":["b64","b64"]}', {}, KEY);
    assert.equal(verify(crit, KEY, SIG_ONLY).code, 'CRIT_UNSUPPORTED');
    assert.equal(verify(crit, KEY, { ...SIG_ONLY, strict: false }).code, 'CRIT_UNSUPPORTED');
  });

  test('finding 6: crit checks are linear (a 1.3 MB header that took 4.5 s)', () => {
    const members = Array.from({ length: 60000 }, (_, i) => `"m${i}":0`).join(',');
    const header = `{"alg":"HS256","b64":true,${members},"crit":[${Array(60000).fill('"b64"').join(',')}]}`;
    const token = hmacToken(header, {}, KEY);
    assert.ok(token.length > 1_000_000);
    const started = performance.now();
    const r = verify(token, KEY, { ...SIG_ONLY, strict: false });
    const ms = performance.now() - started;
    assert.equal(r.code, 'CRIT_UNSUPPORTED');
    assert.ok(ms < 1500, `verify took ${ms.toFixed(0)} ms`);
  });

  test('finding 7: hostile payloads stay within 20× the input in wasm memory, and the next call works', () => {
    // Each case in a fresh process, so that the wasm instance's memory (which never shrinks) measures this
    // one input: the package's wasm memory is read through the instance the package itself uses.
    const script = `
      const { inspect, verify } = require('jwt-inspector');
      const { createHmac } = require('node:crypto');
      const kind = process.argv[1];
      const b64 = (s) => Buffer.from(s).toString('base64url');
      const deep = '['.repeat(120) + ']'.repeat(120);
      const size = 1 << 20;
      const payload = kind === 'nested' ? '[' + Array(Math.ceil(size / 241)).fill(deep).join(',') + ']'
        : kind === 'flat' ? '[' + '0,'.repeat(size / 2) + '0]'
        : '{' + Array.from({ length: size / 9 }, (_, i) => '"' + i.toString(16) + '":0').join(',') + '}';
      const input = b64('{"alg":"HS256"}') + '.' + b64(payload);
      const token = input + '.' + createHmac('sha256', 'k').update(input).digest('base64url');
      const article = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ';
      verify(article, 'secret', { validateClaims: false });
      const memory = globalThis.__jwtiMemory;
      const before = memory ? memory.buffer.byteLength : 0;
      const i = inspect(token);
      const v = verify(token, 'k', { validateClaims: false });
      const after = memory ? memory.buffer.byteLength : 0;
      const next = verify(article, 'secret', { validateClaims: false });
      console.log(JSON.stringify({ token: token.length, grown: after - before, measured: !!memory,
        errors: i.errors.length, valid: v.valid, next: next.valid }));
    `;
    for (const kind of ['nested', 'flat', 'members']) {
      const run = spawnSync(process.execPath, ['-e', script, kind], {
        encoding: 'utf8',
        env: { ...process.env, JWTI_EXPOSE_MEMORY: '1' },
      });
      assert.equal(run.status, 0, run.stderr);
      const r = JSON.parse(run.stdout);
      assert.equal(r.valid, true, kind);
      assert.equal(r.next, true, `${kind}: the next call works`);
      assert.ok(r.measured, 'the wasm memory is visible to the test');
      const limit = 20;
      assert.ok(r.grown <= limit * r.token, `${kind}: wasm memory grew ${r.grown} B for a ${r.token}-byte token`);
    }
  });

  test('finding 8: aud without an expected audience fails strict verification, like PyJWT', () => {
    const token = hmacToken({ alg: 'HS256' }, { aud: 'api', exp: 2e9 }, KEY);
    const now = 1.7e9;
    const r = verify(token, KEY, { now });
    assert.equal(r.code, 'INVALID_AUDIENCE');
    assert.equal(r.signatureVerified, true);
    assert.equal(verify(token, KEY, { now, audience: 'api' }).valid, true);
    assert.equal(verify(token, KEY, { now, audience: ['web'] }).code, 'INVALID_AUDIENCE');
    assert.equal(verify(token, KEY, { now, strict: false }).valid, true);
    assert.equal(verify(token, KEY, { now, validateClaims: false }).valid, true);
  });

  test('finding 9: keyEncoding base64url refuses standard base64 when strict, with a hint', () => {
    const key = Buffer.from([0xfb, 0xff, 0xbf, 1, 2, 3]);
    const token = hmacToken({ alg: 'HS256' }, {}, key);
    const std = key.toString('base64');
    assert.match(std, /[+/]/);
    const r = verify(token, std, { ...SIG_ONLY, keyEncoding: 'base64url' });
    assert.equal(r.code, 'KEY_INVALID');
    assert.equal(r.keyError.code, 'ERR_KEY_BASE64');
    assert.equal(r.keyError.start, std.search(/[+/=]/));
    assert.match(r.keyError.message, /"base64"/);
    assert.throws(() => sign({}, std, { keyEncoding: 'base64url' }), { code: 'ERR_KEY_BASE64' });
    assert.equal(verify(token, std, { ...SIG_ONLY, keyEncoding: 'base64url', strict: false }).valid, true);
    assert.equal(verify(token, key.toString('base64url'), { ...SIG_ONLY, keyEncoding: 'base64url' }).valid, true);
    assert.equal(verify(token, std, { ...SIG_ONLY, keyEncoding: 'base64' }).valid, true);
  });
});
