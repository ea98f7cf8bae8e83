"""The interaction rules and account identity, as `clout ingest` applies them.

Written as DataFrame steps so that they run where the data is. The rules (README,
"Interaction rules"; `PostRecord.derivedInteractions`, `BatchWriter.write`):

- a reply gives one `reply` to the parent's author, a quote one `quote`, a repost one
  `repost`, and every other mentioned account one `mention`;
- per post and target only the strongest type is kept (reply > quote > repost > mention);
- a reference without an author is credited to the referenced post's author when that post
  is in the data (whichever file or line it came from), and to nobody when it is not or its
  author is gone;
- the first copy of a post id wins; later copies add nothing;
- a post by a deleted author (`[deleted]`) is kept for the reply trees but gives nothing, and
  a deleted author is never credited;
- self-interactions are left out of the graph.

Accounts are keyed by platform and user id when the data gives one, else by handle; a
handle-only reference names the account with a user id that last used that handle, when
there is one (the store's resolver looks it up the same way).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import Window
from pyspark.sql import functions as F

from .readers import DELETED_HANDLE

SEPARATOR = "\u001f"


def is_deleted(ref: Column) -> Column:
    """`AccountRef.isDeletedPlaceholder`: no user id and the handle `[deleted]`."""
    return ref.isNotNull() & ref.uid.isNull() & (ref.handle == F.lit(DELETED_HANDLE))


def raw_key(platform: Column, ref: Column) -> Column:
    """The account key before handle-only refs are matched to accounts with ids."""
    return F.when(ref.isNull(), F.lit(None)).otherwise(
        F.concat(platform, F.lit(SEPARATOR),
                 F.when(ref.uid.isNotNull(), F.concat(F.lit("i"), ref.uid))
                 .otherwise(F.concat(F.lit("h"), ref.handle)))
    )


def same_account(a: Column, b: Column) -> Column:
    """`AccountRef.sameAccount`: equal user ids when both have one, else equal handles."""
    return F.when(a["uid"].isNotNull() & b["uid"].isNotNull(), a["uid"] == b["uid"]) \
        .otherwise(F.coalesce(a["handle"] == b["handle"], F.lit(False)))


def first_of_each_account(refs: Column) -> Column:
    """The refs of an array (no nulls) that name no account an earlier ref named, in order
    (`AccountRefIndex`, as `derivedInteractions` and the readers' mention lists keep them)."""
    indexed = F.transform(F.sequence(F.lit(0), F.size(refs) - 1),
                          lambda i: F.struct(i.alias("i"), refs[i].alias("r")))
    firsts = F.filter(indexed, lambda e: ~F.exists(
        F.slice(refs, 1, e["i"]), lambda o: same_account(o, e["r"])))
    return F.when(F.size(refs) == 0, refs).otherwise(F.transform(firsts, lambda e: e["r"]))


def first_copies(posts: DataFrame) -> DataFrame:
    """One row per (platform, post id): the first in input order."""
    first = Window.partitionBy("platform", "post_id").orderBy("ordinal")
    return posts.withColumn("_n", F.row_number().over(first)).where("_n = 1").drop("_n")


def references(posts: DataFrame, edges: DataFrame) -> DataFrame:
    """Every account reference the store resolves, in the order it resolves them: each
    post's author, then its targets; each edge's source, then its target. Columns: platform,
    ordinal, sub (position within the record), time, ref. Posts by deleted authors resolve
    nothing; deleted refs are never accounts."""
    live = posts.where(~is_deleted(F.col("author")))
    # The targets the store resolves: one reference per account (`derivedInteractions`),
    # the first of reply, quote, repost, mentions. A second reference to the same account in
    # one post (a mention of the parent's author) touches no account: it must not set a name.
    targets = first_of_each_account(F.filter(
        F.concat(F.array("reply_author", "quote_author", "repost_author"), F.col("mentions")),
        lambda r: r.isNotNull()))
    pieces = [
        live.select("platform", "ordinal", F.lit(0).alias("sub"), F.col("created_at").alias("time"),
                    F.col("author").alias("ref")),
        live.select("platform", "ordinal", F.col("created_at").alias("time"),
                    F.posexplode(targets).alias("pos", "ref"))
        .select("platform", "ordinal", (F.col("pos") + 1).alias("sub"), "time", "ref"),
    ]
    good_edges = edges.where(~is_deleted(F.col("source")) & ~is_deleted(F.col("target")))
    pieces += [
        good_edges.select("platform", "ordinal", F.lit(0).alias("sub"),
                          F.col("created_at").alias("time"), F.col("source").alias("ref")),
        good_edges.select("platform", "ordinal", F.lit(1).alias("sub"),
                          F.col("created_at").alias("time"), F.col("target").alias("ref")),
    ]
    refs = pieces[0]
    for piece in pieces[1:]:
        refs = refs.unionByName(piece)
    return refs.where(F.col("ref").isNotNull() & ~is_deleted(F.col("ref")))


def handle_owners(refs: DataFrame) -> DataFrame:
    """(platform, handle) → the key of the account with a user id that used the handle
    last: where a handle-only reference goes."""
    with_id = refs.where(F.col("ref.uid").isNotNull() & F.col("ref.handle").isNotNull())
    latest = Window.partitionBy("platform", "handle").orderBy(F.desc("time"), F.desc("ordinal"))
    return (
        with_id.select("platform", F.col("ref.handle").alias("handle"),
                       raw_key(F.col("platform"), F.col("ref")).alias("owner"), "time", "ordinal")
        .withColumn("_n", F.row_number().over(latest)).where("_n = 1")
        .select("platform", "handle", "owner")
    )


def keyed(frame: DataFrame, ref_column: str, key_column: str, owners: DataFrame) -> DataFrame:
    """Adds `key_column`: the account key of `ref_column`."""
    owner = owners.select(
        F.col("platform").alias("_op"), F.col("handle").alias("_oh"), F.col("owner").alias("_owner")
    )
    ref = F.col(ref_column)
    joined = frame.join(
        owner,
        (F.col("platform") == F.col("_op")) & ref.uid.isNull() & (ref.handle == F.col("_oh")),
        "left",
    )
    return joined.withColumn(
        key_column, F.coalesce(F.col("_owner"), raw_key(F.col("platform"), ref))
    ).drop("_op", "_oh", "_owner")


def accounts(refs: DataFrame, owners: DataFrame) -> DataFrame:
    """One row per account: key, platform, handle, user_id, display_name.

    Names follow `AccountResolver.touch`, folded over the references in input order: the
    first reference creates the account; a later one at a time at or after the names' time
    sets the display name (any name replaces a missing one), and, for an account with a user
    id, the handle; the names' time moves on with a reference that has a name or a user id.
    """
    keyed_refs = keyed(refs, "ref", "key", owners)
    ordered = keyed_refs.groupBy("key").agg(
        F.first("platform").alias("platform"),
        F.max(F.col("ref.uid")).alias("user_id"),
        F.array_sort(F.collect_list(F.struct(
            F.col("ordinal"), F.col("sub"), F.col("time"), F.col("ref.name").alias("name"),
            F.col("ref.handle").alias("handle"), F.col("ref.uid").isNotNull().alias("has_id"),
        ))).alias("refs"),
    )
    fold = F.aggregate(
        F.slice(F.col("refs"), 2, 1 << 30),
        F.struct(
            F.col("refs")[0]["name"].alias("name"), F.col("refs")[0]["handle"].alias("handle"),
            F.col("refs")[0]["time"].alias("at"),
        ),
        lambda acc, x: F.struct(
            F.when(x["name"].isNotNull() & ((x["time"] >= acc["at"]) | acc["name"].isNull()),
                   x["name"]).otherwise(acc["name"]).alias("name"),
            F.when((x["time"] >= acc["at"]) & F.col("user_id").isNotNull() & x["handle"].isNotNull(),
                   x["handle"]).otherwise(acc["handle"]).alias("handle"),
            F.when((x["time"] > acc["at"]) & (x["name"].isNotNull() | x["has_id"]), x["time"])
            .otherwise(acc["at"]).alias("at"),
        ),
    )
    return ordered.select(
        "key", "platform", fold["handle"].alias("handle"), "user_id",
        fold["name"].alias("display_name"),
    )


def post_interactions(posts: DataFrame, owners: DataFrame) -> tuple[DataFrame, DataFrame]:
    """Interactions derived from the (first-copy) posts, and each post's author key and
    reply target key (for the reply forest's placeholders).

    Returns (interactions: platform, post_ordinal, actor, target, type, time, weight;
    authors: platform, post_id, ordinal, created_at, author_key, reply_id, reply_target).
    """
    with_author = keyed(posts, "author", "author_key", owners).withColumn(
        "author_key", F.when(is_deleted(F.col("author")), F.lit(None)).otherwise(F.col("author_key"))
    )
    authors = with_author.select("platform", "post_id", "ordinal", "created_at", "author_key",
                                 "reply_id", "reply_author")
    live = with_author.where(F.col("author_key").isNotNull())

    def reference(type_code: int, id_column: str, author_column: str) -> DataFrame:
        return live.select(
            "platform", "ordinal", "created_at", "author_key", F.lit(type_code).alias("type"),
            F.col(id_column).alias("via"), F.col(author_column).alias("ref"),
        ).where(F.col("ref").isNotNull() | F.col("via").isNotNull())

    named = (
        reference(0, "reply_id", "reply_author")
        .unionByName(reference(1, "quote_id", "quote_author"))
        .unionByName(reference(2, "repost_id", "repost_author"))
        .unionByName(
            live.select("platform", "ordinal", "created_at", "author_key", F.lit(3).alias("type"),
                        F.lit(None).cast("string").alias("via"), F.explode("mentions").alias("ref"))
        )
    )
    direct = keyed(
        named.where(F.col("ref").isNotNull() & ~is_deleted(F.col("ref"))), "ref", "target", owners
    ).select("platform", "ordinal", "created_at", "author_key", "type", "target")
    parents = authors.select(
        F.col("platform").alias("_pp"), F.col("post_id").alias("_pid"),
        F.col("author_key").alias("target"),
    )
    via = (
        named.where(F.col("ref").isNull())
        .join(parents, (F.col("platform") == F.col("_pp")) & (F.col("via") == F.col("_pid")))
        .where(F.col("target").isNotNull())
        .select("platform", "ordinal", "created_at", "author_key", "type", "target")
    )
    interactions = (
        direct.unionByName(via)
        .groupBy("platform", "ordinal", "target")
        .agg(F.min("type").alias("type"), F.first("created_at").alias("time"),
             F.first("author_key").alias("actor"))
        .select("platform", F.col("ordinal").alias("post_ordinal"), "actor", "target", "type",
                "time", F.lit(1.0).alias("weight"))
    )
    reply_target = direct.where(F.col("type") == 0).select(
        F.col("platform").alias("_rp"), F.col("ordinal").alias("_ro"),
        F.col("target").alias("reply_target"),
    )
    authors = authors.join(
        reply_target, (F.col("platform") == F.col("_rp")) & (F.col("ordinal") == F.col("_ro")), "left"
    ).drop("_rp", "_ro", "reply_author")
    return interactions, authors


def edge_interactions(edges: DataFrame, owners: DataFrame) -> DataFrame:
    """Interactions given as edges: the first row of each (platform, source, target, type,
    time, post id) wins, weight included."""
    good = edges.where(~is_deleted(F.col("source")) & ~is_deleted(F.col("target")))
    good = keyed(keyed(good, "source", "actor", owners), "target", "target_key", owners)
    first = Window.partitionBy("platform", "actor", "target_key", "type", "created_at", "post_key") \
        .orderBy("ordinal")
    return (
        good.withColumn("_n", F.row_number().over(first)).where("_n = 1")
        .select("platform", F.col("ordinal").alias("post_ordinal"), "actor",
                F.col("target_key").alias("target"), "type", F.col("created_at").alias("time"),
                "weight")
    )
