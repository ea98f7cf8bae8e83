"""The score and `ranking.csv`, as `InfluenceScore` and `clout rank --format csv` make them.

The score is one sum of named parts (`Sources/CloutCore/Scoring/ScorePart.swift`), each a
feature divided by its highest value over the graph's accounts, times its weight:

    PageRank          ln(1 + n × PageRank)
    reach             ln(1 + Σ distinct engagers' min(1, w) / log2(2 + accounts they engage))
    reply engagement  ln(1 + reply recency × max reply depth × distinct repliers)
    activity          ln(1 + Σ weighted, decayed interactions received), at the activity
                      half-life
    outreach          ln(1 + Σ distinct accounts it engaged, each min(1, w))
    freshness         0.5^(time since the last engagement received / activity half-life)

A part that is 0 for every account leaves the mix and the others are scaled back to sum 1.
The sums run over in-edges in ascending source order, like Swift's loops, so that accounts
whose inputs are equal get bit-for-bit equal scores and share a rank exactly when
`clout rank` says they tie.

The CSV is Clout's: a header, CRLF line ends, RFC 4180 quoting, text cells starting with
`=`, `+`, `-`, `@`, a tab or a carriage return prefixed with `'`, fixed decimals rounded half
away from zero (`DecimalText.fixed`), competition ranks (1, 2, 2, 4).
"""

from __future__ import annotations

import math
import os
import tempfile

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

PARTS = ["pagerank", "reach", "engagement", "activity", "outreach", "freshness"]
UNCALIBRATED = [0.25, 0.25, 0.5, 0.0, 0.0, 0.0]

COLUMNS = [
    "rank", "account", "platform", "score", "pagerank", "max_reply_depth", "mean_reply_depth",
    "distinct_repliers", "replies_received", "interactions_in", "interactions_out",
    "display_name", "user_id", "followers", "flags",
]


def with_depth_weight(weights: list[float], beta: float) -> list[float]:
    """`ScoreWeights.withDepthWeight`: engagement β, the rest keep their proportions."""
    rest = 1 - weights[2]
    result = []
    for index, weight in enumerate(weights):
        if index == 2:
            result.append(beta)
        elif rest > 0:
            result.append(weight / rest * (1 - beta))
        else:
            result.append((1 - beta) / 2 if index in (0, 1) else 0.0)
    return result


def dropping(weights: list[float], empty: set[int]) -> list[float]:
    """`ScoreWeights.dropping`: the empty parts out, the rest scaled back to sum 1."""
    kept = [0.0 if index in empty else weight for index, weight in enumerate(weights)]
    total = 0.0
    for weight in kept:
        total += weight
    if not total > 0:
        return weights
    return [weight / total for weight in kept]


def features(nodes: DataFrame, edges: DataFrame, n: int, own_activity: bool,
             outreach: bool) -> DataFrame:
    """Per node: the six features. `nodes` has node, pagerank, max_reply_depth,
    distinct_repliers, recency, freshness (null where not computed: 0), and with
    `own_activity` activity_sum (the activity part's sum at its own half-life,
    `RecentEngagement.activity`); `edges` src, dst, w. Without it activity is the sum of the
    in-edge weights, as `InfluenceScore.activity(graph:)`. Outreach is computed only when
    `outreach` (its part weighs something), else 0."""
    outdegree = edges.groupBy(F.col("src").alias("node")).agg(F.count(F.lit(1)).alias("outdeg"))
    discount = outdegree.select(
        F.col("node").alias("src"),
        (F.lit(1.0) / F.log2(F.lit(2.0) + F.col("outdeg").cast("double"))).alias("discount"),
    )
    incoming = (
        edges.join(discount, "src")
        .groupBy(F.col("dst").alias("node"))
        .agg(F.array_sort(F.collect_list(F.struct(
            "src", (F.least(F.lit(1.0), F.col("w")) * F.col("discount")).alias("r"),
            F.col("w").alias("w")))).alias("p"))
        .select(
            "node",
            F.aggregate("p", F.lit(0.0), lambda acc, x: acc + x["r"]).alias("reach_sum"),
            F.aggregate("p", F.lit(0.0), lambda acc, x: acc + x["w"]).alias("activity_sum"),
        )
    )
    if own_activity:
        incoming = incoming.drop("activity_sum")
    joined = nodes.join(incoming, "node", "left")
    if outreach:
        # Out-edges by ascending target, as the CSR graph lists them (`InfluenceScore.outreach`).
        outgoing = (
            edges.groupBy(F.col("src").alias("node"))
            .agg(F.array_sort(F.collect_list(F.struct(
                "dst", F.least(F.lit(1.0), F.col("w")).alias("c")))).alias("q"))
            .select("node", F.aggregate("q", F.lit(0.0), lambda acc, x: acc + x["c"])
                    .alias("outreach_sum"))
        )
        joined = joined.join(outgoing, "node", "left")
    else:
        joined = joined.withColumn("outreach_sum", F.lit(None).cast("double"))
    engagement = F.log1p(
        F.col("recency") * F.greatest(F.lit(0), F.col("max_reply_depth")).cast("double")
        * F.greatest(F.lit(0), F.col("distinct_repliers")).cast("double")
    )
    return joined.select(
        "*",
        F.log1p(F.lit(float(n)) * F.col("pagerank")).alias("f_pagerank"),
        F.log1p(F.coalesce(F.col("reach_sum"), F.lit(0.0))).alias("f_reach"),
        engagement.alias("f_engagement"),
        F.log1p(F.coalesce(F.col("activity_sum"), F.lit(0.0))).alias("f_activity"),
        F.log1p(F.coalesce(F.col("outreach_sum"), F.lit(0.0))).alias("f_outreach"),
        F.coalesce(F.col("freshness"), F.lit(0.0)).alias("f_freshness"),
    )


