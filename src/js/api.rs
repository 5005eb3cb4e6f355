//! The exported functions: the package's private interface to its JS wrapper (`npm/src/api.js`).
//!
//! `inspect` and `verify` read their input from a scratch buffer in wasm memory that the wrapper fills with
//! `TextEncoder.encodeInto` (wasm-bindgen's own string passing copies character by character in JS, which
//! cost more than the whole HMAC verification of a typical token). Each returns one JSON *array* text that
//! the wrapper gives to `JSON.parse` and then maps to the public objects: arrays of positional values parse
//! faster than objects with member names, and the objects the wrapper builds all have one shape.
//!
//! Conventions in the arrays: texts that are the same in every answer (codes, parts, lint ids, severities,
//! statuses, descriptions, RFC sections) are [`intern`](super::out::intern) indexes that the wrapper looks up
//! once with [`static_text`]; `-1` (for numbers and indexes) and `null` (for texts) mean "absent"; offsets
//! are UTF-16. Tuples:
//!
//! - error: `[code, part, start, end, message]`
//! - finding: `[id, severity, message, rfc, part | -1, start | -1, end | -1]`
//! - inspect: `[kind, header | null, payload (the JSON value, or null), signature, alg | null, claims,
//!   findings, notes, errors, payloadType | -1, headerFields, parts, token | null]` with claim
//!   `[name, value, description | -1, null | [iso, relative, status, seconds]]`, header field
//!   `[name, value, description | -1]` and part `[part, start, end, decodedLength | -1]`; `token` is `null`
//!   when it is the input itself. The array is followed by `\0` headerJson `\0` payloadJson: the display
//!   texts travel raw, not as escaped JSON strings (for a text or binary payload, `payload` is filled in from
//!   payloadJson). When nothing at all could be decoded the answer is `!` and the array of errors.
//! - verify: `[valid, alg | null, code | -1, message, keyBits | -1, kid | null, status, signatureVerified,
//!   keyIndex | -1, keyError | null, findings, notes]`, plus `header | null, payload, payloadType | -1` when
//!   the signature verified (the wrapper names them `header`/`payload` only when valid).
//! - sign: the token, or a thrown error tuple.

use std::borrow::Cow;
use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::out::Out;
use super::utf16::Offsets;
use crate::jwt::alg::Alg;
use crate::jwt::error::{ErrorCode, InspectError, Part, Span};
use crate::jwt::inspect::{hex, inspect};
use crate::jwt::json::{self, Json};
use crate::jwt::keys::{self, KeyFormat, KeySet};
use crate::jwt::lints::Finding;
use crate::jwt::sign::{header_for, sign_with_entropy};
use crate::jwt::token::{self, Decoded, Payload};
use crate::jwt::verify::{KeyInput, Verifier, VerifyOptions};

thread_local! {
    /// Input text written by the JS wrapper (see the module docs). Its length is its capacity.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes the scratch buffer at least `capacity` bytes long and returns where it is; the address stays valid
/// until the next call. `0` releases the buffer (the wrapper does so after a very large input).
#[wasm_bindgen]
pub fn scratch(capacity: usize) -> *mut u8 {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        if capacity == 0 {
            *s = Vec::new();
        } else if s.len() < capacity {
            s.resize(capacity, 0);
        }
        s.as_mut_ptr()
    })
}

/// This instance's `WebAssembly.Memory`, which the wrapper writes the scratch text into.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Runs `f` on the scratch buffer. The buffer is moved out of its cell while `f` runs, so no borrow is held:
/// if `f` traps (wasm has no unwinding), the cell is left empty rather than borrowed forever, and the next
/// call works (the wrapper sees [`scratch_capacity`] at 0 and writes its input again).
fn with_scratch<R>(f: impl FnOnce(&[u8]) -> R) -> R {
    let buffer = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let r = f(&buffer);
    SCRATCH.with(|s| *s.borrow_mut() = buffer);
    r
}

/// Bytes `start..start + len` of `buffer`, clamped to it.
fn range(buffer: &[u8], start: usize, len: usize) -> &[u8] {
    let start = start.min(buffer.len());
    &buffer[start..start.saturating_add(len).min(buffer.len())]
}

