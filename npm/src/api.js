// The public API of jwt-inspector, over the wasm exports of the Rust crate (feature `js`).
//
// Shared by every entry point: the build copies this file as `api.js` (ESM, for browsers and bundlers) and
// as `api.cjs` (CommonJS, for Node, with the final `export` line replaced by `module.exports`).
//
// The wasm side does the work and returns one JSON array text per call (formats in src/js/api.rs); this
// file validates arguments, moves strings into wasm memory with `TextEncoder.encodeInto` (much cheaper than
// wasm-bindgen's per-character copy) and maps the parsed arrays to plain objects.

/** An error with a stable `code`, the `part` it is in and UTF-16 offsets: `input.slice(start, end)`. */
class JwtInspectorError extends Error {
  constructor(message, details) {
    super(message);
    const d = details || {};
    this.name = 'JwtInspectorError';
    this.code = d.code;
    this.part = d.part;
    this.start = d.start === undefined ? 0 : d.start;
    this.end = d.end === undefined ? 0 : d.end;
    this.errors = d.errors === undefined ? [] : d.errors;
  }
}

function fail(e, errors) {
  return new JwtInspectorError(e.message, {
    code: e.code,
    part: e.part,
    start: e.start,
    end: e.end,
    errors: errors === undefined ? [e] : errors,
  });
}

/** API misuse (a wrong argument type): the only reason `verify` throws. */
function misuse(part, message) {
  return fail({ code: 'ERR_INVALID_ARGUMENT', part, start: 0, end: 0, message });
}

function fromHex(hex) {
  const out = new Uint8Array(hex.length >>> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** A JWK or JWK Set as JSON gives them: a plain object (not a class instance such as a KeyObject). */
function isJwkLike(v) {
  if (!isPlainObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function stringList(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw misuse('options', `options.${name} must be a string or an array of strings.`);
}

function toJson(value, part) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw fail({ code: 'ERR_SIGN_INPUT', part, start: 0, end: 0, message: `The ${part} cannot be serialized to JSON: ${e.message}` });
  }
  if (typeof text !== 'string') {
    throw fail({ code: 'ERR_SIGN_INPUT', part, start: 0, end: 0, message: `The ${part} does not serialize to JSON.` });
  }
  return text;
}

/** The option names each function takes: anything else is a mistake, never silently ignored. */
const OPTION_NAMES = {
  inspect: ['now'],
  verify: ['keyEncoding', 'algorithms', 'validateClaims', 'now', 'leeway', 'audience', 'issuer', 'requiredClaims', 'strict', 'subject', 'maxAge', 'typ'],
  sign: ['algorithm', 'header', 'keyEncoding', 'expiresIn', 'notBefore', 'issuedAt', 'now'],
  auditSecret: [],
};

/** What jose and jsonwebtoken call an option, and what it is here. */
const OPTION_HINTS = {
  inspect: {},
  verify: {
    clockTolerance: 'leeway',
    ignoreExpiration: 'validateClaims: false',
    ignoreNotBefore: 'validateClaims: false',
    algorithm: 'algorithms',
    clockTimestamp: 'now',
    currentDate: 'now',
    maxTokenAge: 'maxAge',
    requiredClaims: 'requiredClaims',
    complete: 'the result, which always has header and payload when valid',
    jwtid: 'requiredClaims: ["jti"] and a check of payload.jti',
    nonce: 'a check of payload.nonce',
  },
  auditSecret: {},
  sign: {
    algorithms: 'algorithm',
    noTimestamp: 'issuedAt (off by default)',
    keyid: 'header: { kid }',
    subject: 'a "sub" member of the payload',
    issuer: 'an "iss" member of the payload',
    audience: 'an "aud" member of the payload',
    jwtid: 'a "jti" member of the payload',
    clockTimestamp: 'now',
  },
};

function distance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = keep;
    }
  }
  return d[b.length];
}

/** Throws for an option name `fn` does not take, with the name it probably meant. */
function checkOptionNames(o, fn) {
  const known = OPTION_NAMES[fn];
  for (const name of Object.keys(o)) {
    if (known.includes(name)) continue;
    let hint = OPTION_HINTS[fn][name];
    if (hint === undefined) {
      const close = known.filter((k) => distance(name, k) <= 2);
      if (close.length > 0) hint = close[0];
    }
    const meant = hint === undefined ? ` It takes: ${known.join(', ')}.` : ` Did you mean ${hint}?`;
    throw misuse('options', `${fn}() has no option ${JSON.stringify(name)}.${meant}`);
  }
}

