#!/usr/bin/env bash
# Builds the agent and the benchmarks, runs AgentBenchmark in JVMs started with
# -javaagent:fleche-agent/target/fleche.jar, with the settings for published figures, and prints
# a Markdown table of each Fleche case against its baselines. Run it on a quiet machine.
#
#   fleche-benchmarks/run-agent-benchmarks.sh [extra JMH arguments, e.g. a -prof]
#
# JMH's raw results go to fleche-benchmarks/target/jmh-agent.json, the table to stdout and to
# fleche-benchmarks/target/jmh-agent.md. JMH_SETTINGS replaces the run settings (JMH rejects an
# option given twice), e.g. for a smoke run:
#
#   JMH_SETTINGS="-f 1 -wi 1 -i 2 -w 1s -r 1s" fleche-benchmarks/run-agent-benchmarks.sh
#
# The agent is passed with -jvmArgsPrepend: do not add -jvmArgsAppend, it would replace the
# @Fork(jvmArgsAppend) that hit_fleche_digestPath needs (its set-up then fails).
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$module")"
settings="${JMH_SETTINGS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"
agent="$root/fleche-agent/target/fleche.jar"
case "$agent" in
  *' '*) echo "JMH splits -jvmArgsPrepend at spaces: move the checkout to a path without" >&2
         echo "spaces ($agent)" >&2
         exit 1 ;;
esac

(cd "$root" && mvn -B -q -pl fleche-agent,fleche-benchmarks -am -DskipTests package)

cd "$module"
# shellcheck disable=SC2086 # $settings is a list of options
# -foe: a failed set-up check (no agent, wrong -Dfleche.rememberKeys) stops the run
java -jar target/benchmarks.jar 'io\.fleche\.benchmarks\.AgentBenchmark\.' \
  -jvmArgsPrepend "-javaagent:$agent" -foe true \
  $settings -rf json -rff target/jmh-agent.json "$@"

python3 - target/jmh-agent.json <<'PY' | tee target/jmh-agent.md
"""Prints one Markdown row per (Fleche benchmark, baseline) pair from JMH's JSON results."""
import os
import sys

from jmh_results import average, duration, load  # beside this script; run from its folder

LABELS = {
    "hit": "hit, `f(int, String)`, 1,000 pairs",
    "arrayHit": "hit, `double[10_000]`, 16 arrays",
    "miss": "miss, `scramble(long)`",
}
# (benchmark, target in ns or None, what the target bounds)
TARGETS = [
    ("hit_fleche_digestPath", 500.0, "median per hit through the digest path ≤ 500 ns"),
    ("hit_fleche", 100.0, "median per repeated hit, keys remembered by value ≤ 100 ns"),
]
runs, results = load(sys.argv[1])


first = runs[0]
print(
    f"JDK {first['jdkVersion']} ({first['vmName']}), {os.cpu_count()} CPUs, "
    f"{first['forks']} fork(s), warm-up {first['warmupIterations']} × {first['warmupTime']}, "
    f"measurement {first['measurementIterations']} × {first['measurementTime']}. "
    f"Times per operation; ± is JMH's 99.9% confidence interval; the ratio and the difference "
    f"are of averages (for the miss, the difference is the overhead with the body subtracted)."
)
print()
print(
    "| case | Fleche | median | avg | baseline | baseline median | baseline avg "
    "| ratio | difference |"
)
print("|---|---|---:|---:|---|---:|---:|---:|---:|")
for case, label in LABELS.items():
    prefix = f"{case}_baseline_"
    baselines = sorted(n for n in results if n.startswith(prefix))
    for name in sorted(n for n in results if n.startswith(f"{case}_fleche")):
        fleche = results[name]
        variant = name[len(case) + 1:]
        for baseline_name in baselines:
            baseline = results[baseline_name]
            print(
                f"| {label} | `{variant}` | {duration(fleche[2])} | {average(fleche)} "
                f"| `{baseline_name[len(prefix):]}` | {duration(baseline[2])} "
                f"| {average(baseline)} | {fleche[0] / baseline[0]:.2f}× "
                f"| {duration(fleche[0] - baseline[0])} |"
            )

targets = [(n, t, what) for n, t, what in TARGETS if n in results]
array = results.get("arrayHit_fleche"), results.get("arrayHit_baseline_digest")
if targets or all(array):
    print()
    print("| target | measured | met |")
    print("|---|---:|---|")
    for name, target, what in targets:
        median = results[name][2]
        print(f"| `{name}`: {what} | {duration(median)} | {'yes' if median <= target else 'no'} |")
    if all(array):
        ratio = array[0][2] / array[1][2]
        print(
            f"| `arrayHit_fleche` within 1.2× of `Digest.of` the array (medians) "
            f"| {ratio:.2f}× | {'yes' if ratio <= 1.2 else 'no'} |"
        )
PY
