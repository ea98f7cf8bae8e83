"""The ranking job: read, apply the rules, weight, PageRank, reply statistics, score, write.

Run through `scripts/spark-rank.sh rank --input PATH... --format FMT --out DIR [options]`
(or `python -m clout_spark rank ...`, or `spark-submit spark/clout_spark/job.py rank ...`);
`scripts/spark-rank.sh batch FILE` runs one such command line per line of FILE in one
Spark session.
Progress and the settings used go to standard error with `-v`; the result is DIR/ranking.csv.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import time
from typing import Optional

from pyspark.sql import Column, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

if __package__ in (None, ""):  # run as a file by spark-submit
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    __package__ = "clout_spark"  # noqa: A001

from clout_spark import interactions as rules  # noqa: E402
from clout_spark import options as opts  # noqa: E402
from clout_spark import followers, pagerank, readers, replies, score, seeds  # noqa: E402

MINIMUM_HALF_LIFE = 3_600.0
FLOAT_LEAST_NONZERO = 1.401298464324817e-45


class Failure(Exception):
    """A reason to stop that the user can act on."""


def session(options: opts.RankOptions) -> SparkSession:
    builder = (
        SparkSession.builder.appName("clout-rank").master(options.master)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(options.partitions))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.autoBroadcastJoinThreshold", str(32 << 20))
        .config("spark.sql.ansi.enabled", "false")
        # PageRank's shares are a constant of each iteration's query (pagerank.py): plan
        # descriptions must not spell out a million doubles.
        .config("spark.sql.maxPlanStringLength", "65536")
    )
    if options.master.startswith("local"):
        builder = builder.config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def adaptive_half_life(window, as_of: int) -> float:
    """`TimeScale.adaptiveHalfLife`: the age at sorted position count / 2 of the window's
    interactions at `as_of` (ages below 0 count as 0), at least an hour. Exact: ages are
    counted per distinct value and walked in order on the driver."""
    ages = window.select(F.greatest(F.lit(0), F.lit(as_of) - F.col("time")).alias("age"))
    counts = ages.groupBy("age").count().orderBy("age")
    total = window.count()
    middle = total // 2
    seen = 0
    for row in counts.toLocalIterator():
        seen += row["count"]
        if seen > middle:
            return max(MINIMUM_HALF_LIFE, float(row["age"]))
    return MINIMUM_HALF_LIFE


def rank(options: opts.RankOptions) -> dict:
    """Runs the whole ranking; returns figures for the log."""
    started = time.time()
    log = (lambda message: print(f"[{time.time() - started:6.1f} s] {message}", file=sys.stderr,
                                 flush=True)) if options.verbose else (lambda message: None)
    spark = session(options)
    checkpoints = options.checkpoint_dir or os.path.join(options.out, ".checkpoints")
    spark.sparkContext.setCheckpointDir(checkpoints)
    try:
        figures = _rank(spark, options, log, started)
        log(resources(spark))
        return figures
    finally:
        if not options.checkpoint_dir:
            shutil.rmtree(checkpoints, ignore_errors=True)


def resources(spark) -> str:
    """CPU time and peak memory of the driver JVM (which runs the tasks in local mode) and of
    this Python process: what docs/scale.md's table reports. `time -v` on the script misses
    the JVM, which Python starts and never waits for."""
    figures = []
    try:
        jvm = spark.sparkContext._jvm
        pid = int(jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getName()
                  .split("@")[0])
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
        figures.append(f"JVM cpu {cpu:.1f} s, peak RSS {int(peak) / 1024:.0f} MB")
    except Exception as error:  # noqa: BLE001 -- a figure for the log, never a failure
        figures.append(f"JVM figures unavailable ({type(error).__name__})")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures.append(f"driver Python cpu {usage.ru_utime + usage.ru_stime:.1f} s, "
                   f"peak RSS {usage.ru_maxrss / 1024:.0f} MB")
    return "resources: " + "; ".join(figures)


# Said on every run unless the command line already says it (`--no-coordination-check`).
COORDINATION_NOTE = (
    "note: the Spark job does not run clout's coordination check (no account is flagged, no "
    "engagement discounted): compare its ranking with `clout rank --no-coordination-check`"
)


def _rank(spark, options, log, started) -> dict:
    if not options.no_coordination_check:
        print(COORDINATION_NOTE, file=sys.stderr, flush=True)
    posts, edges = readers.read(spark, options.format, options.inputs)
    # Read and parsed once: the follower counts read every copy, the rules the first ones.
    every_copy = posts.localCheckpoint()
    posts = rules.first_copies(every_copy).localCheckpoint()
    refs = rules.references(posts, edges)
    owners = rules.handle_owners(refs).localCheckpoint()
    # Context for the reader, never an input of the score: joined only onto the output rows.
    follower_counts = followers.latest(every_copy, owners)
    accounts = rules.accounts(refs, owners)
    post_interactions, authors = rules.post_interactions(posts, owners)
    everything = post_interactions.unionByName(rules.edge_interactions(edges, owners))

    inside = F.col("actor") != F.col("target")
    if options.since is not None:
        inside = inside & (F.col("time") >= options.since)
    if options.until is not None:
        inside = inside & (F.col("time") <= options.until)
    if options.platform is not None:
        inside = inside & (F.col("platform") == options.platform)
    window = everything.where(inside).localCheckpoint()
    newest = window.agg(F.max("time")).first()[0]
    if newest is None:
        raise Failure("no interactions between two different accounts in the selected data")
    as_of = options.as_of if options.as_of is not None else newest

    # Half-life and weights: explicit options, then the calibration, then the default.
    weights = list(score.UNCALIBRATED)
    # The activity parts' half-life (activity, freshness): the calibration's own when it saved
    # one, else the half-life; --half-life sets both, as in `clout rank`.
    activity_half_life = None
    own_activity_scale = False
    if options.calibration is not None:
        half_life = options.calibration.half_life
        weights = list(options.calibration.weights)
        if options.calibration.has_activity_half_life:
            activity_half_life = options.calibration.activity_half_life
            own_activity_scale = True
    else:
        half_life = adaptive_half_life(window, as_of)
    if options.half_life_given:
        half_life = options.half_life
        own_activity_scale = False
    if not own_activity_scale:
        activity_half_life = half_life
    if options.depth_weight is not None:
        weights = score.with_depth_weight(weights, options.depth_weight)
    # A part of weight 0 adds 0 to every score (and the CSV prints no feature), so the job
    # computes activity at its own half-life, outreach and freshness only for a weighted part:
    # the uncalibrated default weighs none of them. `InfluenceRanking`: activity is summed per
    # interaction at its own half-life only when that differs from the graph's; otherwise it
    # is the graph's in-edge weight.
    own_activity = activity_half_life != half_life and weights[3] > 0
    outreach_weighed = weights[4] > 0
    freshness_weighed = weights[5] > 0
    log(f"as of {as_of}, half-life {half_life if half_life is not None else 'none'} s, "
        f"activity half-life {activity_half_life if activity_half_life is not None else 'none'} s, "
        f"weights {weights}, type weights {options.type_weights}")

    # Graph accounts in canonical order: platform, name (handle, else user id), user id.
    keys = window.select(F.col("actor").alias("key")).union(window.select(F.col("target").alias("key"))).distinct()
    graph_accounts = keys.join(accounts, "key").select(
        "key", "platform", "handle", "user_id", "display_name",
        F.coalesce("handle", "user_id", F.lit("?")).alias("name"),
    )
    ordered = graph_accounts.orderBy("platform", "name", F.coalesce("user_id", F.lit("")))
    indexed = ordered.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1]))
    schema = T.StructType(graph_accounts.schema.fields + [T.StructField("node", T.LongType())])
    nodes = spark.createDataFrame(indexed, schema).localCheckpoint()
    n = nodes.count()
    node_of = nodes.select("key", "node")

    types = F.create_map(*[x for i, name in enumerate(opts.TYPES)
                           for x in (F.lit(i), F.lit(float(options.type_weights[name])))])
    def decay_at(half: Optional[float], time: str) -> Column:
        """`InteractionWeighting.decay(age:)`: 2^(-age / half-life), 1 for no decay or age ≤ 0."""
        age = F.lit(float(as_of)) - F.col(time).cast("double")
        if half is None:
            return F.lit(1.0)
        return F.when(age > 0, F.pow(F.lit(2.0), -age / F.lit(float(half)))).otherwise(F.lit(1.0))

    decay = decay_at(half_life, "time")
    multiplier = F.least(F.greatest(F.col("weight"), F.lit(0.0)), F.lit(opts.MAXIMUM_WEIGHT)) \
        .cast("float").cast("double")
    weighted = (
        window.join(node_of.select(F.col("key").alias("actor"), F.col("node").alias("src")), "actor")
        .join(node_of.select(F.col("key").alias("target"), F.col("node").alias("dst")), "target")
        .select("src", "dst", "type", "post_ordinal", "time", decay.alias("decay"),
                ((types[F.col("type")] * decay) * multiplier).alias("w"),
                *([((types[F.col("type")] * decay_at(activity_half_life, "time")) * multiplier)
                   .alias("wa")] if own_activity else []))
    ).localCheckpoint()

    counts_in = weighted.groupBy(F.col("dst").alias("node")).agg(F.count(F.lit(1)).alias("interactions_in"))
    counts_out = weighted.groupBy(F.col("src").alias("node")).agg(F.count(F.lit(1)).alias("interactions_out"))
    # Freshness: the decay, at the activity half-life, of the last engagement each account
    # received (any interaction from another account; `RecentEngagement.LastEngagement`).
    freshness = None
    if freshness_weighed:
        freshness = (
            weighted.groupBy(F.col("dst").alias("node")).agg(F.max("time").alias("last"))
            .select("node", decay_at(activity_half_life, "last").alias("freshness"))
        )
    # Activity at its own half-life: every interaction's weight summed per target in the
    # store's order, as `RecentEngagement.activity` loops over them.
    own_activity_sums = None
    if own_activity:
        own_activity_sums = (
            weighted.groupBy(F.col("dst").alias("node"))
            .agg(F.array_sort(F.collect_list(F.struct("post_ordinal", "src", "wa"))).alias("p"))
            .select("node", F.aggregate("p", F.lit(0.0), lambda acc, x: acc + x["wa"])
                    .alias("activity_sum"))
        )
    if half_life is None:
        recency = None
    else:
        recency = (
            weighted.where(F.col("type") == 0)
            .groupBy(F.col("dst").alias("node"))
            .agg(F.array_sort(F.collect_list(F.struct("post_ordinal", "src", "decay"))).alias("p"))
            .select("node", (F.aggregate("p", F.lit(0.0), lambda acc, x: acc + x["decay"])
                             / F.size("p").cast("double")).alias("recency"))
        )

    # Edges: positive interaction weights summed per (actor, target) in input order, then
    # narrowed to Float as the CSR graph stores them.
    graph_edges = (
        weighted.where(F.col("w") > 0)
        .groupBy("src", "dst")
        .agg(F.array_sort(F.collect_list(F.struct("post_ordinal", "w"))).alias("p"))
        .select("src", "dst", F.aggregate("p", F.lit(0.0), lambda acc, x: acc + x["w"]).alias("sum"))
        .select("src", "dst", F.greatest(F.col("sum").cast("float").cast("double"),
                                         F.lit(FLOAT_LEAST_NONZERO)).alias("w"))
    ).localCheckpoint()
    edge_count = graph_edges.count()
    log(f"graph: {n} accounts, {edge_count} edges")

    seed_nodes: list[int] = []
    teleport = None
    if options.seed_accounts is not None:
        seed_nodes, unknown = seeds.resolve(options.seed_accounts, nodes)
        if unknown:
            print(f"warning: {len(unknown)} seed accounts have no interactions in the selected "
                  "data:\n  " + "\n  ".join(unknown[:10]), file=sys.stderr, flush=True)
        if not seed_nodes:
            raise Failure(f"none of the accounts in {options.seed_accounts} has interactions in "
                          "the selected data; check the handles (one per line, optionally "
                          "platform:handle)")
        teleport = pagerank.seed_teleport(graph_edges, n, seed_nodes)
        log(f"seed accounts: {len(seed_nodes)}")

    ranks = pagerank.run(spark, graph_edges, n, options.damping, options.tolerance,
                         options.max_iterations, options.checkpoint_every, log,
                         teleport=teleport, partitions=options.partitions,
                         method=options.pagerank)
    log(f"pagerank: {ranks.iterations} iterations, converged {ranks.converged}")

    forest = replies.forest(authors, options.since, options.until, options.platform)
    reply_stats = replies.compute(spark, forest, options.checkpoint_every, log)

    per_node = (
        nodes.join(ranks.scores, "node")
        .join(reply_stats.stats, "key", "left")
        .join(counts_in, "node", "left").join(counts_out, "node", "left")
        .join(follower_counts, "key", "left")
    )
    if freshness is not None:
        per_node = per_node.join(freshness, "node", "left")
    else:
        per_node = per_node.withColumn("freshness", F.lit(None).cast("double"))
    if own_activity_sums is not None:
        per_node = per_node.join(own_activity_sums, "node", "left")
    if recency is not None:
        per_node = per_node.join(recency, "node", "left")
    else:
        per_node = per_node.withColumn("recency", F.lit(1.0))
    per_node = per_node.select(
        "node", "key", "platform", "handle", "user_id", "display_name", "pagerank",
        F.coalesce("max_reply_depth", F.lit(0)).alias("max_reply_depth"),
        F.coalesce("mean_reply_depth", F.lit(0.0)).alias("mean_reply_depth"),
        F.coalesce("distinct_repliers", F.lit(0)).alias("distinct_repliers"),
        F.coalesce("replies_received", F.lit(0)).alias("replies_received"),
        F.coalesce("interactions_in", F.lit(0)).alias("interactions_in"),
        F.coalesce("interactions_out", F.lit(0)).alias("interactions_out"),
        F.coalesce("recency", F.lit(1.0)).alias("recency"),
        F.coalesce("freshness", F.lit(0.0)).alias("freshness"),
        *(["activity_sum"] if own_activity else []), "followers",
    )
    featured = score.features(per_node, graph_edges, n, own_activity,
                              outreach_weighed).localCheckpoint()
    final, effective, dropped = score.scored(featured, weights)
    for part in dropped:
        log(f"note: {part} is 0 for every account; its weight went to the other parts")
    if seed_nodes and not options.include_seeds:
        # As `clout rank`: the seeds stay in the graph and the walk, but not in the list, and
        # the competition ranks are counted over the accounts listed.
        final = final.where(~F.col("node").isin(seed_nodes))
    rows = final.orderBy(F.desc("score"), F.asc("node")).toLocalIterator()
    written = score.write_csv(rows, options.out)
    elapsed = time.time() - started
    log(f"wrote {written} accounts to {os.path.join(options.out, 'ranking.csv')} in {elapsed:.1f} s")
    return {
        "accounts": n, "edges": edge_count, "pagerank_iterations": ranks.iterations,
        "doubling_rounds": reply_stats.rounds, "deepest_chain": reply_stats.deepest,
        "cycles_broken": reply_stats.cycles, "seconds": elapsed,
    }


def batch(path: str) -> int:
    """`batch FILE`: every line of FILE (shell words; blank lines and `#` lines skipped) is
    one `rank ...` command line, run one after another in one Spark session. Why: the JVM's
    start and its warm-up (class loading, JIT, the first query plans) are most of a small
    ranking's CPU time; the parity test's cases share them this way. Returns 65 when a
    line failed (each failure is said on standard error), else 0."""
    import shlex

    failed = 0
    with open(path, encoding="utf-8") as handle:
        lines = [line.strip() for line in handle]
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        started = time.time()
        try:
            rank(opts.parse(shlex.split(line)))
            print(f"batch line {number}: ok ({time.time() - started:.1f} s)", file=sys.stderr,
                  flush=True)
        except Failure as failure:
            failed += 1
            print(f"batch line {number}: error: {failure}", file=sys.stderr, flush=True)
        except SystemExit as exit_:  # argparse refused the line
            failed += 1
            print(f"batch line {number}: not a rank command line (exit {exit_.code})",
                  file=sys.stderr, flush=True)
    return 65 if failed else 0


def main(argv=None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) == 2 and arguments[0] == "batch":
        return batch(arguments[1])
    try:
        options = opts.parse(arguments)
        rank(options)
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 65
    return 0


if __name__ == "__main__":
    sys.exit(main())
