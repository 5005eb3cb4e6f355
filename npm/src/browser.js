// Entry for browsers, bundlers (Vite, webpack, esbuild, Rollup) and other ESM runtimes. The wasm bytes are
// embedded (wasm/bytes.js), so there is no .wasm file to serve or fetch and no bundler plugin to set up; they
// are compiled synchronously on the first call, so the API is usable right after `import`, with no init call.
import * as glue from './wasm/web.js';
import { wasmBytes } from './wasm/bytes.js';
import { JwtInspectorError, bind, driveAudit, auditOptions } from './api.js';

const api = bind(glue, () => {
  glue.initSync({ module: wasmBytes() });
});

export const inspect = api.inspect;
export const verify = api.verify;
export const sign = api.sign;
export const auditSecret = api.auditSecret;

/**
 * The weak-secret audit without blocking the page: chunks run on the calling thread, with a yield to the event
 * loop between them, so typing and clicks stay responsive; progress and cancellation as in Node. (Here
 * `threads` can only be 1: spreading the work needs Web Workers of the page's own, which a library cannot
 * create under every bundler and CSP.)
 */
export async function auditSecretAsync(token, candidates, options) {
  const { onProgress, signal } = auditOptions(options, 1, 1);
  api.auditSecret(token, []);
  if (candidates === null || candidates === undefined || typeof candidates[Symbol.iterator] !== 'function' || typeof candidates === 'string') {
    api.auditSecret(token, candidates);
  }
  const run = (items) =>
    new Promise((resolve) => {
      setTimeout(() => {
        const r = api.auditSecret(token, items);
        resolve({ found: r.found, index: r.found ? r.tried - 1 : -1, tried: r.tried });
      }, 0);
    });
  return driveAudit(candidates, [run], onProgress, signal, 2048);
}
export { JwtInspectorError };
