'use strict';
// Node entry for `require("jwt-inspector")`. The wasm-bindgen `nodejs` glue reads and compiles the .wasm
// synchronously when it is loaded, so the API is usable immediately, with no init call.
const { JwtInspectorError, bind } = require('./api.cjs');
const api = bind(require('./wasm/node.cjs'));

exports.JwtInspectorError = JwtInspectorError;
exports.inspect = api.inspect;
exports.verify = api.verify;
exports.sign = api.sign;
