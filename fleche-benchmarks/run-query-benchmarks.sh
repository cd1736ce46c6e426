#!/usr/bin/env bash
# Builds the benchmarks, runs QueryBenchmark (queries and hits on a SQLite call storage of 10,000,
# 100,000 and 1,000,000 calls) with the settings for published figures, and prints a Markdown
# table per size and the targets of the cache-tools issue. Run it on a quiet machine.
#
#   fleche-benchmarks/run-query-benchmarks.sh [extra JMH arguments, e.g. -p calls=10000]
#
# The databases are built on first use under fleche-benchmarks/target/query-scale (the
# 1,000,000-call one takes minutes and about 700 MB) and reused by later runs. JMH's raw results
# go to fleche-benchmarks/target/jmh-query.json, the table to stdout and to
# fleche-benchmarks/target/jmh-query.md. JMH_SETTINGS replaces the run settings (JMH rejects an
# option given twice), e.g. for a smoke run:
#
#   JMH_SETTINGS="-f 1 -wi 1 -i 2 -w 1s -r 1s" fleche-benchmarks/run-query-benchmarks.sh
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
settings="${JMH_SETTINGS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"

(cd "$module/.." && mvn -B -q -pl fleche-storage,fleche-benchmarks -am -DskipTests package)

cd "$module"
# shellcheck disable=SC2086 # $settings is a list of options
java -jar target/benchmarks.jar 'io\.fleche\.benchmarks\.QueryBenchmark\.' \
  $settings -rf json -rff target/jmh-query.json "$@"

python3 - target/jmh-query.json <<'PY' | tee target/jmh-query.md
"""Prints a Markdown row per benchmark, a column per database size, then the targets."""
import sys

from jmh_results import average, duration, load_by_param, settings  # beside this script

LABELS = {
    "queryByArgument": "query by one argument value (10 calls found)",
    "queryByTag": "query by metadata tag `tags.project = alpha` (1% of the calls found)",
    "countByName": "`count()` of one function's calls (10% of the calls)",
    "hit": "hit: `Cache.load` of one call by key",
}
runs, results = load_by_param(sys.argv[1], "calls")
sizes = sorted({size for _, size in results}, key=int)


print(
    f"{settings(runs)} Median time per operation, then average ± JMH's 99.9% confidence "
    f"interval."
)
print()
print("| benchmark | " + " | ".join(f"{int(s):,} calls" for s in sizes) + " |")
print("|---|" + "---:|" * len(sizes))
for name, label in LABELS.items():
    cells = [results.get((name, s)) for s in sizes]
    if any(cells):
        print(
            f"| {label} | "
            + " | ".join(f"{duration(c[2])} ({average(c)})" if c else "—" for c in cells)
            + " |"
        )

argument = results.get(("queryByArgument", "1000000"))
hits = results.get(("hit", "10000")), results.get(("hit", "1000000"))
if argument or all(hits):
    print()
    print("| target | measured | met |")
    print("|---|---:|---|")
    if argument:
        met = "yes" if argument[2] <= 10e6 else "no"
        print(f"| query by argument at 1,000,000 calls ≤ 10 ms (median) | {duration(argument[2])} | {met} |")
    if all(hits):
        ratio = hits[1][2] / hits[0][2]
        met = "yes" if ratio <= 2 else "no"
        print(f"| hit at 1,000,000 calls within 2× of 10,000 (medians) | {ratio:.2f}× | {met} |")
PY
