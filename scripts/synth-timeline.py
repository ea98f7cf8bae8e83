#!/usr/bin/env python3
"""Writes a synthetic but realistically shaped mention timeline as a Clout posts-csv.

Shape, each with a knob:
- heavy-tailed activity: account activity ~ Pareto(--activity-alpha), so a few accounts
  post most of the time, as on every real platform;
- engagement that is not audience: each account has a latent "engagingness" (how likely its
  posts are to be replied to), independent of activity and drawn heavy-tailed too;
- engagingness that rises and falls: it follows a slow random walk in log space, so an
  account that engaged people last week may not next week (this is what `clout evaluate`
  must cope with);
- reply chains: a reply goes to a recent post of an engaging account, and with probability
  --deepen continues the latest reply in that thread instead, producing deep conversations;
- reposts, quotes and mentions (mentions prefer popular accounts: the "mentioned but not
  engaged with" case).

Deterministic for a given --seed. Standard library only.

  scripts/synth-timeline.py --posts 1000000 --accounts 50000 > bench/data/posts-1m.csv
"""
import argparse
import bisect
import csv
import math
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--days", type=float, default=14)
    parser.add_argument("--start", type=int, default=1_767_225_600, help="unix time of the first post (default 2026-01-01)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--activity-alpha", type=float, default=1.2)
    parser.add_argument("--reply", type=float, default=0.45, help="share of posts that are replies")
    parser.add_argument("--repost", type=float, default=0.2)
    parser.add_argument("--quote", type=float, default=0.05)
    parser.add_argument("--deepen", type=float, default=0.55, help="chance a reply continues the thread's latest reply")
    parser.add_argument("--drift", type=float, default=0.15, help="daily random-walk step of log engagingness")
    parser.add_argument("--refresh-hours", type=float, default=24, help="hours between engagingness steps (1 = bursty)")
    parser.add_argument("--trend", type=float, default=0, help="sd of each account's persistent per-step trend of log engagingness (drifting timelines)")
    parser.add_argument("--edges-only", action="store_true", help="write an edges-csv (actor,target,type,created_at) without post ids instead")
    parser.add_argument("--platform", default="synthetic")
    parser.add_argument("--with-text", action="store_true", help="add a short text column")
    parser.add_argument("--text-words", type=int, default=0,
                        help="with --with-text: add this many words per post, drawn Zipf-like from a 20,000-word vocabulary, and a #tagN hashtag in a fifth of the posts")
    parser.add_argument("--topic-word", default="solarflare",
                        help="with --topic-share: the word put into that share of posts")
    parser.add_argument("--topic-share", type=float, default=0.0,
                        help="with --with-text: share of posts whose text holds --topic-word (e.g. 0.01)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    # Text has its own generator: the graph is the same with or without --text-words.
    text_rng = random.Random(args.seed + 7_919)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "du", "fi", "go"]
    vocabulary = []
    for i in range(20_000):
        word, k = "", i + 1
        while k:
            word += syllables[k % len(syllables)]
            k //= len(syllables)
        vocabulary.append(word)
    vocabulary_cum = []
    total = 0.0
    for rank in range(len(vocabulary)):
        total += 1.0 / (rank + 1)
        vocabulary_cum.append(total)
    n = args.accounts
    handles = [f"user{i:06d}" for i in range(n)]
    activity = [rng.paretovariate(args.activity_alpha) for _ in range(n)]
    log_engaging = [rng.gauss(0, 1.2) for _ in range(n)]
    trend = [rng.gauss(0, args.trend) for _ in range(n)] if args.trend > 0 else [0.0] * n
    popularity = [rng.paretovariate(1.5) for _ in range(n)]  # who gets mentioned

    def cumulative(weights):
        total, out = 0.0, []
        for w in weights:
            total += w
            out.append(total)
        return out

    activity_cum = cumulative(activity)
    popularity_cum = cumulative(popularity)

    def pick(cum):
        return bisect.bisect_left(cum, rng.random() * cum[-1])

    span = args.days * 86_400
    recent_by_author = {}   # author -> list of recent post ids (last 5)
    latest_in_thread = {}   # root post id -> latest reply id
    root_of = {}            # post id -> root id
    author_of = {}          # post id -> author index
    engaging_cum = cumulative([math.exp(v) for v in log_engaging])
    refresh = args.refresh_hours / 24
    next_refresh_day = refresh

    writer = csv.writer(sys.stdout, lineterminator="\n")
    if args.edges_only:
        writer.writerow(["source", "target", "type", "timestamp"])
    header = ["id", "author", "created_at", "reply_to_id", "reply_to_author", "repost_of_id",
              "repost_of_author", "quote_of_id", "quote_of_author", "mentions", "platform"]
    if args.with_text:
        header.append("text")
    if not args.edges_only:
        writer.writerow(header)

    for index in range(args.posts):
        t = args.start + int(span * index / args.posts)
        day = (t - args.start) / 86_400
        while day >= next_refresh_day:  # engagingness drifts every --refresh-hours
            for a in range(n):
                log_engaging[a] += rng.gauss(0, args.drift) + trend[a]
            engaging_cum = cumulative([math.exp(v) for v in log_engaging])
            next_refresh_day += refresh
        post_id = str(index + 1)
        author = pick(activity_cum)
        row = {"reply_to_id": "", "reply_to_author": "", "repost_of_id": "", "repost_of_author": "",
               "quote_of_id": "", "quote_of_author": ""}
        roll = rng.random()
        target_post = None
        if author_of and roll < args.reply + args.repost + args.quote:
            starter = pick(engaging_cum)
            candidates = recent_by_author.get(starter)
            if candidates:
                target_post = rng.choice(candidates)
        root = post_id
        if target_post is not None and roll < args.reply:
            thread_root = root_of[target_post]
            if rng.random() < args.deepen and thread_root in latest_in_thread:
                target_post = latest_in_thread[thread_root]
            row["reply_to_id"] = target_post
            row["reply_to_author"] = handles[author_of[target_post]]
            root = thread_root
            latest_in_thread[thread_root] = post_id
        elif target_post is not None and roll < args.reply + args.repost:
            row["repost_of_id"] = target_post
            row["repost_of_author"] = handles[author_of[target_post]]
        elif target_post is not None:
            row["quote_of_id"] = target_post
            row["quote_of_author"] = handles[author_of[target_post]]
        mentions = []
        if rng.random() < 0.3:
            mentions.append(handles[pick(popularity_cum)])
            if rng.random() < 0.3:
                mentions.append(handles[pick(popularity_cum)])
        root_of[post_id] = root
        author_of[post_id] = author
        if not row["repost_of_id"]:
            recent = recent_by_author.setdefault(author, [])
            recent.append(post_id)
            if len(recent) > 5:
                recent.pop(0)
        if args.edges_only:
            for kind, key in (("reply", "reply_to_author"), ("repost", "repost_of_author"), ("quote", "quote_of_author")):
                if row[key] and row[key] != handles[author]:
                    writer.writerow([handles[author], row[key], kind, str(t)])
            for mentioned in mentions:
                if mentioned != handles[author]:
                    writer.writerow([handles[author], mentioned, "mention", str(t)])
            continue
        out = [post_id, handles[author], str(t), row["reply_to_id"], row["reply_to_author"],
               row["repost_of_id"], row["repost_of_author"], row["quote_of_id"], row["quote_of_author"],
               " ".join(mentions), args.platform]
        if args.with_text:
            text = f"post {post_id} by {handles[author]}, about things"
            if args.text_words:
                words = [vocabulary[bisect.bisect_left(vocabulary_cum, text_rng.random() * vocabulary_cum[-1])]
                         for _ in range(args.text_words)]
                text += " " + " ".join(words)
                if text_rng.random() < 0.2:
                    text += f" #tag{int(text_rng.paretovariate(1.2))}"
            if args.topic_share and text_rng.random() < args.topic_share:
                text += " " + args.topic_word
            out.append(text)
        writer.writerow(out)


if __name__ == "__main__":
    main()
