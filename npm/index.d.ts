// Types of the public API of jwt-inspector. Checked by `tsc --noEmit` on tests/npm/types/usage.ts (which
// also lists what must not compile) and against the crate's code lists by tests/js_api.rs.

/** Any JSON value, as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object, as `JSON.parse` returns it. */
export interface JsonObject {
  [member: string]: JsonValue;
}

/** What the token is. */
export type TokenKind = "jws" | "jwe" | "unsecured";

/** The part of the input an error or a finding is about. `options`, `payload` and `header` for API misuse. */
export type ErrorPart =
  | "token"
  | "header"
  | "payload"
  | "signature"
  | "encrypted-key"
  | "iv"
  | "ciphertext"
  | "tag"
  | "key"
  | "options";

/** Stable error codes (append-only). `ERR_INVALID_ARGUMENT` is API misuse, from this package only. */
export type ErrorCode =
  | "ERR_EMPTY"
  | "ERR_PART_COUNT"
  | "ERR_EMPTY_PART"
  | "ERR_B64_CHAR"
  | "ERR_B64_LENGTH"
  | "ERR_B64_PADDING"
  | "ERR_UTF8"
  | "ERR_JSON_SYNTAX"
  | "ERR_JSON_DEPTH"
  | "ERR_HEADER_NOT_OBJECT"
  | "ERR_JSON_SERIALIZATION"
  | "ERR_KEY_EMPTY"
  | "ERR_KEY_BASE64"
  | "ERR_KEY_HEX"
  | "ERR_KEY_JSON"
  | "ERR_KEY_JWK"
  | "ERR_SIGN_INPUT"
  | "ERR_KEY_ASYMMETRIC"
  | "ERR_NOT_HMAC"
  | "ERR_KEY_PEM"
  | "ERR_KEY_DER"
  | "ERR_KEY_ENCRYPTED"
  | "ERR_KEY_UNSUPPORTED"
  | "ERR_KEY_VALUE"
  | "ERR_KEY_WEAK"
  | "ERR_KEY_ALG"
  | "ERR_INVALID_ARGUMENT";

/** Why a token did not verify (append-only). */
export type VerifyCode =
  | "MALFORMED"
  | "ALG_NONE"
  | "JWE_NOT_SUPPORTED"
  | "ALG_NOT_ALLOWED"
  | "UNSUPPORTED_ALG"
  | "CRIT_UNSUPPORTED"
  | "KEY_INVALID"
  | "KEY_NOT_FOUND"
  | "KEY_ALG_MISMATCH"
  | "INVALID_SIGNATURE"
  | "CLAIMS_NOT_OBJECT"
  | "INVALID_CLAIM"
  | "MISSING_CLAIM"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "IAT_IN_FUTURE"
  | "INVALID_AUDIENCE"
  | "INVALID_ISSUER"
  | "INVALID_SUBJECT"
  | "INVALID_TYP";

/** The coarse outcome of `verify`, for a UI. */
export type VerifyStatus = "valid" | "invalid" | "unsupported" | "key-error" | "not-applicable";

/** Kebab-case ids of the findings (append-only). */
export type LintId =
  | "alg-none"
  | "missing-alg"
  | "missing-signature"
  | "unsupported-alg"
  | "weak-hmac-key"
  | "well-known-secret"
  | "public-key-as-secret"
  | "missing-exp"
  | "long-lived"
  | "expired"
  | "not-yet-valid"
  | "iat-in-future"
  | "invalid-numeric-date"
  | "fractional-date"
  | "date-in-milliseconds"
  | "crit"
  | "token-supplied-key"
  | "suspicious-kid"
  | "unexpected-typ"
  | "duplicate-member"
  | "non-canonical-base64"
  | "sensitive-claim"
  | "non-json-payload"
  | "unencoded-payload"
  | "encrypted"
  | "nested-jwt"
  | "rsa-key-too-short"
  | "ecdsa-der-signature"
  | "signature-length"
  | "ecdsa-scalar-range"
  | "private-key-pasted"
  | "token-jwk-private"
  | "jwk-contradicts-token"
  | "jwks-kid"
  | "nbf-after-exp"
  | "certificate-validity";

export type Severity = "info" | "warning" | "danger";

