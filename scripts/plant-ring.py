#!/usr/bin/env python3
"""Plants a bought-engagement ring into a real timeline and reports what the ranking does.

The ring (issue 18): --ring fresh accounts, all created within --hours, each replying to one
small account's post --replies times, reposting --mutual other members' posts and, as
camouflage, mentioning --camouflage of the clean ranking's top accounts. The store given is
copied twice (clean, ringed); it is never written.

Reports, with the ranking of the ringed store with the coordination check (after) and
without it (before, `--no-coordination-check`):
- the boosted account's rank before and after, and its flag (goal: out of the top 200, flagged);
- the overlap of the clean store's top 50 with the ringed store's top 50 (goal >= 90%);
- how many of the clean top 50 are flagged in the ringed store (goal <= 2).

Usage:
  scripts/plant-ring.py --clout .build/debug/clout --store r.db --out /tmp/ring
"""
import argparse
import csv
import io
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path


def copy_store(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if target.with_name(target.name + suffix).exists():
            target.with_name(target.name + suffix).unlink()
        origin = source.with_name(source.name + suffix)
        if origin.exists():
            shutil.copyfile(origin, target.with_name(target.name + suffix))


def rank(clout: str, store: Path, *extra: str) -> list[dict]:
    out = subprocess.run(
        [clout, "rank", "--db", str(store), "--top", "0", "--format", "csv", *extra],
        check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clout", default=".build/debug/clout")
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--platform", default="twitter")
    parser.add_argument("--ring", type=int, default=1000)
    parser.add_argument("--hours", type=float, default=6)
    parser.add_argument("--replies", type=int, default=3)
    parser.add_argument("--mutual", type=int, default=5)
    parser.add_argument("--camouflage", type=int, default=2)
    parser.add_argument("--target-percentile", type=float, default=0.5,
                        help="where in the clean ranking the boosted account sits (0.5 = median)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    clean_store = args.out / "clean.db"
    ringed_store = args.out / "ringed.db"
    copy_store(args.store, clean_store)
    clean = rank(args.clout, clean_store)
    platform_rows = [row for row in clean if row["platform"] == args.platform]
    db = sqlite3.connect(clean_store)
    # The boosted account: an account near the given percentile that authored a post.
    start = int(len(platform_rows) * args.target_percentile)
    target = None
    for row in platform_rows[start:]:
        found = db.execute(
            "SELECT p.post_key, p.created_at FROM posts p JOIN accounts a ON a.id = p.author_id"
            " JOIN platforms f ON f.id = a.platform WHERE a.handle = ? AND f.name = ?"
            " ORDER BY p.created_at DESC LIMIT 1", (row["account"], args.platform)).fetchone()
        if found:
            target = (row["account"], found[0], found[1])
            break
    newest = db.execute("SELECT max(created_at) FROM interactions").fetchone()[0]
    db.close()
    if target is None:
        print("no account with a post to boost", file=sys.stderr)
        return 1
    popular = [row["account"] for row in platform_rows[: max(10, args.camouflage)]]
    handle, post_key, _ = target
    # The ring acts in the last --hours before the newest interaction, as a purchase would.
    begin = newest - int(args.hours * 3600)
    members = [f"ring{index:05d}" for index in range(args.ring)]
    posts = []

    def when() -> int:
        return begin + rng.randrange(int(args.hours * 3600))

    for member in members:
        posts.append({"id": f"ring-{member}-0", "author": member, "created_at": when()})
    for member in members:
        for reply in range(args.replies):
            posts.append({"id": f"ring-{member}-r{reply}", "author": member, "created_at": when(),
                          "reply_to_id": post_key, "reply_to_author": handle})
        for other in rng.sample([m for m in members if m != member], args.mutual):
            posts.append({"id": f"ring-{member}-s{other}", "author": member, "created_at": when(),
                          "repost_of_id": f"ring-{other}-0", "repost_of_author": other})
        for index, name in enumerate(rng.sample(popular, args.camouflage)):
            posts.append({"id": f"ring-{member}-c{index}", "author": member,
                          "created_at": when(), "mentions": name})
    ring_csv = args.out / "ring.csv"
    columns = ["id", "author", "created_at", "reply_to_id", "reply_to_author", "repost_of_id",
               "repost_of_author", "mentions", "platform"]
    with ring_csv.open("w", newline="") as handle_file:
        writer = csv.DictWriter(handle_file, fieldnames=columns)
        writer.writeheader()
        for post in posts:
            writer.writerow({**post, "platform": args.platform})
    copy_store(args.store, ringed_store)
    subprocess.run([args.clout, "ingest", "--db", str(ringed_store), "--format", "posts-csv",
                    str(ring_csv)], check=True, capture_output=True)
    after = rank(args.clout, ringed_store)
    before = rank(args.clout, ringed_store, "--no-coordination-check")

    def position(rows, name):
        for row in rows:
            if row["account"] == name and row["platform"] == args.platform:
                return int(row["rank"]), row.get("flags", "")
        return None, ""

    rank_before, _ = position(before, handle)
    rank_after, flag = position(after, handle)
    clean_top = [(row["platform"], row["account"]) for row in clean[:50]]
    after_top = {(row["platform"], row["account"]) for row in after[:50]}
    flags_after = {(row["platform"], row["account"]): row.get("flags", "") for row in after}
    overlap = sum(1 for key in clean_top if key in after_top)
    flagged_clean_top = [key for key in clean_top if flags_after.get(key)]
    flagged_clean = sum(1 for row in clean if row.get("flags"))
    flagged_after = sum(1 for row in after if row.get("flags"))
    print(f"store: {args.store} ({len(clean)} ranked accounts, {flagged_clean} flagged)")
    print(f"ring: {args.ring} accounts within {args.hours}h, {args.replies} replies to "
          f"{args.platform}:{handle} (clean rank {position(clean, handle)[0]}), "
          f"{args.mutual} reposts of members, {args.camouflage} camouflage mentions each")
    print(f"boosted account: rank {rank_before} without the check, {rank_after} with it "
          f"of {len(after)}; flag: {flag or '(none)'}")
    print(f"clean top 50 kept in the top 50: {overlap}/50 ({2 * overlap}%)")
    print(f"clean top 50 flagged in the ringed store: {len(flagged_clean_top)} "
          f"{[name for _, name in flagged_clean_top]}")
    print(f"flagged accounts in the ringed store: {flagged_after} "
          f"(ring members {sum(1 for r in after if r['account'].startswith('ring') and r.get('flags'))})")
    goals = [rank_after is not None and rank_after > 200 and bool(flag), overlap >= 45,
             len(flagged_clean_top) <= 2]
    print("goals met" if all(goals) else f"goals not met: {goals}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
