#!/usr/bin/env bash
# Times the planner on a large reproducible week (default 10,000 candidates, 4,000 contributors, 30 runs after
# warm-up) and prints median / p95 per seed, with the plan's score, upper bound and gap to it.
# Usage: ops/bench/planner.sh [candidates] [contributors] [runs]
# Needs a JDK 17; Maven (through the wrapper) fetches what it lacks from Maven Central on the first run.
set -euo pipefail
cd "$(dirname "$0")/../.."
# not offline: a fresh clone has not downloaded the test dependencies or the dependency plugin yet, and Maven takes
# what it already has from its local repository anyway; -q still prints every error
./mvnw -q test-compile
cp_file=target/planner-bench.classpath
if [[ ! -s $cp_file || pom.xml -nt $cp_file ]]; then
  ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$cp_file"
fi
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" org.ensemble.plan.PlannerBenchmark "$@"
