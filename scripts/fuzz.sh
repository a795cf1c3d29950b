#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz": clang-14, ASan + UBSan) and runs each one
# for N seconds. Exits non-zero if any target hits a crash, a leak, a sanitizer report, a
# timeout (> 10 s on one input) or the memory limit (4 GiB RSS).
#
#   scripts/fuzz.sh [seconds-per-target]          (default 30)
#
# Needs, on Debian 12:  apt-get install clang-14 libclang-rt-14-dev cmake ninja-build nlohmann-json3-dev
#   (clang-14 brings llvm-symbolizer-14 for readable stacks; libclang-rt-14-dev brings libFuzzer
#   and the sanitizer runtimes). The project's bootstrap script installs them.
#
# Environment:
#   FUZZ_TARGETS="fuzz_text_plan fuzz_json_plan fuzz_request"   run a subset
#   FUZZ_CORPUS_DIR=dir   keep the grown corpora in dir/<target> (default: a temporary dir)
#   FUZZ_SKIP_BUILD=1     reuse the existing build/fuzz
#   FUZZ_BUILD_DIR=dir    build and run in dir instead of build/fuzz (a build of one's own
#                         when several people share the checkout)
#
# Seeds are gathered at run time: fuzz/seeds/<kind>/ (hand-written) plus every plan under
# tests/golden/plans/; text and JSON seeds are also wrapped into requests for fuzz_request.
# A failing input is saved as build/fuzz/artifacts/<target>/{crash,leak,timeout,oom}-<sha1>;
# replay it with: build/fuzz/fuzz/<target> <file>. Full logs: build/fuzz/logs/<target>.log.
set -euo pipefail

seconds="${1:-30}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [seconds-per-target]" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# every fuzz/fuzz_*.cpp is a target
targets="${FUZZ_TARGETS:-$(cd fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//' | tr '\n' ' ')}"
build="${FUZZ_BUILD_DIR:-$root/build/fuzz}"

for tool in clang++-14 cmake ninja; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fuzz.sh: '$tool' not found; on Debian 12: apt-get install clang-14 libclang-rt-14-dev cmake ninja-build" >&2
    exit 2
  fi
done

# ---- build ----
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  cmake --preset fuzz -B "$build"
  cmake --build "$build"
fi

# ---- seeds ----
work="$(mktemp -d "${TMPDIR:-/tmp}/clusop-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# A file's bytes as one JSON string (Spark plans are text; other control bytes are dropped).
json_string() {
  printf '"'
  tr -d '\000-\010\013\014\016-\037' <"$1" |
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' |
    awk '{ printf "%s\\n", $0 }'
  printf '"'
}

seed_dir() { echo "$work/seeds/$1"; }
mkdir -p "$(seed_dir fuzz_text_plan)" "$(seed_dir fuzz_json_plan)" "$(seed_dir fuzz_request)"

copy_seeds() {  # copy_seeds <target> <files...>
  local target="$1" file name
  shift
  for file in "$@"; do
    [ -f "$file" ] || continue
    name="$(echo "${file#"$root"/}" | tr '/' '_')"
    cp "$file" "$(seed_dir "$target")/$name"
  done
}

mapfile -t golden_text < <(find "$root/tests/golden/plans" -type f -name '*.txt' 2>/dev/null | sort)
mapfile -t golden_json < <(find "$root/tests/golden/plans" -type f -name '*.json' 2>/dev/null | sort)
copy_seeds fuzz_text_plan "$root"/fuzz/seeds/text/* "${golden_text[@]}"
copy_seeds fuzz_json_plan "$root"/fuzz/seeds/json/* "${golden_json[@]}"
copy_seeds fuzz_request "$root"/fuzz/seeds/request/*
# other targets: seeds from fuzz/seeds/<target name without "fuzz_">/ when that folder exists
for target in $targets; do
  mkdir -p "$(seed_dir "$target")"
  if [ -d "$root/fuzz/seeds/${target#fuzz_}" ]; then
    copy_seeds "$target" "$root/fuzz/seeds/${target#fuzz_}"/*
  fi
done

wrap_seed() {  # wrap_seed <plan file> <extra request fields, may be empty>
  local out
  out="$(seed_dir fuzz_request)/wrapped_$(basename "$1")${3:-}"
  { printf '{"plan":'; json_string "$1"; [ -n "$2" ] && printf ',%s' "$2"; printf '}'; } >"$out"
}
for file in "$(seed_dir fuzz_text_plan)"/* "$(seed_dir fuzz_json_plan)"/*; do
  wrap_seed "$file" ""
done
# one request carrying the whole embedded price table and a full cluster
if [ -f "$root/pricing/price_table.json" ] && [ -f "$root/fuzz/seeds/text/photon_explanation.txt" ]; then
  wrap_seed "$root/fuzz/seeds/text/photon_explanation.txt" \
    "\"cluster\":{\"cloud\":\"aws\",\"sku\":\"jobs\",\"tier\":\"premium\",\"node_type\":\"i3.xlarge\",\"workers\":4,\"runtime_seconds\":900,\"runs_per_day\":6},\"price_table\":$(tr -d '\n' <"$root/pricing/price_table.json")" \
    "_with_price_table"
fi

# ---- run ----
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
mkdir -p "$build/logs"

failed=()
summary=()
for target in $targets; do
  binary="$build/fuzz/$target"
  if [ ! -x "$binary" ]; then
    echo "fuzz.sh: $binary was not built" >&2
    failed+=("$target (not built)")
    continue
  fi
  corpus="${FUZZ_CORPUS_DIR:+$FUZZ_CORPUS_DIR/$target}"
  corpus="${corpus:-$work/corpus/$target}"
  artifacts="$build/artifacts/$target"
  log="$build/logs/$target.log"
  mkdir -p "$corpus" "$artifacts"
  echo "== $target: ${seconds}s, $(ls "$(seed_dir "$target")" | wc -l) seeds, log $log"
  status=0
  dict=()  # a target's dictionary is optional
  [ -s "$root/fuzz/$target.dict" ] && dict=(-dict="$root/fuzz/$target.dict")
  "$binary" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 \
    "${dict[@]}" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" "$(seed_dir "$target")" >"$log" 2>&1 || status=$?

  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
  findings="$(grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|clusop fuzz invariant broken|SUMMARY: ' "$log" | head -5 || true)"
  if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
    failed+=("$target")
    summary+=("$(printf '%-16s FAILED (exit %s) after %s execs' "$target" "$status" "${execs:-?}")")
    echo "---- $target failed; last lines of $log:"
    tail -n 60 "$log"
    echo "---- artifacts in $artifacts:"
    ls -1 "$artifacts"
  else
    summary+=("$(printf '%-16s ok  %10s execs in %ss, corpus %s files' "$target" "${execs:-?}" "${took:-$seconds}" "$(ls "$corpus" | wc -l)")")
  fi
done

echo
echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all targets clean"
