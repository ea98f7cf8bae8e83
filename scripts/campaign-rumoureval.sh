#!/bin/sh
# Checks `clout campaign` on a real timeline with a planted effect: RumourEval 2019's
# training tweets plus +4 brand mentions by each of 20 contacted accounts after 2015-01-01
# (scripts/campaign-plant.py), against a placebo group of 20 accounts given nothing.
# The README's campaign section records its output.
#   CLOUT=path/to/clout  DATA=shared data directory  OUT=where the store and lists go
set -eu
CLOUT=${CLOUT:-.build/debug/clout}
DATA=${DATA:-"$(dirname "$0")/../../shared/data"}
OUT=${OUT:-$(mktemp -d)}
python3 "$(dirname "$0")/campaign-plant.py" "$OUT" \
  --input "$DATA/rumoureval-2019/train-twitter-v1.jsonl.gz" --on 2015-01-01 --window 31 \
  --count 20 --extra 4 --seed 1
rm -f "$OUT/campaign.db"
"$CLOUT" ingest --db "$OUT/campaign.db" "$DATA/rumoureval-2019/train-twitter-v1.jsonl.gz" \
  "$OUT/planted.jsonl" >/dev/null 2>&1
for group in contacted placebo; do
  echo "== $group"
  "$CLOUT" campaign --db "$OUT/campaign.db" --contacted "$OUT/$group.txt" \
    --brand "$OUT/brand.txt" --on 2015-01-01 --window 31d --seed 42
done