/// The scratch buffer's capacity (0 after a trap emptied it): the wrapper checks it before reusing what it
/// wrote there.
#[wasm_bindgen(js_name = scratchCapacity)]
pub fn scratch_capacity() -> usize {
    SCRATCH.with(|s| s.borrow().len())
}

/// The scratch text as `&str`. `encodeInto` always writes UTF-8 (lone surrogates become U+FFFD), so the
/// lossy path is a safety net, not a code path.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The static text with index `index` (the index an answer carries instead of the text), or `""`.
#[wasm_bindgen(js_name = staticText)]
pub fn static_text(index: usize) -> String {
    super::out::static_text(index)
        .unwrap_or_default()
        .to_owned()
}

/// The key format names, comma-separated, in the order of the `format` index the other functions take.
#[wasm_bindgen(js_name = keyFormats)]
pub fn key_formats() -> String {
    KeyFormat::ALL.map(KeyFormat::as_str).join(",")
}

/// The format index of key format name `name` (`utf8`, `hex`, …; case-insensitive, with the core's aliases
/// such as `utf-8`), or -1.
#[wasm_bindgen(js_name = keyFormatIndex)]
pub fn key_format_index(name: &str) -> i32 {
    KeyFormat::parse(name)
        .and_then(|f| KeyFormat::ALL.iter().position(|g| *g == f))
        .map_or(-1, |i| i as i32)
}

fn key_format(index: u32) -> KeyFormat {
    KeyFormat::ALL
        .get(index as usize)
        .copied()
        .unwrap_or_default()
}

/// [`inspect_json`] of the first `len` bytes of the scratch buffer.
#[wasm_bindgen(js_name = inspectScratch)]
pub fn inspect_scratch(len: usize, now: f64) -> String {
    with_scratch(|buffer| inspect_json(&text(range(buffer, 0, len)), now))
}

/// Inspects `input` at `now` (unix seconds): everything the core decodes and explains, in the inspect
/// format of the module docs.
pub fn inspect_json(input: &str, now: f64) -> String {
    let mut i = inspect(input, now);
    if !i.decoded.decoded_anything() {
        let pos = Offsets::new(input);
        let mut o = Out::with_capacity(256);
        errors(&mut o, &i.decoded.errors, &pos);
        return format!("!{}", o.finish());
    }
    // The answer carries the payload as the text the core parsed, not the parsed tree: the tree (the largest
    // structure for a big JSON payload) is freed before the answer is built, so the two never coexist.
    let payload_raw = match &i.decoded.payload {
        Some(Payload::Json(v)) => Some(
            decoded_text(&i.decoded, Part::Payload).map_or_else(|| v.to_compact(), str::to_owned),
        ),
        _ => None,
    };
    let payload_kind = i.decoded.payload.as_ref().map(payload_type);
    if payload_raw.is_some() {
        i.decoded.payload = None;
    }
    let d = &i.decoded;
    let pos = Offsets::new(input);
    let header_json = i.header_json.as_deref().unwrap_or_default();
    let payload_text = i.payload_text.as_deref().unwrap_or_default();
    // Room for everything at once (the raw payload is shorter than the input), so the text is never moved to
    // a larger block while both copies exist.
    let mut o = Out::with_capacity(input.len() + header_json.len() + payload_text.len() + 4096);
    o.open_array();
    o.static_str(d.kind.as_str());
    header_value(&mut o, d);
    match &payload_raw {
        Some(text) => {
            o.raw(text);
        }
        None => {
            o.raw("null");
        }
    }
    o.str(d.part_text(Part::Signature).unwrap_or_default());
    o.opt_str(d.alg.as_deref());

    o.open_array();
    for c in &i.claims {
        o.open_array().str(&c.name).json(&c.value);
        o.opt_static(c.description);
        match &c.time {
            Some(t) => {
                o.open_array().str(&t.iso).str(&t.relative);
                o.static_str(t.status.as_str()).num(t.seconds);
                o.close_array();
            }
            None => {
                o.raw("null");
            }
        }
        o.close_array();
    }
    o.close_array();

    findings(&mut o, &i.findings, &pos);
    o.open_array();
    for n in &d.notes {
        o.str(&n.message);
    }
    o.close_array();
    errors(&mut o, &d.errors, &pos);
    o.opt_static(payload_kind);

    o.open_array();
    for f in &i.header_fields {
        o.open_array().str(&f.name).json(&f.value);
        o.opt_static(f.description);
        o.close_array();
    }
    o.close_array();

    o.open_array();
    for p in &d.parts {
        let (start, end) = pos.span(p.span.start, p.span.end);
        o.open_array().static_str(p.part.as_str());
        o.uint(start).uint(end).opt_uint(p.decoded_len);
        o.close_array();
    }
    o.close_array();
    // `null` when clean-up left the input as it was: the wrapper has it already.
    o.opt_str((d.token != input).then_some(d.token.as_str()));
    o.close_array();

    let mut answer = o.finish();
    answer.reserve(header_json.len() + payload_text.len() + 2);
    answer.push('\0');
    answer.push_str(header_json);
    answer.push('\0');
    answer.push_str(payload_text);
    answer
}

