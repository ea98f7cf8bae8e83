#!/usr/bin/env python3
"""Times one peer library's graph build + weighted PageRank on a .npz edge set, in this
process, and prints one JSON line: {"engine", "build_s", "pagerank_s", "iterations",
"peak_rss_mb", "top"}. Reading the .npz is not timed: the peers get their edges for free,
while Clout's figure includes loading them from its SQLite store.

  peers.py networkit bench/data/edges-10m.npz
"""
import json
import resource
import sys
import time

import numpy as np


def top_nodes(scores, k=10):
    order = np.lexsort((np.arange(len(scores)), -np.asarray(scores)))
    return [int(i) for i in order[:k]]


def run_networkit(source, target, weight, n):
    import networkit as nk
    nk.setNumberOfThreads(2)
    start = time.perf_counter()
    graph = nk.GraphFromCoo((weight, (source, target)), n=n, directed=True, weighted=True)
    graph.removeSelfLoops()
    built = time.perf_counter()
    pagerank = nk.centrality.PageRank(graph, damp=0.85, tol=1e-9)
    pagerank.norm = nk.centrality.Norm.L2_NORM
    pagerank.run()
    done = time.perf_counter()
    return built - start, done - built, pagerank.numberOfIterations(), pagerank.scores()


def run_igraph(source, target, weight, n):
    import igraph
    start = time.perf_counter()
    graph = igraph.Graph(n=n, edges=np.column_stack((source, target)), directed=True)
    graph.es["weight"] = weight
    built = time.perf_counter()
    scores = graph.pagerank(damping=0.85, weights="weight", implementation="prpack")
    done = time.perf_counter()
    return built - start, done - built, None, scores


def run_networkx(source, target, weight, n):
    import networkx as nx
    start = time.perf_counter()
    # networkx keeps one edge per pair: aggregate parallel edges first, as Clout does.
    keys = source * n + target
    unique, inverse = np.unique(keys, return_inverse=True)
    summed = np.bincount(inverse, weights=weight)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip((unique // n).tolist(), (unique % n).tolist(), summed.tolist()))
    built = time.perf_counter()
    scores = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-10)
    done = time.perf_counter()
    return built - start, done - built, None, [scores[i] for i in range(n)]


def main():
    engine, path = sys.argv[1], sys.argv[2]
    data = np.load(path)
    source, target, weight = data["source"], data["target"], data["weight"]
    n = int(data["accounts"])
    runner = {"networkit": run_networkit, "igraph": run_igraph, "networkx": run_networkx}[engine]
    build_s, pagerank_s, iterations, scores = runner(source, target, weight, n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"engine": engine, "build_s": build_s, "pagerank_s": pagerank_s,
                      "iterations": iterations, "peak_rss_mb": round(peak),
                      "top": top_nodes(scores)}))


if __name__ == "__main__":
    main()
