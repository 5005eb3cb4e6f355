// Entry for browsers, bundlers (Vite, webpack, esbuild, Rollup) and other ESM runtimes. The wasm bytes are
// embedded (wasm/bytes.js), so there is no .wasm file to serve or fetch and no bundler plugin to set up; they
// are compiled synchronously on the first call, so the API is usable right after `import`, with no init call.
import * as glue from './wasm/web.js';
import { wasmBytes } from './wasm/bytes.js';
import { JwtInspectorError, bind } from './api.js';

const api = bind(glue, () => {
  glue.initSync({ module: wasmBytes() });
});

export const inspect = api.inspect;
export const verify = api.verify;
export const sign = api.sign;
export const auditSecret = api.auditSecret;
export { JwtInspectorError };
