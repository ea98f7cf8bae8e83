"""The command line of `scripts/spark-rank.sh rank`, parsed once into typed values.

The job must rank with exactly the options `clout rank` takes, so the spellings here follow
Clout's own parsers (`UserTime`, `ArgumentSyntax.duration`, `--weights`): a value that
`clout rank` reads one way must not mean something else here. Only what the ranking needs is
parsed; I/O options (`--input`, `--format`, `--out`, `--master`) are the job's own.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Optional

# Interaction types by precedence (InteractionType.precedence): the lower wins for one post
# and target.
TYPES = ["reply", "quote", "repost", "mention"]
DEFAULT_TYPE_WEIGHTS = {"reply": 1.0, "quote": 0.8, "repost": 0.6, "mention": 0.4}
MAXIMUM_WEIGHT = 1e12

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_timestamp(text: str) -> Optional[int]:
    """Unix seconds of an ISO 8601 time (no zone = UTC; fractions dropped) or of unix seconds
    (`1790000000`, `1790000000.25`), as Clout's TimestampParser reads them; None otherwise."""
    text = text.strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        match = _ISO.match(text)
        if not match:
            return None
        year, month, day, hour, minute, second, zone = match.groups()
        seconds = calendar.timegm(
            (int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        )
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = int(digits[:2]) * 3600 + (int(digits[2:4]) * 60 if len(digits) > 2 else 0)
            seconds -= sign * offset
        return seconds
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value // 1)


def user_time(text: str) -> tuple[int, int]:
    """The first and last second `text` names, by `clout`'s rules for --since, --until and
    --as-of: a year or month covers all of it, a bare date its whole day, `@N` is unix
    seconds, and any other bare number is refused."""
    trimmed = text.strip()
    if trimmed.startswith("@"):
        seconds = int(trimmed[1:])
        return seconds, seconds
    if len(trimmed) == 4 and trimmed.isdigit() and int(trimmed) >= 1:
        year = int(trimmed)
        return (calendar.timegm((year, 1, 1, 0, 0, 0)), calendar.timegm((year + 1, 1, 1, 0, 0, 0)) - 1)
    if len(trimmed) == 7 and trimmed[4] == "-" and trimmed[:4].isdigit() and trimmed[5:].isdigit():
        year, month = int(trimmed[:4]), int(trimmed[5:])
        if 1 <= month <= 12:
            following = (year + 1, 1) if month == 12 else (year, month + 1)
            return (
                calendar.timegm((year, month, 1, 0, 0, 0)),
                calendar.timegm((following[0], following[1], 1, 0, 0, 0)) - 1,
            )
    date_only = len(trimmed) == 10 and trimmed.count("-") == 2
    if trimmed and re.fullmatch(r"[0-9.\-]+", trimmed) and not date_only:
        raise argparse.ArgumentTypeError(
            f"'{text}' is a bare number; write unix seconds as @{text}, or use a year (2017),"
            " a month (2017-10) or an ISO date such as 2026-10-01."
        )
    first = parse_timestamp(trimmed)
    if first is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a time; use a year (2017), a month (2017-10), an ISO date such as"
            " 2026-10-01 or 2026-10-01T12:00:00Z, or unix seconds as @1700000000."
        )
    return first, first + 86_399 if date_only else first


_UNITS = {"s": 1.0, "m": 60.0, "h": 3_600.0, "d": 86_400.0, "w": 7 * 86_400.0}


def duration(text: str) -> Optional[float]:
    """Seconds of `30d`, `12h`, `1.5w`…, or None for `none` (no decay)."""
    trimmed = text.strip().lower()
    if trimmed == "none":
        return None
    try:
        amount = float(trimmed[:-1])
        unit = _UNITS[trimmed[-1]]
    except (ValueError, KeyError, IndexError):
        raise argparse.ArgumentTypeError(
            "half-life must be a positive number with a unit s, m, h, d or w (e.g. 30d, 12h)"
            f" or 'none', not '{text}'"
        )
    if not (amount > 0 and amount != float("inf")):
        raise argparse.ArgumentTypeError(f"half-life must be positive, not '{text}'")
    return amount * unit


