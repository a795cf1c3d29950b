#!/usr/bin/env bash
# Builds build/bench (Release, no tests) and runs clusop_bench, then prints for every plan the
# ratio of analysis time to the memchr newline scan of the same bytes (medians, CPU time).
# The goals (issue 8), reported, never asserted: on the largest text plans the analysis within
# 25x of memchr and the entry point within 40x; q14a through the entry point under 1 ms.
#
# Usage: scripts/bench.sh [extra Google Benchmark flags, e.g. --benchmark_filter=q14a]
# Environment:
#   CLUSOP_CORPUS     corpus directory (default: <repo>/../shared/corpus, compiled in)
#   BENCH_MIN_TIME    seconds per repetition (default 0.5; Google Benchmark 1.7.1 takes a
#                     bare number of seconds, 1.8+ also accepts it)
#   BENCH_REPETITIONS repetitions per benchmark (default 5)
#   BENCH_OUT         JSON results file (default build/bench/bench_results.json)
#   BENCH_BUILD       build directory to use instead of build/bench (one's own, on a shared
#                     checkout; configured as above if it is not configured yet)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BENCH_BUILD:-$repo/build/bench}"
min_time="${BENCH_MIN_TIME:-0.5}"
repetitions="${BENCH_REPETITIONS:-5}"
out="${BENCH_OUT:-$build/bench_results.json}"

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$repo" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCLUSOP_BUILD_TESTS=OFF -DCLUSOP_BUILD_BENCHMARKS=ON >/dev/null
fi
cmake --build "$build" --target clusop_bench

"$build/clusop_bench" \
  --benchmark_repetitions="$repetitions" \
  --benchmark_report_aggregates_only=true \
  --benchmark_min_time="$min_time" \
  --benchmark_out="$out" \
  --benchmark_out_format=json \
  "$@"

echo
echo "Ratios from $out (median CPU time; goals: Analyze <= 25x, entry (ToJson) <= 40x of memchr):"
python3 - "$out" <<'PY'
import json
import sys

with open(sys.argv[1]) as f:
    report = json.load(f)

median = {}   # (benchmark, plan) -> entry
errors = {}   # plan -> message
plans = []    # in run order
for b in report.get("benchmarks", []):
    bench, _, plan = b.get("run_name", b["name"]).partition("/")
    if plan not in plans:
        plans.append(plan)
    if b.get("error_occurred"):
        errors[plan] = b.get("error_message", "error")
        continue
    # Without repetitions there are no aggregates: take the single run.
    if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
        continue
    median[(bench, plan)] = b

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}

def seconds(e):
    return e["cpu_time"] * UNIT[e.get("time_unit", "ns")]

def human(v, suffix=""):
    for unit in ("", "k", "M", "G"):
        if abs(v) < 1000 or unit == "G":
            return f"{v:.1f}{unit}{suffix}"
        v /= 1000.0

def field(e, key, suffix=""):
    return human(e[key], suffix) if e and key in e else "-"

def ratio(e, m, goal):
    if not e or not m:
        return "-"
    r = seconds(e) / seconds(m)
    return f"{r:.1f}x" + ("" if r <= goal else f" (>{goal}x)")

print(f"{'plan':26} {'Analyze B/s':>12} {'nodes/s':>9} {'ToJson B/s':>11} {'nodes/s':>9}"
      f" {'memchr B/s':>11} {'Analyze/memchr':>15} {'ToJson/memchr':>15} {'entry time':>11}")
for plan in plans:
    a = median.get(("BM_Analyze", plan))
    j = median.get(("BM_AnalyzeToJson", plan))
    m = median.get(("BM_MemchrNewlines", plan))
    if not (a or j or m):
        print(f"{plan:26} skipped: {errors.get(plan, 'no results')}")
        continue
    print(f"{plan:26} {field(a, 'bytes_per_second', 'B/s'):>12} {field(a, 'nodes/s'):>9}"
          f" {field(j, 'bytes_per_second', 'B/s'):>11} {field(j, 'nodes/s'):>9}"
          f" {field(m, 'bytes_per_second', 'B/s'):>11} {ratio(a, m, 25):>15} {ratio(j, m, 40):>15}"
          f" {(f'{seconds(j) * 1e6:,.0f} us' if j else '-'):>11}")
PY
