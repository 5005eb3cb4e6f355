'use strict';
// Node entry for `require("jwt-inspector")`. The wasm-bindgen `nodejs` glue reads and compiles the .wasm
// synchronously when it is loaded, so the API is usable immediately, with no init call.
const { JwtInspectorError, bind } = require('./api.cjs');
const raw = require('./wasm/node.cjs');
const api = bind(raw);
// A diagnostic for the package's own memory tests: the wasm instance's memory, only when asked for.
if (process.env.JWTI_EXPOSE_MEMORY === '1') globalThis.__jwtiMemory = raw.wasmMemory();

exports.JwtInspectorError = JwtInspectorError;
exports.inspect = api.inspect;
exports.verify = api.verify;
exports.sign = api.sign;
exports.auditSecret = api.auditSecret;
