"""Compares a Spark `ranking.csv` with `clout rank --format csv --top 0`, field by field.

Why not `cmp`: the two compute PageRank and the score with different math libraries
(Java's StrictMath against glibc), so the last bits may differ. The contract is: the same
columns and header, the same accounts in the same order with the same ranks, PageRank and
score within 1e-9 (compared as printed, 10 and 6 decimals, plus one unit in the last printed
place where rounding straddles), reply metrics and counts exact, names and ids exact.
Exits 1 naming every difference (the first 20), so a failing parity test says what broke.

    python3 spark/compare.py EXPECTED.csv ACTUAL.csv
"""

import csv
import sys

TOLERANCE = {"pagerank": 1e-9 + 1e-10, "score": 1e-9 + 1e-6}
# Printed with 6 decimals, a score within 1e-9 may still print one unit of the 6th decimal
# apart when the true value sits on a rounding edge; the printed difference is then 1e-6.


def main(expected_path: str, actual_path: str) -> int:
    with open(expected_path, newline="", encoding="utf-8") as f:
        expected = list(csv.reader(f))
    with open(actual_path, newline="", encoding="utf-8") as f:
        actual = list(csv.reader(f))
    problems = []
    if expected[:1] != actual[:1]:
        problems.append(f"header differs: {expected[:1]} vs {actual[:1]}")
    if len(expected) != len(actual):
        problems.append(f"{len(expected) - 1} rows expected, {len(actual) - 1} written")
    header = expected[0]
    near_edges = 0
    for line, (want, got) in enumerate(zip(expected[1:], actual[1:]), start=2):
        for column, a, b in zip(header, want, got):
            if column in TOLERANCE:
                difference = abs(float(a) - float(b))
                if difference > TOLERANCE[column]:
                    problems.append(f"line {line} {column}: {a} expected, {b} written ({want[1]})")
                elif difference > 0:
                    near_edges += 1
            elif a != b:
                problems.append(f"line {line} {column}: {a!r} expected, {b!r} written ({want[1]})")
    if problems:
        print(f"PARITY FAILED: {len(problems)} difference(s)", file=sys.stderr)
        for problem in problems[:20]:
            print("  " + problem, file=sys.stderr)
        return 1
    print(f"parity: {len(expected) - 1} rows match ({near_edges} last-digit rounding differences)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