/// The decoded text of the header or payload part (what the core parsed), when there is one.
fn decoded_text(d: &Decoded, part: Part) -> Option<&str> {
    match part {
        Part::Header => d.header_source.as_deref(),
        Part::Payload => d.payload_source.as_deref(),
        _ => None,
    }
}

/// A JSON value the core parsed from part `part`, written as the text it was parsed from (decoded again the
/// way the core decoded it): the core's parser is strict RFC 8259, the grammar `JSON.parse` takes, so the
/// wrapper's `JSON.parse` reads exactly what a `JSON.parse` of the original would (lone surrogate escapes
/// included, which the core itself turns into U+FFFD), and nothing is re-serialized.
fn json_value(o: &mut Out, d: &Decoded, part: Part, v: &Json) {
    match decoded_text(d, part) {
        Some(text) => o.raw(text),
        None => o.json(v),
    };
}

/// The header object, or `null` when it did not decode to an object.
fn header_value(o: &mut Out, d: &Decoded) {
    match &d.header {
        Some(h @ Json::Object(_)) => json_value(o, d, Part::Header, h),
        _ => {
            o.raw("null");
        }
    }
}

fn payload_type(p: &Payload) -> &'static str {
    match p {
        Payload::Json(_) => "json",
        Payload::Text(_) => "text",
        Payload::Binary(_) => "binary",
    }
}

/// A finding tuple (see the module docs).
pub(super) fn finding(o: &mut Out, f: &Finding, pos: &Offsets<'_>) {
    o.open_array();
    o.static_str(f.id()).static_str(f.severity.as_str());
    o.str(&f.message).static_str(f.rfc());
    o.opt_static(f.part.map(Part::as_str));
    match f.span {
        Some(span) => {
            let (start, end) = pos.span(span.start, span.end);
            o.uint(start).uint(end);
        }
        None => {
            o.raw("-1").raw("-1");
        }
    }
    o.close_array();
}

/// An array of finding tuples.
pub(super) fn findings(o: &mut Out, findings: &[Finding], pos: &Offsets<'_>) {
    o.open_array();
    for f in findings {
        finding(o, f, pos);
    }
    o.close_array();
}

/// An error tuple (see the module docs).
fn error(o: &mut Out, e: &InspectError, pos: &Offsets<'_>) {
    let (start, end) = pos.span(e.span.start, e.span.end);
    o.open_array();
    o.static_str(e.code.as_str()).static_str(e.part.as_str());
    o.uint(start).uint(end).str(&e.message);
    o.close_array();
}

fn errors(o: &mut Out, errors: &[InspectError], pos: &Offsets<'_>) {
    o.open_array();
    for e in errors {
        error(o, e, pos);
    }
    o.close_array();
}

/// An error tuple on its own, with offsets into `text`.
fn error_json(e: &InspectError, text: &str) -> String {
    let mut o = Out::with_capacity(256);
    error(&mut o, e, &Offsets::new(text));
    o.finish()
}

