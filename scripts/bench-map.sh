#!/usr/bin/env bash
# Render time of `clout map`: draws SVG and PNG maps of 500 and 2,000 accounts from a
# synthetic edges CSV (3,000 accounts in 12 loose groups, 40,000 interactions; seeded) and
# fails when a 500-account map takes 2 s or more, or a 2,000-account map 10 s or more.
#
#   scripts/bench-map.sh               release build (in $CLOUT_SCRATCH, default .build-rel)
#   CLOUT_BIN=.build/debug/clout scripts/bench-map.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${CLOUT_BIN:-}" ]]; then
  scratch="${CLOUT_SCRATCH:-.build-rel}"
  swift build -c release --scratch-path "$scratch" --product clout >/dev/null
  CLOUT_BIN="$scratch/release/clout"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/edges.csv" <<'PY'
import random, sys
rng = random.Random(15)
types = ["reply", "quote", "repost", "mention"]
with open(sys.argv[1], "w") as out:
    out.write("source,target,type,timestamp,post_id,weight\n")
    for n in range(40_000):
        a = rng.randrange(3_000)
        group = a % 12
        b = rng.randrange(3_000) if rng.random() < 0.15 else group + 12 * int(rng.paretovariate(1.2)) % 3_000
        if a == b:
            continue
        day = 1 + n % 28
        out.write(f"u{a},u{b % 3000},{rng.choice(types)},2026-02-{day:02d}T12:00:00Z,p{n},1\n")
PY
"$CLOUT_BIN" ingest --db "$work/c.db" "$work/edges.csv" >/dev/null 2>&1
status=0
for top in 500 2000; do
  limit=$([[ $top == 500 ]] && echo 2 || echo 10)
  for format in svg png; do
    start=$(date +%s.%N)
    "$CLOUT_BIN" map --db "$work/c.db" --top "$top" --out "$work/map.$format" 2>"$work/note"
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    printf '%5d accounts, %s: %.2f s (limit %d s)\n' "$top" "$format" "$seconds" "$limit"
    sed "s/^/    /" "$work/note"
    if (($(echo "$seconds >= $limit" | bc))); then status=1; fi
  done
done
exit $status
