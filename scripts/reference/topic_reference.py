#!/usr/bin/env python3
"""Writes Fixtures/reference/topic-rumoureval.json: what `clout rank --topic WORD` must find,
computed independently of Clout from the raw tweets.

For each WORD: the tweets whose text holds WORD as a term (Unicode letters and digits, `#`
kept as part of a word, case and diacritics folded, as SQLite's unicode61 tokenizer with
remove_diacritics does), every tweet of the reply trees holding one (roots found through
in_reply_to_status_id; replies to a tweet not in the file share a placeholder root), the
interactions of exactly those tweets (reply > quote > repost > mention per tweet and target,
self-interactions left out, every weight 1, no decay), networkx PageRank on that graph and
the reply metrics of README "Reply depth" on those trees.

Run from the repository root:
  python3 scripts/reference/topic_reference.py [TWEETS.jsonl[.gz]] [--out FILE] [--words W,...]
  python3 scripts/reference/topic_reference.py TWEETS --check CLOUT --db STORE
The second form also runs `CLOUT rank --db STORE --topic W --half-life none --weights
reply=1,quote=1,repost=1,mention=1 --calibration none --top 0 --format json` (STORE made by
`clout ingest` of TWEETS alone) and prints the largest differences.
Default input Fixtures/twitter-v1.jsonl (a RumourEval 2019 excerpt); the committed values were
made with networkx 3.6.1.
"""

import argparse
import gzip
import json
import sys
import unicodedata

import networkx as nx


def terms(text):
    folded = "".join(c for c in unicodedata.normalize("NFKD", text or "")
                     if not unicodedata.combining(c)).casefold()
    out, word = set(), ""
    for c in folded:
        if c == "#" or unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co":
            word += c
        else:
            if word:
                out.add(word)
            word = ""
    if word:
        out.add(word)
    return out


def read_tweets(path):
    opener = gzip.open if path.endswith(".gz") else open
    tweets = {}

    def add(tweet, depth=0):
        tid = tweet.get("id_str") or str(tweet["id"])
        if tid not in tweets:  # the first copy wins
            tweets[tid] = tweet
        if depth < 3:
            for key in ("retweeted_status", "quoted_status"):
                if isinstance(tweet.get(key), dict):
                    add(tweet[key], depth + 1)

    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                add(json.loads(line))
    return tweets


def account(user):
    if not user:
        return None
    return user.get("id_str") or (str(user["id"]) if user.get("id") is not None else None)