def type_weights(text: str) -> dict[str, float]:
    """`reply=1,mention=0.2`: the types named override the defaults."""
    weights: dict[str, float] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep:
            raise argparse.ArgumentTypeError(f"expected TYPE=WEIGHT (e.g. reply=1,quote=0.8), not '{item}'")
        if name not in TYPES:
            raise argparse.ArgumentTypeError(
                f"unknown interaction type '{name}'; expected one of {', '.join(TYPES)}"
            )
        if name in weights:
            raise argparse.ArgumentTypeError(f"interaction type '{name}' is given more than once")
        weight = float(value)
        if not (0 <= weight <= MAXIMUM_WEIGHT):
            raise argparse.ArgumentTypeError(f"weight for '{name}' must be a number from 0 to 1e12")
        weights[name] = weight
    return weights


@dataclass
class Calibration:
    """What the score needs from `clout calibrate --format json`: the half-life (None = no
    decay), the part weights (pagerank, reach, engagement, activity, outreach, freshness;
    sum 1) and whether the activity parts have a half-life of their own."""

    half_life: Optional[float]
    weights: list[float]
    activity_half_life: Optional[float] = None
    has_activity_half_life: bool = False


# The floor `clout calibrate` requires (Calibrator.minimumFolds, minimumEngaged, minimumRankable):
# `clout rank` does not apply a saved calibration below it, so neither does this job.
MINIMUM_FOLDS = 2


def below_floor(calibration: dict) -> Optional[str]:
    """Why a calibration falls below the floor, or None: `Calibration.belowFloor` in Swift."""
    folds = calibration.get("folds") or []
    k = int(calibration.get("k", 50))
    fewest = min((int(f.get("engaged", 0)) for f in folds), default=0)
    needed = min(k, 20)
    fold_text = "1 fold" if len(folds) == 1 else f"{len(folds)} folds"
    if len(folds) < MINIMUM_FOLDS or fewest < needed:
        return (f"was validated on {fold_text} with as few as {fewest} engaged accounts, below "
                f"the {MINIMUM_FOLDS} folds of {needed} that clout calibrate now requires")
    known = [int(f["rankableEngaged"]) for f in folds if f.get("rankableEngaged") is not None]
    needed_known = min(k, 10)
    if known and min(known) < needed_known:
        return (f"was validated on {fold_text} with as few as {min(known)} engaged accounts that "
                f"the data before them knew, below the {needed_known} that clout calibrate now "
                "requires")
    return None


