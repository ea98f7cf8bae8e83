#!/usr/bin/env python3
"""Runs leidenalg on a graph dumped by `leiden-bench --dump FILE` and prints Q and the time,
to compare with Clout's Leiden on the same graph.

    bench/.venv/bin/python scripts/bench/leiden_compare.py FILE [seeds...]

Uses the venv made by scripts/reference/leiden_reference.py (leidenalg, igraph) plus numpy.

Measured 2026-11-24 on the 2-core shared machine, random graph 100k nodes / 1M edges
(`leiden-bench 100000 1000000 --dump ...`): leidenalg 0.12.0 seeds 0, 1, 2 took 34-41 s each
and reached Q 0.23958, 0.23933, 0.23871; Clout's Leiden (release) took 1.2 s for Q 0.24190
with its default 2 passes, 2.9 s for Q 0.24554 with 10. At 1M nodes / 10M edges (the
default graph): leidenalg seed 0 took 629 s for Q 0.23871; Clout 20.5 s for Q 0.23938 with 2
passes, 52.5 s for Q 0.24369 with 10 (peak RSS 553 MB).
"""

import sys
import time

import igraph as ig
import leidenalg
import numpy as np

records = np.fromfile(sys.argv[1], dtype=[("u", "<u4"), ("v", "<u4"), ("w", "<f4")])
seeds = [int(s) for s in sys.argv[2:]] or [0]
n = int(max(records["u"].max(), records["v"].max())) + 1
start = time.perf_counter()
g = ig.Graph(n=n, edges=np.stack([records["u"], records["v"]], axis=1).tolist())
g.es["weight"] = records["w"].astype(float).tolist()
print(f"igraph graph: {g.vcount()} nodes (up to the largest id), {g.ecount()} edges, "
      f"built in {time.perf_counter() - start:.1f} s")
for seed in seeds:
    start = time.perf_counter()
    p = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight",
                                 seed=seed)
    elapsed = time.perf_counter() - start
    q = g.modularity(p.membership, weights="weight")
    print(f"leidenalg seed {seed}: {elapsed:.1f} s, Q {q}, {max(p.membership) + 1} communities "
          f"(leidenalg {leidenalg.version}, igraph {ig.__version__})")
