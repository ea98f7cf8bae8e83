"""`python -m clout_spark rank ...`: the same as `scripts/spark-rank.sh rank ...`."""

import sys

from clout_spark.job import main

sys.exit(main())
