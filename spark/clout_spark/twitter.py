"""twitter-v1 JSONL (Twitter API v1.1 tweet objects, one per line) into posts.

Follows `TwitterV1Reader.swift`: a tweet's user is its author (user id `id_str`, handle
`screen_name`, display name `name`); `in_reply_to_status_id(_str)` with
`in_reply_to_user_id(_str)` / `in_reply_to_screen_name` is the reply; `retweeted_status` a
repost and `quoted_status` (or a bare `quoted_status_id`) a quote; the user mentions (of
`extended_tweet` when present) are mentions, except in a retweet, whose mentions are the
original's. Embedded retweeted and quoted tweets are posts too, read after the tweet that
embeds them (one level, and the quote inside a retweet). Lines that are not a readable tweet
are left out. The user's `followers_count` is the post's follower count for its author
(`followers.py`). twitter-v2 is read by `twitter_v2.py`.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .followers import count_from_text
from .interactions import first_of_each_account
from .readers import REF, id_ref, trimmed, unicode_trimmed, with_ordinal

USER = "struct<id_str:string,id:string,screen_name:string,name:string>"
# The author's user object also gives the follower count, read as text so that a number, a
# digit string and anything else reach `count_from_text` as `followerCount` in Swift sees them.
AUTHOR = "struct<id_str:string,id:string,screen_name:string,name:string,followers_count:string>"
MENTIONS = f"array<{USER}>"
FIELDS = (
    f"id_str:string,id:string,created_at:string,user:{AUTHOR},"
    "in_reply_to_status_id_str:string,in_reply_to_status_id:string,"
    "in_reply_to_user_id_str:string,in_reply_to_user_id:string,in_reply_to_screen_name:string,"
    "quoted_status_id_str:string,quoted_status_id:string,"
    f"entities:struct<user_mentions:{MENTIONS}>,"
    f"extended_tweet:struct<entities:struct<user_mentions:{MENTIONS}>>"
)
INNER = f"struct<{FIELDS},quoted_status:struct<{FIELDS}>>"
SCHEMA = f"struct<{FIELDS},retweeted_status:{INNER},quoted_status:struct<{FIELDS}>>"


def _id(tweet: Column, key: str) -> Column:
    return F.coalesce(trimmed(tweet[key + "_str"]), trimmed(tweet[key]))


def _user(user: Column) -> Column:
    """`TwitterV1Reader.account`: id, handle and name, each `nonEmptyString` (trimmed of
    Unicode white space, absent when empty)."""
    return id_ref(F.coalesce(trimmed(user["id_str"]), trimmed(user["id"])), user["screen_name"],
                  unicode_trimmed(user["name"]))


def _time(text: Column) -> Column:
    """`Wed Oct 10 20:19:24 +0000 2018`, else ISO 8601."""
    parts = F.split(F.regexp_replace(text, r"^\s+|\s+$", ""), r"\s+")
    local = F.to_timestamp(
        F.concat_ws(" ", parts[5], F.initcap(parts[1]), F.lpad(parts[2], 2, "0"), parts[3]),
        "yyyy MMM dd HH:mm:ss",
    )
    zone = parts[4]
    offset = (F.substring(zone, 2, 2).cast("long") * 3600 + F.substring(zone, 4, 2).cast("long") * 60) \
        * F.when(F.substring(zone, 1, 1) == "-", F.lit(-1)).otherwise(F.lit(1))
    twitter = F.unix_timestamp(local) - offset
    iso = F.floor(F.unix_micros(text.cast("timestamp")) / F.lit(1_000_000)).cast("long")
    return F.coalesce(twitter, iso)


def _post(tweet: Column, platform: Column, ordinal: Column, retweet: Column | None,
          quote: Column | None) -> Column:
    reply_id = _id(tweet, "in_reply_to_status_id")
    parent_author = id_ref(_id(tweet, "in_reply_to_user_id"), tweet["in_reply_to_screen_name"])
    is_repost = retweet.isNotNull() if retweet is not None else F.lit(False)
    repost_id = _id(retweet, "id") if retweet is not None else F.lit(None).cast("string")
    repost_author = _user(retweet["user"]) if retweet is not None else F.lit(None).cast(REF)
    quote_id = F.coalesce(_id(quote, "id"), _id(tweet, "quoted_status_id")) if quote is not None \
        else _id(tweet, "quoted_status_id")
    quote_author = F.when(quote.isNotNull(), _user(quote["user"])) if quote is not None \
        else F.lit(None).cast(REF)
    listed = F.coalesce(tweet["extended_tweet"]["entities"]["user_mentions"],
                        tweet["entities"]["user_mentions"])
    refs = F.filter(F.transform(F.coalesce(listed, F.array()), _user), lambda r: r.isNotNull())
    mentions = F.when(is_repost | (F.size(refs) == 0), F.array().cast(T.ArrayType(REF))) \
        .otherwise(first_of_each_account(refs))
    return F.struct(
        platform.alias("platform"), _id(tweet, "id").alias("post_id"), ordinal.alias("ordinal"),
        _time(tweet["created_at"]).alias("created_at"), _user(tweet["user"]).alias("author"),
        reply_id.alias("reply_id"),
        F.when(reply_id.isNotNull() | parent_author.isNotNull(), parent_author).alias("reply_author"),
        quote_id.alias("quote_id"), quote_author.alias("quote_author"),
        repost_id.alias("repost_id"), repost_author.alias("repost_author"),
        mentions.alias("mentions"),
        count_from_text(tweet["user"]["followers_count"]).alias("followers"),
    )


def v1(spark: SparkSession, path: str, file_index: int) -> DataFrame:
    lines = with_ordinal(spark.read.text(path), file_index)
    tweets = lines.select(F.from_json("value", SCHEMA).alias("t"), "ordinal")
    platform = F.lit("twitter")
    base = F.col("ordinal") * F.lit(4)
    t = F.col("t")
    rt = t["retweeted_status"]
    posts = tweets.select(F.explode(F.array(
        _post(t, platform, base, rt, t["quoted_status"]),
        F.when(rt.isNotNull(), _post(rt, platform, base + 1, None, rt["quoted_status"])),
        F.when(rt["quoted_status"].isNotNull(), _post(rt["quoted_status"], platform, base + 2, None, None)),
        F.when(t["quoted_status"].isNotNull(), _post(t["quoted_status"], platform, base + 3, None, None)),
    )).alias("p")).where(F.col("p").isNotNull()).select("p.*")
    return posts.where(
        F.col("post_id").isNotNull() & F.col("author").isNotNull() & F.col("created_at").isNotNull()
    )
