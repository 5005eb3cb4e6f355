// End-to-end suite: the built dist/ served on 127.0.0.1, driven in Debian's Chromium by playwright-core.
//   node --test tests/e2e/app.test.mjs        (after `trunk build --release`; scripts/test-e2e.sh does both)
// Every test records every request the page makes, CSP violations, console errors and uncaught exceptions,
// and fails on any of them. Screenshots go to tests/e2e/artifacts/ (with UPDATE_SCREENSHOT=1 the light one
// also replaces docs/screenshot.png, the README's picture).
import assert from 'node:assert/strict';
import { constants, createHmac, createPublicKey, randomBytes, verify as cryptoVerify } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pasteToken, sign, start } from './lib.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.DIST ?? `${root}dist`;
const artifacts = `${root}tests/e2e/artifacts`;
mkdirSync(artifacts, { recursive: true });

const ARTICLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ';
const RFC7520_JWK =
  '{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}';
const SECRET_MARKER = 'hunter2-never-leaves';
// PyJWT- and jose-signed tokens and their keys in every form (tests/vectors/interop-asymmetric.json).
const VECTORS = JSON.parse(readFileSync(`${root}tests/vectors/interop-asymmetric.json`, 'utf8'));
const KEYS = VECTORS.keys;
const keyText = (k) => (typeof k === 'string' ? k : JSON.stringify(k));
const vectorToken = (id) => VECTORS.cases.find((c) => c.id === id).token;
const PUBLIC_KEY_LABEL = 'Public key — PEM, X.509 certificate, JWK or JWK Set';

let env;
before(async () => {
  env = await start(dist);
});
after(async () => {
  await env?.close();
});

/** A fresh context and page that records everything that must not happen. */
async function open(t, { path = '', viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base.slice(0, -1) });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.addInitScript(() => {
    window.__csp = [];
    addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.base + path);
  // A blank page is the failure to catch: the app must have replaced the static "Loading…" text.
  await page.waitForSelector('[data-testid=token-input]', { timeout: 15000 });
  t.after(async () => {
    const csp = await page.evaluate(() => window.__csp).catch(() => []);
    await context.close();
    const foreign = requests.filter((u) => !u.startsWith(env.base));
    assert.deepEqual(foreign, [], `requests outside the page's own origin: ${foreign.join(', ')}`);
    for (const u of requests) {
      const path = new URL(u).pathname;
      assert.match(path, /^\/(index\.html|boot\.js|[\w.-]+\.(js|css))?$/, `unexpected request ${u}`);
    }
    assert.deepEqual(csp, [], 'CSP violations');
    assert.deepEqual(problems, [], 'console errors or exceptions');
  });
  return { page, context, requests };
}

const status = (page) => page.getAttribute('[data-testid=signature-status]', 'data-status');
const text = (page, id) => page.textContent(`[data-testid=${id}]`);
async function expectStatus(page, want) {
  await page.waitForFunction(
    (w) => document.querySelector('[data-testid=signature-status]')?.dataset.status === w,
    want,
    { timeout: 5000 },
  );
}

test('loads from its own files only, under the CSP, and renders', async (t) => {
  const { page, requests } = await open(t);
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  assert.equal(await page.locator('#loading').count(), 0, 'the loading text is replaced by the app');
  assert.ok(requests.some((u) => u.endsWith('.wasm.js')), 'the wasm comes embedded in a script');
  assert.ok(!requests.some((u) => u.endsWith('.wasm')), 'no .wasm fetch (connect-src none would block it)');
  assert.equal(await status(page), 'not-applicable');
  // Every form control has an accessible name.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.getAttribute('[data-testid=signature-status]', 'aria-live'), 'polite');
});

test('article token: decoded; secret verifies; another key or one changed character does not', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  assert.match(await text(page, 'header-json'), /"alg": "HS256"/);
  assert.match(await text(page, 'payload-json'), /"name": "John Doe"/);
  assert.match(await text(page, 'claims'), /sub[\s\S]*1234567890[\s\S]*Subject/);
  assert.equal(await status(page), 'no-key');
  // The three parts are colour-coded.
  const parts = await page.$$eval('.editor .backdrop span', (s) => s.map((e) => e.className));
  assert.deepEqual(
    parts.filter((c) => !c.includes('dot')),
    ['seg-header', 'seg-payload', 'seg-signature'],
  );

  // Copy buttons copy the pretty JSON.
  await page.click('section[aria-labelledby=payload-title] button.copy');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^\{\n  "sub": "1234567890",/);

  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'valid');
  assert.equal(await page.getAttribute('[data-testid=key-input]', 'type'), 'password');
  assert.match(await text(page, 'key-bits'), /48-bit/);
  assert.match(await text(page, 'findings'), /well-known-secret[\s\S]*RFC 8725/);

  await page.fill('[data-testid=key-input]', 'secret2');
  await expectStatus(page, 'invalid');
  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'valid');

  // One payload character changed ("sub" → "suc"): still decodes, no longer verifies.
  const tampered = ARTICLE.replace('eyJzdWIi', 'eyJzdWMi');
  await page.fill('[data-testid=token-input]', tampered);
  await expectStatus(page, 'invalid');
  assert.match(await text(page, 'payload-json'), /"suc"/);
  assert.match(await text(page, 'signature-status'), /INVALID_SIGNATURE/);

  // Clearing the key never leaves a stale verdict.
  await page.fill('[data-testid=key-input]', '');
  await expectStatus(page, 'no-key');
  // Show / hide.
  await page.click('[data-testid=key-visibility]');
  assert.equal(await page.getAttribute('[data-testid=key-input]', 'type'), 'text');
});

test('broken token: a precise error, the character marked, everything else decoded', async (t) => {
  const { page } = await open(t);
  await page.selectOption('[data-testid=examples]', 'broken');
  const error = page.locator('[data-testid=token-errors] li').first();
  await error.waitFor();
  assert.equal(await error.getAttribute('data-code'), 'ERR_B64_CHAR');
  assert.equal(await error.getAttribute('data-part'), 'payload');
  const value = await page.inputValue('[data-testid=token-input]');
  assert.equal(Number(await error.getAttribute('data-start')), value.indexOf('!'));
  assert.match(await error.textContent(), /character 42/);
  assert.equal(await page.textContent('.backdrop .seg-error'), '!');
  assert.match(await text(page, 'header-json'), /HS256/, 'the header still decodes');
  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'invalid');
  assert.match(await text(page, 'signature-status'), /MALFORMED/);
  // Clicking the error selects the offending character in the editor.
  await error.locator('button').click();
  const sel = await page.$eval('[data-testid=token-input]', (ta) => [ta.selectionStart, ta.selectionEnd]);
  assert.deepEqual(sel, [value.indexOf('!'), value.indexOf('!') + 1]);
  // A pathological paste (20,000 dots) is reported, not choked on.
  await pasteToken(page, '.'.repeat(20000));
  await page.waitForSelector('[data-testid=token-errors] li[data-code=ERR_PART_COUNT]', { timeout: 5000 });
  // A real paste (Ctrl+V) into the middle of the text: spliced at the selection, caret after it.
  await page.fill('[data-testid=token-input]', 'Bearer ');
  await page.evaluate((t) => navigator.clipboard.writeText(t), ARTICLE);
  await page.focus('[data-testid=token-input]');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+V');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue('[data-testid=token-input]'), `Bearer ${ARTICLE}`);
  const caret = await page.$eval('[data-testid=token-input]', (ta) => [ta.selectionStart, ta.selectionEnd]);
  assert.deepEqual(caret, [7 + ARTICLE.length, 7 + ARTICLE.length]);
  // A pasted Authorization header is cleaned up, quietly.
  await page.fill('[data-testid=token-input]', `Authorization: Bearer ${ARTICLE}`);
  await expectStatus(page, 'valid');
  assert.match(await text(page, 'token-notes'), /Authorization/i);
});

