#!/usr/bin/env bash
# Builds the app (release, wasm-opt) and serves dist/ on http://127.0.0.1:${PORT:-8080}/ — a static server
# with no live-reload websocket (the page's CSP forbids every connection).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # binaryen's wasm-opt first
trunk build --release --offline
exec node tests/e2e/serve.mjs dist "${PORT:-8080}"
