// Benchmark of the npm package against its peers, in one process and one run, on the same tokens.
//
//   scripts/build-npm.sh && node --expose-gc bench/bench.mjs     (about a minute)
//   node --expose-gc bench/bench.mjs --quick                     (shorter rounds, for a smoke test)
//
// - verify (HS256, claims validated, the payload returned): jwt-inspector `verify` vs jose `jwtVerify`,
//   jsonwebtoken `verify` and fast-jwt (`createVerifier`, cache off);
// - decode: jwt-inspector `inspect` (decodes, explains claims, lints, pretty-prints) vs jwt-decode
//   `jwtDecode` and jose `decodeJwt` (which only decode the payload);
// on a typical ~300-byte token, a 4 KB one and a 64 KB one. Each library runs in short timed slices,
// interleaved with the others for several rounds (in alternating order), and the median slice is reported,
// so that load from other processes on the machine hits every library alike. With --expose-gc, a full GC
// runs before each slice, so no library pays for another's garbage (jose's promises, say). Also prints the
// package's packed sizes.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { jwtDecode } from 'jwt-decode';

if (!existsSync(new URL('../pkg/node.mjs', import.meta.url))) {
  console.error('pkg/ is missing: run scripts/build-npm.sh first.');
  process.exit(1);
}
const { inspect, verify } = await import('../pkg/node.mjs');
// BENCH_BEFORE=<a pkg/ directory built from an earlier commit> adds that build's verify as a row of the same
// run, for before/after figures (see BENCHMARKS.md).
const before = process.env.BENCH_BEFORE ? await import(pathToFileURL(`${process.env.BENCH_BEFORE}/node.mjs`).href) : null;

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 7;
const SLICE_MS = quick ? 60 : 250;
const pkgDir = fileURLToPath(new URL('../pkg/', import.meta.url));

const KEY = 'bench-secret-0123456789abcdef-0123456789abcdef';
const KEY_BYTES = new TextEncoder().encode(KEY);
const b64url = (s) => Buffer.from(s).toString('base64url');

/** An HS256 token of about `size` characters with the usual claims (exp in the future, so all accept it). */
function token(size) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: '1234567890', name: 'John Doe', admin: true, iat: now, exp: now + 86_400 * 365, iss: 'https://issuer.example.com' };
  const make = () => {
    const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    return `${input}.${createHmac('sha256', KEY).update(input).digest('base64url')}`;
  };
  let t = make();
  if (t.length < size) {
    payload.data = [];
    for (let i = 0; make().length < size; i++) payload.data.push({ id: i, name: `item ${i}`, tags: ['a', 'b'], on: i % 2 === 0 });
    payload.data.pop();
    payload.pad = '';
    while (make().length < size) payload.pad += 'x';
    t = make();
  }
  return t;
}

const SIZES = [['~300 B', 300], ['4 KB', 4096], ['64 KB', 65536]].map(([label, size]) => ({ label, token: token(size) }));

// The tokens carry no `aud`: strict verification (RFC 7519 §4.1.3) requires the `audience` option for a token
// that has one, and every library would then check it; without it, the rows compare the verifications.
const AUD = undefined;
const fastJwt = createVerifier({ key: KEY, cache: false });
const verifiers = [
  ['jwt-inspector verify', (t) => verify(t, KEY, AUD)],
  ...(before ? [['jwt-inspector verify (before)', (t) => before.verify(t, KEY, AUD)]] : []),
  ['jose jwtVerify', (t) => jose.jwtVerify(t, KEY_BYTES, AUD), true],
  ['jsonwebtoken verify', (t) => jsonwebtoken.verify(t, KEY, AUD)],
  ['fast-jwt (no cache)', (t) => fastJwt(t)],
];
const decoders = [
  ['jwt-inspector inspect', (t) => inspect(t)],
  ['jwt-decode jwtDecode', (t) => jwtDecode(t)],
  ['jose decodeJwt', (t) => jose.decodeJwt(t)],
];

