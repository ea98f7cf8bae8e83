"""twitter-v2 JSONL (Twitter API v2, as twarc writes it) into posts.

A line follows `TwitterV2Reader.swift` in either layout: an API response page (`data`, an
array or one tweet; `includes.users`; `includes.tweets`) or one tweet with its expansions
inlined ("flat": `author`, `in_reply_to_user`, whole tweets in `referenced_tweets`, four
levels deep at most). Why Python and not DataFrame expressions: each line carries its own
user directory (ids to usernames and names, usernames to ids, follower counts) that every
reference of the line is completed from, in an order the reader defines; a per-line function
states that rule once, the way Swift does, and still runs where the data is (a `flatMap`
over the lines).

Per line: the directory gets `includes.users`, the inlined authors, replied-to users and
mention entities, then the primary tweets' `author` objects again; the line's tweets are the
primary ones (data, or the flat tweet) and the secondary ones (includes or inlined
references) that are full tweets (`created_at`, `author_id` or `text`), in that order, each a
post. Per post: the author is `author_id` (else the inline author's id) with the inline
username; `referenced_tweets` give the reply (its author `in_reply_to_user_id`, else the
referenced tweet's author), the repost (else the handle after `RT @` in the text) and the
quote; `in_reply_to_user_id` without a `replied_to` reference is a reply to that account
with no post; mentions (none for a retweet) are the first of each account; the follower
count is the inline author's `public_metrics.followers_count`, else the directory's for the
author's id. Lines or tweets that cannot be read are left out, as `clout ingest --skip-bad`
leaves them.
"""

from __future__ import annotations

import json
import unicodedata

from pyspark.sql import DataFrame, SparkSession

from .options import parse_timestamp

# Posts of one line are numbered below this; the line's index is above it.
POSTS_PER_LINE = 1 << 12
INT64_MAX = (1 << 63) - 1


class LineTooLong(ValueError):
    pass


