#!/usr/bin/env python3
"""Writes Fixtures/reference/pagerank-networkx.json: PageRank reference values from networkx.

Each case lists its raw edges (source, target, weight) as the Swift GraphBuilder receives them,
possibly with self-loops and parallel edges. The networkx graph is built the way GraphBuilder
builds: self-loops removed, parallel edges summed, nodes 0..<node_count all present.

Run from the repository root:  python3 scripts/reference/pagerank_reference.py
It needs networkx; the committed values were made with networkx 3.6.1
(`python3 -m pip install networkx==3.6.1`).
"""

import json
import os
import random

import networkx as nx

TOL = 1e-13
MAX_ITER = 1000


def digraph(node_count, edges):
    g = nx.DiGraph()
    g.add_nodes_from(range(node_count))
    for u, v, w in edges:
        if u == v:
            continue
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
        else:
            g.add_edge(u, v, weight=w)
    return g


def case(name, node_count, edges, alpha=0.85, personalization=None):
    g = digraph(node_count, edges)
    pers = None
    if personalization is not None:
        pers = {i: p for i, p in enumerate(personalization)}
    pr = nx.pagerank(g, alpha=alpha, weight="weight", tol=TOL, max_iter=MAX_ITER,
                     personalization=pers)
    return {
        "name": name,
        "nodeCount": node_count,
        "damping": alpha,
        "edges": [[u, v, w] for u, v, w in edges],
        "personalization": personalization,
        "expected": [pr[i] for i in range(node_count)],
    }


def random_edges(rng, node_count, edge_count):
    edges = []
    for _ in range(edge_count):
        u = rng.randrange(node_count)
        # Skewed targets, so some nodes are hubs and some are never reached.
        v = int(node_count * rng.random() ** 2)
        edges.append((u, v, round(rng.uniform(0.1, 3.0), 3)))
    return edges


def main():
    rng = random.Random(20261124)
    cases = [
        case("chain-with-dangling-end", 4,
             [(0, 1, 1.0), (1, 2, 2.0), (2, 3, 1.0), (1, 3, 0.5)]),
        case("parallel-edges-and-self-loops", 5,
             [(0, 1, 1.0), (0, 1, 2.5), (0, 0, 4.0), (1, 2, 1.0), (2, 0, 1.0), (2, 2, 1.0),
              (3, 2, 0.4), (3, 2, 0.6), (2, 1, 0.25), (4, 4, 3.0)]),
        case("star-and-isolated", 7,
             [(1, 0, 1.0), (2, 0, 1.0), (3, 0, 2.0), (4, 0, 0.5), (0, 1, 1.0), (5, 1, 1.0)]),
        case("random-300-2000", 300, random_edges(rng, 300, 2000)),
        case("random-300-2000-damping-0.6", 300, random_edges(rng, 300, 2000), alpha=0.6),
    ]
    pers_edges = random_edges(rng, 120, 600)
    personalization = [0.0] * 120
    for i in range(0, 120, 7):
        personalization[i] = float(1 + i % 3)
    cases.append(case("random-120-600-personalized", 120, pers_edges,
                      personalization=personalization))
    cases.append(case("small-personalized-with-dangling", 4,
                      [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 3.0)],
                      personalization=[0.0, 1.0, 0.0, 3.0]))

    out = {
        "generator": "scripts/reference/pagerank_reference.py",
        "networkxVersion": nx.__version__,
        "networkxCall": f"nx.pagerank(G, alpha=damping, weight='weight', tol={TOL}, "
                        f"max_iter={MAX_ITER}, personalization=...)",
        "cases": cases,
    }
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "Fixtures", "reference", "pagerank-networkx.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # One line per case field, so the file diffs readably without being huge.
    lines = ["{"]
    for key in ("generator", "networkxVersion", "networkxCall"):
        lines.append(f" {json.dumps(key)}: {json.dumps(out[key])},")
    lines.append(' "cases": [')
    for i, c in enumerate(cases):
        fields = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in c.items()]
        lines.append("  {\n" + ",\n".join(fields) + "\n  }" + ("," if i + 1 < len(cases) else ""))
    lines.append(" ]")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {path} ({len(cases)} cases, networkx {nx.__version__})")


if __name__ == "__main__":
    main()
