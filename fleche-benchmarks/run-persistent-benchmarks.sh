#!/usr/bin/env bash
# Builds the agent and the benchmarks, runs PersistentBenchmark in JVMs started with
# -javaagent:fleche-agent/target/fleche.jar, with the settings for published figures, and prints
# a Markdown table of each Fleche case against its baselines, and one of the targets. Run it on a
# quiet machine; it takes about six minutes.
#
#   fleche-benchmarks/run-persistent-benchmarks.sh [extra JMH arguments, e.g. a -prof]
#
# The caches and raw stores are made under java.io.tmpdir (/tmp; Java ignores TMPDIR) and deleted
# at tear-down; to measure another disk, add: -jvmArgsAppend -Djava.io.tmpdir=/path/on/that/disk
# (PersistentBenchmark has no @Fork(jvmArgsAppend) that this would replace).
#
# JMH's raw results go to fleche-benchmarks/target/jmh-persistent.json, the tables to stdout and
# to fleche-benchmarks/target/jmh-persistent.md. JMH_SETTINGS replaces the run settings (JMH
# rejects an option given twice), e.g. for a smoke run:
#
#   JMH_SETTINGS="-f 1 -wi 1 -i 2 -w 1s -r 1s" fleche-benchmarks/run-persistent-benchmarks.sh
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$module/jmh-with-agent.sh" PersistentBenchmark "$module/target/jmh-persistent.json" "$@"

cd "$module"
python3 - target/jmh-persistent.json <<'PY' | tee target/jmh-persistent.md
"""Prints one Markdown row per (Fleche benchmark, baseline) pair, then the targets."""
import sys

from jmh_results import average, duration, load, pairs, settings  # beside this script

# Bytes of the large array's elements: PersistentBenchmark.LARGE_BYTES (64 MiB). Throughput is
# reported in MB/s, 10^6 bytes per second: bytes per nanosecond times 1,000.
LARGE_BYTES = 64 * 1024 * 1024
PAYLOAD_BYTES = {"largeSave": LARGE_BYTES, "largeLoad": LARGE_BYTES}
LABELS = {
    "diskHit": "hit, `mix(int, int)`, SQLite + files, 1,000 pairs",
    "frontHit": "hit, `mix(int, int)`, memory front over SQLite + files",
    "miss": "miss, `scramble(long)`, SQLite + files",
    "largeSave": "save, `double[]` of 64 MiB",
    "largeLoad": "load, `double[]` of 64 MiB",
}
runs, results = load(sys.argv[1])


def rate(case, ns):
    """MB/s of the case's payload in ns, or a dash for a case without one."""
    payload = PAYLOAD_BYTES.get(case)
    return f"{payload / ns * 1e3:,.0f}" if payload else "—"


print(
    f"{settings(runs)} Times per operation; ± is JMH's 99.9% confidence interval; the ratio and "
    f"the difference are of averages (for the miss against `direct`, the difference is the "
    f"overhead with the body subtracted); MB/s are of the medians."
)
print()
print(
    "| case | Fleche | median | avg | baseline | baseline median | baseline avg "
    "| ratio | difference | MB/s Fleche / baseline |"
)
print("|---|---|---:|---:|---|---:|---:|---:|---:|---:|")
for case, label in LABELS.items():
    for variant, fleche, kind, baseline in pairs(results, case):
        throughput = "—"
        if case in PAYLOAD_BYTES:
            throughput = f"{rate(case, fleche[2])} / {rate(case, baseline[2])}"
        print(
            f"| {label} | `{variant}` | {duration(fleche[2])} | {average(fleche)} "
            f"| `{kind}` | {duration(baseline[2])} | {average(baseline)} "
            f"| {fleche[0] / baseline[0]:.2f}× | {duration(fleche[0] - baseline[0])} "
            f"| {throughput} |"
        )

# (what the target bounds, measured value as text, met) for each target whose results are here
targets = []
for name, limit, what in [
    ("diskHit_fleche", 12e3, "median per hit on SQLite + files ≤ 12 µs"),
    ("frontHit_fleche", 1e3, "median per repeated hit through the memory front ≤ 1 µs"),
]:
    if name in results:
        median = results[name][2]
        targets.append((f"`{name}`: {what}", duration(median), median <= limit))
miss = results.get("miss_fleche"), results.get("miss_baseline_direct")
if all(miss):
    overhead = miss[0][2] - miss[1][2]
    targets.append(
        ("`miss_fleche` − `miss_baseline_direct` (medians) ≤ 200 µs", duration(overhead),
         overhead <= 200e3)
    )
for case, way in (("largeSave", "save"), ("largeLoad", "load")):
    name = f"{case}_fleche"
    if name in results:
        mb_per_s = PAYLOAD_BYTES[case] / results[name][2] * 1e3
        targets.append(
            (f"`{name}`: {way} of 64 MiB ≥ 500 MB/s (median)", f"{mb_per_s:,.0f} MB/s",
             mb_per_s >= 500)
        )
if targets:
    print()
    print("| target | measured | met |")
    print("|---|---:|---|")
    for what, measured, met in targets:
        print(f"| {what} | {measured} | {'yes' if met else 'no'} |")
PY
