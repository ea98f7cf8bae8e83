#!/usr/bin/env python3
"""How far other engagement features could lift the held-out ratios (README, Calibration).

For each split of scripts/evaluate-heldout.sh, from the stores it builds (edges only), this
computes in numpy, independently of Clout, a family of per-account features from the data
before the split and the target `clout evaluate` uses (gain log2(1 + distinct accounts that
replied to, reposted or quoted the account after the split), NDCG@50, newcomers in the ideal
order). It prints the best simple baseline (in-degree or distinct engagers), the best single
feature, and the best mix of two log-scaled features in steps of 1/4 chosen on the test window
itself: an oracle, an upper bound for a choice made from the past alone.

Features: in-degree and distinct engagers (all types, and reply/repost/quote only), out-degree;
at half-lives of 1/256, 1/64, 1/16, 1/4 and 1 of the history: decayed in-degree, decayed
distinct engagers (each at its latest interaction), the engagers' own decayed activity summed
over them (log), and the account's own decayed activity.

  OUT=bench/heldout scripts/heldout-ceiling.py
"""
import datetime
import itertools
import os
import sqlite3

import numpy as np

SPLITS = {
    "higgs": ["2012-07-03", "2012-07-04", "2012-07-05", "2012-07-06", "2012-07-02T12:00:00",
              "2012-07-03T12:00:00", "2012-07-04T12:00:00", "2012-07-05T12:00:00"],
    "digg": ["2008-11-02", "2008-11-05", "2008-11-08", "2008-11-03", "2008-11-04",
             "2008-11-06", "2008-11-10"],
    "mathoverflow": ["2012-01-01", "2013-06-01", "2015-01-01", "2011-01-01", "2014-01-01"],
}
MENTION = 4  # interaction_types.code; the target counts replies, reposts and quotes
K = 50
DISCOUNT = 1 / np.log2(np.arange(2, K + 2))


def seconds(text):
    moment = datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())


def ndcg(scores, gains, ideal):
    # Ties by account order, as clout evaluate breaks them.
    top = np.lexsort((np.arange(len(scores)), -scores))[:K]
    return float(np.dot(gains[top], DISCOUNT[: len(top)])) / ideal


def features(rows, split):
    accounts = np.unique(np.concatenate([rows[:, 0], rows[:, 1]]))
    n = len(accounts)
    actor = np.searchsorted(accounts, rows[:, 0])
    target = np.searchsorted(accounts, rows[:, 1])
    kind = rows[:, 2]
    age = (split - 1 - rows[:, 3]).astype(float)
    history = float(split - rows[:, 3].min())
    pair = actor * n + target
    order = np.lexsort((age, pair))
    first = np.ones(len(order), bool)
    first[1:] = pair[order][1:] != pair[order][:-1]
    latest = order[first]  # per (actor, target): its most recent interaction
    typed = kind != MENTION
    f = {
        "in-degree": np.bincount(target, minlength=n),
        "distinct-engagers": np.bincount(target[latest], minlength=n),
        "in-degree (no mentions)": np.bincount(target[typed], minlength=n),
        "distinct engagers (no mentions)": np.bincount(
            np.unique(pair[typed]) % n, minlength=n),
        "out-degree": np.bincount(actor, minlength=n),
    }
    for fraction in [1 / 256, 1 / 64, 1 / 16, 1 / 4, 1]:
        h = fraction * history
        decay = np.exp2(-age / h)
        own = np.bincount(actor, weights=decay, minlength=n)
        label = f"1/{round(1 / fraction)}" if fraction < 1 else "1"
        f[f"decayed in-degree h={label}"] = np.bincount(target, weights=decay, minlength=n)
        f[f"decayed distinct engagers h={label}"] = np.bincount(
            target[latest], weights=decay[latest], minlength=n)
        f[f"engagers' activity h={label}"] = np.bincount(
            target[latest], weights=np.log1p(own[actor[latest]]), minlength=n)
        f[f"own activity h={label}"] = own
    return accounts, {k: v.astype(float) for k, v in f.items()}


def target_gains(rows, accounts):
    engaged = {}
    for a, t in set(zip(rows[:, 0].tolist(), rows[:, 1].tolist())):
        engaged[t] = engaged.get(t, 0) + 1
    every = np.log2(1 + np.array(sorted(engaged.values(), reverse=True), float))
    ideal = float(np.dot(every[:K], DISCOUNT[: min(K, len(every))]))
    gains = np.zeros(len(accounts))
    position = {a: i for i, a in enumerate(accounts.tolist())}
    for t, count in engaged.items():
        if t in position:
            gains[position[t]] = np.log2(1 + count)
    return gains, ideal


def main():
    out = os.environ.get("OUT", "bench/heldout")
    print("| timeline | split | in-degree | best simple | best single feature | "
          "best two-feature mix (oracle) |")
    print("|---|---|---|---|---|---|")
    for name, splits in SPLITS.items():
        path = os.path.join(out, name + ".db")
        if not os.path.exists(path):
            continue
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as store:
            rows = np.array(store.execute(
                "SELECT actor_id, target_id, type, created_at FROM interactions "
                "WHERE actor_id != target_id").fetchall(), dtype=np.int64)
        for text in splits:
            split = seconds(text)
            accounts, f = features(rows[rows[:, 3] < split], split)
            future = rows[(rows[:, 3] >= split) & (rows[:, 2] != MENTION)]
            gains, ideal = target_gains(future, accounts)
            simple = max(ndcg(f[k], gains, ideal) for k in ["in-degree", "distinct-engagers"])
            single = max((ndcg(v, gains, ideal), k) for k, v in f.items())
            scaled = {k: np.log1p(v) / max(1e-12, np.log1p(v).max()) for k, v in f.items()}
            mix = max(
                (ndcg(w * scaled[a] + (1 - w) * scaled[b], gains, ideal), a, b, w)
                for a, b in itertools.combinations(sorted(scaled), 2)
                for w in [0.25, 0.5, 0.75])
            print(f"| {name} | {text} | {ndcg(f['in-degree'], gains, ideal):.4f} | "
                  f"{simple:.4f} | {single[0] / simple:.3f} ({single[1]}) | "
                  f"{mix[0] / simple:.3f} ({mix[3]:g} × {mix[1]} + {1 - mix[3]:g} × {mix[2]}) |",
                  flush=True)


if __name__ == "__main__":
    main()
