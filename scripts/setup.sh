#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --test, to test) the CRM on
# a Debian/Ubuntu machine that has rustup, Node.js/npm and apt. Safe to run
# again: each step checks first. Source it to get PATH set up:
#   source scripts/setup.sh [--test]
# Nothing here downloads a browser or a prebuilt binary from outside the
# package registries (crates.io, npm, Debian).
set -euo pipefail

crm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_test_tools=0
[ "${1:-}" = "--test" ] && want_test_tools=1

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. The wasm target and the lint tools.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

# 2. Trunk 0.21.14: the last release that builds with rustc 1.95.
if ! trunk --version 2>/dev/null | grep -qx 'trunk 0.21.14'; then
  say "installing trunk 0.21.14 (a few minutes)"
  cargo install --locked trunk --version 0.21.14
fi

# 3. wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$crm_root/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes)"
  # Without --locked: one of its pinned dependencies is no longer on crates.io.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# 4. npm packages: binaryen's wasm-opt (Debian's binaryen 108 breaks the
#    module) and, for tests, playwright-core and @axe-core/playwright (the
#    accessibility checks). Pinned in tests/e2e/package-lock.json.
if [ ! -x "$crm_root/tests/e2e/node_modules/.bin/wasm-opt" ] || [ ! -d "$crm_root/tests/e2e/node_modules/playwright-core" ] \
  || [ "$crm_root/tests/e2e/package-lock.json" -nt "$crm_root/tests/e2e/node_modules/.package-lock.json" ]; then
  say "installing npm packages (binaryen, playwright-core, @axe-core/playwright)"
  (cd "$crm_root/tests/e2e" && npm ci --no-audit --no-fund)
fi
export PATH="$crm_root/tests/e2e/node_modules/.bin:$PATH"

# 5. For tests: Debian's chromium and chromedriver.
if [ "$want_test_tools" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing chromium and chromium-driver from Debian"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver
fi
say "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}')"
