#!/usr/bin/env bash
# Memory: does Ensemble stay under a 512 MB heap for a week of many contributions? See ops/bench/README.md.
#
#   bash ops/bench/memory.sh [pieces] [pieces-in-the-episode]        (default 500 contributions, 150 aired)
#
# Generates N tiny (320x180, 3 s) contributions, runs one cold week with -Xmx512m (a larger heap need fails the run
# with OutOfMemoryError instead of hiding it) and GC logging, and reports the heap: the most it held after a
# collection (the live set: what the pipeline keeps) and the most it ever had in use, plus the process tree's
# peak RSS. The pieces are tiny because the question is what the JVM keeps per contribution, not FFmpeg's speed.
set -euo pipefail
export LC_ALL=C
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N=${1:-500}
K=${2:-150}
BENCH_DIR=${BENCH_DIR:-/tmp/ensemble-bench}
JAR_SRC=${BENCH_JAR:-$ROOT/target/ensemble.jar}
HEAP=${BENCH_HEAP:-512m}
# shellcheck source=ops/need.sh
source "$HERE/../need.sh"
need memory.sh /usr/bin/time:time ffmpeg:ffmpeg ffprobe:ffmpeg python3:python3
command -v java >/dev/null || { echo "memory.sh needs a JDK 17 (java on the PATH)" >&2; exit 1; }
if [[ ! -f $JAR_SRC ]]; then
  echo "building $JAR_SRC (./mvnw -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

WEEK=$BENCH_DIR/memory-${N}
TEMPLATE=$WEEK/bench-show-320.yaml
mkdir -p "$WEEK"
sed 's/^  width: 1280$/  width: 320/; s/^  height: 720$/  height: 180/' "$HERE/jobs/bench-show.yaml" > "$TEMPLATE"
python3 "$HERE/make_week.py" --inbox "$WEEK/inbox" --jobs "$WEEK/jobs" --pieces "$N" --seconds 3 --small \
    --runtime-pieces "$K" --template "$TEMPLATE"

RUN=$BENCH_DIR/runs/memory-$(date +%Y%m%d-%H%M%S)-$N
mkdir -p "$RUN/results"
cp "$JAR_SRC" "$RUN/ensemble.jar"
echo "== Ensemble, cold, $N contributions ($K in the episode), -Xmx$HEAP"
set +e
python3 "$HERE/measure.py" --out "$RUN/results" --name memory -- \
  java "-Xmx$HEAP" -XX:+UseSerialGC "-Xlog:gc:file=$RUN/results/gc.log:uptime" -XX:+ExitOnOutOfMemoryError \
  -jar "$RUN/ensemble.jar" run --show bench-show --air-date 2026-11-30 --inbox "$WEEK/inbox" --jobs "$WEEK/jobs" \
  --home "$RUN/home"
rc=$?
set -e
python3 - "$RUN/results" "$rc" "$N" "$K" "$HEAP" <<'PY'
import json, re, sys
out, rc, n, k, heap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
after, before = [], []
for line in open(f"{out}/gc.log"):
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        before.append(int(m.group(1))); after.append(int(m.group(2)))
run = json.load(open(f"{out}/memory.json"))
log = open(f"{out}/memory.log", errors="replace").read()
accepted = re.search(r"(\d+) accepted, (\d+) rejected", log)
result = {"contributions": int(n), "in_episode": int(k), "exit_code": rc, "max_heap": heap,
          "live_set_peak_mb": max(after, default=None), "heap_in_use_peak_mb": max(before, default=None),
          "collections": len(after), "wall_s": run.get("wall_s"), "tree_peak_rss_mb": round(run.get("tree_peak_rss_kb", 0) / 1024),
          "ingest": accepted.group(0) if accepted else None}
json.dump(result, open(f"{out}/memory-summary.json", "w"), indent=2)
print(json.dumps(result, indent=2))
print("PASS: heap under " + heap if rc == 0 else "FAIL: the run exited " + str(rc) + " (see " + out + "/memory.log)")
PY
exit $rc
