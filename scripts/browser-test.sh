#!/usr/bin/env bash
# Opens `clout report` pages in headless Chromium (Debian's `chromium`) from disk and checks
# in the DOM that they work: the page's own `?selftest` hook (Sources/CloutHTML/Assets/
# report.js) zooms the map, sorts the table by clicking headings, types a handle into the
# search, opens an explanation by clicking a row and a circle, and checks that no injected
# script or element ran or exists and that nothing was fetched; it writes PASS/FAIL lines
# into the DOM, which `--dump-dom` prints. Two stores: the bundled fixtures and
# Fixtures/report/hostile.csv (display names and post texts that try to inject markup); and a
# fixtures report with a campaign section (--contacted/--on, a hostile line in the list).
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
# A campaign section (report --contacted/--on): ten accounts of the fixtures, one hostile
# list line that must be listed as skipped text.
"$clout" rank --db "$work/fixtures.db" --top 10 --format csv 2>/dev/null |
  awk -F, 'NR > 1 { print $3 ":" $2 }' >"$work/contacted.txt"
printf '%s\n' '<img src=x onerror="window.__cloutInjected=1">' >>"$work/contacted.txt"
"$clout" report --db "$work/fixtures.db" --out "$work/campaign.html" --top 150 \
  --contacted "$work/contacted.txt" --on 2015-01-01 --window 365d 2>/dev/null

# --no-sandbox: CI and this machine run as root, where Chromium's sandbox refuses to start.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=10000)
failed=0
for name in fixtures hostile campaign; do
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
  if [ "$name" = campaign ]; then
    # The campaign section as the browser parsed it: the ten columns of `clout campaign`, and
    # the hostile list line listed as skipped text (the self-test above checked it never ran).
    section=$(printf '%s\n' "$dom" | tr -d '\n' | sed -n 's/.*\(<section id="campaign".*\)<\/section>.*/\1/p')
    columns=$(printf '%s\n' "$section" | grep -o '<th scope="col"[^>]*>[a-z_]*</th>' | head -10 |
      sed 's/<[^>]*>//g' | tr '\n' ' ')
    if [ "$columns" = "metric contacted_before contacted_after comparison_before comparison_after effect ci_low ci_high contacted comparison " ]; then
      echo "campaign: PASS campaign table columns"
    else
      echo "campaign: FAIL campaign table columns: $columns"; failed=1
    fi
    if printf '%s\n' "$section" | grep -q '&lt;img src=x onerror=.*&gt;</li>'; then
      echo "campaign: PASS hostile skipped entry shown as text"
    else
      echo "campaign: FAIL hostile skipped entry shown as text"; failed=1
    fi
  fi
  # After the self-test (the last account clicked stays selected, its explanation open); a
  # tall window, since headless screenshots ignore scrolling.
  timeout 120 "$browser" "${flags[@]}" --window-size=1400,4000 \
    --screenshot="$PWD/out/report-$name.png" "file://$work/$name.html?selftest" >/dev/null 2>&1 || true
done
echo "screenshots: out/report-fixtures.png, out/report-hostile.png, out/report-campaign.png"
exit $failed
