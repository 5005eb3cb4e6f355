// Adds the jose-signed cases to tests/vectors/interop-asymmetric.json and checks every case of that file and
// of tests/vectors/rfc-asymmetric.json with jose. Run from the repository root after make_asymmetric.py:
//
//   node tests/vectors/make_asymmetric_jose.mjs           # (re)make the jose cases, then check both files
//   node tests/vectors/make_asymmetric_jose.mjs --check   # only check
//
// The keys are read from the file (`keys`, `wrongKeys`); the committed key forms are first checked against
// what Node derives from the private keys. A jose case whose header and payload are unchanged keeps its
// committed token (PS* and ES* signatures are randomised), so a re-run leaves the file byte-identical.
// Check rules: a valid case must verify (jwtVerify at the file's `now`, or compactVerify when
// `validateClaims` is false); an invalid one must be refused, with ERR_JWS_SIGNATURE_VERIFICATION_FAILED
// when `codeMatches` is INVALID_SIGNATURE. PEM text is always read as a PEM key, whatever its keyEncoding.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHmac, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import {
  SignJWT, compactVerify, createLocalJWKSet, exportJWK, importJWK, importPKCS8, importSPKI, importX509, jwtVerify,
} from 'jose';

const OUT = 'tests/vectors/interop-asymmetric.json';
const RFC = 'tests/vectors/rfc-asymmetric.json';
const NAMES = {
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  p256: ['ES256'],
  p384: ['ES384'],
  p521: ['ES512'],
  ed25519: ['EdDSA'],
};
const CN = { rsa: 'RSA', p256: 'ES256', p384: 'ES384', p521: 'ES512', ed25519: 'EdDSA' };

const b64 = (s) => Buffer.from(s, 'base64url');
const header = (token) => JSON.parse(b64(token.split('.')[0]).toString('utf8'));
const fail = (msg) => { throw new Error(msg); };
const assertEq = (a, b, msg) => { if (JSON.stringify(a) !== JSON.stringify(b)) fail(`${msg}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`); };
const strip = (jwk) => Object.fromEntries(Object.entries(jwk).filter(([k]) => k !== 'kid' && k !== 'use').sort());

// --------------------------------------------------------------------------------------------- key forms
async function checkKeys(doc) {
  for (const [name, f] of Object.entries(doc.keys)) {
    const priv = createPrivateKey(f.pkcs8);
    const pub = createPublicKey(priv);
    assertEq(pub.export({ type: 'spki', format: 'pem' }), f.spki, `keys.${name}.spki`);
    assertEq(strip(await exportJWK(pub)), strip(f.jwk), `keys.${name}.jwk`);
    assertEq(strip(await exportJWK(priv)), strip(f.jwkPrivate), `keys.${name}.jwkPrivate`);
    if (name === 'rsa') {
      assertEq(pub.export({ type: 'pkcs1', format: 'pem' }), f.pkcs1, 'keys.rsa.pkcs1');
      assertEq(priv.export({ type: 'pkcs1', format: 'pem' }), f.pkcs1Private, 'keys.rsa.pkcs1Private');
    } else if (name !== 'ed25519') {
      assertEq(priv.export({ type: 'sec1', format: 'pem' }), f.sec1Private, `keys.${name}.sec1Private`);
    }
    const cert = new X509Certificate(f.cert);
    assertEq(cert.publicKey.export({ type: 'spki', format: 'pem' }), f.spki, `keys.${name}.cert public key`);
    assertEq(cert.subject, `CN=jwt-inspector test ${CN[name]}`, `keys.${name}.cert subject`);
    assertEq(cert.issuer, cert.subject, `keys.${name}.cert issuer`);
    assertEq([new Date(cert.validFrom).toISOString(), new Date(cert.validTo).toISOString()],
      ['2020-01-01T00:00:00.000Z', '2040-01-01T00:00:00.000Z'], `keys.${name}.cert validity`);
    if (!cert.verify(pub)) fail(`keys.${name}.cert is not self-signed by its key`);
    const kids = f.jwks.keys.map((k) => k.kid);
    if (!kids.includes(f.jwk.kid) || new Set(f.jwks.keys.map((k) => k.kty)).size < 2) fail(`keys.${name}.jwks`);
    assertEq(f.jwks.keys.find((k) => k.kid === f.jwk.kid), f.jwk, `keys.${name}.jwks member`);
    const w = doc.wrongKeys[name];
    const wpub = createPublicKey(createPrivateKey(w.pkcs8));
    assertEq(wpub.export({ type: 'spki', format: 'pem' }), w.spki, `wrongKeys.${name}.spki`);
    assertEq(strip(await exportJWK(wpub)), strip(w.jwk), `wrongKeys.${name}.jwk`);
    if (w.spki === f.spki) fail(`wrongKeys.${name} is the right key`);
  }
}