test('expired token: signature verified, expiry badge, kept current by the clock', async (t) => {
  const { page } = await open(t);
  await page.selectOption('[data-testid=examples]', 'expired');
  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'valid');
  const exp = page.locator('[data-testid=claims] tr[data-claim=exp]');
  assert.equal(await exp.getAttribute('data-time-status'), 'expired');
  assert.match(await exp.textContent(), /expired[\s\S]*ago[\s\S]*2018-01-18T02:30:22Z[\s\S]*Local/);
  assert.match(await text(page, 'findings'), /expired/);

  // A token that expires in 2 s: valid now, expired without any interaction once the time has passed.
  const now = Math.floor(Date.now() / 1000);
  await pasteToken(page, sign({ sub: 'soon', iat: now, exp: now + 2 }, 'k'.repeat(32)));
  const soon = page.locator('[data-testid=claims] tr[data-claim=exp]');
  assert.equal(await soon.getAttribute('data-time-status'), 'valid');
  await page.waitForSelector('[data-testid=claims] tr[data-claim=exp][data-time-status=expired]', {
    timeout: 6000,
  });
  await page.waitForSelector('[data-testid=findings] [data-id=expired]', { timeout: 3000 });
});

test('share link: the token in the fragment, never the key; opening it decodes', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  await page.fill('[data-testid=key-input]', SECRET_MARKER);
  await page.click('[data-testid=share-link]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-status]').textContent.length > 0);
  const url = page.url();
  assert.equal(new URL(url).hash, `#token=${ARTICLE}`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, url);
  assert.ok(!url.includes(SECRET_MARKER));
  // Nothing about tokens or keys is stored.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(SECRET_MARKER) && !stored.includes('eyJ'), stored);

  const { page: other } = await open(t, { path: new URL(url).pathname.slice(1) + new URL(url).hash });
  assert.equal(await other.inputValue('[data-testid=token-input]'), ARTICLE);
  assert.match(await text(other, 'payload-json'), /John Doe/);
  assert.equal(await other.inputValue('[data-testid=key-input]'), '');
  assert.equal(await status(other), 'no-key');
  // Editing the token drops the now-stale fragment.
  await other.fill('[data-testid=token-input]', ARTICLE.slice(0, -2));
  await other.waitForFunction(() => location.hash === '');
});

test('encoder: edits are signed live; invalid JSON keeps the last good token', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  await page.fill('[data-testid=key-input]', 'a-long-enough-secret-for-hs256-tokens!');
  await page.click('[data-testid=view-encode]');
  assert.match(await page.inputValue('[data-testid=payload-editor]'), /"John Doe"/);
  await page.fill('[data-testid=payload-editor]', '{\n  "sub": "42",\n  "name": "Jane Roe",\n  "exp": 4102444800\n}');
  const token = await page.inputValue('[data-testid=token-input]');
  assert.notEqual(token, ARTICLE);
  await expectStatus(page, 'valid');
  // The token is a standard HS256 JWT over the edited payload, signed with the entered key.
  const [h, p, s] = token.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url')), { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(JSON.parse(Buffer.from(p, 'base64url')), { sub: '42', name: 'Jane Roe', exp: 4102444800 });
  assert.equal(sign({ sub: '42', name: 'Jane Roe', exp: 4102444800 }, 'a-long-enough-secret-for-hs256-tokens!').split('.')[2], s);

  await page.fill('[data-testid=payload-editor]', '{\n  "sub": "42",\n  "name": \n}');
  const err = page.locator('[data-testid=encode-error]');
  await err.waitFor();
  assert.match(await err.textContent(), /ERR_JSON_SYNTAX[\s\S]*payload[\s\S]*line 4, column 1/);
  assert.equal(await page.inputValue('[data-testid=token-input]'), token, 'the last good token stays');
  await page.click('[data-testid=view-decode]');
  assert.match(await text(page, 'payload-json'), /"Jane Roe"/);
});

test('encoder: typing through invalid JSON keeps focus, caret and selection; the token follows', async (t) => {
  // Issue 13 point 1: when the error line appeared or went away, the editors were replaced by new elements and
  // the rest of the typing went to the page. Typed with the keyboard, one key at a time, as a person does.
  const { page } = await open(t);
  await page.selectOption('[data-testid=examples]', 'expired');
  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'valid');
  await page.click('[data-testid=view-encode]');
  const payloadEd = '[data-testid=payload-editor]';
  const headerEd = '[data-testid=header-editor]';
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
  const caret = (sel) => page.$eval(sel, (ta) => [ta.selectionStart, ta.selectionEnd]);
  const errorPart = () =>
    page.evaluate(() => document.querySelector('[data-testid=encode-error]')?.dataset.part ?? null);
  const tokenNow = () => page.inputValue('[data-testid=token-input]');
  /** The token's header and payload, after checking its HMAC with `key` here in Node. */
  const decodeVerified = (token, key) => {
    const [h, p, s] = token.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url'));
    const mac = createHmac(`sha${header.alg.slice(2)}`, key).update(`${h}.${p}`).digest('base64url');
    assert.equal(s, mac, `the token is signed with the key (${header.alg})`);
    return { header, payload: JSON.parse(Buffer.from(p, 'base64url')) };
  };
  const claims = { sub: '1234567890', name: 'John Doe', iat: 1516239022, exp: 1516242622 };
  // The editors must stay the very same elements (a replaced element loses focus, caret, selection and undo).
  await page.evaluate(() => {
    window.__editors = [...document.querySelectorAll('[data-testid=header-editor], [data-testid=payload-editor]')];
  });
  const sameEditors = () =>
    page.evaluate(() => window.__editors.length === 2 && window.__editors.every((el) => el.isConnected));

  // Payload: the caret after the last claim (End of text, then left over "\n}"), then `,` Enter `"admin": true`.
  const before = await page.inputValue(payloadEd);
  assert.ok(before.endsWith('\n}') && !before.includes('admin'), before);
  const token0 = await tokenNow();
  await page.click(payloadEd);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const at = before.length - 2;
  assert.deepEqual(await caret(payloadEd), [at, at]);
  await page.keyboard.type(',');
  assert.equal(await errorPart(), 'payload', 'the comma makes the payload invalid');
  assert.ok(await sameEditors(), 'the editors are not re-created when the error appears');
  assert.equal(await focused(), 'payload-editor', 'the payload editor keeps focus when the error appears');
  assert.deepEqual(await caret(payloadEd), [at + 1, at + 1]);
  assert.equal(await tokenNow(), token0, 'the last good token stays');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"admin": true');
  const inserted = ',\n"admin": true';
  const after = before.slice(0, at) + inserted + before.slice(at);
  assert.equal(await focused(), 'payload-editor', 'the payload editor keeps focus when the error goes away');
  assert.equal(await page.inputValue(payloadEd), after, 'every typed character is in the editor');
  assert.equal((await page.inputValue(payloadEd)).split('"admin": true').length - 1, 1);
  assert.deepEqual(await caret(payloadEd), [at + inserted.length, at + inserted.length]);
  assert.equal(await errorPart(), null);
  const token1 = await tokenNow();
  assert.notEqual(token1, token0);
  assert.deepEqual(decodeVerified(token1, 'secret').payload, { ...claims, admin: true });
  await expectStatus(page, 'valid');

  // Header: "HS256" → Backspace → "HS25" (an alg it cannot sign with) → "6" → "HS256" again; then "HS384".
  const header = await page.inputValue(headerEd);
  const end = header.indexOf('HS256') + 'HS256'.length;
  assert.ok(end > 5, header);
  await page.click(headerEd);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < end; i++) await page.keyboard.press('ArrowRight');
  assert.deepEqual(await caret(headerEd), [end, end]);
  await page.keyboard.press('Backspace');
  assert.equal(await errorPart(), 'header', 'HS25 cannot be signed');
  assert.match(await text(page, 'encode-error'), /HS25/);
  assert.equal(await focused(), 'header-editor', 'the header editor keeps focus when the error appears');
  assert.deepEqual(await caret(headerEd), [end - 1, end - 1]);
  assert.equal(await tokenNow(), token1, 'the last good token stays');
  await page.keyboard.type('6');
  assert.equal(await errorPart(), null);
  assert.equal(await focused(), 'header-editor', 'the header editor keeps focus when the error goes away');
  assert.equal(await page.inputValue(headerEd), header);
  assert.deepEqual(await caret(headerEd), [end, end]);
  assert.equal(await tokenNow(), token1, 'the same header and payload give the same token');
  // A selection survives too: select "256" with Shift+Arrow keys and type over it, through HS (invalid).
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
  assert.deepEqual(await caret(headerEd), [end - 3, end]);
  await page.keyboard.press('Backspace');
  assert.equal(await errorPart(), 'header');
  await page.keyboard.type('38');
  assert.equal(await focused(), 'header-editor');
  await page.keyboard.type('4');
  assert.equal(await errorPart(), null);
  assert.equal(await focused(), 'header-editor');
  assert.equal(await page.inputValue(headerEd), header.replace('HS256', 'HS384'));
  assert.deepEqual(await caret(headerEd), [end, end]);
  const token2 = await tokenNow();
  const decoded = decodeVerified(token2, 'secret');
  assert.equal(decoded.header.alg, 'HS384');
  assert.deepEqual(decoded.payload, { ...claims, admin: true });
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue(payloadEd), after, 'the payload editor kept its text');
  assert.ok(await sameEditors(), 'the editors were never re-created');
});