const SPAN_UNITS = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800, y: 31557600, yr: 31557600, yrs: 31557600, year: 31557600, years: 31557600 };

/** Seconds from a number of seconds or a text such as "2h", "30m", "7d" (a unit is required in a text). */
function seconds(value, name) {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
    const unit = m && SPAN_UNITS[m[2].toLowerCase()];
    if (unit !== undefined && unit !== null) return Number(m[1]) * unit;
  }
  throw misuse('options', `options.${name} must be a number of seconds or a text with a unit such as "30m", "2h" or "7d".`);
}

/**
 * Why `value` cannot be signed faithfully as JSON, if it cannot: only plain objects, arrays, strings, finite
 * numbers, booleans and null are; a Map, a Date, a class instance or anything with a `toJSON` would be
 * turned into something else (`{}`, a string) without a word.
 */
function unsignable(value, path, depth) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`;
  if (value === undefined) return null; // left out, as JSON.stringify leaves it out
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (depth > 128) return `${path} nests deeper than 128 levels`;
  if (typeof value.toJSON === 'function') return `${path} has a toJSON method (e.g. a Date): pass the JSON value it stands for`;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return `${path} is not a plain array`;
    for (let i = 0; i < value.length; i++) {
      const why = unsignable(value[i], `${path}[${i}]`, depth + 1);
      if (why) return why;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = value.constructor && value.constructor.name ? value.constructor.name : 'a class instance';
    return `${path} is ${name === 'Map' || name === 'Set' ? `a ${name}` : `an instance of ${name}`}, not a plain object`;
  }
  for (const k of Object.keys(value)) {
    const why = unsignable(value[k], `${path}.${k}`, depth + 1);
    if (why) return why;
  }
  return null;
}

/**
 * A key as the core takes it: `{ text }` for strings (a secret, or PEM key text), `{ text, jwk }` for JWK
 * objects, `{ bytes }` for a secret's bytes (a Uint8Array, any ArrayBufferView, an ArrayBuffer, or a Node
 * secret KeyObject), `{ text, pem }` for a Node public or private KeyObject (exported as PEM).
 */
function keyInput(key, fn) {
  if (typeof key === 'string') return { text: key };
  if (key instanceof Uint8Array) return { bytes: key };
  if (ArrayBuffer.isView(key)) return { bytes: new Uint8Array(key.buffer, key.byteOffset, key.byteLength) };
  if (key instanceof ArrayBuffer) return { bytes: new Uint8Array(key) };
  if (key !== null && typeof key === 'object') {
    if (typeof key.export === 'function' && typeof key.type === 'string' && typeof key.equals === 'function') {
      // A Node KeyObject.
      if (key.type === 'secret') return { bytes: new Uint8Array(key.export()) };
      // Never the key itself from the token: only what the caller passed. PEM is how the core reads it.
      const type = key.type === 'public' ? 'spki' : 'pkcs8';
      return { text: String(key.export({ type, format: 'pem' })), pem: true };
    }
    if (Object.prototype.toString.call(key) === '[object CryptoKey]') {
      throw misuse('key', "A CryptoKey cannot be read synchronously: export it (crypto.subtle.exportKey('raw' for a secret, 'spki' or 'jwk' for a public key)) and pass the result.");
    }
    if (isJwkLike(key)) {
      if (fn === 'sign' && key.keys !== undefined) {
        throw fail({ code: 'ERR_KEY_JWK', part: 'key', start: 0, end: 0, message: 'A JWK Set cannot sign: pass one of its keys.' });
      }
      return { text: JSON.stringify(key), jwk: key.keys === undefined ? 'jwk' : 'jwks' };
    }
  }
  throw misuse('key', `The key must be a string (a secret, or PEM key text), bytes (Uint8Array, ArrayBuffer, any ArrayBufferView), a KeyObject${fn === 'sign' ? ' or a JWK' : ', a JWK or a JWK Set'} (a plain object).`);
}

const NO_OPTIONS = Object.freeze({});
const RAW_KEY = 255;
/** Inputs above this size release the scratch buffer after use, so one huge token does not pin memory. */
const KEEP_SCRATCH = 1 << 20;

/**
 * Binds the API to a wasm-bindgen module. `init`, if given, runs once before the first call (the browser
 * entry compiles the embedded wasm then, so importing the package costs nothing until it is used).
 */
function bind(raw, init) {
  const encoder = new TextEncoder();
  let memory = null;
  let formats = null;
  let view = new Uint8Array(0);
  let base = 0;
  let capacity = 0;
  // The key text `verify` last wrote at the start of the scratch buffer (and its format and byte length):
  // verifying many tokens with one key writes the key once.
  let keyText = null;
  let keyFormat = -1;
  let keyLength = 0;

  function start() {
    if (init) init();
    memory = raw.wasmMemory();
    formats = raw.keyFormats().split(',');
  }

  function reserve(bytes) {
    if (bytes > capacity) {
      capacity = Math.max(bytes, 1024);
      base = raw.scratch(capacity) >>> 0;
    }
    // Growing wasm memory detaches the old buffer (and with it the view).
    if (view.buffer !== memory.buffer) view = new Uint8Array(memory.buffer);
  }

  /** Writes `text` as UTF-8 at scratch offset `at`; returns the byte length. */
  function put(text, at) {
    // Tokens are ASCII: one byte per UTF-16 unit. Otherwise retry with the worst case of 3.
    let room = text.length;
    for (;;) {
      reserve(at + room);
      const r = encoder.encodeInto(text, view.subarray(base + at, base + at + room));
      if (r.read === text.length) return r.written;
      room = text.length * 3;
    }
  }

  function putBytes(bytes, at) {
    reserve(at + bytes.length);
    view.set(bytes, base + at);
    return bytes.length;
  }

  /**
   * After a wasm trap (out of memory on an absurd input): forget what this side believes is in wasm memory.
   * The Rust side moved its state out of its cells while working, so the next call starts clean and
   * rewrites its input.
   */
  function recover(e) {
    if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) {
      capacity = 0;
      keyText = null;
      view = new Uint8Array(0);
    }
    return e;
  }

  function release() {
    if (capacity > KEEP_SCRATCH) {
      raw.scratch(0);
      capacity = 0;
      keyText = null;
    }
  }

  // keyEncoding names are read by the core (case-insensitive, with aliases such as "utf-8"), once each.
  const formatIndexes = new Map();
  function formatIndex(encoding) {
    let i = formatIndexes.get(encoding);
    if (i === undefined) {
      i = typeof encoding === 'string' ? raw.keyFormatIndex(encoding) : -1;
      if (i < 0) {
        throw misuse('options', `Unknown keyEncoding ${JSON.stringify(encoding)}: use one of ${formats.join(', ')}.`);
      }
      formatIndexes.set(encoding, i);
    }
    return i;
  }

  // The answers are JSON arrays in the formats documented in src/js/api.rs. Texts that are the same in
  // every answer (codes, parts, ids, descriptions, RFC sections) arrive as indexes, fetched once.
  const texts = [];
  function text(index) {
    let t = texts[index];
    if (t === undefined) t = texts[index] = raw.staticText(index);
    return t;
  }

  function toError(e) {
    return { code: text(e[0]), part: text(e[1]), start: e[2], end: e[3], message: e[4] };
  }

  function toErrors(list) {
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = toError(list[i]);
    return out;
  }

  function toFindings(list) {
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const f = list[i];
      const finding = { id: text(f[0]), severity: text(f[1]), message: f[2], rfc: text(f[3]) };
      if (f[4] >= 0) finding.part = text(f[4]);
      if (f[5] >= 0) {
        finding.start = f[5];
        finding.end = f[6];
      }
      out[i] = finding;
    }
    return out;
  }

  function toClaims(list) {
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      const claim = { name: c[0], value: c[1] };
      if (c[2] >= 0) claim.description = text(c[2]);
      const t = c[3];
      if (t !== null) claim.time = { iso: t[0], relative: t[1], status: text(t[2]), seconds: t[3] };
      out[i] = claim;
    }
    return out;
  }

  function toHeaderFields(list) {
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const f = list[i];
      const field = { name: f[0], value: f[1] };
      if (f[2] >= 0) field.description = text(f[2]);
      out[i] = field;
    }
    return out;
  }

  function toParts(list) {
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      const part = { part: text(p[0]), start: p[1], end: p[2] };
      if (p[3] >= 0) part.decodedLength = p[3];
      out[i] = part;
    }
    return out;
  }

  function inspect(token, options) {
    if (memory === null) start();
    if (typeof token !== 'string') throw misuse('token', 'inspect(token): the token must be a string.');
    const o = options === undefined || options === null ? NO_OPTIONS : options;
    if (typeof o !== 'object') throw misuse('options', 'The options must be an object.');
    if (o !== NO_OPTIONS) checkOptionNames(o, 'inspect');
    let now = Date.now() / 1000;
    if (o.now !== undefined) {
      if (typeof o.now !== 'number' || !Number.isFinite(o.now)) throw misuse('options', 'options.now must be a finite number of seconds.');
      now = o.now;
    }
    keyText = null; // the token overwrites the key
    let out;
    try {
      out = raw.inspectScratch(put(token, 0), now);
    } catch (e) {
      throw recover(e);
    } finally {
      release();
    }
    if (out.charCodeAt(0) === 33 /* ! */) {
      const errors = toErrors(JSON.parse(out.slice(1)));
      throw fail(errors[0], errors);
    }
    // The array, NUL, headerJson, NUL, payloadJson (the display texts travel raw).
    const z1 = out.indexOf('\0');
    const z2 = out.indexOf('\0', z1 + 1);
    const a = JSON.parse(out.slice(0, z1));
    const payloadJson = out.slice(z2 + 1);
    const payloadType = a[9] < 0 ? null : text(a[9]);
    let payload = a[2];
    if (payloadType === 'text') payload = payloadJson;
    else if (payloadType === 'binary') payload = fromHex(payloadJson);
    return {
      kind: text(a[0]),
      header: a[1],
      payload,
      signature: a[3],
      headerJson: out.slice(z1 + 1, z2),
      payloadJson,
      alg: a[4],
      claims: toClaims(a[5]),
      findings: toFindings(a[6]),
      notes: a[7],
      errors: toErrors(a[8]),
      payloadType,
      headerFields: toHeaderFields(a[10]),
      parts: toParts(a[11]),
      token: a[12] === null ? token : a[12],
    };
  }

  function toVerifyResult(a) {
    const r = { valid: a[0], alg: a[1], code: a[2] < 0 ? null : text(a[2]), message: a[3] };
    if (a[4] >= 0) r.keyBits = a[4];
    if (a[5] !== null) r.kid = a[5];
    r.status = text(a[6]);
    r.signatureVerified = a[7];
    if (a[8] >= 0) r.keyIndex = a[8];
    if (a[9] !== null) r.keyError = toError(a[9]);
    r.findings = a[10].length === 0 ? [] : toFindings(a[10]);
    r.notes = a[11];
    if (a[12] >= 0) r.keyType = text(a[12]);
    if (a[13] >= 0) r.curve = text(a[13]);
    if (a.length > 14) {
      const payloadType = a[16] < 0 ? null : text(a[16]);
      const payload = payloadType === 'binary' ? fromHex(a[15]) : a[15];
      if (r.valid) {
        r.header = a[14];
        r.payload = payload;
        r.payloadType = payloadType;
      } else {
        // Authentic, but rejected (e.g. expired): never under `payload`, which means success.
        r.rejected = { header: a[14], payload, payloadType };
      }
    }
    return r;
  }

  function verify(token, key, options) {
    if (memory === null) start();
    if (typeof token !== 'string') throw misuse('token', 'verify(token, key): the token must be a string.');
    const o = options === undefined || options === null ? NO_OPTIONS : options;
    if (typeof o !== 'object') throw misuse('options', 'The options must be an object.');
    if (o !== NO_OPTIONS) checkOptionNames(o, 'verify');

    let format;
    let text = null;
    let bytes = null;
    const k = keyInput(key, 'verify');
    if (k.bytes !== undefined) {
      format = RAW_KEY;
      bytes = k.bytes;
    } else {
      text = k.text;
      format = k.jwk !== undefined ? formatIndex(k.jwk) : k.pem ? formatIndex('pem') : o.keyEncoding === undefined ? 0 : formatIndex(o.keyEncoding);
    }

    let now = Date.now() / 1000;
    if (o.now !== undefined) {
      if (typeof o.now !== 'number' || !Number.isFinite(o.now)) throw misuse('options', 'options.now must be a finite number of seconds.');
      now = o.now;
    }
    let leeway = 0;
    if (o.leeway !== undefined) {
      if (typeof o.leeway !== 'number' || !(o.leeway >= 0) || !Number.isFinite(o.leeway)) {
        throw misuse('options', 'options.leeway must be a finite number of seconds, 0 or more.');
      }
      leeway = o.leeway;
    }
    let validateClaims = true;
    if (o.validateClaims !== undefined) {
      if (typeof o.validateClaims !== 'boolean') throw misuse('options', 'options.validateClaims must be a boolean.');
      validateClaims = o.validateClaims;
    }
    let lists;
    if (o.strict !== undefined && typeof o.strict !== 'boolean') throw misuse('options', 'options.strict must be a boolean.');
    for (const name of ['subject', 'typ']) {
      if (o[name] !== undefined && typeof o[name] !== 'string') throw misuse('options', `options.${name} must be a string.`);
    }
    if (o !== NO_OPTIONS && (o.algorithms !== undefined || o.audience !== undefined || o.issuer !== undefined || o.requiredClaims !== undefined || o.strict !== undefined || o.subject !== undefined || o.maxAge !== undefined || o.typ !== undefined)) {
      // Read on the Rust side by serde-wasm-bindgen (typed `ListOptions`); validated here first so that a
      // mistake is an ERR_INVALID_ARGUMENT naming the option.
      lists = {
        algorithms: stringList(o.algorithms, 'algorithms'),
        audience: stringList(o.audience, 'audience'),
        issuer: stringList(o.issuer, 'issuer'),
        requiredClaims: stringList(o.requiredClaims, 'requiredClaims'),
        strict: o.strict,
        subject: o.subject,
        maxAge: o.maxAge === undefined ? undefined : seconds(o.maxAge, 'maxAge'),
        typ: o.typ,
      };
    }

    // The key first, then the token (see verify_scratch in src/js/api.rs).
    if (bytes !== null) {
      keyLength = putBytes(bytes, 0);
      keyText = null;
    } else if (text !== keyText || format !== keyFormat) {
      keyLength = put(text, 0);
      keyText = text;
      keyFormat = format;
    }
    const tokenLength = put(token, keyLength);
    let out;
    try {
      out = raw.verifyScratch(keyLength, tokenLength, format, now, leeway, validateClaims, lists);
    } catch (e) {
      // Only the options reader throws on purpose; a wasm trap is not the caller's mistake.
      if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) throw recover(e);
      throw misuse('options', e instanceof Error ? e.message : String(e));
    } finally {
      release();
    }
    return toVerifyResult(JSON.parse(out));
  }

  function sign(payload, key, options) {
    if (memory === null) start();
    const o = options === undefined || options === null ? NO_OPTIONS : options;
    if (typeof o !== 'object') throw misuse('options', 'The options must be an object.');
    if (o !== NO_OPTIONS) checkOptionNames(o, 'sign');

    let payloadText;
    const times = o.expiresIn !== undefined || o.notBefore !== undefined || (o.issuedAt !== undefined && o.issuedAt !== false);
    if (o.issuedAt !== undefined && typeof o.issuedAt !== 'boolean') throw misuse('options', 'options.issuedAt must be a boolean.');
    if (typeof payload === 'string') {
      if (times) {
        throw fail({ code: 'ERR_SIGN_INPUT', part: 'payload', start: 0, end: 0, message: 'expiresIn, notBefore and issuedAt add claims: they need an object payload, not a string.' });
      }
      payloadText = payload;
    } else if (payload !== null && typeof payload === 'object' && !Array.isArray(payload) && !ArrayBuffer.isView(payload)) {
      const why = unsignable(payload, 'the payload', 0);
      if (why) {
        throw fail({ code: 'ERR_SIGN_INPUT', part: 'payload', start: 0, end: 0, message: `Cannot sign faithfully: ${why}. Only plain objects and strings are signed.` });
      }
      let claims = payload;
      if (times) {
        let now = Date.now() / 1000;
        if (o.now !== undefined) {
          if (typeof o.now !== 'number' || !Number.isFinite(o.now)) throw misuse('options', 'options.now must be a finite number of seconds.');
          now = o.now;
        }
        now = Math.floor(now);
        claims = { ...payload };
        for (const [option, claim] of [['issuedAt', 'iat'], ['notBefore', 'nbf'], ['expiresIn', 'exp']]) {
          if (o[option] === undefined || o[option] === false) continue;
          if (payload[claim] !== undefined) {
            throw fail({ code: 'ERR_SIGN_INPUT', part: 'payload', start: 0, end: 0, message: `options.${option} and the payload's "${claim}" both set ${claim}: use one.` });
          }
          claims[claim] = option === 'issuedAt' ? now : now + seconds(o[option], option);
        }
      } else if (o.now !== undefined && (typeof o.now !== 'number' || !Number.isFinite(o.now))) {
        throw misuse('options', 'options.now must be a finite number of seconds.');
      }
      payloadText = toJson(claims, 'payload');
    } else {
      throw misuse('payload', 'The payload must be a plain object (the claims) or a string (signed as is).');
    }

    let header = null;
    if (o.header !== undefined && o.header !== null) {
      if (!isPlainObject(o.header)) throw misuse('options', 'options.header must be an object.');
      const why = unsignable(o.header, 'the header', 0);
      if (why) throw fail({ code: 'ERR_SIGN_INPUT', part: 'header', start: 0, end: 0, message: `Cannot sign faithfully: ${why}.` });
      header = o.header;
    }

    let format = 0;
    let text = '';
    let bytes;
    let jwkAlg;
    const k = keyInput(key, 'sign');
    if (k.bytes !== undefined) {
      bytes = k.bytes;
    } else if (k.jwk !== undefined) {
      text = k.text;
      format = formatIndex(k.jwk);
      jwkAlg = typeof key.alg === 'string' ? key.alg : undefined;
    } else {
      text = k.text;
      format = k.pem ? formatIndex('pem') : o.keyEncoding === undefined ? 0 : formatIndex(o.keyEncoding);
    }

    let alg = o.algorithm;
    if (alg === undefined && header !== null && typeof header.alg === 'string') alg = header.alg;
    // No algorithm named: the JWK's `alg`, else the core's default for the key (HS256, RS256, the curve's ES*, EdDSA).
    if (alg === undefined) alg = jwkAlg === undefined ? '' : jwkAlg;
    if (typeof alg !== 'string') throw misuse('options', 'options.algorithm must be a JWS algorithm name such as "HS256", "RS256", "ES256" or "EdDSA".');

    try {
      return raw.signJson(alg, header === null ? undefined : toJson(header, 'header'), payloadText, text, bytes, format);
    } catch (e) {
      if (typeof e === 'string') throw fail(toError(JSON.parse(e)));
      throw recover(e);
    }
  }

  /** Candidates are written in batches of about this many bytes: one call into wasm per batch. */
  const AUDIT_BATCH = 1 << 16;

  function auditSecret(token, candidates, options) {
    if (memory === null) start();
    if (typeof token !== 'string') throw misuse('token', 'auditSecret(token, candidates): the token must be a string.');
    if (candidates === null || candidates === undefined || typeof candidates[Symbol.iterator] !== 'function' || typeof candidates === 'string') {
      throw misuse('candidates', 'auditSecret(token, candidates): candidates must be an array or another iterable of strings and Uint8Arrays.');
    }
    const o = options === undefined || options === null ? NO_OPTIONS : options;
    if (typeof o !== 'object') throw misuse('options', 'The options must be an object.');
    if (o !== NO_OPTIONS) checkOptionNames(o, 'auditSecret');
    keyText = null; // the token and the candidates overwrite the key
    let answer;
    try {
      answer = raw.auditStart(put(token, 0));
    } catch (e) {
      throw recover(e);
    }
    if (answer !== '') {
      release();
      throw fail(toError(JSON.parse(answer)));
    }
    let tried = 0;
    try {
      let batch = [];
      let at = 0;
      const flush = () => (batch.length === 0 ? -1 : raw.auditBatch(at, batch.length));
      for (const c of candidates) {
        let bytes;
        if (typeof c === 'string') bytes = null;
        else if (c instanceof Uint8Array) bytes = c;
        else throw misuse('candidates', 'Each candidate must be a string or a Uint8Array.');
        // A 4-byte length, then the candidate's bytes.
        reserve(at + 4);
        const start = at + 4;
        const n = bytes === null ? put(c, start) : putBytes(bytes, start);
        const p = base + at;
        view[p] = n & 255;
        view[p + 1] = (n >>> 8) & 255;
        view[p + 2] = (n >>> 16) & 255;
        view[p + 3] = n >>> 24;
        at = start + n;
        batch.push(c);
        if (at >= AUDIT_BATCH) {
          const i = flush();
          if (i >= 0) return { found: true, secret: batch[i], tried: tried + i + 1 };
          tried += batch.length;
          batch = [];
          at = 0;
        }
      }
      const i = flush();
      if (i >= 0) return { found: true, secret: batch[i], tried: tried + i + 1 };
      tried += batch.length;
      return { found: false, tried };
    } catch (e) {
      throw recover(e);
    } finally {
      raw.auditEnd();
      release();
    }
  }

  return { inspect, verify, sign, auditSecret };
}