def read_calibration(path: str) -> Optional[Calibration]:
    """Reads the JSON `clout calibrate --format json` prints (`Calibration`'s Codable form:
    `halfLife` in seconds, absent for no decay; `weights.values` in ScorePart order); None, with
    a warning, for one below the floor, as `clout rank` treats a saved one."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    calibration = document.get("calibration", document)
    if "folds" in calibration:
        why = below_floor(calibration)
        if why is not None:
            version = calibration.get("cloutVersion", "?")
            print(f"warning: the calibration in {path} (Clout {version}) {why}; the uncalibrated "
                  "default is used instead; re-run: clout calibrate", file=sys.stderr)
            return None
    half_life = calibration.get("half_life_seconds", calibration.get("halfLife"))
    weights = calibration["weights"]
    if isinstance(weights, dict) and "values" in weights:
        weights = weights["values"]  # ScoreWeights' Codable form: parts in ScorePart order
    elif isinstance(weights, dict):
        weights = [float(weights.get(part, 0)) for part in
                   ("pagerank", "reach", "engagement", "activity", "outreach", "freshness")]
    weights = [float(w) for w in weights] + [0.0] * (6 - len(weights))
    activity = calibration.get("activity")
    activity_half_life = None
    if isinstance(activity, dict) and activity.get("halfLife") is not None:
        activity_half_life = float(activity["halfLife"])
    return Calibration(half_life=None if half_life is None else float(half_life), weights=weights,
                       activity_half_life=activity_half_life,
                       has_activity_half_life=isinstance(activity, dict))


@dataclass
class RankOptions:
    """Everything one ranking run needs, parsed."""

    inputs: list[str]
    format: str
    out: str
    master: str = "local[2]"
    since: Optional[int] = None
    until: Optional[int] = None
    platform: Optional[str] = None
    type_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TYPE_WEIGHTS))
    explicit_type_weights: bool = False
    half_life_given: bool = False
    half_life: Optional[float] = None
    as_of: Optional[int] = None
    damping: float = 0.85
    tolerance: float = 1e-10
    max_iterations: int = 200
    depth_weight: Optional[float] = None
    calibration: Optional[Calibration] = None
    partitions: int = 8
    checkpoint_every: int = 5
    pagerank: str = "auto"
    checkpoint_dir: Optional[str] = None
    verbose: bool = False
    seed_accounts: Optional[str] = None
    include_seeds: bool = False
    no_coordination_check: bool = False


FORMATS = ["posts-csv", "edges-csv", "twitter-v1", "twitter-v2"]


def parse(argv: list[str]) -> RankOptions:
    """Parses `rank --input PATH... --format FMT --out DIR [ranking options]`."""
    parser = argparse.ArgumentParser(
        prog="spark-rank.sh",
        description="Clout's ranking on Apache Spark: writes DIR/ranking.csv with the columns "
        "of `clout rank --format csv --top 0`.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    rank = commands.add_parser("rank", help="rank accounts by the engagement they cause")
    rank.add_argument("--input", nargs="+", required=True, action="extend", metavar="PATH",
                      help="input files (any Spark-readable path: local, hdfs://, s3a://)")
    rank.add_argument("--format", required=True, choices=FORMATS)
    rank.add_argument("--out", required=True, metavar="DIR")
    rank.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    rank.add_argument("--since", type=user_time)
    rank.add_argument("--until", type=user_time)
    rank.add_argument("--platform")
    rank.add_argument("--weights", type=type_weights)
    rank.add_argument("--half-life", type=duration, default=argparse.SUPPRESS)
    rank.add_argument("--calibration", metavar="FILE|none",
                      help="`clout calibrate --format json` output; 'none' or absent: uncalibrated")
    rank.add_argument("--as-of", type=user_time)
    rank.add_argument("--damping", type=float, default=0.85)
    rank.add_argument("--tolerance", type=float, default=1e-10)
    rank.add_argument("--depth-weight", type=float)
    rank.add_argument("--seed-accounts", metavar="FILE",
                      help="accounts (one handle or platform:handle per line) that personalize "
                      "PageRank, as in clout rank")
    rank.add_argument("--include-seeds", action="store_true",
                      help="with --seed-accounts, list the seed accounts too")
    rank.add_argument("--no-coordination-check", action="store_true",
                      help="accepted for clout rank's command lines: the job never runs the "
                      "coordination check (docs/scale.md)")
    rank.add_argument("--partitions", type=int, default=8,
                      help="shuffle partitions (default 8; a cluster wants 2-4 per core)")
    rank.add_argument("--checkpoint-every", type=int, default=5,
                      help="checkpoint PageRank and pointer doubling every N iterations")
    rank.add_argument("--checkpoint-dir", help="default: DIR/.checkpoints (removed at the end)")
    rank.add_argument("--pagerank", choices=("auto", "driver", "joins"), default="auto",
                      help="how PageRank iterates: the rank vector on the driver (up to 4M "
                      "accounts), iterated DataFrame joins (any size), or auto (by the "
                      "account count; default)")
    rank.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    if not (0 <= args.damping < 1):
        parser.error(f"--damping must be in [0, 1) (0.85 is usual), not {args.damping}")
    if not (args.tolerance > 0 and args.tolerance != float("inf")):
        parser.error(f"--tolerance must be a finite number > 0 (e.g. 1e-10), not {args.tolerance}")
    if args.depth_weight is not None and not (0 <= args.depth_weight <= 1):
        parser.error("--depth-weight must be between 0 and 1")
    since = args.since[0] if args.since else None
    until = args.until[1] if args.until else None
    if since is not None and until is not None and since > until:
        parser.error("--since is after --until; the window would be empty.")
    weights = dict(DEFAULT_TYPE_WEIGHTS)
    weights.update(args.weights or {})
    calibration = None
    if args.calibration and args.calibration != "none":
        calibration = read_calibration(args.calibration)
    half_life_given = hasattr(args, "half_life")
    platform = args.platform.strip().lower() if args.platform else None
    return RankOptions(
        inputs=args.input, format=args.format, out=args.out, master=args.master,
        since=since, until=until, platform=platform or None, type_weights=weights,
        explicit_type_weights=args.weights is not None, half_life_given=half_life_given,
        half_life=args.half_life if half_life_given else None,
        as_of=args.as_of[0] if args.as_of else None, damping=args.damping,
        tolerance=args.tolerance, depth_weight=args.depth_weight, calibration=calibration,
        partitions=args.partitions, checkpoint_every=max(1, args.checkpoint_every),
        pagerank=args.pagerank, checkpoint_dir=args.checkpoint_dir, verbose=args.verbose,
        seed_accounts=args.seed_accounts, include_seeds=args.include_seeds,
        no_coordination_check=args.no_coordination_check,
    )
