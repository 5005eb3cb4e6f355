'use strict';
// Node entry for `require("jwt-inspector")`. The wasm-bindgen `nodejs` glue reads and compiles the .wasm
// synchronously when it is loaded, so the API is usable immediately, with no init call.
const os = require('node:os');
const path = require('node:path');
const { JwtInspectorError, bind, driveAudit, auditOptions, auditPreflight } = require('./api.cjs');
const raw = require('./wasm/node.cjs');
const api = bind(raw);
// A diagnostic for the package's own memory tests: the wasm instance's memory, only when asked for.
if (process.env.JWTI_EXPOSE_MEMORY === '1') globalThis.__jwtiMemory = raw.wasmMemory();

exports.JwtInspectorError = JwtInspectorError;
exports.inspect = api.inspect;
exports.verify = api.verify;
exports.sign = api.sign;
exports.auditSecret = api.auditSecret;

const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

/**
 * The weak-secret audit over worker threads (one per core by default): the same answer as `auditSecret`,
 * with progress and prompt cancellation. The workers load this package themselves; candidates travel to them
 * in chunks.
 */
async function auditSecretAsync(token, candidates, options) {
  const { onProgress, signal, threads } = auditOptions(options, Math.max(64, cores), Math.max(1, cores));
  auditPreflight(api, token, candidates);
  const { Worker } = require('node:worker_threads');
  const workers = Array.from({ length: threads }, () => new Worker(path.join(__dirname, 'audit-worker.cjs'), { workerData: { token } }));
  const lanes = workers.map((w) => (items) =>
    new Promise((resolve, reject) => {
      const onError = (e) => reject(e);
      w.once('error', onError);
      w.once('message', (m) => {
        w.off('error', onError);
        if (m.error) reject(new JwtInspectorError(m.error.message, m.error));
        else resolve(m);
      });
      w.postMessage(items);
    }));
  try {
    return await driveAudit(candidates, lanes, onProgress, signal, 4096);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
exports.auditSecretAsync = auditSecretAsync;