/**
 * The asynchronous audit's driver, shared by the Node entry (worker threads) and the browser entry (the calling
 * thread, yielding between chunks): candidates are pulled from the iterable in chunks, each lane (a
 * `run(items) → Promise<{ found, index, tried }>`) takes the next chunk when it is free, progress is reported
 * after each chunk, and an AbortSignal stops it at once. With several lanes the first match in the iterable's
 * order wins: every chunk before it has been tried when the promise settles.
 */
async function driveAudit(candidates, lanes, onProgress, signal, chunk) {
  const it = candidates[Symbol.iterator]();
  let offset = 0;
  let tried = 0;
  let done = false;
  let best = null;
  const next = () => {
    if (done || best !== null) return null;
    const items = [];
    while (items.length < chunk) {
      const r = it.next();
      if (r.done) {
        done = true;
        break;
      }
      items.push(r.value);
    }
    if (items.length === 0) return null;
    const at = offset;
    offset += items.length;
    return { at, items };
  };
  const aborted = new Promise((_, reject) => {
    if (!signal) return;
    const stop = () => reject(signal.reason !== undefined ? signal.reason : new Error('The audit was aborted.'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  const lane = async (run) => {
    for (let job = next(); job !== null; job = next()) {
      const r = await run(job.items);
      tried += r.found ? r.index + 1 : job.items.length;
      if (r.found && (best === null || job.at + r.index < best.at)) best = { at: job.at + r.index, secret: job.items[r.index] };
      if (onProgress) onProgress({ tried });
    }
  };
  await Promise.race([Promise.all(lanes.map(lane)), aborted]);
  return best !== null ? { found: true, secret: best.secret, tried: best.at + 1 } : { found: false, tried };
}

/** Reads the options of `auditSecretAsync`; `maxThreads` is what the runtime can give. */
function auditOptions(options, maxThreads, defaultThreads) {
  const o = options === undefined || options === null ? {} : options;
  if (typeof o !== 'object') throw misuse('options', 'The options must be an object.');
  for (const name of Object.keys(o)) {
    if (!['onProgress', 'signal', 'threads'].includes(name)) {
      throw misuse('options', `auditSecretAsync() has no option ${JSON.stringify(name)}. It takes: onProgress, signal, threads.`);
    }
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw misuse('options', 'options.onProgress must be a function.');
  if (o.signal !== undefined && (o.signal === null || typeof o.signal.aborted !== 'boolean')) throw misuse('options', 'options.signal must be an AbortSignal.');
  const threads = o.threads === undefined ? defaultThreads : o.threads;
  if (!Number.isInteger(threads) || threads < 1 || threads > maxThreads) {
    throw misuse('options', `options.threads must be a whole number from 1 to ${maxThreads} here.`);
  }
  return { onProgress: o.onProgress, signal: o.signal, threads };
}

/**
 * What `auditSecretAsync` checks before any work starts, the same everywhere: the token's own errors
 * (`ERR_NOT_HMAC`, …) and candidates that are not an iterable, thrown as `auditSecret` throws them.
 */
function auditPreflight(api, token, candidates) {
  api.auditSecret(token, []);
  if (candidates === null || candidates === undefined || typeof candidates[Symbol.iterator] !== 'function' || typeof candidates === 'string') {
    api.auditSecret(token, candidates);
  }
}

export { JwtInspectorError, bind, driveAudit, auditOptions, auditPreflight };
