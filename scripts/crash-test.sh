#!/usr/bin/env bash
# Crash safety: kill -9 a large ingest at random points, N times (default 20). After
# each kill: PRAGMA integrity_check is ok, the full-text index agrees with the posts (FTS5's
# integrity-check), the store holds whole batches only, and re-running the same ingest ends
# with exactly the contents of an uninterrupted run (stats + full rank) and a sound index.
#
#   scripts/crash-test.sh [KILLS] [POSTS]      default 20 kills, 1,000,000 posts
#
# Uses the release binary; needs python3 and sqlite3. Work files go to bench/data/crash
# (git-ignored) and are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-20}"
posts="${2:-1000000}"
batch=50000
scratch="${CLOUT_SCRATCH:-.build-rel}"
work=bench/data/crash
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

swift build -c release --scratch-path "$scratch" --product clout >/dev/null
clout="$scratch/release/clout"
input="$work/posts.csv"
python3 scripts/synth-timeline.py --posts "$posts" --accounts 50000 --with-text >"$input"

# FTS5's own check of post_text against the posts; "ok" for a file not yet a store.
text_index() {
  if sqlite3 "$1" "SELECT 1 FROM sqlite_master WHERE name = 'post_text'" 2>/dev/null | grep -q 1
  then
    sqlite3 "$1" "INSERT INTO post_text(post_text, rank) VALUES ('integrity-check', 1)" 2>&1 \
      && echo ok
  else
    echo ok
  fi
}

contents() {
  "$clout" stats --db "$1" --format json --top 50 | grep -v '"ingest_runs"'
  "$clout" rank --db "$1" --top 0 --format csv
}

start=$(date +%s.%N)
"$clout" ingest --db "$work/reference.db" --batch-size "$batch" "$input" >/dev/null 2>&1
duration=$(echo "$(date +%s.%N) - $start" | bc)
contents "$work/reference.db" >"$work/expected.txt"
echo "uninterrupted ingest of $posts posts: ${duration} s"

failures=0
midway=0
RANDOM=8
for attempt in $(seq 1 "$kills"); do
  db="$work/killed.db"
  rm -f "$db" "$db-wal" "$db-shm"
  # Kill points spread over 5–95% of an uninterrupted run.
  percent=$((5 + RANDOM % 91))  # in this shell: $(...) would repeat the same value
  delay=$(echo "scale=3; $duration * $percent / 100" | bc)
  "$clout" ingest --db "$db" --batch-size "$batch" "$input" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  integrity=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1 || true)
  stored=$(sqlite3 "$db" "SELECT count(*) FROM posts" 2>/dev/null || echo 0)
  status=ok
  [ "$integrity" = ok ] || [ ! -s "$db" ] || status="integrity: $integrity"
  index=$(text_index "$db")
  [ "$index" = ok ] || status="text index: $index"
  if [ $((stored % batch)) -ne 0 ] && [ "$stored" -ne "$posts" ]; then status="partial batch: $stored"; fi
  if [ "$stored" -gt 0 ] && [ "$stored" -lt "$posts" ]; then midway=$((midway + 1)); fi
  "$clout" ingest --db "$db" --batch-size "$batch" "$input" >/dev/null 2>&1
  if ! contents "$db" | cmp -s - "$work/expected.txt"; then status="rerun differs"; fi
  [ "$(text_index "$db")" = ok ] || status="text index after rerun differs"
  [ "$status" = ok ] || failures=$((failures + 1))
  printf 'kill %2d after %6.2f s: %8d posts stored, integrity %s, rerun %s\n' \
    "$attempt" "$delay" "$stored" "${integrity:-empty file}" "$status"
done
echo "$kills kills, $midway mid-ingest, $failures failures"
[ "$failures" -eq 0 ]
