#!/usr/bin/env bash
# Ingest benchmark: `clout ingest` of synthetic posts CSVs into a fresh store, end to end
# (reading, parsing, resolving, writing, committing), with posts/s and peak memory; then the
# JSONL benchmark (scripts/bench/ingest-jsonl.sh) when that script exists.
#
#   scripts/bench-ingest.sh                        # 1M, 3M and 10M posts
#   SIZES="1000000" DATA=/tmp/bench RUNS=3 scripts/bench-ingest.sh
#   SIZES="" TEXT_SIZES="1000000" scripts/bench-ingest.sh   # text-heavy input only
#
# TEXT_SIZES (default none): also text-heavy timelines, `synth-timeline.py --with-text
# --text-words 8 --topic-share 0.01` with N/20 accounts, where the full-text index is most of
# the cost.
#
# Data: `gen.py N N/10 7` from the shared bench folder (GEN=path to override), written to
# DATA (default bench/data, gitignored) and reused; the stores are made anew each run.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${SIZES:-"1000000 3000000 10000000"}
data=${DATA:-bench/data}
runs=${RUNS:-1}
gen=${GEN:-../shared/bench/gen.py}
mkdir -p "$data"

if [ -z "${CLOUT:-}" ]; then
  scripts/install-deps.sh
  swift build -c release --product clout >&2
  CLOUT="$(swift build -c release --show-bin-path)/clout"
fi

wall_s() { awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0;
  for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$1"; }
cpu_s() { awk '/User time|System time/ { s += $NF } END { printf "%.2f", s }' "$1"; }
peak_mb() { awk '/Maximum resident set size/ { printf "%d", $6 / 1024 }' "$1"; }

printf "%-14s %9s %9s %12s %9s   (load average: %s)\n" input wall_s cpu_s posts_per_s peak_mb \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
inputs=""
for size in $sizes; do inputs="$inputs syn-$size"; done
for size in ${TEXT_SIZES:-}; do inputs="$inputs text-$size"; done
for input in $inputs; do
  size=${input#*-}
  csv="$data/$input.csv"
  if [ ! -f "$csv" ] && [ "${input%%-*}" = text ]; then
    python3 scripts/synth-timeline.py --posts "$size" --accounts $((size / 20)) --with-text \
      --text-words 8 --topic-share 0.01 > "$csv"
  elif [ ! -f "$csv" ]; then
    python3 "$gen" "$size" $((size / 10)) 7 "$csv" >&2
  fi
  for _ in $(seq "$runs"); do
    store="$data/ingest-bench-$input.db"
    rm -f "$store" "$store-wal" "$store-shm"
    /usr/bin/time -v "$CLOUT" ingest --db "$store" "$csv" > "$data/ingest-bench-$input.out" \
      2> "$data/ingest-bench-$input.time"
    t=$(wall_s "$data/ingest-bench-$input.time")
    printf "%-14s %9s %9s %12.0f %9s\n" "$input" "$t" "$(cpu_s "$data/ingest-bench-$input.time")" \
      "$(echo "$size / $t" | bc -l)" "$(peak_mb "$data/ingest-bench-$input.time")"
    rm -f "$store" "$store-wal" "$store-shm"
  done
done

if [ -x scripts/bench/ingest-jsonl.sh ]; then
  CLOUT="$CLOUT" DATA="$data" scripts/bench/ingest-jsonl.sh
fi
