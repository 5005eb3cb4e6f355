// A Web Worker of auditSecretAsync in browsers and bundles (a module worker, started by browser.js with
// `new Worker(new URL('./audit-worker.js', import.meta.url), { type: 'module' })`, a pattern Vite, webpack,
// esbuild and plain ESM all understand). It gets the page's compiled WebAssembly.Module — so the wasm is neither
// fetched nor compiled again — instantiates its own copy, then answers chunks of candidates with where the
// secret is among them, if it is.
import * as glue from './wasm/web.js';
import { bind } from './api.js';

let api = null;
let token = null;

self.onmessage = (event) => {
  const m = event.data;
  if (m.module) {
    try {
      api = bind(glue, () => glue.initSync({ module: m.module }));
      token = m.token;
      api.auditSecret(token, []); // instantiates now, so a failure shows before any work is handed out
      self.postMessage({ ready: true });
    } catch (e) {
      self.postMessage({ error: { message: e.message, code: e.code, part: e.part } });
    }
    return;
  }
  try {
    const r = api.auditSecret(token, m.items);
    self.postMessage({ found: r.found, index: r.found ? r.tried - 1 : -1, tried: r.tried });
  } catch (e) {
    self.postMessage({ error: { message: e.message, code: e.code, part: e.part } });
  }
};
