"""Weighted PageRank by iterated DataFrame joins, the same iteration as Clout's `PageRank`.

Why it is written this way: parity with `clout rank` is within 1e-9 per account, and ties in
the score (accounts with equal PageRank share a rank) must come out as ties here too. So the
job does not merely implement "a" PageRank; it performs the same floating-point operations as
`Sources/CloutCore/Scoring/PageRank.swift`, in the same order:

- node u sends share(u) = rank(u) / outStrength(u) per unit of edge weight; each node sums
  `Double(w) × share(source)` over its in-edges in ascending source order (an ordered
  `aggregate` over the sorted in-edge list, not Spark's unordered `sum`);
- value(v) = damping × sum + teleportScale / n, where teleportScale = damping × dangling mass
  + (1 − damping): dangling nodes spread their rank uniformly;
- the dangling mass and the final total are summed per chunk of 8,192 nodes in node order,
  then over chunks in order, as Swift does;
- the loop stops when the largest change of one iteration is below the tolerance (max norm),
  or after 200 iterations; the result is divided by its total.

Each iteration is one join of the edge table with the current shares and one grouped
aggregate; every `checkpoint_every` iterations the state is checkpointed so that the lineage
(and the planning time of the query) stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

CHUNK = 8_192


@dataclass
class Result:
    """`scores`: node, pagerank. `iterations`, `converged` and `last_change` as in Swift."""

    scores: DataFrame
    iterations: int
    converged: bool
    last_change: float


def ordered_sum(pairs_column: str, value_field: str):
    """Σ of `value_field` over the array `pairs_column` (already sorted), left to right."""
    return F.aggregate(F.col(pairs_column), F.lit(0.0).cast("double"),
                       lambda acc, x: acc + x[value_field])


def chunk_sums(frame: DataFrame, value: str, where=None) -> float:
    """Σ of `value` over nodes, chunk by chunk in node order, chunks in order."""
    selected = frame if where is None else frame.where(where)
    rows = (
        selected.groupBy((F.col("node") / CHUNK).cast("long").alias("chunk"))
        .agg(F.array_sort(F.collect_list(F.struct("node", F.col(value).alias("v")))).alias("p"))
        .select("chunk", ordered_sum("p", "v").alias("s"))
        .collect()
    )
    total = 0.0
    for row in sorted(rows, key=lambda r: r["chunk"]):
        total += row["s"]
    return total


def run(spark, edges: DataFrame, n: int, damping: float, tolerance: float, max_iterations: int,
        checkpoint_every: int, log=lambda message: None) -> Result:
    """PageRank of the graph `edges` (src, dst, w: the Float edge weight as a double) over
    nodes 0..<n."""
    # outStrength(u): Σ Double(w) over u's out-edges in target order.
    strength = (
        edges.groupBy(F.col("src").alias("node"))
        .agg(F.array_sort(F.collect_list(F.struct("dst", "w"))).alias("p"))
        .select("node", ordered_sum("p", "w").alias("strength"))
    )
    # In-edges grouped once: (dst, sorted [(src, w)]), reused by every iteration.
    nodes = spark.range(n).withColumnRenamed("id", "node")
    base = (
        nodes.join(strength, "node", "left")
        .select("node", F.when(F.col("strength") > 0, F.lit(1.0) / F.col("strength"))
                .otherwise(F.lit(0.0)).alias("inverse"))
    )
    start = 1.0 / n
    state = base.select("node", "inverse", F.lit(start).alias("rank"),
                        (F.lit(start) * F.col("inverse")).alias("share")).localCheckpoint()
    dangling = chunk_sums(state, "rank", F.col("inverse") == 0)
    edges = edges.select("src", "dst", "w").cache()
    teleport = 1.0 / n

    iterations = 0
    last_change = float("inf")
    while iterations < max_iterations:
        iterations += 1
        teleport_scale = damping * dangling + (1 - damping)
        shares = state.select(F.col("node").alias("src"), "share")
        sums = (
            edges.join(shares, "src")
            .select("dst", "src", (F.col("w") * F.col("share")).alias("c"))
            .groupBy(F.col("dst").alias("node"))
            .agg(F.array_sort(F.collect_list(F.struct("src", "c"))).alias("p"))
            .select("node", ordered_sum("p", "c").alias("sum"))
        )
        value = F.lit(damping) * F.coalesce(F.col("sum"), F.lit(0.0)) + F.lit(teleport_scale) * F.lit(teleport)
        following = (
            state.join(sums, "node", "left")
            .select("node", "inverse", F.col("rank").alias("old"), value.alias("rank"))
            .select("node", "inverse", "rank", (F.col("rank") * F.col("inverse")).alias("share"),
                    F.abs(F.col("rank") - F.col("old")).alias("change"))
        )
        if iterations % checkpoint_every == 0:
            following = following.checkpoint()
        else:
            following = following.localCheckpoint()
        summary = (
            following.groupBy((F.col("node") / CHUNK).cast("long").alias("chunk"))
            .agg(
                F.max("change").alias("change"),
                F.array_sort(F.collect_list(F.when(F.col("inverse") == 0, F.struct("node", F.col("rank").alias("v"))))).alias("p"),
            )
            .select("chunk", "change", ordered_sum("p", "v").alias("dangling"))
            .collect()
        )
        state = following.select("node", "inverse", "rank", "share")
        last_change = max(row["change"] for row in summary)
        dangling = 0.0
        for row in sorted(summary, key=lambda r: r["chunk"]):
            dangling += row["dangling"]
        log(f"pagerank iteration {iterations}: largest change {last_change:.3e}")
        if last_change < tolerance:
            break

    total = chunk_sums(state, "rank")
    scores = state.select("node", (F.col("rank") / F.lit(total)).alias("pagerank"))
    return Result(scores=scores, iterations=iterations, converged=last_change < tolerance,
                  last_change=last_change)