/**
 * How a string key is read. `jwk` / `jwks` take the JSON text of a JWK or JWK Set; `pem` a PEM public key
 * (SPKI or PKCS#1), X.509 certificate or private key (PKCS#8, PKCS#1, SEC1). With `utf8` (the default), PEM
 * text and the JSON of an RSA/EC/OKP JWK are read as that key, and anything else is an HMAC secret.
 */
export type KeyEncoding = "utf8" | "base64" | "base64url" | "hex" | "jwk" | "jwks" | "pem";

/** The HMAC algorithms (a shared secret). */
export type HmacAlgorithm = "HS256" | "HS384" | "HS512";

/** The asymmetric algorithms (a private key signs, its public key verifies). */
export type AsymmetricAlgorithm =
  | "RS256"
  | "RS384"
  | "RS512"
  | "PS256"
  | "PS384"
  | "PS512"
  | "ES256"
  | "ES384"
  | "ES512"
  | "EdDSA";

/** Every algorithm this package signs and verifies. */
export type Algorithm = HmacAlgorithm | AsymmetricAlgorithm;

/** A key's JWK type: a secret, RSA, an EC (NIST curve) key, or an OKP (Ed25519) key. */
export type KeyType = "oct" | "RSA" | "EC" | "OKP";

/** The curve of an EC or OKP key. */
export type Curve = "P-256" | "P-384" | "P-521" | "Ed25519";

/** An AbortSignal (DOM or Node), as far as this package uses it. */
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
}

/** One problem in the input: what (`code`), where (`part`, UTF-16 `start`/`end`) and why (`message`). */
export interface InspectError {
  code: ErrorCode;
  part: ErrorPart;
  /** UTF-16 offsets into the string given: `input.slice(start, end)` is the bad text. */
  start: number;
  end: number;
  message: string;
}

/** A security finding. */
export interface Finding {
  id: LintId;
  severity: Severity;
  message: string;
  /** The RFC section the rule rests on, e.g. `"RFC 8725 §3.1"`. */
  rfc?: string;
  /** The part it is about, when one. */
  part?: ErrorPart;
  /** UTF-16 offsets into the token, when the finding is about particular characters. */
  start?: number;
  end?: number;
}

/** A NumericDate claim (`exp`, `nbf`, `iat`, `auth_time`, `updated_at`) made readable. */
export interface ClaimTime {
  /** ISO 8601 UTC, e.g. `2023-11-14T22:13:20Z`. */
  iso: string;
  /** Relative to now, e.g. `in 2 h 5 min`, `3 days ago`. */
  relative: string;
  status: "valid" | "expired" | "not-yet-valid";
  /** The value in seconds. */
  seconds: number;
}

/** One payload member, explained. */
export interface Claim {
  name: string;
  value: JsonValue;
  /** What the claim means, for registered and common OIDC/OAuth claims. */
  description?: string;
  time?: ClaimTime;
}

/** One header member, explained. */
export interface HeaderField {
  name: string;
  value: JsonValue;
  description?: string;
}

/** One dot-separated part of the token, with UTF-16 offsets into the input. */
export interface TokenPart {
  part: ErrorPart;
  start: number;
  end: number;
  /** Decoded length in bytes, when the part decoded. */
  decodedLength?: number;
}

/** The payload, by kind: a JWT has a JSON object; a JWS may sign any JSON, text or bytes; a JWE hides it. */
export type PayloadView =
  | { payloadType: "json"; payload: JsonValue }
  | { payloadType: "text"; payload: string }
  | { payloadType: "binary"; payload: Uint8Array }
  | { payloadType: null; payload: null };

export interface InspectionFields {
  kind: TokenKind;
  /** The header object (`JSON.parse` semantics); `null` when it did not decode to an object. */
  header: JsonObject | null;
  /** The signature part as base64url text (`""` for a JWE or an empty signature). */
  signature: string;
  /** The header pretty-printed (2 spaces), member order, duplicates and exact number digits kept. */
  headerJson: string;
  /** The payload for display: pretty JSON (exact digits), the text itself, lowercase hex, or `""`. */
  payloadJson: string;
  alg: string | null;
  claims: Claim[];
  findings: Finding[];
  /** Clean-ups made to the input (a `Bearer ` prefix removed, …). */
  notes: string[];
  /** Every problem found; non-empty for a broken token. */
  errors: InspectError[];
  headerFields: HeaderField[];
  parts: TokenPart[];
  /** The token text that was decoded (the input after clean-up). */
  token: string;
}

