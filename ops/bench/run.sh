#!/usr/bin/env bash
# Ensemble against the plain-FFmpeg floor on a generated week. See ops/bench/README.md.
#
#   bash ops/bench/run.sh [pieces] [seconds-per-piece]          (from the repository root; default 8 x 20 s)
#
# Environment:
#   BENCH_DIR          scratch folder (default /tmp/ensemble-bench); the week, homes, outputs and results go here
#   BENCH_JAR          the Ensemble jar (default target/ensemble.jar; built with ./mvnw -q -o -DskipTests package
#                      only when missing). It is copied into the run folder first, so a rebuild meanwhile is harmless.
#   BENCH_REPEAT       run every case this many times (default 1); the table shows each case's fastest run
#   BENCH_WAIT_IDLE    before each case wait up to this many seconds for the machine to be quiet (default 0)
#   BENCH_PARALLELISM  pieces at a time, for Ensemble (ensemble.parallelism) and the floor alike (default 2)
#   BENCH_REPLAY       1 (default): also replay the cold run's own ffmpeg/ffprobe commands without the JVM; 0: skip
#   BENCH_AIR_DATE     the cold run's air date, a Monday (default 2026-11-30); the warm run is one week later
#   BENCH_JAVA_OPTS    extra JVM options for Ensemble (default none: as the README runs it)
set -euo pipefail
export LC_ALL=C

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PIECES=${1:-8}
SECONDS_PER_PIECE=${2:-20}
BENCH_DIR=${BENCH_DIR:-/tmp/ensemble-bench}
REPEAT=${BENCH_REPEAT:-1}
WAIT_IDLE=${BENCH_WAIT_IDLE:-0}
P=${BENCH_PARALLELISM:-2}
REPLAY=${BENCH_REPLAY:-1}
AIR_DATE=${BENCH_AIR_DATE:-2026-11-30}
JAR_SRC=${BENCH_JAR:-$ROOT/target/ensemble.jar}
PRESET=veryfast   # MediaSettings' defaults (ensemble.media.x264-preset / x264-crf); the floor uses the same
CRF=20
[[ $PIECES =~ ^[0-9]+$ && $SECONDS_PER_PIECE =~ ^[0-9]+$ ]] || { echo "usage: run.sh [pieces] [seconds-per-piece]" >&2; exit 2; }

# ------------------------------------------------------------------ tools
if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (/usr/bin/time)"
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
  else sudo apt-get install -y -q time >/dev/null; fi
fi
for t in ffmpeg ffprobe java python3; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
[[ $(ffmpeg -hide_banner -encoders 2>/dev/null) == *libx264* ]] || { echo "ffmpeg has no libx264 (Ensemble would use libopenh264; the floor assumes x264)" >&2; exit 1; }
[[ $(date -d "$AIR_DATE" +%u) == 1 ]] || { echo "BENCH_AIR_DATE $AIR_DATE is not a Monday (the bench show airs on Mondays)" >&2; exit 2; }
WARM_DATE=$(date -d "$AIR_DATE + 7 days" +%F)
if [[ ! -f $JAR_SRC ]]; then
  echo "building $JAR_SRC (./mvnw -q -o -DskipTests package)"
  (cd "$ROOT" && ./mvnw -q -o -DskipTests package)
fi

# ------------------------------------------------------------------ the week
WEEK=$BENCH_DIR/week-${PIECES}x${SECONDS_PER_PIECE}
INBOX=$WEEK/inbox
JOBS=$WEEK/jobs
echo "== week: $PIECES pieces x $SECONDS_PER_PIECE s in $INBOX"
python3 "$HERE/make_week.py" --inbox "$INBOX" --jobs "$JOBS" --pieces "$PIECES" --seconds "$SECONDS_PER_PIECE"
# shellcheck disable=SC1091
source "$INBOX/week.env"

RUN=$BENCH_DIR/runs/$(date +%Y%m%d-%H%M%S)-${PIECES}x${SECONDS_PER_PIECE}
RESULTS=$RUN/results
mkdir -p "$RESULTS"
ln -sfn "$RUN" "$BENCH_DIR/latest"
JAR=$RUN/ensemble.jar
cp "$JAR_SRC" "$JAR"

