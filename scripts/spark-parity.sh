#!/usr/bin/env bash
# Parity test of the Spark job (spark/) against `clout rank --format csv --top 0`: each case
# ingests its input with clout, ranks it with clout and with scripts/spark-rank.sh (local
# mode), and compares the two ranking.csv files field by field (spark/compare.py: same rows
# and order, PageRank and score within 1e-9 as printed, everything else exact).
# Fails loudly on the first case that differs. clout ranks with --no-coordination-check: the
# job does not run the coordination check (docs/scale.md), so that is what it must equal.
#
#   scripts/spark-parity.sh [PATH/TO/clout]   # SPARK_PARITY_REAL=1 adds RumourEval (slow)
#
# The job runs every case in one Spark session (`spark-rank.sh batch`); the last line gives
# the wall time of that run and the JVM's CPU time and peak memory for all cases together.
set -euo pipefail
cd "$(dirname "$0")/.."
clout=${1:-"$(swift build --show-bin-path)/clout"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Synthetic posts with blanked reply authors: the first 3,000 posts of the shared generator's
# 1M-post sample (Fixtures/expected/syn1m.csv.gz), every second reply without its
# reply_to_author, so those replies are credited to the parent's author through the parent
# post.
{ gzip -dc Fixtures/expected/syn1m.csv.gz || true; } | head -n 3001 | python3 -c '
import csv, sys
rows = csv.reader(sys.stdin)
out = csv.writer(sys.stdout, lineterminator="\n")
header = next(rows)
out.writerow(header)
author = header.index("reply_to_author")
replies = 0
for row in rows:
    if row[author]:
        replies += 1
        if replies % 2 == 0:
            row[author] = ""
    out.writerow(row)
' > "$tmp/synthetic.csv"

# twitter-v1 with follower counts: hand-made tweets that exercise the `followers` rule
# (README, "Reading the ranking"), the newer tweets first: alice's newest count (120) wins
# over older ones that come later in the file; dave's two posts of one
# second, 990 (11) and 1000 (22), are decided by the id as a number (22); the copy of 101
# embedded in carol's retweet says 90, the stored 101 says 100 (same post: the larger count).
# Names: erin's reply to alice also mentions her as "Al", a second reference to one account
# in one post, which resolves nothing and so names no one (alice keeps no display name);
# carol's name ends in a space and U+FE0F, one white-space Character that the reader trims.
python3 - > "$tmp/followers-v1.jsonl" <<'PY'
import json
def tweet(id, at, user, followers, name=None, **extra):
    u = {"id_str": user[0], "screen_name": user[1]}
    if followers is not None:
        u["followers_count"] = followers
    if name is not None:
        u["name"] = name
    return dict(id_str=id, created_at=at, text="x", user=u, **extra)
alice, bob, carol, dave, erin = ("1", "alice"), ("2", "bob"), ("3", "carol"), ("4", "dave"), ("5", "erin")
def mention(u):
    return {"user_mentions": [{"id_str": u[0], "screen_name": u[1]}]}
old, new = "Wed Oct 10 20:%s +0000 2018", "Fri Oct 12 %s +0000 2018"
lines = [
    tweet("201", new % "09:00:00", alice, 120, entities=mention(bob)),
    tweet("202", new % "10:00:00", erin, None, in_reply_to_status_id_str="201",
          in_reply_to_user_id_str="1", in_reply_to_screen_name="alice",
          entities={"user_mentions": [{"id_str": "1", "screen_name": "alice", "name": "Al"}]}),
    tweet("1000", old % "22:00", dave, 22, entities=mention(alice)),
    tweet("101", old % "19:24", alice, 100),
    tweet("102", old % "20:00", bob, 50, in_reply_to_status_id_str="101",
          in_reply_to_user_id_str="1", in_reply_to_screen_name="alice"),
    tweet("103", old % "21:00", carol, 7, name="Carol \u2615 \ufe0f",
          retweeted_status=tweet("101", old % "19:24", alice, 90)),
    tweet("990", old % "22:00", dave, 11, entities=mention(alice)),
]
for line in lines:
    print(json.dumps(line))
PY
# The interaction rules where one post reaches one account twice: a mention repeated in
# other spellings, a reply that also mentions the parent's author (by name, or through the
# parent post when reply_to_author is blank, before or after the parent in the file), a quote
# and a repost of one author, a self-mention, a copy of a post (ignored). Each post gives one
# interaction per account, of the strongest type; interactions_in/out must match exactly.
cat > "$tmp/rules.csv" <<'CSV'
id,author,created_at,text,reply_to_id,reply_to_author,repost_of_id,repost_of_author,quote_of_id,quote_of_author,mentions,platform,display_name
1,alice,2026-03-01T10:00:00Z,root,,,,,,,,twitter,Alice
2,bob,2026-03-01T11:00:00Z,hi,1,alice,,,,,alice @Alice;ALICE,twitter,Bob
3,carol,2026-03-02T09:00:00Z,hey,,,,,,,"dave,@DAVE; dave @@dave",twitter,Carol
4,erin,2026-03-02T10:00:00Z,re,1,,,,,,alice,twitter,Erin
5,frank,2026-03-03T08:00:00Z,qt,,,2,bob,2,bob,bob,twitter,Frank
6,gina,2026-03-03T09:00:00Z,orphan,99,,,,,,hank,twitter,Gina
7,hank,2026-03-04T12:00:00Z,both,3,,,,3,,carol,twitter,Hank
8,bob,2026-03-04T13:00:00Z,self,2,bob,,,,,bob alice,twitter,Bob
9,ivan,2026-03-05T07:00:00Z,case,2,BOB,,,,,@bob,twitter,Ivan
10,jack,2026-03-05T08:00:00Z,early,11,,,,,,kim jack,twitter,Jack
11,kim,2026-03-06T09:00:00Z,late parent,,,,,,,alice,twitter,Kim
4,erin,2026-03-02T10:00:00Z,copy,3,carol,,,,,dave,twitter,Erin
12,lena,2026-03-06T10:00:00Z,text only,10,jack,,,,,,twitter,Lena
CSV
# Seed accounts for the rules case run a second time: two that rank, one unknown (warned).
printf '%s\n' '# brand accounts' 'alice' 'twitter:bob  # with its platform' 'nobody' > "$tmp/seeds.txt"

# twitter-v2: the four twarc samples in both layouts, read together: flat.jsonl first (one
# tweet a line, expansions inlined: 164 posts from 194 tweets), then noflat.jsonl (the same
# collection as response pages: all 166 tweets are later copies, which still give follower
# counts), brexit.jsonl and kpop.jsonl (pages: 276 more posts).
v2=(Fixtures/twitter-v2/flat.jsonl Fixtures/twitter-v2/noflat.jsonl
  Fixtures/twitter-v2/brexit.jsonl Fixtures/twitter-v2/kpop.jsonl)

# With the twitter-v1 fixture after them (opt in: SPARK_PARITY_V1_FIXTURE=1), every followers
# cell matched, but 4 display names differ (the v1 reader's name choice and trimming, older
# than the followers column; docs/scale.md).
if [ "${SPARK_PARITY_V1_FIXTURE:-0}" = 1 ]; then
  cat Fixtures/twitter-v1.jsonl >> "$tmp/followers-v1.jsonl"
fi

# add_case NAME FORMAT INPUT... [-- RANK OPTIONS...]: ingests and ranks with clout now, and
# adds the job's command line to the batch (with the job-only options in `job_only`). All
# cases then run in one Spark session
# (`spark-rank.sh batch`): the JVM's start and warm-up are most of a small case's CPU time.
cases=()
job_only=()
clout_calibration=none
add_case() {
  local name=$1 format=$2
  shift 2
  local inputs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do inputs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  rm -f "$tmp/$name.db"
  "$clout" ingest --db "$tmp/$name.db" --format "$format" "${inputs[@]}" > /dev/null
  if [ -n "${calibrate_with:-}" ]; then save_calibration "$tmp/$name.db" "$calibrate_with"; fi
  "$clout" rank --db "$tmp/$name.db" --calibration "$clout_calibration" --no-coordination-check --format csv \
    --top 0 "$@" > "$tmp/$name.expected.csv"
  local line=(rank --input "${inputs[@]}" --format "$format" --out "$tmp/$name" --partitions 2
    --no-coordination-check -v "$@" "${job_only[@]}")
  printf '%q ' "${line[@]}" >> "$tmp/batch.txt"
  echo >> "$tmp/batch.txt"
  cases+=("$name")
}
# save_calibration STORE JSON: saves the calibration body JSON (as `clout calibrate` saves it,
# with its part weights and time scales) in STORE, for the calibrated cases below; the job
# reads the same JSON with --calibration. Its data end is in 2100, so no stale warning; the
# fold figures are placeholders (nothing reads them but the floor check).
save_calibration() {
  python3 - "$1" "$2" <<'PY'
import json, sqlite3, sys
store, body = sys.argv[1], sys.argv[2]
document = json.loads(body)
document.update({"cloutVersion": "parity", "dataFrom": 0, "dataTo": 4102444800,
                 "interactions": 1, "accounts": 1, "horizon": 86400, "k": 50,
                 "keptDefault": False, "candidates": []})
# Unless the case gives its own: two validated folds of 100 engaged accounts, the floor
# `clout rank` asks of a saved calibration before it uses one.
document.setdefault("folds", [{"origin": 0, "end": 1, "trainingInteractions": 1, "engaged": 100,
                               "metrics": []}] * 2)
names = ["pagerank", "reach", "engagement", "activity", "outreach", "freshness"]
text = ",".join(f"{n}={w:g}" for n, w in zip(names, document["weights"]["values"]))
with sqlite3.connect(store) as db:
    db.execute("INSERT INTO calibrations(clout_version, platform, data_from, data_to, "
               "interactions, half_life, weights, body) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)",
               ("parity", 0, 4102444800, 1, document.get("halfLife"), text,
                json.dumps(document, sort_keys=True)))
PY
}
: > "$tmp/batch.txt"
add_case fixtures-posts posts-csv Fixtures/posts.csv
add_case fixtures-twitter-v1-followers twitter-v1 "$tmp/followers-v1.jsonl"
add_case rules-one-target posts-csv "$tmp/rules.csv"
add_case rules-seeds posts-csv "$tmp/rules.csv" -- --seed-accounts "$tmp/seeds.txt"
# PageRank by iterated joins, the path above 4M accounts that no other case is large enough to
# reach, on the small rules input.
job_only=(--pagerank joins)
add_case rules-pagerank-joins posts-csv "$tmp/rules.csv"
job_only=()
add_case fixtures-twitter-v2 twitter-v2 "${v2[@]}"
# The synthetic posts with blanked reply authors and edges-csv: in the batch they cost about
# 29 s of CPU together (SPARK_PARITY_SYNTHETIC=0 / SPARK_PARITY_EDGES=0 leave them out);
# RumourEval is opt-in (below).
if [ "${SPARK_PARITY_SYNTHETIC:-1}" = 1 ]; then
  add_case synthetic-blanked posts-csv "$tmp/synthetic.csv" -- --half-life 7d --depth-weight 0.4
fi
if [ "${SPARK_PARITY_EDGES:-1}" = 1 ]; then
  add_case fixtures-edges edges-csv Fixtures/edges.csv
fi

# A saved calibration that weighs every part, outreach and freshness included, with the
# activity parts at a half-life of their own (1 day against 7), then one whose activity
# follows the half-life (saved before the second time scale existed): `clout rank` uses the
# store's calibration, the job reads the same JSON.
clout_calibration=saved
calibrate_with='{"halfLife": 604800, "activity": {"halfLife": 86400},
  "weights": {"values": [0.2, 0.15, 0.2, 0.15, 0.1, 0.2]}}'
