#!/usr/bin/env bash
# The README's held-out table (Calibration): `clout evaluate --split-at D --k 50` on three
# public timelines ingested as edges only, as clout / the best of in-degree, distinct
# engagers and PageRank. The data sets are not in this repository; pass the files you have:
#   HIGGS=higgs-activity_time.txt    (SNAP higgs-twitter: "A B unixtime RT|MT|RE")
#   DIGG=out.munmun_digg_reply        (KONECT munmun_digg_reply: "A B 1 unixtime")
#   MO=sx-mathoverflow.txt            (SNAP sx-mathoverflow: "A B unixtime")
#   HIGGS=... DIGG=... MO=... [CLOUT=.build/release/clout] [OUT=/tmp/heldout] scripts/evaluate-heldout.sh
# The calibration's design was chosen on the first splits of each loop (higgs 07-03 to 07-06,
# digg 11-02/05/08, mathoverflow 2012-01/2013-06/2015-01); the others were added afterwards
# to check it on splits it had not seen (README, Calibration).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench/heldout}
CLOUT=${CLOUT:-}
if [ -z "$CLOUT" ]; then
  swift build -c release --product clout >&2
  CLOUT="$(swift build -c release --show-bin-path)/clout"
fi
mkdir -p "$OUT"
# name, file, awk program printing source,target,type,timestamp
convert() {
  local name=$1 file=$2 program=$3
  [ -n "$file" ] || return 1
  [ -f "$OUT/$name.db" ] && return 0
  { echo "source,target,type,timestamp"; awk "$program" "$file"; } > "$OUT/$name.csv"
  "$CLOUT" ingest --db "$OUT/$name.db" --format edges-csv "$OUT/$name.csv" >&2
}
row() {
  local name=$1 split=$2
  "$CLOUT" evaluate --db "$OUT/$name.db" --split-at "$split" --k 50 --format json 2>/dev/null |
    python3 -c '
import json, sys
methods = {m["method"]: m["ndcg@50"] for m in json.load(sys.stdin)["methods"]}
best = max(methods["in-degree"], methods["distinct-engagers"], methods["pagerank"])
print("| %s | %s | %.3f | %.3f | %.3f |" % (sys.argv[1], sys.argv[2], methods["clout"], best,
      methods["clout"] / best))' "$name" "$split"
}
echo "| timeline | split | clout | best simple | ratio |"
echo "|---|---|---|---|---|"
if convert higgs "${HIGGS:-}" \
  'BEGIN { t["RT"] = "repost"; t["MT"] = "mention"; t["RE"] = "reply" } { print $1 "," $2 "," t[$4] "," $3 }'; then
  for d in 2012-07-03 2012-07-04 2012-07-05 2012-07-06; do row higgs $d; done
  for d in 2012-07-02T12:00:00 2012-07-03T12:00:00 2012-07-04T12:00:00 2012-07-05T12:00:00; do
    row higgs $d
  done
fi
if convert digg "${DIGG:-}" '!/^%/ { print $1 "," $2 ",reply," $4 }'; then
  for d in 2008-11-02 2008-11-05 2008-11-08 2008-11-03 2008-11-04 2008-11-06 2008-11-10; do
    row digg $d
  done
fi
if convert mathoverflow "${MO:-}" '{ print $1 "," $2 ",reply," $3 }'; then
  for d in 2012-01-01 2013-06-01 2015-01-01 2011-01-01 2014-01-01; do row mathoverflow $d; done
fi
