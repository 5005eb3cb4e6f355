// Benchmark of the app in Chromium: paste-to-rendered time for 1 KB, 64 KB and 1 MB HS256 tokens and 1 KB
// RS256 and ES256 tokens (median of several runs, Performance API), the longest main-thread task around a paste, and the gzip transfer size of
// dist/. Run after a release build:   node tests/e2e/bench.mjs [dist]
//
// "Paste-to-rendered": a real paste (clipboard + Ctrl+V in the editor), from the paste event until the page
// shows everything for that token — payload, signature status, claims — and is laid out (a forced layout),
// measured inside the page with performance.now(). "Longest task" / "longest frame" are the longest main-
// thread task (Long Tasks API) and animation frame (Long Animation Frames API, task + rendering) from the
// paste until the page is done: how long the page is frozen at worst (entries start at 50 ms). "Tasks",
// "app script" (per paste, the sum of the steps; median) and "slowest app step" come from the app's own User
// Timing measures (input handling — decode, verify, render — then one task per step for a large token): the
// script time of each, without the browser's layout and paint.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateKeyPairSync } from 'node:crypto';
import { signAsym, start, tokenOfSize } from './lib.mjs';

const dist = process.argv[2] ?? 'dist';
const KEY = 'bench-secret-0123456789abcdef0123';

function transfer() {
  const rows = [];
  for (const f of readdirSync(dist).sort()) {
    const body = readFileSync(join(dist, f));
    rows.push({ file: f, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return rows;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const env = await start(dist);
const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base.slice(0, -1) });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
await page.goto(env.base);
await page.waitForSelector('[data-testid=token-input]');
await page.fill('[data-testid=key-input]', KEY);
await page.evaluate(() => {
  window.__long = [];
  window.__frames = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  new PerformanceObserver((l) => window.__frames.push(...l.getEntries().map((e) => e.duration))).observe({
    type: 'long-animation-frame',
  });
  // The paste's start, taken before any of the app's handlers run.
  addEventListener('paste', () => (window.__t0 = performance.now()), { capture: true });
  // The end: the first moment (a mutation batch, checked right after the task that made it) when the page
  // shows everything for the pasted token; then a forced layout, so "rendered" includes laying it out.
  const done = () => {
    const payload = document.querySelector('[data-testid=payload-json]');
    const status = document.querySelector('[data-testid=signature-status]');
    const claims = document.querySelector('[data-testid=claims]');
    return (
      payload?.textContent.includes(window.__jti) &&
      status && !status.dataset.pending &&
      claims?.textContent.includes('exp')
    );
  };
  new MutationObserver(() => {
    if (window.__t0 !== undefined && window.__t1 === undefined && done()) {
      document.body.getBoundingClientRect();
      window.__t1 = performance.now();
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
});

// [label, size, runs, signer, public key PEM to enter (null: the HMAC key entered above)]
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k) => k.publicKey.export({ type: 'spki', format: 'pem' });
const asym = (alg, pair) => (payload) => signAsym(payload, pair.privateKey, { alg, typ: 'JWT' });
const sizes = [
  ['1 KB', 1024, 31],
  ['1 KB RS256', 1024, 31, asym('RS256', rsa), pem(rsa)],
  ['1 KB ES256', 1024, 31, asym('ES256', p256), pem(p256)],
  ['64 KB', 64 * 1024, 11],
  ['1 MB', 1024 * 1024, 7],
];
const results = [];
let entered = KEY;
for (const [label, bytes, runs, signer, publicPem] of sizes) {
  const key = publicPem ?? KEY;
  if (key !== entered) {
    // The key field follows the token's algorithm: paste one such token first (an RS256 token makes it the
    // multi-line public key field), then enter the key. The key stays in the state between pastes.
    await page.fill('[data-testid=token-input]', tokenOfSize(1024, KEY, `${label}-key`, signer));
    await page.fill('[data-testid=key-input]', key);
    await page.waitForSelector('[data-testid=signature-status][data-status=valid]');
    entered = key;
  }
  const times = [];
  const script = [];
  let longest = 0;
  let longestFrame = 0;
  let status = '';
  let slowest = ['-', 0];
  let steps = 0;
  for (let r = -1; r < runs; r++) {
    const jti = `bench-${label}-${r}`;
    const token = tokenOfSize(bytes, KEY, `${label}-${r}`, signer);
    // A real paste: the token goes to the clipboard, the editor is emptied and focused, then Ctrl+V.
    await page.evaluate(async (t) => {
      await navigator.clipboard.writeText(t);
      const ta = document.querySelector('[data-testid=token-input]');
      if (ta.value) {
        ta.value = '';
        ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }
      await new Promise((ok) => setTimeout(ok, 100));
      document.querySelector('[data-testid=token-input]').focus();
      window.__long.length = 0;
      window.__frames.length = 0;
      window.__t0 = window.__t1 = undefined;
      performance.clearMeasures();
    }, token);
    await page.evaluate((jti) => (window.__jti = jti), jti);
    await page.keyboard.press('Control+V');
    const m = await page.evaluate(async () => {
      while (window.__t1 === undefined) await new Promise((ok) => setTimeout(ok, 10));
      await new Promise((ok) => setTimeout(ok, 300)); // let the observers report
      const steps = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('jwt-inspector:'));
      const slowest = steps.reduce((a, m) => (m.duration > a.duration ? m : a), { duration: 0, name: '-' });
      return {
        rendered: window.__t1 - window.__t0,
        steps: steps.length,
        slowest: [slowest.name.replace('jwt-inspector:', ''), slowest.duration],
        script: steps.reduce((a, m) => a + m.duration, 0),
        longest: Math.max(0, ...window.__long),
        frame: Math.max(0, ...window.__frames),
        status: document.querySelector('[data-testid=signature-status]').dataset.status,
      };
    });
    if (r < 0) continue; // warm-up
    times.push(m.rendered);
    script.push(m.script);
    longest = Math.max(longest, m.longest);
    longestFrame = Math.max(longestFrame, m.frame);
    if (m.slowest[1] > slowest[1]) slowest = m.slowest;
    steps = m.steps;
    status = m.status;
  }
  results.push({
    size: label,
    runs,
    'paste→rendered median (ms)': median(times).toFixed(1),
    'app script median (ms)': median(script).toFixed(1),
    'max (ms)': Math.max(...times).toFixed(1),
    'longest task (ms)': longest ? longest.toFixed(0) : '<50',
    'longest frame (ms)': longestFrame ? longestFrame.toFixed(0) : '<50',
    'tasks': steps,
    'slowest app step (ms)': `${slowest[0]} ${slowest[1].toFixed(0)}`,
    status,
  });
}
await env.close();

const files = transfer();
const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
console.log(`Chromium ${env.browser.version?.() ?? ''}`.trim());
console.log(
  '\nPaste-to-rendered (HS256 tokens, and RS256 / ES256 1 KB tokens with their public key PEM; the key is entered, so each paste also verifies the signature):',
);
console.table(results);
console.log('\nTransfer size of dist/ (gzip -9):');
console.table([...files, { file: 'total', ...total }].map((f) => ({ ...f, 'gzip KB': (f.gzip / 1024).toFixed(1) })));
if (problems.length) {
  console.error('page errors during the benchmark:', problems);
  process.exit(1);
}