def topic_reference(tweets, word):
    parent = {t: (tw.get("in_reply_to_status_id_str") or None) for t, tw in tweets.items()}
    author = {t: account(tw.get("user")) for t, tw in tweets.items()}

    def root(t):
        seen = set()
        while parent[t] is not None:
            if parent[t] not in tweets:
                return "missing:" + parent[t]
            if t in seen:
                return "cycle"
            seen.add(t)
            t = parent[t]
        return t

    roots = {t: root(t) for t in tweets}
    matched = {t for t, tw in tweets.items()
               if word in terms((tw.get("extended_tweet") or {}).get("full_text")
                                or tw.get("full_text") or tw.get("text"))}
    chosen_roots = {roots[t] for t in matched}
    posts = {t for t in tweets if roots[t] in chosen_roots}

    rank_of = {"reply": 0, "quote": 1, "repost": 2, "mention": 3}
    edges = {}
    for t in posts:
        tw = tweets[t]
        a = author[t]
        targets = {}

        def offer(target, kind):
            if target is None or target == a:
                return
            if target not in targets or rank_of[kind] < rank_of[targets[target]]:
                targets[target] = kind

        p = parent[t]
        if p is not None:
            offer(author[p] if p in tweets else tw.get("in_reply_to_user_id_str"), "reply")
        if isinstance(tw.get("quoted_status"), dict):
            offer(account(tw["quoted_status"].get("user")), "quote")
        if isinstance(tw.get("retweeted_status"), dict):
            offer(account(tw["retweeted_status"].get("user")), "repost")
        else:
            entities = (tw.get("extended_tweet") or {}).get("entities") or tw.get("entities") or {}
            for m in entities.get("user_mentions") or []:
                offer(account(m), "mention")
        for target in targets:
            edges[(a, target)] = edges.get((a, target), 0) + 1

    g = nx.DiGraph()
    for (u, v), w in edges.items():
        g.add_edge(u, v, weight=float(w))
    pagerank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=1000)

    # Reply trees of the chosen posts; a missing parent is a placeholder authored by the
    # reply's in_reply_to_user_id.
    children, node_author = {}, {t: author[t] for t in posts}
    for t in posts:
        p = parent[t]
        if p is None:
            continue
        if p not in tweets:
            p = "missing:" + p
            node_author.setdefault(p, tweets[t].get("in_reply_to_user_id_str"))
        children.setdefault(p, []).append(t)

    height, repliers = {}, {}

    def visit(n):
        if n in height:
            return
        h, below = 0, set()
        for c in children.get(n, []):
            visit(c)
            h = max(h, height[c] + (0 if node_author[c] == node_author[n] else 1))
            below |= repliers[c] | {node_author[c]}
        height[n], repliers[n] = h, below

    sys.setrecursionlimit(100_000)
    metrics = {}
    for n in node_author:
        visit(n)
        a = node_author[n]
        if a is None:
            continue
        m = metrics.setdefault(a, {"max_reply_depth": 0, "distinct_repliers": set(),
                                   "replies_received": 0})
        m["max_reply_depth"] = max(m["max_reply_depth"], height[n])
        m["distinct_repliers"] |= {r for r in repliers[n] if r is not None and r != a}
        m["replies_received"] += sum(1 for c in children.get(n, []) if node_author[c] != a)

    accounts = {}
    for a in sorted(g.nodes):
        m = metrics.get(a, {"max_reply_depth": 0, "distinct_repliers": set(), "replies_received": 0})
        accounts[a] = {"pagerank": pagerank[a], "max_reply_depth": m["max_reply_depth"],
                       "distinct_repliers": len(m["distinct_repliers"]),
                       "replies_received": m["replies_received"]}
    return {"word": word, "matching_posts": len(matched), "posts": len(posts),
            "interactions": sum(edges.values()), "accounts": accounts}


def check(clout, db, cases):
    import subprocess
    for c in cases:
        out = subprocess.run(
            [clout, "rank", "--db", db, "--topic", c["word"], "--half-life", "none", "--weights",
             "reply=1,quote=1,repost=1,mention=1", "--calibration", "none", "--top", "0",
             "--format", "json"], check=True, capture_output=True, text=True).stdout
        rows = {r["user_id"]: r for r in json.loads(out)}
        expected = c["accounts"]
        worst = max((abs(rows[a]["pagerank"] - e["pagerank"]) for a, e in expected.items()
                     if a in rows), default=0.0)
        metric_mismatches = sum(
            1 for a, e in expected.items() if a in rows and any(
                rows[a][k] != e[k] for k in ("max_reply_depth", "distinct_repliers", "replies_received")))
        print(f"{c['word']}: clout ranks {len(rows)} accounts, reference {len(expected)}; "
              f"missing {len(set(expected) - set(rows))}, extra {len(set(rows) - set(expected))}; "
              f"max |pagerank diff| {worst:.2e}; reply-metric mismatches {metric_mismatches}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tweets", nargs="?", default="Fixtures/twitter-v1.jsonl")
    parser.add_argument("--out", default="Fixtures/reference/topic-rumoureval.json")
    parser.add_argument("--words", default="hillary,trump,#health")
    parser.add_argument("--check", metavar="CLOUT", help="compare with this clout binary's rank --topic")
    parser.add_argument("--db", help="with --check: the store of TWEETS")
    args = parser.parse_args()
    tweets = read_tweets(args.tweets)
    cases = [topic_reference(tweets, w) for w in args.words.split(",")]
    for c in cases:
        print(f"{c['word']}: {c['matching_posts']} matching tweets, {c['posts']} in their "
              f"conversations, {c['interactions']} interactions, {len(c['accounts'])} accounts",
              file=sys.stderr)
    if args.check:
        check(args.check, args.db, cases)
        return
    with open(args.out, "w") as out:
        json.dump({"input": args.tweets, "networkx": nx.__version__, "cases": cases}, out,
                  indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
