#!/usr/bin/env bash
# The whole suite: what `npm test` and CI run. Each stage prints its own summary.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

stage() { printf '\n=== %s ===\n' "$1"; }

stage "typecheck"
npx tsc --noEmit
stage "lint"
npx eslint --max-warnings=0 .
stage "unit and integration tests (vitest)"
npx vitest run
stage "production build"
npx next build
stage "end-to-end tests (playwright, chromium)"
npx playwright test
