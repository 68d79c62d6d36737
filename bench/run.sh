#!/bin/sh
# Prints the figures of BENCHMARKS.md in one run on this machine, as ratios against their floors.
#   bench/run.sh [EVENTS] [CORPUS_DIR]      (defaults: 1000000 events, ./bench-corpus)
# Builds the jars, installs ripgrep from Debian's packages if it is missing, generates the corpora once
# (seeded, so the same bytes every time) and runs the bench jar's `run`. JMH micro-benchmarks are separate:
#   mvn -B -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Djmh.args="EngineBench|ReaderBench"
set -eu
cd "$(dirname "$0")/.."
EVENTS="${1:-1000000}"
DIR="${2:-bench-corpus}"
if ! command -v rg >/dev/null 2>&1; then
  echo "installing ripgrep (apt-get install ripgrep)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y ripgrep >/dev/null; else sudo apt-get install -y ripgrep >/dev/null; fi
fi
[ -f target/ide-tunnel-risk.jar ] && [ -f target/ide-tunnel-risk-bench.jar ] || mvn -B -q package -DskipTests
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx768m -jar target/ide-tunnel-risk-bench.jar run --events "$EVENTS" --out "$DIR" --java-opts -Xmx128m
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
