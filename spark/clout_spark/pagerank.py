"""Weighted PageRank on Spark, the same iteration as Clout's `PageRank`.

Why it is written this way: parity with `clout rank` is within 1e-9 per account, and ties in
the score (accounts with equal PageRank share a rank) must come out as ties here too. So the
job does not merely implement "a" PageRank; it performs the same floating-point operations as
`Sources/CloutCore/Scoring/PageRank.swift`, in the same order:

- node u sends share(u) = rank(u) / outStrength(u) per unit of edge weight; each node sums
  `Double(w) × share(source)` over its in-edges in ascending source order (an ordered
  `aggregate` over the sorted in-edge list, not Spark's unordered `sum`);
- value(v) = damping × sum + teleportScale × teleport(v), where teleportScale = damping ×
  dangling mass + (1 − damping): dangling nodes spread their rank over the teleport
  distribution (uniform 1/n, or the seed accounts' vector of `SeedTeleport.swift`);
- the dangling mass and the final total are summed per chunk of 8,192 nodes in node order,
  then over chunks in order, as Swift does;
- the loop stops when the largest change of one iteration is below the tolerance (max norm),
  or after 200 iterations; the result is divided by its total.

Two ways to run an iteration, chosen by the node count:

- up to `DRIVER_VECTOR_NODES` accounts (8 MB of doubles per million), the rank vector lives
  on the driver and is broadcast to the edge table each iteration. The in-edge lists are
  grouped once into blocks of `BLOCK` destinations and cached where they are; an iteration
  is then one Spark job with no shuffle at all (the blocks read the broadcast shares and
  return one array of sums per block), and the driver does the O(n) step. Nothing has a
  lineage longer than one iteration, so nothing needs checkpointing. On RumourEval (116
  iterations, load 20–27) this took an iteration from about 3 s (the join below) to
  1.4–1.7 s, nearly all of it Spark's fixed cost of one job (docs/scale.md).
- above it, iterated DataFrame joins (edge table ⋈ shares, grouped ordered sum, state
  checkpointed every `checkpoint_every` iterations so that lineage and planning time stay
  bounded): the rank vector of 100M accounts does not fit a driver.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Optional

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

CHUNK = 8_192
# Destinations per cached block of in-edge lists (the driver path): small enough that a
# million accounts make 250 tasks for two cores to share, large enough that a block's task
# costs more than its scheduling.
BLOCK = 4_096
# Largest graph whose rank vector the driver holds: 4M doubles are 32 MB per copy.
DRIVER_VECTOR_NODES = 4_000_000
# Largest rank vector sent as a constant of the query rather than a broadcast DataFrame.
LITERAL_SHARES = 50_000


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



def out_strengths(edges: DataFrame) -> DataFrame:
    """outStrength(u): Σ Double(w) over u's out-edges in target order (node, strength)."""
    return (
        edges.groupBy(F.col("src").alias("node"))
        .agg(F.array_sort(F.collect_list(F.struct("dst", "w"))).alias("p"))
        .select("node", ordered_sum("p", "w").alias("strength"))
    )


def seed_teleport(edges: DataFrame, n: int, seeds: list[int]) -> dict[int, float]:
    """`SeedTeleport.vector`, normalized as `PageRank.init` normalizes a personalization:
    node → teleport value for the nodes that get any (the rest get 0). Half of the mass on
    the seeds, half on the accounts that engage them, in proportion to their edge weight into
    the seeds; all of it on the seeds when nobody engages them. Only the seeds' in-edges come
    to the driver."""
    valid = sorted({seed for seed in seeds if 0 <= seed < n})
    if not valid:
        return {}
    rows = (
        edges.where(F.col("dst").isin(valid) & ~F.col("src").isin(valid))
        .select("dst", "src", "w").collect()
    )
    engagement: dict[int, float] = {}
    total = 0.0
    for row in sorted(rows, key=lambda r: (r["dst"], r["src"])):
        engagement[row["src"]] = engagement.get(row["src"], 0.0) + row["w"]
        total += row["w"]
    seed_share = 0.5 if total > 0 else 1.0
    vector = {seed: seed_share / len(valid) for seed in valid}
    if total > 0:
        for node in sorted(engagement):
            if engagement[node] > 0:
                vector[node] = vector.get(node, 0.0) + (1 - seed_share) * engagement[node] / total
    norm = 0.0
    for node in sorted(vector):
        norm += vector[node]
    return {node: value / norm for node, value in vector.items()}


