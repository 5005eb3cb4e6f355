#!/usr/bin/env bash
# The npm package's tests (issue 4), run by scripts/test.sh:
#   1. build pkg/ (scripts/build-npm.sh);
#   2. the js layer natively (the cached Verifier against a fresh one, JSON writer, UTF-16 offsets) and as a
#      wasm-bindgen-test suite in Node (tests/js_api.rs);
#   3. `npm pack`, the tarball installed into a temporary project (target/npm-test/project, inside the repo so
#      that the dev tools and interop peers of the root node_modules resolve from it), and there:
#      node:test suites (tests/npm: the public vectors, errors and offsets, claims, round trips, the security
#      review's findings (security.test.mjs), require(),
#      interop with PyJWT, jose and jsonwebtoken, a Vite bundle and plain ESM in headless Chromium) and the
#      `tsc --noEmit` type test (tests/npm/types).
# Exits non-zero on any failure. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

start=$(date +%s)
step() { printf '\n\033[1m== npm: %s (%ss)\033[0m\n' "$*" "$(( $(date +%s) - start ))"; }

if ! PYTHONPATH=.tools/python python3 -c "import jwt" 2>/dev/null || [ ! -x node_modules/.bin/vite ]; then
  step "set-up (PyJWT or npm devDependencies missing)"
  scripts/setup.sh
fi

step "build pkg/"
scripts/build-npm.sh

step "js layer, natively (cached Verifier vs fresh, JSON writer, UTF-16 offsets)"
cargo test -q --features js --lib js::
cargo test -q --features js --test js_api

step "js layer in Node (wasm-bindgen-test)"
# No -q here: cargo would pass --quiet on to wasm-bindgen-test-runner, which rejects it.
cargo test --target wasm32-unknown-unknown --features js --test js_api

step "npm pack, install the tarball into a temporary project"
work="$root/target/npm-test"
project="$work/project"
rm -rf "$work"
mkdir -p "$project"
tarball="$work/$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n1)"
[ -f "$tarball" ] || { echo "npm pack produced no tarball" >&2; exit 1; }
# Exactly the files the package means to ship.
expected='LICENSE
README.md
api.cjs
api.js
audit-worker.cjs
audit-worker.js
browser.js
index.d.cts
index.d.ts
node.cjs
node.mjs
package.json
wasm/bytes.js
wasm/jwt_inspector_bg.wasm
wasm/node.cjs
wasm/web.js'
actual=$(tar -tzf "$tarball" | sed 's#^package/##' | sort)
if [ "$actual" != "$expected" ]; then
  echo "unexpected tarball contents:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
cat > "$project/package.json" <<'EOF'
{ "name": "jwt-inspector-user", "private": true, "type": "module" }
EOF
(cd "$project" && npm install --no-audit --no-fund --loglevel=error "$tarball")
cp tests/npm/*.mjs tests/npm/*.cjs tests/chromium.mjs "$project/"
cp -r tests/npm/types "$project/types"

step "node:test suites against the installed tarball"
(cd "$project" && JWTI_REPO="$root" node --test --test-reporter=spec \
  api.test.mjs security.test.mjs migration.test.mjs audit.test.mjs readme.test.mjs cjs.test.cjs interop.test.mjs asymmetric.test.mjs bundle.test.mjs)

step "TypeScript: tsc --noEmit on a usage file (nodenext, node16 and bundler resolution)"
(cd "$project/types" && tsc --noEmit -p tsconfig.json && tsc --noEmit -p tsconfig.node16.json && tsc --noEmit -p tsconfig.bundler.json)

wasm="$project/node_modules/jwt-inspector/wasm/jwt_inspector_bg.wasm"
step "npm tests passed: tarball $(stat -c %s "$tarball") bytes, wasm $(stat -c %s "$wasm") bytes ($(gzip -9 -c "$wasm" | wc -c) gzip -9)"