/// The last key verified with — its format index (or [`RAW_KEY`]), its text or bytes and the strictness it
/// was read with — and the core [`Verifier`] built from it, with the parsed keys and their keyed HMAC states.
/// Reused when the same key comes again, which is the common case (one service, one secret). Kept in wasm
/// memory only; never persisted, logged or returned.
struct CachedVerifier {
    format: u32,
    strict: bool,
    source: Vec<u8>,
    verifier: Verifier,
}

thread_local! {
    static LAST_KEY: RefCell<Option<CachedVerifier>> = const { RefCell::new(None) };
}

fn parse_key(key: KeyInput<'_>, strict: bool) -> Result<KeySet, InspectError> {
    match key {
        KeyInput::Text(text, format) => keys::parse_with(text, format, strict),
        KeyInput::Bytes(bytes) => keys::from_bytes(bytes),
    }
}

/// One name or several: `"api"` or `["api", "web"]`, as jose and PyJWT take them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single name.
    One(String),
    /// Several names.
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// The list-valued verify options, read from the JS options object by `serde-wasm-bindgen` (the scalar
/// options travel as numbers and booleans). Unknown members are ignored, as JS libraries do.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ListOptions {
    /// Allowed `alg` values.
    pub algorithms: Option<OneOrMany>,
    /// Accepted audiences.
    pub audience: Option<OneOrMany>,
    /// Accepted issuers.
    pub issuer: Option<OneOrMany>,
    /// Claims that must be present.
    pub required_claims: Option<OneOrMany>,
    /// Exact compact form only (default true; see `VerifyOptions::strict`).
    pub strict: Option<bool>,
    /// The expected `sub`.
    pub subject: Option<String>,
    /// The oldest accepted token, seconds since `iat` (the wrapper converts `"2h"`).
    pub max_age: Option<f64>,
    /// The expected header `typ`.
    pub typ: Option<String>,
}

/// The `format` index that means "the key is raw bytes" (a `Uint8Array` secret).
pub const RAW_KEY: u32 = 255;

/// Verification options from the scalars and the list options.
pub fn options(
    now: f64,
    leeway: f64,
    validate_claims: bool,
    lists: Option<ListOptions>,
) -> VerifyOptions {
    let mut opts = VerifyOptions::new(now);
    opts.leeway = leeway;
    opts.validate_claims = validate_claims;
    if let Some(l) = lists {
        opts.algorithms = l.algorithms.map(OneOrMany::into_vec);
        opts.audience = l.audience.map(OneOrMany::into_vec);
        opts.issuer = l.issuer.map(OneOrMany::into_vec);
        opts.required_claims = l
            .required_claims
            .map(OneOrMany::into_vec)
            .unwrap_or_default();
        opts.strict = l.strict.unwrap_or(true);
        opts.subject = l.subject;
        opts.max_age = l.max_age;
        opts.typ = l.typ;
    }
    opts
}

/// [`verify_json`] of the key at scratch bytes `0..key_len` (text in key format `format`, an index of
/// [`key_formats`], or raw bytes when `format` is [`RAW_KEY`]) and the token after it
/// (`key_len..key_len + token_len`). The key comes first so that the wrapper can leave it in place while
/// it verifies token after token with the same key.
#[wasm_bindgen(js_name = verifyScratch)]
pub fn verify_scratch(
    key_len: usize,
    token_len: usize,
    format: u32,
    now: f64,
    leeway: f64,
    validate_claims: bool,
    lists: JsValue,
) -> Result<String, JsError> {
    // `undefined` when the call has no list options (the common, fast case).
    let lists = if lists.is_undefined() || lists.is_null() {
        None
    } else {
        Some(
            serde_wasm_bindgen::from_value::<ListOptions>(lists)
                .map_err(|e| JsError::new(&format!("Invalid verify options: {e}")))?,
        )
    };
    let opts = options(now, leeway, validate_claims, lists);
    Ok(verify_scratch_with(key_len, token_len, format, &opts))
}

/// [`verify_scratch`] with the options already read.
pub fn verify_scratch_with(
    key_len: usize,
    token_len: usize,
    format: u32,
    opts: &VerifyOptions,
) -> String {
    with_scratch(|buffer| {
        let key = range(buffer, 0, key_len);
        let token = text(range(buffer, key_len, token_len));
        if format == RAW_KEY {
            return verify_json(&token, KeyInput::Bytes(key), opts);
        }
        verify_json(&token, KeyInput::Text(&text(key), key_format(format)), opts)
    })
}

