#!/usr/bin/env bash
# Runs the parser benchmark (imap4j and Angus Mail on the same bytes, JMH with the GC profiler) on JDK 17 — and on
# JDK 25 too when JAVA25_HOME is set — writes the JSON results to benchmarks/results/, then regenerates the generated
# part of BENCHMARKS.md and benchmarks/results/parser.svg from them. From the repository root of a fresh clone:
#   bash benchmarks/report.sh                         # the bundled Dovecot capture (env-1000)
#   CORPUS=file:mine.imap bash benchmarks/report.sh   # a capture of your own (imap4j capture ... --out mine.imap)
# JMH_OPTS overrides the iteration settings (default: -f 1 -wi 3 -w 2 -i 5 -r 2).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${CORPUS:-env-1000}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 2 -i 5 -r 2}"
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/results
run() { # $1 java binary, $2 label
    # shellcheck disable=SC2086
    "$1" -jar benchmarks/target/benchmarks.jar 'ParserBenchmark' -p corpus="$CORPUS" $JMH_OPTS -prof gc \
        -rf json -rff "benchmarks/results/parser-$2.json"
}
run java "jdk$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
if [ -n "${JAVA25_HOME:-}" ]; then
    run "$JAVA25_HOME/bin/java" jdk25
fi
java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.report.BenchmarkReport benchmarks/results BENCHMARKS.md
