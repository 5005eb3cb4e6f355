#!/usr/bin/env bash
# The app's tests (issue 3), run by scripts/test.sh:
#   1. the UI state reducer and helpers, natively (cargo test --features ui --lib ui::);
#   2. the wasm-bindgen-test browser suite that mounts real components in headless Chromium (tests/ui_app.rs);
#   3. a release build of dist/ with trunk, served on 127.0.0.1 by the suite itself, and the end-to-end suite
#      (tests/e2e/app.test.mjs: playwright-core driving /usr/bin/chromium; screenshots in tests/e2e/artifacts/).
# Exits non-zero on any failure. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # binaryen's wasm-opt first, pinned tools
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

start=$(date +%s)
step() { printf '\n\033[1m== app: %s (%ss)\033[0m\n' "$*" "$(( $(date +%s) - start ))"; }

step "UI state and helpers (native unit tests)"
cargo test -q --features ui --lib ui::

step "UI components in headless Chromium (wasm-bindgen-test)"
# No -q here: cargo would pass --quiet on to wasm-bindgen-test-runner, which rejects it.
WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --features ui --test ui_app

step "build dist/ (trunk --release, wasm-opt, CSP post-build hook)"
trunk build --release --offline

step "end-to-end suite against dist/ on 127.0.0.1 (playwright-core + Chromium)"
node --test --test-reporter=spec tests/e2e/app.test.mjs tests/e2e/a11y.test.mjs

step "app tests passed"
