"""Input formats into two DataFrames of one shape, whatever the format: posts and edges.

`clout ingest` reads posts-csv, edges-csv, twitter-v1 and twitter-v2 through one record type
(`PostRecord`, `EdgeRecord`); the Spark job does the same so that the interaction rules are
written once (`interactions.py`). Every reader here follows the Swift reader of the same
name in `Sources/CloutIngest` field by field; where a Spark expression cannot say exactly
what the Swift code does, the difference is named in the function's docstring.

Posts: platform, post_id, ordinal, created_at (unix seconds), author (a ref), reply_id,
reply_author, quote_id, quote_author, repost_id, repost_author, mentions (array of refs),
followers (the author's follower count the record gives, a long, nullable).
A ref is struct(uid, handle, name): user id, normalized handle, display name, each nullable.
Edges: platform, ordinal, source, target (refs), type (precedence 0..3), created_at,
post_key, weight.

`ordinal` is the record's position in the input (file, then line), the order `clout ingest`
writes records in: the first copy of a post wins, and names follow the order of records.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

REF = T.StructType(
    [
        T.StructField("uid", T.StringType()),
        T.StructField("handle", T.StringType()),
        T.StructField("name", T.StringType()),
    ]
)

POST_COLUMNS = [
    "platform", "post_id", "ordinal", "created_at", "author", "reply_id", "reply_author",
    "quote_id", "quote_author", "repost_id", "repost_author", "mentions", "followers",
]

# Edge type spellings edges-csv accepts (EdgesCSVReader.typeNames), by precedence.
EDGE_TYPES = {
    "reply": 0, "replies": 0, "replied_to": 0, "replies_to": 0,
    "quote": 1, "quotes": 1, "quoted": 1,
    "repost": 2, "reposts": 2, "retweet": 2, "retweets": 2, "retweeted": 2,
    "mention": 3, "mentions": 3, "mentioned": 3,
}

DELETED_HANDLE = "[deleted]"


def blank_to_null(column: Column) -> Column:
    """A field with nothing but white space is absent (the tokenizer's optional text)."""
    trimmed = F.regexp_replace(column, r"^\s+|\s+$", "")
    return F.when(trimmed == "", F.lit(None)).otherwise(column)


def trimmed(column: Column) -> Column:
    """Trimmed text, absent when empty (`trimmedText`)."""
    value = F.regexp_replace(column, r"^\s+|\s+$", "")
    return F.when(value == "", F.lit(None)).otherwise(value)


# A white-space Character at either end: a white-space scalar and what extends its grapheme
# cluster (marks, ZWJ, ZWNJ). Swift trims `" \u{FE0F}"` as one Character; Java's `\s` alone
# would leave the variation selector (one RumourEval display name).
_SPACE_CHARACTER = r"\s[\p{M}\x{200C}\x{200D}]*"


def unicode_trimmed(column: Column) -> Column:
    """`nonEmptyString` of the JSON readers: trimmed of white-space Characters (Swift's
    `Character.isWhitespace`: Unicode White_Space, Java's `(?U)\\s`), absent when empty."""
    value = F.regexp_replace(
        column, rf"(?U)^(?:{_SPACE_CHARACTER})+|(?:{_SPACE_CHARACTER})+$", "")
    return F.when(value == "", F.lit(None)).otherwise(value)


def normalize_handle(column: Column) -> Column:
    """`Handle.normalize`: surrounding white space and leading `@`s stripped, lowercased;
    absent when nothing is left."""
    value = F.lower(F.regexp_replace(F.regexp_replace(column, r"^\s+|\s+$", ""), r"^@+", ""))
    return F.when(value == "", F.lit(None)).otherwise(value)


def handle_ref(handle: Column, name: Column | None = None) -> Column:
    """A ref by handle only (CSV formats), absent when the handle normalizes to nothing."""
    normalized = normalize_handle(handle)
    display = blank_to_null(name) if name is not None else F.lit(None).cast("string")
    return F.when(normalized.isNull(), F.lit(None).cast(REF)).otherwise(
        F.struct(F.lit(None).cast("string").alias("uid"), normalized.alias("handle"),
                 display.alias("name"))
    )


def id_ref(uid: Column, handle: Column, name: Column | None = None) -> Column:
    """A ref by user id and/or handle (JSON formats); absent when it has neither."""
    user = trimmed(uid.cast("string"))
    normalized = normalize_handle(handle)
    display = blank_to_null(name) if name is not None else F.lit(None).cast("string")
    return F.when(user.isNull() & normalized.isNull(), F.lit(None).cast(REF)).otherwise(
        F.struct(user.alias("uid"), normalized.alias("handle"), display.alias("name"))
    )


def parse_time(column: Column) -> Column:
    """`TimestampParser.parse`: ISO 8601 (no zone = UTC, fractions dropped) or unix seconds.
    Spark's cast reads `Z` and `±HH:MM` zones; the rarer `±HHMM` and `±HH` are not read."""
    value = F.regexp_replace(column, r"^\s+|\s+$", "")
    unix = F.floor(value.cast("double")).cast("long")
    iso = F.floor(F.unix_micros(value.cast("timestamp")) / F.lit(1_000_000)).cast("long")
    return F.when(value.rlike(r"^-?[0-9]+(\.[0-9]+)?$"), unix).otherwise(iso)


def with_ordinal(frame: DataFrame, file_index: int) -> DataFrame:
    """Adds `ordinal`: the file's index, then the row's position in the file.

    Spark packs a file's splits into partitions largest first, so partition order is not file
    order; rows within one split are in order, and the split's byte offset orders the splits.
    """
    frame = frame.withColumn("_block", F.input_file_block_start()).withColumn(
        "_row", F.monotonically_increasing_id()
    )
    blocks = sorted(row[0] for row in frame.select("_block").distinct().collect())
    block_index = F.create_map(*[x for i, b in enumerate(blocks) for x in (F.lit(b), F.lit(i))]) \
        if blocks else F.create_map(F.lit(0), F.lit(0))
    ordinal = (
        F.lit(file_index).cast("long") * F.lit(1 << 52)
        + F.coalesce(block_index[F.col("_block")], F.lit(0)).cast("long") * F.lit(1 << 31)
        + (F.col("_row").bitwiseAND(F.lit((1 << 31) - 1)))
    )
    return frame.withColumn("ordinal", ordinal).drop("_block", "_row")


def _csv(spark: SparkSession, path: str) -> DataFrame:
    """A CSV file with a header, RFC 4180 quoting, quoted line breaks; every column text,
    column names lowercased and without a byte order mark (`CSVHeader` matches names
    case-insensitively)."""
    frame = (
        spark.read.option("header", True).option("multiLine", True).option("escape", '"')
        .option("encoding", "UTF-8").option("mode", "PERMISSIVE").csv(path)
    )
    renamed = [c.replace("\ufeff", "").strip().lower() for c in frame.columns]
    return frame.toDF(*renamed)


def _column(frame: DataFrame, name: str) -> Column:
    return F.col(f"`{name}`") if name in frame.columns else F.lit(None).cast("string")


def posts_csv(spark: SparkSession, path: str, file_index: int) -> DataFrame:
    from .followers import count_from_text  # followers.py imports this module's neighbours
    """posts-csv (PostsCSVReader). A row whose id, author, time or followers cannot be read is left out
    (as `clout ingest --skip-bad` does); the platform is the row's, else `unknown`."""
    frame = with_ordinal(_csv(spark, path), file_index)
    col = lambda name: _column(frame, name)  # noqa: E731
    if "mentions" in frame.columns:
        pieces = F.split(F.regexp_replace(col("mentions"), r"^[ ,;\t]+|[ ,;\t]+$", ""), r"[ ,;\t]+")
        normalized = F.filter(F.transform(pieces, lambda p: normalize_handle(p)), lambda h: h.isNotNull())
        mentions = F.when(blank_to_null(col("mentions")).isNull(), F.array().cast(T.ArrayType(REF))) \
            .otherwise(F.transform(F.array_distinct(normalized), lambda h: F.struct(
                F.lit(None).cast("string").alias("uid"), h.alias("handle"),
                F.lit(None).cast("string").alias("name"))))
    else:
        text = F.coalesce(col("text"), F.lit(""))
        found = F.regexp_extract_all(
            text,
            F.lit(r"(?<![A-Za-z0-9_@])@([A-Za-z0-9_]+(?:@[A-Za-z0-9_.-]*\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)"),
            1,
        )
        normalized = F.filter(F.transform(found, lambda p: normalize_handle(p)), lambda h: h.isNotNull())
        mentions = F.transform(F.array_distinct(normalized), lambda h: F.struct(
            F.lit(None).cast("string").alias("uid"), h.alias("handle"),
            F.lit(None).cast("string").alias("name")))
    platform = F.lower(trimmed(col("platform")))
    # `followers` (optional): a whole number, else the row is bad (PostsCSVReader).
    followers_text = trimmed(col("followers"))
    followers = count_from_text(followers_text)
    posts = frame.select(
        F.coalesce(platform, F.lit("unknown")).alias("platform"),
        trimmed(col("id")).alias("post_id"),
        F.col("ordinal"),
        parse_time(col("created_at")).alias("created_at"),
        handle_ref(col("author"), col("display_name")).alias("author"),
        trimmed(col("reply_to_id")).alias("reply_id"),
        handle_ref(col("reply_to_author")).alias("reply_author"),
        trimmed(col("quote_of_id")).alias("quote_id"),
        handle_ref(col("quote_of_author")).alias("quote_author"),
        trimmed(col("repost_of_id")).alias("repost_id"),
        handle_ref(col("repost_of_author")).alias("repost_author"),
        mentions.alias("mentions"),
        followers.alias("followers"),
        (followers_text.isNull() | followers.isNotNull()).alias("_followers_ok"),
    )
    return posts.where(
        F.col("post_id").isNotNull() & F.col("author").isNotNull() & F.col("created_at").isNotNull()
        & F.col("_followers_ok")
    ).drop("_followers_ok")


def edges_csv(spark: SparkSession, path: str, file_index: int) -> DataFrame:
    """edges-csv (EdgesCSVReader): source, target, type, timestamp; post_id and weight
    optional (weight 1 when absent). Unreadable rows are left out."""
    frame = with_ordinal(_csv(spark, path), file_index)
    col = lambda name: _column(frame, name)  # noqa: E731
    types = F.create_map(*[x for name, code in EDGE_TYPES.items() for x in (F.lit(name), F.lit(code))])
    weight = trimmed(col("weight"))
    edges = frame.select(
        F.coalesce(F.lower(trimmed(col("platform"))), F.lit("unknown")).alias("platform"),
        F.col("ordinal"),
        handle_ref(trimmed(col("source"))).alias("source"),
        handle_ref(trimmed(col("target"))).alias("target"),
        types[F.lower(trimmed(col("type")))].alias("type"),
        parse_time(col("timestamp")).alias("created_at"),
        trimmed(col("post_id")).alias("post_key"),
        F.when(weight.isNull(), F.lit(1.0)).otherwise(weight.cast("double")).alias("weight"),
    )
    return edges.where(
        F.col("source").isNotNull() & F.col("target").isNotNull() & F.col("type").isNotNull()
        & F.col("created_at").isNotNull() & F.col("weight").isNotNull()
        & (F.col("weight") >= 0) & (F.col("weight") <= 1e12)
    )


POST_SCHEMA = T.StructType(
    [
        T.StructField("platform", T.StringType()), T.StructField("post_id", T.StringType()),
        T.StructField("ordinal", T.LongType()), T.StructField("created_at", T.LongType()),
        T.StructField("author", REF), T.StructField("reply_id", T.StringType()),
        T.StructField("reply_author", REF), T.StructField("quote_id", T.StringType()),
        T.StructField("quote_author", REF), T.StructField("repost_id", T.StringType()),
        T.StructField("repost_author", REF), T.StructField("mentions", T.ArrayType(REF)),
        T.StructField("followers", T.LongType()),
    ]
)


def empty_posts(spark: SparkSession) -> DataFrame:
    return spark.createDataFrame([], POST_SCHEMA)


def empty_edges(spark: SparkSession) -> DataFrame:
    schema = T.StructType(
        [
            T.StructField("platform", T.StringType()), T.StructField("ordinal", T.LongType()),
            T.StructField("source", REF), T.StructField("target", REF),
            T.StructField("type", T.IntegerType()), T.StructField("created_at", T.LongType()),
            T.StructField("post_key", T.StringType()), T.StructField("weight", T.DoubleType()),
        ]
    )
    return spark.createDataFrame([], schema)


def read(spark: SparkSession, fmt: str, paths: list[str]) -> tuple[DataFrame, DataFrame]:
    """Posts and edges of every path, in the order given."""
    posts = empty_posts(spark)
    edges = empty_edges(spark)
    for index, path in enumerate(paths):
        if fmt == "posts-csv":
            posts = posts.unionByName(posts_csv(spark, path, index))
        elif fmt == "edges-csv":
            edges = edges.unionByName(edges_csv(spark, path, index))
        elif fmt == "twitter-v1":
            from . import twitter  # the JSON readers, kept apart: they are longer

            posts = posts.unionByName(twitter.v1(spark, path, index))
        elif fmt == "twitter-v2":
            from . import twitter_v2

            posts = posts.unionByName(twitter_v2.v2(spark, path, index, POST_SCHEMA))
        else:
            raise ValueError(f"unknown format {fmt}")
    return posts, edges
