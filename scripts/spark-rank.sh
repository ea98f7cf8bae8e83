#!/usr/bin/env bash
# Clout's ranking on Apache Spark (spark/, PySpark): writes DIR/ranking.csv with the columns of
# `clout rank --format csv --top 0`.
#
#   scripts/spark-rank.sh rank --input PATH... --format posts-csv|edges-csv|twitter-v1|twitter-v2 \
#     --out DIR [--master local[2]|URL] [clout rank's ranking options] [--calibration FILE]
#   scripts/spark-rank.sh batch FILE   # one `rank ...` command line per line, one Spark session
#
# First use creates the virtual environment .venv-spark/ (PySpark pinned in
# spark/pyproject.toml, from PyPI) and installs Java from Debian's default-jre-headless when
# no `java` is on PATH. Local mode with two cores unless --master names a cluster.
# SPARK_RANK_VENV=DIR puts the environment elsewhere; SPARK_DRIVER_MEMORY sets local memory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${SPARK_RANK_VENV:-$root/.venv-spark}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v java > /dev/null 2>&1; then
  echo "spark-rank: installing Java (default-jre-headless)" >&2
  as_root apt-get update -qq > /dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless > /dev/null
fi
if ! "$venv/bin/python" -c 'import pyspark' > /dev/null 2>&1; then
  if ! python3 -m venv --help > /dev/null 2>&1 || ! python3 -c 'import ensurepip' > /dev/null 2>&1; then
    as_root apt-get update -qq > /dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv > /dev/null
  fi
  echo "spark-rank: creating $venv (PySpark from PyPI)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip > /dev/null
  "$venv/bin/pip" install -q -e "$root/spark" > /dev/null
fi
export PYSPARK_PYTHON="$venv/bin/python"
export PYTHONPATH="$root/spark${PYTHONPATH:+:$PYTHONPATH}"
exec "$venv/bin/python" -m clout_spark "$@"