def scored(frame: DataFrame, weights: list[float]) -> tuple[DataFrame, list[float], list[str]]:
    """Adds `score`; returns the effective weights and the parts that left the mix."""
    maxima_row = frame.agg(*[F.max(f"f_{part}").alias(part) for part in PARTS]).first()
    maxima = [float(maxima_row[part] or 0.0) for part in PARTS]
    empty = {index for index, value in enumerate(maxima) if not value > 0}
    dropped = [PARTS[index] for index in sorted(empty) if weights[index] > 0]
    effective = dropping(weights, empty)
    parts = []
    for index, part in enumerate(PARTS):
        if maxima[index] > 0:
            parts.append(F.lit(effective[index]) * (F.col(f"f_{part}") / F.lit(maxima[index])))
        else:
            parts.append(F.lit(0.0))
    score = ((((parts[0] + parts[1]) + parts[2]) + parts[3]) + parts[4]) + parts[5]
    return frame.withColumn("score", score), effective, dropped


def fixed(value: float, places: int) -> str:
    """`DecimalText.fixed`: `places` decimals, half away from zero."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "inf" if value > 0 else "-inf"
    scale = 1.0
    for _ in range(places):
        scale *= 10
    product = abs(value) * scale
    whole_part = math.floor(product)
    scaled = whole_part + 1 if product - whole_part >= 0.5 else whole_part
    if scaled >= 9.0e15:
        return str(int(round(value))) if abs(value) < 9.0e15 else repr(value)
    units = int(scaled)
    factor = int(scale)
    text = ("-" if value < 0 and units != 0 else "") + str(units // factor)
    if places > 0:
        digits = str(units % factor)
        text += "." + "0" * (places - len(digits)) + digits
    return text


def text_field(value) -> str:
    """A text cell: the formula guard, then quotes when needed."""
    if value is None:
        return ""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    if any(c in value for c in ',"\n\r'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def write_csv(rows, directory: str) -> int:
    """Writes DIR/ranking.csv from rows in ranking order (score descending, then canonical
    order), through a temporary file renamed into place. Returns the row count."""
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".ranking.", suffix=".tmp", dir=directory)
    count = 0
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(COLUMNS) + "\r\n")
        previous = None
        rank = 0
        for position, row in enumerate(rows, start=1):
            if previous is None or row["score"] != previous:
                rank = position
            previous = row["score"]
            name = row["handle"] if row["handle"] is not None else (row["user_id"] or "?")
            cells = [
                str(rank), text_field(name), text_field(row["platform"]), fixed(row["score"], 6),
                fixed(row["pagerank"], 10), str(row["max_reply_depth"]),
                fixed(row["mean_reply_depth"], 3), str(row["distinct_repliers"]),
                str(row["replies_received"]), str(row["interactions_in"]),
                str(row["interactions_out"]), text_field(row["display_name"]),
                text_field(row["user_id"]),
                # The latest follower count (followers.py): context, read by no part above.
                "" if row["followers"] is None else str(row["followers"]),
                # Coordinated-engagement detection is not ported yet: no account is flagged
                # here, so parity holds only where `clout rank` flags no one (docs/scale.md).
                "",
            ]
            out.write(",".join(cells) + "\r\n")
            count += 1
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, os.path.join(directory, "ranking.csv"))
    return count
