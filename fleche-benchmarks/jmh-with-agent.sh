#!/usr/bin/env bash
# Builds the agent and the benchmarks, then runs one benchmark class in JVMs started with
# -javaagent:fleche-agent/target/fleche.jar, writing JMH's results as JSON; the part shared by the
# run-*-benchmarks.sh scripts of benchmarks that need the agent.
#
#   fleche-benchmarks/jmh-with-agent.sh <class, e.g. AgentBenchmark> <JSON file> [JMH arguments]
#
# JMH_SETTINGS replaces the run settings for published figures (JMH rejects an option given
# twice). The JVMs also get --enable-native-access=ALL-UNNAMED: sqlite-jdbc loads native code,
# which JDK 24+ warn about without it; JDK 17 accepts it. -foe true: a failed set-up check (no
# agent, say) stops the run.
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$module")"
class="$1"
json="$2"
shift 2
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
java -jar target/benchmarks.jar "io\\.fleche\\.benchmarks\\.$class\\." \
  -jvmArgsPrepend "-javaagent:$agent --enable-native-access=ALL-UNNAMED" -foe true \
  $settings -rf json -rff "$json" "$@"
