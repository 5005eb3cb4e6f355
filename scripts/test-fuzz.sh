#!/usr/bin/env bash
# The fuzz smoke run (issue 12), run by scripts/test.sh: builds every coverage-guided fuzz target in fuzz/
# (cargo-fuzz and libFuzzer on stable Rust, RUSTC_BOOTSTRAP=1 for its nightly flags) and runs each from its
# committed corpus for a few seconds. Any crash, timeout (> 1 s per input) or out-of-memory (> 512 MB) fails.
# The smoke run is a debug build without a sanitizer (overflow checks on; a cold build takes ~30 s instead
# of ~2 min); the long runs use AddressSanitizer in release and their figures are in fuzz/README.md.
#
#   scripts/test-fuzz.sh            every target, FUZZ_SECONDS (default 1) each
#   scripts/test-fuzz.sh verify     one target
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
seconds=${FUZZ_SECONDS:-1}
targets=${*:-$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^jwt-inspector-fuzz$')}

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: run scripts/setup.sh" >&2; exit 1; }
cargo fuzz build --dev -s none
for t in $targets; do
  # The corpus is read, not written: a smoke run must leave the committed files as they are.
  scratch=$(mktemp -d)
  printf '[fuzz] %-20s ' "$t"
  cargo fuzz run --dev -s none "$t" "$scratch" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=1 -rss_limit_mb=512 -print_final_stats=1 2>"$scratch.log" \
    || { cat "$scratch.log" >&2; rm -rf "$scratch" "$scratch.log"; exit 1; }
  grep -E '^stat::number_of_executed_units' "$scratch.log" | awk '{print $2 " executions, no crash"}'
  rm -rf "$scratch" "$scratch.log"
done