/// Verifies `token` with `key` under `opts`, in the verify format of the module docs. Never fails. The
/// decoded header and payload are included only when the signature verified, so unauthenticated claims
/// are never handed out by `verify`. The core's [`Verifier`] decides everything; this only caches it for a
/// repeated key (moved out of its cell while it runs, so a trap cannot leave the cell borrowed).
pub fn verify_json(token: &str, key: KeyInput<'_>, opts: &VerifyOptions) -> String {
    let (format, source) = match key {
        KeyInput::Text(text, format) => {
            let index = KeyFormat::ALL.iter().position(|f| *f == format);
            (index.map_or(0, |i| i as u32), text.as_bytes())
        }
        KeyInput::Bytes(bytes) => (RAW_KEY, bytes),
    };
    let cached = LAST_KEY.with(|cell| cell.borrow_mut().take());
    let mut cached = match cached {
        Some(c) if c.format == format && c.strict == opts.strict && c.source == source => c,
        _ => CachedVerifier {
            format,
            strict: opts.strict,
            source: source.to_vec(),
            verifier: Verifier::from_keys(parse_key(key, opts.strict), opts.clone()),
        },
    };
    if cached.verifier.options() != opts {
        *cached.verifier.options_mut() = opts.clone();
    }
    let answer = verify_json_core(token, &cached.verifier, key);
    LAST_KEY.with(|cell| *cell.borrow_mut() = Some(cached));
    answer
}

/// [`verify_json`] without the cache: a fresh [`Verifier`] for every call. Tests check that both answer
/// alike.
#[doc(hidden)]
pub fn verify_json_reference(token: &str, key: KeyInput<'_>, opts: &VerifyOptions) -> String {
    let verifier = Verifier::from_keys(parse_key(key, opts.strict), opts.clone());
    verify_json_core(token, &verifier, key)
}

fn verify_json_core(token: &str, verifier: &Verifier, key: KeyInput<'_>) -> String {
    let d = token::decode(token);
    let v = verifier.verify_decoded(&d);
    let mut o = Out::with_capacity(512);
    o.open_array();
    o.bool(v.is_valid()).opt_str(v.alg.as_deref());
    o.opt_static(v.code.map(|c| c.as_str()));
    o.str(&v.message)
        .opt_uint(v.key_bits)
        .opt_str(v.kid.as_deref());
    o.static_str(v.status().as_str()).bool(v.signature_verified);
    o.opt_uint(v.key_index);
    match &v.key_error {
        Some(e) => {
            let key_text = match key {
                KeyInput::Text(text, _) => text,
                KeyInput::Bytes(_) => "",
            };
            o.raw(&error_json(e, key_text));
        }
        None => {
            o.raw("null");
        }
    }
    findings(&mut o, &v.findings, &Offsets::new(""));
    // The clean-ups lenient reading makes (or would make, when strict refused the token for needing them).
    o.open_array();
    for n in &d.notes {
        o.str(&n.message);
    }
    o.close_array();
    o.opt_static(v.key_type);
    o.opt_static(v.curve);
    if v.signature_verified {
        header_value(&mut o, &d);
        match &d.payload {
            Some(Payload::Json(p)) => json_value(&mut o, &d, Part::Payload, p),
            Some(Payload::Text(t)) => {
                o.str(t);
            }
            Some(Payload::Binary(b)) => {
                o.str(&hex(b));
            }
            None => {
                o.raw("null");
            }
        }
        o.opt_static(d.payload.as_ref().map(payload_type));
    }
    o.close_array();
    o.finish()
}

