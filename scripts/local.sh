#!/usr/bin/env bash
# The local run: dependencies, Redis + FerretDB, the WeCom stand-in and the bot (web + workers) in one go.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-fonts.sh || echo "[fonts] charts will show boxes instead of Chinese until fonts-noto-cjk is installed"
bash scripts/services.sh start
exec npx tsx scripts/local.ts
