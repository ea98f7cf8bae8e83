"""Clout's ranking on Apache Spark.

`clout rank` ranks one machine's SQLite store; an agency with the firehose (billions of
interactions a year) needs the same ranking on a cluster it already runs. This package is
that ranking as a PySpark job: the same input formats, interaction rules, weighted PageRank,
reply statistics and score, written as `ranking.csv` with the columns of
`clout rank --format csv --top 0`, so the two can be compared field by field.

Modules, in the order the job uses them: `options` (the command line, times, durations,
calibration), `readers` (posts-csv, edges-csv, twitter-v1 in `twitter`, twitter-v2 in
`twitter_v2`, into one record shape), `interactions` (the interaction rules and account
identity), `seeds` (`--seed-accounts`), `pagerank`, `replies` (reply heights by pointer
doubling), `score` (the score and `ranking.csv`), `job` (wiring).
"""