test('key field: typing a JWK keeps focus while the format hint appears and goes', async (t) => {
  const { page } = await open(t);
  await page.selectOption('[data-testid=examples]', 'text');
  // The example brings its JWK (issue 13 point 2): start from an empty UTF-8 key to type it by hand.
  await page.fill('[data-testid=key-input]', '');
  await page.selectOption('[data-testid=key-format]', 'utf8');
  await page.click('[data-testid=key-input]');
  // Mark the element: it must be the same one after the hint appears (not a re-created copy).
  await page.$eval('[data-testid=key-input]', (e) => {
    e.dataset.marked = '1';
  });
  await page.keyboard.type(RFC7520_JWK);
  assert.ok(await page.isVisible('[data-testid=key-format-hint]'), 'the hint is shown');
  const state = await page.evaluate(() => ({
    focused: document.activeElement?.getAttribute('data-testid'),
    marked: document.activeElement?.dataset.marked,
    value: document.activeElement?.value,
  }));
  assert.deepEqual(state, { focused: 'key-input', marked: '1', value: RFC7520_JWK });
  await page.click('[data-testid=key-format-hint] button');
  await expectStatus(page, 'valid');
});

test('key formats: hint, JWK, unsupported algorithm, JWE and alg none', async (t) => {
  const { page } = await open(t);
  await page.selectOption('[data-testid=examples]', 'text');
  assert.match(await text(page, 'payload-json'), /dangerous business/);
  await expectStatus(page, 'valid'); // the example's JWK, read as a JWK
  await page.selectOption('[data-testid=key-format]', 'utf8');
  await page.fill('[data-testid=key-input]', RFC7520_JWK);
  await expectStatus(page, 'invalid');
  await page.click('[data-testid=key-format-hint] button');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'jwk');
  await page.selectOption('[data-testid=key-format]', 'hex');
  await expectStatus(page, 'key-error');
  await page.selectOption('[data-testid=key-format]', 'jwks');
  await expectStatus(page, 'valid');

  // RS256 is verified now: the HMAC secret (a JWK) left in the field is the wrong kind of key — a key/algorithm
  // mismatch, never "invalid" and never "unsupported".
  const forged = (alg) =>
    `${Buffer.from(`{"alg":"${alg}","typ":"JWT"}`).toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2lnbmF0dXJl`;
  await page.fill('[data-testid=token-input]', forged('RS256'));
  await expectStatus(page, 'key-error');
  let msg = await text(page, 'signature-status');
  assert.match(msg, /RS256/);
  assert.match(msg, /KEY_ALG_MISMATCH/);
  // A truly unsupported algorithm (ES256K) is "unsupported", with or without a key, and never "invalid".
  await page.fill('[data-testid=token-input]', forged('ES256K'));
  await expectStatus(page, 'unsupported');
  msg = await text(page, 'signature-status');
  assert.match(msg, /ES256K/);
  assert.match(msg, /does not make it invalid/);
  await page.fill('[data-testid=key-input]', keyText(KEYS.p256.spki));
  await expectStatus(page, 'unsupported');

  await page.selectOption('[data-testid=examples]', 'jwe');
  await expectStatus(page, 'not-applicable');
  assert.equal(await page.$$eval('.editor .backdrop span:not(.seg-dot)', (s) => s.length), 5, 'five colours');
  await page.selectOption('[data-testid=examples]', 'unsecured');
  await expectStatus(page, 'not-applicable');
  assert.match(await text(page, 'findings'), /alg-none/);
});

