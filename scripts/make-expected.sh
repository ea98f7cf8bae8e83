#!/usr/bin/env bash
# Records the expected `clout rank` outputs in Fixtures/expected/ that RankRegressionTests
# compares against. Run it with the build whose outputs are the reference (never with a build
# under test), then commit the files:
#
#   scripts/make-expected.sh [PATH/TO/clout]
#
# The generated input is the 1M-post store of the scale goals' generator, `python3
# ../shared/bench/gen.py 1000000 100000 7 syn1m.csv` (numpy; the shared bench folder), kept
# as `gzip -9n` in Fixtures/expected/syn1m.csv.gz (10 MB) so the test needs neither.
set -euo pipefail
cd "$(dirname "$0")/.."
clout=${1:-"$(swift build -c release --show-bin-path)/clout"}
out=Fixtures/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$clout" ingest --db "$tmp/fixtures.db" Fixtures/posts.csv Fixtures/twitter-v1.jsonl \
  Fixtures/mastodon.json Fixtures/bluesky.jsonl Fixtures/reddit.ndjson \
  Fixtures/hackernews.jsonl Fixtures/edges.csv > /dev/null
"$clout" rank --db "$tmp/fixtures.db" --format csv --top 0 > "$out/fixtures-rank.csv"
"$clout" rank --db "$tmp/fixtures.db" --format csv --top 0 --since 2016-01-01 \
  --until 2021-12-31 > "$out/fixtures-rank-window.csv"
"$clout" rank --db "$tmp/fixtures.db" --format csv --top 0 --platform twitter \
  > "$out/fixtures-rank-twitter.csv"

gzip -dc "$out/syn1m.csv.gz" > "$tmp/syn1m.csv"
"$clout" ingest --db "$tmp/syn.db" "$tmp/syn1m.csv" > /dev/null
"$clout" rank --db "$tmp/syn.db" --format csv --top 0 | gzip -9n > "$out/syn1m-rank.csv.gz"
"$clout" rank --db "$tmp/syn.db" --format csv --top 0 --since 2023-12-15 \
  --until 2024-01-15 | gzip -9n > "$out/syn1m-rank-window.csv.gz"
ls -l "$out"
