"""The `followers` column: each account's latest follower count, as `FollowerCount.swift`
chooses it (the contract both sides keep; README, "Reading the ranking").

A post may carry its author's follower count (`followers`, nullable). Per account, over
every post read (copies of one post included, so that which copy came first does not
matter), the count of the post with the newest `created_at` wins; between posts of one
second, the larger post id, compared as decimal numbers when both are all digits and as
strings (UTF-8 bytes) otherwise; between copies of one post, the larger count. Posts by a
deleted author give no account a count.

The choice is a fold with that pairwise rule over the account's candidates sorted first, so
the result never depends on partitioning; the rule is a total order whenever an account's
ids of one second are all numeric or all not, as on every platform Clout reads.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from .interactions import is_deleted, keyed

DIGITS = r"^[0-9]+$"


def count_from_text(text: Column) -> Column:
    """`FollowerCount.parse` (and the JSON readers' `followerCount`): digits, surrounding
    spaces and tabs allowed, at most Int64.max; null for anything else."""
    value = F.regexp_replace(text, r"^[ \t]+|[ \t]+$", "")
    return F.when(value.rlike(DIGITS), value.cast("long"))


def _id_order(a: Column, b: Column) -> Column:
    """-1, 0 or 1: post id `a` against `b` by the rule."""
    numeric = a.rlike(DIGITS) & b.rlike(DIGITS)
    sa = F.regexp_replace(a, r"^0+", "")
    sb = F.regexp_replace(b, r"^0+", "")
    by_number = F.when(F.length(sa) != F.length(sb), F.signum(F.length(sa) - F.length(sb))) \
        .otherwise(F.when(sa < sb, -1).when(sa > sb, 1).otherwise(0))
    by_text = F.when(a < b, -1).when(a > b, 1).otherwise(0)
    return F.when(numeric, by_number).otherwise(by_text).cast("int")


def _supersedes(x: Column, best: Column) -> Column:
    order = _id_order(x["post_id"], best["post_id"])
    return F.when(x["created_at"] != best["created_at"], x["created_at"] > best["created_at"]) \
        .otherwise(F.when(order != 0, order > 0).otherwise(x["followers"] > best["followers"]))


def latest(posts: DataFrame, owners: DataFrame) -> DataFrame:
    """key, followers: the latest count of every account some post gave one. `posts` are all
    posts read, before first copies are chosen."""
    counted = posts.where(F.col("followers").isNotNull() & ~is_deleted(F.col("author")))
    with_key = keyed(counted, "author", "key", owners)
    grouped = with_key.groupBy("key").agg(
        F.array_sort(F.collect_list(F.struct("created_at", "post_id", "followers"))).alias("c")
    )
    best = F.aggregate(
        F.slice(F.col("c"), 2, 1 << 30), F.col("c")[0],
        lambda acc, x: F.when(_supersedes(x, acc), x).otherwise(acc),
    )
    return grouped.select("key", best["followers"].alias("followers"))
