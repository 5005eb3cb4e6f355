// Asymmetric verification benchmark of the npm package against jose and fast-jwt (both call Node's native
// OpenSSL), in one process and one run, on the same tokens: RS256 (2048-bit), PS256, ES256 and EdDSA, each
// verified with its public key as PEM, claims validated and the payload returned.
//
//   scripts/build-npm.sh && node --expose-gc bench/asym.mjs          (about 40 s)
//   node --expose-gc bench/asym.mjs --quick                           (a smoke run)
//
// Each library runs in short timed slices, interleaved with the others for several rounds (alternating
// order), and the median slice is reported. The goals (BENCHMARKS.md): RS256 ≥ 0.25× jose, ES256 and EdDSA
// ≥ 0.5× jose. The HMAC figures are bench/bench.mjs's.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createVerifier } from 'fast-jwt';
import * as jose from 'jose';

if (!existsSync(new URL('../pkg/node.mjs', import.meta.url))) {
  console.error('pkg/ is missing: run scripts/build-npm.sh first.');
  process.exit(1);
}
const { sign, verify } = await import('../pkg/node.mjs');

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 7;
const SLICE_MS = quick ? 60 : 250;
const { keys: KEYS } = JSON.parse(readFileSync(new URL('../tests/vectors/interop-asymmetric.json', import.meta.url), 'utf8'));

const now = Math.floor(Date.now() / 1000);
const claims = { sub: '1234567890', name: 'John Doe', admin: true, iat: now, exp: now + 86_400 * 365, iss: 'https://issuer.example.com' };
const CASES = [
  ['RS256', 'rsa'],
  ['PS256', 'rsa'],
  ['ES256', 'p256'],
  ['EdDSA', 'ed25519'],
].map(([alg, name]) => {
  const pem = KEYS[name].spki;
  const token = sign(claims, KEYS[name].pkcs8, { algorithm: alg });
  return { alg, pem, token, joseKey: null, fast: createVerifier({ key: pem, algorithms: [alg], cache: false }) };
});
for (const c of CASES) {
  c.joseKey = await jose.importSPKI(c.pem, c.alg);
  // Every library must accept every token, or the comparison means nothing.
  const ours = verify(c.token, c.pem);
  if (!ours.valid || ours.payload.sub !== claims.sub) throw new Error(`jwt-inspector rejects ${c.alg}: ${ours.message}`);
  await jose.jwtVerify(c.token, c.joseKey);
  c.fast(c.token);
  // jose's own tokens verify here too (its RSA-PSS and ECDSA encodings).
  const theirs = await new jose.SignJWT(claims).setProtectedHeader({ alg: c.alg }).sign(createPrivateKey(KEYS[CASES_KEY(c.alg)].pkcs8));
  if (!verify(theirs, c.pem).valid) throw new Error(`a jose ${c.alg} token does not verify here`);
}
function CASES_KEY(alg) {
  return { RS256: 'rsa', PS256: 'rsa', ES256: 'p256', EdDSA: 'ed25519' }[alg];
}

const libs = [
  ['jwt-inspector verify', (c) => verify(c.token, c.pem)],
  ['jose jwtVerify', (c) => jose.jwtVerify(c.token, c.joseKey), true],
  ['fast-jwt (no cache)', (c) => c.fast(c.token)],
];

async function slice(fn, c, isAsync) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(SLICE_MS) * 1_000_000n;
  let t = start;
  while (t < end) {
    if (isAsync) for (let i = 0; i < 4; i++) await fn(c);
    else for (let i = 0; i < 4; i++) fn(c);
    n += 4;
    t = process.hrtime.bigint();
  }
  return n / (Number(t - start) / 1e9);
}

const collect = typeof globalThis.gc === 'function' ? () => globalThis.gc({ type: 'minor' }) : () => {};
const results = libs.map(() => CASES.map(() => []));
for (const [, fn, isAsync] of libs) for (const c of CASES) await slice(fn, c, isAsync);
for (let round = 0; round < ROUNDS; round++) {
  for (const [ci, c] of CASES.entries()) {
    const order = round % 2 ? [...libs.keys()].reverse() : [...libs.keys()];
    for (const li of order) {
      collect();
      results[li][ci].push(await slice(libs[li][1], c, libs[li][2]));
    }
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const ops = results.map((r) => r.map(median));

const fmt = (n) => (n >= 10_000 ? `${Math.round(n / 1000)} k` : n >= 1000 ? `${(n / 1000).toFixed(1)} k` : `${Math.round(n)}`);
const pad = (s, n) => String(s).padStart(n);
console.log(`jwt-inspector asymmetric benchmark — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);
console.log(`median of ${ROUNDS} interleaved ${SLICE_MS} ms slices; verify with the PEM public key, claims validated, payload returned`);
console.log(`\n${''.padEnd(26)}${CASES.map((c) => pad(`${c.alg} (${c.token.length} B)`, 18)).join('')}`);
for (const [li, [name]] of libs.entries()) console.log(`${name.padEnd(26)}${ops[li].map((v) => pad(`${fmt(v)} ops/s`, 18)).join('')}`);
console.log(`${''.padEnd(26)}${CASES.map(() => pad('', 18)).join('')}`);
console.log(`${'  µs per verify (ours)'.padEnd(26)}${ops[0].map((v) => pad(`${(1e6 / v).toFixed(0)} µs`, 18)).join('')}`);
console.log(`${'  vs jose'.padEnd(26)}${ops[0].map((v, i) => pad(`${(v / ops[1][i]).toFixed(2)}×`, 18)).join('')}`);
console.log(`${'  vs fast-jwt'.padEnd(26)}${ops[0].map((v, i) => pad(`${(v / ops[2][i]).toFixed(2)}×`, 18)).join('')}`);
