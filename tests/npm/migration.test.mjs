// The npm API as developers migrating from jose and jsonwebtoken meet it (issue 14): no option silently
// ignored, the options people reach for, results that cannot be mistaken for success, keys as Node holds
// them, payloads signed faithfully or refused, strict refusals that teach.
import assert from 'node:assert/strict';
import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { inspect, sign, verify } from 'jwt-inspector';
import { hmacToken } from './lib.mjs';

const KEY = '0123456789abcdef0123456789abcdef';
const NOW = 1_700_000_000;
const claims = (extra = {}) => hmacToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'alice', iat: NOW - 60, exp: NOW + 600, ...extra }, KEY);
const misuse = (fn, hint) =>
  assert.throws(fn, (e) => {
    assert.equal(e.code, 'ERR_INVALID_ARGUMENT');
    assert.equal(e.part, 'options');
    if (hint) assert.ok(e.message.includes(hint), e.message);
    return true;
  });

describe('1. no option is silently ignored', () => {
  test('verify: jose and jsonwebtoken names are refused with the name meant', () => {
    const t = claims();
    misuse(() => verify(t, KEY, { clockTolerance: 60 }), 'leeway');
    misuse(() => verify(t, KEY, { ignoreExpiration: true }), 'validateClaims: false');
    misuse(() => verify(t, KEY, { algorithm: 'HS512' }), 'algorithms');
    misuse(() => verify(t, KEY, { clockTimestamp: NOW }), 'now');
    misuse(() => verify(t, KEY, { maxTokenAge: '1h' }), 'maxAge');
    // A typo used to report INVALID_SIGNATURE ("wrong key"), sending the developer the wrong way.
    misuse(() => verify(t, Buffer.from(KEY).toString('base64'), { keyEncodng: 'base64' }), 'keyEncoding');
    misuse(() => verify(t, KEY, { nonsense: 1 }), '"nonsense"');
  });
  test('sign and inspect: unknown names are refused too', () => {
    misuse(() => sign({}, KEY, { algorithms: ['HS256'] }), 'algorithm');
    misuse(() => sign({}, KEY, { keyid: 'k1' }), 'header: { kid }');
    misuse(() => sign({}, KEY, { noTimestamp: true }), 'issuedAt');
    misuse(() => inspect(claims(), { nwo: 1 }), 'now');
  });
});

describe('2. the options people reach for exist', () => {
  test('verify: subject, maxAge (seconds or text), typ', () => {
    const t = claims();
    assert.equal(verify(t, KEY, { now: NOW, subject: 'alice' }).valid, true);
    assert.equal(verify(t, KEY, { now: NOW, subject: 'bob' }).code, 'INVALID_SUBJECT');
    assert.equal(verify(hmacToken({ alg: 'HS256' }, { exp: NOW + 1 }, KEY), KEY, { now: NOW, subject: 'x' }).code, 'MISSING_CLAIM');
    assert.equal(verify(t, KEY, { now: NOW, maxAge: 120 }).valid, true);
    assert.equal(verify(t, KEY, { now: NOW, maxAge: '2m' }).valid, true);
    assert.equal(verify(t, KEY, { now: NOW, maxAge: '30s' }).code, 'EXPIRED');
    assert.equal(verify(t, KEY, { now: NOW, maxAge: '30s', leeway: 60 }).valid, true);
    assert.equal(verify(hmacToken({ alg: 'HS256' }, { exp: NOW + 1 }, KEY), KEY, { now: NOW, maxAge: 60 }).code, 'MISSING_CLAIM');
    misuse(() => verify(t, KEY, { maxAge: '1 fortnight' }), 'maxAge');
    misuse(() => verify(t, KEY, { maxAge: '120' }), 'unit');
    assert.equal(verify(t, KEY, { now: NOW, typ: 'JWT' }).valid, true);
    assert.equal(verify(t, KEY, { now: NOW, typ: 'application/jwt' }).valid, true);
    assert.equal(verify(t, KEY, { now: NOW, typ: 'at+jwt' }).code, 'INVALID_TYP');
    assert.equal(verify(t, KEY, { typ: 'at+jwt', validateClaims: false }).code, 'INVALID_TYP');
    assert.equal(verify(t, KEY, { now: NOW, algorithms: 'HS256' }).valid, true);
  });
  test('sign: expiresIn, notBefore, issuedAt (off by default)', () => {
    const t = sign({ sub: 'a' }, KEY, { expiresIn: '1h', notBefore: 30, issuedAt: true, now: NOW + 0.9 });
    assert.deepEqual(inspect(t).payload, { sub: 'a', iat: NOW, nbf: NOW + 30, exp: NOW + 3600 });
    assert.deepEqual(inspect(sign({ sub: 'a' }, KEY, { expiresIn: 600, now: NOW })).payload, { sub: 'a', exp: NOW + 600 });
    assert.deepEqual(inspect(sign({ sub: 'a' }, KEY)).payload, { sub: 'a' }, 'nothing added unless asked');
    for (const [span, seconds] of [['30m', 1800], ['7d', 604800], ['2 hours', 7200], ['1w', 604800]]) {
      assert.equal(inspect(sign({}, KEY, { expiresIn: span, now: NOW })).payload.exp, NOW + seconds, span);
    }
    assert.throws(() => sign({ exp: 1 }, KEY, { expiresIn: '1h' }), { code: 'ERR_SIGN_INPUT' });
    assert.throws(() => sign('text', KEY, { expiresIn: '1h' }), { code: 'ERR_SIGN_INPUT' });
    misuse(() => sign({}, KEY, { expiresIn: '1h and a bit' }), 'expiresIn');
  });
});

