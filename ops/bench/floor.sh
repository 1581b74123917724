#!/usr/bin/env bash
# The plain-FFmpeg floor: the least FFmpeg work that turns the bench week into the same kind of master Ensemble
# makes, with nothing around it (no JVM, no database, no probes, no verification, no publishing).
#
#   bash ops/bench/floor.sh <inbox> <out>
#
# <inbox> is a week made by make_week.py (its week.env gives the house format and the loudness target).
# The passes (the ones Ensemble needs for a cold week, and nothing else):
#   per piece  1. loudnorm analysis, audio only decoded (as LoudnessMeter.analyse)
#              2. one encode -> picture.mp4 (H.264, no audio) + sound.flac: scale + pad into the house frame, fps,
#                 tpad/trim to exact frames; sound: second loudnorm pass (linear), exact samples, 10 ms fades
#                 (as SegmentEncoder, without the blurred fill, the lower third and the dips)
#              every piece of the manifest, the spare ones too (Ensemble conforms every accepted piece)
#   intro, outro: one encode each from a colour source and Ensemble's tone (SegmentEncoder.toneSource)
#   then       3. one assembly of intro + the first RUNTIME_PIECES pieces + outro: -c:v copy, the joined FLAC as it
#                 is (every piece is normalized already, so no analysis and no correction of the whole), AAC
# x264 options are SegmentEncoder.videoEncoderArguments with MediaSettings' defaults (preset veryfast, crf 20).
# Pieces, intro and outro are encoded BENCH_PARALLELISM (default 2, Ensemble's ensemble.parallelism) at a time, each
# with nproc / parallelism threads (EnsembleSettings.threadsPerProcess). Every ffmpeg run is timed into
# <out>/timings.tsv for report.py.
set -euo pipefail
export LC_ALL=C

inbox=$(cd "${1:?usage: floor.sh <inbox> <out>}" && pwd)
out=${2:?usage: floor.sh <inbox> <out>}
# shellcheck disable=SC1091
source "$inbox/week.env"

P=${BENCH_PARALLELISM:-2}
PRESET=${BENCH_X264_PRESET:-veryfast}
CRF=${BENCH_X264_CRF:-20}
T=$(( $(nproc) / P )); (( T >= 1 )) || T=1
W=$WIDTH; H=$HEIGHT; R=$FPS; SR=$SAMPLE_RATE
LAYOUT=$([[ $CHANNELS == 1 ]] && echo mono || echo stereo)
GOP=$(( R * 2 ))