echo "$calibrate_with" > "$tmp/calibration-two-scales.json"
job_only=(--calibration "$tmp/calibration-two-scales.json")
add_case synthetic-calibrated posts-csv "$tmp/synthetic.csv"
calibrate_with='{"halfLife": 259200, "weights": {"values": [0.3, 0.2, 0, 0.2, 0.15, 0.15]}}'
echo "$calibrate_with" > "$tmp/calibration-one-scale.json"
job_only=(--calibration "$tmp/calibration-one-scale.json")
add_case fixtures-posts-calibrated posts-csv Fixtures/posts.csv
# Below the floor (folds of 3 engaged accounts known before them): neither uses it, both warn
# and rank with the uncalibrated default.
calibrate_with='{"halfLife": 259200, "weights": {"values": [0, 0, 0, 0, 0, 1]}, "k": 50,
  "folds": [{"origin": 0, "end": 1, "trainingInteractions": 1, "engaged": 100,
             "rankableEngaged": 3, "metrics": []},
            {"origin": 1, "end": 2, "trainingInteractions": 1, "engaged": 100,
             "rankableEngaged": 5, "metrics": []}]}'
echo "$calibrate_with" > "$tmp/calibration-below-floor.json"
job_only=(--calibration "$tmp/calibration-below-floor.json")
add_case fixtures-posts-below-floor posts-csv Fixtures/posts.csv 2> /dev/null
# The default's ranking, so the job matching it shows the job left the calibration out too.
cmp -s "$tmp/fixtures-posts.expected.csv" "$tmp/fixtures-posts-below-floor.expected.csv" || {
  echo "spark parity: clout applied a calibration below the floor" >&2
  exit 1
}
calibrate_with=''
job_only=()
clout_calibration=none