/** Verifies a compact JWS in Node (node:crypto, independent of the app) with a public key PEM. */
function nodeVerifies(token, publicPem) {
  const [h, p, s] = token.split('.');
  const { alg } = JSON.parse(Buffer.from(h, 'base64url'));
  const data = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  const key = createPublicKey(publicPem);
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`;
  if (alg.startsWith('RS') || alg === 'EdDSA') return cryptoVerify(hash, data, key, sig);
  if (alg.startsWith('PS'))
    return cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }, sig);
  return cryptoVerify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig);
}

test('issue §6: RS256 token and its PEM key verify; a flipped payload character does not; ES256 with an RSA key is a mismatch', async (t) => {
  const { page } = await open(t);
  const key = '[data-testid=key-input]';
  const rs256 = vectorToken('pyjwt-rs256-spki'); // signed by PyJWT 2.10.1
  await page.fill('[data-testid=token-input]', rs256);
  await expectStatus(page, 'no-key');
  // The key field follows the algorithm: a multi-line public key field, labelled so.
  assert.equal(await page.textContent('label[for=key-input]'), PUBLIC_KEY_LABEL);
  assert.equal(await page.$eval(key, (e) => e.tagName), 'TEXTAREA');
  assert.match(await text(page, 'signature-status'), /Paste the public key/);
  // The header's alg explanation names the token's algorithm (it used to say HS256 on every token).
  const fields = await page.textContent('dl.fields');
  assert.match(fields, /RS256 = RSASSA-PKCS1-v1_5 with SHA-256/);
  assert.doesNotMatch(fields, /HS256/);

  // The PEM key, pasted with its line breaks: verified, shown (a public key), described.
  const pem = KEYS.rsa.spki;
  await page.fill(key, pem);
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue(key), pem, 'the line breaks are kept');
  assert.equal(await page.getAttribute(key, 'data-masked'), 'false');
  assert.match(await text(page, 'key-info'), /RSA 2048-bit public key, PEM public key \(SubjectPublicKeyInfo\)/);
  assert.match(await text(page, 'signature-status'), /Signature verified \(RS256, RSA 2048-bit public key\)/);
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'utf8', 'Auto reads PEM');
  assert.match(await page.textContent('[data-testid=key-format] option[value=utf8]'), /Auto/);

  // One payload character flipped ("sub":"interop" → "sub":"interoq"): still decodes, no longer verifies.
  const [h, p, s] = rs256.split('.');
  const flipped = Buffer.from(Buffer.from(p, 'base64url').toString().replace('interop', 'interoq')).toString('base64url');
  assert.equal([...flipped].filter((c, i) => c !== p[i]).length, 1, 'one character differs');
  await page.fill('[data-testid=token-input]', `${h}.${flipped}.${s}`);
  await expectStatus(page, 'invalid');
  assert.match(await text(page, 'payload-json'), /"interoq"/);
  assert.match(await text(page, 'signature-status'), /INVALID_SIGNATURE/);

  // An ES256 token with the RSA key still in the field: a key/algorithm mismatch, not a crash.
  await page.fill('[data-testid=token-input]', vectorToken('pyjwt-es256-spki'));
  await expectStatus(page, 'key-error');
  const said = await text(page, 'signature-status');
  assert.match(said, /KEY_ALG_MISMATCH/);
  assert.match(said, /ES256 needs an EC key, but the key is an? RSA 2048-bit public key/);
  assert.match(await text(page, 'key-info'), /RSA 2048-bit public key/);
  // Its own JWK verifies it; so does its certificate, whose subject and validity are shown.
  await page.fill(key, JSON.stringify(KEYS.p256.jwk));
  await expectStatus(page, 'valid');
  assert.match(await text(page, 'key-info'), /EC P-256 public key, JWK, kid "/);
  await page.fill(key, KEYS.p256.cert);
  await expectStatus(page, 'valid');
  assert.match(await text(page, 'key-cert'), /^Certificate: CN=.*, (issued by CN=.*|self-signed), valid from \d{4}-.* until \d{4}-/);
  // A JWK Set picks the key by kid.
  await page.fill(key, JSON.stringify(KEYS.p256.jwks));
  await expectStatus(page, 'valid');
  assert.match(await text(page, 'key-info'), /^JWK Set of \d+ keys: /);

  // A private key verifies through its public half, but is masked and flagged.
  await page.fill(key, KEYS.p256.pkcs8);
  await expectStatus(page, 'valid');
  assert.equal(await page.getAttribute(key, 'data-masked'), 'true');
  assert.equal(await page.$eval(key, (e) => getComputedStyle(e).webkitTextSecurity), 'disc');
  assert.equal(await page.getAttribute('[data-testid=key-visibility]', 'aria-pressed'), 'false');
  assert.match(await text(page, 'findings'), /private-key-pasted/);
  await page.click('[data-testid=key-visibility]');
  assert.equal(await page.getAttribute(key, 'data-masked'), 'false');
  assert.equal(await page.$eval(key, (e) => getComputedStyle(e).webkitTextSecurity), 'none');

  // Back to an HMAC token: the one-line "Secret" field, password-style.
  await page.fill('[data-testid=token-input]', ARTICLE);
  assert.equal(await page.textContent('label[for=key-input]'), 'Secret');
  assert.equal(await page.$eval(key, (e) => e.tagName), 'INPUT');
  await page.fill(key, 'secret');
  await expectStatus(page, 'valid');
  assert.match(await text(page, 'key-bits'), /48-bit secret/);
});

test('issue §6: the examples include an RS256 OpenID Connect ID token and an ES256 token, verified offline', async (t) => {
  const { page, requests } = await open(t);
  await page.selectOption('[data-testid=examples]', 'oidc-rs256');
  await expectStatus(page, 'valid');
  assert.match(await text(page, 'payload-json'), /"iss": "https:\/\/accounts\.example\.com"[\s\S]*"nonce"/);
  assert.match(await page.inputValue('[data-testid=key-input]'), /^-----BEGIN PUBLIC KEY-----\n/);
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'utf8', 'Auto: PEM, certificate or JWK');
  assert.match(await text(page, 'key-info'), /RSA 2048-bit public key/);
  await page.selectOption('[data-testid=examples]', 'es256');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'utf8');
  assert.match(await text(page, 'key-info'), /EC P-256 public key/);
  assert.match(await page.textContent('dl.fields'), /ES256 = ECDSA using P-256 and SHA-256/);
  // Nothing was fetched for them (the CSP would block it anyway; open() also checks every request).
  assert.ok(requests.every((u) => u.startsWith(env.base)));
});

test('issue §6: Encode signs with a pasted private key for every algorithm; the core refuses what it must', async (t) => {
  const { page } = await open(t);
  const key = '[data-testid=key-input]';
  await page.click('[data-testid=view-encode]');
  await page.fill('[data-testid=payload-editor]', '{"sub":"encoded","exp":4102444800}');
  const cases = [
    ['RS256', KEYS.rsa.pkcs8, KEYS.rsa.spki],
    ['PS256', KEYS.rsa.pkcs1Private, KEYS.rsa.spki],
    ['RS384', keyText(KEYS.rsa.jwkPrivate), KEYS.rsa.spki],
    ['ES256', KEYS.p256.sec1Private, KEYS.p256.spki],
    ['ES384', keyText(KEYS.p384.jwkPrivate), KEYS.p384.spki],
    ['ES512', KEYS.p521.pkcs8, KEYS.p521.spki],
    ['EdDSA', KEYS.ed25519.pkcs8, KEYS.ed25519.spki],
  ];
  for (const [alg, priv, pub] of cases) {
    await page.fill('[data-testid=header-editor]', `{"alg":"${alg}","typ":"JWT"}`);
    assert.equal(await page.textContent('label[for=key-input]'), 'Private key — PEM or JWK', alg);
    assert.equal(await page.$eval(key, (e) => e.tagName), 'TEXTAREA');
    await page.fill(key, priv);
    await expectStatus(page, 'valid');
    assert.equal(await page.getAttribute(key, 'data-masked'), 'true', `${alg}: the private key is masked`);
    assert.equal(await page.locator('[data-testid=encode-error]').count(), 0, alg);
    const token = await page.inputValue('[data-testid=token-input]');
    const [h, p] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url')), { alg, typ: 'JWT' });
    assert.deepEqual(JSON.parse(Buffer.from(p, 'base64url')), { sub: 'encoded', exp: 4102444800 });
    assert.ok(nodeVerifies(token, pub), `${alg}: node:crypto verifies the app's token with the public key`);
  }
  // Refusals come from the core's key rule, as errors: a public key cannot sign; a P-256 key is not for ES384.
  const last = await page.inputValue('[data-testid=token-input]');
  await page.fill(key, KEYS.ed25519.spki);
  const err = page.locator('[data-testid=encode-error]');
  await err.waitFor();
  assert.match(await err.textContent(), /ERR_KEY_ALG[\s\S]*needs the private key/);
  assert.equal(await page.inputValue('[data-testid=token-input]'), last, 'the last good token stays');
  await page.fill('[data-testid=header-editor]', '{"alg":"ES384"}');
  await page.fill(key, KEYS.p256.pkcs8);
  await page.waitForFunction(() => /P-384/.test(document.querySelector('[data-testid=encode-error]')?.textContent ?? ''));
  assert.match(await err.textContent(), /ES384 needs a P-384 key, but the key is on P-256/);
  // Nothing about the key or the token is stored, and the URL holds neither.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes('PRIVATE') && !stored.includes('eyJ'), stored);
  assert.ok(!page.url().includes('eyJ') && !page.url().includes('PRIVATE'), page.url());
});

