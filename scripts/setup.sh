#!/usr/bin/env bash
# Installs, on a fresh machine, exactly what is missing to build, serve and test jwt-inspector.
# Idempotent: every step checks first. Follows ../shared/TOOLCHAIN.md (only crates.io, npm, PyPI and
# Debian apt are reachable, so nothing downloads binaries from elsewhere).
#
#   scripts/setup.sh          everything (what scripts/test.sh needs)
#   scripts/setup.sh app      only what scripts/serve.sh needs (no Chromium, no PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml / Cargo.lock
TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than 1.95
PYJWT_VERSION=2.10.1
CRYPTOGRAPHY_VERSION=51.0.1
CARGO_FUZZ_VERSION=0.13.2      # the fuzz smoke run (scripts/test-fuzz.sh); libFuzzer builds with the system C++ compiler
what=${1:-all}

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
has() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PATH"

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages first, in the background: they download while cargo compiles.
apt_pid=
if [ "$what" = all ] && ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
  log "apt: chromium chromium-driver (background)"
  ( sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq chromium chromium-driver ) \
    >.apt-install.log 2>&1 &
  apt_pid=$!
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "rustup: target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (~1.5 min)"
  # Not --locked: the lock file names a webpki-roots version that the registry mirror here lacks.
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (~5.5 min)"
  cargo install -q --locked trunk --version "$TRUNK_VERSION" --force
fi

if [ "$what" = all ] && [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  log "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (~0.5 min)"
  cargo install -q cargo-fuzz --version "$CARGO_FUZZ_VERSION" --force   # as ../shared/TOOLCHAIN.md verified it
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci (binaryen's wasm-opt, playwright-core, interop and benchmark peers)"
  # `npm install` as a fallback: it tolerates an optional dependency the registry mirror lacks.
  npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
fi

log "cargo fetch"
cargo fetch -q

if [ "$what" = all ]; then
  # PyJWT with `cryptography` (RS/PS/ES/EdDSA) for the interop suites and the vector generator.
  if ! PYTHONPATH=.tools/python python3 -c "import jwt, cryptography, sys; sys.exit(jwt.__version__ != '$PYJWT_VERSION' or cryptography.__version__ != '$CRYPTOGRAPHY_VERSION')" 2>/dev/null; then
    log "pip: PyJWT $PYJWT_VERSION and cryptography $CRYPTOGRAPHY_VERSION into .tools/python"
    python3 -m pip install -q --disable-pip-version-check --target .tools/python "PyJWT==$PYJWT_VERSION" "cryptography==$CRYPTOGRAPHY_VERSION"
  fi
  if [ -n "$apt_pid" ]; then
    log "waiting for apt"
    wait "$apt_pid" || { cat .apt-install.log; exit 1; }
  fi
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { log "chromium missing"; exit 1; }
fi
rm -f .apt-install.log
log "ready: $(rustc --version | cut -d' ' -f1-2), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), trunk $(trunk --version | awk '{print $2}'), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), node $(node --version)"
