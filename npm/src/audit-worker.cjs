'use strict';
// A worker thread of auditSecretAsync (Node): loads the package, takes chunks of candidates, answers each with
// where the secret is among them, if it is.
const { parentPort, workerData } = require('node:worker_threads');
const { auditSecret } = require('./node.cjs');

parentPort.on('message', (items) => {
  try {
    const r = auditSecret(workerData.token, items);
    parentPort.postMessage({ found: r.found, index: r.found ? r.tried - 1 : -1, tried: r.tried });
  } catch (e) {
    parentPort.postMessage({ error: { message: e.message, code: e.code, part: e.part } });
  }
});
