#!/usr/bin/env bash
# Long fuzz run: the deterministic mutation loop of
# Tests/CloutIngestTests/Reliability/FuzzTests.swift with many more inputs per format.
#
#   scripts/fuzz.sh [ITERATIONS_PER_FORMAT] [SEED] [PATH_INPUTS]
#                                     default 20000, seed 1, 300 whole-path inputs
#
# Each iteration reads one mutated input twice (format named, and auto-detected), so the run
# tries 2 × ITERATIONS × 9 inputs. Prints the count per format and the total, and the peak
# memory of the test process (/usr/bin/time -v). A hang (one input over 10 s) or a crash fails
# the run; a hanging input is saved under $TMPDIR as clout-fuzz-hang-*.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations="${1:-20000}"
seed="${2:-1}"
path_inputs="${3:-300}"
scratch="${CLOUT_SCRATCH:-.build-rel}"
log="$(mktemp -t clout-fuzz.XXXXXX)"

swift build --scratch-path "$scratch" --build-tests >/dev/null
# A private copy of the test binary, so rebuilding during a long run does not disturb it.
binary="$(mktemp -t clout-fuzz-bin.XXXXXX)"
trap 'rm -f "$binary"' EXIT
cp "$scratch/debug/CloutPackageTests.xctest" "$binary"
chmod 755 "$binary"
echo "fuzzing: $iterations iterations per format, seed $seed"
status=0
CLOUT_FUZZ_ITERATIONS="$iterations" CLOUT_FUZZ_SEED="$seed" /usr/bin/time -v \
  "$binary" --testing-library swift-testing --filter FuzzTests >"$log" 2>&1 || status=$?

grep '^fuzz ' "$log" || true
tried=$( (grep '^fuzz ' "$log" || true) | sed -E 's/.*: ([0-9]+) inputs tried.*/\1/' \
  | awk '{ sum += $1 } END { print sum + 0 }')
echo "total inputs tried: ${tried:-0}"
grep -E 'Maximum resident set size|Elapsed \(wall' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "fuzz run FAILED (exit $status); log: $log"
  grep -E '✘|error|Fatal|hang' "$log" | head -20
  exit "$status"
fi
echo "fuzz run passed; log: $log"

# The whole path (Tests/CloutCLITests/Reliability/WholePathFuzzTests.swift): mutated inputs
# and mutated stores through ingest, rank, explain, shortlist and map of the built binary,
# about 7 commands per input. Run from the build directory: the test finds `clout` there.
echo "fuzzing the whole path: $path_inputs inputs, seed $seed"
path_log="$(mktemp -t clout-path-fuzz.XXXXXX)"
path_status=0
CLOUT_PATH_FUZZ_ITERATIONS="$path_inputs" CLOUT_FUZZ_SEED="$seed" \
  swift test --scratch-path "$scratch" --skip-build --filter WholePathFuzzTests \
  >"$path_log" 2>&1 || path_status=$?
grep '^path fuzz' "$path_log" || true
if [ "$path_status" -ne 0 ]; then
  echo "whole-path fuzz FAILED (exit $path_status); log: $path_log"
  grep -A3 'Issue recorded' "$path_log" | head -40
  exit "$path_status"
fi
echo "whole-path fuzz passed; log: $path_log"

