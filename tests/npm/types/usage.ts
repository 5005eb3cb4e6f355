// A TypeScript user of the package (ESM). Checked with `tsc --noEmit` (strict, skipLibCheck off) under
// Node and bundler module resolution by scripts/test-npm.sh; the @ts-expect-error lines must fail to compile.
import { auditSecret, auditSecretAsync, inspect, JwtInspectorError, sign, verify } from 'jwt-inspector';
import type {
  Claim,
  ErrorCode,
  ErrorPart,
  Finding,
  Inspection,
  InspectError,
  JsonObject,
  JsonValue,
  Jwk,
  Jwks,
  JwtPayload,
  LintId,
  VerifyCode,
  VerifyOptions,
  VerifyResult,
  VerifyStatus,
} from 'jwt-inspector';

const i: Inspection = inspect('eyJ…', { now: 1_700_000_000 });
const kind: 'jws' | 'jwe' | 'unsecured' = i.kind;
const alg: string | undefined = i.header?.alg === undefined ? undefined : String(i.header.alg);
const json: string = i.headerJson + i.payloadJson + i.signature + i.token;
if (i.payloadType === 'json') {
  const value: JsonValue = i.payload;
  void value;
} else if (i.payloadType === 'text') {
  const text: string = i.payload;
  void text;
} else if (i.payloadType === 'binary') {
  const bytes: Uint8Array = i.payload;
  void bytes;
} else {
  const none: null = i.payload;
  void none;
}
const claim: Claim | undefined = i.claims[0];
const status: 'valid' | 'expired' | 'not-yet-valid' | undefined = claim?.time?.status;
const finding: Finding | undefined = i.findings[0];
const id: LintId | undefined = finding?.id;
const severity: 'info' | 'warning' | 'danger' | undefined = finding?.severity;
const error: InspectError | undefined = i.errors[0];
const code: ErrorCode | undefined = error?.code;
const part: ErrorPart | undefined = error?.part;
const span: number = (error?.start ?? 0) + (error?.end ?? 0);
const notes: string[] = i.notes;

const options: VerifyOptions = {
  keyEncoding: 'hex',
  algorithms: ['HS256'],
  validateClaims: true,
  now: 1,
  leeway: 5,
  audience: ['api'],
  issuer: 'me',
  requiredClaims: ['sub'],
};
const r: VerifyResult<JsonValue | Uint8Array> = verify('t', 'k', options);
const valid: boolean = r.valid;
const why: VerifyCode | null = r.code;
const verifyStatus: VerifyStatus = r.status;
const bits: number | undefined = r.keyBits;
const kid: string | undefined = r.kid;
const message: string = r.message;
const jwk: Jwk = { kty: 'oct', k: 'AAAA', kid: 'a', alg: 'HS256' };
const jwks: Jwks = { keys: [jwk] };
verify('t', new Uint8Array(32));
verify('t', jwk);
verify('t', jwks);

interface MyClaims {
  sub: string;
  exp: number;
}
const mine: MyClaims = { sub: 'a', exp: 1 };
const token: string = sign(mine, 'k', { algorithm: 'HS512', header: { kid: 'x' }, keyEncoding: 'base64url' });
sign('a text payload', new Uint8Array(32));
sign({ sub: 'a' }, jwk);

try {
  inspect('');
} catch (e) {
  if (e instanceof JwtInspectorError) {
    const c: ErrorCode = e.code;
    const p: ErrorPart = e.part;
    const n: number = e.start + e.end;
    const all: InspectError[] = e.errors;
    const name: 'JwtInspectorError' = e.name;
    void [c, p, n, all, name];
  }
}
new JwtInspectorError('made by hand', { code: 'ERR_SIGN_INPUT', part: 'payload' });