num() { # FilterGraphs.num / clampFinite: two decimals, infinities clamped to +-99, NaN -> 0
  case "$1" in
    -inf|-Inf|-INF) echo "-99.00" ;;
    inf|+inf|Inf|INF) echo "99.00" ;;
    ""|nan|NaN|-nan) echo "0.00" ;;
    *) awk -v v="$1" 'BEGIN { if (v > 99) v = 99; if (v < -99) v = -99; printf "%.2f", v }' ;;
  esac
}
secs() { awk -v v="$1" 'BEGIN { printf "%.6f", v }'; }
exact_audio() { # FilterGraphs.exactAudio
  local samples=$1 fade=$(( SR / 100 ))
  (( fade > samples / 4 )) && fade=$(( samples / 4 ))
  local s="aresample=$SR,aformat=sample_fmts=s16:sample_rates=$SR:channel_layouts=$LAYOUT,apad=whole_len=$samples,atrim=end_sample=$samples"
  (( fade > 0 )) && s+=",afade=t=in:ss=0:ns=$fade,afade=t=out:ss=$(( samples - fade )):ns=$fade"
  echo "$s"
}
ANALYSIS="aformat=channel_layouts=stereo,loudnorm=I=$(num "$LUFS"):TP=$(num "$TRUE_PEAK"):LRA=$(num "$LRA"):print_format=json"
correction() { # FilterGraphs.loudnormCorrection from loudnorm's JSON on stderr ($1)
  local f=$1 v
  j() { sed -n "s/.*\"$1\" : \"\([^\"]*\)\".*/\1/p" "$f" | tail -1; }
  v=$(j input_i)
  if [[ -z $v || $v == *inf* ]] || awk -v v="$v" 'BEGIN { exit !(v <= -70) }'; then echo ""; return; fi
  echo "loudnorm=I=$(num "$LUFS"):TP=$(num "$TRUE_PEAK"):LRA=$(num "$LRA"):measured_I=$(num "$v"):measured_TP=$(num "$(j input_tp)"):measured_LRA=$(num "$(j input_lra)"):measured_thresh=$(num "$(j input_thresh)"):offset=$(num "$(j target_offset)"):linear=true:print_format=none"
}
tone() { # SegmentEncoder.toneSource
  local chord="0.10*sin(2*PI*220*t)+0.07*sin(2*PI*277.18*t)+0.06*sin(2*PI*329.63*t)+0.04*sin(2*PI*440*t)"
  local expr="($chord)*(1-exp(-2*t))"
  if [[ $CHANNELS == 2 ]]; then echo "aevalsrc='$expr|${expr//220\*t/220.5*t}':s=$SR"; else echo "aevalsrc='$expr':s=$SR"; fi
}
video_args() { # SegmentEncoder.videoEncoderArguments (libx264)
  echo -c:v libx264 -preset "$PRESET" -crf "$CRF" -profile:v high -g "$GOP" -keyint_min "$GOP" -sc_threshold 0 -bf 2 \
    -x264-params open-gop=0 -pix_fmt "$PIX_FMT" -threads "$T" -video_track_timescale $(( R * 1000 ))
}
encode() { # <dir> <frames> <filter graph> <video label> <sound label> <input args...>
  local dir=$1 frames=$2 fg=$3 vlabel=$4 slabel=$5; shift 5
  # shellcheck disable=SC2046
  timed "segment $(basename "$dir")" ffmpeg -hide_banner -nostdin -y -nostats -filter_complex_threads "$T" "$@" -filter_complex "$fg" \
    -map "[$vlabel]" -frames:v "$frames" -r "$R" -fps_mode cfr -an $(video_args) "$dir/picture.mp4" \
    -map "[$slabel]" -vn -c:a flac -ar "$SR" -ac "$CHANNELS" "$dir/sound.flac" 2>"$dir/encode.log"
}

piece() { # <name> <file> <seconds>
  local name=$1 file=$2 seconds=$3 dir=$out/seg/$1
  mkdir -p "$dir"
  local frames=$(( seconds * R )); local samples=$(( frames * SR / R ))
  local read_len; read_len=$(secs "$seconds + 1")
  # 1. loudness, audio only decoded (LoudnessMeter.analyse)
  timed "loudness $name" ffmpeg -hide_banner -nostats -protocol_whitelist file -t "$(secs "$seconds")" -i "$file" \
    -map 0:a:0 -vn -af "$ANALYSIS" -f null - 2>"$dir/loudness.log"
  local corr; corr=$(correction "$dir/loudness.log")
  local audio="[0:a:0]aresample=async=1:first_pts=0,aformat=channel_layouts=stereo${corr:+,$corr},$(exact_audio "$samples")[snd]"
  # 2. the segment
  local inputs=(-protocol_whitelist file -t "$read_len" -i "$file")
  local fg="[0:v:0]scale=$W:$H:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,pad=$W:$H:(ow-iw)/2:(oh-ih)/2,fps=$R:start_time=0,tpad=stop_mode=clone:stop=$frames,trim=end_frame=$frames,format=$PIX_FMT[vout];$audio"
  encode "$dir" "$frames" "$fg" vout snd "${inputs[@]}"
}

