#!/usr/bin/env bash
# Bounded memory: generates a JSONL file of Twitter v1.1 tweets (default 2 GB,
# unique ids, replies and mentions among 200,000 accounts) in bench/data (git-ignored),
# ingests it with the release binary under /usr/bin/time -v, reports the peak resident set
# size, and fails when it is 500 MB or more. The generated file and store are deleted.
#
#   scripts/memory-test.sh [SIZE_MB]        default 2048
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-2048}"
limit_kb=$((500 * 1024))
scratch="${CLOUT_SCRATCH:-.build-rel}"
work=bench/data/memory
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

swift build -c release --scratch-path "$scratch" --product clout >/dev/null
input="$work/tweets.jsonl"
python3 - "$input" "$size_mb" <<'PY'
import json, random, sys, time
path, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
rng = random.Random(8)
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
filler = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor " * 3
written = 0
n = 0
with open(path, "w", buffering=1 << 20) as out:
    while written < size:
        n += 1
        user = rng.randrange(200_000)
        t = 1_600_000_000 + n
        tm = time.gmtime(t)
        tweet = {
            "id_str": str(10**15 + n),
            "created_at": f"Mon {months[tm.tm_mon - 1]} {tm.tm_mday:02d} {tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d} +0000 {tm.tm_year}",
            "user": {"id_str": str(user), "screen_name": f"user{user}", "name": f"User {user}"},
            "text": f"post {n} {filler}",
            "entities": {"user_mentions": [
                {"id_str": str(m), "screen_name": f"user{m}"}
                for m in (rng.randrange(200_000) for _ in range(rng.randrange(3)))]},
        }
        if n > 1 and rng.random() < 0.6:
            parent = rng.randrange(max(1, n - 100_000), n)
            tweet["in_reply_to_status_id_str"] = str(10**15 + parent)
        line = json.dumps(tweet, separators=(",", ":")) + "\n"
        out.write(line)
        written += len(line)
print(f"generated {written / 1048576:.0f} MB, {n} tweets", file=sys.stderr)
PY

/usr/bin/time -v "$scratch/release/clout" ingest --db "$work/memory.db" --format twitter-v1 \
  "$input" 2>"$work/time.txt"
grep -E 'Maximum resident set size|Elapsed \(wall|User time' "$work/time.txt"
peak_kb=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
echo "peak RSS: $((peak_kb / 1024)) MB (limit 500 MB)"
[ "$peak_kb" -lt "$limit_kb" ]