# A real data set: the RumourEval 2019 training tweets (twitter-v1), where the shared data is.
real=${CLOUT_DATA:-../shared/data}/rumoureval-2019/train-twitter-v1.jsonl.gz
if [ "${SPARK_PARITY_REAL:-0}" = 1 ] && [ -f "$real" ]; then
  add_case rumoureval-twitter twitter-v1 "$real"
fi

# The job's log (-v) is kept for a failure; its CPU time and peak memory (the one JVM, all
# cases) are printed.
started=$SECONDS
if ! scripts/spark-rank.sh batch "$tmp/batch.txt" 2> "$tmp/batch.log"; then
  grep -a 'batch line\|error' "$tmp/batch.log" >&2 || true
  tail -n 30 "$tmp/batch.log" >&2
  echo "spark parity FAILED: the job failed" >&2
  exit 1
fi
for name in "${cases[@]}"; do
  if ! python3 spark/compare.py "$tmp/$name.expected.csv" "$tmp/$name/ranking.csv"; then
    echo "spark parity FAILED: $name (batch line: $(grep -n -- "--out $tmp/$name " \
      "$tmp/batch.txt" | head -n 1))" >&2
    exit 1
  fi
  echo "spark parity ok: $name"
done
echo "spark parity: ${#cases[@]} cases in $((SECONDS - started)) s;" \
  "$(grep -o 'JVM cpu .*' "$tmp/batch.log" | tail -n 1)"
