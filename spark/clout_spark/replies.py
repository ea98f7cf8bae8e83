"""Reply-depth statistics from the reply forest, by pointer doubling instead of recursion.

`ReplyForest.swift` walks each tree from its root. A cluster cannot: a thread can be hundreds
of thousands of posts deep and spread over every executor. Here the forest is a table of
parent pointers and every step is a join:

- jump_k(p) is p's ancestor 2^k levels up, with the number of depth steps on the way (a step
  is 0 when a post and its parent have the same known author: a self-thread adds no depth);
  jump_{k+1} = jump_k ∘ jump_k. The deepest chain of D replies needs ⌊log2 D⌋ + 1 rounds.
- the ancestor closure (every (descendant, ancestor, steps) pair at distances 1..2^k) grows by
  one join per round: closure_{k+1} = closure_k ∪ jump_k ∘ closure_k.

From the closure: height(p) = the most steps from any descendant up to p (0 without
replies), distinct repliers of an account = distinct known authors other than the account
anywhere below its posts, and replies received = direct replies by others.

The window's posts are the forest. A parent stored outside the window joins as a root; a
parent missing from the data becomes a placeholder root authored by the first reply's
`reply_to_author` that is known (`EngagementScanner.scanPosts`). Parent cycles (corrupt data)
never reach a root: after ⌈log2 N⌉ + 1 rounds the posts still jumping are on or under a cycle;
their parent links (a handful in practice) are brought to the driver, and each cycle loses the
parent link of its earliest post, as `ReplyForest.breakCycles` does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


@dataclass
class Result:
    """`stats`: key, max_reply_depth, mean_reply_depth, distinct_repliers, replies_received
    (accounts with posts in the forest). `rounds`: pointer-doubling rounds the deepest chain
    needed; `deepest`: its length in replies; `cycles`: parent links removed."""

    stats: DataFrame
    rounds: int
    deepest: int
    cycles: int
    posts: int


def forest(authors: DataFrame, since, until, platform) -> DataFrame:
    """The window's reply forest: pid, author (key or null), parent (pid or null)."""
    inside = F.lit(True)
    if since is not None:
        inside = inside & (F.col("created_at") >= since)
    if until is not None:
        inside = inside & (F.col("created_at") <= until)
    if platform is not None:
        inside = inside & (F.col("platform") == platform)
    everything = authors.withColumn("inside", inside)
    window = everything.where("inside")
    parents = everything.select(
        F.col("platform").alias("_pp"), F.col("post_id").alias("_pid"),
        F.col("ordinal").alias("parent_ordinal"), F.col("author_key").alias("parent_author"),
        F.col("inside").alias("parent_inside"),
    )
    linked = window.join(
        parents, (F.col("platform") == F.col("_pp")) & (F.col("reply_id") == F.col("_pid")), "left"
    ).persist()
    placeholder_id = -(F.abs(F.xxhash64("platform", "reply_id")) % F.lit(1 << 62)) - F.lit(1)
    posts = linked.select(
        F.col("ordinal").alias("pid"), F.col("author_key").alias("author"),
        F.when(F.col("reply_id").isNull(), F.lit(None).cast("long"))
        .when(F.col("parent_ordinal").isNotNull(), F.col("parent_ordinal"))
        .otherwise(placeholder_id).alias("parent"),
    )
    extras = (
        linked.where(F.col("parent_ordinal").isNotNull() & ~F.col("parent_inside"))
        .select(F.col("parent_ordinal").alias("pid"), F.col("parent_author").alias("author"))
        .distinct()
        .select("pid", "author", F.lit(None).cast("long").alias("parent"))
    )
    placeholders = (
        linked.where(F.col("reply_id").isNotNull() & F.col("parent_ordinal").isNull())
        .groupBy("platform", "reply_id")
        .agg(F.min_by("reply_target", F.when(F.col("reply_target").isNotNull(), F.col("ordinal"))).alias("author"))
        .select(placeholder_id.alias("pid"), "author", F.lit(None).cast("long").alias("parent"))
    )
    return posts.unionByName(extras).unionByName(placeholders)


def _break_cycles(links: dict[int, int]) -> list[int]:
    """The posts whose parent link goes: in each cycle of `links` (post → parent, every post
    on or under a cycle), the smallest post."""
    state: dict[int, int] = {}
    broken = []
    for start in sorted(links):
        if start in state:
            continue
        walk = []
        p = start
        while p is not None and p in links and p not in state:
            state[p] = 1
            walk.append(p)
            p = links[p]
        if p is not None and state.get(p) == 1:
            members = walk[walk.index(p):]
            broken.append(min(members))
        for q in walk:
            state[q] = 2
    return broken


