#!/usr/bin/env bash
# Times the planner on a large reproducible week (default 10,000 candidates, 4,000 contributors, 30 runs after
# warm-up) and prints median / p95 per seed, with the plan's score, upper bound and gap to it.
# Usage: ops/bench/planner.sh [candidates] [contributors] [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o test-compile
cp_file=target/planner-bench.classpath
[ -s "$cp_file" ] || ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" org.ensemble.plan.PlannerBenchmark "$@"