/** Everything `inspect` found. */
export type Inspection = InspectionFields & PayloadView;

export interface InspectOptions {
  /** The current time in unix seconds, for claim times and findings (default `Date.now() / 1000`). */
  now?: number | undefined;
}

/**
 * A JSON Web Key (RFC 7517, 7518 §6, 8037): `oct` (`k`), `RSA` (`n`, `e`; private: `d`, `p`, `q`, …), `EC`
 * (`crv` P-256/P-384/P-521, `x`, `y`; private: `d`) or `OKP` (`crv` Ed25519, `x`; private: `d`), optionally with
 * `x5c`. `alg`, `use` and `key_ops` restrict what the key may do, for verify and sign alike.
 */
export interface Jwk {
  kty: string;
  /** The secret, base64url (`kty: "oct"`). */
  k?: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  /** The private part (RSA, EC, OKP): needed to sign, never needed to verify. */
  d?: string;
  x5c?: string[];
  [member: string]: JsonValue | undefined;
}

/** A JSON Web Key Set (RFC 7517 §5): the key is picked by the token's `kid`, or each usable key is tried. */
export interface Jwks {
  keys: Jwk[];
}

/** A number of seconds, or a text with a unit: `"30s"`, `"15m"`, `"2h"`, `"7d"`, `"1w"`, `"1y"`. */
export type TimeSpan = number | `${number}${"s" | "m" | "h" | "d" | "w" | "y"}` | (string & {});

export interface VerifyOptions {
  /** How a string key is read (default `"utf8"`: the text's bytes, exactly). Not used for other key types. */
  keyEncoding?: KeyEncoding | undefined;
  /**
   * Allowed `alg` values. Default: the algorithms that fit the key (HS* for a secret, RS* or PS* for RSA, the
   * curve's ES* for EC, EdDSA for Ed25519). Either way a key only verifies its own algorithms, so listing both
   * `HS256` and `RS256` never lets a public key verify an HMAC token.
   */
  algorithms?: string | string[] | undefined;
  /** Check exp / nbf / iat / aud / iss / sub / maxAge / required claims after the signature (default `true`). */
  validateClaims?: boolean | undefined;
  /** The current time in unix seconds (default `Date.now() / 1000`). */
  now?: number | undefined;
  /** Seconds of clock skew tolerated for exp / nbf / iat / maxAge (default 0). jose: `clockTolerance`. */
  leeway?: number | undefined;
  /**
   * Accepted audiences: `aud` must contain one of them. With `strict` on (the default), a token that has an
   * `aud` claim fails with `INVALID_AUDIENCE` when this is not given (RFC 7519 §4.1.3, as in PyJWT).
   */
  audience?: string | string[] | undefined;
  /** Accepted issuers: `iss` must be one of them. */
  issuer?: string | string[] | undefined;
  /** The expected subject: `sub` must be exactly this (`INVALID_SUBJECT`, or `MISSING_CLAIM`). */
  subject?: string | undefined;
  /** The oldest token accepted, counted from `iat` (required then), like jose's `maxTokenAge` (`EXPIRED`). */
  maxAge?: TimeSpan | undefined;
  /** The expected header `typ` (RFC 8725 §3.11), e.g. `"JWT"` or `"at+jwt"`; checked whenever given (`INVALID_TYP`). */
  typ?: string | undefined;
  /** Claims that must be present (a `null` value counts as missing). */
  requiredClaims?: string | string[] | undefined;
  /**
   * Accept only the exact compact form (default `true`): a token with a `Bearer ` prefix, whitespace, quotes,
   * `=` padding, `+`/`/` or stray trailing bits is `MALFORMED`, so one token has one spelling; the result's
   * `notes` then say what clean-up `strict: false` would make.
   */
  strict?: boolean | undefined;
}

/** The registered claims (RFC 7519 §4.1), and any others. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: JsonValue | undefined;
}

/** What every `verify` result has. */
interface VerifyResultBase {
  alg: string | null;
  /** One plain sentence, also when valid. */
  message: string;
  /** Size of the key that matched (or of the one key tried), in bits: secret length, RSA modulus or curve size. */
  keyBits?: number;
  /** Its type. */
  keyType?: KeyType;
  /** Its curve (EC and OKP keys). */
  curve?: Curve;
  /** `kid` of the matching JWK, when it has one. */
  kid?: string;
  /** Index of the matching key in a JWK Set. */
  keyIndex?: number;
  /** Why the key could not be read (with `code: "KEY_INVALID"`); offsets are into the key string. */
  keyError?: InspectError;
  /** Findings about the key and signature: weak-hmac-key, public-key-as-secret, rsa-key-too-short, private-key-pasted, ecdsa-der-signature, … */
  findings: Finding[];
  /** The clean-ups lenient reading makes (with `strict` on, what `strict: false` would have cleaned up). */
  notes: string[];
}