// The result narrows on `valid`: the claims are there, typed, only for a valid token.
const checked = verify('t', 'k', { subject: 'a', maxAge: '2h', typ: 'JWT', algorithms: 'HS384' });
if (checked.valid) {
  const sub: string | undefined = checked.payload.sub;
  const exp: number | undefined = checked.payload.exp;
  const h: JsonObject = checked.header;
  void [sub, exp, h];
} else {
  const c: VerifyCode = checked.code;
  const nothing: undefined = checked.payload;
  const diagnostics: JsonValue | Uint8Array | null | undefined = checked.rejected?.payload;
  void [c, nothing, diagnostics, checked.notes];
}
interface Session {
  sub: string;
  role: 'admin' | 'user';
}
const session = verify<Session>('t', 'k');
if (session.valid) {
  const role: 'admin' | 'user' = session.payload.role;
  void role;
}
const anyPayload = verify('t', 'k', { validateClaims: false });
if (anyPayload.valid) {
  const p: JsonValue | Uint8Array = anyPayload.payload;
  void p;
}
const audited = auditSecret('t', ['secret', new Uint8Array([1, 2])]);
if (audited.found) {
  const secret: string | Uint8Array = audited.secret;
  void secret;
}
const triedCount: number = audited.tried;
void triedCount;
// Any AbortSignal (DOM or Node) fits: its shape is all the package uses (this usage file has no DOM types).
const signal = { aborted: false, reason: undefined, addEventListener: (_type: 'abort', _listener: () => void) => {} };
void auditSecretAsync('t', ['a'], { threads: 2, signal, onProgress: (p) => void p.tried }).then((r) => r.found);
verify('t', new ArrayBuffer(32));
verify('t', new DataView(new ArrayBuffer(32)));
sign({ sub: 'a' }, 'k', { expiresIn: '1h', notBefore: 0, issuedAt: true, now: 1 });

void [kind, alg, json, status, id, severity, code, part, span, notes, valid, why, verifyStatus, bits, kid, message, token];

// Asymmetric keys: PEM text, KeyObject-like values, JWKs; results name the key.
declare const pem: string;
const asym = verify('t', pem, { keyEncoding: 'pem', algorithms: ['RS256', 'ES256'] });
const keyType: 'oct' | 'RSA' | 'EC' | 'OKP' | undefined = asym.keyType;
const curve: 'P-256' | 'P-384' | 'P-521' | 'Ed25519' | undefined = asym.curve;
void keyType;
void curve;
sign({ sub: 'x' }, pem, { algorithm: 'PS256' });
sign({ sub: 'x' }, { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }, { algorithm: 'ES256' });
verify('t', { kty: 'OKP', crv: 'Ed25519', x: 'x' });

// What must not compile:
// @ts-expect-error the token is a string
inspect(42);
// @ts-expect-error keyEncoding is one of the listed names
verify('t', 'k', { keyEncoding: 'latin1' });
// @ts-expect-error validateClaims is a boolean
verify('t', 'k', { validateClaims: 'yes' });
// @ts-expect-error the key is a string, bytes, a JWK or a JWK Set
verify('t', 42);
// @ts-expect-error only the listed algorithms sign (not ES256K)
sign({}, 'k', { algorithm: 'ES256K' });
// @ts-expect-error a payload is an object or a string
sign(42, 'k');
// @ts-expect-error a JWK Set does not sign
sign({}, jwks);
// @ts-expect-error the payload is not always an object: narrow on payloadType first
const notAlwaysObject: JsonObject = i.payload;
// @ts-expect-error code is null when valid
const notNull: VerifyCode = r.code;
// @ts-expect-error the payload is there only when valid: an expired token's claims are never under payload
const leaked: JwtPayload = checked.payload;
// @ts-expect-error expiresIn is seconds or a text with a unit
sign({}, 'k', { expiresIn: true });
// @ts-expect-error not a lint id
const notALint: LintId = 'no-such-lint';
// @ts-expect-error the header may be null (it did not decode)
const header: JsonObject = i.header;
void [notAlwaysObject, notNull, notALint, header, leaked];
