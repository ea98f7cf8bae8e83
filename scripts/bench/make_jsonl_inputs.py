#!/usr/bin/env python3
"""Builds the JSONL ingest benchmark inputs: real data from ../shared/data and Fixtures/
repeated N times, each copy with fresh post ids (a per-copy suffix or offset on every post id
and every reference to one) so that every copy adds new posts and new reply trees, while the
accounts stay the same (a real collection grows in posts, not in people). Deterministic.

    make_jsonl_inputs.py OUT_DIR [SCALE]

SCALE (default 1.0) multiplies every copy count. Writes one file per format and prints
`format file lines bytes` per file.
"""
import gzip
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
FIXTURES = os.path.join(ROOT, "Fixtures")


def read_lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shared_or_fixture(shared, fixture):
    path = os.path.join(SHARED, shared)
    return path if os.path.exists(path) else os.path.join(FIXTURES, fixture)


def suffix(value, s):
    return value + s if isinstance(value, str) and value else value


def v1_tweet(t, s):
    # The reader prefers the `_str` forms; numeric `id` fields stay as they are.
    for key in ("id_str", "in_reply_to_status_id_str", "quoted_status_id_str"):
        if key in t:
            t[key] = suffix(t[key], s)
    for key in ("retweeted_status", "quoted_status"):
        if isinstance(t.get(key), dict):
            v1_tweet(t[key], s)


def v2_tweet(t, s):
    for key in ("id", "conversation_id"):
        if key in t:
            t[key] = suffix(t[key], s)
    for ref in t.get("referenced_tweets") or []:
        if isinstance(ref, dict):
            v2_tweet(ref, s)


def v2_line(obj, s):
    if "data" in obj or "includes" in obj:
        data = obj.get("data")
        for t in data if isinstance(data, list) else [data] if isinstance(data, dict) else []:
            v2_tweet(t, s)
        for t in (obj.get("includes") or {}).get("tweets") or []:
            v2_tweet(t, s)
    else:
        v2_tweet(obj, s)


def mastodon_status(st, s):
    for key in ("id", "in_reply_to_id"):
        if key in st:
            st[key] = suffix(st[key], s)
    if isinstance(st.get("reblog"), dict):
        mastodon_status(st["reblog"], s)
    quote = st.get("quote")
    if isinstance(quote, dict):
        if isinstance(quote.get("quoted_status"), dict):
            mastodon_status(quote["quoted_status"], s)
        if "quoted_status_id" in quote:
            quote["quoted_status_id"] = suffix(quote["quoted_status_id"], s)


def bluesky_value(v, s):
    if isinstance(v, dict):
        return {k: bluesky_value(x, s) for k, x in v.items()}
    if isinstance(v, list):
        return [bluesky_value(x, s) for x in v]
    if isinstance(v, str) and v.startswith("at://") and "/app.bsky.feed.post/" in v:
        return v + s
    return v


def reddit_item(it, s):
    for key in ("id", "name", "parent_id", "link_id"):
        if key in it:
            it[key] = suffix(it[key], s)


def hackernews_item(it, k):
    offset = k * 1_000_000_000
    for key in ("id", "parent", "story_id", "poll"):
        if isinstance(it.get(key), int):
            it[key] += offset
    for key in ("kids", "parts"):
        if isinstance(it.get(key), list):
            it[key] = [x + offset if isinstance(x, int) else x for x in it[key]]


def main():
    out_dir = sys.argv[1]
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    os.makedirs(out_dir, exist_ok=True)
    v2_pages = []
    for name in ("brexit.jsonl", "kpop.jsonl", "noflat.jsonl"):
        v2_pages += read_lines(shared_or_fixture("twitter-v2/" + name, "twitter-v2/" + name))
    with open(os.path.join(FIXTURES, "mastodon.json"), encoding="utf-8") as f:
        mastodon = json.load(f)
    reddit = read_lines(shared_or_fixture("rumoureval-2019/train-reddit.ndjson", "reddit.ndjson"))
    reddit += read_lines(shared_or_fixture("reddit/more-comments.ndjson", "reddit.ndjson"))
    # (format, file, objects, copies, rewrite(object, copy index))
    plans = [
        ("twitter-v1", "twitter-v1.jsonl",
         read_lines(shared_or_fixture("rumoureval-2019/train-twitter-v1.jsonl.gz",
                                      "twitter-v1.jsonl")),
         20, lambda o, k: v1_tweet(o, "%03d" % k)),
        ("twitter-v2", "twitter-v2-pages.jsonl", v2_pages, 100,
         lambda o, k: v2_line(o, "%03d" % k)),
        ("twitter-v2", "twitter-v2-flat.jsonl",
         read_lines(shared_or_fixture("twitter-v2/flat.jsonl", "twitter-v2/flat.jsonl")), 100,
         lambda o, k: v2_line(o, "%03d" % k)),
        ("mastodon", "mastodon.jsonl", mastodon, 2000,
         lambda o, k: mastodon_status(o, "%04d" % k)),
        ("bluesky", "bluesky.jsonl", read_lines(os.path.join(FIXTURES, "bluesky.jsonl")), 2000,
         None),
        ("reddit", "reddit.jsonl", reddit, 100, lambda o, k: reddit_item(o, "%03d" % k)),
        ("hackernews", "hackernews.jsonl",
         read_lines(os.path.join(FIXTURES, "hackernews.jsonl")), 10000, hackernews_item),
    ]
    for fmt, name, objects, copies, rewrite in plans:
        copies = max(1, int(copies * scale))
        path = os.path.join(out_dir, name)
        texts = [json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in objects]
        lines = 0
        with open(path, "w", encoding="utf-8", buffering=1 << 20) as out:
            for k in range(copies):
                for text in texts:
                    obj = json.loads(text)
                    if fmt == "bluesky":
                        obj = bluesky_value(obj, "-%04d" % k)
                    else:
                        rewrite(obj, k)
                    out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
                    out.write("\n")
                    lines += 1
        print(fmt, path, lines, os.path.getsize(path))


if __name__ == "__main__":
    main()
