#!/usr/bin/env bash
# `npm test`: THE test command. Typecheck (node, e2e, web), lint, unit + integration + simulator tests, build, and
# the end-to-end tests in Debian's Chromium. Every section runs (except e2e after a failed build)
# so one run shows every problem; the exit code is non-zero if any section failed.
set -uo pipefail

cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

declare -a RESULTS=()
FAILED=0

section() {
  printf '\n\033[1m==== %s ====\033[0m\n' "$1"
}

# run <name> <command...>: runs one step, output shown live and kept for the summary.
run() {
  local name="$1"
  shift
  section "$name"
  local start=$SECONDS
  "$@" 2>&1 | tee "$LOGS/$name.log"
  local rc=${PIPESTATUS[0]}
  local took=$((SECONDS - start))
  if [ "$rc" -eq 0 ]; then
    RESULTS+=("ok      $name (${took}s)")
  else
    RESULTS+=("FAILED  $name (${took}s, exit $rc)")
    FAILED=1
  fi
  return "$rc"
}

strip() { sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" 2>/dev/null; }

run "typecheck (node)" tsc -p tsconfig.node.json --noEmit
run "typecheck (e2e)" tsc -p tsconfig.e2e.json --noEmit
run "typecheck (web)" svelte-check --tsconfig tsconfig.web.json --fail-on-warnings
run "lint (eslint)" eslint . --max-warnings 0
run "lint (prettier)" prettier --check .
# The socat-driven device tests run after the rest: they load both cores on purpose (CPU burner threads,
# to show an unplug is seen on a busy PC), which would only slow the other files down.
run "vitest" vitest run --exclude 'test/integration/devices-scanner.test.ts' --exclude 'test/integration/devices-rfid.test.ts'
run "vitest (devices over socat ptys)" vitest run test/integration/devices-scanner.test.ts test/integration/devices-rfid.test.ts
if run "build" electron-vite build; then
  run "e2e (playwright)" playwright test
else
  RESULTS+=("SKIPPED e2e (playwright): the build failed")
fi

section "summary"
printf '%s\n' "${RESULTS[@]}"
echo
echo "vitest:"
strip "$LOGS/vitest.log" | grep -E '^\s*(Test Files|Tests|Errors)\s' || echo "  (no summary: vitest did not finish)"
echo "vitest (devices over socat ptys):"
strip "$LOGS/vitest (devices over socat ptys).log" | grep -E '^\s*(Test Files|Tests|Errors)\s' || echo "  (no summary)"
if [ -f "$LOGS/e2e (playwright).log" ]; then
  echo "playwright:"
  strip "$LOGS/e2e (playwright).log" | grep -E '^\s+[0-9]+ (passed|failed|flaky|skipped|did not run|interrupted)' ||
    echo "  (no summary: playwright did not finish)"
fi
echo
if [ "$FAILED" -ne 0 ]; then
  echo "npm test: FAILED"
  exit 1
fi
echo "npm test: all passed"