test('a 300 KB paste is processed step by step and completes', async (t) => {
  const { page } = await open(t);
  const items = Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'], on: true }));
  const big = sign({ sub: 'big', exp: 4102444800, items }, 'big-key-0123456789abcdef0123456789');
  assert.ok(big.length > 200 * 1024);
  await page.fill('[data-testid=key-input]', 'big-key-0123456789abcdef0123456789');
  await pasteToken(page, big);
  await expectStatus(page, 'valid');
  await page.waitForSelector('[data-testid=large-token]');
  assert.match(await text(page, 'payload-json'), /"item 2999"/);
  await page.waitForSelector('[data-testid=claims] tr[data-claim=items]');
  await page.click('[data-testid=large-token] button:has-text("Clear")');
  await expectStatus(page, 'not-applicable');
});

test('themes, keyboard and phone width; screenshots in light and dark', async (t) => {
  const { page } = await open(t, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await page.selectOption('[data-testid=examples]', 'article');
  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'valid');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.screenshot({ path: `${artifacts}/app-light.png`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOT) copyFileSync(`${artifacts}/app-light.png`, `${root}docs/screenshot.png`);

  await page.click('[data-testid=theme-toggle]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.notEqual(await bg(), light);
  assert.equal(await page.evaluate(() => localStorage.getItem('jwt-inspector.theme')), 'dark');
  await page.screenshot({ path: `${artifacts}/app-dark.png`, fullPage: true });
  // The choice survives a reload (the theme is the only thing stored).
  await page.reload();
  await page.waitForSelector('[data-testid=token-input]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');

  // Following the system: a dark system gives the dark theme without any choice stored.
  const { page: sys } = await open(t, { colorScheme: 'dark' });
  assert.equal(await sys.evaluate(() => getComputedStyle(document.body).backgroundColor), await bg());

  // Keyboard: Tab reaches the editor, then the key field; typing there verifies. (The reload emptied the
  // page: tokens are not stored.)
  assert.equal(await page.inputValue('[data-testid=token-input]'), '');
  await page.fill('[data-testid=token-input]', ARTICLE); // pasted, so the key field is still empty
  await expectStatus(page, 'no-key');
  await page.focus('[data-testid=token-input]');
  const order = [];
  for (let i = 0; i < 40 && !order.includes('key-input'); i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName));
  }
  assert.ok(order.includes('key-input'), order.join(' '));
  await page.keyboard.type('secret');
  await expectStatus(page, 'valid');
  // The examples menu works with arrow keys, and shows which example is in the editor.
  assert.equal(await page.inputValue('[data-testid=examples]'), 'article');
  await page.focus('[data-testid=examples]');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('[data-testid=examples]'), 'expired');
  assert.match(await text(page, 'payload-json'), /1516242622/);
  await page.fill('[data-testid=token-input]', ARTICLE.slice(0, -1));
  assert.equal(await page.inputValue('[data-testid=examples]'), '', 'an edited token is no example');

  // Phone width: one column, nothing wider than the screen.
  const { page: phone } = await open(t, { viewport: { width: 375, height: 800 } });
  await phone.selectOption('[data-testid=examples]', 'article');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await phone.screenshot({ path: `${artifacts}/app-phone.png`, fullPage: true });
});

// Issue 13 ("The app as jwt.io users meet it"), points 2–7.

test('issue 13 point 2: an example with a key verifies at once, its key shown in the key field', async (t) => {
  const { page } = await open(t);
  const key = '[data-testid=key-input]';
  await page.selectOption('[data-testid=examples]', 'article');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue(key), 'secret');
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'utf8');
  assert.equal(await page.getAttribute(key, 'type'), 'text', 'an example key is shown');
  assert.equal(await page.getAttribute('[data-testid=key-visibility]', 'aria-pressed'), 'true');

  await page.selectOption('[data-testid=examples]', 'text');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue(key), RFC7520_JWK);
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'jwk');

  await page.selectOption('[data-testid=examples]', 'expired');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue(key), 'secret');

  // Every example whose menu label names a key carries it: choosing it verifies.
  const options = await page.$$eval('[data-testid=examples] option', (os) =>
    os.map((o) => ({ value: o.value, label: o.textContent })),
  );
  const keyed = options.filter((o) => /secret:|key\)/.test(o.label));
  assert.deepEqual(keyed.map((o) => o.value), ['article', 'expired', 'text', 'oidc-rs256', 'es256']);
  for (const o of keyed) {
    await page.selectOption('[data-testid=examples]', 'jwe');
    await expectStatus(page, 'not-applicable');
    await page.selectOption('[data-testid=examples]', o.value);
    await expectStatus(page, 'valid');
  }
  // A key of one's own is hidden again (show / hide as usual).
  await page.selectOption('[data-testid=examples]', 'article');
  assert.equal(await page.getAttribute(key, 'type'), 'text');
  await page.fill(key, 'my own secret');
  await expectStatus(page, 'invalid');
  assert.equal(await page.getAttribute(key, 'type'), 'password');
  await page.click('[data-testid=key-visibility]');
  assert.equal(await page.getAttribute(key, 'type'), 'text');
});

