#!/usr/bin/env bash
# The README's evaluation table: `clout evaluate` (calibration re-fitted on the data before each
# split, never the saved one) on the RumourEval-2019 train set and on synthetic timelines with
# different time scales, each synthetic one also ingested as edges only (no post ids, so no
# reply trees). Prints one row per split: NDCG@50 of the calibrated score, the uncalibrated
# default and every baseline, and calibrated / best simple baseline (in-degree, distinct
# engagers, PageRank).
#   scripts/evaluate-datasets.sh                 # stores under bench/data (not committed)
#   DATA=/path/to/shared/data OUT=/tmp/eval scripts/evaluate-datasets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
OUT=${OUT:-bench/data}
if [ ! -d "$DATA" ]; then
  echo "no data directory $DATA; set DATA to the shared data sets (see Fixtures/PROVENANCE.md)" >&2
  exit 66
fi
swift build -c release --product clout >&2
CLOUT="$(swift build -c release --show-bin-path)/clout"
mkdir -p "$OUT"
store() { [ -f "$OUT/$1.db" ]; }

store rumour-twitter || gunzip -c "$DATA/rumoureval-2019/train-twitter-v1.jsonl.gz" \
  | $CLOUT ingest --db "$OUT/rumour-twitter.db" --format twitter-v1 - >&2
# Synthetic timelines (scripts/synth-timeline.py): 100k posts, 8k accounts each.
#   bursty:   7 days, who engages people changes every hour (large steps)
#   slow:     1 year, small daily steps: last month's engagers still engage
#   drifting: 4 weeks, every account trends steadily up or down
synth() {
  local name=$1; shift
  store "$name" || {
    python3 scripts/synth-timeline.py --posts 100000 --accounts 8000 "$@" > "$OUT/$name.csv"
    $CLOUT ingest --db "$OUT/$name.db" "$OUT/$name.csv" >&2
  }
  store "$name-edges" || {
    python3 scripts/synth-timeline.py --posts 100000 --accounts 8000 "$@" --edges-only \
      > "$OUT/$name-edges.csv"
    $CLOUT ingest --db "$OUT/$name-edges.db" --format edges-csv "$OUT/$name-edges.csv" >&2
  }
}
synth synth-bursty --days 7 --refresh-hours 1 --drift 0.3 --seed 11
synth synth-slow --days 365 --drift 0.02 --seed 12
synth synth-drifting --days 28 --drift 0.05 --trend 0.08 --seed 13

row() {
  local db=$1 split=$2
  # The former fixed default (90 days, uncalibrated), beside the adaptive one.
  fixed=$($CLOUT evaluate --db "$OUT/$db.db" --split-at "$split" --k 50 --format json \
    --calibration none --half-life 90d 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["methods"][0]["ndcg@50"])')
  $CLOUT evaluate --db "$OUT/$db.db" --split-at "$split" --k 50 --format json 2>/dev/null \
    | python3 -c '
import json, sys
name, split, fixed = sys.argv[1], sys.argv[2], float(sys.argv[3])
m = {x["method"]: x["ndcg@50"] for x in json.load(sys.stdin)["methods"]}
m["fixed"] = fixed
# Without a calibration (refused below the floor) clout is the uncalibrated default itself.
m.setdefault("clout-uncalibrated", m["clout"])
simple = max(m["in-degree"], m["distinct-engagers"], m["pagerank"])
cols = ["clout", "clout-uncalibrated", "fixed", "in-degree", "distinct-engagers", "pagerank",
        "recent-in-degree", "recent-engagers"]
print("| %s | %s | " % (name, split) + " | ".join("%.3f" % m.get(c, float("nan")) for c in cols)
      + " | %.2f |" % (m["clout"] / simple if simple > 0 else float("nan")))
' "$db" "$split" "$fixed"
}
echo "| data | split | clout | uncalibrated | uncalibrated, 90d | in-degree | distinct engagers | pagerank | recent in-degree | recent engagers | clout / best simple |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
row rumour-twitter 2014-12-01
row rumour-twitter 2015-01-01
for variant in "" -edges; do
  row "synth-bursty$variant" 2026-01-05
  row "synth-bursty$variant" 2026-01-06T12:00:00
  row "synth-slow$variant" 2026-09-01
  row "synth-slow$variant" 2026-11-15
  row "synth-drifting$variant" 2026-01-20
  row "synth-drifting$variant" 2026-01-25
done
