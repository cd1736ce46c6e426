#!/usr/bin/env bash
# Builds the benchmarks, runs DigestBenchmark with the settings for published figures and prints
# a Markdown table of Digest.of against its bare SHA-256 baselines. Run it on a quiet machine.
#
#   fleche-benchmarks/run-digest-benchmarks.sh [extra JMH arguments, e.g. a -prof]
#
# JMH's raw results go to fleche-benchmarks/target/jmh-digest.json, the table to stdout and to
# fleche-benchmarks/target/jmh-digest.md. JMH_SETTINGS replaces the run settings (JMH rejects an
# option given twice), e.g. for a smoke run:
#
#   JMH_SETTINGS="-f 1 -wi 1 -i 2 -w 1s -r 1s" fleche-benchmarks/run-digest-benchmarks.sh
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
settings="${JMH_SETTINGS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"

(cd "$module/.." && mvn -B -q -pl fleche-api,fleche-benchmarks -am package)

cd "$module"
# shellcheck disable=SC2086 # $settings is a list of options
java -jar target/benchmarks.jar 'io\.fleche\.benchmarks\.DigestBenchmark\.' \
  $settings -rf json -rff target/jmh-digest.json "$@"

python3 - target/jmh-digest.json <<'PY' | tee target/jmh-digest.md
"""Prints one Markdown row per (case, baseline) pair from JMH's JSON results."""
import os
import sys

from jmh_results import average, duration, load  # beside this script; run from its folder

# Bytes of array elements in the doubles64m case: DigestBenchmark.LargeArray.BYTES (64 MiB).
# Throughput is reported in GB/s, 10^9 bytes per second, which is bytes per nanosecond.
PAYLOAD_BYTES = {"doubles64m": 64 * 1024 * 1024}
LABELS = {
    "int": "`Integer`",
    "string16": "`String`, 16 ASCII chars",
    "bytes1k": "`byte[1024]`",
    "record5": "record, 5 components",
    "list1000": "`List` of 1,000 `Integer`",
    "map100": "`Map` of 100 `String` → `Integer`",
    "doubles64m": "`double[]`, 64 MiB",
}
runs, results = load(sys.argv[1])


first = runs[0]
print(
    f"JDK {first['jdkVersion']} ({first['vmName']}), {os.cpu_count()} CPUs, "
    f"{first['forks']} fork(s), warm-up {first['warmupIterations']} × {first['warmupTime']}, "
    f"measurement {first['measurementIterations']} × {first['measurementTime']}. "
    f"Times per operation; ± is JMH's 99.9% confidence interval; the ratio is of averages."
)
print()
print(
    "| case | Fleche avg | Fleche median | baseline | baseline avg | baseline median "
    "| Fleche ÷ baseline | GB/s Fleche / baseline |"
)
print("|---|---:|---:|---|---:|---:|---:|---:|")
for case, label in LABELS.items():
    fleche = results.get(f"{case}_fleche")
    if fleche is None:
        continue  # not selected in this run
    prefix = f"{case}_baseline_"
    for name in sorted(n for n in results if n.startswith(prefix)):
        baseline = results[name]
        payload = PAYLOAD_BYTES.get(case)
        rate = f"{payload / fleche[0]:.2f} / {payload / baseline[0]:.2f}" if payload else "—"
        print(
            f"| {label} | {average(fleche)} | {duration(fleche[2])} "
            f"| `{name[len(prefix):]}` | {average(baseline)} | {duration(baseline[2])} "
            f"| {fleche[0] / baseline[0]:.2f}× | {rate} |"
        )
PY
