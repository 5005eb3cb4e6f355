// A TypeScript user of the package through require() (CommonJS types, index.d.cts).
import jwt = require('jwt-inspector');

const r: jwt.VerifyResult = jwt.verify('t', 'k', { leeway: 30 });
const i: jwt.Inspection = jwt.inspect('t');
const token: string = jwt.sign({ sub: 'a' }, 'k');
const isError = (e: unknown): e is jwt.JwtInspectorError => e instanceof jwt.JwtInspectorError;
void [r.valid, i.kind, token, isError];
// @ts-expect-error options are typed here too
jwt.verify('t', 'k', { leeway: '30' });
