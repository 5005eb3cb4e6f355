// Entry for browsers, bundlers (Vite, webpack, esbuild, Rollup) and other ESM runtimes. The wasm bytes are
// embedded (wasm/bytes.js), so there is no .wasm file to serve or fetch and no bundler plugin to set up; they
// are compiled synchronously on the first call, so the API is usable right after `import`, with no init call.
import * as glue from './wasm/web.js';
import { wasmBytes } from './wasm/bytes.js';
import { JwtInspectorError, bind, driveAudit, auditOptions, auditPreflight } from './api.js';

// Compiled once, and handed to the audit's workers as is (a WebAssembly.Module can be posted to a worker).
let compiled = null;
const wasmModule = () => (compiled ??= new WebAssembly.Module(wasmBytes()));
const api = bind(glue, () => {
  glue.initSync({ module: wasmModule() });
});

export const inspect = api.inspect;
export const verify = api.verify;
export const sign = api.sign;
export const auditSecret = api.auditSecret;

const cores = typeof navigator === 'object' && Number.isInteger(navigator.hardwareConcurrency) ? navigator.hardwareConcurrency : 1;

/** Starts one audit worker and resolves with its lane once its wasm runs, or with null if it cannot start. */
function startWorker(token) {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL('./audit-worker.js', import.meta.url), { type: 'module' });
    } catch {
      resolve(null); // no Worker here, or the page's CSP forbids it
      return;
    }
    const fail = () => {
      worker.terminate();
      resolve(null);
    };
    worker.onerror = fail;
    worker.onmessage = (e) => {
      if (!e.data.ready) return fail();
      worker.onerror = null;
      resolve(worker);
    };
    worker.postMessage({ module: wasmModule(), token });
  });
}

function lane(worker) {
  return (items) =>
    new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(`An audit worker failed: ${e.message}`));
      worker.onmessage = (e) => {
        if (e.data.error) reject(new JwtInspectorError(e.data.error.message, e.data.error));
        else resolve(e.data);
      };
      worker.postMessage({ items });
    });
}

/**
 * The weak-secret audit without blocking the page: over Web Workers (one per core by default, each running
 * its own instance of the page's compiled wasm), with progress and prompt cancellation as in Node. Where no
 * worker can start (no Worker, a CSP without `worker-src 'self'`/`script-src 'self'`), or with `threads: 1`,
 * chunks run on the calling thread with a yield to the event loop between them, so the page stays responsive.
 */
export async function auditSecretAsync(token, candidates, options) {
  const { onProgress, signal, threads } = auditOptions(options, Math.max(64, cores), Math.max(1, cores));
  auditPreflight(api, token, candidates);
  let workers = [];
  if (threads > 1 && typeof Worker === 'function') {
    workers = (await Promise.all(Array.from({ length: threads }, () => startWorker(token)))).filter((w) => w !== null);
  }
  const inThread = (items) =>
    new Promise((resolve) => {
      setTimeout(() => {
        const r = api.auditSecret(token, items);
        resolve({ found: r.found, index: r.found ? r.tried - 1 : -1, tried: r.tried });
      }, 0);
    });
  const lanes = workers.length > 0 ? workers.map(lane) : [inThread];
  try {
    return await driveAudit(candidates, lanes, onProgress, signal, workers.length > 0 ? 4096 : 2048);
  } finally {
    for (const w of workers) w.terminate();
  }
}
export { JwtInspectorError };
