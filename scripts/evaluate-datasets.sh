#!/usr/bin/env bash
# Reproduces the `clout evaluate` tables of the README: builds release, ingests the real data
# sets of $DATA (default ../shared/data) and three synthetic timelines into bench/data (not
# committed), and prints the table (with --sweep) for each.
#   scripts/evaluate-datasets.sh            # everything
#   SWEEP= scripts/evaluate-datasets.sh     # without the sweep grids
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
if [ ! -d "$DATA" ]; then
  echo "no data directory $DATA; set DATA to the shared data sets (see Fixtures/PROVENANCE.md)" >&2
  exit 66
fi
SWEEP=${SWEEP---sweep}
swift build -c release --product clout >&2
CLOUT="$(swift build -c release --show-bin-path)/clout"
mkdir -p bench/data
store() { [ -f "bench/data/$1.db" ]; }

store rumour-twitter || gunzip -c "$DATA/rumoureval-2019/train-twitter-v1.jsonl.gz" \
  | $CLOUT ingest --db bench/data/rumour-twitter.db --format twitter-v1 - >&2
store rumour-reddit || $CLOUT ingest --skip-bad --db bench/data/rumour-reddit.db --format reddit \
  "$DATA/rumoureval-2019/train-reddit.ndjson" >&2
store twitter-v2 || $CLOUT ingest --db bench/data/twitter-v2.db "$DATA"/twitter-v2/*.jsonl >&2
# Synthetic: 300k posts, 20k accounts, 14 days; seeds and drift/deepen settings differ.
for setting in "1 0.15 0.55" "2 0.3 0.55" "3 0.05 0.7"; do
  set -- $setting
  store "synth-s$1" || {
    python3 scripts/synth-timeline.py --posts 300000 --accounts 20000 --days 14 --seed "$1" \
      --drift "$2" --deepen "$3" > "bench/data/synth-s$1.csv"
    $CLOUT ingest --db "bench/data/synth-s$1.db" "bench/data/synth-s$1.csv" >&2
  }
done

run() {
  echo "== $*"
  $CLOUT evaluate "$@" $SWEEP | sed -n '1,/^\* best/p;/^best by/p'
  echo
}
run --db bench/data/rumour-twitter.db --split-at 2014-12-01
run --db bench/data/rumour-twitter.db --split-at 2015-01-01
run --db bench/data/rumour-reddit.db --split-at 2016-03-15 --k 10,50
run --db bench/data/twitter-v2.db --split-at 2021-05-01 --k 10,50
for seed in 1 2 3; do
  run --db "bench/data/synth-s$seed.db" --split-at 2026-01-08 --horizon 7d
  run --db "bench/data/synth-s$seed.db" --split-at 2026-01-11 --since 2026-01-04 --horizon 3d
done
