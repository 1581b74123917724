#!/usr/bin/env bash
# Ensemble against the plain-FFmpeg floor on a generated week. See ops/bench/README.md.
#
#   bash ops/bench/run.sh [pieces] [seconds-per-piece]          (from the repository root; default 10 x 59 s)
#
# The default is a real ten-minute episode: intro 5 s + 10 pieces x 59 s + outro 5 s = 600 s, in 1920x1080, with one
# spare piece in the week that the planner leaves out (and the swap re-render brings in).
#
# Environment:
#   BENCH_DIR          scratch folder (default /tmp/ensemble-bench); the week, homes, outputs and results go here
#   BENCH_JAR          the Ensemble jar (default target/ensemble.jar; built with ./mvnw -q -DskipTests package
#                      only when missing). It is copied into the run folder first, so a rebuild meanwhile is harmless.
#   BENCH_REPEAT       run every case this many times (default 1); the table shows each case's fastest run
#   BENCH_WAIT_IDLE    before each case wait up to this many seconds for the machine to be quiet (default 0)
#   BENCH_PARALLELISM  pieces at a time, for Ensemble (ensemble.parallelism) and the floor alike (default 2)
#   BENCH_REPLAY       1 (default): also replay the cold run's own ffmpeg/ffprobe commands without the JVM; 0: skip
#   BENCH_AIR_DATE     the cold run's air date, a Monday (default 2026-11-30); the warm run is one week later
#   BENCH_JAVA_OPTS    extra JVM options for Ensemble (default none: as the README runs it)
#   BENCH_HOUSE        the show's house frame WxH (default 1920x1080, as the production show)
#   BENCH_SPARE        pieces in the week beyond those the runtime holds (default 1); the swap re-render needs >= 1
#   BENCH_RERENDER     1 (default): after the cold run, time a re-render after a swap and after a reorder (server,
#                      HTTP), then after another reorder (CLI, JVM start included); 0: skip
set -euo pipefail
export LC_ALL=C

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PIECES=${1:-10}
SECONDS_PER_PIECE=${2:-59}
HOUSE=${BENCH_HOUSE:-1920x1080}
SPARE=${BENCH_SPARE:-1}
RERENDER=${BENCH_RERENDER:-1}
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
[[ $HOUSE =~ ^[0-9]+x[0-9]+$ ]] || { echo "BENCH_HOUSE $HOUSE is not WIDTHxHEIGHT like 1920x1080" >&2; exit 2; }
[[ $SPARE =~ ^[0-9]+$ ]] || { echo "BENCH_SPARE $SPARE is not a number" >&2; exit 2; }
if [[ $RERENDER == 1 ]] && (( SPARE < 1 || PIECES < 3 )); then
  echo "the re-render cases need BENCH_SPARE >= 1 and at least 3 pieces (or BENCH_RERENDER=0)" >&2; exit 2
fi
ALL_PIECES=$(( PIECES + SPARE ))

# ------------------------------------------------------------------ tools
# shellcheck source=ops/need.sh
source "$HERE/../need.sh"
need run.sh /usr/bin/time:time ffmpeg:ffmpeg ffprobe:ffmpeg python3:python3
command -v java >/dev/null || { echo "run.sh needs a JDK 17 (java on the PATH)" >&2; exit 1; }
[[ $(ffmpeg -hide_banner -encoders 2>/dev/null) == *libx264* ]] || { echo "ffmpeg has no libx264 (Ensemble would use libopenh264; the floor assumes x264)" >&2; exit 1; }
[[ $(date -d "$AIR_DATE" +%u) == 1 ]] || { echo "BENCH_AIR_DATE $AIR_DATE is not a Monday (the bench show airs on Mondays)" >&2; exit 2; }
WARM_DATE=$(date -d "$AIR_DATE + 7 days" +%F)
if [[ ! -f $JAR_SRC ]]; then
  echo "building $JAR_SRC (./mvnw -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

