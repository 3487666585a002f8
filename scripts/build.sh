#!/usr/bin/env bash
# Installs what is missing, then configures and builds vigil into build/ (binary: build/vigil).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/fetch-grammars.sh
cmake --preset default >/dev/null
cmake --build build -j "$(nproc)"
