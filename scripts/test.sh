#!/usr/bin/env bash
# Installs what is missing, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
scripts/browser-test.sh

# The Spark job (spark/) against `clout rank` on the fixtures, synthetic posts and RumourEval
# (scripts/spark-parity.sh; docs/scale.md). CLOUT_SKIP_SPARK=1 skips it.
if [ "${CLOUT_SKIP_SPARK:-0}" != 1 ]; then
  scripts/spark-parity.sh "$(swift build --show-bin-path)/clout"
fi