def run(spark, edges: DataFrame, n: int, damping: float, tolerance: float, max_iterations: int,
        checkpoint_every: int, log=lambda message: None,
        teleport: Optional[dict[int, float]] = None, partitions: int = 8,
        method: str = "auto") -> Result:
    """PageRank of the graph `edges` (src, dst, w: the Float edge weight as a double) over
    nodes 0..<n; `teleport` (node → value, from `seed_teleport`) personalizes it. `method`
    `auto` chooses by `n`; `driver` and `joins` force one way (the parity script runs a small
    case through the joins, which no test input is large enough to reach)."""
    if method == "driver" or (method == "auto" and n <= DRIVER_VECTOR_NODES):
        return _with_driver_vector(spark, edges, n, damping, tolerance, max_iterations, log,
                                   teleport, partitions)
    return _by_joins(spark, edges, n, damping, tolerance, max_iterations, checkpoint_every, log,
                     teleport)


def _chunked_sum(values: list[float], n: int, where=None) -> float:
    """Σ values[v] (where where[v] == 0 when given), per chunk in node order, then over
    chunks in order: the summation order of `PageRank.swift`."""
    total = 0.0
    for start in range(0, n, CHUNK):
        part = 0.0
        for v in range(start, min(n, start + CHUNK)):
            if where is None or where[v] == 0:
                part += values[v]
        total += part
    return total


def _with_shares(spark, blocks: DataFrame, share: list[float]) -> DataFrame:
    """`blocks` with the column `s`: the shares of this iteration, the same on every row.

    Up to `LITERAL_SHARES` nodes they travel inside the query as one constant (shortest
    round-trip decimal text, Python's repr, which Java's parseDouble reads back to the same
    bits, folded into an array literal by the planner): one Spark job per iteration. Above
    it a one-row DataFrame, broadcast to the blocks, is cheaper although its broadcast is a
    second job: the literal's text and its copy in every task grow with n. Measured on this
    machine (load 19–21, 3 repeats, sums bit-identical both ways): 5,000 nodes 1.9–4.8 s
    against 3.5–4.7 s an iteration; 200,000 nodes 11.9–36 s against 10.3–15.9 s.
    """
    if len(share) <= LITERAL_SHARES:
        constant = F.split(F.lit(",".join(map(repr, share))), ",").cast("array<double>")
        return blocks.withColumn("s", constant)
    vector = spark.createDataFrame([(share,)], "s array<double>", verifySchema=False)
    return blocks.crossJoin(F.broadcast(vector))


