#!/usr/bin/env bash
# Runs the fuzz targets for the CSV and vCard readers (fuzz/fuzz_targets) for
# a short time each, with cargo-fuzz (libFuzzer + AddressSanitizer):
#   bash scripts/fuzz.sh [seconds per target = 30]   exploratory, keeps its corpus
#   bash scripts/fuzz.sh --ci                        what scripts/test.sh runs
# --ci is repeatable: a fixed seed, a fixed number of runs and a fresh corpus
# from fuzz/seeds, so the same code gives the same result on any machine (a
# time budget and a kept corpus would make CI fail at random on new finds;
# those are for exploratory runs, whose finds become regression tests).
# Each target also checks properties (sliced reading = whole reading, write
# then read gives the same cells), so a run fails on a wrong answer as well as
# on a panic. A failing input is saved under fuzz/artifacts/<target>/.
#
# cargo-fuzz needs rustc's unstable -Z flags. This machine has only the stable
# toolchain (no nightly can be fetched), so RUSTC_BOOTSTRAP=1 lets the stable
# compiler accept them; the sanitizer runtimes ship with stable's rust-std.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=explore
seconds="${1:-30}"
if [ "${1:-}" = "--ci" ]; then
  mode=ci
fi
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
if [ "$mode" = ci ]; then
  corpus_root="${CARGO_TARGET_DIR:-fuzz/target}/fuzz-corpus-ci"
  rm -rf "$corpus_root"
fi
for target in csv vcard; do
  mkdir -p "$corpus_root/$target"
  if [ "$mode" = ci ]; then
    budget=(-seed=1 -runs=100000)
    echo "[fuzz] $target: 100,000 runs from seed 1"
  else
    budget=(-max_total_time="$seconds")
    echo "[fuzz] $target for ${seconds}s"
  fi
  log="$corpus_root/$target.log"
  status=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz "$target" "$corpus_root/$target" "fuzz/seeds/$target" -- \
    "${budget[@]}" -max_len=8192 >"$log" 2>&1 || status=$?
  grep -E '^Done ' "$log" || true
  if [ "$status" != 0 ]; then
    tail -60 "$log" >&2
    echo "[fuzz] $target failed: the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
