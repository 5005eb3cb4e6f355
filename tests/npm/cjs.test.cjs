// The packed package through require() (CommonJS), as Node users without ESM load it, and the promise
// that import and require share one instance.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const ARTICLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ';

test('require() gives the whole API, usable at once', () => {
  const jwt = require('jwt-inspector');
  assert.deepEqual(Object.keys(jwt).sort(), ['JwtInspectorError', 'auditSecret', 'auditSecretAsync', 'inspect', 'sign', 'verify']);
  const r = jwt.verify(ARTICLE, 'secret');
  assert.equal(r.valid, true);
  assert.deepEqual(r.payload, { sub: '1234567890', name: 'John Doe', admin: true });
  assert.equal(jwt.inspect(ARTICLE).alg, 'HS256');
  const token = jwt.sign({ via: 'require' }, 'k'.repeat(32), { algorithm: 'HS384' });
  assert.equal(jwt.verify(token, 'k'.repeat(32)).alg, 'HS384');
  assert.throws(() => jwt.inspect(''), jwt.JwtInspectorError);
});

test('import and require share one instance', async () => {
  const required = require('jwt-inspector');
  const imported = await import('jwt-inspector');
  assert.equal(imported.JwtInspectorError, required.JwtInspectorError);
  assert.equal(imported.verify, required.verify);
  try {
    imported.inspect('');
    assert.fail('expected a throw');
  } catch (e) {
    assert.ok(e instanceof required.JwtInspectorError);
  }
});

test('the exports map: node conditions, types, and nothing private', () => {
  const pkg = require('jwt-inspector/package.json');
  assert.equal(pkg.sideEffects, false);
  assert.equal(pkg.type, 'module');
  assert.deepEqual(Object.keys(pkg.exports), ['.', './package.json']);
  assert.throws(() => require('jwt-inspector/wasm/node.cjs'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  assert.match(require.resolve('jwt-inspector'), /node\.cjs$/);
});

test('the TypeScript surface has no `any`, and the CommonJS types are the ESM ones', () => {
  const fs = require('node:fs');
  const dir = require('node:path').dirname(require.resolve('jwt-inspector/package.json'));
  const types = fs.readFileSync(`${dir}/index.d.ts`, 'utf8');
  assert.equal(fs.readFileSync(`${dir}/index.d.cts`, 'utf8'), types);
  const code = types.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\bany\b/);
  for (const name of ['inspect', 'verify', 'sign', 'auditSecret', 'auditSecretAsync']) assert.match(code, new RegExp(`export declare function ${name}\\(`));
  assert.match(code, /export declare class JwtInspectorError extends Error/);
});
