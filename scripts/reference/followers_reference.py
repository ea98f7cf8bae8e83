#!/usr/bin/env python3
"""An independent reading of the `followers` rule, checked against a `clout rank` CSV.

    scripts/reference/followers_reference.py RANK.csv [--twitter-v1 FILE]... [--mastodon FILE]...

Reads the tweets (v1.1, embedded retweeted/quoted tweets included) and Mastodon statuses
(reblogged and quoted statuses included) with Python's json module, takes each author's
latest count by the README's rule (newest created_at; same second, the larger post id as a
number when both are digits, else as a string; copies of one post, the larger count), and
compares it with the CSV's `followers` column for every row of those platforms: accounts by
user id (Twitter) or `user@instance` handle (Mastodon). Exits 1 naming the differences.
"""
import csv
import datetime
import json
import sys


def post_id_key(post_id: str):
    # Sortable under the rule when an account's ids of one second are all digits or all not.
    if post_id.isdigit() and post_id.isascii():
        stripped = post_id.lstrip("0")
        return (0, len(stripped), stripped)
    return (1, 0, post_id.encode())


def count_of(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip(" \t").isdigit() and value.strip(" \t").isascii():
        number = int(value.strip(" \t"))
        return number if number < 2**63 else None
    return None


best = {}


def offer(account, time, post_id, count):
    if count is None:
        return
    candidate = (time, post_id_key(post_id), count)
    if account not in best or candidate > best[account]:
        best[account] = candidate


def tweet(t, depth=0):
    user = t.get("user") or {}
    uid = user.get("id_str") or (str(user["id"]) if "id" in user else None)
    when = int(datetime.datetime.strptime(t["created_at"], "%a %b %d %H:%M:%S %z %Y").timestamp())
    offer(("twitter", uid), when, t.get("id_str") or str(t["id"]), count_of(user.get("followers_count")))
    if depth < 3:
        for key in ("retweeted_status", "quoted_status"):
            if isinstance(t.get(key), dict):
                tweet(t[key], depth + 1)


def host(url):
    return url.split("://", 1)[1].split("/")[0].split(":")[0].lower() if url and "://" in url else None


def status(s, depth=0):
    account = s["account"]
    acct = (account.get("acct") or account.get("username")).lstrip("@")
    if "@" not in acct:
        h = host(account.get("url")) or host(s.get("uri")) or host(s.get("url"))
        acct = acct + "@" + h if h else acct
    when = int(datetime.datetime.fromisoformat(s["created_at"].replace("Z", "+00:00")).timestamp())
    offer(("mastodon", acct.lower()), when, str(s["id"]), count_of(account.get("followers_count")))
    if depth < 3:
        if isinstance(s.get("reblog"), dict):
            status(s["reblog"], depth + 1)
        quoted = (s.get("quote") or {}).get("quoted_status")
        if isinstance(quoted, dict):
            status(quoted, depth + 1)


def main(argv):
    rank, rest = argv[0], argv[1:]
    platforms = set()
    for flag, path in zip(rest[::2], rest[1::2]):
        if flag == "--twitter-v1":
            platforms.add("twitter")
            for line in open(path, encoding="utf-8"):
                if line.strip():
                    tweet(json.loads(line))
        elif flag == "--mastodon":
            platforms.add("mastodon")
            text = open(path, encoding="utf-8").read()
            statuses = json.loads(text) if text.lstrip().startswith("[") else [
                json.loads(line) for line in text.splitlines() if line.strip()]
            for s in statuses:
                status(s)
    rows = list(csv.DictReader(open(rank, newline="", encoding="utf-8")))
    problems, checked = [], 0
    for row in rows:
        if row["platform"] not in platforms:
            continue
        key = (row["platform"], row["user_id"] if row["platform"] == "twitter" else row["account"])
        want = str(best[key][2]) if key in best else ""
        checked += 1
        if row["followers"] != want:
            problems.append(f"{row['platform']}:{row['account']}: {row['followers']!r}, expected {want!r}")
    for problem in problems[:20]:
        print(problem, file=sys.stderr)
    print(f"{checked} rows checked, {sum(1 for r in rows if r['followers'])} with a count, "
          f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