// ------------------------------------------------------------------------------------------------ cases
async function makeCases(doc) {
  const old = new Map(doc.cases.map((c) => [c.id, c.token]));
  const claims = JSON.parse(b64(doc.cases.find((c) => c.id === 'pyjwt-rs256-spki').token.split('.')[1]));
  const cases = [];
  const add = (id, token, key, keyEncoding, expect, note) =>
    cases.push({ id, source: 'jose', kind: 'verify', token, key, keyEncoding, expect, note });
  const sigFail = { valid: false, codeMatches: 'INVALID_SIGNATURE' };
  for (const [name, algs] of Object.entries(NAMES)) {
    const f = doc.keys[name];
    for (const alg of algs) {
      const a = alg.toLowerCase();
      const key = await importPKCS8(f.pkcs8, alg);
      let token = await new SignJWT(claims).setProtectedHeader({ alg, kid: f.jwk.kid }).sign(key);
      const prev = old.get(`jose-${a}-spki`);
      if (prev && prev.split('.').slice(0, 2).join('.') === token.split('.').slice(0, 2).join('.')) token = prev;
      for (const form of ['spki', 'pkcs1', 'cert', 'jwk', 'jwks'].filter((x) => x in f)) {
        const enc = typeof f[form] === 'string' ? 'pem' : form;
        add(`jose-${a}-${form}`, token, f[form], enc, { valid: true, alg },
          `${alg} signed by jose, verified with the ${form} form of keys.${name}`);
      }
      const [h, p, s] = token.split('.');
      const tampered = Buffer.from(b64(p).toString('utf8').replace('"interop"', '"Interop"')).toString('base64url');
      if (tampered === p) fail('tamper');
      add(`jose-${a}-tamper-payload`, `${h}.${tampered}.${s}`, f.jwk, 'jwk', sigFail,
        `${alg} jose token with one payload bit flipped ("interop" -> "Interop"), signature kept`);
      add(`jose-${a}-wrongkey`, token, doc.wrongKeys[name].jwk, 'jwk', sigFail,
        `${alg} jose token verified with the JWK of wrongKeys.${name} (same key type, other key)`);
    }
  }
  return cases;
}

// ------------------------------------------------------------------------------------------------ check
async function joseKey(key, alg) {
  if (typeof key === 'object') return 'keys' in key ? createLocalJWKSet(key) : importJWK(key, alg);
  if (key.includes('-----BEGIN CERTIFICATE-----')) return importX509(key, alg);
  if (key.includes('-----BEGIN PUBLIC KEY-----')) return importSPKI(key, alg);
  if (key.includes('-----BEGIN RSA PUBLIC KEY-----')) return createPublicKey(key); // jose has no PKCS#1 import
  return new TextEncoder().encode(key);
}

async function outcome(c, now) {
  const opts = c.options ?? {};
  const alg = header(c.token).alg;
  const algorithms = opts.algorithms ?? [alg];
  try {
    const key = await joseKey(c.key, alg);
    if (opts.validateClaims === false) await compactVerify(c.token, key, { algorithms });
    else await jwtVerify(c.token, key, { algorithms, currentDate: new Date((opts.now ?? now) * 1000) });
    return 'valid';
  } catch (e) {
    return typeof e.code === 'string' ? e.code : `${e.name}: ${e.message}`;
  }
}

async function check(path) {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  let bad = 0;
  for (const c of doc.cases) {
    if (c.kind !== 'verify') continue;
    const got = await outcome(c, doc.now);
    let ok;
    if (c.expect.valid) ok = got === 'valid';
    else if (c.expect.codeMatches === 'INVALID_SIGNATURE') ok = got === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    else ok = got !== 'valid';
    let extra = '';
    if (c.id.startsWith('crafted-hs256-rsa-spki-confusion')) {
      // The token is a genuine HS256 JWS under the PEM text used as a secret: jose accepts it that way.
      const [h, p, s] = c.token.split('.');
      const mac = createHmac('sha256', c.key).update(`${h}.${p}`).digest('base64url');
      const asSecret = await compactVerify(c.token, new TextEncoder().encode(c.key), { algorithms: ['HS256'] })
        .then(() => 'valid', (e) => e.code);
      ok = ok && mac === s && asSecret === 'valid';
      extra = `; PEM text as HMAC secret: ${asSecret}`;
    }
    bad += ok ? 0 : 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.id}: jose ${got}${extra}`);
  }
  console.log(`${path}: ${doc.cases.length} cases, ${bad} failing`);
  return bad;
}

const doc = JSON.parse(readFileSync(OUT, 'utf8'));
await checkKeys(doc);
if (!process.argv.includes('--check')) {
  const jose = await makeCases(doc);
  doc.cases = doc.cases.filter((c) => c.source !== 'jose').concat(jose);
  if (new Set(doc.cases.map((c) => c.id)).size !== doc.cases.length) fail('duplicate case ids');
  writeFileSync(OUT, `${JSON.stringify(doc, null, 1)}\n`);
}
const bad = (await check(OUT)) + (await check(RFC));
const version = JSON.parse(readFileSync('node_modules/jose/package.json', 'utf8')).version;
console.log(`jose ${version}, node ${process.version}: ${bad} failing`);
process.exit(bad ? 1 : 0);
