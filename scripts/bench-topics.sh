#!/usr/bin/env bash
# Times `clout rank --topic` (SQL path and snapshot path) and `clout topics` on a store with
# text, with /usr/bin/time: wall, user+sys CPU, peak memory, and the load average beside each.
#
#   scripts/bench-topics.sh STORE [TOPIC] [CLOUT] [REPEATS]
#
# STORE is copied first (rank writes its snapshot beside the store). Build the binary with
# `swift build -c release --product clout`; make a store with e.g.
#   python3 scripts/synth-timeline.py --posts 1000000 --accounts 50000 --with-text \
#     --text-words 8 --topic-share 0.01 > syn1m.csv
#   clout ingest --db syn1m.db syn1m.csv
set -euo pipefail
store=${1:?usage: bench-topics.sh STORE [TOPIC] [CLOUT] [REPEATS]}
topic=${2:-solarflare}
clout=${3:-.build/release/clout}
repeats=${4:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-topics.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$store" "$work/store.db"
# A store in WAL mode may hold committed pages in its -wal file only.
if [ -f "$store-wal" ]; then cp "$store-wal" "$work/store.db-wal"; fi
db="$work/store.db"

run() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || {
    cat "$work/err" >&2
    return 1
  }
  read -r wall user sys peak < "$work/time"
  printf '%-34s wall %6.2f s  cpu %6.2f s  peak %5d MB  load %s\n' "$label" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $((peak / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
}

# Reads the store once so that the first timed run does not pay for a cold page cache.
cat "$db" > /dev/null
for _ in $(seq "$repeats"); do
  CLOUT_SNAPSHOT_MIN_ROWS=off run "rank --topic (SQL path)" \
    "$clout" rank --db "$db" --topic "$topic" --top 100
done
run "rank (whole store, writes snapshot)" "$clout" rank --db "$db" --top 100
for _ in $(seq "$repeats"); do
  run "rank --topic (snapshot)" "$clout" rank --db "$db" --topic "$topic" --top 100
done
for _ in $(seq "$repeats"); do
  run "topics --top 20" "$clout" topics --db "$db" --top 20
done
