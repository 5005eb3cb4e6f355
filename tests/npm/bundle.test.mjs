// The package in browsers: a tiny page importing it, built with Vite, and the same page as plain ESM
// without a bundler, both loaded in headless Chromium (playwright-core) under a strict Content-Security-
// Policy. Each must really run (sign, verify, inspect, a thrown JwtInspectorError, auditSecretAsync over two
// Web Workers that get the page's compiled wasm), fetch nothing but its own files (no .wasm: the bytes are
// embedded, and the workers are handed the compiled module) and log no error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, REPO, serve } from './lib.mjs';

const project = process.cwd();
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'none'; img-src data:";

// The page's script: every entry point used, the outcome written to the DOM.
const MAIN = `
import { inspect, verify, sign, auditSecretAsync, JwtInspectorError } from 'jwt-inspector';
// Count the audit's Web Workers.
let workers = 0;
const PageWorker = globalThis.Worker;
globalThis.Worker = class extends PageWorker {
  constructor(...args) {
    super(...args);
    workers += 1;
  }
};
const key = 'k'.repeat(32);
const token = sign({ sub: 'browser', n: 1 }, key, { algorithm: 'HS384' });
const v = verify(token, key);
const i = inspect('Bearer ' + token);
let thrown = null;
try { inspect(''); } catch (e) { thrown = e instanceof JwtInspectorError ? e.code : String(e); }
const bad = inspect(token.replace('.', '.€'));
// The weak-secret audit over 2 Web Workers: the first match in list order, found by a worker.
const words = Array.from({ length: 20000 }, (_, n) => 'word' + n);
words[15000] = key;
const progress = [];
const audit = await auditSecretAsync(token, words, { threads: 2, onProgress: (p) => progress.push(p.tried) });
document.getElementById('out').textContent = JSON.stringify({
  audit, workers, progressed: progress.length > 1,
  valid: v.valid, alg: v.alg, sub: i.payload.sub, notes: i.notes.length, thrown,
  error: bad.errors[0] && [bad.errors[0].code, bad.errors[0].start, bad.errors[0].end],
  euro: token.indexOf('.') + 1,
});
`;

const page = (script) => `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="icon" href="data:,"><title>jwt-inspector bundle test</title></head>
<body><pre id="out">not run</pre>${script}</body></html>
`;

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
});

/** Opens `url`, waits for the page's result, and checks that nothing went wrong on the way. */
async function run(url, server) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const problems = [];
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await p.goto(url);
  await p.waitForFunction(() => document.getElementById('out').textContent !== 'not run', null, { timeout: 15000 });
  const result = JSON.parse(await p.textContent('#out'));
  await context.close();
  assert.deepEqual(problems, []);
  assert.ok(!server.requests.some((r) => r.endsWith('.wasm')), `no .wasm fetched: ${server.requests.join(', ')}`);
  assert.deepEqual(result, {
    audit: { found: true, secret: 'k'.repeat(32), tried: 15001 },
    workers: 2,
    progressed: true,
    valid: true,
    alg: 'HS384',
    sub: 'browser',
    notes: 1,
    thrown: 'ERR_EMPTY',
    error: ['ERR_B64_CHAR', result.euro, result.euro + 1],
    euro: result.euro,
  });
  return result;
}

test('a Vite build of a page that imports the package runs in Chromium', async () => {
  const app = join(project, 'vite-app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), page('<script type="module" src="./main.js"></script>'));
  writeFileSync(join(app, 'main.js'), MAIN);
  // The wasm is embedded in the module (no .wasm file to serve), about 1.4 MB of base64 with the asymmetric
  // algorithms: the package README tells Vite users to raise the chunk-size warning limit, as done here.
  writeFileSync(join(app, 'vite.config.js'), 'export default { build: { chunkSizeWarningLimit: 2048 } };\n');
  const build = spawnSync(join(REPO, 'node_modules/.bin/vite'), ['build', app, '--outDir', join(app, 'dist'), '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: project,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
  assert.equal(build.stderr.trim(), '', 'vite build printed warnings');
  const assets = readdirSync(join(app, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.js')), assets.join());
  assert.ok(!assets.some((f) => f.endsWith('.wasm')), `no .wasm asset: ${assets.join()}`);
  const server = await serve(join(app, 'dist'));
  try {
    await run(`${server.base}/`, server);
    assert.ok(server.requests.every((r) => r === '/' || r.startsWith('/assets/')), server.requests.join());
  } finally {
    await server.close();
  }
});

test('plain browser ESM, no bundler: import from node_modules/jwt-inspector/browser.js', async () => {
  const dir = join(project, 'esm-page');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.js'), MAIN.replace("from 'jwt-inspector'", "from '/node_modules/jwt-inspector/browser.js'"));
  writeFileSync(join(dir, 'index.html'), page('<script type="module" src="/esm-page/main.js"></script>'));
  const server = await serve(project);
  try {
    await run(`${server.base}/esm-page/`, server);
    const pkg = server.requests.filter((r) => r.startsWith('/node_modules/jwt-inspector/'));
    assert.deepEqual([...new Set(pkg)].sort(), [
      '/node_modules/jwt-inspector/api.js',
      '/node_modules/jwt-inspector/audit-worker.js',
      '/node_modules/jwt-inspector/browser.js',
      '/node_modules/jwt-inspector/wasm/bytes.js',
      '/node_modules/jwt-inspector/wasm/web.js',
    ]);
  } finally {
    await server.close();
  }
});

test('the browser entry also runs in Node (an ESM runtime without the node condition)', async () => {
  const { inspect, verify, sign } = await import(join(project, 'node_modules/jwt-inspector/browser.js'));
  const token = sign({ sub: 'esm' }, 'k'.repeat(32));
  assert.equal(verify(token, 'k'.repeat(32)).valid, true);
  assert.equal(inspect(token).payload.sub, 'esm');
  // And its embedded bytes are the shipped .wasm file.
  const { wasmBytes } = await import(join(project, 'node_modules/jwt-inspector/wasm/bytes.js'));
  assert.deepEqual(Buffer.from(wasmBytes()), readFileSync(join(project, 'node_modules/jwt-inspector/wasm/jwt_inspector_bg.wasm')));
});
