#!/usr/bin/env bash
# Runs the fuzz targets for the CSV and vCard readers (fuzz/fuzz_targets) for
# a short time each, with cargo-fuzz (libFuzzer + AddressSanitizer):
#   bash scripts/fuzz.sh [seconds per target = 30]
# Each target also checks properties (sliced reading = whole reading, write
# then read gives the same cells), so a run fails on a wrong answer as well as
# on a panic. A failing input is saved under fuzz/artifacts/<target>/.
#
# cargo-fuzz needs rustc's unstable -Z flags. This machine has only the stable
# toolchain (no nightly can be fetched), so RUSTC_BOOTSTRAP=1 lets the stable
# compiler accept them; the sanitizer runtimes ship with stable's rust-std.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
# libFuzzer is C++, built by the libfuzzer-sys crate.
if ! command -v c++ >/dev/null; then
  echo "[fuzz] installing g++ from Debian"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq g++
fi
if ! cargo fuzz --version 2>/dev/null | grep -q '^cargo-fuzz 0.13'; then
  echo "[fuzz] installing cargo-fuzz 0.13.2"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi
# The corpus grows across runs when CARGO_TARGET_DIR is a kept cache (CI's is).
corpus_root="${CARGO_TARGET_DIR:-fuzz/target}/fuzz-corpus"
for target in csv vcard; do
  mkdir -p "$corpus_root/$target"
  echo "[fuzz] $target for ${seconds}s"
  log="$corpus_root/$target.log"
  status=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz "$target" "$corpus_root/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len=8192 >"$log" 2>&1 || status=$?
  grep -E '^Done ' "$log" || true
  if [ "$status" != 0 ]; then
    tail -60 "$log" >&2
    echo "[fuzz] $target failed: the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
