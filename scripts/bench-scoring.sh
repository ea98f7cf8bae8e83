#!/usr/bin/env bash
# Scoring benchmark: Clout's load (from its SQLite store) + graph build + PageRank against
# networkit, igraph and networkx (build + PageRank on in-memory arrays) on the same edges,
# in one run, printing times, peak memory and ratios.
#
#   scripts/bench-scoring.sh            # 1M and 10M interactions
#   SIZES="1000000" scripts/bench-scoring.sh
#
# Needs python3 with venv; the peers are installed from PyPI into bench/.venv (gitignored).
# Data sets and stores go to bench/data (gitignored) and are reused between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${SIZES:-"1000000 10000000"}
venv=bench/.venv
mkdir -p bench/data

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  # The versions the README's table quotes; numpy only hands the peers their arrays.
  "$venv/bin/pip" install --quiet numpy networkit==11.3 igraph==1.0.0 networkx==3.6.1
fi
py="$venv/bin/python"

scripts/install-deps.sh
swift build -c release --product clout >&2
clout="$(swift build -c release --show-bin-path)/clout"

peak_mb() { awk '/Maximum resident set size/ { printf "%d", $6 / 1024 }' "$1"; }

printf "%-12s %-10s %10s %10s %10s %10s %9s\n" size engine load_s build_s pagerank_s total_s peak_mb
for size in $sizes; do
  accounts=$((size / 10))
  prefix="bench/data/edges-$size"
  if [ ! -f "$prefix.npz" ]; then
    "$py" scripts/bench/make_edges.py --interactions "$size" --accounts "$accounts" --out "$prefix" >&2
  fi
  store="bench/data/store-$size.db"
  if [ ! -f "$store" ]; then
    /usr/bin/time -v "$clout" ingest --db "$store" --platform bench "$prefix.csv" \
      > "bench/data/ingest-$size.txt" 2> "bench/data/ingest-$size.time"
    echo "ingest of $size edges: $(cat "bench/data/ingest-$size.txt")" >&2
  fi

  /usr/bin/time -v "$clout" rank --db "$store" --half-life none --top 10 --verbose \
    > "bench/data/rank-$size.out" 2> "bench/data/rank-$size.err"
  load=$(sed -n 's/.* posts in \([0-9.]*\) s$/\1/p' "bench/data/rank-$size.err")
  scored=$(sed -n 's/.*scored in \([0-9.]*\) s$/\1/p' "bench/data/rank-$size.err")
  clout_total=$(echo "$load + $scored" | bc -l)
  printf "%-12s %-10s %10.2f %21s %10.2f %9s\n" "$size" clout "$load" "(build+pr: $scored)" \
    "$clout_total" "$(peak_mb "bench/data/rank-$size.err")"

  engines="networkit igraph"
  if [ "$size" -le 1000000 ]; then engines="$engines networkx"; fi
  for engine in $engines; do
    line=$("$py" scripts/bench/peers.py "$engine" "$prefix.npz")
    read -r build pr peak < <(echo "$line" | "$py" -c \
      'import json,sys; d=json.load(sys.stdin); print(d["build_s"], d["pagerank_s"], d["peak_rss_mb"])')
    total=$(echo "$build + $pr" | bc -l)
    ratio=$(echo "$total / $clout_total" | bc -l)
    printf "%-12s %-10s %10s %10.2f %10.2f %10.2f %9s   %s is %.2fx Clout's time\n" \
      "$size" "$engine" - "$build" "$pr" "$total" "$peak" "$engine" "$ratio"
  done
done
