// The weak-secret audit through the packed package: auditSecret(token, candidates) finds the secret at any
// position, streams any iterable, takes strings and bytes, and refuses what is not an HMAC token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditSecret, sign } from 'jwt-inspector';
import { hmacToken } from './lib.mjs';

const ARTICLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ';

test('the article token is audited: its secret is "secret"', () => {
  assert.deepEqual(auditSecret(ARTICLE, ['changeme', 'secret', 'password']), { found: true, secret: 'secret', tried: 2 });
  assert.deepEqual(auditSecret(`Bearer ${ARTICLE}`, ['secret']), { found: true, secret: 'secret', tried: 1 });
});

test('first, middle and last of a long list, across batches, for HS256/384/512', () => {
  const words = Array.from({ length: 20000 }, (_, i) => `word-${i}-${'x'.repeat(i % 7)}`);
  for (const [alg, at] of [['HS256', 0], ['HS384', 10000], ['HS512', words.length - 1]]) {
    const t = sign({ sub: 'a' }, words[at], { algorithm: alg });
    const r = auditSecret(t, words);
    assert.equal(r.found, true, alg);
    assert.equal(r.secret, words[at]);
    assert.equal(r.tried, at + 1);
  }
});

test('not found, an empty list, a generator, binary and non-ASCII candidates', () => {
  const t = sign({ sub: 'a' }, 'pässwörd-ünïcode');
  assert.deepEqual(auditSecret(t, []), { found: false, tried: 0 });
  assert.deepEqual(auditSecret(t, ['a', 'b']), { found: false, tried: 2 });
  function* words() {
    for (let i = 0; i < 5000; i++) yield `w${i}`;
    yield 'pässwörd-ünïcode';
  }
  assert.deepEqual(auditSecret(t, words()), { found: true, secret: 'pässwörd-ünïcode', tried: 5001 });
  const key = new Uint8Array([0xff, 0, 1, 2, 0x80]);
  const bin = hmacToken({ alg: 'HS256' }, { sub: 'b' }, Buffer.from(key));
  const r = auditSecret(bin, [new Uint8Array([1]), key, 'x']);
  assert.equal(r.found, true);
  assert.deepEqual(r.secret, key);
  assert.equal(r.tried, 2);
});

test('wrong input gets typed errors', () => {
  const rs = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.e30.c2ln`;
  assert.throws(() => auditSecret(rs, ['x']), { code: 'ERR_NOT_HMAC' });
  assert.throws(() => auditSecret('a.b', ['x']), { code: 'ERR_PART_COUNT' });
  assert.throws(() => auditSecret(ARTICLE, 'secret'), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => auditSecret(ARTICLE, [42]), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => auditSecret(ARTICLE, ['x'], { threads: 2 }), { code: 'ERR_INVALID_ARGUMENT' });
  // The package still works after a refused call.
  assert.equal(auditSecret(ARTICLE, ['secret']).found, true);
});

test('auditSecretAsync: worker threads, the first match in order, progress, and a prompt abort', async () => {
  const { auditSecretAsync } = await import('jwt-inspector');
  const words = Array.from({ length: 50000 }, (_, i) => `w${i}`);
  words[30000] = 'hunter2';
  words[45000] = 'hunter2';
  const t = sign({ sub: 'a' }, 'hunter2');
  const seen = [];
  const r = await auditSecretAsync(t, words, { threads: 2, onProgress: (p) => seen.push(p.tried) });
  assert.deepEqual(r, { found: true, secret: 'hunter2', tried: 30001 });
  assert.ok(seen.length > 1 && seen.every((n, i) => i === 0 || n >= seen[i - 1]), `progress ${seen}`);
  assert.deepEqual(await auditSecretAsync(t, ['a', 'b']), { found: false, tried: 2 });
  await assert.rejects(auditSecretAsync('a.b', ['x']), { code: 'ERR_PART_COUNT' });
  await assert.rejects(auditSecretAsync(t, ['x'], { thread: 2 }), { code: 'ERR_INVALID_ARGUMENT' });
  // An endless candidate list stops within 200 ms of the abort.
  const ac = new AbortController();
  function* forever() {
    for (let i = 0; ; i++) yield `x${i}`;
  }
  const started = performance.now();
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(auditSecretAsync(t, forever(), { signal: ac.signal, threads: 2 }), { name: 'AbortError' });
  const ms = performance.now() - started - 100;
  assert.ok(ms < 200, `stopped ${ms.toFixed(0)} ms after the abort`);
});
