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

echo
echo "== What the store holds"
"$clout" stats --db "$store"
