#!/usr/bin/env bash
# The local run: dependencies, Redis + FerretDB, the WeCom stand-in and the bot (web + workers) in one go.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[local] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh start
exec npx tsx scripts/local.ts
