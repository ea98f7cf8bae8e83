#!/usr/bin/env python3
"""Builds Fixtures/ from the real public data sets in the shared data folder.

Usage: scripts/make-fixtures.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ../shared/data relative to the repository root (the folder that
holds scripts/). Python 3 standard library only. Deterministic: every selection is sorted, no
randomness, no clocks; running it twice gives byte-identical output.

Writes (see Fixtures/PROVENANCE.md, which this script also writes):
  Fixtures/twitter-v2/{noflat,flat,brexit,kpop}.jsonl + LICENSE   (twarc-csv test data, MIT)
  Fixtures/twitter-v1.jsonl      whole RumourEval 2019 threads, v1.1 tweet objects unchanged
  Fixtures/posts.csv             other RumourEval threads + one Reddit thread, posts-csv layout
  Fixtures/edges.csv             interactions of the twitter-v2 brexit/kpop samples, edges-csv
  Fixtures/bad/                  small deliberately broken inputs (hand-written)
  Fixtures/PROVENANCE.md, LICENSE-rumoureval.md, LICENSE-reddit-sample
"""

import collections
import csv
import datetime
import gzip
import io
import json
import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "Fixtures")

TWITTER_V2_FILES = ["noflat.jsonl", "flat.jsonl", "brexit.jsonl", "kpop.jsonl"]
TWITTER_V2_OPTIONAL = {"brexit.jsonl", "kpop.jsonl"}
TWITTER_V2_BUDGET = 2_000_000  # bytes for Fixtures/twitter-v2/ as a whole
FIXTURES_BUDGET = 3_000_000  # bytes for what this script writes into Fixtures/
V1_TARGET = 300  # stop adding threads to twitter-v1.jsonl once it has this many tweets
V1_MAX = 340  # ...and skip a thread that would take it past this many (keeps Fixtures/ < 3 MB)
CSV_TARGET = 350  # same for the Twitter rows of posts.csv
DEEP = 5  # a "deep" thread has a reply chain of at least this many hops

POSTS_COLUMNS = [
    "id", "author", "created_at", "text",
    "reply_to_id", "reply_to_author",
    "repost_of_id", "repost_of_author",
    "quote_of_id", "quote_of_author",
    "mentions", "platform", "display_name",
]
EDGES_COLUMNS = ["source", "target", "type", "timestamp", "post_id", "weight"]
PRECEDENCE = {"reply": 0, "quote": 1, "repost": 2, "mention": 3}

# Shared provenance (from ../shared/data/*/PROVENANCE.md).
SRC_TWARC = {
    "repo": "DocNow/twarc-csv", "path": "test-data/",
    "commit": "d77da935c6b6b1deb9fff529f4e551c0091ba789",
    "license": "MIT, Copyright (c) 2021 Documenting the Now (see `twitter-v2/LICENSE`)",
}
SRC_RUMOUREVAL = {
    "repo": "Laprama/Rumour_Evaluation", "path": "data/rumoureval-2019-training-data/",
    "commit": "e9a250a0f56fa29a80fcbf54c0abb7f7319d8ee4",
    "license": "CC BY 4.0 (see `LICENSE-rumoureval.md`)",
}
SRC_REDDIT = {
    "repo": "leviroth/ocaml-reddit-api", "path": "test/cassettes/more_comments.sexp",
    "commit": "c5507f3d243e21dbd9516ab6ccb0e5ed16f20500",
    "license": "MIT, Copyright 2020 Levi Roth (see `LICENSE-reddit-sample`)",
}

RUMOUREVAL_ATTRIBUTION = """\
RumourEval 2019 data: Genevieve Gorrell, Elena Kochkina, Maria Liakata, Ahmet Aker, Arkaitz
Zubiaga, Kalina Bontcheva and Leon Derczynski. 2019. "SemEval-2019 Task 7: RumourEval,
Determining Rumour Veracity and Support for Rumours." In Proceedings of the 13th International
Workshop on Semantic Evaluation (SemEval 2019), pages 845-854. doi:10.18653/v1/S19-2147.
Data published on figshare ("RumourEval 2019 data", article 8845580) under the Creative
Commons Attribution 4.0 International license (CC BY 4.0).

The Twitter part derives from the PHEME data set: Arkaitz Zubiaga, Maria Liakata, Rob Procter,
Geraldine Wong Sak Hoi and Peter Tolmie. 2016. "Analysing How People Orient to and Spread
Rumours in Social Media by Looking at Conversational Threads." PLoS ONE 11(3): e0150989.
doi:10.1371/journal.pone.0150989.
"""


