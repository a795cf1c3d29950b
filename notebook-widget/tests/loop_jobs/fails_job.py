"""A job that fails before Spark starts (its input is missing). Usage: python fails_job.py OUTPUT_DIR"""

import sys

raise SystemExit(f"fails_job: no input for {sys.argv[1]}")
