// Interop with the ecosystem: tokens made by PyJWT (from PyPI, in .tools/python), jose and jsonwebtoken (npm)
// verify with the packed package; tokens made by its `sign` are accepted by all three; a wrong key and a
// tampered token are rejected by all four.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { inspect, sign, verify } from 'jwt-inspector';
import { pyjwt, tamperPayload } from './lib.mjs';

// 64 bytes: long enough for HS512 (RFC 7518 §3.2), so no library warns about the key.
const SECRET = createHash('sha512').update('jwt-inspector interop').digest();
const WRONG = createHash('sha512').update('not the key').digest();
const JWK = { kty: 'oct', k: SECRET.toString('base64url') };
const ALGS = ['HS256', 'HS384', 'HS512'];
const BIG = '12345678901234567890123';

const now = () => Math.floor(Date.now() / 1000);
const rejects = async (promise) => {
  try {
    await promise;
  } catch (e) {
    return e.code ?? e.name;
  }
  return null;
};
const throwsName = (fn) => {
  try {
    fn();
  } catch (e) {
    return e.name;
  }
  return null;
};

describe('tokens made elsewhere verify here', () => {
  for (const alg of ALGS) {
    test(`${alg}: PyJWT, jose and jsonwebtoken`, async () => {
      const exp = now() + 600;
      const py = pyjwt('sign', [
        { alg, keyHex: SECRET.toString('hex'), payload: { sub: 'pyjwt', exp }, headers: { kid: 'py' } },
      ]);
      assert.equal(py.version, '2.10.1');
      const kids = { pyjwt: 'py', jose: 'jose', jsonwebtoken: 'jwt' };
      const tokens = {
        pyjwt: py.results[0],
        jose: await new jose.SignJWT({ sub: 'jose' }).setProtectedHeader({ alg, kid: 'jose' }).setExpirationTime(exp).sign(SECRET),
        jsonwebtoken: jsonwebtoken.sign({ sub: 'jsonwebtoken' }, SECRET, { algorithm: alg, expiresIn: 600, keyid: 'jwt' }),
      };
      for (const [maker, token] of Object.entries(tokens)) {
        for (const [key, keyEncoding] of [
          [SECRET, undefined],
          [SECRET.toString('hex'), 'hex'],
          [SECRET.toString('base64'), 'base64'],
          [JWK, undefined],
          // A JWK Set: the key is picked by the token's kid.
          [{ keys: [{ ...JWK, kid: 'other', k: WRONG.toString('base64url') }, { ...JWK, kid: kids[maker] }] }, undefined],
        ]) {
          const r = verify(token, key, { keyEncoding });
          assert.equal(r.valid, true, `${maker} with ${keyEncoding ?? typeof key}: ${r.message}`);
          assert.equal(r.alg, alg);
          assert.equal(r.payload.sub, maker);
        }
        assert.equal(verify(token, WRONG).code, 'INVALID_SIGNATURE', maker);
        assert.equal(verify(tamperPayload(token), SECRET).code, 'INVALID_SIGNATURE', maker);
        const i = inspect(token);
        assert.deepEqual(i.errors, [], maker);
        assert.equal(i.header.alg, alg);
        assert.equal(i.payload.sub, maker);
      }
    });
  }

  test('big integers: PyJWT writes them exactly, payloadJson keeps them, payload follows JSON.parse', () => {
    const py = pyjwt('sign', [{ alg: 'HS256', keyHex: SECRET.toString('hex'), payload: { n: '__BIG__' } }]);
    const token = py.results[0];
    assert.equal(Buffer.from(token.split('.')[1], 'base64url').toString(), `{"n":${BIG}}`);
    const r = inspect(token);
    assert.match(r.payloadJson, new RegExp(`"n": ${BIG}\\n`));
    assert.equal(r.payload.n, JSON.parse(BIG));
    assert.equal(verify(token, SECRET).payload.n, JSON.parse(BIG));
  });
});