/// Signs `payload` (the exact text to protect) with `alg` (`""`: the key's default, see
/// `Key::default_alg`) under the default header plus the members of `header` (JSON text), with the key as
/// text (`format`) or, when `key_bytes` is given, raw bytes. Returns the compact token, or throws an error
/// tuple (offsets into the key text for key errors). RSA-PSS salts and RSA blinding come from
/// `crypto.getRandomValues` (getrandom), never from the core.
#[wasm_bindgen(js_name = signJson)]
pub fn sign_json(
    alg: &str,
    header: Option<String>,
    payload: &str,
    key: &str,
    key_bytes: Option<Vec<u8>>,
    format: u32,
) -> Result<String, String> {
    let fail = |e: InspectError, text: &str| error_json(&e, text);
    let sign_input = |part, message: String| {
        InspectError::new(ErrorCode::SignInput, part, Span::default(), message)
    };
    // Key text is read strictly, as `verify` reads it by default; which key may sign is the core's rule.
    let set = match key_bytes {
        Some(bytes) => keys::from_bytes(&bytes),
        None => keys::parse_with(key, key_format(format), true),
    }
    .map_err(|e| fail(e, key))?;
    let jws_alg = if alg.is_empty() {
        match set.keys.as_slice() {
            [k] => k.default_alg(),
            _ => Alg::HS256,
        }
    } else {
        Alg::from_name(alg).ok_or_else(|| {
            fail(
                sign_input(
                    Part::Header,
                    format!(
                        "Cannot sign with alg \"{alg}\": HS256/384/512, RS256/384/512, PS256/384/512, \
                         ES256/384/512 and EdDSA are supported."
                    ),
                ),
                "",
            )
        })?
    };
    let extra = match header.as_deref().map(json::parse) {
        None => None,
        Some(Ok(p)) => Some(p.value),
        Some(Err(e)) => {
            return Err(fail(
                sign_input(
                    Part::Header,
                    format!("The header is not JSON: {}", e.message),
                ),
                "",
            ))
        }
    };
    let header = header_for(jws_alg, extra.as_ref()).map_err(|e| fail(e, ""))?;
    let mut entropy = |b: &mut [u8]| getrandom::fill(b).is_ok();
    sign_with_entropy(&header, payload.as_bytes(), &set, Some(&mut entropy)).map_err(|e| {
        let text = if e.part == Part::Key { key } else { "" };
        fail(e, text)
    })
}

thread_local! {
    /// The token being audited (see [`audit_start`]).
    static AUDIT: RefCell<Option<crate::jwt::audit::Audit>> = const { RefCell::new(None) };
}

/// Prepares a weak-secret audit of the token in scratch bytes `0..len`: `""` when ready, else an error tuple
/// (`ERR_NOT_HMAC`, or why the token does not decode), offsets into the token.
#[wasm_bindgen(js_name = auditStart)]
pub fn audit_start(len: usize) -> String {
    with_scratch(|buffer| {
        let token = text(range(buffer, 0, len));
        match crate::jwt::audit::Audit::new(&token) {
            Ok(a) => {
                AUDIT.with(|cell| *cell.borrow_mut() = Some(a));
                String::new()
            }
            Err(e) => error_json(&e, &token),
        }
    })
}

/// Tries `count` candidates written at scratch bytes `0..len`, each as a little-endian `u32` length and its
/// bytes: the index of the token's secret among them, or -1 (also when no audit was started, or the batch is
/// cut short). The audit is moved out of its cell while it runs, so a trap cannot leave the cell borrowed.
#[wasm_bindgen(js_name = auditBatch)]
pub fn audit_batch(len: usize, count: usize) -> i32 {
    let Some(audit) = AUDIT.with(|cell| cell.borrow_mut().take()) else {
        return -1;
    };
    let found = with_scratch(|buffer| {
        let mut rest = range(buffer, 0, len);
        for i in 0..count {
            let Some((n, tail)) = rest.split_first_chunk::<4>() else {
                return -1;
            };
            let n = u32::from_le_bytes(*n) as usize;
            let Some(candidate) = tail.get(..n) else {
                return -1;
            };
            if audit.try_secret(candidate) {
                return i32::try_from(i).unwrap_or(i32::MAX);
            }
            rest = &tail[n..];
        }
        -1
    });
    AUDIT.with(|cell| *cell.borrow_mut() = Some(audit));
    found
}

/// Ends the audit (forgets the token).
#[wasm_bindgen(js_name = auditEnd)]
pub fn audit_end() {
    AUDIT.with(|cell| *cell.borrow_mut() = None);
}
