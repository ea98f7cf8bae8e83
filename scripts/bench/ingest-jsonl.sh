#!/usr/bin/env bash
# JSONL ingest benchmark: `clout ingest` end to end (read, parse, convert, write the store)
# on each JSON format, printing records/s and MB/s per format. The inputs are real data
# (../shared/data, Fixtures/) repeated with fresh post ids by scripts/bench/make_jsonl_inputs.py:
#   twitter-v1   RumourEval 2019 v1.1 tweets x20 (111,360 tweets, 277 MB)
#   twitter-v2   twarc API response pages x100 (300 lines, 103 MB) and flat tweets x100 (66 MB)
#   mastodon, bluesky, reddit, hackernews  fixtures/real dumps repeated to 50-80 MB each
#
#   scripts/bench/ingest-jsonl.sh                 # all formats, best of 3 runs each
#   RUNS=1 SCALE=0.1 scripts/bench/ingest-jsonl.sh twitter-v1 twitter-v2-pages
#
# Environment: CLOUT (a built clout binary; default: swift build -c release), RUNS (default
# 3), SCALE (input size factor, default 1), JSONL_BENCH_DIR (keep and reuse the inputs there;
# default a temporary directory removed on exit). Records are posts read (stored + duplicates
# skipped; bad records are skipped with --skip-bad); MB/s is input bytes over wall time;
# cpu_s is the least user + system time of the runs (both threads: reader and store writer),
# which a loaded machine inflates less than wall time. Timings on a shared machine are noisy: the
# best of RUNS is reported.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-3}
scale=${SCALE:-1}
if [ -z "${CLOUT:-}" ]; then
  scripts/install-deps.sh
  swift build -c release --product clout >&2
  CLOUT="$(swift build -c release --show-bin-path)/clout"
fi
if [ -n "${JSONL_BENCH_DIR:-}" ]; then
  data="$JSONL_BENCH_DIR"
  mkdir -p "$data"
else
  data="$(mktemp -d)"
  trap 'rm -rf "$data"' EXIT
fi
if [ ! -s "$data/hackernews.jsonl" ]; then
  python3 scripts/bench/make_jsonl_inputs.py "$data" "$scale" >&2
fi

# name:format:file
cases=(
  twitter-v1:twitter-v1:twitter-v1.jsonl
  twitter-v2-pages:twitter-v2:twitter-v2-pages.jsonl
  twitter-v2-flat:twitter-v2:twitter-v2-flat.jsonl
  mastodon:mastodon:mastodon.jsonl
  bluesky:bluesky:bluesky.jsonl
  reddit:reddit:reddit.jsonl
  hackernews:hackernews:hackernews.jsonl
)
wanted=("$@")

printf "%-17s %8s %9s %9s %8s %11s %8s %7s %8s\n" \
  input MB lines records best_s records/s MB/s cpu_s peak_MB
for entry in "${cases[@]}"; do
  IFS=: read -r name format file <<<"$entry"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $name " ]]; then continue; fi
  path="$data/$file"
  bytes=$(stat -c %s "$path")
  lines=$(wc -l <"$path")
  best=""
  cpu=""
  peak=0
  records=0
  for _ in $(seq "$runs"); do
    rm -f "$data/bench.db" "$data/bench.db-wal" "$data/bench.db-shm"
    # --skip-bad: the real Reddit dump holds removed comments' stubs, bad records by design.
    if ! /usr/bin/time -v "$CLOUT" ingest --db "$data/bench.db" --format "$format" --skip-bad \
      "$path" >"$data/out.txt" 2>"$data/time.txt"; then
      echo "clout ingest failed on $path:" >&2
      grep -v '^\s' "$data/time.txt" | head -5 >&2
      exit 1
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
      "$data/time.txt")
    used=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$data/time.txt")
    rss=$(awk '/Maximum resident set size/ { printf "%d", $6 / 1024 }' "$data/time.txt")
    # "<file>: N posts, ... added; D duplicates skipped; ..."
    records=$(grep -E ' posts, ' "$data/time.txt" "$data/out.txt" | head -1 |
      sed -E 's/.*: ([0-9,]+) posts, .* ([0-9,]+) duplicates skipped.*/\1 \2/' | tr -d , |
      awk '{ print $1 + $2 }')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
    fi
    if [ -z "$cpu" ] || awk -v a="$used" -v b="$cpu" 'BEGIN { exit !(a < b) }'; then
      cpu=$used
    fi
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  awk -v n="$name" -v b="$bytes" -v l="$lines" -v r="$records" -v t="$best" -v p="$peak" \
    -v c="$cpu" 'BEGIN { printf "%-17s %8.1f %9d %9d %8.2f %11.0f %8.1f %7.2f %8d\n",
      n, b / 1048576, l, r, t, r / t, b / 1048576 / t, c, p }'
done
rm -f "$data/bench.db" "$data/bench.db-wal" "$data/bench.db-shm" "$data/out.txt" "$data/time.txt"
