#!/usr/bin/env bash
# Installs node_modules when missing or older than the lock file.
# `npm install`, not `npm ci`: the registry mirror here serves no other platform's optional packages
# (biome, esbuild …), so the lock file cannot list them and `npm ci` refuses it. With the lock file
# present, `npm install` still installs exactly the locked versions.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
