#!/usr/bin/env python3
"""Plants a known outreach effect into a real twitter-v1 timeline, for `clout campaign`.

Reads a twitter-v1 JSONL(.gz) file (RumourEval 2019 by default) and writes to OUT_DIR:
  planted.jsonl   4 extra tweets (--extra) by each contacted account in the after period,
                  each mentioning the brand (same user ids and handles as the real data);
  contacted.txt   the contacted accounts (twitter:handle), drawn at random from the
                  accounts that tweeted in the before period;
  placebo.txt     as many other accounts drawn the same way, given nothing;
  brand.txt       the brand: the account engaged most in both periods (the smaller of its
                  two counts is the largest).
The periods are [ON - WINDOW days, ON) and [ON, ON + WINDOW days).

Usage: scripts/campaign-plant.py OUT_DIR [--input FILE] [--on 2015-01-01] [--window 31]
       [--count 20] [--extra 4] [--seed 1]
"""
import argparse
import collections
import gzip
import json
import os
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument(
        "--input",
        default=str(Path(__file__).resolve().parents[2]
                    / "shared/data/rumoureval-2019/train-twitter-v1.jsonl.gz"))
    parser.add_argument("--on", default="2015-01-01")
    parser.add_argument("--window", type=int, default=31, help="days")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--extra", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    on = datetime.fromisoformat(args.on).replace(tzinfo=timezone.utc)
    start, end = on - timedelta(days=args.window), on + timedelta(days=args.window)
    users = {}
    authors_before = set()
    engaged = {"before": collections.Counter(), "after": collections.Counter()}
    for tweet in read(args.input):
        when = datetime.strptime(tweet["created_at"], TWITTER_TIME)
        if not start <= when < end:
            continue
        period = "before" if when < on else "after"
        user = tweet["user"]
        users[user["id_str"]] = user["screen_name"]
        if period == "before":
            authors_before.add(user["id_str"])
        targets = {m["id_str"]: m["screen_name"] for m in tweet["entities"]["user_mentions"]}
        if tweet.get("in_reply_to_user_id_str"):
            targets[tweet["in_reply_to_user_id_str"]] = tweet["in_reply_to_screen_name"]
        for target, name in targets.items():
            if target != user["id_str"]:
                users.setdefault(target, name)
                engaged[period][target] += 1

    brand = max(
        users, key=lambda u: (min(engaged["before"][u], engaged["after"][u]), users[u].lower()))
    rng = random.Random(args.seed)
    candidates = sorted(authors_before - {brand}, key=lambda u: users[u].lower())
    drawn = rng.sample(candidates, 2 * args.count)
    contacted, placebo = drawn[: args.count], drawn[args.count :]

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "planted.jsonl"), "w", encoding="utf-8") as out:
        serial = 0
        for user in contacted:
            for _ in range(args.extra):
                serial += 1
                when = on + timedelta(seconds=rng.randrange(args.window * 86400))
                out.write(json.dumps({
                    "id_str": str(990000000000000000 + serial),
                    "created_at": when.strftime(TWITTER_TIME),
                    "text": "@%s planted outreach reply %d" % (users[brand], serial),
                    "user": {"id_str": user, "screen_name": users[user]},
                    "entities": {"user_mentions": [
                        {"id_str": brand, "screen_name": users[brand]}]},
                }) + "\n")
    for name, group in [("contacted", contacted), ("placebo", placebo), ("brand", [brand])]:
        with open(os.path.join(args.out_dir, name + ".txt"), "w", encoding="utf-8") as out:
            out.write("# %s accounts, scripts/campaign-plant.py --seed %d\n" % (name, args.seed))
            for user in group:
                out.write("twitter:%s\n" % users[user].lower())
    print("brand %s (engaged %d times before, %d after); %d contacted, %d placebo; %d tweets"
          " planted" % (users[brand], engaged["before"][brand], engaged["after"][brand],
                        len(contacted), len(placebo), args.extra * len(contacted)))


if __name__ == "__main__":
    main()
