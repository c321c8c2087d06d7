#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs dependencies and local services when missing,
# type-checks, lints, runs vitest against real Redis and FerretDB, and ends with a plain
# "N passed, N failed" line. Extra arguments go to vitest (e.g. a file name).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
bash scripts/services.sh start
bash scripts/ensure-chromium.sh

echo "[test] type-check"
npx tsc -p tsconfig.json --noEmit
echo "[test] lint"
npx biome check --reporter=summary .

mkdir -p test-artifacts
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
exit "$status"
