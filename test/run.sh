#!/usr/bin/env bash
# The whole test run: infrastructure binaries, type check (production code without jest types, then the tests),
# every jest test (unit and integration), then one summary line "jest: N passed, N failed, N suites failed".
# A suite fails without a failed test when its file does not load or a hook (beforeAll, afterAll) throws: it counts.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash deploy/install-deps.sh --quiet || exit 1
node_modules/.bin/tsc -p tsconfig.json --noEmit || { echo "typecheck: 0 passed, 1 failed"; exit 1; }
node_modules/.bin/tsc -p tsconfig.test.json --noEmit || { echo "typecheck (tests): 0 passed, 1 failed"; exit 1; }
mkdir -p .data
results="$root/.data/jest-results.json"
# A results file from an earlier run must not stand in for this one.
rm -f "$results"
node_modules/.bin/jest --json --outputFile="$results" "$@"
status=$?
node -e '
  const r = require(process.argv[1]);
  // numFailedTestSuites counts suites with a failed test and those that errored (numRuntimeErrorTestSuites).
  const suites = r.numFailedTestSuites;
  console.log(
    `jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${suites} suites failed` +
      (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""),
  );
  process.exit(r.numFailedTests > 0 || suites > 0 || !r.success ? 1 : 0);
' "$results" || { [ -f "$results" ] || echo "jest: 0 passed, 1 failed, no results written"; [ $status -ne 0 ] || status=1; }
exit $status
