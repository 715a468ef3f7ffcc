#!/usr/bin/env bash
# Installs what is missing, then builds and serves the CRM at http://127.0.0.1:8080
# (release build: fast with 100k contacts; the first build takes ~5 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec trunk serve --release "$@"