bookend() { # <intro|outro> <seconds>
  local name=$1 seconds=$2 dir=$out/seg/$1
  mkdir -p "$dir"
  local frames=$(( seconds * R )); local samples=$(( frames * SR / R )); local len; len=$(secs "$seconds")
  local inputs=(-f lavfi -i "color=c=0x1d2b3a:s=${W}x$H:r=$R:d=$len")
  local fg="[0:v]format=$PIX_FMT,trim=end_frame=$frames[vout]"
  inputs+=(-f lavfi -i "$(tone):d=$len")
  fg+=";[1:a]$(exact_audio "$samples")[snd]"
  encode "$dir" "$frames" "$fg" vout snd "${inputs[@]}"
}

timed() { # <label> <command...>: runs it and appends "label start end" (epoch seconds) to timings.tsv
  local label=$1 t0 t1 rc=0; shift
  t0=$(date +%s.%N); "$@" || rc=$?; t1=$(date +%s.%N)
  printf '%s\t%s\t%s\n' "$label" "$t0" "$t1" >>"$out/timings.tsv"
  return $rc
}

pieces_from_manifest() { sed -n 's/.*"file": "\([^"]*\)".*/\1/p' "$inbox/manifest.jsonl"; }

if [[ -e $out && ! -d $out/seg && -n $(ls -A "$out" 2>/dev/null) ]]; then
  echo "floor: $out exists and is not a floor output folder; not deleting it" >&2; exit 2
fi
rm -rf "$out"
mkdir -p "$out/seg"

jobs_list=()
while IFS= read -r f; do jobs_list+=("piece|$(dirname "$f")|$inbox/$f|$PIECE_SECONDS"); done < <(pieces_from_manifest)
jobs_list+=("bookend|intro|$INTRO_SECONDS" "bookend|outro|$OUTRO_SECONDS")

running=0
for job in "${jobs_list[@]}"; do
  if (( running >= P )); then wait -n || true; running=$(( running - 1 )); fi
  IFS='|' read -r -a argv <<<"$job"
  ( "${argv[@]}" || { echo "${argv[*]}" >>"$out/failed"; exit 1; } ) &
  running=$(( running + 1 ))
done
wait || true
if [[ -s $out/failed ]]; then echo "floor: failed: $(cat "$out/failed")" >&2; exit 1; fi

# the master: intro, the first RUNTIME_PIECES pieces in manifest order (the runtime holds that many), outro
{
  echo "ffconcat version 1.0"; echo "file '$out/seg/intro/picture.mp4'"
  while IFS= read -r f; do echo "file '$out/seg/$(dirname "$f")/picture.mp4'"; done < <(pieces_from_manifest | head -n "${RUNTIME_PIECES:-$PIECES}")
  echo "file '$out/seg/outro/picture.mp4'"
} >"$out/pictures.ffconcat"
sed 's#/picture\.mp4#/sound.flac#' "$out/pictures.ffconcat" >"$out/sounds.ffconcat"
total_frames=$(( RUNTIME_SECONDS * R )); total_samples=$(( total_frames * SR / R ))
# 3. assembly (MasterAssembler.command, without a correction of the whole: the pieces are normalized already)
timed "assemble master.mp4" ffmpeg -hide_banner -nostdin -y -nostats \
  -f concat -safe 0 -protocol_whitelist file -i "$out/pictures.ffconcat" \
  -f concat -safe 0 -protocol_whitelist file -i "$out/sounds.ffconcat" \
  -filter_complex "[1:a]aresample=$SR,aformat=sample_rates=$SR:channel_layouts=$LAYOUT,apad=whole_len=$total_samples,atrim=end_sample=$total_samples[a]" \
  -map 0:v:0 -map "[a]" -c:v copy -c:a aac -aac_coder fast -b:a "${AUDIO_KBPS}k" -ar "$SR" -ac "$CHANNELS" -movflags +faststart \
  -map_metadata -1 "$out/master.mp4" 2>"$out/assemble.log"
