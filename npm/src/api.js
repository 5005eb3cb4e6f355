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
    if (a.length > 11) {
      r.header = a[11];
      const payloadType = a[13] < 0 ? null : text(a[13]);
      r.payload = payloadType === 'binary' ? fromHex(a[12]) : a[12];
      r.payloadType = payloadType;
    }
    return r;
  }

  function verify(token, key, options) {
    if (memory === null) start();
    if (typeof token !== 'string') throw misuse('token', 'verify(token, key): the token must be a string.');
    const o = options === undefined || options === null ? NO_OPTIONS : options;
    if (typeof o !== 'object') throw misuse('options', 'The options must be an object.');

    let format;
    let text = null;
    let bytes = null;
    if (typeof key === 'string') {
      format = o.keyEncoding === undefined ? 0 : formatIndex(o.keyEncoding);
      text = key;
    } else if (key instanceof Uint8Array) {
      format = RAW_KEY;
      bytes = key;
    } else if (isJwkLike(key)) {
      text = JSON.stringify(key);
      format = formatIndex(key.keys === undefined ? 'jwk' : 'jwks');
    } else {
      throw misuse('key', 'The key must be a string, a Uint8Array, a JWK or a JWK Set (a plain object).');
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
    if (o.algorithms !== undefined || o.audience !== undefined || o.issuer !== undefined || o.requiredClaims !== undefined || o.strict !== undefined) {
      // Read on the Rust side by serde-wasm-bindgen (typed `ListOptions`); validated here first so that a
      // mistake is an ERR_INVALID_ARGUMENT naming the option.
      lists = {
        algorithms: stringList(o.algorithms, 'algorithms'),
        audience: stringList(o.audience, 'audience'),
        issuer: stringList(o.issuer, 'issuer'),
        requiredClaims: stringList(o.requiredClaims, 'requiredClaims'),
        strict: o.strict,
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

    let payloadText;
    if (typeof payload === 'string') payloadText = payload;
    else if (isPlainObject(payload)) payloadText = toJson(payload, 'payload');
    else throw misuse('payload', 'The payload must be an object (the claims) or a string (signed as is).');

    let header = null;
    if (o.header !== undefined && o.header !== null) {
      if (!isPlainObject(o.header)) throw misuse('options', 'options.header must be an object.');
      header = o.header;
    }

    let format = 0;
    let text = '';
    let bytes;
    let jwkAlg;
    if (typeof key === 'string') {
      format = o.keyEncoding === undefined ? 0 : formatIndex(o.keyEncoding);
      text = key;
    } else if (key instanceof Uint8Array) {
      bytes = key;
    } else if (isJwkLike(key)) {
      text = JSON.stringify(key);
      format = formatIndex(key.keys === undefined ? 'jwk' : 'jwks');
      jwkAlg = typeof key.alg === 'string' ? key.alg : undefined;
    } else {
      throw misuse('key', 'The key must be a string, a Uint8Array or a JWK.');
    }

    let alg = o.algorithm;
    if (alg === undefined && header !== null && typeof header.alg === 'string') alg = header.alg;
    if (alg === undefined) alg = jwkAlg === undefined ? 'HS256' : jwkAlg;
    if (typeof alg !== 'string') throw misuse('options', 'options.algorithm must be "HS256", "HS384" or "HS512".');

    try {
      return raw.signJson(alg, header === null ? undefined : toJson(header, 'header'), payloadText, text, bytes, format);
    } catch (e) {
      if (typeof e === 'string') throw fail(toError(JSON.parse(e)));
      throw recover(e);
    }
  }

  return { inspect, verify, sign };
}

export { JwtInspectorError, bind };
