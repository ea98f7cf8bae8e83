#!/usr/bin/env python3
"""Writes Fixtures/reference/leiden-leidenalg.json: community detection reference values from
the `leidenalg` package, for the Swift `Leiden` and `Modularity` tests.

Each case is a simple undirected weighted graph (no self-loops, no parallel edges) given as an
edge list (u, v, w), every edge once. Weights are multiples of 1/16, so they are exact in the
Swift graph's `Float` edge weights and the modularity comparison can be tight.

For each case leidenalg runs `find_partition(G, ModularityVertexPartition, weights="weight",
seed=s)` (its default n_iterations=2) for seeds 0..4; the best membership and its modularity,
as igraph computes it (`G.modularity(membership, weights="weight")`), are recorded.

Run from the repository root:  python3 scripts/reference/leiden_reference.py
It makes a virtual environment in bench/.venv (gitignored) with leidenalg and igraph if the
running Python cannot import them, and re-runs itself there.
"""

import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, "bench", ".venv")
SEEDS = [0, 1, 2, 3, 4]


def ensure_packages():
    try:
        import igraph  # noqa: F401
        import leidenalg  # noqa: F401
    except ImportError:
        python = os.path.join(VENV, "bin", "python")
        if os.path.abspath(sys.executable) == os.path.abspath(python):
            raise
        if not os.path.exists(python):
            subprocess.check_call([sys.executable, "-m", "venv", VENV])
            subprocess.check_call([python, "-m", "pip", "install", "-q", "leidenalg==0.12.0", "igraph==1.0.0"])
        os.execv(python, [python] + sys.argv)


def sixteenth(x):
    """Rounds to a multiple of 1/16 (at least 1/16): exact in Float and Double."""
    return max(1, round(x * 16)) / 16


def simple_edges(node_count, interactions):
    """Merges (u, v, w) interactions into a simple undirected edge list: self-loops dropped,
    both directions of a pair summed, sorted by (min, max)."""
    merged = {}
    for u, v, w in interactions:
        if u == v:
            continue
        key = (min(u, v), max(u, v))
        merged[key] = merged.get(key, 0.0) + w
    return [(u, v, w) for (u, v), w in sorted(merged.items())]


def zachary():
    import igraph as ig
    g = ig.Graph.Famous("Zachary")
    edges = sorted((min(e.source, e.target), max(e.source, e.target)) for e in g.es)
    return g.vcount(), [(u, v, 1.0) for u, v in edges]


def planted_partition():
    """500 nodes in 10 groups of unequal size (30..70); ~4000 edges inside groups, ~1000
    between, heavier inside."""
    rng = random.Random(20261201)
    sizes = [30, 35, 40, 45, 50, 50, 55, 60, 65, 70]
    group = [g for g, s in enumerate(sizes) for _ in range(s)]
    n = len(group)
    interactions = []
    for u in range(n):
        for v in range(u + 1, n):
            if group[u] == group[v]:
                if rng.random() < 0.33:
                    interactions.append((u, v, sixteenth(rng.uniform(1, 3))))
            elif rng.random() < 0.009:
                interactions.append((u, v, sixteenth(rng.uniform(0.5, 2))))
    return n, simple_edges(n, interactions)


def interaction_network():
    """2000 accounts with heavy-tailed activity and popularity (Pareto), in 25 latent
    interest groups of very different sizes; 11000 interactions, 75% inside the actor's
    group, typed like Clout's (reply 1, quote 0.75, repost 0.625, mention 0.375), merged per
    pair, so repeated interactions make heavy edges."""
    rng = random.Random(20261202)
    n = 2000
    groups = 25
    group_weight = [rng.paretovariate(1.2) for _ in range(groups)]
    group = rng.choices(range(groups), weights=group_weight, k=n)
    activity = [rng.paretovariate(1.6) for _ in range(n)]
    popularity = [rng.paretovariate(1.3) for _ in range(n)]
    members = [[] for _ in range(groups)]
    for u in range(n):
        members[group[u]].append(u)
    member_popularity = [[popularity[u] for u in m] for m in members]
    types = [1.0, 0.75, 0.625, 0.375]
    type_odds = [0.4, 0.15, 0.25, 0.2]
    interactions = []
    actors = rng.choices(range(n), weights=activity, k=11000)
    for u in actors:
        g = group[u]
        if rng.random() < 0.75 and len(members[g]) > 1:
            v = rng.choices(members[g], weights=member_popularity[g])[0]
        else:
            v = rng.choices(range(n), weights=popularity)[0]
        interactions.append((u, v, rng.choices(types, weights=type_odds)[0]))
    return n, simple_edges(n, interactions)


def reference(name, node_count, edges):
    import igraph as ig
    import leidenalg
    g = ig.Graph(n=node_count, edges=[(u, v) for u, v, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    runs = []
    for seed in SEEDS:
        p = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight",
                                     seed=seed)
        runs.append((g.modularity(p.membership, weights="weight"), seed, p.membership))
    best = max(runs, key=lambda r: (r[0], -r[1]))
    print(f"{name}: {node_count} nodes, {len(edges)} edges, best Q {best[0]:.6f} "
          f"(seed {best[1]}, {max(best[2]) + 1} communities)")
    return {
        "name": name,
        "nodeCount": node_count,
        "edges": [[u, v, w] for u, v, w in edges],
        "modularityBySeed": [r[0] for r in runs],
        "bestSeed": best[1],
        "bestModularity": best[0],
        "bestMembership": best[2],
    }


def main():
    ensure_packages()
    import igraph as ig
    import leidenalg
    cases = [
        reference("zachary", *zachary()),
        reference("planted-partition-500", *planted_partition()),
        reference("interaction-network-2000", *interaction_network()),
    ]
    out = {
        "generator": "scripts/reference/leiden_reference.py",
        "leidenalgVersion": leidenalg.version,
        "igraphVersion": ig.__version__,
        "leidenalgCall": "leidenalg.find_partition(G, leidenalg.ModularityVertexPartition, "
                         "weights='weight', seed=s)",
        "modularityCall": "G.modularity(membership, weights='weight')",
        "seeds": SEEDS,
        "cases": cases,
    }
    path = os.path.join(ROOT, "Fixtures", "reference", "leiden-leidenalg.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # One line per case field, so the file diffs readably without being huge.
    lines = ["{"]
    for key in ("generator", "leidenalgVersion", "igraphVersion", "leidenalgCall",
                "modularityCall", "seeds"):
        lines.append(f" {json.dumps(key)}: {json.dumps(out[key])},")
    lines.append(' "cases": [')
    for i, c in enumerate(cases):
        fields = [f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}"
                  for k, v in c.items()]
        lines.append("  {\n" + ",\n".join(fields) + "\n  }" + ("," if i + 1 < len(cases) else ""))
    lines.append(" ]")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes, leidenalg {leidenalg.version}, "
          f"igraph {ig.__version__})")


if __name__ == "__main__":
    main()
