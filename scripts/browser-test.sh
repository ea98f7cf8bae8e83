#!/usr/bin/env bash
# Opens `clout report` pages in headless Chromium (Debian's `chromium`) from disk and checks
# in the DOM that they work: the page's own `?selftest` hook (Sources/CloutHTML/Assets/
# report.js) zooms the map, sorts the table by clicking headings, types a handle into the
# search, opens an explanation by clicking a row and a circle, and checks that no injected
# script or element ran or exists and that nothing was fetched; it writes PASS/FAIL lines
# into the DOM, which `--dump-dom` prints. Two stores: the bundled fixtures and
# Fixtures/report/hostile.csv (display names and post texts that try to inject markup).
# Screenshots go to out/report-*.png. CLOUT=path/to/clout picks the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser-test: chromium is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
clout=${CLOUT:-.build/debug/clout}
[ -x "$clout" ] || swift build --product clout >&2
mkdir -p out
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$clout" ingest --db "$work/fixtures.db" Fixtures/posts.csv Fixtures/twitter-v1.jsonl \
  Fixtures/mastodon.json Fixtures/reddit.ndjson >/dev/null 2>&1
"$clout" ingest --db "$work/hostile.db" Fixtures/report/hostile.csv >/dev/null 2>&1
"$clout" report --db "$work/fixtures.db" --out "$work/fixtures.html" --top 150 2>/dev/null
"$clout" report --db "$work/hostile.db" --out "$work/hostile.html" 2>/dev/null

# --no-sandbox: CI and this machine run as root, where Chromium's sandbox refuses to start.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=10000)
failed=0
for name in fixtures hostile; do
  dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/$name.html?selftest" \
    2>/dev/null || true)
  results=$(printf '%s\n' "$dom" | sed -n '/SELFTEST$/,/^END$/p' | sed '1d;$d')
  if [ -z "$results" ]; then
    echo "FAIL $name: the self-test wrote no results (did the script run?)"
    failed=1
    continue
  fi
  printf '%s\n' "$results" | sed "s/^/$name: /"
  if printf '%s\n' "$results" | grep -q '^FAIL'; then failed=1; fi
  # After the self-test (the last account clicked stays selected, its explanation open); a
  # tall window, since headless screenshots ignore scrolling.
  timeout 120 "$browser" "${flags[@]}" --window-size=1400,4000 \
    --screenshot="$PWD/out/report-$name.png" "file://$work/$name.html?selftest" >/dev/null 2>&1 || true
done
echo "screenshots: out/report-fixtures.png, out/report-hostile.png"
exit $failed
