#!/usr/bin/env bash
# The benchmark (prints figures, asserts nothing): in headless Chromium with
# the release build, times importing a 100k-contact backup, reloading until
# the 100k list shows, and search keystrokes in the contacts, deals and
# activities lists (demo data: 20k deals, 500k activities with 100k contacts),
# with the wasm memory after each phase and the same import and read-back
# with Dexie 4 for comparison; then a first visit over emulated fast and slow
# 4G with the files served gzip-compressed, the first download's size, and
# the service worker's cost at start-up; prints medians.
#   bash scripts/bench.sh [contacts=100000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
contacts="${1:-100000}"
runs="${2:-5}"
target_dir="${CARGO_TARGET_DIR:-target}"
# The file name carries the backup format, so a file from an older format is not reused.
backup="$target_dir/bench/backup-$contacts-f3.json"
if [ ! -f "$backup" ]; then
  cargo run --release --example make_backup -- "$contacts" "$backup"
fi
trunk build --release --public-url /crm/ --dist dist-e2e
cd tests/e2e
node size.mjs check "$PWD/../../dist-e2e"
CRM_DIST="$PWD/../../dist-e2e" CRM_BENCH_RUNS="$runs" node bench-first-visit.mjs
CRM_DIST="$PWD/../../dist-e2e" CRM_BENCH_BACKUP="$(cd ../.. && realpath "$backup")" CRM_BENCH_RUNS="$runs" node bench.mjs
# The contact import wizard with a generated 100k-row CSV (parse+map+preview, write).
CRM_DIST="$PWD/../../dist-e2e" CRM_BENCH_RUNS="$runs" node bench-import.mjs
# The dashboard and reports (compute and render per report) with the same backup.
CRM_DIST="$PWD/../../dist-e2e" CRM_BENCH_BACKUP="$(cd ../.. && realpath "$backup")" CRM_BENCH_RUNS="$runs" node bench-reports.mjs
# The service worker at start-up: warm start without and with it, and offline.
CRM_DIST="$PWD/../../dist-e2e" node bench-sw.mjs
