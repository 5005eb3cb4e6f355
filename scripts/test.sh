#!/usr/bin/env bash
# Runs every test jwt-inspector has, after installing what is missing (scripts/setup.sh).
# This is the README's test command and what CI (.ci/run) calls on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TERM_COLOR=never

start=$(date +%s)
step() { printf '\n\033[1m== %s (%ss)\033[0m\n' "$*" "$(( $(date +%s) - start ))"; }

step "set-up"
scripts/setup.sh

step "format and lints (each feature set)"
cargo fmt --all -- --check
cargo clippy -q --all-targets -- -D warnings
cargo clippy -q --all-targets --features js -- -D warnings
cargo clippy -q --all-targets --features ui -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown --lib --bins --features ui -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown --lib --features js -- -D warnings
step "the core has no wasm/js/web/yew dependency and no random source"
if cargo tree -e normal --no-default-features --prefix none | grep -E '^(wasm-bindgen|js-sys|web-sys|yew|getrandom) '; then
  echo "the core build pulls in a wasm/web dependency" >&2; exit 1
fi

step "native: unit, integration and property tests"
cargo test -q --all-targets
cargo test -q --doc

step "wasm32 in Node: the core suite (wasm-bindgen-test)"
# No -q here: cargo passes it on to wasm-bindgen-test-runner, which rejects --quiet.
cargo test --target wasm32-unknown-unknown --tests
step "wasm32 in headless Chromium: the core suite"
WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --tests

# Each suite script must exist: a missing one is a failure, never a silent skip.
for extra in scripts/test-npm.sh scripts/test-e2e.sh scripts/test-fuzz.sh; do
  step "$extra"
  "$extra"
done

step "all tests passed"
