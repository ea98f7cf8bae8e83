#!/usr/bin/env python3
"""Independent reference figures for `clout campaign`'s statistics (CampaignTests).

Written from the definitions in the README's campaign section, not from the Swift code:
  - difference-in-differences over matched units: d_i = (after_i - before_i) - mean over the
    unit's comparisons of (after_j - before_j); effect = mean d_i;
  - the bootstrap interval: the exact bootstrap distribution of the mean of d over all n^n
    equally likely resamples (Clout draws 2,000 of them, so it must land close to these),
    percentiles 2.5 and 97.5 with linear interpolation (numpy's default);
  - nearest-neighbour matching on Euclidean distance without replacement, in rounds: round r
    gives every contacted account its r-th comparison, the closest (contacted, free candidate)
    pair first (brute force here: every step re-sorts every waiting account's free candidates);
  - balance: standardized mean difference with the contacted sample variance and the
    comparison variance weighted 1 / (n * |M(i)|) per match.

Run: python3 scripts/reference/campaign_did.py
Output (numpy 2.4.6), recorded in Tests/CloutCoreTests/CampaignTests.swift:
  hand case: contacted_before 2.333333 contacted_after 5.333333 comparison_before 2.333333
    comparison_after 3.333333 effect 2.000000
  exact bootstrap of d = [4, 3, -1, 2.5, 6, 0.5]: mean 2.500000, 2.5% 0.666667, 97.5% 4.250000
  matching: [[1, 2], [4, 3]]
  matching without replacement: [[2, 4], [1, 3]]
  balance smd: 0.213201
"""
import itertools

import numpy as np


def did(contacted_before, contacted_after, comparison_before, comparison_after):
    comp_b = np.array([np.mean(c) for c in comparison_before])
    comp_a = np.array([np.mean(c) for c in comparison_after])
    cb, ca = np.array(contacted_before, float), np.array(contacted_after, float)
    d = (ca - cb) - (comp_a - comp_b)
    return cb.mean(), ca.mean(), comp_b.mean(), comp_a.mean(), d.mean()


def exact_bootstrap(d):
    d = np.array(d, float)
    n = len(d)
    means = np.array([d[list(t)].mean() for t in itertools.product(range(n), repeat=n)])
    return means.mean(), np.percentile(means, 2.5), np.percentile(means, 97.5)


def match(contacted, pool, features, k):
    """Distances here have no ties, so the tie keys Clout draws from --seed play no part."""
    out = {c: [] for c in contacted}
    taken = set()
    for _ in range(k):
        waiting = list(contacted)
        while waiting:
            proposals = []
            for c in waiting:
                free = [p for p in pool if p not in taken]
                if not free:
                    continue
                dist = [np.sum((np.array(features[c]) - np.array(features[p])) ** 2) for p in free]
                best = int(np.argmin(dist))
                proposals.append((dist[best], c, free[best]))
            if not proposals:
                break
            _, c, p = min(proposals)
            taken.add(p)
            out[c].append(p)
            waiting.remove(c)
    return [out[c] for c in contacted]


def smd(contacted, comparisons):
    x = np.array(contacted, float)
    n = len(x)
    values, weights = [], []
    for group in comparisons:
        for v in group:
            values.append(v)
            weights.append(1.0 / (n * len(group)))
    values, weights = np.array(values), np.array(weights)
    mp = np.sum(values * weights)
    vp = np.sum(weights * (values - mp) ** 2)
    vc = x.var(ddof=1)
    return (x.mean() - mp) / np.sqrt((vc + vp) / 2)


if __name__ == "__main__":
    hand = did([2, 0, 5], [7, 4, 5], [[1, 3], [0], [4, 6, 5]], [[2, 4], [1], [4, 6, 8]])
    print("hand case: contacted_before %.6f contacted_after %.6f comparison_before %.6f"
          " comparison_after %.6f effect %.6f" % hand)
    print("exact bootstrap of d = [4, 3, -1, 2.5, 6, 0.5]: mean %.6f, 2.5%% %.6f, 97.5%% %.6f"
          % exact_bootstrap([4, 3, -1, 2.5, 6, 0.5]))
    # Accounts 0 and 5 contacted; pool 1-4; features chosen without distance ties.
    features = [[0.0, 0.0], [0.1, 0.0], [0.0, 0.3], [2.0, 2.0], [2.2, 2.1], [2.1, 2.1]]
    print("matching:", match([0, 5], [1, 2, 3, 4], features, 2))
    # Both contacted accounts are nearest to 1 and 2; without replacement they share them out.
    crowded = [[0.0], [0.05], [0.1], [0.3], [0.35], [0.02]]
    print("matching without replacement:", match([0, 5], [1, 2, 3, 4], crowded, 2))
    print("balance smd: %.6f" % smd([1.0, 2.0, 3.0], [[1.0, 1.5], [2.0], [2.0, 2.5]]))
