#!/usr/bin/env python3
"""Placebo study of `clout campaign`: groups of accounts drawn at random, nothing planted.

Each draw lists `--size` accounts picked at random (Python random.Random(draw)) from the
accounts ranked in [ON - WINDOW, ON + WINDOW) and runs `clout campaign --format json` on them
with each `--seeds` value. With nothing planted the true effect of every metric is 0, so about
95% of the intervals should hold 0 and the estimates should average near 0. Prints one line
per run and a summary per metric (mean and spread of the effects, share of intervals holding
0, over all runs and per seed).

  python3 scripts/campaign-placebo.py --db STORE --on 2023-12-30 --window 30d \\
      --draws 20 --size 30 --seeds 1 2 3 [--clout .build/release/clout]
"""
import argparse, csv, io, json, os, random, statistics, subprocess, sys, tempfile
from datetime import datetime, timedelta, timezone

p = argparse.ArgumentParser()
p.add_argument("--db", required=True)
p.add_argument("--on", required=True, help="YYYY-MM-DD (UTC)")
p.add_argument("--window", default="30d", help="whole days, e.g. 30d")
p.add_argument("--draws", type=int, default=20)
p.add_argument("--size", type=int, default=30)
p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
p.add_argument("--clout", default=os.environ.get("CLOUT", ".build/debug/clout"))
args = p.parse_args()

on = datetime.strptime(args.on, "%Y-%m-%d").replace(tzinfo=timezone.utc)
days = int(args.window.rstrip("d"))
since = (on - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
until = (on + timedelta(days=days) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
ranked = subprocess.run(
    [args.clout, "rank", "--db", args.db, "--since", since, "--until", until, "--top", "0",
     "--format", "csv"], check=True, capture_output=True, text=True).stdout
rows = list(csv.DictReader(io.StringIO(ranked)))
accounts = sorted({f"{r['platform']}:{r['account']}" for r in rows})
print(f"{len(accounts)} accounts ranked in [{since}, {until}]", flush=True)

results = []  # (draw, seed, metric, effect, low, high)
with tempfile.TemporaryDirectory() as work:
    for draw in range(args.draws):
        group = random.Random(draw).sample(accounts, args.size)
        path = os.path.join(work, f"draw{draw}.txt")
        with open(path, "w") as f:
            f.write("\n".join(group) + "\n")
        for seed in args.seeds:
            out = subprocess.run(
                [args.clout, "campaign", "--db", args.db, "--contacted", path, "--on", args.on,
                 "--window", args.window, "--seed", str(seed), "--format", "json"],
                check=True, capture_output=True, text=True).stdout
            line = [f"draw {draw:2d} seed {seed}"]
            for row in json.loads(out):
                results.append((draw, seed, row["metric"], row["effect"], row["ci_low"],
                                row["ci_high"]))
                line.append(f"{row['metric']} {row['effect']:+.3f} "
                            f"({row['ci_low']:+.3f} to {row['ci_high']:+.3f})")
            print("; ".join(line), flush=True)

for metric in sorted({r[2] for r in results}):
    runs = [r for r in results if r[2] == metric]
    effects = [r[3] for r in runs]
    held = sum(1 for r in runs if r[4] <= 0 <= r[5])
    per_seed = ", ".join(
        f"seed {s}: {sum(1 for r in runs if r[1] == s and r[4] <= 0 <= r[5])}/"
        f"{sum(1 for r in runs if r[1] == s)}" for s in args.seeds)
    draw_means = [statistics.mean(r[3] for r in runs if r[0] == d) for d in range(args.draws)]
    print(f"{metric}: mean effect {statistics.mean(effects):+.3f} (sd over draws "
          f"{statistics.stdev(draw_means) if len(draw_means) > 1 else 0:.3f}, standard error "
          f"of the mean {statistics.stdev(draw_means) / len(draw_means) ** 0.5 if len(draw_means) > 1 else 0:.3f}),"
          f" min {min(effects):+.3f}, max {max(effects):+.3f}; intervals holding 0: "
          f"{held}/{len(runs)} ({100 * held / len(runs):.0f}%; {per_seed})")
