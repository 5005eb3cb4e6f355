// Node entry for `import … from "jwt-inspector"`: the CommonJS build, re-exported, so that `import` and
// `require` in one program share one wasm instance (and one `JwtInspectorError` class).
import cjs from './node.cjs';

export const { JwtInspectorError, inspect, verify, sign, auditSecret, auditSecretAsync } = cjs;