/** A verified token: signature and (unless turned off) claims. */
export interface VerifySuccess<T = JwtPayload> extends VerifyResultBase {
  valid: true;
  code: null;
  status: "valid";
  signatureVerified: true;
  header: JsonObject;
  /** The claims (with `validateClaims: false`, whatever the payload is: see `payloadType`). */
  payload: T;
  payloadType: "json" | "text" | "binary";
  rejected?: undefined;
}

/** A token that did not verify. Its claims are never under `payload`. */
export interface VerifyFailure extends VerifyResultBase {
  valid: false;
  /** Why not. */
  code: VerifyCode;
  status: Exclude<VerifyStatus, "valid">;
  /** True when the signature matched but a claim or `typ` check failed. */
  signatureVerified: boolean;
  header?: undefined;
  payload?: undefined;
  payloadType?: undefined;
  /** When the signature verified but the token was rejected (e.g. `EXPIRED`): what it says, for diagnostics only. */
  rejected?: { header: JsonObject | null; payload: JsonValue | Uint8Array | null; payloadType: "json" | "text" | "binary" | null };
}

/** The outcome of `verify`: a value, never an exception, for any token. Narrow it with `if (r.valid)`. */
export type VerifyResult<T = JwtPayload> = VerifySuccess<T> | VerifyFailure;

/** A Node `KeyObject`: a secret (HMAC), or a public or private key (read through its PEM export). */
export interface KeyObjectLike {
  readonly type: "secret" | "public" | "private";
  export(options?: { type?: string; format?: string }): Uint8Array | string;
  equals(other: KeyObjectLike): boolean;
}

/** A secret's bytes, however held. */
export type SecretBytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * A key for `verify`: a string (a secret per `keyEncoding`, or PEM text), a secret's bytes, a Node KeyObject,
 * a JWK or a JWK Set.
 */
export type VerifyKey = string | SecretBytes | KeyObjectLike | Jwk | Jwks;

/** One JWK: a JWK Set cannot sign. */
export type SigningJwk = Jwk & { keys?: "A JWK Set cannot sign: pass one of its keys" };

/** A key for `sign`: a string (a secret per `keyEncoding`, or a PEM private key), a secret's bytes, a Node KeyObject or one JWK (private, for asymmetric algorithms). */
export type SignKey = string | SecretBytes | KeyObjectLike | SigningJwk;

export interface SignOptions {
  /**
   * Default: the header's `alg`, else the JWK's `alg`, else the key's own: `HS256` for a secret, `RS256` for
   * RSA, `ES256`/`ES384`/`ES512` for P-256/P-384/P-521, `EdDSA` for Ed25519.
   */
  algorithm?: Algorithm | undefined;
  /** Extra header members (a plain object), after `alg` and `typ` (`typ` is `"JWT"` unless given here). */
  header?: JsonObject | undefined;
  /** How a string key is read (default `"utf8"`). */
  keyEncoding?: KeyEncoding | undefined;
  /** Adds `exp` = now + this (an object payload only; the payload must not have `exp`). */
  expiresIn?: TimeSpan | undefined;
  /** Adds `nbf` = now + this. */
  notBefore?: TimeSpan | undefined;
  /** Adds `iat` = now (default `false`: nothing is added unless asked). */
  issuedAt?: boolean | undefined;
  /** The clock for `expiresIn`, `notBefore` and `issuedAt`, unix seconds (default `Date.now() / 1000`). */
  now?: number | undefined;
}

/**
 * Decodes and explains a token (a `Bearer …` header value, quotes and line breaks are cleaned up and
 * reported in `notes`). A broken token returns everything decodable plus a non-empty `errors`.
 * @throws {JwtInspectorError} only when nothing at all can be decoded (e.g. `ERR_EMPTY`), or when
 *   `token` is not a string (`ERR_INVALID_ARGUMENT`).
 */