def _with_driver_vector(spark, edges, n, damping, tolerance, max_iterations, log, teleport,
                        partitions) -> Result:
    inverse = [0.0] * n
    for row in out_strengths(edges).collect():
        if row["strength"] > 0:
            inverse[row["node"]] = 1.0 / row["strength"]
    if teleport is None:
        uniform = 1.0 / n
        tele = [uniform] * n
    else:
        tele = [0.0] * n
        for node, value in teleport.items():
            tele[node] = value
    # In-edge lists, sorted by source, grouped into blocks of destinations; cached in place.
    blocks = (
        edges.groupBy("dst").agg(F.array_sort(F.collect_list(F.struct("src", "w"))).alias("p"))
        .groupBy((F.col("dst") / BLOCK).cast("long").alias("block"))
        .agg(F.array_sort(F.collect_list(F.struct("dst", "p"))).alias("in"))
        .repartition(max(1, partitions), "block")
        .persist()
    )
    destinations = {
        row["block"]: row["d"]
        for row in blocks.select("block", F.transform("in", lambda x: x["dst"]).alias("d")).collect()
    }
    rank = [1.0 / n] * n
    share = [rank[v] * inverse[v] for v in range(n)]
    dangling = _chunked_sum(rank, n, inverse)

    iterations = 0
    last_change = float("inf")
    try:
        while iterations < max_iterations:
            iterations += 1
            teleport_scale = damping * dangling + (1 - damping)
            sums = [0.0] * n
            rows = (
                _with_shares(spark, blocks, share)
                .select("block", F.transform("in", lambda x: F.aggregate(
                    x["p"], F.lit(0.0).cast("double"),
                    lambda acc, e: acc + e["w"] * F.element_at(F.col("s"), (e["src"] + 1).cast("int")),
                )).alias("sums"))
                .collect()
            )
            for row in rows:
                for node, value in zip(destinations[row["block"]], row["sums"]):
                    sums[node] = value
            largest = 0.0
            dangling = 0.0
            for start in range(0, n, CHUNK):
                part = 0.0
                for v in range(start, min(n, start + CHUNK)):
                    value = damping * sums[v] + teleport_scale * tele[v]
                    change = abs(value - rank[v])
                    if change > largest:
                        largest = change
                    rank[v] = value
                    share[v] = value * inverse[v]
                    if inverse[v] == 0:
                        part += value
                dangling += part
            last_change = largest
            log(f"pagerank iteration {iterations}: largest change {last_change:.3e}")
            if last_change < tolerance:
                break
    finally:
        blocks.unpersist()
    total = _chunked_sum(rank, n)
    normalized = [value / total for value in rank]
    scores = (
        spark.createDataFrame([(normalized,)], "r array<double>", verifySchema=False)
        .select(F.posexplode("r").alias("node", "pagerank"))
        .select(F.col("node").cast("long").alias("node"), "pagerank")
    )
    return Result(scores=scores, iterations=iterations, converged=last_change < tolerance,
                  last_change=last_change)


def _by_joins(spark, edges, n, damping, tolerance, max_iterations, checkpoint_every, log,
              teleport) -> Result:
    strength = out_strengths(edges)
    nodes = spark.range(n).withColumnRenamed("id", "node")
    if teleport is None:
        with_teleport = nodes.withColumn("teleport", F.lit(1.0 / n))
    else:
        entries = spark.createDataFrame(sorted(teleport.items()), "node long, teleport double")
        with_teleport = nodes.join(entries, "node", "left") \
            .select("node", F.coalesce("teleport", F.lit(0.0)).alias("teleport"))
    base = (
        with_teleport.join(strength, "node", "left")
        .select("node", "teleport", F.when(F.col("strength") > 0, F.lit(1.0) / F.col("strength"))
                .otherwise(F.lit(0.0)).alias("inverse"))
    )
    start = 1.0 / n
    state = base.select("node", "teleport", "inverse", F.lit(start).alias("rank"),
                        (F.lit(start) * F.col("inverse")).alias("share")).localCheckpoint()
    dangling = chunk_sums(state, "rank", F.col("inverse") == 0)
    edges = edges.select("src", "dst", "w").cache()

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
        value = F.lit(damping) * F.coalesce(F.col("sum"), F.lit(0.0)) + F.lit(teleport_scale) * F.col("teleport")
        following = (
            state.join(sums, "node", "left")
            .select("node", "teleport", "inverse", F.col("rank").alias("old"), value.alias("rank"))
            .select("node", "teleport", "inverse", "rank", (F.col("rank") * F.col("inverse")).alias("share"),
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
        state = following.select("node", "teleport", "inverse", "rank", "share")
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