# ------------------------------------------------------------------ the week
WEEK=$BENCH_DIR/week-${ALL_PIECES}x${SECONDS_PER_PIECE}
INBOX=$WEEK/inbox
RUN=$BENCH_DIR/runs/$(date +%Y%m%d-%H%M%S)-${PIECES}+${SPARE}x${SECONDS_PER_PIECE}-$HOUSE
RESULTS=$RUN/results
JOBS=$RUN/jobs   # per run: the show file depends on the house frame and the runtime, the inbox does not
mkdir -p "$RESULTS"
echo "== week: $PIECES pieces + $SPARE spare x $SECONDS_PER_PIECE s in $INBOX; house $HOUSE"
python3 "$HERE/make_week.py" --inbox "$INBOX" --jobs "$JOBS" --pieces "$ALL_PIECES" --runtime-pieces "$PIECES" \
  --seconds "$SECONDS_PER_PIECE" --house "$HOUSE"
# shellcheck disable=SC1091
source "$INBOX/week.env"   # sets PIECES to every piece of the week (spares too) and RUNTIME_PIECES to those it airs
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
  "pieces": $RUNTIME_PIECES, "spare": $SPARE, "seconds": $SECONDS_PER_PIECE, "runtime_seconds": $RUNTIME_SECONDS,
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

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
server=
stop_server() { # TERM, then wait for the JVM to end (the H2 file is one process's at a time)
  [[ -n $server ]] || return 0
  kill "$server" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$server" 2>/dev/null && kill -9 "$server" 2>/dev/null
  wait "$server" 2>/dev/null || true
  server=
}
published() { # <home> <air date> <case> <revision>: the check line of a re-render
  local dir=$1/outbox/bench-show/$2 cur ep
  cur=$(readlink "$dir/current" 2>/dev/null || echo none)
  ep=$dir/current/episode.mp4
  if [[ $(basename "$cur") == "$4" && -f $ep ]]; then
    echo "$3: published $4, $(frames_of "$ep") frames (expected $expected)"
  else
    echo "$3: $4 NOT published (current -> $cur; see $RESULTS/$3.log)"
  fi
}
# Checks that a reorder published <revision> with <first> before <second> in its EDL; says so, fails if not.
reordered() { # <home> <case> <revision> <first> <second>
  local line edl=$1/outbox/bench-show/$AIR_DATE/$3/episode.edl
  line=$(published "$1" "$AIR_DATE" "$2" "$3")
  if [[ -f $edl ]] && grep -o "ENSEMBLE PIECE: [^ ]*" "$edl" | awk '{print $3}' | grep -xE "$4|$5" | paste -sd, - | grep -qx "$4,$5"; then
    line+="; $3's EDL has $4 before $5"
  else
    line+="; $3's EDL does NOT have $4 before $5"
  fi
  check "$line"
  [[ $line == *"published $3,"* && $line != *NOT* ]]
}
# The editors' re-renders of the cold run's episode, on its home. a) swap, through the server: one planned piece
# excluded and the spare pinned (PUT .../overrides, not timed), then POST .../rerender?wait=true timed from request to
# answer (the answer comes once r2 is published). b) reorder, through the server: two adjacent pieces of r2 asked in
# the other order (PUT .../overrides with "order", not timed), then timed like the swap (r3). c) reorder, through the
# CLI: another adjacent pair of r3 asked in the other order, the first kept (`overrides --order`, not timed), then
# `rerender` timed as a whole command (JVM start included; r4).
rerender_cases() { # <repeat> <home>
  local r=$1 home=$2 password port url log rc=0 picked excluded spare pair a b edl line next x y order
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  port=$(free_port)
  url=http://127.0.0.1:$port
  log=$RESULTS/server-r$r.log
  echo "== [$r/$REPEAT] re-render after a swap, server: starting Ensemble's server on $url (home $home)"
  # shellcheck disable=SC2086
  ENSEMBLE_ADMIN_PASSWORD=$password java ${BENCH_JAVA_OPTS:-} -Densemble.home="$home" -Densemble.jobs="$JOBS" \
    -Densemble.inboxes.bench-show="$INBOX" -Densemble.parallelism="$P" -Dserver.port="$port" \
    -Dlogging.level.org.ensemble.media.MediaProcessGateway=DEBUG -jar "$JAR" >"$log" 2>&1 &
  server=$!
  if ! python3 "$HERE/rerender.py" wait --url "$url" --password "$password" --timeout 300; then
    stop_server; check "rerender-swap-r$r: the server did not start (see $log)"; return 1
  fi
  if picked=$(python3 "$HERE/rerender.py" swap --url "$url" --password "$password" --air-date "$AIR_DATE" --pid "$server" \
      --manifest "$INBOX/manifest.jsonl" --out "$RESULTS" --name "rerender-swap-r$r" --log "$log" --wait-idle "$WAIT_IDLE"); then
    read -r excluded spare <<<"$picked"
  else
    rc=1
  fi
  line=$(published "$home" "$AIR_DATE" "rerender-swap-r$r" r2)
  edl=$home/outbox/bench-show/$AIR_DATE/r2/episode.edl
  if [[ -n $spare ]]; then
    if [[ -f $edl ]] && grep -q "ENSEMBLE PIECE: $spare\b" "$edl" && ! grep -q "ENSEMBLE PIECE: $excluded\b" "$edl"; then
      line+="; r2's EDL has the spare $spare and not $excluded"
    else
      line+="; r2's EDL ($edl) does NOT have the spare $spare in place of $excluded"; rc=1
    fi
  fi
  check "$line"
  [[ $line == *"published r2,"* && $line != *NOT* ]] || rc=1
  if [[ -z $spare ]]; then
    stop_server; check "rerender-reorder-r$r: skipped (no r2 to reorder)"; return 1
  fi

  echo "== [$r/$REPEAT] re-render after a reorder, server"
  pair=$(python3 "$HERE/rerender.py" reorder --url "$url" --password "$password" --air-date "$AIR_DATE" --pid "$server" \
    --out "$RESULTS" --name "rerender-reorder-r$r" --log "$log" --wait-idle "$WAIT_IDLE") || rc=1
  next=
  if [[ -n $pair ]]; then
    read -r a b <<<"$pair"
    next=$(python3 "$HERE/rerender.py" order --url "$url" --password "$password" --air-date "$AIR_DATE" --keep "$b,$a") || rc=1
  fi
  stop_server
  [[ -n $pair ]] || { check "rerender-reorder-r$r: failed (see $log)"; return 1; }
  reordered "$home" "rerender-reorder-r$r" r3 "$b" "$a" || rc=1
  [[ -n $next ]] || { check "rerender-reorder-cli-r$r: skipped (no other pair in r3)"; return 1; }

  # another pair of r3, so that the CLI's re-render is a change of its own (the server's order is kept as it stands)
  read -r x y order <<<"$next"
  echo "== [$r/$REPEAT] re-render after a reorder, CLI: $x then $y asked as $y,$x (overrides --order $order)"
  # shellcheck disable=SC2086
  if ! java ${BENCH_JAVA_OPTS:-} -Densemble.jobs="$JOBS" -Densemble.parallelism="$P" -jar "$JAR" overrides \
      --show bench-show --air-date "$AIR_DATE" --order "$order" --home "$home" --jobs "$JOBS" \
      >"$RESULTS/rerender-reorder-cli-r$r.overrides.log" 2>&1; then
    check "rerender-reorder-cli-r$r: overrides --order $order refused (see $RESULTS/rerender-reorder-cli-r$r.overrides.log)"
    return 1
  fi
  # shellcheck disable=SC2206
  cmd=(java ${BENCH_JAVA_OPTS:-} -Densemble.jobs="$JOBS" -Densemble.parallelism="$P"
       -Dlogging.level.org.ensemble.media.MediaProcessGateway=DEBUG
       -jar "$JAR" rerender --show bench-show --air-date "$AIR_DATE" --by bench --reason reorder --home "$home" --jobs "$JOBS")
  measure "rerender-reorder-cli-r$r" -- "${cmd[@]}" || rc=1
  reordered "$home" "rerender-reorder-cli-r$r" r4 "$y" "$x" || rc=1
  return $rc
}

harvester=
trap '[[ -n $harvester ]] && kill "$harvester" 2>/dev/null; stop_server; true' EXIT
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

  if [[ $RERENDER == 1 ]]; then
    rerender_cases "$r" "$home" || status=1
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
