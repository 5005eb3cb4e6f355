// Shared helpers of the E2E suite and the benchmark: build-free (they use an existing dist/), a static server
// on 127.0.0.1, Debian's Chromium through playwright-core, and tokens signed with node:crypto.
import { createHmac, sign as cryptoSign } from 'node:crypto';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';

export { CHROMIUM, CHROMIUM_ARGS };

export async function start(dist) {
  const server = await serve(dist, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** An HS256 (or HS384/HS512) token over `payload` (an object or a string), signed with `key`. */
export function sign(payload, key, header = { alg: 'HS256', typ: 'JWT' }) {
  const bits = header.alg.slice(2);
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${b64url(JSON.stringify(header))}.${b64url(body)}`;
  const mac = createHmac(`sha${bits}`, key).update(input).digest();
  return `${input}.${b64url(mac)}`;
}

/**
 * An RS256, PS256, ES256/384/512 or EdDSA token over `payload`, signed with node:crypto's `privateKey` (a
 * KeyObject or PEM), so the app is checked against an independent signer.
 */
export function signAsym(payload, privateKey, header = { alg: 'RS256', typ: 'JWT' }) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${b64url(JSON.stringify(header))}.${b64url(body)}`;
  const { alg } = header;
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`;
  const options = alg.startsWith('ES')
    ? { key: privateKey, dsaEncoding: 'ieee-p1363' }
    : alg.startsWith('PS')
      ? { key: privateKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: Number(alg.slice(2)) / 8 }
      : privateKey;
  return `${input}.${b64url(cryptoSign(hash, Buffer.from(input), options))}`;
}

/**
 * A realistic token of about `bytes` characters: claims plus an array of small objects, signed by `signer`
 * (HS256 with `key` by default).
 */
export function tokenOfSize(bytes, key, tag = 'x', signer = sign) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: 'user-42', name: 'Jane Doe', iat: now, exp: now + 3600, jti: `bench-${tag}`, items: [] };
  let i = 0;
  for (;;) {
    const t = signer(payload, key);
    if (t.length >= bytes) return t;
    // Grow by an estimate, then by single items near the end.
    const missing = Math.max(1, Math.floor((bytes - t.length) / 110));
    for (let k = 0; k < missing; k++, i++) {
      payload.items.push({ id: i, name: `item ${i}`, tags: ['alpha', 'beta'], active: i % 2 === 0, score: i * 1.5 });
    }
  }
}

/** Sets the token editor's text the way a paste does (value + a bubbling input event). */
export async function pasteToken(page, token) {
  await page.evaluate((t) => {
    const ta = document.querySelector('[data-testid=token-input]');
    ta.focus();
    ta.value = t;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, token);
}
