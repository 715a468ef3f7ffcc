#!/usr/bin/env bash
# Installs what is missing, then runs every check and test suite:
#   formatting, core purity, clippy (native and wasm32), native core tests,
#   a short fuzz run of the CSV and vCard readers, browser storage tests (wasm-bindgen-test in headless Chromium), and the
#   end-to-end tests (Playwright) against the release build under /crm/, with
#   the native backup decryptor built for their cross-check.
# Set CARGO_TARGET_DIR to reuse a build cache (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "core purity: src/core names no web crate"
if grep -rnE '\b(leptos|leptos_router|web_sys|wasm_bindgen|wasm_bindgen_futures|js_sys|gloo[a-z_]*|indexed_db_futures)\b' src/core; then
  echo "src/core must stay pure Rust (see src/core/mod.rs)" >&2
  exit 1
fi
echo "ok"

step "browser persistence: only src/storage names localStorage, IndexedDB or BroadcastChannel"
# Comment lines are left out; the storage layer is the only one allowed.
if grep -rnE '\bgloo_storage\b|\bIdb[A-Z][A-Za-z]*\b|\blocalStorage\b|\blocal_storage\b|\bindexed_db\b|\bBroadcastChannel\b' src \
  --exclude-dir=storage | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//'; then
  echo "only src/storage may touch browser persistence (see src/storage/mod.rs)" >&2
  exit 1
fi
echo "ok"

step "clippy (native)"
cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)"
# core's unit tests are native-only (proptest needs OS randomness), so the wasm
# lint covers the library, the binary and the browser tests.
cargo clippy --target wasm32-unknown-unknown --lib --bins --test storage --test state -- -D warnings

step "native tests (core)"
cargo test

step "fuzz the CSV and vCard readers (cargo-fuzz, 100,000 runs each from a fixed seed)"
bash scripts/fuzz.sh --ci

step "browser tests (storage and app state, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test storage --test state

step "release build under /crm/ (shared by e2e tests and the benchmark)"
trunk build --release --public-url /crm/ --dist dist-e2e
step "size budget: the first download (gzip) within 5 % of perf-budget.json"
(cd tests/e2e && node size.mjs check "$PWD/../../dist-e2e")

step "native backup decryptor (the e2e tests decrypt the browser's encrypted files with it)"
# durability.test.mjs finds it in $CARGO_TARGET_DIR (else target/) and, with
# CI or CRM_REQUIRE_NATIVE set, fails when it is missing.
cargo build --release --example backup_crypt

step "end-to-end tests (Playwright, headless Chromium)"
(cd tests/e2e && CRM_DIST="$PWD/../../dist-e2e" npm test)
