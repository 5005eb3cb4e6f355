// Weak-secret audit throughput, side by side in one run (BENCHMARKS.md): HMAC-SHA256 guesses per second on one
// core for a ~300-byte and a ~2 KB HS256 token — jwt-inspector's auditSecret (wasm, in Node), a Node
// crypto.createHmac loop (OpenSSL, native), a naive Python hmac loop (hashcat-style reference), and the native
// Rust audit engine (examples/bench_audit.rs).
//   scripts/build-npm.sh && node bench/audit.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../pkg/node.mjs', import.meta.url))) {
  console.error('pkg/ is missing: run scripts/build-npm.sh first');
  process.exit(1);
}
const { auditSecret } = await import('../pkg/node.mjs');

const SECRET = 'the-real-secret-is-not-in-the-list';
const N = 200_000;
const words = Array.from({ length: N }, (_, i) => `candidate-${i}`);
const b64 = (s) => Buffer.from(s).toString('base64url');

function token(size) {
  let pad = '';
  const make = () => {
    const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify({ sub: '1234567890', name: 'John Doe', iat: 1700000000, pad }))}`;
    return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
  };
  while (make().length < size) pad += 'x';
  return make();
}

function rate(fn) {
  fn(); // warm up
  const start = process.hrtime.bigint();
  const tried = fn();
  return tried / (Number(process.hrtime.bigint() - start) / 1e9);
}

const fmt = (v) => `${Math.round(v / 1000)} k/s`;
const rows = [];
for (const size of [300, 2048]) {
  const t = token(size);
  const [h, p, s] = t.split('.');
  const input = `${h}.${p}`;
  const sig = Buffer.from(s, 'base64url');
  const ours = rate(() => auditSecret(t, words).tried);
  const node = rate(() => {
    let n = 0;
    for (const w of words) {
      n++;
      if (timingSafeEqual(createHmac('sha256', w).update(input).digest(), sig)) break;
    }
    return n;
  });
  const py = spawnSync('python3', ['-c', `
import hmac, hashlib, base64, time, sys
t = sys.argv[1]; h, p, s = t.split('.')
data = (h + '.' + p).encode(); sig = base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
words = [('candidate-%d' % i).encode() for i in range(${N / 4})]
start = time.perf_counter()
for w in words:
    if hmac.compare_digest(hmac.new(w, data, hashlib.sha256).digest(), sig): break
print(len(words) / (time.perf_counter() - start))
`, t], { encoding: 'utf8' });
  rows.push({ token: `${t.length} B`, 'jwt-inspector (wasm, Node)': fmt(ours), 'Node crypto loop': fmt(node), 'Python hmac loop': py.status === 0 ? fmt(Number(py.stdout)) : 'n/a' });
}
let native = '';
try {
  native = execFileSync('cargo', ['run', '-q', '--release', '--example', 'bench_audit'], { encoding: 'utf8' }).trim();
} catch {
  native = '(cargo run --release --example bench_audit failed)';
}
console.log(`weak-secret audit, HMAC-SHA256 guesses per second on one core, ${N} candidates; Node ${process.version}`);
console.table(rows);
console.log(native);
