#!/usr/bin/env bash
# Shows that a weekly run survives kill -9: starts the demo run, kills the JVM (and its FFmpeg children) with
# SIGKILL while the conform step is working, runs the same command again (it continues the same job instance and
# publishes r1), then a third time (it publishes nothing new and says so, exit code 3).
#
# Usage: bash ops/kill-and-restart.sh [home] [air-date]      (builds target/ensemble.jar first when it is missing)
set -uo pipefail
home=$(realpath -m -- "${1:-/tmp/ensemble-kill-demo}")   # before the cd: a relative home is the caller's
cd "$(dirname "$0")/.."
# shellcheck source=ops/need.sh
source ops/need.sh
need kill-and-restart.sh pgrep:procps pkill:procps
command -v java >/dev/null || { echo "kill-and-restart.sh needs a JDK 17 (java on the PATH)" >&2; exit 1; }
date=${2:-2026-11-30}
case "$home" in
  / | /tmp | "$HOME" | "$(pwd)") echo "refusing to wipe '$home'; pass a dedicated folder" >&2; exit 1 ;;
esac
jar=target/ensemble.jar
if [[ ! -f $jar ]]; then
  echo "building $jar (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package || exit 1
fi
run=(java -jar "$jar" run --show create-together --air-date "$date" --inbox sample-media --home "$home")
rm -rf "$home"
log="$home.log"

echo "1) starting the run, waiting for the conform step to be busy"
"${run[@]}" >"$log" 2>&1 &
pid=$!
busy=
for _ in $(seq 1 600); do
  if grep -q "Executing step: \[conform\]" "$log" && pgrep -P "$pid" -f ffmpeg >/dev/null 2>&1; then busy=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [[ -z $busy ]]; then
  echo "   the run never reached a busy conform step (it ended, or took over 5 minutes to start); its log, $log, ends:" >&2
  tail -n 20 "$log" >&2
  kill -9 "$pid" 2>/dev/null
  exit 1
fi
sleep 3
echo "   killing JVM $pid and its FFmpeg children with SIGKILL"
pkill -9 -P "$pid" ffmpeg 2>/dev/null
kill -9 "$pid"
wait "$pid" 2>/dev/null
echo "   outbox after the kill: $(ls "$home/outbox/create-together/$date" 2>/dev/null || echo '(nothing published)')"
echo "   partial segment folders: $(ls -d "$home"/cache/segments/.tmp-* 2>/dev/null | wc -l)"

echo "2) the same command again"
"${run[@]}" >"$log.2" 2>&1
echo "   exit code $? — $(grep -E '^(Published|Run of)' "$log.2")"
grep -E "recovering it to restart|Restarting" "$log.2" | cut -c1-200

echo "3) and once more"
"${run[@]}" >"$log.3" 2>&1
echo "   exit code $? — $(grep -E 'already published' "$log.3")"
echo "   outbox: $(ls "$home/outbox/create-together/$date")"
