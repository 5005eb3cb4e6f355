// Accessibility of the built app (WCAG 2.2 AA), kept true as the app grows: an axe-core audit of every state a
// person meets, and the keyboard, focus, announcement, colour and motion rules axe cannot check by itself.
//   node --test tests/e2e/a11y.test.mjs       (after `trunk build --release`; scripts/test-e2e.sh does both)
// axe-core is injected through the DevTools protocol (not a <script>), so the page's CSP stays as shipped and
// any CSP violation or console error still fails the test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { start, tokenOfSize } from './lib.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.DIST ?? `${root}dist`;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ARTICLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ';
const KEYS = JSON.parse(readFileSync(`${root}tests/vectors/interop-asymmetric.json`, 'utf8')).keys;

let env;
before(async () => {
  env = await start(dist);
});
after(async () => {
  await env?.close();
});

async function open(t, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme, reducedMotion });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.base);
  await page.waitForSelector('[data-testid=token-input]', { timeout: 15000 });
  t.after(async () => {
    const csp = await page.evaluate(() => window.__csp).catch(() => []);
    await context.close();
    assert.deepEqual(csp, [], 'CSP violations');
    assert.deepEqual(problems, [], 'console errors or exceptions');
  });
  return page;
}

/** Every axe-core violation (any impact) in the page as it is now, as readable lines. */
async function audit(page, state) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe violations in "${state}"`);
}

test('axe-core finds no violation of any impact in any state', async (t) => {
  const page = await open(t);
  await audit(page, 'initial');
  await page.fill('[data-testid=token-input]', ARTICLE);
  await page.fill('[data-testid=key-input]', 'secret');
  await page.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await audit(page, 'verified, light');
  await page.click('[data-testid=theme-toggle]');
  await audit(page, 'verified, dark (toggle)');
  await page.fill('[data-testid=token-input]', `${ARTICLE.slice(0, 60)}!${ARTICLE.slice(61)}`);
  await page.waitForSelector('[data-testid=token-errors] li');
  await audit(page, 'broken token with errors');
  await page.fill('[data-testid=token-input]', ARTICLE);
  await page.click('text=Encode');
  await page.waitForSelector('[data-testid=payload-editor]');
  await audit(page, 'Encode view');
  await page.fill('[data-testid=payload-editor]', '{"sub": ');
  await page.waitForSelector('[data-testid=encode-error]');
  await audit(page, 'Encode view with a JSON error');

  const dark = await open(t, { colorScheme: 'dark' });
  await dark.fill('[data-testid=token-input]', ARTICLE);
  await dark.fill('[data-testid=key-input]', 'secret');
  await dark.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await audit(dark, 'verified, dark (system)');

  const phone = await open(t, { viewport: { width: 390, height: 844 } });
  await phone.selectOption('[data-testid=examples]', 'article');
  await phone.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await audit(phone, 'phone width, example verified');

  // Issue §6: the multi-line public-key field, a private key masked, a mismatch, and signing in Encode.
  const keys = await open(t);
  await keys.selectOption('[data-testid=examples]', 'oidc-rs256');
  await keys.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await audit(keys, 'RS256 example, public key shown');
  await keys.fill('[data-testid=key-input]', KEYS.rsa.pkcs8);
  await keys.waitForSelector('[data-testid=key-input][data-masked=true]');
  await audit(keys, 'RS256, private key masked, with a finding');
  await keys.selectOption('[data-testid=examples]', 'es256');
  await keys.fill('[data-testid=key-input]', KEYS.rsa.spki);
  await keys.waitForSelector('[data-testid=signature-status][data-status=key-error]');
  assert.match(await keys.textContent('[data-testid=signature-status]'), /KEY_ALG_MISMATCH/);
  await audit(keys, 'ES256 token, RSA key: mismatch');
  await keys.click('[data-testid=theme-toggle]');
  await audit(keys, 'ES256 token, RSA key: mismatch, dark');
  await keys.click('[data-testid=view-encode]');
  await keys.fill('[data-testid=key-input]', KEYS.p256.pkcs8);
  await keys.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await audit(keys, 'Encode view, ES256 private key');
  const phoneKeys = await open(t, { viewport: { width: 390, height: 844 } });
  await phoneKeys.selectOption('[data-testid=examples]', 'oidc-rs256');
  await phoneKeys.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await audit(phoneKeys, 'phone width, RS256 example');
  const overflow = await phoneKeys.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
});

test('keyboard: the multi-line key field is reached with Tab and left with Tab (no trap); Show works from the keyboard', async (t) => {
  const page = await open(t);
  const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  await page.selectOption('[data-testid=examples]', 'oidc-rs256');
  await page.waitForSelector('[data-testid=signature-status][data-status=valid]');
  await page.fill('[data-testid=key-input]', KEYS.rsa.pkcs8);
  await page.waitForSelector('[data-testid=key-input][data-masked=true]');
  await page.focus('[data-testid=key-input]');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'key-visibility', 'Tab leaves the key field for Show');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=key-input][data-masked=false]');
  assert.equal(await page.getAttribute('[data-testid=key-visibility]', 'aria-pressed'), 'true');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'key-input');
  await page.keyboard.press('Shift+Tab');
  assert.notEqual(await focused(page), 'key-input', 'Shift+Tab leaves it too');
  // Its label is its accessible name.
  const name = await page.$eval('[data-testid=key-input]', (e) => e.labels[0]?.textContent);
  assert.equal(name, 'Public key — PEM, X.509 certificate, JWK or JWK Set');
});

/** Pastes `n` candidates that are not the secret into the audit's own list (so that a run lasts a while). */
async function pasteCandidates(page, n) {
  await page.evaluate((n) => {
    const words = [];
    for (let i = 0; i < n; i++) words.push(`not-the-secret-${i}`);
    const ta = document.querySelector('[data-testid=audit-words]');
    ta.value = words.join('\n');
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, n);
}
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

test('issue 11: the audit panel running and finished has no axe violation; Start and Cancel from the keyboard', async (t) => {
  const page = await open(t);
  await page.fill('[data-testid=token-input]', tokenOfSize(2048, randomBytes(32)));
  await pasteCandidates(page, 200000);
  await page.waitForSelector('[data-testid=audit-list]');
  await audit(page, 'audit ready, a pasted list kept');
  // Keyboard: Enter on Start, Tab to Cancel, Space.
  await page.focus('[data-testid=audit-start]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=audit-progress]')?.dataset.tried) > 0);
  assert.equal(await page.getAttribute('[data-testid=audit-start]', 'aria-disabled'), 'true');
  assert.equal(await focused(page), 'audit-start', 'focus stays on Start while it runs');
  await audit(page, 'audit running');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'audit-cancel');
  await page.keyboard.press('Space');
  await page.waitForSelector('[data-testid=audit-result][data-outcome=cancelled]', { timeout: 2000 });
  assert.equal(await page.getAttribute('[data-testid=audit-result]', 'aria-live'), null);
  assert.equal(await page.$eval('[data-testid=audit-result]', (e) => e.closest('[aria-live=polite]') !== null), true);
  await audit(page, 'audit cancelled');
  // The article token: found, shown, in light and dark.
  await page.fill('[data-testid=token-input]', ARTICLE);
  await page.click('[data-testid=audit-list-clear]');
  await page.focus('[data-testid=audit-start]');
  await page.keyboard.press('Space');
  await page.waitForSelector('[data-testid=audit-result][data-outcome=found]', { timeout: 5000 });
  await audit(page, 'audit found, secret masked');
  await page.click('[data-testid=audit-show]');
  await audit(page, 'audit found, secret shown');
  await page.click('[data-testid=theme-toggle]');
  await audit(page, 'audit found, dark');
  // Not an HMAC token: the panel says why.
  await page.fill('[data-testid=token-input]', ARTICLE.replace('eyJhbGciOiJIUzI1NiIs', 'eyJhbGciOiJSUzI1NiIs'));
  await page.waitForSelector('[data-testid=audit-not-applicable]');
  await audit(page, 'audit not applicable');
});

test('issue 11: the audit\'s file, rules and mask controls are labelled and have no axe violation', async (t) => {
  const page = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  // Every new control has an accessible name from a <label> (or its <fieldset>'s legend and its own label).
  const names = await page.$$eval(
    ['audit-mode', 'audit-file', 'audit-rules-case', 'audit-rules-suffix', 'audit-mask-charset', 'audit-mask-length']
      .map((id) => `[data-testid=${id}]`)
      .join(', '),
    (all) => all.map((e) => [e.getAttribute('data-testid'), e.labels?.[0]?.textContent.trim() ?? '']),
  );
  assert.equal(names.length, 6);
  for (const [id, name] of names) assert.ok(name.length > 3, `${id} has no label`);
  await page.check('[data-testid=audit-rules-case]');
  await page.check('[data-testid=audit-rules-suffix]');
  await page.setInputFiles('[data-testid=audit-file]', { name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from('a\nb\n') });
  await page.waitForSelector('[data-testid=audit-file-info]');
  await audit(page, 'audit with a file and both rules');
  await page.click('[data-testid=theme-toggle]');
  await audit(page, 'audit with a file and both rules, dark');
  await page.selectOption('[data-testid=audit-mode]', 'mask');
  await page.selectOption('[data-testid=audit-mask-charset]', 'printable');
  await page.fill('[data-testid=audit-mask-length]', '5');
  await audit(page, 'audit mask');
  await page.click('[data-testid=audit-start]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=audit-progress]')?.dataset.tried) > 0);
  await audit(page, 'audit mask running');
  await page.click('[data-testid=audit-cancel]');
  await page.waitForSelector('[data-testid=audit-result][data-outcome=cancelled]', { timeout: 2000 });
  await audit(page, 'audit mask cancelled');
});

test('keyboard: every control reached with Tab and Shift+Tab, a visible focus ring, no trap in the editor', async (t) => {
  const page = await open(t);
  await page.fill('[data-testid=token-input]', ARTICLE);
  await page.fill('[data-testid=key-input]', 'secret');
  await page.waitForSelector('[data-testid=signature-status][data-status=valid]');
  const listed = await page.$$eval(
    'button:not([disabled]), select, textarea, input, a[href], [tabindex]:not([tabindex="-1"])',
    (all) =>
      all
        .filter((e) => e.offsetParent !== null && !e.closest('[hidden]'))
        .map((e) => `${e.tagName}#${e.id}.${e.getAttribute('data-testid') ?? ''}.${e.textContent?.slice(0, 20)}`),
  );
  const controls = listed.length;
  // Tab from the top of the page through everything, and back.
  await page.evaluate(() => document.activeElement?.blur());
  const seen = new Set();
  const describe = () =>
    page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
      return { id: `${e.tagName}#${e.id}.${e.getAttribute('data-testid') ?? ''}.${e.textContent?.slice(0, 20)}`, ring, body: e === document.body };
    });
  const missingRing = [];
  for (let i = 0; i < 2 * controls + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await describe();
    if (f.body) continue;
    seen.add(f.id);
    if (!f.ring) missingRing.push(f.id);
  }
  assert.deepEqual(listed.filter((c) => !seen.has(c)), [], 'controls Tab never reaches');
  assert.deepEqual(missingRing, [], 'controls without a visible focus ring when reached by keyboard');
  const back = new Set();
  for (let i = 0; i < 2 * controls + 5; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await describe();
    if (!f.body) back.add(f.id);
  }
  assert.deepEqual(listed.filter((c) => !back.has(c)), [], 'controls Shift+Tab never reaches');

  // The token editor is a textarea: Tab leaves it (no keyboard trap), Shift+Tab too.
  await page.focus('[data-testid=token-input]');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.getAttribute('data-testid')), 'token-input');
  await page.focus('[data-testid=token-input]');
  await page.keyboard.press('Shift+Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.getAttribute('data-testid')), 'token-input');
});

