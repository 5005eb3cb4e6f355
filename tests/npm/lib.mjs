// Helpers of the npm package's test suites. The suites run from a temporary project (made by
// scripts/test-npm.sh) that has the packed tarball installed, so `jwt-inspector` is what a user gets;
// JWTI_REPO points back at the repository (vectors, PyJWT in .tools/python, the dev tools).
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

export const REPO = process.env.JWTI_REPO;
if (!REPO) throw new Error('JWTI_REPO is not set: run these suites through scripts/test-npm.sh');

export const vectors = JSON.parse(readFileSync(join(REPO, 'tests/vectors/public.json'), 'utf8'));

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** A token over raw header and payload texts (or objects), MACed with node:crypto. */
export function hmacToken(header, payload, key, alg = 'HS256') {
  const h = typeof header === 'string' ? header : JSON.stringify(header);
  const p = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const input = `${b64url(h)}.${b64url(p)}`;
  return `${input}.${b64url(createHmac(`sha${alg.slice(2)}`, key).update(input).digest())}`;
}

/** The token with one character of its payload part changed (still valid base64url). */
export function tamperPayload(token) {
  const [h, p, s] = token.split('.');
  const i = Math.floor(p.length / 2);
  const c = p[i] === 'A' ? 'B' : 'A';
  return `${h}.${p.slice(0, i)}${c}${p.slice(i + 1)}.${s}`;
}

const PYTHON = `
import json, sys, warnings
warnings.simplefilter("ignore")
import jwt
req = json.load(sys.stdin)
out = {"version": jwt.__version__, "results": []}
for c in req["cases"]:
    # An HMAC secret as hex, or PEM key text (a private key to sign, a public key to verify).
    key = c["keyPem"] if "keyPem" in c else bytes.fromhex(c["keyHex"])
    if req["op"] == "sign":
        payload = c["payload"]
        out["results"].append(jwt.encode(payload, key, algorithm=c["alg"], headers=c.get("headers")))
    else:
        try:
            claims = jwt.decode(c["token"], key, algorithms=[c["alg"]])
            out["results"].append({"ok": True, "claims": claims})
        except Exception as e:
            out["results"].append({"ok": False, "error": type(e).__name__})
print(json.dumps(out))
`;

/**
 * Runs PyJWT (from .tools/python, installed by scripts/setup.sh) on `cases`: `op` is "sign" or "verify".
 * The string `"__BIG__"` anywhere in the cases becomes the integer 12345678901234567890123, which JS
 * numbers cannot carry. The answer has `raw`, the exact JSON Python printed.
 */
export function pyjwt(op, cases) {
  const r = spawnSync('python3', ['-c', PYTHON], {
    input: JSON.stringify({ op, cases }).replaceAll('"__BIG__"', '12345678901234567890123'),
    env: { ...process.env, PYTHONPATH: join(REPO, '.tools/python') },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`PyJWT failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), raw: r.stdout };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/** A static file server for `dir` on 127.0.0.1 (random port), recording every request path. */
export async function serve(dir, headers = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export { CHROMIUM, CHROMIUM_ARGS };
