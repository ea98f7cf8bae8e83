#!/usr/bin/env python3
"""Writes the posts of a twitter-v1 JSONL file (each tweet, then its embedded retweeted and
quoted statuses, as TwitterV1Reader yields them) as posts CSV: the same posts, authors,
references and mentions, so that `clout ingest` of the CSV times the store writer on the
records of the JSONL without the JSON reader, and `--no-text` leaves the text column out
(the store's full-text index then has nothing to index). Authors are handles, as posts CSV
names them.

    v1_posts_csv.py IN.jsonl OUT.csv [--no-text]
"""
import csv, json, sys
from datetime import datetime

def ident(o, k):
    v = o.get(k + "_str") or o.get(k)
    return str(v) if v not in (None, "") else ""

def posts(t, depth=0):
    yield t
    if depth < 3:
        for k in ("retweeted_status", "quoted_status"):
            if isinstance(t.get(k), dict):
                yield from posts(t[k], depth + 1)

def main():
    src, dst = sys.argv[1], sys.argv[2]
    text = "--no-text" not in sys.argv
    cols = ["id", "author", "created_at", "text", "reply_to_id", "reply_to_author",
            "repost_of_id", "repost_of_author", "quote_of_id", "quote_of_author", "mentions",
            "platform", "display_name"]
    if not text:
        cols.remove("text")
    with open(src) as f, open(dst, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(cols)
        for line in f:
            for t in posts(json.loads(line)):
                u = t.get("user") or {}
                ts = datetime.strptime(t["created_at"], "%a %b %d %H:%M:%S %z %Y")
                rt = t.get("retweeted_status") or {}
                qt = t.get("quoted_status") or {}
                ents = (t.get("extended_tweet") or {}).get("entities") or t.get("entities") or {}
                ments = [] if rt else [m.get("screen_name", "") for m in ents.get("user_mentions") or []]
                row = {"id": ident(t, "id"), "author": u.get("screen_name", ""),
                       "created_at": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "text": (t.get("extended_tweet") or {}).get("full_text") or t.get("full_text") or t.get("text") or "",
                       "reply_to_id": ident(t, "in_reply_to_status_id"),
                       "reply_to_author": t.get("in_reply_to_screen_name") or "",
                       "repost_of_id": ident(rt, "id") if rt else "",
                       "repost_of_author": (rt.get("user") or {}).get("screen_name", "") if rt else "",
                       "quote_of_id": ident(qt, "id") if qt else ident(t, "quoted_status_id"),
                       "quote_of_author": (qt.get("user") or {}).get("screen_name", "") if qt else "",
                       "mentions": " ".join(dict.fromkeys(m for m in ments if m)),
                       "platform": "twitter", "display_name": u.get("name", "")}
                w.writerow([row[c] for c in cols])

main()