test('keyboard: Enter and Space work the controls, Escape leaves the key field as it is', async (t) => {
  const page = await open(t);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? '');
  const before = await theme();
  await page.focus('[data-testid=theme-toggle]');
  await page.keyboard.press('Space');
  const afterSpace = await theme();
  assert.notEqual(afterSpace, before, 'Space toggles the theme');
  await page.keyboard.press('Enter');
  assert.notEqual(await theme(), afterSpace, 'Enter toggles it back');
  // The examples menu from the keyboard.
  await page.focus('[data-testid=examples]');
  await page.selectOption('[data-testid=examples]', 'article');
  await page.waitForSelector('[data-testid=signature-status][data-status=valid]');
  // The key visibility button from the keyboard.
  const key = page.locator('[data-testid=key-input]');
  const type = await key.getAttribute('type');
  await page.focus('button[aria-controls=key-input], [data-testid=key-visibility]');
  await page.keyboard.press('Enter');
  assert.notEqual(await key.getAttribute('type'), type, 'Enter shows or hides the key');
  await page.focus('[data-testid=key-input]');
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue('[data-testid=key-input]'), 'secret', 'Escape does not wipe the key');
});

test('announcements, parts not by colour alone, and reduced motion', async (t) => {
  const page = await open(t, { reducedMotion: 'reduce' });
  // The signature status is a live region; errors are announced with the editor.
  assert.equal(await page.getAttribute('[data-testid=signature-status]', 'aria-live'), 'polite');
  assert.match(await page.getAttribute('[data-testid=token-input]', 'aria-describedby'), /token-errors/);
  await page.fill('[data-testid=token-input]', ARTICLE);
  // The parts are named in words, not only coloured.
  const parts = await page.$$eval('[data-testid=token-parts] [data-part]', (s) => s.map((e) => e.textContent));
  assert.deepEqual(parts.map((p) => p.split(' ')[0]), ['header', 'payload', 'signature']);
  assert.match(parts[0], /^header 0–35$/);
  assert.match(await page.getAttribute('[data-testid=token-input]', 'aria-describedby'), /token-parts/);
  // With reduced motion asked for, nothing animates or transitions.
  const motion = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .map((e) => getComputedStyle(e))
      .filter((s) => parseFloat(s.transitionDuration) > 0.001 || parseFloat(s.animationDuration) > 0.001).length,
  );
  assert.equal(motion, 0, 'elements still moving with prefers-reduced-motion: reduce');
});
