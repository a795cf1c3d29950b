#!/usr/bin/env bash
# Event-log scan benchmark: `clusop scan --format json` side by side, in one interleaved run, with
#   - the floor: a one-thread simdjson On-Demand pass over every line (peers' simdjson_scan),
#   - Spark's ReplayListenerBus with a no-op listener, and NVIDIA spark-rapids-tools profiling,
# on the q88, emr, dbx and big logs (peak RSS from /usr/bin/time -v), then `--jobs 1` against
# `--jobs 2` on a folder of several logs. Figures for people, never asserted.
#
# Needs the peers' scratch area: bash ../shared/bench/peers/setup.sh, then copy the big log as
# ../shared/bench/peers/README.md says (cp ../shared/bench/big-eventlog/*.zstd "$PEER/big/").
#
# Usage: scripts/bench-eventlog.sh [INPUT...]      (default: q88 emr dbx big)
# Environment:
#   PEER        peers' scratch (default ~/.cache/clusop-peers)
#   REPS        repetitions, contenders interleaved in each (default 3)
#   CONTENDERS  default "simdjson clusop replay_noop rapids_prof"; "simdjson clusop" for the floor only
#   PARALLEL    0 skips the --jobs 1 / --jobs 2 part (default 1)
#   OUT         results folder (default $PEER/results/clusop-<timestamp>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers="$(cd "$repo/../shared/bench/peers" 2>/dev/null && pwd)" || { echo "bench-eventlog: ../shared/bench/peers is absent" >&2; exit 2; }
export PEER="${PEER:-$HOME/.cache/clusop-peers}"
export REPS="${REPS:-3}"
export OUT="${OUT:-$PEER/results/clusop-$(date +%Y%m%d-%H%M%S)}"
build="$repo/build/bench"
[ -x "$PEER/bin/simdjson_scan" ] || { echo "bench-eventlog: run bash $peers/setup.sh first (PEER=$PEER)" >&2; exit 2; }
ls "$PEER"/big/*.zstd > /dev/null 2>&1 || echo "bench-eventlog: no big log in $PEER/big (cp $repo/../shared/bench/big-eventlog/*.zstd $PEER/big/): skipped" >&2

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /dev/null
fi
ninja -C "$build" -j2 clusop > /dev/null
clusop="$build/clusop"

# 1. One application at a time: one thread, as the floor.
export CLUSOP_SCAN_CMD="$clusop scan --format json --jobs 1"
export CONTENDERS="${CONTENDERS:-simdjson clusop replay_noop rapids_prof}"
names=("$@")
[ $# -eq 0 ] && names=(q88 emr dbx big)
mkdir -p "$OUT"
bash "$peers/run_bench.sh" "${names[@]}" > "$OUT/run_bench.out"
# rapids-tools skips a Photon log on its default platform (onprem): q88 again with databricks-aws.
if [[ " ${names[*]} " == *" q88 "* && " $CONTENDERS " == *" rapids_prof "* ]]; then
  OUT="$OUT/q88-databricks" CONTENDERS="clusop rapids_prof_db" bash "$peers/run_bench.sh" q88 > "$OUT/run_bench.q88-databricks.out"
fi

# 2. Parallel over files: a folder of several logs, --jobs 1 against --jobs 2, interleaved.
if [ "${PARALLEL:-1}" != 0 ]; then
  multi="$PEER/in/multi"
  corpus="$repo/../shared/corpus/eventlogs"
  mkdir -p "$multi"
  for f in spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd \
           spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd \
           spark-rapids-tools/spark-events-profiling/nds_q66_cpu.zstd \
           spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd \
           spark-rapids-tools/spark-events-profiling/gpu_oom_eventlog.zstd \
           spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd; do
    cp -n "$corpus/$f" "$multi/"
  done
  cp -n "$PEER/in/emr/application_1640227485896_0002" "$multi/" 2>/dev/null || true
  echo "jobs,rep,rc,wall_s,user_s,sys_s,maxrss_kb,load1_before" > "$OUT/parallel.csv"
  for rep in $(seq 1 "$REPS"); do
    for jobs in 1 2; do
      load="$(cut -d' ' -f1 /proc/loadavg)"
      t0=$(date +%s%N)
      rc=0
      /usr/bin/time -v -o "$OUT/parallel.$jobs.$rep.time" "$clusop" scan --format json --jobs "$jobs" "$multi" > /dev/null 2>&1 || rc=$?
      t1=$(date +%s%N)
      u=$(awk -F': ' '/User time/ {print $2}' "$OUT/parallel.$jobs.$rep.time")
      s=$(awk -F': ' '/System time/ {print $2}' "$OUT/parallel.$jobs.$rep.time")
      m=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/parallel.$jobs.$rep.time")
      echo "$jobs,$rep,$rc,$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}'),$u,$s,$m,$load" >> "$OUT/parallel.csv"
    done
  done
  for f in "$multi"/*; do case "$(head -c 4 "$f" | xxd -p)" in 28b52ffd) zstd -dc "$f" ;; *) cat "$f" ;; esac; done | wc -c > "$OUT/bytes.parallel"
fi

# Medians per input and contender; ratios to the floor by wall and by CPU time (CPU time is
# steadier on a shared machine); how many times faster than each JVM peer.
python3 - "$OUT" <<'PY' | tee "$OUT/clusop-summary.md"
import csv, os, statistics, sys
out = sys.argv[1]
def load(path):
    return list(csv.DictReader(open(path))) if os.path.exists(path) else []
rows = load(os.path.join(out, "runs.csv"))
# q88 under rapids-tools' databricks platform: its own interleaved run, with its own clusop runs
rows_db = load(os.path.join(out, "q88-databricks", "runs.csv"))
def med(inp, c, key, among=None):
    vals = [float(r[key]) if key != "cpu" else float(r["user_s"]) + float(r["sys_s"])
            for r in (rows if among is None else among) if r["input"] == inp and r["contender"] == c and r["rc"] == "0"]
    return statistics.median(vals) if vals else None
def rss(inp, c):
    vals = [int(r["maxrss_kb"]) for r in rows + rows_db if r["input"] == inp and r["contender"] == c]
    return max(vals) / 1024 if vals else None
inputs = []
for r in rows:
    if r["input"] not in inputs: inputs.append(r["input"])
print("| input | JSON MB | floor s (CPU s) | clusop s (CPU s) | clusop / floor wall (CPU) | clusop MB/s | clusop peak RSS MB "
      "| ReplayListenerBus s (CPU s) | x faster (CPU) | rapids-tools profiling s (CPU s) | x faster (CPU) | rapids-tools RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for inp in inputs:
    nbytes = int(open(os.path.join(out, f"bytes.{inp}")).read().split()[0])
    fw, fc, cw, cc = med(inp, "simdjson", "wall_s"), med(inp, "simdjson", "cpu"), med(inp, "clusop", "wall_s"), med(inp, "clusop", "cpu")
    rw, rc = med(inp, "replay_noop", "wall_s"), med(inp, "replay_noop", "cpu")
    peer, among = ("rapids_prof_db", rows_db) if inp == "q88" and med(inp, "rapids_prof_db", "wall_s", rows_db) else ("rapids_prof", rows)
    pw, pc = med(inp, peer, "wall_s", among), med(inp, peer, "cpu", among)
    pcw, pcc = med(inp, "clusop", "wall_s", among), med(inp, "clusop", "cpu", among)
    f = lambda v, fmt="{:.2f}": "-" if v is None else fmt.format(v)
    ratio = "-" if not (fw and cw) else f"{cw / fw:.2f}x ({cc / max(fc, 0.01):.2f}x)"
    faster = lambda w, c, ow=cw, oc=cc: "-" if not (w and ow) else f"{w / ow:.0f}x ({c / max(oc, 0.01):.0f}x)"
    print(f"| {inp} | {nbytes / 1e6:.0f} | {f(fw)} ({f(fc)}) | {f(cw)} ({f(cc)}) | {ratio} | "
          f"{f(cw and nbytes / 1e6 / cw, '{:.0f}')} | {f(rss(inp, 'clusop'), '{:.0f}')} | {f(rw)} ({f(rc)}) | "
          f"{faster(rw, rc)} | {f(pw)} ({f(pc)}) | {faster(pw, pc, pcw, pcc)} | {f(rss(inp, peer), '{:.0f}')} |")
loads = [float(r["load1_before"]) for r in rows + rows_db]
print(f"\n{len(rows) + len(rows_db)} runs, interleaved round-robin; load average before each run: {min(loads):.1f} to {max(loads):.1f}")
par = load(os.path.join(out, "parallel.csv"))
if par:
    nbytes = int(open(os.path.join(out, "bytes.parallel")).read().split()[0])
    print("\n| folder of logs | JSON MB | median wall s | MB/s | CPU s | peak RSS MB |\n|---|---:|---:|---:|---:|---:|")
    walls = {}
    for jobs in ("1", "2"):
        rs = [r for r in par if r["jobs"] == jobs and r["rc"] == "0"]
        if not rs: continue
        w = statistics.median(float(r["wall_s"]) for r in rs)
        c = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rs)
        walls[jobs] = w
        print(f"| --jobs {jobs} | {nbytes / 1e6:.0f} | {w:.2f} | {nbytes / 1e6 / w:.0f} | {c:.2f} | {max(int(r['maxrss_kb']) for r in rs) / 1024:.0f} |")
    if len(walls) == 2: print(f"\n--jobs 2 is {walls['1'] / walls['2']:.2f}x --jobs 1 (2 cores, shared)")
PY
echo "results: $OUT"
