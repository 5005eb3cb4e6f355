// trunk post_build hook (see Trunk.toml): makes the build work under the page's strict CSP.
//
// connect-src 'none' forbids fetch() — including the fetch of the app's own .wasm that trunk's inline loader
// does (and the inline loader itself would need 'unsafe-inline'). So, in trunk's staging directory:
//   1. the .wasm is embedded in a JS module `<name>_bg.wasm.js` (one string, a character per byte) and the
//      .wasm file removed;
//   2. boot.js imports the wasm-bindgen glue and those bytes and calls initSync (compiling wasm from bytes
//      needs only 'wasm-unsafe-eval'); it shows an error instead of a blank page if start-up fails;
//   3. audit-worker.js: the secret audit's module worker; it imports the same glue, is sent the page's compiled
//      WebAssembly.Module (so nothing is fetched or compiled from text again) and answers chunks of candidates
//      (base words with rules, or mask index ranges);
//      wordlist.js: Django's common passwords as a module, imported by the page only when an audit starts;
//   4. trunk's inline <script type="module"> and its <link rel="preload" as="fetch"> of the .wasm are removed
//      from index.html, which loads ./boot.js instead.
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('trunk-post-build: TRUNK_STAGING_DIR is not set (run by trunk only)');
  process.exit(1);
}
const files = readdirSync(dir);
const wasm = files.find((f) => f.endsWith('_bg.wasm'));
if (!wasm) {
  console.error(`trunk-post-build: no *_bg.wasm in ${dir}: ${files.join(', ')}`);
  process.exit(1);
}
const glue = wasm.replace(/_bg\.wasm$/, '.js');
if (!files.includes(glue)) {
  console.error(`trunk-post-build: no ${glue} beside ${wasm}`);
  process.exit(1);
}

// 1. The wasm bytes as a module: one JS string with a character per byte (U+0000–U+00FF). Unlike base64 it
//    keeps the byte patterns gzip needs (the gzip transfer is ~10% over the raw wasm's, base64's ~30%), and
//    decodes with a plain loop. Only the characters a string literal cannot hold as-is are escaped.
const bytes = readFileSync(join(dir, wasm));
let literal = '';
const escapes = { 0x00: '\\x00', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
for (let i = 0; i < bytes.length; i += 8192) {
  let chunk = '';
  for (const b of bytes.subarray(i, i + 8192)) chunk += escapes[b] ?? String.fromCharCode(b);
  literal += chunk;
}
const bytesModule = `${wasm}.js`;
writeFileSync(
  join(dir, bytesModule),
  `const s = "${literal}";\n` +
    'const b = new Uint8Array(s.length);\n' +
    'for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);\n' +
    'export default b;\n',
  'utf8',
);
rmSync(join(dir, wasm));

// 2. boot.js: start the app synchronously from the embedded bytes.
writeFileSync(
  join(dir, 'boot.js'),
  `import { initSync } from './${glue}';
import bytes from './${bytesModule}';

// Apply a stored theme choice before the first render (the only thing the app stores).
try {
  const t = localStorage.getItem('jwt-inspector.theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (_) { /* storage disabled: follow the system */ }

// The secret audit imports Django's wordlist only when it starts (so the first load does not grow).
globalThis.jwtInspectorWordlist = (done) =>
  import('./wordlist.js').then((m) => done(m.default), () => done(null));

try {
  initSync({ module: bytes });
} catch (e) {
  const el = document.getElementById('loading');
  if (el) {
    el.className = 'loading failed';
    el.textContent = 'jwt-inspector could not start: ' + e;
  }
  throw e;
}
`,
);

// 3. The audit's worker and the lazily imported wordlist.
writeFileSync(
  join(dir, 'audit-worker.js'),
  `// The secret audit's worker (see src/ui/audit.rs): first message {module, token}, then chunks: {id, text, case,
// suffix} (base words, one per line, and the rules to apply) or {id, charset, len, start, count} (a range of
// brute-force mask indexes, generated here); each answered with {id, found} (the secret's index in the chunk,
// or -1), or {error}.
import { initSync, audit_prepare, audit_chunk, audit_mask } from './${glue}';

self.onmessage = (e) => {
  const m = e.data;
  try {
    if (m.module) {
      initSync({ module: m.module });
      if (!audit_prepare(m.token)) self.postMessage({ error: 'not an HS256, HS384 or HS512 token' });
      return;
    }
    const found = m.charset
      ? audit_mask(m.charset, m.len, m.start, m.count)
      : audit_chunk(m.text, !!m.case, !!m.suffix);
    self.postMessage({ id: m.id, found });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
`,
);
const wordlist = readFileSync(new URL('../data/wordlists/django-common-passwords.txt', import.meta.url), 'utf8');
writeFileSync(
  join(dir, 'wordlist.js'),
  '// Django\'s 20 000 common passwords (BSD 3-clause: data/wordlists/LICENSE-django-common-passwords), one per line.\n' +
    `export default ${JSON.stringify(wordlist)};\n`,
);

// 4. index.html: drop trunk's inline loader and the .wasm preload; keep everything else.
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const before = html;
html = html.replace(/<script type="module"[^>]*>(?:(?!<\/script>)[\s\S])*?TrunkApplicationStarted[\s\S]*?<\/script>\s*/g, '');
html = html.replace(/<link rel="preload"[^>]*\.wasm"[^>]*>\s*/g, '');
if (html === before || /_bg\.wasm"/.test(html) || /<script type="module"(?![^>]*src=)/.test(html)) {
  console.error('trunk-post-build: trunk\'s loader was not found or not removed; index.html is:\n' + html);
  process.exit(1);
}
if (!html.includes('src="./boot.js"')) {
  console.error('trunk-post-build: index.html does not load ./boot.js');
  process.exit(1);
}
writeFileSync(htmlPath, html);
console.log(`trunk-post-build: embedded ${wasm} (${bytes.length} bytes) in ${bytesModule}, wrote boot.js, audit-worker.js and wordlist.js`);
