#!/usr/bin/env bash
# The main job on the bundled fixtures: installs what is missing, builds in release mode,
# ingests every fixture into a fresh store under out/, and prints what Clout found.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product clout
clout="$(swift build -c release --show-bin-path)/clout"

mkdir -p out
store=out/demo.db
rm -f "$store" "$store-wal" "$store-shm"

echo "== Ingest the fixtures into $store"
"$clout" ingest --db "$store" Fixtures/posts.csv
"$clout" ingest --db "$store" --platform twitter Fixtures/edges.csv
"$clout" ingest --db "$store" Fixtures/twitter-v1.jsonl
"$clout" ingest --db "$store" Fixtures/twitter-v2/*.jsonl
for extra in Fixtures/mastodon.json Fixtures/bluesky.jsonl Fixtures/reddit.ndjson Fixtures/hackernews.jsonl; do
  if [ -f "$extra" ]; then "$clout" ingest --db "$store" "$extra"; fi
done

echo
echo "== What the store holds"
"$clout" stats --db "$store"

# The fixtures are excerpts of unrelated data sets from 2014 to 2026, so the demo ranks
# without time decay; on live data the half-life comes from `clout calibrate` (fitted on the
# store's own history) or, without a calibration, adapts to the selected interactions.
echo
echo "== Who makes others engage (top 15, every platform)"
"$clout" rank --db "$store" --half-life none --top 15 --verbose
"$clout" rank --db "$store" --half-life none --top 0 --format csv > out/ranking.csv
echo "(full ranking written to out/ranking.csv)"

top_account=$("$clout" rank --db "$store" --half-life none --top 1 --format csv | sed -n 2p | cut -d, -f2,3)
echo
echo "== Why is ${top_account%%,*} first?"
"$clout" explain --db "$store" --half-life none --limit 5 "${top_account#*,}:${top_account%%,*}"

echo
echo "== Outreach shortlist (top 25) -> out/shortlist.csv"
"$clout" shortlist --db "$store" --half-life none --top 25 --out out/shortlist.csv
head -6 out/shortlist.csv

echo
echo "== Communities (the largest; 'clout communities --min-size 1' lists all)"
"$clout" communities --db "$store" --half-life none --min-size 8

echo
echo "== Ecosystem map (top 150) -> out/map.svg, out/map.dot"
"$clout" map --db "$store" --half-life none --out out/map.svg
"$clout" map --db "$store" --half-life none --out out/map.dot

echo
echo "== Topics: the hashtags and words the fixtures talk about most"
"$clout" topics --db "$store" --top 8

echo
echo "== All of it in one interactive page -> out/report.html (opens from disk, no network)"
"$clout" report --db "$store" --half-life none --out out/report.html