# ------------------------------------------------------------------ machine
python3 - "$RESULTS/run.json" <<EOF
import json, os, platform, subprocess, sys, datetime
def sh(*c):
    try:
        p = subprocess.run(c, capture_output=True, text=True)
        return p.stdout + p.stderr
    except Exception as e:
        return str(e)
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
git = subprocess.run(["git", "-C", "$ROOT", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
json.dump({
  "pieces": $PIECES, "seconds": $SECONDS_PER_PIECE, "runtime_seconds": $RUNTIME_SECONDS,
  "house": "${WIDTH}x${HEIGHT}@${FPS}", "parallelism": $P, "preset": "$PRESET", "crf": $CRF, "repeat": $REPEAT,
  "air_date": "$AIR_DATE", "warm_air_date": "$WARM_DATE", "scratch": "$RUN", "inbox": "$INBOX",
  "jar": "$JAR_SRC", "git": git, "started": datetime.datetime.now().isoformat(timespec="seconds"),
  "machine": {"nproc": os.cpu_count(), "cpu_model": model, "mem_gb": round(mem / 1048576, 1),
              "kernel": platform.release(), "loadavg_start": " ".join(open("/proc/loadavg").read().split()[:3]),
              "ffmpeg": sh("ffmpeg", "-version").splitlines()[0].split(" Copyright")[0],
              "java": sh("java", "-version").splitlines()[0]},
}, open(sys.argv[1], "w"), indent=2)
EOF
echo "== machine: $(nproc) CPUs, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed "s/^ *//"); $(ffmpeg -version | head -1 | sed "s/ Copyright.*//")"
echo "   load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { python3 "$HERE/measure.py" --out "$RESULTS" --wait-idle "$WAIT_IDLE" --name "$@"; }
ensemble_cmd() { # <home> <air-date>: sets cmd=(...)
  # -Densemble.jobs: `--jobs` alone is not enough with this jar (the CLI passes it as a Spring *default* property,
  # which application.yml's `ensemble.jobs: jobs` overrides), so the show folder is also given as a system property.
  # DEBUG on the gateway makes it log every external command's duration, which report.py reads.
  # shellcheck disable=SC2206
  cmd=(java ${BENCH_JAVA_OPTS:-} -Densemble.jobs="$JOBS" -Densemble.parallelism="$P"
       -Dlogging.level.org.ensemble.media.MediaProcessGateway=DEBUG
       -jar "$JAR" run --show bench-show --air-date "$2" --inbox "$INBOX" --home "$1" --jobs "$JOBS")
}
check() { echo "   check: $*"; echo "$*" >>"$RESULTS/checks.txt"; }
frames_of() { ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$1" 2>/dev/null || echo "?"; }
expected=$(( RUNTIME_SECONDS * FPS ))

harvester=
trap '[[ -n $harvester ]] && kill "$harvester" 2>/dev/null; true' EXIT
status=0
for r in $(seq 1 "$REPEAT"); do
  home=$RUN/home-r$r
  echo "== [$r/$REPEAT] Ensemble, cold (fresh home $home, air date $AIR_DATE)"
  rm -rf "$home"
  mkdir -p "$home/cache/segments"
  python3 "$HERE/harvest.py" "$home/cache/segments" "$RUN/pictures-r$r" &
  harvester=$!
  ensemble_cmd "$home" "$AIR_DATE"
  measure "ensemble-cold-r$r" -- "${cmd[@]}" || status=1
  kill "$harvester"; wait "$harvester" 2>/dev/null || true; harvester=
  ep=$home/outbox/bench-show/$AIR_DATE/current/episode.mp4
  check "ensemble-cold-r$r: $( [[ -f $ep ]] && echo "published, $(frames_of "$ep") frames (expected $expected)" || echo "NOT published (see $RESULTS/ensemble-cold-r$r.log)")"

  out=$RUN/floor-r$r
  echo "== [$r/$REPEAT] FFmpeg floor ($out)"
  measure "floor-r$r" -- env BENCH_PARALLELISM="$P" BENCH_X264_PRESET="$PRESET" BENCH_X264_CRF="$CRF" \
    bash "$HERE/floor.sh" "$INBOX" "$out" || status=1
  check "floor-r$r: $( [[ -f $out/master.mp4 ]] && echo "master $(frames_of "$out/master.mp4") frames (expected $expected)" || echo "NO master (see $RESULTS/floor-r$r.log)")"

  if [[ $REPLAY == 1 ]]; then
    out=$RUN/replay-r$r
    echo "== [$r/$REPEAT] Ensemble's own ffmpeg/ffprobe commands replayed without the JVM ($out)"
    if python3 "$HERE/replay.py" prepare "$RESULTS/ensemble-cold-r$r.log" "$home" "$RUN/pictures-r$r" "$out"; then
      measure "replay-r$r" -- python3 "$HERE/replay.py" run "$out" || status=1
      master=$(find "$out/home/work" -name master.mp4 2>/dev/null | head -1)
      check "replay-r$r: $( [[ -n $master ]] && echo "master $(frames_of "$master") frames (expected $expected)" || echo "NO master (see $RESULTS/replay-r$r.log)")"
    else
      status=1
    fi
  fi

  echo "== [$r/$REPEAT] warm run (all segments cached): same home and inbox, air date $WARM_DATE"
  ensemble_cmd "$home" "$WARM_DATE"
  measure "ensemble-warm-r$r" -- "${cmd[@]}" || status=1
  ep=$home/outbox/bench-show/$WARM_DATE/current/episode.mp4
  check "ensemble-warm-r$r: $( [[ -f $ep ]] && echo "published, $(frames_of "$ep") frames (expected $expected)" || echo "NOT published (see $RESULTS/ensemble-warm-r$r.log)")"
done

echo
python3 "$HERE/report.py" "$RESULTS"
cp "$RESULTS/results.md" "$RESULTS/results.json" "$BENCH_DIR/"
echo
echo "results: $RESULTS/results.{md,json} (also $BENCH_DIR/results.{md,json}); logs and GNU time output beside them"
exit $status
