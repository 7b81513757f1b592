#!/usr/bin/env bash
# The whole test run: infrastructure binaries, type check, every jest test (unit and integration),
# then one summary line "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash deploy/install-deps.sh --quiet || exit 1
node_modules/.bin/tsc -p tsconfig.json --noEmit || { echo "typecheck: 0 passed, 1 failed"; exit 1; }
mkdir -p .data
node_modules/.bin/jest --json --outputFile=.data/jest-results.json "$@"
status=$?
node -e '
  const r = require(process.argv[1]);
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$root/.data/jest-results.json" 2>/dev/null || echo "jest: 0 passed, 1 failed"
exit $status
