#!/usr/bin/env python3
"""Writes one synthetic interaction data set in two forms that hold the same edges:
an edges-csv for `clout ingest` and a .npz (source, target, weight arrays) for the peer
libraries, so every engine scores exactly the same graph.

Shape: heavy-tailed out- and in-activity (Zipf-like, as on real platforms), the four
interaction types in realistic proportions, timestamps over 30 days. Weights for the peers are
Clout's default type weights with no decay (the benchmark runs Clout with --half-life none).

  make_edges.py --interactions 10000000 --accounts 1000000 --out bench/data/edges-10m
"""
import argparse
import numpy as np

TYPE_NAMES = np.array(["reply", "quote", "repost", "mention"])
TYPE_WEIGHTS = np.array([1.0, 0.8, 0.6, 0.4])
TYPE_SHARES = [0.35, 0.05, 0.35, 0.25]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interactions", type=int, required=True)
    parser.add_argument("--accounts", type=int, required=True)
    parser.add_argument("--out", required=True, help="path prefix: writes PREFIX.csv and PREFIX.npz")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    n, m = args.accounts, args.interactions
    # Zipf-like activity: account i is chosen with probability ∝ 1/(i+10)^0.9, shuffled so ids
    # carry no order.
    ranks = np.arange(n, dtype=np.float64)
    actor_p = 1.0 / (ranks + 10) ** 0.9
    actor_p /= actor_p.sum()
    target_p = 1.0 / (ranks + 10) ** 1.1
    target_p /= target_p.sum()
    actors = rng.permutation(n)[rng.choice(n, size=m, p=actor_p)]
    targets = rng.permutation(n)[rng.choice(n, size=m, p=target_p)]
    types = rng.choice(4, size=m, p=TYPE_SHARES)
    times = 1_767_225_600 + np.sort(rng.integers(0, 30 * 86_400, size=m))

    keep = actors != targets  # self-interactions never enter the graph
    np.savez(args.out + ".npz", source=actors[keep].astype(np.int64),
             target=targets[keep].astype(np.int64), weight=TYPE_WEIGHTS[types[keep]],
             accounts=np.int64(n))

    with open(args.out + ".csv", "w") as out:
        out.write("source,target,type,timestamp\n")
        chunk = 1_000_000
        for start in range(0, m, chunk):
            end = min(m, start + chunk)
            lines = [f"u{a},u{t},{TYPE_NAMES[k]},{s}\n" for a, t, k, s in
                     zip(actors[start:end], targets[start:end], types[start:end], times[start:end])]
            out.write("".join(lines))


if __name__ == "__main__":
    main()