describe('tokens made here verify elsewhere', () => {
  for (const alg of ALGS) {
    test(`${alg}: accepted by PyJWT, jose and jsonwebtoken; wrong key and tampering rejected by all`, async () => {
      const exp = now() + 600;
      const token = sign({ sub: 'jwt-inspector', exp, name: 'Zoë' }, SECRET, { algorithm: alg, header: { kid: 'ours' } });
      const exact = sign(`{"sub":"exact","exp":${exp},"n":${BIG}}`, SECRET.toString('base64url'), { algorithm: alg, keyEncoding: 'base64url' });
      const tampered = tamperPayload(token);

      const py = pyjwt('verify', [
        { alg, keyHex: SECRET.toString('hex'), token },
        { alg, keyHex: SECRET.toString('hex'), token: exact },
        { alg, keyHex: WRONG.toString('hex'), token },
        { alg, keyHex: SECRET.toString('hex'), token: tampered },
      ]);
      assert.deepEqual(py.results[0], { ok: true, claims: { sub: 'jwt-inspector', exp, name: 'Zoë' } });
      assert.equal(py.results[1].ok, true);
      assert.ok(py.raw.includes(`"n": ${BIG}`), 'PyJWT read the exact integer signed as text');
      assert.equal(py.results[2].error, 'InvalidSignatureError');
      assert.ok(py.results[3].ok === false, JSON.stringify(py.results[3]));

      const verified = await jose.jwtVerify(token, SECRET, { algorithms: [alg] });
      assert.equal(verified.payload.name, 'Zoë');
      assert.equal(verified.protectedHeader.kid, 'ours');
      assert.equal((await jose.jwtVerify(exact, SECRET, { algorithms: [alg] })).payload.sub, 'exact');
      assert.equal(await rejects(jose.jwtVerify(token, WRONG, { algorithms: [alg] })), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      assert.ok(await rejects(jose.jwtVerify(tampered, SECRET, { algorithms: [alg] })));

      assert.equal(jsonwebtoken.verify(token, SECRET, { algorithms: [alg] }).sub, 'jwt-inspector');
      assert.equal(jsonwebtoken.verify(exact, SECRET, { algorithms: [alg] }).sub, 'exact');
      assert.equal(throwsName(() => jsonwebtoken.verify(token, WRONG, { algorithms: [alg] })), 'JsonWebTokenError');
      assert.ok(throwsName(() => jsonwebtoken.verify(tampered, SECRET, { algorithms: [alg] })));

      assert.equal(verify(token, SECRET).valid, true);
      assert.equal(verify(token, WRONG).code, 'INVALID_SIGNATURE');
      assert.equal(verify(tampered, SECRET).code, 'INVALID_SIGNATURE');
    });
  }

  test('an expired token is rejected by all four', async () => {
    const token = sign({ sub: 'old', exp: now() - 120 }, SECRET);
    assert.equal(pyjwt('verify', [{ alg: 'HS256', keyHex: SECRET.toString('hex'), token }]).results[0].error, 'ExpiredSignatureError');
    assert.equal(await rejects(jose.jwtVerify(token, SECRET)), 'ERR_JWT_EXPIRED');
    assert.equal(throwsName(() => jsonwebtoken.verify(token, SECRET)), 'TokenExpiredError');
    const r = verify(token, SECRET);
    assert.equal(r.code, 'EXPIRED');
    assert.equal(r.signatureVerified, true);
  });

  test('alg none is refused here as by the others', async () => {
    const unsecured = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    assert.equal(verify(unsecured, SECRET).code, 'ALG_NONE');
    assert.ok(await rejects(jose.jwtVerify(unsecured, SECRET)));
    assert.ok(throwsName(() => jsonwebtoken.verify(unsecured, SECRET)));
    assert.equal(pyjwt('verify', [{ alg: 'HS256', keyHex: SECRET.toString('hex'), token: unsecured }]).results[0].ok, false);
  });
});