# --------------------------------------------------------------------------------------------
# Helpers


def iso_from_v1(created_at):
    """'Sun Aug 10 01:30:14 +0000 2014' -> '2014-08-10T01:30:14Z'."""
    t = datetime.datetime.strptime(created_at, "%a %b %d %H:%M:%S %z %Y")
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_from_v2(created_at):
    """'2021-09-22T16:37:29.000Z' -> '2021-09-22T16:37:29Z'."""
    t = datetime.datetime.strptime(created_at, "%Y-%m-%dT%H:%M:%S.%fZ")
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_from_unix(seconds):
    t = datetime.datetime.fromtimestamp(int(seconds), tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def norm(handle):
    """Handle normalization as in CloutCore's Handle.normalize."""
    if handle is None:
        return None
    h = handle.strip().lstrip("@").lower()
    return h or None


def derive(post):
    """Interactions one post gives, mirroring PostRecord.derivedInteractions():
    reply, quote, repost, then mentions; one per target per post, the strongest kept.
    post: dict with author, reply_to (author|None, id|None), quote_of, repost_of, mentions.
    Returns [(type, target_handle_or_None, via_post_id_or_None)]; the target handle is
    spelled as the record first gives it (compare with norm())."""
    result = []

    def add(kind, author, post_id):
        a = norm(author)
        if a is not None:
            for i, (k, t, _) in enumerate(result):
                if t is not None and norm(t) == a:
                    if PRECEDENCE[kind] < PRECEDENCE[k]:
                        result[i] = (kind, t, None)
                    return
            result.append((kind, author.strip(), None))
        elif post_id:
            result.append((kind, None, post_id))

    for kind, key in (("reply", "reply_to"), ("quote", "quote_of"), ("repost", "repost_of")):
        ref = post.get(key)
        if ref:
            add(kind, ref[0], ref[1])
    for m in post.get("mentions", []):
        add("mention", m, None)
    return result


def stats(posts, extra_ids=()):
    """Counts for PROVENANCE.md. posts: list of dicts with id, author, parent (id|None),
    reply_to/quote_of/repost_of/mentions as for derive(). extra_ids: further post ids present
    in the file (e.g. included tweets) with their parents, as (id, parent) pairs."""
    parent = {p["id"]: p.get("parent") for p in posts}
    for pid, par in extra_ids:
        parent.setdefault(pid, par)

    def depth(pid):
        d = 0
        seen = set()
        while parent.get(pid) and parent[pid] in parent and pid not in seen:
            seen.add(pid)
            pid = parent[pid]
            d += 1
        return d

    counts = collections.Counter()
    via = 0
    selfs = 0
    accounts = set()
    for p in posts:
        a = norm(p["author"])
        accounts.add(a)
        for kind, target, via_id in derive(p):
            counts[kind] += 1
            if target is None:
                via += 1
            else:
                accounts.add(norm(target))
                if norm(target) == a:
                    selfs += 1
    return {
        "posts": len(posts),
        "authors": len({norm(p["author"]) for p in posts}),
        "accounts": len(accounts),
        "max_depth": max((depth(p["id"]) for p in posts), default=0),
        "reply_posts": sum(1 for p in posts if p.get("reply_to")),
        "repost_posts": sum(1 for p in posts if p.get("repost_of")),
        "quote_posts": sum(1 for p in posts if p.get("quote_of")),
        "mention_entities": sum(len(p.get("mentions", [])) for p in posts),
        "reply": counts["reply"], "repost": counts["repost"],
        "quote": counts["quote"], "mention": counts["mention"],
        "via_post": via, "self": selfs,
    }


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# --------------------------------------------------------------------------------------------
# Twitter API v2 (twarc-csv test data)


def v2_pages_posts(line_objs):
    """Posts (primary tweets of response pages or flat lines) and included tweet ids."""
    posts = []
    extra = []
    for obj in line_objs:
        if "data" in obj:
            users = {u["id"]: u for u in obj.get("includes", {}).get("users", [])}
            tweets = {t["id"]: t for t in obj.get("includes", {}).get("tweets", [])}
            for t in obj["data"]:
                posts.append(v2_post(t, users, tweets))
            for t in obj.get("includes", {}).get("tweets", []):
                extra.append((t["id"], v2_parent(t)))
        else:  # flat: expansions inlined
            users = {}
            tweets = {}
            if "author" in obj:
                users[obj["author_id"]] = obj["author"]
            if isinstance(obj.get("in_reply_to_user"), dict):
                users[obj["in_reply_to_user"]["id"]] = obj["in_reply_to_user"]
            for r in obj.get("referenced_tweets", []):
                if "author" in r:
                    users[r["author_id"]] = r["author"]
                    tweets[r["id"]] = r
                    extra.append((r["id"], v2_parent(r)))
            posts.append(v2_post(obj, users, tweets))
    return posts, extra


def v2_parent(t):
    for r in t.get("referenced_tweets", []):
        if r["type"] == "replied_to":
            return r["id"]
    return None


def v2_post(t, users, tweets):
    def username(uid):
        u = users.get(uid)
        return u["username"] if u else None

    post = {
        "id": t["id"],
        "author": username(t["author_id"]) or t["author_id"],
        "created_at": iso_from_v2(t["created_at"]),
        "parent": v2_parent(t),
        "mentions": [m["username"] for m in t.get("entities", {}).get("mentions", [])],
    }
    for r in t.get("referenced_tweets", []):
        ref = tweets.get(r["id"])
        ref_author = username(ref["author_id"]) if ref else None
        if r["type"] == "replied_to":
            reply_author = username(t.get("in_reply_to_user_id")) or ref_author
            post["reply_to"] = (reply_author, r["id"])
        elif r["type"] == "retweeted":
            post["repost_of"] = (ref_author, r["id"])
        elif r["type"] == "quoted":
            post["quote_of"] = (ref_author, r["id"])
    return post


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def make_twitter_v2(data, report):
    src = os.path.join(data, "twitter-v2")
    dst = os.path.join(OUT, "twitter-v2")
    os.makedirs(dst, exist_ok=True)
    shutil.copyfile(os.path.join(src, "LICENSE"), os.path.join(dst, "LICENSE"))
    total = os.path.getsize(os.path.join(src, "LICENSE"))
    for name in TWITTER_V2_FILES:
        with open(os.path.join(src, name), "rb") as f:
            raw = f.read()
        note = "copied unchanged"
        if total + len(raw) >= TWITTER_V2_BUDGET:
            if name not in TWITTER_V2_OPTIONAL:
                raise SystemExit(f"{name} does not fit the twitter-v2 budget")
            kept = b""
            for line in raw.splitlines(keepends=True):  # whole lines only
                if total + len(kept) + len(line) >= TWITTER_V2_BUDGET:
                    break
                kept += line
            note = "trimmed to its first %d whole lines to fit 2 MB" % kept.count(b"\n")
            raw = kept
            if not raw:
                print(f"twitter-v2/{name}: skipped (over the 2 MB budget)")
                continue
        total += len(raw)
        write_bytes(os.path.join(dst, name), raw)
        objs = [json.loads(l) for l in raw.decode("utf-8").splitlines() if l.strip()]
        posts, extra = v2_pages_posts(objs)
        layout = "response pages" if objs and "data" in objs[0] else "flat tweets"
        report.append({
            "file": f"twitter-v2/{name}", "format": "twitter-v2", "src": SRC_TWARC,
            "src_file": f"test-data/{name}",
            "selection": f"{note}; {len(objs)} line(s) of {layout}; "
                         f"{len(extra)} further tweets under `includes.tweets` / inlined "
                         "`referenced_tweets` (not counted as posts below)",
            "stats": stats(posts, extra), "platforms": "twitter",
        })


# --------------------------------------------------------------------------------------------
# RumourEval 2019: Twitter v1.1 tweets


def load_v1(data):
    path = os.path.join(data, "rumoureval-2019", "train-twitter-v1.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def v1_threads(tweets):
    """Groups tweets by thread root: walk in_reply_to_status_id_str while the parent is in the
    data. A tweet whose parent is missing roots its own (orphan) thread."""
    by_id = {t["id_str"]: t for t in tweets}
    root_of = {}
    depth_of = {}
    for t in tweets:
        cur, d = t, 0
        while cur.get("in_reply_to_status_id_str") in by_id:
            cur = by_id[cur["in_reply_to_status_id_str"]]
            d += 1
        root_of[t["id_str"]] = cur["id_str"]
        depth_of[t["id_str"]] = d
    threads = collections.defaultdict(list)
    for t in tweets:
        threads[root_of[t["id_str"]]].append(t)
    return threads, depth_of, by_id


def v1_sort_key(t):
    created = datetime.datetime.strptime(t["created_at"], "%a %b %d %H:%M:%S %z %Y")
    return (created, int(t["id_str"]))


def v1_post(t):
    post = {
        "id": t["id_str"],
        "author": t["user"]["screen_name"],
        "display_name": t["user"].get("name") or "",
        "created_at": iso_from_v1(t["created_at"]),
        "text": t.get("text", ""),
        "parent": t.get("in_reply_to_status_id_str"),
        "mentions": [m["screen_name"] for m in t.get("entities", {}).get("user_mentions", [])],
    }
    if t.get("in_reply_to_status_id_str"):
        post["reply_to"] = (t.get("in_reply_to_screen_name"), t["in_reply_to_status_id_str"])
    if t.get("quoted_status_id_str"):
        q = t.get("quoted_status") or {}
        post["quote_of"] = ((q.get("user") or {}).get("screen_name"), t["quoted_status_id_str"])
    if t.get("retweeted_status"):
        rt = t["retweeted_status"]
        post["repost_of"] = (rt["user"]["screen_name"], rt["id_str"])
    return post


def select_threads(tweets):
    threads, depth_of, by_id = v1_threads(tweets)
    max_depth = {r: max(depth_of[t["id_str"]] for t in ts) for r, ts in threads.items()}
    quote_roots = sorted({r for r, ts in threads.items()
                          if any(t.get("quoted_status_id_str") for t in ts)}, key=int)
    orphan_roots = sorted({r for r in threads if by_id[r].get("in_reply_to_status_id_str")},
                          key=int)
    mandatory = quote_roots + [r for r in orphan_roots if r not in quote_roots]
    deep = sorted((r for r in threads if max_depth[r] >= DEEP and r not in mandatory),
                  key=lambda r: (-max_depth[r], int(r)))
    v1_roots = list(mandatory)
    csv_roots = []
    v1_count = sum(len(threads[r]) for r in v1_roots)
    csv_count = 0
    # Deep threads ranked by depth: odd ranks to twitter-v1.jsonl, even ranks (the deepest
    # first: posts.csv rows are small) to posts.csv.
    for rank, root in enumerate(deep):
        if rank % 2 == 1 and v1_count < V1_TARGET:
            if v1_count + len(threads[root]) > V1_MAX:
                continue
            v1_roots.append(root)
            v1_count += len(threads[root])
        elif rank % 2 == 0 and csv_count < CSV_TARGET:
            csv_roots.append(root)
            csv_count += len(threads[root])
    return threads, max_depth, v1_roots, csv_roots, quote_roots, orphan_roots


def make_twitter_v1(tweets, sel, report):
    threads, max_depth, v1_roots, _, quote_roots, orphan_roots = sel
    chosen = sorted((t for r in v1_roots for t in threads[r]), key=v1_sort_key)
    deep_threads = sum(1 for r in v1_roots if max_depth[r] >= DEEP)
    assert deep_threads >= 3, "twitter-v1.jsonl needs 3 threads with chains >= 5 deep"
    lines = [json.dumps(t, separators=(",", ":")) + "\n" for t in chosen]
    write_text(os.path.join(OUT, "twitter-v1.jsonl"), "".join(lines))
    posts = [v1_post(t) for t in chosen]
    report.append({
        "file": "twitter-v1.jsonl", "format": "twitter-v1", "src": SRC_RUMOUREVAL,
        "src_file": "train-twitter-v1.jsonl.gz`, built from the per-thread folders "
                    "`*/source-tweet/` and `*/replies/",
        "selection": (
            f"{len(v1_roots)} whole threads: the {len(quote_roots)} threads that contain quote "
            f"tweets, the {len(orphan_roots)} reply tweets whose parent is missing from the "
            "data (each its own thread), then the deep threads (max reply depth >= 5) of odd "
            "rank (0-based) when ranked by depth descending then root id, until the file "
            f"holds at least {V1_TARGET} tweets (a thread that would take it past {V1_MAX} is "
            f"skipped). {deep_threads} threads are >= 5 deep (roots: "
            + ", ".join(f"{r} ({max_depth[r]} deep)" for r in v1_roots if max_depth[r] >= DEEP)
            + "). Tweet objects unchanged, re-serialized as compact JSON (`\\uXXXX` escapes "
            "kept), one per line, sorted by created_at then id."),
        "stats": stats(posts), "platforms": "twitter",
    })
    return v1_roots


# --------------------------------------------------------------------------------------------
# posts.csv: other RumourEval threads + the Reddit sample


def make_posts_csv(tweets, sel, data, report):
    threads, max_depth, v1_roots, csv_roots, _, _ = sel
    assert not set(v1_roots) & set(csv_roots)
    chosen = sorted((t for r in csv_roots for t in threads[r]), key=v1_sort_key)
    rows = []
    posts = []
    for t in chosen:
        p = v1_post(t)
        p["platform"] = "twitter"
        posts.append(p)
    reddit_path = os.path.join(data, "reddit", "more-comments.ndjson")
    reddit = read_jsonl(reddit_path)
    skipped_deleted = 0
    reddit_posts = []
    for c in sorted(reddit, key=lambda c: (c["created_utc"], c["id"])):
        if c.get("author") in (None, "", "[deleted]"):
            skipped_deleted += 1
            continue
        parent = c.get("parent_id") or ""
        parent = parent.split("_", 1)[1] if parent[:3] in ("t1_", "t3_") else parent
        p = {
            "id": c["id"], "author": c["author"], "display_name": "",
            "created_at": iso_from_unix(c["created_utc"]), "text": c.get("body", ""),
            "parent": parent or None, "mentions": [], "platform": "reddit",
        }
        if parent:
            p["reply_to"] = (None, parent)
        reddit_posts.append(p)
    for p in posts + reddit_posts:
        rows.append({
            "id": p["id"], "author": p["author"], "created_at": p["created_at"],
            "text": p["text"],
            "reply_to_id": (p.get("reply_to") or (None, None))[1] or "",
            "reply_to_author": (p.get("reply_to") or (None, None))[0] or "",
            "repost_of_id": (p.get("repost_of") or (None, None))[1] or "",
            "repost_of_author": (p.get("repost_of") or (None, None))[0] or "",
            "quote_of_id": (p.get("quote_of") or (None, None))[1] or "",
            "quote_of_author": (p.get("quote_of") or (None, None))[0] or "",
            "mentions": " ".join(p["mentions"]),
            "platform": p["platform"], "display_name": p["display_name"],
        })
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=POSTS_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    write_text(os.path.join(OUT, "posts.csv"), buf.getvalue())
    deep_threads = [r for r in csv_roots if max_depth[r] >= DEEP]
    tw, rd = stats(posts), stats(reddit_posts)
    allp = stats(posts + reddit_posts)
    report.append({
        "file": "posts.csv", "format": "posts-csv",
        "src": None,
        "src_file": None,
        "selection": (
            f"{len(csv_roots)} whole RumourEval threads not in twitter-v1.jsonl (the deep "
            "threads of even rank, same ranking, until at least "
            f"{CSV_TARGET} tweets; {len(deep_threads)} are >= 5 deep, the deepest "
            f"{max(max_depth[r] for r in csv_roots)} hops), platform `twitter`, sorted by "
            "created_at then id; then the Reddit thread (platform `reddit`, sorted by "
            f"created_utc then id, {skipped_deleted} `[deleted]`-author comments skipped). "
            "Twitter columns: reply_to_id/reply_to_author from `in_reply_to_status_id_str` / "
            "`in_reply_to_screen_name`, quote_of_* from `quoted_status`, mentions = "
            "`entities.user_mentions[].screen_name` joined by spaces (not deduplicated; a "
            "reply's mentions include the parent's author), display_name = `user.name`, text "
            "unchanged (v1 HTML entities such as `&amp;` left as they are). Reddit columns: "
            "id, author, created_at from `created_utc`, reply_to_id = `parent_id` without its "
            "`t1_`/`t3_` prefix (reply_to_author left empty: the dump does not give it), text = "
            "`body`. csv module, RFC 4180 quoting, LF line ends."),
        "stats": allp, "platforms": "twitter, reddit",
        "sub": [("twitter rows", tw), ("reddit rows", rd)],
        "multi_src": [SRC_RUMOUREVAL, SRC_REDDIT],
    })


# --------------------------------------------------------------------------------------------
# edges.csv from the brexit / kpop samples


def make_edges_csv(data, report):
    all_posts = []
    for name in ("brexit.jsonl", "kpop.jsonl"):
        posts, _ = v2_pages_posts(read_jsonl(os.path.join(data, "twitter-v2", name)))
        all_posts.extend(posts)
    all_posts.sort(key=lambda p: (p["created_at"], int(p["id"])))
    rows = []
    unresolved = 0
    for p in all_posts:
        for kind, target, via in derive(p):
            if target is None:
                unresolved += 1
                continue
            rows.append([p["author"], target, kind, p["created_at"], p["id"], "1"])
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EDGES_COLUMNS)
    w.writerows(rows)
    write_text(os.path.join(OUT, "edges.csv"), buf.getvalue())
    kinds = collections.Counter(r[2] for r in rows)
    st = {
        "posts": len({r[4] for r in rows}),  # distinct post_id values
        "authors": len({norm(r[0]) for r in rows}),
        "accounts": len({norm(r[0]) for r in rows} | {norm(r[1]) for r in rows}),
        "max_depth": "n/a",
        "reply_posts": "", "repost_posts": "", "quote_posts": "", "mention_entities": "",
        "reply": kinds["reply"], "repost": kinds["repost"], "quote": kinds["quote"],
        "mention": kinds["mention"], "via_post": unresolved,
        "self": sum(1 for r in rows if norm(r[0]) == norm(r[1])),
        "edges": len(rows),
    }
    report.append({
        "file": "edges.csv", "format": "edges-csv", "src": SRC_TWARC,
        "src_file": "test-data/brexit.jsonl, test-data/kpop.jsonl",
        "selection": (
            f"the interactions of the {len(all_posts)} tweets under `data` in brexit.jsonl and "
            "kpop.jsonl, derived by Clout's per-post rule (reply to the parent's author, quote / "
            "repost to the original's author, a mention for every other mentioned account; one "
            "interaction per target per post, the strongest kept, so a retweet's `RT @x` mention "
            "is folded into the repost). source/target = usernames as the data spells them "
            "(the same account may appear in different letter case), timestamp = the tweet's created_at in ISO 8601 UTC, post_id "
            "= the tweet id, weight = 1. Rows sorted by timestamp then tweet id. Self-"
            f"interactions kept ({unresolved} interactions without a resolvable target "
            "dropped)."),
        "stats": st, "platforms": "twitter (no platform column)",
    })


# --------------------------------------------------------------------------------------------
# Broken inputs (hand-written, no third-party content)

BAD_README = """\
# Deliberately broken inputs

Hand-written for tests (no third-party content; the handles are made up). Line numbers are
1-based physical lines; the header is line 1. Generated by `scripts/make-fixtures.py`.

| file | what is wrong | where |
|---|---|---|
| `posts-bad-date.csv` | `created_at` is `yesterday`, not an ISO 8601 time | line 4, field `created_at` (rows on lines 2, 3 and 5 are valid) |
| `posts-missing-column.csv` | the header has no `created_at` column (a required column): the whole file is unusable | line 1 (header) |
| `posts-invalid-utf8.csv` | the `text` field holds the bytes `0xFF 0xFE` (invalid UTF-8; also a UTF-16 LE BOM) between `bad ` and ` bytes` | line 3, field `text` (lines 2 and 4 are valid) |
| `empty.csv` | 0 bytes: no header at all | - |
| `binary.bin` | 512 bytes, mostly NUL (`0x00`), with a few binary runs; not text | whole file |
| `twitter-v2-truncated.jsonl` | three flat v2 tweets; the last line is cut mid-object (no closing braces, no final newline) | line 3 (lines 1 and 2 are valid) |
| `edges-bad-weight.csv` | `weight` is `NaN` on line 3 and `-1` on line 4 (weights must be finite and >= 0) | lines 3 and 4, field `weight` (lines 2 and 5 are valid) |
| `unknown-format.txt` | plain English prose: no CSV header Clout knows, not JSON | whole file |
"""


def make_bad():
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    write_text(os.path.join(bad, "posts-bad-date.csv"),
               "id,author,created_at,text,reply_to_id\n"
               "1001,alice,2016-01-08T15:04:05Z,first post,\n"
               "1002,bob,2016-01-08T15:05:00Z,\"replying, with a comma\",1001\n"
               "1003,carol,yesterday,this row's date is not a date,1001\n"
               "1004,alice,2016-01-08T15:07:30Z,back to valid,1003\n")
    write_text(os.path.join(bad, "posts-missing-column.csv"),
               "id,author,text\n"
               "2001,alice,no created_at column in this file\n"
               "2002,bob,so no row can be read\n")
    write_bytes(os.path.join(bad, "posts-invalid-utf8.csv"),
                b"id,author,created_at,text\n"
                b"3001,alice,2016-01-08T15:04:05Z,valid text\n"
                b"3002,bob,2016-01-08T15:05:00Z,bad \xff\xfe bytes\n"
                b"3003,carol,2016-01-08T15:06:00Z,valid again\n")
    write_bytes(os.path.join(bad, "empty.csv"), b"")
    blob = bytearray(512)
    blob[0:8] = b"\x89BIN\r\n\x1a\n"
    blob[100:116] = bytes(range(0xF0, 0x100))
    blob[300:304] = b"\xde\xad\xbe\xef"
    write_bytes(os.path.join(bad, "binary.bin"), bytes(blob))
    tweets = [
        {"id": "4001", "author_id": "11", "author": {"id": "11", "username": "alice"},
         "created_at": "2021-04-08T19:34:10.000Z", "text": "hello @bob",
         "entities": {"mentions": [{"start": 6, "end": 10, "username": "bob"}]}},
        {"id": "4002", "author_id": "12", "author": {"id": "12", "username": "bob"},
         "created_at": "2021-04-08T19:35:10.000Z", "text": "@alice hi",
         "in_reply_to_user_id": "11",
         "referenced_tweets": [{"type": "replied_to", "id": "4001"}]},
        {"id": "4003", "author_id": "13", "author": {"id": "13", "username": "carol"},
         "created_at": "2021-04-08T19:36:10.000Z", "text": "this line is cut off"},
    ]
    lines = [json.dumps(t) for t in tweets]
    cut = lines[2][: lines[2].index('"text"') + len('"text": "this li')]
    write_text(os.path.join(bad, "twitter-v2-truncated.jsonl"),
               lines[0] + "\n" + lines[1] + "\n" + cut)
    write_text(os.path.join(bad, "edges-bad-weight.csv"),
               "source,target,type,timestamp,post_id,weight\n"
               "alice,bob,reply,2016-01-08T15:04:05Z,5001,1\n"
               "bob,carol,mention,2016-01-08T15:05:00Z,5002,NaN\n"
               "carol,alice,repost,2016-01-08T15:06:00Z,5003,-1\n"
               "alice,carol,quote,2016-01-08T15:07:00Z,5004,2.5\n")
    write_text(os.path.join(bad, "unknown-format.txt"),
               "This file is plain prose, not data. It has no header row that Clout knows,\n"
               "no JSON objects, and no columns; a reader asked to guess its format should\n"
               "say so and name the file, rather than read it as something else.\n")
    write_text(os.path.join(bad, "README.md"), BAD_README)
    # Keep every fixture byte-exact in git (no line-ending conversion, no diffs of bad bytes).
    write_text(os.path.join(OUT, ".gitattributes"), "* -text\n*.md text eol=lf\n")


# --------------------------------------------------------------------------------------------
# Licenses and provenance


def make_licenses(data):
    shutil.copyfile(os.path.join(data, "reddit", "LICENSE"),
                    os.path.join(OUT, "LICENSE-reddit-sample"))
    write_text(os.path.join(OUT, "LICENSE-rumoureval.md"),
               "# RumourEval 2019 / PHEME data: CC BY 4.0\n\n"
               "`twitter-v1.jsonl` and the `platform = twitter` rows of `posts.csv` are a "
               "subset of the RumourEval 2019 training data, licensed under the Creative "
               "Commons Attribution 4.0 International license "
               "(https://creativecommons.org/licenses/by/4.0/). Changes: a selection of whole "
               "threads; `posts.csv` converts the selected tweets to Clout's posts-csv layout "
               "(see `PROVENANCE.md`). The posts remain their authors' content.\n\n"
               "## Attribution\n\n" + RUMOUREVAL_ATTRIBUTION +
               "\nObtained from the public GitHub mirror Laprama/Rumour_Evaluation, folder "
               "`data/rumoureval-2019-training-data/`, commit "
               "e9a250a0f56fa29a80fcbf54c0abb7f7319d8ee4.\n")


def src_line(s):
    return (f"`{s['repo']}`, `{s['path']}`, commit `{s['commit']}`; license: {s['license']}")


STAT_ROWS = [
    ("posts (records)", "posts"), ("distinct authors", "authors"),
    ("distinct accounts (authors + targets)", "accounts"),
    ("max reply depth (hops, within the file)", "max_depth"),
    ("posts that reply", "reply_posts"), ("posts that repost", "repost_posts"),
    ("posts that quote", "quote_posts"), ("mention entities (raw)", "mention_entities"),
    ("reply interactions", "reply"), ("repost interactions", "repost"),
    ("quote interactions", "quote"), ("mention interactions", "mention"),
    ("interactions credited via a post id (no author named)", "via_post"),
    ("self-interactions", "self"),
]


def make_provenance(report, sizes):
    out = ["# Fixtures: provenance\n",
           "Small real-shaped data sets in every input format Clout reads, built by "
           "`scripts/make-fixtures.py` (Python 3 standard library, deterministic) from "
           "`../shared/data` (the project's shared copies of public data sets, see their "
           "`PROVENANCE.md`). Rebuild with `python3 scripts/make-fixtures.py [SHARED_DATA_DIR]`.\n",
           "Interaction counts follow Clout's per-post rule (`PostRecord.derivedInteractions`): "
           "a reply gives one `reply` to the parent's author, a repost one `repost`, a quote one "
           "`quote`, every other mentioned account one `mention`; per post each target gets at "
           "most one interaction, the strongest (reply > quote > repost > mention); accounts "
           "compared by lowercased handle. Self-interactions are included in the counts. Max "
           "reply depth counts reply hops to the topmost ancestor present in the same file. "
           "Posts counts only primary records (`data` tweets / flat lines / CSV rows).\n",
           "## Licenses\n",
           "- RumourEval 2019 (CC BY 4.0): `LICENSE-rumoureval.md`. " +
           RUMOUREVAL_ATTRIBUTION.replace("\n", " ").strip() + "\n",
           "- twarc-csv test data (MIT, Copyright (c) 2021 Documenting the Now): "
           "`twitter-v2/LICENSE`, copied unchanged.",
           "- Reddit sample from ocaml-reddit-api (MIT, Copyright 2020 Levi Roth): "
           "`LICENSE-reddit-sample`, copied unchanged.",
           "- `bad/`: hand-written for this project, no third-party content.\n",
           "Posts remain their authors' content.\n",
           "## Files\n"]
    for r in report:
        out.append(f"### `{r['file']}` ({r['format']}, {sizes[r['file']]:,} bytes)\n")
        if r.get("multi_src"):
            for s in r["multi_src"]:
                out.append(f"- Source: {src_line(s)}")
        else:
            out.append(f"- Source: {src_line(r['src'])}; shared copy `{r['src_file']}`")
        out.append(f"- Platforms: {r['platforms']}")
        out.append(f"- Selection: {r['selection']}\n")
        cols = [("all", r["stats"])] + r.get("sub", [])
        out.append("| count | " + " | ".join(c[0] for c in cols) + " |")
        out.append("|---|" + "---|" * len(cols))
        if "edges" in r["stats"]:
            out.append("| edge rows | " + str(r["stats"]["edges"]) + " |")
        for label, key in STAT_ROWS:
            vals = [str(c[1][key]) for c in cols]
            if all(v == "" for v in vals):
                continue
            out.append(f"| {label} | " + " | ".join(vals) + " |")
        out.append("")
    out.append("### `bad/`\n")
    out.append("Deliberately broken inputs, hand-written; see `bad/README.md` for which line "
               "and field is wrong in each.\n")
    out.append("### Platform formats\n")
    out.append("`mastodon.json`, `bluesky.jsonl`, `hackernews.jsonl` (invented) and `reddit.ndjson` "
               "(real, MIT, the shared Reddit sample unchanged; see `LICENSE-reddit-sample`): see "
               "`PROVENANCE-platforms.md`. `reference/` holds the networkx and leidenalg reference "
               "values, made by the scripts in `scripts/reference/`. These are not written by this "
               "script.\n")
    write_text(os.path.join(OUT, "PROVENANCE.md"), "\n".join(out))


# What main() regenerates; everything else under Fixtures/ is kept.
GENERATED = ["twitter-v2", "twitter-v1.jsonl", "posts.csv", "edges.csv", "bad", "PROVENANCE.md",
             "LICENSE-rumoureval.md", "LICENSE-reddit-sample", ".gitattributes"]


def dir_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data")
    data = os.path.abspath(data)
    # Remove only what this script writes: Fixtures/ also holds hand-made files (the platform
    # samples, reference values) that it must leave alone.
    for name in GENERATED:
        path = os.path.join(OUT, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    os.makedirs(OUT, exist_ok=True)
    report = []
    tweets = load_v1(data)
    sel = select_threads(tweets)
    make_twitter_v1(tweets, sel, report)
    make_posts_csv(tweets, sel, data, report)
    make_edges_csv(data, report)
    make_twitter_v2(data, report)
    make_bad()
    make_licenses(data)
    sizes = {r["file"]: os.path.getsize(os.path.join(OUT, r["file"])) for r in report}
    make_provenance(report, sizes)

    for r in report:
        s = r["stats"]
        print(f"{r['file']:<26} posts={s['posts']:<4} authors={s['authors']:<4} "
              f"max_depth={s['max_depth']:<3} reply={s['reply']} repost={s['repost']} "
              f"quote={s['quote']} mention={s['mention']} via_post={s['via_post']} "
              f"self={s['self']}")
    total = 0
    for name in GENERATED:
        path = os.path.join(OUT, name)
        total += dir_size(path) if os.path.isdir(path) else os.path.getsize(path) if os.path.exists(path) else 0
    print(f"Fixtures/ total: {total:,} bytes")
    if total >= FIXTURES_BUDGET:
        raise SystemExit(f"the generated fixtures are {total} bytes, over the {FIXTURES_BUDGET} budget")


if __name__ == "__main__":
    main()