def compute(spark, nodes: DataFrame, checkpoint_every: int, log=lambda m: None) -> Result:
    """Per-account reply statistics of the forest `nodes` (pid, author, parent)."""
    nodes = nodes.localCheckpoint()
    count = nodes.count()
    limit = max(1, math.ceil(math.log2(count + 1)) + 1)

    def first_jumps(frame: DataFrame) -> DataFrame:
        parent_author = frame.select(F.col("pid").alias("_p"), F.col("author").alias("_pa"))
        return (
            frame.where(F.col("parent").isNotNull())
            .join(parent_author, F.col("parent") == F.col("_p"), "left")
            .select(
                F.col("pid").alias("d"), F.col("parent").alias("a"),
                F.when(F.col("author").isNotNull() & (F.col("author") == F.col("_pa")), F.lit(0))
                .otherwise(F.lit(1)).alias("s"),
                F.lit(1).alias("n"),
            )
        )

    def compose(first: DataFrame, second: DataFrame) -> DataFrame:
        """(d → m, s1) then (m → a, s2): (d → a, s1 + s2)."""
        right = second.select(F.col("d").alias("_m"), F.col("a").alias("_a"),
                              F.col("s").alias("_s"), F.col("n").alias("_n"))
        return first.join(right, F.col("a") == F.col("_m")).select(
            "d", F.col("_a").alias("a"), (F.col("s") + F.col("_s")).alias("s"),
            (F.col("n") + F.col("_n")).alias("n"))

    # Rounds of jumping alone: how deep the deepest chain is, and whether any chain never ends.
    cycles = 0
    while True:
        jumps = first_jumps(nodes).localCheckpoint()
        rounds = 0
        while jumps.take(1):
            rounds += 1
            if rounds > limit:
                break
            jumps = compose(jumps, jumps).localCheckpoint()
        if rounds <= limit:
            break
        stuck = jumps.select("d").distinct()
        links = {
            row["pid"]: row["parent"]
            for row in nodes.join(stuck, nodes.pid == stuck.d).select("pid", "parent").collect()
        }
        broken = _break_cycles(links)
        cycles += len(broken)
        log(f"reply forest: {len(broken)} parent cycle(s) broken")
        cut = spark.createDataFrame([(p,) for p in broken], "cut long")
        nodes = (
            nodes.join(cut, nodes.pid == cut.cut, "left")
            .select("pid", "author", F.when(F.col("cut").isNotNull(), F.lit(None).cast("long"))
                    .otherwise(F.col("parent")).alias("parent"))
            .localCheckpoint()
        )

    # The closure, one doubling round at a time.
    jumps = first_jumps(nodes).localCheckpoint()
    closure = jumps
    deepest = 0
    for round_number in range(1, rounds + 1):
        closure = closure.unionByName(compose(jumps, closure))
        jumps = compose(jumps, jumps)
        if round_number % checkpoint_every == 0 or round_number == rounds:
            closure = closure.checkpoint()
            jumps = jumps.localCheckpoint()
    if rounds:
        deepest = closure.agg(F.max(F.col("n"))).first()[0] or 0
    log(f"reply forest: {count} posts, deepest chain {deepest} replies, {rounds} doubling round(s)")

    authored = nodes.select(F.col("pid").alias("_id"), F.col("author").alias("_au"))
    pairs = (
        closure.join(authored.select(F.col("_id").alias("a_id"), F.col("_au").alias("a_author")),
                     F.col("a") == F.col("a_id"))
        .join(authored.select(F.col("_id").alias("d_id"), F.col("_au").alias("d_author")),
              F.col("d") == F.col("d_id"))
        .select("a", "a_author", "d_author", "s")
    ).persist()
    heights = pairs.groupBy("a").agg(F.max("s").alias("height"))
    per_post = (
        nodes.where(F.col("author").isNotNull())
        .join(heights, nodes.pid == heights.a, "left")
        .select(F.col("author").alias("key"), F.coalesce(F.col("height"), F.lit(0)).alias("height"))
    )
    depth = per_post.groupBy("key").agg(
        F.max("height").alias("max_reply_depth"),
        F.coalesce(F.avg(F.when(F.col("height") >= 1, F.col("height"))), F.lit(0.0)).alias("mean_reply_depth"),
    )
    repliers = (
        pairs.where(F.col("a_author").isNotNull() & F.col("d_author").isNotNull()
                    & (F.col("a_author") != F.col("d_author")))
        .groupBy(F.col("a_author").alias("key"))
        .agg(F.countDistinct("d_author").alias("distinct_repliers"))
    )
    parent_author = nodes.select(F.col("pid").alias("_p"), F.col("author").alias("target"))
    received = (
        nodes.where(F.col("parent").isNotNull())
        .join(parent_author, F.col("parent") == F.col("_p"))
        .where(F.col("target").isNotNull()
               & (F.col("author").isNull() | (F.col("author") != F.col("target"))))
        .groupBy(F.col("target").alias("key")).agg(F.count(F.lit(1)).alias("replies_received"))
    )
    stats = (
        depth.join(repliers, "key", "full").join(received, "key", "full")
        .select(
            "key",
            F.coalesce("max_reply_depth", F.lit(0)).alias("max_reply_depth"),
            F.coalesce("mean_reply_depth", F.lit(0.0)).alias("mean_reply_depth"),
            F.coalesce("distinct_repliers", F.lit(0)).alias("distinct_repliers"),
            F.coalesce("replies_received", F.lit(0)).alias("replies_received"),
        )
    )
    return Result(stats=stats, rounds=rounds, deepest=int(deepest), cycles=cycles, posts=count)