// Every library must accept every token, or the comparison means nothing.
for (const { label, token: t } of SIZES) {
  const ours = verify(t, KEY, AUD);
  if (!ours.valid) throw new Error(`jwt-inspector rejects the ${label} token: ${ours.message}`);
  if (ours.payload.sub !== '1234567890') throw new Error('verify returned no payload');
  if (before && !before.verify(t, KEY, AUD).valid) throw new Error('the earlier build rejects the token');
  await jose.jwtVerify(t, KEY_BYTES, AUD);
  jsonwebtoken.verify(t, KEY, AUD);
  fastJwt(t);
  const i = inspect(t);
  if (i.errors.length || jwtDecode(t).sub !== i.payload.sub || jose.decodeJwt(t).sub !== i.payload.sub) throw new Error('decoders disagree');
}

/** Operations per second of `fn(t)` over one slice of about SLICE_MS. */
async function slice(fn, t, isAsync) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(SLICE_MS) * 1_000_000n;
  let now = start;
  while (now < end) {
    // Batches keep the clock reads out of the measurement.
    if (isAsync) for (let i = 0; i < 16; i++) await fn(t);
    else for (let i = 0; i < 16; i++) fn(t);
    n += 16;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

const collect = typeof globalThis.gc === 'function' ? () => globalThis.gc({ type: 'minor' }) : () => {};

async function measure(group) {
  const results = group.map(() => SIZES.map(() => []));
  for (const [, fn, isAsync] of group) {
    for (const { token: t } of SIZES) await slice(fn, t, isAsync); // warm-up (JIT tiers, caches)
  }
  const order = [...group.keys()];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [s, { token: t }] of SIZES.entries()) {
      for (const g of round % 2 ? [...order].reverse() : order) {
        const [, fn, isAsync] = group[g];
        collect();
        results[g][s].push(await slice(fn, t, isAsync));
      }
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return results.map((perSize) => perSize.map(median));
}

const fmt = (n) => (n >= 10_000 ? `${Math.round(n / 1000)} k` : n >= 1000 ? `${(n / 1000).toFixed(1)} k` : `${Math.round(n)}`);
const pad = (s, n) => String(s).padStart(n);

function table(title, group, ops, ratios) {
  console.log(`\n${title}`);
  console.log(`${''.padEnd(30)}${SIZES.map((s) => pad(`${s.label} (${s.token.length} B)`, 20)).join('')}`);
  for (const [g, [name]] of group.entries()) console.log(`${name.padEnd(30)}${ops[g].map((v) => pad(`${fmt(v)} ops/s`, 20)).join('')}`);
  for (const [label, other] of ratios) {
    console.log(`${`  ${label}`.padEnd(30)}${ops[0].map((v, s) => pad(`${(v / ops[other][s]).toFixed(2)}×`, 20)).join('')}`);
  }
}

console.log(`jwt-inspector benchmark — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);
console.log(
  `median of ${ROUNDS} interleaved ${SLICE_MS} ms slices per library and token, ` +
    `${typeof globalThis.gc === 'function' ? 'a minor GC before each slice' : 'no GC between slices (run with --expose-gc)'}; HS256, key ${KEY.length} bytes`,
);

const verifyOps = await measure(verifiers);
table('verify (signature + exp/iat, payload returned)', verifiers, verifyOps, [
  ...(before ? [['jwt-inspector ÷ before', 1]] : []),
  ['jwt-inspector ÷ jose', before ? 2 : 1],
  ['jwt-inspector ÷ jsonwebtoken', before ? 3 : 2],
  ['jwt-inspector ÷ fast-jwt', before ? 4 : 3],
]);
const decodeOps = await measure(decoders);
table('decode (inspect explains, lints and pretty-prints too)', decoders, decodeOps, [
  ['inspect ÷ jwt-decode', 1],
  ['inspect ÷ jose decodeJwt', 2],
]);

const wasm = readFileSync(`${pkgDir}wasm/jwt_inspector_bg.wasm`);
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: pkgDir, encoding: 'utf8' }));
console.log(
  `\npackage: ${packed.filename} ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked, ` +
    `${packed.entryCount} files; wasm ${(statSync(`${pkgDir}wasm/jwt_inspector_bg.wasm`).size / 1024).toFixed(1)} KB, ` +
    `${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9`,
);