export declare function inspect(token: string, options?: InspectOptions): Inspection;

/**
 * Verifies a token — HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA (Ed25519) — and
 * (by default) its claims, like jose and PyJWT. The key is only ever the one given, never one the token carries.
 * Never throws for a malformed token, a bad key or a bad signature: `valid: false` with a stable `code`.
 * `T` types the claims of a valid result, like jose's `jwtVerify<T>`.
 * @throws {JwtInspectorError} `ERR_INVALID_ARGUMENT` for API misuse only (a token that is not a string, a
 *   key of no accepted kind, an unknown option name, an option of the wrong type).
 */
export declare function verify<T extends object = JwtPayload>(
  token: string,
  key: VerifyKey,
  options?: VerifyOptions & { validateClaims?: true | undefined },
): VerifyResult<T>;
/** When claims may not be validated (`validateClaims: false`), a valid result's payload is whatever the token carries. */
export declare function verify(token: string, key: VerifyKey, options: VerifyOptions): VerifyResult<JsonValue | Uint8Array>;

/**
 * Signs a payload: a plain object (the claims) is signed as its `JSON.stringify` text, a string as its exact
 * UTF-8 text (so a JSON text keeps its number digits). Nothing is added to the payload unless asked
 * (`expiresIn`, `notBefore`, `issuedAt`). A Map, a Date, a class instance or a `toJSON` object is refused.
 * Asymmetric algorithms sign with a private key (PEM or JWK with `d`); RSA-PSS salts come from
 * `crypto.getRandomValues`, ECDSA (RFC 6979), Ed25519 and RS* are deterministic.
 * @throws {JwtInspectorError} e.g. `ERR_SIGN_INPUT` (unsupported algorithm, a value JSON cannot hold
 *   faithfully), `ERR_KEY_EMPTY`, `ERR_KEY_HEX`, `ERR_KEY_PEM` (with offsets into the key string), `ERR_KEY_ALG`
 *   (a public key, or a key of another type or curve), `ERR_INVALID_ARGUMENT`.
 */
export declare function sign(payload: object | string, key: SignKey, options?: SignOptions): string;

/** What `auditSecret` found. */
export type AuditResult =
  | { found: true; secret: string | Uint8Array; tried: number }
  | { found: false; secret?: undefined; tried: number };

/**
 * The weak-secret audit: tries each candidate as the HMAC secret of `token` (HS256/384/512) and returns the
 * first that verifies, with how many were tried (up to and including it). Synchronous; candidates are streamed
 * from the iterable in batches, so a generator over a huge wordlist works without holding it in memory.
 * @throws {JwtInspectorError} `ERR_NOT_HMAC` for a token that is not an HMAC JWS (or the decode error of a
 *   broken one); `ERR_INVALID_ARGUMENT` for candidates that are not strings or Uint8Arrays.
 */
export declare function auditSecret(token: string, candidates: Iterable<string | Uint8Array>, options?: Record<string, never>): AuditResult;

export interface AuditOptions {
  /** Called after each chunk of candidates with how many were tried so far. */
  onProgress?: ((progress: { tried: number }) => void) | undefined;
  /** Stops the audit promptly: the promise rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignal | undefined;
  /** Worker threads in Node, Web Workers in browsers and bundles (default: one per core); 1 runs on the calling thread, yielding between chunks. */
  threads?: number | undefined;
}

/** `auditSecret` without blocking: over worker threads in Node and Web Workers in browsers; the same answer. */
export declare function auditSecretAsync(token: string, candidates: Iterable<string | Uint8Array>, options?: AuditOptions): Promise<AuditResult>;

export interface JwtInspectorErrorDetails {
  code: ErrorCode;
  part: ErrorPart;
  start?: number | undefined;
  end?: number | undefined;
  errors?: InspectError[] | undefined;
}

/** The error `inspect` and `sign` throw (and `verify`, for API misuse only). */
export declare class JwtInspectorError extends Error {
  constructor(message: string, details: JwtInspectorErrorDetails);
  readonly name: "JwtInspectorError";
  readonly code: ErrorCode;
  readonly part: ErrorPart;
  /** UTF-16 offsets into the input: `input.slice(start, end)` is the bad text. */
  readonly start: number;
  readonly end: number;
  /** Every problem found (the first is this error's own). */
  readonly errors: InspectError[];
}