describe('3. results that cannot be mistaken for success', () => {
  test('an authentic but expired token has no payload; its claims are under rejected', () => {
    const expired = hmacToken({ alg: 'HS256' }, { sub: 'alice', exp: NOW - 1 }, KEY);
    const r = verify(expired, KEY, { now: NOW });
    assert.equal(r.valid, false);
    assert.equal(r.code, 'EXPIRED');
    assert.equal(r.signatureVerified, true);
    assert.equal(r.payload, undefined);
    assert.equal(r.header, undefined);
    assert.equal('payload' in r, false);
    assert.deepEqual(r.rejected, { header: { alg: 'HS256' }, payload: { sub: 'alice', exp: NOW - 1 }, payloadType: 'json' });
    const ok = verify(claims(), KEY, { now: NOW });
    assert.equal(ok.valid, true);
    assert.equal(ok.payload.sub, 'alice');
    assert.equal(ok.rejected, undefined);
    const forged = verify(claims(), 'another key of thirty-two bytes!', { now: NOW });
    assert.equal(forged.rejected, undefined, 'nothing is handed out without a verified signature');
  });
});

describe('4. keys as Node holds them', () => {
  test('secret KeyObject, ArrayBuffer, DataView and typed arrays verify and sign', () => {
    const t = claims();
    const bytes = new TextEncoder().encode(KEY);
    for (const key of [createSecretKey(Buffer.from(KEY)), bytes.buffer, new DataView(bytes.buffer), new Uint8Array(bytes), Buffer.from(KEY), new Uint16Array(bytes.buffer)]) {
      assert.equal(verify(t, key, { now: NOW }).valid, true, Object.prototype.toString.call(key));
      assert.equal(verify(sign({ sub: 'x' }, key), KEY, { validateClaims: false }).valid, true);
    }
    // Public and private KeyObjects are read too (through their PEM export), and keep to their algorithms.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const r = verify(t, publicKey, { now: NOW });
    assert.deepEqual([r.code, r.keyType, r.curve], ['KEY_ALG_MISMATCH', 'OKP', 'Ed25519']);
    const ed = sign({ sub: 'x' }, privateKey);
    assert.equal(verify(ed, publicKey, { validateClaims: false }).valid, true);
  });
});

describe('5. sign refuses what it cannot sign faithfully', () => {
  test('Map, Date, class instances, toJSON objects and NaN are ERR_SIGN_INPUT, anywhere in the payload', () => {
    class Claims {
      constructor() {
        this.sub = 'a';
      }
    }
    for (const payload of [new Map([['sub', 'a']]), new Date(), new Claims(), { toJSON: () => ({}) }, { at: new Date() }, { list: [1, new Set()] }, { n: NaN }, { f: () => 1 }]) {
      assert.throws(() => sign(payload, KEY), { code: 'ERR_SIGN_INPUT' }, String(payload));
    }
    assert.equal(typeof sign(Object.assign(Object.create(null), { sub: 'a' }), KEY), 'string');
    assert.equal(typeof sign({ nested: { list: [1, 'two', null, true] } }, KEY), 'string');
  });
});

describe('6. strict refusals that teach', () => {
  test('Bearer, quotes and a trailing newline: what is wrong, the fix, and the clean-up strict: false makes', () => {
    const t = claims();
    for (const [input, what] of [[`Bearer ${t}`, /Bearer/], [`"${t}"`, /quotes/], [`${t}\n`, /whitespace/]]) {
      const r = verify(input, KEY, { now: NOW });
      assert.equal(r.code, 'MALFORMED');
      assert.match(r.message, what);
      assert.match(r.message, /pass the bare token, or set `strict: false`/i);
      assert.doesNotMatch(r.message, /Removed/);
      assert.ok(r.notes.length > 0, 'the clean-up strict: false would make');
      assert.equal(verify(input, KEY, { now: NOW, strict: false }).valid, true);
    }
    assert.deepEqual(verify(t, KEY, { now: NOW }).notes, []);
  });
});
