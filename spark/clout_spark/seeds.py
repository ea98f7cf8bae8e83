"""`--seed-accounts FILE`: the accounts that personalize PageRank, found as `clout rank`
finds them (`AccountListFile.read`, `SeedAccounts.resolve`, `AccountLookup.find`).

The file has one account per line (`handle`, `@handle`, `platform:handle` or a user id); `#`
starts a comment and blank lines are skipped. A name matches every graph account whose
handle or lowercased user id it normalizes to (so a bare handle may name accounts on several
platforms); names that match nothing are warned about, and a file that matches nothing is an
error. Only the accounts whose handle or id is one of the file's names come to the driver.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def read_list(path: str) -> list[tuple[int, str]]:
    """(line number, text) of each entry, comments and surrounding white space removed."""
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    entries = []
    for number, line in enumerate(content.split("\n"), start=1):
        text = line.split("#", 1)[0].strip()
        if text:
            entries.append((number, text))
    return entries


def normalize_handle(raw: str):
    """`Handle.normalize`: trimmed, leading `@`s dropped, lowercased; None when empty."""
    value = raw.strip().lstrip("@")
    return value.lower() if value else None


def _parsed(text: str):
    """(platform or None, normalized name or None, user id or None) of one entry."""
    platform = None
    name = text
    user_id = None
    colon = text.find(":")
    if colon >= 0 and not text.startswith("did:"):
        platform = text[:colon].strip().lower() or None
        name = text[colon + 1:]
    hash_at = name.rfind("#")
    if hash_at > 0:
        user_id = name[hash_at + 1:]
        name = name[:hash_at]
    return platform, normalize_handle(name), user_id


def resolve(path: str, nodes: DataFrame) -> tuple[list[int], list[str]]:
    """The seed nodes (sorted, distinct) and the entries that matched no graph account, as
    `path:line: text`. `nodes` has node, platform, handle, user_id."""
    entries = [(number, text, _parsed(text)) for number, text in read_list(path)]
    names = sorted({parsed[1] for _, _, parsed in entries if parsed[1] is not None})
    if not names:
        return [], [f"{path}:{number}: {text}" for number, text, _ in entries]
    candidates = (
        nodes.where(F.col("handle").isin(names) | F.lower(F.col("user_id")).isin(names))
        .select("node", "platform", "handle", "user_id").collect()
    )
    by_name: dict[str, list] = {}
    for row in sorted(candidates, key=lambda r: r["node"]):
        for name in {row["handle"], row["user_id"].lower() if row["user_id"] else None} - {None}:
            by_name.setdefault(name, []).append(row)
    seeds: set[int] = set()
    unknown = []
    for number, text, (platform, name, user_id) in entries:
        matches = by_name.get(name, []) if name is not None else []
        if platform is not None:
            matches = [row for row in matches if row["platform"] == platform]
        if user_id is not None:
            matches = [row for row in matches
                       if row["user_id"] is not None and row["user_id"].lower() == user_id.lower()]
        if not matches:
            unknown.append(f"{path}:{number}: {text}")
        seeds.update(row["node"] for row in matches)
    return sorted(seeds), unknown