def _text(value):
    """`JSONObject.string`: a string, or an integer given as a number."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _extends(char):
    """Whether `char` joins the grapheme cluster before it (a mark, ZWNJ, ZWJ)."""
    return unicodedata.category(char).startswith("M") or char in "\u200c\u200d"


def trim(text):
    """`trimmingWhitespace`: white-space Characters off both ends, a Character being a
    white-space scalar with the marks that extend it (a space and U+FE0F go as one)."""
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
        while start < end and _extends(text[start]):
            start += 1
    while True:
        cut = end
        while cut > start and _extends(text[cut - 1]):
            cut -= 1
        if cut > start and text[cut - 1].isspace():
            end = cut - 1
        else:
            return text[start:end]


def _field(obj, key):
    """`nonEmptyString`: trimmed text, None when empty or not text."""
    if not isinstance(obj, dict):
        return None
    text = _text(obj.get(key))
    if text is None:
        return None
    return trim(text) or None


def _object(obj, key):
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else None


def _objects(obj, key):
    value = obj.get(key) if isinstance(obj, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def normalize_handle(raw):
    """`Handle.normalize`."""
    if raw is None:
        return None
    value = trim(raw).lstrip("@")
    return value.lower() if value else None


def follower_count(user):
    """`public_metrics.followers_count`: an integer ≥ 0, or a string of digits."""
    metrics = _object(user, "public_metrics")
    if metrics is None or "followers_count" not in metrics:
        return None
    value = metrics["followers_count"]
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= INT64_MAX else None
    if isinstance(value, str):
        digits = value.strip(" \t")
        if digits and all("0" <= c <= "9" for c in digits):
            number = int(digits)
            return number if number <= INT64_MAX else None
    return None


def _ref(user_id, handle, name):
    """`AccountRef(userID:handle:displayName:)`: None without an id or a usable handle."""
    user_id = user_id or None
    normalized = normalize_handle(handle)
    if user_id is None and normalized is None:
        return None
    return (user_id, normalized, name or None)


def _same_account(a, b):
    if a[0] is not None and b[0] is not None:
        return a[0] == b[0]
    return a[1] is not None and b[1] is not None and a[1] == b[1]


class Directory:
    """`TwitterUserDirectory`: the accounts one line names."""

    def __init__(self):
        self.by_id = {}
        self.id_by_username = {}
        self.followers_by_id = {}

    def add_user(self, user):
        user_id = _field(user, "id_str") or _field(user, "id")
        username = _field(user, "username") or _field(user, "screen_name")
        self.add(user_id, username, _field(user, "name"))
        count = follower_count(user)
        if user_id is not None and count is not None:
            self.followers_by_id[user_id] = count

    def add(self, user_id, username, name):
        if user_id is None:
            return
        known = self.by_id.get(user_id, (None, None))
        self.by_id[user_id] = (username if username is not None else known[0],
                               name if name is not None else known[1])
        handle = normalize_handle(username) if username is not None else None
        if handle is not None:
            self.id_by_username[handle] = user_id

    def account(self, user_id, username):
        resolved = user_id or None
        if resolved is None and username is not None:
            handle = normalize_handle(username)
            if handle is not None:
                resolved = self.id_by_username.get(handle)
        known = self.by_id.get(resolved, (None, None)) if resolved is not None else (None, None)
        return _ref(resolved, username if username is not None else known[0], known[1])


def _is_full(tweet):
    return "created_at" in tweet or "author_id" in tweet or "text" in tweet


def _collect_inlined(tweet, users, tweets, depth):
    author = _object(tweet, "author")
    if author is not None:
        users.add_user(author)
    replied = _object(tweet, "in_reply_to_user")
    if replied is not None:
        users.add_user(replied)
    for mention in _objects(_object(tweet, "entities"), "mentions"):
        users.add(_field(mention, "id"), _field(mention, "username"), _field(mention, "name"))
    if depth >= 4:
        return
    for referenced in _objects(tweet, "referenced_tweets"):
        if _is_full(referenced):
            tweets.append(referenced)
            _collect_inlined(referenced, users, tweets, depth + 1)


def _retweeted_handle(text, users):
    if text is None or not text.startswith("RT @"):
        return None
    handle = []
    for c in text[4:]:
        if c.isalpha() or c.isnumeric() or c == "_":
            handle.append(c)
        else:
            break
    return users.account(None, "".join(handle))


def _post(tweet, users, by_id):
    """The post of one tweet, or None when it is a bad record."""
    post_id = _field(tweet, "id")
    if post_id is None:
        return None
    inline_author = _object(tweet, "author")
    author_id = _field(tweet, "author_id") or _field(inline_author, "id")
    author = users.account(author_id, _field(inline_author, "username"))
    if author is None:
        return None
    time_text = _text(tweet.get("created_at"))
    if time_text is None:
        return None
    created_at = parse_timestamp(time_text)
    if created_at is None:
        return None
    text = _text(tweet.get("text"))

    def author_of(referenced_id, inline):
        referenced = by_id.get(referenced_id, inline)
        referenced_author = _object(referenced, "author")
        return users.account(_field(referenced, "author_id") or _field(referenced_author, "id"),
                             _field(referenced_author, "username"))

    reply = repost = quote = None  # (post id or None, author ref or None)
    for reference in _objects(tweet, "referenced_tweets"):
        referenced_id = _field(reference, "id")
        if referenced_id is None:
            continue
        kind = _text(reference.get("type"))
        if kind == "replied_to":
            parent_author = users.account(_field(tweet, "in_reply_to_user_id"), None) \
                or author_of(referenced_id, reference)
            reply = (referenced_id, parent_author)
        elif kind == "retweeted":
            original = author_of(referenced_id, reference) or _retweeted_handle(text, users)
            repost = (referenced_id, original)
        elif kind == "quoted":
            quote = (referenced_id, author_of(referenced_id, reference))
    parent_user = _field(tweet, "in_reply_to_user_id")
    if reply is None and parent_user is not None:
        reply = (None, users.account(parent_user, None))

    mentions = []
    if repost is None:
        for mention in _objects(_object(tweet, "entities"), "mentions"):
            account = users.account(_field(mention, "id"), _field(mention, "username"))
            if account is None or any(_same_account(seen, account) for seen in mentions):
                continue
            mentions.append(account)
    followers = follower_count(inline_author)
    if followers is None and author[0] is not None:
        followers = users.followers_by_id.get(author[0])
    none = (None, None)
    reply, quote, repost = reply or none, quote or none, repost or none
    return ("twitter", post_id, created_at, author, reply[0], reply[1], quote[0], quote[1],
            repost[0], repost[1], mentions, followers)


def posts_of_line(line: str) -> list[tuple]:
    """The posts of one JSON line, in the order `clout ingest` writes them."""
    try:
        obj = json.loads(line)
    except ValueError:
        return []
    if not isinstance(obj, dict):
        return []
    users = Directory()
    primary, secondary = [], []
    if "data" in obj or "includes" in obj:
        data = obj.get("data")
        if isinstance(data, dict):
            primary = [data]
        elif isinstance(data, list):
            primary = [item for item in data if isinstance(item, dict)]
        includes = _object(obj, "includes")
        for user in _objects(includes, "users"):
            users.add_user(user)
        secondary = _objects(includes, "tweets")
    elif "id" not in obj and "meta" in obj:
        return []  # a response page without results
    else:
        primary = [obj]
        _collect_inlined(obj, users, secondary, 0)
    by_id = {}
    for tweet in primary + secondary:
        tweet_id = _field(tweet, "id")
        if tweet_id is not None and tweet_id not in by_id:
            by_id[tweet_id] = tweet
    for tweet in primary:
        author = _object(tweet, "author")
        if author is not None:
            users.add_user(author)
    posts = [_post(tweet, users, by_id) for tweet in primary]
    posts += [_post(tweet, users, by_id) for tweet in secondary if _is_full(tweet)]
    return [post for post in posts if post is not None]


def _rows(line: str, index: int, file_index: int):
    posts = posts_of_line(line)
    if len(posts) >= POSTS_PER_LINE:
        raise LineTooLong(f"line {index + 1} holds {len(posts)} tweets; the job numbers at most "
                          f"{POSTS_PER_LINE - 1} per line")
    base = (file_index << 52) + index * POSTS_PER_LINE
    for position, (platform, post_id, created_at, author, reply_id, reply_author, quote_id,
                   quote_author, repost_id, repost_author, mentions, followers) in enumerate(posts):
        yield (platform, post_id, base + position, created_at, author, reply_id, reply_author,
               quote_id, quote_author, repost_id, repost_author, mentions, followers)


def v2(spark: SparkSession, path: str, file_index: int, schema) -> DataFrame:
    """The posts of one twitter-v2 file (any Spark-readable path, gzip read as such)."""
    lines = spark.sparkContext.textFile(path).zipWithIndex()
    rows = lines.flatMap(lambda pair: _rows(pair[0], pair[1], file_index))
    return spark.createDataFrame(rows, schema, verifySchema=False)
