#!/usr/bin/env bash
# Builds the JMH benchmarks jar and measures placement decisions per second on one core.
# Usage: benchmarks/run-placement.sh [extra JMH options, e.g. -p constraint=none]
# Results: benchmarks/results/placement-<timestamp>.json (raw JMH JSON) and .txt (console log).
set -euo pipefail

cd "$(dirname "$0")/.."
# the scheduler's classes and the benchmark uber-jar (common comes from the reactor when -am is given)
./mvnw -q -pl benchmarks -am package -DskipTests

mkdir -p benchmarks/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
json="benchmarks/results/placement-${stamp}.json"
log="benchmarks/results/placement-${stamp}.txt"

# one core: the JVM and the benchmark thread stay on CPU ${BENCH_CPU:-1} when taskset exists
pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c "${BENCH_CPU:-1}")
fi

# BENCH_ISOLATE=1 (root): every other process moves off the benchmark's CPU for the run and back
# afterwards, so that the core is the benchmark's alone (how docs/benchmarks.md's figures were taken)
move_others() {
  local cpus=$1 proc
  for proc in /proc/[0-9]*; do
    [[ ${proc#/proc/} != "$$" ]] || continue
    taskset -a -p -c "$cpus" "${proc#/proc/}" >/dev/null 2>&1 || true
  done
}
if [[ ${BENCH_ISOLATE:-0} == 1 && ${#pin[@]} -gt 0 ]]; then
  others=$(awk -v cpu="${BENCH_CPU:-1}" '/^processor/ && $3 != cpu {printf "%s%s", sep, $3; sep=","}' /proc/cpuinfo)
  all=$(awk '/^processor/ {printf "%s%s", sep, $3; sep=","}' /proc/cpuinfo)
  trap 'move_others "$all"' EXIT
  move_others "$others"
fi

# pinned options: 2 forks x (5 warm-ups + 5 measurements of 2 s), one thread, fixed heap and GC
"${pin[@]}" java -jar benchmarks/target/benchmarks.jar 'PlacementBenchmark' \
  -f 2 -wi 5 -w 2s -i 5 -r 2s -t 1 \
  -jvmArgs '-Xms1g -Xmx1g -XX:+UseSerialGC' \
  -rf json -rff "$json" "$@" | tee "$log"

echo "results: $json"