test('issue 13 point 3: copy-token copies the cleaned token, in Decode and in Encode', async (t) => {
  const { page } = await open(t);
  const copied = () => page.evaluate(() => navigator.clipboard.readText());
  assert.ok(await page.isDisabled('[data-testid=copy-token]', { timeout: 3000 }), 'nothing to copy yet');
  await page.fill('[data-testid=token-input]', `Authorization: Bearer ${ARTICLE.slice(0, 50)}\n${ARTICLE.slice(50)}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=token-notes]').textContent.length > 0);
  await page.click('[data-testid=copy-token]', { timeout: 3000 });
  await page.waitForSelector('[data-testid=copy-token].copied');
  assert.equal(await copied(), ARTICLE, 'the token after clean-up');

  await page.fill('[data-testid=key-input]', 'a-long-enough-secret-for-hs256-tokens!');
  await page.click('[data-testid=view-encode]');
  await page.fill('[data-testid=payload-editor]', '{"sub":"copied"}');
  const token = await page.inputValue('[data-testid=token-input]');
  assert.equal(token, sign({ sub: 'copied' }, 'a-long-enough-secret-for-hs256-tokens!'));
  assert.equal(await page.locator('[data-testid=copy-token]').count(), 1);
  await page.click('[data-testid=copy-token]');
  await page.waitForFunction((t) => navigator.clipboard.readText().then((c) => c === t), token);
  assert.equal(await copied(), token, 'the generated token');
});

test('issue 13 point 4: Encode on an empty page starts from a template and asks for a secret', async (t) => {
  const { page } = await open(t);
  await page.click('[data-testid=view-encode]');
  const header = JSON.parse(await page.inputValue('[data-testid=header-editor]'));
  assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
  const payload = JSON.parse(await page.inputValue('[data-testid=payload-editor]'));
  assert.deepEqual(Object.keys(payload), ['sub', 'name', 'iat']);
  assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 120, `iat is now: ${payload.iat}`);
  const said = await text(page, 'signature-status');
  assert.match(said, /Enter a secret to sign/);
  assert.doesNotMatch(said, /Paste a token/);
  assert.equal(await status(page), 'no-key');

  // The secret signs the template at once.
  const secret = 'a-long-enough-secret-for-hs256-tokens!';
  await page.fill('[data-testid=key-input]', secret);
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue('[data-testid=token-input]'), sign(payload, secret));

  // After a broken token, Encode says why the payload editor is empty.
  await page.click('[data-testid=view-decode]');
  await page.selectOption('[data-testid=examples]', 'broken');
  await page.click('[data-testid=view-encode]');
  assert.equal(await page.inputValue('[data-testid=payload-editor]'), '');
  const note = page.locator('[data-testid=encode-note]');
  assert.ok(await note.isVisible({ timeout: 3000 }), 'a note explains the empty payload editor');
  assert.match(await note.textContent(), /payload[\s\S]*could not be decoded[\s\S]*ERR_B64_CHAR/);
});

test('issue 13 point 5: a verified expired token says so; iat shows its age, not a VALID badge', async (t) => {
  const { page } = await open(t);
  const box = '[data-testid=signature-status]';
  await page.selectOption('[data-testid=examples]', 'expired');
  await page.fill('[data-testid=key-input]', 'secret');
  await expectStatus(page, 'valid');
  assert.equal(await page.getAttribute(box, 'data-claims'), 'expired');
  assert.match(await page.textContent(`${box} .status-title`), /^Signature verified — but the token expired \d.* ago$/);
  const iat = page.locator('[data-testid=claims] tr[data-claim=iat]');
  assert.equal(await iat.locator('.badge').count(), 0, 'iat is not a validity claim');
  assert.doesNotMatch(await iat.textContent(), /valid/i);
  assert.match(await iat.textContent(), /issued[\s\S]*ago/);

  const now = Math.floor(Date.now() / 1000);
  const key = 'n'.repeat(32);
  await page.fill('[data-testid=key-input]', key);
  await page.fill('[data-testid=token-input]', sign({ sub: 'later', nbf: now + 7200 }, key));
  await expectStatus(page, 'valid');
  assert.equal(await page.getAttribute(box, 'data-claims'), 'not-yet-valid');
  assert.match(await page.textContent(`${box} .status-title`), /^Signature verified — but the token is not valid yet/);

  await page.fill('[data-testid=token-input]', sign({ sub: 'now', iat: now, exp: now + 3600 }, key));
  await expectStatus(page, 'valid');
  assert.equal(await page.getAttribute(box, 'data-claims'), 'valid');
  assert.equal(await page.textContent(`${box} .status-title`), 'Signature verified');
});

test('issue 13 point 6: one position per error, in characters of the pasted text; no "No claims" when empty', async (t) => {
  const { page } = await open(t);
  assert.doesNotMatch(await text(page, 'claims'), /No claims/, 'an empty page has no claims to miss');

  await page.selectOption('[data-testid=examples]', 'broken');
  const first = page.locator('[data-testid=token-errors] li').first();
  await first.waitFor();
  const msg = await first.textContent();
  assert.match(msg, /character 42/);
  assert.doesNotMatch(msg, /byte|offset/);

  const twoParts = ARTICLE.slice(0, ARTICLE.lastIndexOf('.'));
  for (const [typed, at] of [
    [twoParts, 36],
    [`Bearer ${twoParts}`, 43],
  ]) {
    await page.fill('[data-testid=token-input]', typed);
    const e = page.locator('[data-testid=token-errors] li[data-code=ERR_PART_COUNT]');
    await e.waitFor();
    const said = await e.textContent();
    assert.match(said, new RegExp(`one dot, at character ${at}\\b`), said);
    assert.doesNotMatch(said, /offset|byte/, said);
    assert.equal(typed[at], '.', 'the character named (its index, counted from 0) is the dot');
  }
  assert.match(await text(page, 'claims'), /sub/);
});

test('issue 13 point 7: no layout shift for "Link copied", whole timestamps, status and findings first on a phone', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  const top = () => page.$eval('main.layout', (m) => m.getBoundingClientRect().top);
  const before = await top();
  await page.click('[data-testid=share-link]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-status]').textContent.length > 0);
  assert.ok(await page.isVisible('[data-testid=share-status]'));
  assert.equal(await top(), before, 'the page does not move when "Link copied" appears');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-status]').textContent === '', null, {
    timeout: 8000,
  });
  assert.equal(await top(), before);

  // Claim dates: each timestamp on one line.
  await page.fill('[data-testid=token-input]', sign({ sub: 'x', iat: 1516239022, exp: 1516242622 }, 'k'.repeat(32)));
  const times = await page.$$eval('[data-testid=claims] time', (ts) =>
    ts.map((el) => [el.textContent, el.getClientRects().length]),
  );
  assert.ok(times.length >= 2, JSON.stringify(times));
  for (const [when, lines] of times) assert.equal(lines, 1, `"${when}" breaks over ${lines} lines`);

  // A 390 px phone: the signature status and the findings summary come before the decoded JSON.
  const { page: phone } = await open(t, { viewport: { width: 390, height: 844 } });
  await phone.fill('[data-testid=token-input]', ARTICLE);
  await phone.fill('[data-testid=key-input]', 'secret');
  await expectStatus(phone, 'valid');
  const summary = phone.locator('[data-testid=findings-summary]');
  assert.ok(await summary.isVisible({ timeout: 3000 }));
  assert.match(await summary.textContent(), /^\d+ dangers? · \d+ warnings? — see the findings$/);
  assert.ok(Number(await summary.getAttribute('data-danger')) >= 1, 'the well-known secret is a danger');
  const y = (sel) => phone.$eval(sel, (el) => el.getBoundingClientRect().top + scrollY);
  const json = await y('[data-testid=header-json]');
  assert.ok((await y('[data-testid=signature-status]')) < json, 'the status comes before the JSON');
  assert.ok((await y('[data-testid=findings-summary]')) < json, 'the findings summary comes before the JSON');
  assert.ok((await y('[data-testid=findings-summary]')) < 844, 'the summary is on the first screen');
  // It links to the list.
  await summary.locator('a').click();
  await phone.waitForFunction(() => {
    const r = document.querySelector('[data-testid=findings]').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  assert.equal(new URL(phone.url()).hash, '', 'the link does not touch the URL fragment');
  await phone.screenshot({ path: `${artifacts}/app-phone-390.png`, fullPage: true });
});

// Issue 11: the secret audit, in Web Workers.
const DJANGO_WORDS = 20000;
const BUILT_IN = 39 + DJANGO_WORDS; // jwt_wordlist(), then Django's common passwords
const auditResult = (page, outcome, timeout = 10000) =>
  page.waitForSelector(`[data-testid=audit-result][data-outcome=${outcome}]`, { timeout });
const progressOf = (page) =>
  page.$eval('[data-testid=audit-progress]', (e) => ({
    tried: Number(e.dataset.tried),
    total: Number(e.dataset.total),
    rate: Number(e.dataset.rate),
    workers: Number(e.dataset.workers),
    text: e.textContent,
  }));
/** Clicks Cancel and resolves with the milliseconds until the outcome reads `cancelled` (measured in the page). */
const cancelAndTime = (page) =>
  page.evaluate(
    () =>
      new Promise((ok) => {
        const t0 = performance.now();
        const done = () => document.querySelector('[data-testid=audit-result][data-outcome=cancelled]');
        const obs = new MutationObserver(() => {
          if (done()) {
            obs.disconnect();
            ok(performance.now() - t0);
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
        document.querySelector('[data-testid=audit-cancel]').click();
      }),
  );
/** Pastes `n` words, none of which is a secret here, into the audit's own-candidates field. */
const pasteCandidates = (page, n) =>
  page.evaluate((n) => {
    const words = [];
    for (let i = 0; i < n; i++) words.push(`not-the-secret-${i}`);
    const ta = document.querySelector('[data-testid=audit-words]');
    ta.focus();
    ta.value = words.join('\n');
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, n);
/** Starts watching for long tasks (main-thread tasks of 50 ms or more). */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });

test('issue 11: the article token\'s secret found in workers within a second; "use as key" verifies', async (t) => {
  const { page, requests } = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  assert.equal(await page.getAttribute('[data-testid=audit]', 'data-applicable'), 'true');
  assert.equal(await page.$('[data-testid=audit-result]'), null);
  assert.ok(
    !requests.some((u) => /(wordlist|audit-worker)\.js$/.test(u)),
    'the wordlist and the worker load only when an audit starts',
  );
  const t0 = Date.now();
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'found', 5000);
  const ms = Date.now() - t0;
  assert.ok(ms < 1000, `found after ${ms} ms`);
  assert.ok(requests.some((u) => u.endsWith('/audit-worker.js')) && requests.some((u) => u.endsWith('/wordlist.js')));
  const p = await progressOf(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(p.workers, Math.max(1, Math.min(cores, 16)));
  assert.equal(p.total, BUILT_IN);
  // Masked until asked; copy copies it.
  assert.equal(await text(page, 'audit-secret'), '••••••');
  await page.click('[data-testid=audit-show]');
  assert.equal(await text(page, 'audit-secret'), 'secret');
  await page.click('[data-testid=audit-copy]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'secret');
  // "Use as key": the key field, read as UTF-8 text, and the status verified.
  await page.selectOption('[data-testid=key-format]', 'hex');
  await page.click('[data-testid=audit-use-key]');
  await expectStatus(page, 'valid');
  assert.equal(await page.inputValue('[data-testid=key-input]'), 'secret');
  assert.equal(await page.inputValue('[data-testid=key-format]'), 'utf8');
});

test('issue 11: a random 32-byte secret is not found after the whole built-in list; other tokens say why not', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', sign({ sub: 'x' }, randomBytes(32), { alg: 'HS384', typ: 'JWT' }));
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'not-found', 60000);
  const p = await progressOf(page);
  assert.equal(p.tried, BUILT_IN);
  assert.equal(p.total, BUILT_IN);
  assert.ok(p.rate > 0, `rate ${p.rate}`);
  assert.match(p.text, /tried[\s\S]*guesses per second[\s\S]*left/);
  assert.match(await text(page, 'audit-result'), /Not found/);
  // A pasted list is tried after the built-in one.
  await page.fill('[data-testid=audit-words]', 'a\r\nb\n\nc\n');
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'not-found', 60000);
  assert.equal((await progressOf(page)).total, BUILT_IN + 3);
  // Not an HMAC token: the panel says why, and Start does nothing.
  await page.fill('[data-testid=token-input]', sign({ sub: 'x' }, 'k').replace('eyJhbGciOiJIUzI1NiIs', 'eyJhbGciOiJSUzI1NiIs'));
  await page.waitForSelector('[data-testid=audit-not-applicable]');
  assert.match(await text(page, 'audit-not-applicable'), /HS256, HS384 and HS512/);
  assert.equal(await page.getAttribute('[data-testid=audit-start]', 'aria-disabled'), 'true');
});

test('issue 11: Cancel stops a long audit within 200 ms; typing during an audit never freezes the page', async (t) => {
  const { page } = await open(t);
  // The article's claims under a random key, and a million candidates of one's own: a run of a few seconds.
  await page.fill('[data-testid=token-input]', sign({ sub: '1234567890', name: 'John Doe', admin: true }, randomBytes(32)));
  await pasteCandidates(page, 1000000);
  // Megabytes of text leave the text field (they would slow every later layout), and are counted.
  await page.waitForSelector('[data-testid=audit-list][data-count="1000000"]');
  assert.equal(await page.inputValue('[data-testid=audit-words]'), '');
  await watchLongTasks(page);
  await page.click('[data-testid=audit-start]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=audit-progress]')?.dataset.tried) > 0);
  // Typing in the token field while the workers run (the audit keeps the token it started with).
  await page.click('[data-testid=token-input]');
  await page.keyboard.press('End');
  const typed = Date.now();
  await page.keyboard.type('abcdefghij', { delay: 20 });
  assert.ok(Date.now() - typed < 2000, 'typing stays responsive');
  await page.waitForTimeout(300);
  const running = await progressOf(page);
  assert.equal(await page.$('[data-testid=audit-result]'), null, 'still running');
  assert.ok(running.tried < running.total);
  const ms = await cancelAndTime(page);
  assert.ok(ms < 200, `cancelled after ${ms} ms`);
  const long = await page.evaluate(() => window.__long);
  assert.deepEqual(long, [], 'no main-thread task of 50 ms or more while the audit ran');
  const stopped = (await progressOf(page)).tried;
  await page.waitForTimeout(300);
  assert.equal((await progressOf(page)).tried, stopped, 'no progress after Cancel');
  assert.match(await text(page, 'audit-result'), /Cancelled/);
  assert.equal(running.total, BUILT_IN + 1000000);
});

// Issue 11, second part: the user's own file, rules and a brute-force mask.
const totalShown = (page) => page.$eval('[data-testid=audit-total]', (e) => Number(e.dataset.total));

test('issue 11: a wordlist file (set with setInputFiles) is read in slices and its last line found', async (t) => {
  const { page } = await open(t);
  const secret = `file-secret-${randomBytes(6).toString('hex')}`;
  await page.fill('[data-testid=token-input]', sign({ sub: 'file' }, secret));
  // About 3.5 MB (four 1 MiB slices, lines cut across them), CRLF, non-ASCII words, no newline after the secret.
  const words = [];
  for (let i = 0; i < 160000; i++) words.push(i % 1000 === 0 ? `pässwörd-${i}` : `not-the-secret-${i}`);
  words.push(secret);
  const buffer = Buffer.from(words.join('\r\n'), 'utf8');
  assert.ok(buffer.length > 3 * 1024 * 1024);
  assert.equal(await page.$eval('[data-testid=audit-total]', (e) => e.dataset.file), 'false');
  await page.setInputFiles('[data-testid=audit-file]', { name: 'words.txt', mimeType: 'text/plain', buffer });
  await page.waitForSelector('[data-testid=audit-file-info]');
  assert.equal(Number(await page.getAttribute('[data-testid=audit-file-info]', 'data-size')), buffer.length);
  assert.match(await text(page, 'audit-file-info'), /words\.txt \(3\.\d MB\)/);
  // Before starting: the built-in total, and the file's lines to come (unknown until read).
  assert.equal(await totalShown(page), BUILT_IN);
  assert.equal(await page.$eval('[data-testid=audit-total]', (e) => e.dataset.file), 'true');
  assert.match(await text(page, 'audit-total'), /every line of your file/);
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'found', 60000);
  await page.click('[data-testid=audit-show]');
  assert.equal(await text(page, 'audit-secret'), secret);
  const p = await page.$eval('[data-testid=audit-progress]', (e) => ({ ...e.dataset }));
  assert.equal(Number(p.fileRead), buffer.length, 'the whole file read');
  assert.equal(Number(p.fileSize), buffer.length);
  assert.equal(Number(p.total), BUILT_IN + words.length, 'every line of the file counted, once');
  assert.ok(Number(p.tried) <= Number(p.total));
  // Removing the file: back to the built-in total.
  await page.click('[data-testid=audit-file-clear]');
  assert.equal(await page.$('[data-testid=audit-file-info]'), null);
  assert.equal(await page.$eval('[data-testid=audit-total]', (e) => e.dataset.file), 'false');
  assert.equal(await page.$eval('[data-testid=audit-file]', (e) => e.files.length), 0);
});

test('issue 11: rules: "Secret2024!" found with case and suffix rules on, not with them off; totals before start', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', sign({ sub: 'rules' }, 'Secret2024!'));
  assert.equal(await totalShown(page), BUILT_IN);
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'not-found', 60000);
  assert.equal((await progressOf(page)).total, BUILT_IN);
  // Each rule multiplies the total shown before starting: case × 4, suffixes × 310, both × 1 240.
  await page.check('[data-testid=audit-rules-case]');
  assert.equal(await totalShown(page), BUILT_IN * 4);
  await page.check('[data-testid=audit-rules-suffix]');
  assert.equal(await totalShown(page), BUILT_IN * 1240);
  await page.uncheck('[data-testid=audit-rules-case]');
  assert.equal(await totalShown(page), BUILT_IN * 310);
  await page.check('[data-testid=audit-rules-case]');
  assert.match(await text(page, 'audit-total'), /24\u202f848\u202f360 candidates \(20\u202f039 words × 1\u202f240 variants\)/);
  // A typed word counts too.
  await page.fill('[data-testid=audit-words]', 'one\ntwo');
  assert.equal(await totalShown(page), (BUILT_IN + 2) * 1240);
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'found', 10000);
  assert.equal((await progressOf(page)).total, (BUILT_IN + 2) * 1240);
  await page.click('[data-testid=audit-show]');
  assert.equal(await text(page, 'audit-secret'), 'Secret2024!');
  // The suffix rule alone does not capitalise.
  await page.uncheck('[data-testid=audit-rules-case]');
  await page.fill('[data-testid=audit-words]', '');
  await page.fill('[data-testid=token-input]', sign({ sub: 'rules' }, 'Secret2024!'));
  await page.click('[data-testid=audit-start]');
  // Not found among 20 039 × 310: stop once it is well past "secret" (the first word) to keep the test short.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=audit-progress]')?.dataset.tried) > 20000, null, { timeout: 20000 });
  assert.equal(await page.$('[data-testid=audit-result][data-outcome=found]'), null);
  await page.click('[data-testid=audit-cancel]');
  await auditResult(page, 'cancelled', 2000);
  // With the case rule alone, "SECRET" (UPPERCASE) is found.
  await page.check('[data-testid=audit-rules-case]');
  await page.uncheck('[data-testid=audit-rules-suffix]');
  await page.fill('[data-testid=token-input]', sign({ sub: 'rules' }, 'SECRET'));
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'found', 10000);
  await page.click('[data-testid=audit-show]');
  assert.equal(await text(page, 'audit-secret'), 'SECRET');
});

test('issue 11: a brute-force mask finds a 3-digit secret; the total is shown before starting', async (t) => {
  const { page, requests } = await open(t);
  const secret = String(100 + Math.floor(Math.random() * 900));
  await page.fill('[data-testid=token-input]', sign({ sub: 'mask' }, secret, { alg: 'HS512', typ: 'JWT' }));
  await page.selectOption('[data-testid=audit-mode]', 'mask');
  assert.equal(await page.isVisible('[data-testid=audit-words]'), false, 'wordlist controls hidden');
  // Totals: sum over lengths 1..max of |charset|^length.
  const cases = [
    ['digits', 3, 1110],
    ['lower', 2, 26 + 26 ** 2],
    ['lower-digits', 4, 36 + 36 ** 2 + 36 ** 3 + 36 ** 4],
    ['alphanumeric', 5, 62 + 62 ** 2 + 62 ** 3 + 62 ** 4 + 62 ** 5],
    ['printable', 6, 742912017120],
    ['printable', 8, 6704780954517120],
  ];
  for (const [charset, len, total] of cases) {
    await page.selectOption('[data-testid=audit-mask-charset]', charset);
    await page.fill('[data-testid=audit-mask-length]', String(len));
    assert.equal(await totalShown(page), total, `${charset} ${len}`);
  }
  await page.selectOption('[data-testid=audit-mask-charset]', 'digits');
  await page.fill('[data-testid=audit-mask-length]', '3');
  assert.match(await text(page, 'audit-total'), /^1\u202f110 candidates: every string of 1 to 3 of the 10 characters$/);
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'found', 10000);
  await page.click('[data-testid=audit-show]');
  assert.equal(await text(page, 'audit-secret'), secret);
  const p = await progressOf(page);
  assert.equal(p.total, 1110);
  assert.ok(p.tried >= 110 + Number(secret) + 1 - 1000 && p.tried <= 1110, `tried ${p.tried}`);
  assert.ok(!requests.some((u) => u.endsWith('/wordlist.js')), 'a mask run does not load the wordlist');
  // Not found: every 2-digit string tried.
  await page.fill('[data-testid=audit-mask-length]', '2');
  await page.click('[data-testid=audit-start]');
  await auditResult(page, 'not-found', 10000);
  assert.deepEqual([(await progressOf(page)).tried, (await progressOf(page)).total], [110, 110]);
});

test('issue 11: Cancel during a long mask run (printable ASCII, length 6) → cancelled within 200 ms; no long task', async (t) => {
  const { page } = await open(t);
  await page.fill('[data-testid=token-input]', sign({ sub: '1234567890', name: 'John Doe', admin: true }, randomBytes(32)));
  await page.selectOption('[data-testid=audit-mode]', 'mask');
  await page.selectOption('[data-testid=audit-mask-charset]', 'printable');
  await page.fill('[data-testid=audit-mask-length]', '6');
  assert.equal(await totalShown(page), 742912017120);
  await watchLongTasks(page);
  await page.click('[data-testid=audit-start]');
  await page.waitForTimeout(500);
  const running = await progressOf(page);
  assert.equal(await page.$('[data-testid=audit-result]'), null, 'still running');
  assert.ok(running.tried > 0 && running.tried < running.total, `tried ${running.tried}`);
  assert.equal(running.total, 742912017120);
  assert.ok(running.rate > 0);
  const ms = await cancelAndTime(page);
  assert.ok(ms < 200, `cancelled after ${ms} ms`);
  const stopped = (await progressOf(page)).tried;
  await page.waitForTimeout(300);
  assert.equal((await progressOf(page)).tried, stopped, 'no progress after Cancel');
  assert.deepEqual(await page.evaluate(() => window.__long), [], 'no main-thread task of 50 ms or more while the audit ran');
  assert.match(await text(page, 'audit-result'), /Cancelled/);
});
