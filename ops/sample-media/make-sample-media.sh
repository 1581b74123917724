#!/usr/bin/env bash
# Generates the Ensemble demo week: 15 contributions from 13 people, with a
# manifest.jsonl, using only Debian tools (ffmpeg, espeak-ng, sox, ImageMagick,
# python3 stdlib, fonts-dejavu-core).
#
#   bash ops/sample-media/make-sample-media.sh [outdir]      (default: sample-media)
#
# Everything in outdir is deleted and regenerated. Randomness uses fixed seeds.
# For working on one piece: SAMPLE_MEDIA_ONLY="amara tomas" keeps the rest of
# outdir and only rebuilds those pieces (the manifest is always rewritten).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-sample-media}"
ONLY="${SAMPLE_MEDIA_ONLY:-}"
PY="$HERE/sample_media.py"

# ----------------------------------------------------------------- tool check
# as root on Debian the missing packages are installed, otherwise they are named (ops/need.sh)
# shellcheck source=ops/need.sh
source "$HERE/../need.sh"
need make-sample-media.sh ffmpeg:ffmpeg ffprobe:ffmpeg espeak-ng:espeak-ng sox:sox convert=ImageMagick:imagemagick \
  identify=ImageMagick:imagemagick python3:python3 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null)"
[[ "$encoders" == *libx264* && "$encoders" == *libopus* && "$encoders" == *libvpx-vp9* ]] || {
  echo "ffmpeg lacks libx264/libopus/libvpx-vp9 (Debian's ffmpeg package has them)" >&2; exit 1; }

# ----------------------------------------------------------------- set-up
target="$(realpath -m -- "$OUT")"
case "$target" in
  / | /tmp | "$HOME" | "$(pwd)") echo "refusing to wipe '$OUT'; pass a dedicated folder" >&2; exit 1 ;;
esac
if [ -e "$OUT/.git" ]; then echo "refusing to wipe '$OUT' (it holds a .git)" >&2; exit 1; fi
if [ -z "$ONLY" ]; then
  rm -rf "$OUT"
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sample-media.XXXXXX")"
trap '[ -n "${SAMPLE_MEDIA_KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"' EXIT
START=$SECONDS

want() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }
say() { printf '\033[1m== %s\033[0m (%ss)\n' "$*" "$((SECONDS - START))"; }
py() { python3 "$PY" "$@"; }
ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
X264=(-c:v libx264 -preset "${SAMPLE_MEDIA_X264_PRESET:-slow}" -crf 30 -pix_fmt yuv420p -movflags +faststart)

# sox with a fixed random seed (-R) so noise is the same on every run
sx() { sox -R -V1 "$@"; }

# speech TEXTFILE OUT.wav VOICE SPEED PITCH TARGET PRE POST  -> OUT.wav + OUT.json
speech() {
  py speech --voice "$3" --speed "$4" --pitch "$5" --target "$6" --pre "$7" --post "$8" "$1" "$2" "${2%.wav}.json"
}

# mic IN OUT [reverb%]: make clean synthetic speech sound like it went through a
# small camera/phone microphone in a room
mic() {
  sx "$1" -r 48000 -c 1 "$2" highpass 110 lowpass 6500 equalizer 2500 1q 3 \
     reverb "${3:-15}" 60 30 0 0 -8 gain -n -3
}

# roomtone SECONDS OUT [level]: quiet brownish background noise
roomtone() {
  sx -n -r 48000 -c 1 "$2" synth "$1" brownnoise vol "${3:-0.04}" lowpass 500 highpass 40
}

# hold FPS [PIXFMT]: filter that repeats a single still image forever. The image
# is decoded and converted once (unlike "-loop 1", which decodes every frame).
hold() { echo "format=${2:-yuv420p},loop=loop=-1:size=1:start=0,setpts=N/$1/TB"; }

clear_dir() { rm -rf "${OUT:?}/$1"; mkdir -p "$OUT/$1"; }

# ======================================================================
# 1. Amara Okafor, Lagos: talking to camera about her life (talking-life)
# ======================================================================
piece_amara() {
  say "Amara Okafor: talking-life video"
  local d="$WORK/amara" o="$OUT/amara-okafor"; mkdir -p "$d"; clear_dir amara-okafor
  cat > "$d/text.txt" <<'EOF'
Good morning from Yaba. My name is Amara, and this is my shop.
Four years ago, this was my mother's corner. She sewed school uniforms here for thirty years, on the black Singer machine behind the camera.
When her eyes got tired, she said, Amara, either you take the shop, or I sell the machine.
I was working in a bank. I did not love it. So, I took the machine.

The first year was hard. The light goes off, the generator wants diesel, and everybody needs their wedding outfit by Saturday.
But I learned that a dress is a conversation.
A woman tells you she wants something simple. Then she tells you about her sister, and her late father, and the colour he liked. By the end, you know it is not simple at all.

This week I finished twelve outfits for one family. Same ankara print, twelve different bodies, twelve different opinions!
My daughter Chiamaka sat with me every evening, threading needles. She says she will be a designer. I told her, first learn to hem.

Mummy, if you are watching: the shop is still standing, and the Singer still works. Thank you.
EOF
  speech "$d/text.txt" "$d/speech.wav" en-gb+f4 148 52 80 1.6 2.4
  py vtt "$d/speech.json" "$o/morning-in-the-shop.vtt"
  py scene amara "$d"
  # shop ambience: street outside, a fan, a generator somewhere down the road
  mic "$d/speech.wav" "$d/voice.wav" 18
  roomtone 80 "$d/room.wav" 0.05
  sx -n -r 48000 -c 1 "$d/gen.wav" synth 80 sine 100 sine 150 vol 0.006 tremolo 0.3 40
  sx -m "$d/voice.wav" "$d/room.wav" "$d/gen.wav" "$d/mix.wav"
  py level "$d/mix.wav" "$d/final.wav" --lufs -20
  py mouth "$d/speech.wav" --fps 30 --sprites "$d" --out "$d/mouth.txt"
  # shellcheck disable=SC1091
  source "$d/scene.env"
  ff -i "$d/base.png" -f concat -safe 0 -i "$d/mouth.txt" -i "$d/blink.png" -i "$d/blades.png" -i "$d/final.wav" \
     -filter_complex "
       [0:v]$(hold 30)[bg];
       [2:v]$(hold 30 yuva420p)[blink];
       [3:v]$(hold 30 yuva420p),rotate=a=t*7:c=none:ow=64:oh=64[fan];
       [bg][fan]overlay=$FAN_X:$FAN_Y[a];
       [1:v]format=yuva420p,fps=30[m];
       [a][m]overlay=0:0:eof_action=pass[b];
       [b][blink]overlay=0:0:enable='lt(mod(t,4.7),0.13)+lt(mod(t+2.1,7.3),0.12)'[c];
       [c]crop=640:360:x='16+9*sin(t*0.45)+4*sin(t*1.3)':y='9+5*sin(t*0.37+1)+2*sin(t*1.9)',
          boxblur=5:enable='lt(t,0.8)',format=yuv420p[v]" \
     -map '[v]' -map 4:a -t 80 -r 30 "${X264[@]}" -c:a aac -b:a 80k -ar 48000 \
     "$o/morning-in-the-shop.mp4"
}

# ======================================================================
# 2. Tomás Herrera, Oaxaca: how he makes alebrijes (talking-process),
#    filmed on a phone held upright: stored 640x360 + rotation side data
# ======================================================================
piece_tomas() {
  say "Tomás Herrera: talking-process portrait phone video"
  local d="$WORK/tomas" o="$OUT/tomas-herrera"; mkdir -p "$d"; clear_dir tomas-herrera
  cat > "$d/text.txt" <<'EOF'
Okay, is it recording? Yes. Hola! I am Tomás, from San Martín Tilcajete, in Oaxaca.
I want to show you how I make an alebrije, from the beginning.

First, the wood. It is copal, and we cut it green, when it still smells sweet, like incense.
I carve with a machete first, then with small knives. The wood tells you what animal it wants to be. This one wanted to be a jaguar, but with wings.
Then it must dry, sometimes for a whole year. It cracks, and we fill the cracks with sawdust and glue. Nobody sees that part, but that is where the patience is.

Then, the painting. My wife Lupita draws the patterns, the little dots and the lines.
My brushes are very thin. Some I make myself, with hair from our cat, Chapulín. He does not agree with this.
Every dot is a small decision. My grandfather used to say, if you are angry, do not paint the eyes.
So I paint the eyes last, in the morning, when the house is quiet.
This jaguar goes to a girl in Monterrey. I hope she keeps it near a window.
EOF
  speech "$d/text.txt" "$d/speech.wav" en-us+m3 150 38 75 0.7 1.3
  py vtt "$d/speech.json" "$o/how-i-paint-an-alebrije.vtt"
  py scene tomas "$d"
  # phone mic: close and a bit boomy, the yard behind him
  mic "$d/speech.wav" "$d/voice.wav" 8
  roomtone 75 "$d/room.wav" 0.03
  sx -m "$d/voice.wav" "$d/room.wav" "$d/mix.wav"
  py level "$d/mix.wav" "$d/final.wav" --lufs -12
  py mouth "$d/speech.wav" --fps 30 --sprites "$d" --out "$d/mouth.txt"
  ff -i "$d/base.png" -f concat -safe 0 -i "$d/mouth.txt" -i "$d/blink.png" -i "$d/final.wav" \
     -filter_complex "
       [0:v]$(hold 30)[bg];
       [2:v]$(hold 30 yuva420p)[blink];
       [1:v]format=yuva420p,fps=30[m];
       [bg][m]overlay=0:0:eof_action=pass[b];
       [b][blink]overlay=0:0:enable='lt(mod(t,5.3),0.12)+lt(mod(t+1.3,8.9),0.12)'[c];
       [c]crop=360:640:x='9+6*sin(t*1.1)+2*sin(t*3.7)':y='16+10*sin(t*0.8+0.5)+4*sin(t*2.9)',
          transpose=cclock,format=yuv420p[v]" \
     -map '[v]' -map 3:a -t 75 -r 30 "${X264[@]}" -c:a aac -b:a 96k -ar 48000 "$d/upright.mp4"
  # tag it the way a phone does: frames stored sideways, display matrix says
  # "turn 90 degrees clockwise" (ffprobe side data: rotation=-90)
  if ffmpeg -hide_banner -h full 2>/dev/null | grep -q display_rotation; then
    ff -display_rotation:v:0 -90 -i "$d/upright.mp4" -c copy -movflags +faststart "$o/how-i-paint-an-alebrije.mp4"
  else
    ff -i "$d/upright.mp4" -c copy -metadata:s:v:0 rotate=-90 -movflags +faststart "$o/how-i-paint-an-alebrije.mp4"
  fi
}

# ======================================================================
# 3. Grace Wanjiru, Nairobi: a voice memo from her balcony (talking-life,
#    audio only, AAC .m4a, mono, recorded quietly)
# ======================================================================
piece_grace() {
  say "Grace Wanjiru: talking-life voice memo"
  local d="$WORK/grace" o="$OUT/grace-wanjiru"; mkdir -p "$d"; clear_dir grace-wanjiru
  cat > "$d/text.txt" <<'EOF'
Hi, it's Grace. I'm recording this on my balcony, because it's the only quiet place in the flat.
I just finished my fourth night shift this week. Children's ward.
Tonight a little boy, maybe six years old, asked me if nurses ever sleep. I told him, we sleep standing up, like horses. He laughed so hard the other mothers woke up.

My grandmother in Nyeri still thinks I work in an office. She calls every Sunday and asks if the computer is treating me well. I say, yes, Cucu. The computer is fine.
On my days off I'm learning to drive. My instructor is very patient. He prays a lot.

Anyway. The city is quiet now. Just the crickets, and a matatu somewhere playing music too loud.
I wanted to say that I'm tired, but I'm okay. More than okay, actually. Goodnight.
EOF
  speech "$d/text.txt" "$d/speech.wav" en-us+f5 162 60 60 1.2 1.3
  # phone mic close to the mouth: no room, narrow band
  sx "$d/speech.wav" -r 48000 -c 1 "$d/voice.wav" highpass 160 lowpass 7000 equalizer 3000 1q 2 gain -n -3
  # handling noise before she starts talking
  sx -n -r 48000 -c 1 "$d/thump.wav" synth 0.9 brownnoise vol 0.5 lowpass 300 fade q 0.01 0.9 0.6 pad 0.1 59
  py ambience crickets 60 3 "$d/crickets.wav"
  sx "$d/crickets.wav" "$d/crickets2.wav" vol 0.25 highpass 2000
  sx -n -r 48000 -c 1 "$d/traffic.wav" synth 60 brownnoise vol 0.06 lowpass 250 tremolo 0.07 60
  sx -m "$d/voice.wav" "$d/thump.wav" "$d/crickets2.wav" "$d/traffic.wav" "$d/mix.wav"
  py level "$d/mix.wav" "$d/final.wav" --lufs -28
  ff -i "$d/final.wav" -t 60 -ac 1 -c:a aac -b:a 64k -metadata title="balcony, 23:40" -movflags +faststart \
     "$o/voice-memo-balcony.m4a"
}

# ======================================================================
# 4. Ahmed Nasser, Alexandria: the little thing (voice note, Ogg Opus)
# ======================================================================
piece_ahmed() {
  say "Ahmed Nasser: little-thing voice note"
  local d="$WORK/ahmed" o="$OUT/ahmed-nasser"; mkdir -p "$d"; clear_dir ahmed-nasser
  cat > "$d/text.txt" <<'EOF'
Salam, this is Ahmed, in Alexandria.
The little thing I appreciate now? My neighbour, Umm Hassan, plays her old radio every Friday morning. Very loud. Always the same songs.
For years it annoyed me.
Since my father passed, I open the window to hear it.
Listen. It's playing now.
EOF
  speech "$d/text.txt" "$d/speech.wav" en-gb-x-gbcwmd+m2 158 42 21 0.4 0.6
  sx "$d/speech.wav" -r 48000 -c 1 "$d/voice.wav" highpass 140 lowpass 7500 reverb 10 70 20 0 0 -10 gain -n -2 pad 0 4
  py music radio "$d/radio.wav"
  # the radio across the street: tiny speaker, a little distortion, far away
  sx "$d/radio.wav" -r 48000 -c 1 "$d/radio2.wav" sinc 350-3200 overdrive 8 reverb 40 50 80 gain -n -6 \
     trim 0 14 pad 11 0 fade q 5 25 2
  sx "$d/radio2.wav" "$d/radio3.wav" vol 0.8
  sx -n -r 48000 -c 1 "$d/street.wav" synth 25 pinknoise vol 0.015 lowpass 1500
  sx -m "$d/voice.wav" "$d/radio3.wav" "$d/street.wav" "$d/mix.wav" trim 0 25
  py level "$d/mix.wav" "$d/final.wav" --lufs -16
  ff -i "$d/final.wav" -ac 1 -c:a libopus -b:a 40k -application voip -fflags +bitexact "$o/friday-radio.ogg"
}

# ======================================================================
# 5. Eilidh MacLeod, Isle of Skye: Sunday at Neist Point (filmed-life),
#    854x480 at 25 fps in a QuickTime .mov
# ======================================================================
piece_eilidh() {
  say "Eilidh MacLeod: filmed-life .mov"
  local d="$WORK/eilidh" o="$OUT/eilidh-macleod"; mkdir -p "$d"; clear_dir eilidh-macleod
  py scene eilidh "$d"
  printf '%s\n' "That's my dad's boat, the Eilidh. He named her after me, the year I was born." > "$d/l1.txt"
  printf '%s\n' "Every Sunday we take her out, whatever the weather. Mum says we're both daft." > "$d/l2.txt"
  printf '%s\n' "There! See the gannets? That means the mackerel are in." > "$d/l3.txt"
  local i
  for i in 1 2 3; do
    speech "$d/l$i.txt" "$d/l$i.wav" en-gb-scotland+f2 150 58 7 0.1 0.3
    sx "$d/l$i.wav" -r 48000 -c 1 "$d/v$i.wav" highpass 150 lowpass 7000 gain -n -4
  done
  sx "$d/v1.wav" "$d/p1.wav" pad 13 0
  sx "$d/v2.wav" "$d/p2.wav" pad 21.5 0
  sx "$d/v3.wav" "$d/p3.wav" pad 41.5 0
  # wind across the phone, waves below the cliff, gulls
  sx -n -r 48000 -c 1 "$d/wind.wav" synth 60 brownnoise vol 0.5 lowpass 650 highpass 50 tremolo 0.09 70 tremolo 0.23 30
  sx -n -r 48000 -c 1 "$d/waves.wav" synth 60 pinknoise vol 0.25 lowpass 1100 tremolo 0.125 85
  py ambience gulls 60 11 "$d/gulls.wav"
  sx "$d/gulls.wav" "$d/gulls2.wav" vol 0.5 reverb 40 50 100
  sx -m "$d/wind.wav" "$d/waves.wav" "$d/gulls2.wav" "$d/p1.wav" "$d/p2.wav" "$d/p3.wav" "$d/mix.wav" trim 0 60
  py level "$d/mix.wav" "$d/final.wav" --lufs -24
  # five gannets: two early, three at "see the gannets?"; each flaps between two drawings
  local birds="" n=0 spec t0 v y0 ph
  local inputs=(-i "$d/sky.png" -i "$d/clouds.png" -i "$d/land.png" -i "$d/glitter1.png" -i "$d/glitter2.png"
                -i "$d/boat.png" -i "$d/grass.png" -i "$d/vignette.png" -i "$d/bird_up.png" -i "$d/bird_dn.png"
                -i "$d/final.wav")
  birds+="[8:v]$(hold 25 yuva420p),split=5[u0][u1][u2][u3][u4];[9:v]$(hold 25 yuva420p),split=5[w0][w1][w2][w3][w4];"
  local prev="s6"
  for spec in "2 60 118 0" "8 48 84 0.4" "40 95 170 0.1" "40.6 88 196 0.6" "41.3 100 150 0.3"; do
    read -r t0 v y0 ph <<<"$spec"
    local x="-40+(t-$t0)*$v" y="$y0+7*sin((t-$t0)*1.4)" on="between(t,$t0,$t0+940/$v)"
    birds+="[$prev][u$n]overlay=x='$x':y='$y':enable='$on*lt(mod(t*2.4+$ph,1),0.5)'[b${n}a];"
    birds+="[b${n}a][w$n]overlay=x='$x':y='$y':enable='$on*gte(mod(t*2.4+$ph,1),0.5)'[b${n}b];"
    prev="b${n}b"; n=$((n + 1))
  done
  ff "${inputs[@]}" -filter_complex "
    [0:v]$(hold 25)[sky];
    [1:v]$(hold 25 yuva420p)[clouds];
    [2:v]$(hold 25 yuva420p)[land];
    [3:v]$(hold 25 yuva420p)[g1];
    [4:v]$(hold 25 yuva420p)[g2];
    [5:v]$(hold 25 yuva420p),rotate=a='0.035*sin(t*1.9+0.8)':c=none:ow=190:oh=120[boat];
    [6:v]$(hold 25 yuva420p)[grass];
    [7:v]$(hold 25 yuva420p)[vig];
    [sky][clouds]overlay=x='-120-t*7':y=0[s1];
    [s1][land]overlay=0:0[s2];
    [s2][g1]overlay=x='-100+40*sin(t*0.23)':y=0[s3];
    [s3][g2]overlay=x='-100-40*sin(t*0.31+1)':y=0[s4];
    [s4][boat]overlay=x='325+t*1.3':y='262+3*sin(t*1.9)'[s5];
    [s5]null[s6];
    $birds
    [$prev][grass]overlay=x='2*sin(t*1.7)+sin(t*4.1)':y=0[s7];
    [s7][vig]overlay=0:0[s8];
    [s8]crop=854:480:x='13+5*sin(t*0.6)+2*sin(t*2.3)':y='7+3*sin(t*0.5+1)+1.5*sin(t*2.9)',format=yuv420p[v]" \
    -map '[v]' -map 10:a -t 60 -r 25 "${X264[@]}" -c:a aac -b:a 80k -ar 48000 -f mov \
    "$o/sunday-at-neist-point.mov"
}

# ======================================================================
# 6. Priya Raman, Chennai: a sketch appearing stroke by stroke
#    (filmed-process), tanpura in the background, a few quiet words
# ======================================================================
piece_priya() {
  say "Priya Raman: filmed-process sketch timelapse"
  local d="$WORK/priya" o="$OUT/priya-raman"; mkdir -p "$d"; clear_dir priya-raman
  py scene priya "$d"
  py sketch "$d" "$d/scratch.wav" |
    ff -f rawvideo -pix_fmt rgb24 -s 640x360 -r 30 -i - -i "$d/wash.png" -filter_complex "
      [0:v]format=gbrp[sk];
      [1:v]$(hold 30 gbrp),fade=in:st=53:d=5:color=white[wash];
      [sk][wash]blend=all_mode=multiply,format=yuv420p[v]" \
      -map '[v]' -t 60 -r 30 "${X264[@]}" "$d/video.mp4"
  printf '%s\n' "Sunday morning at the Kapaleeshwarar temple tank, before it gets hot." \
    "I always start with the gopuram, because it doesn't move." > "$d/l1.txt"
  printf '%s\n' "Forty minutes of drawing, one minute of your time." \
    "The pigeons never stay still for me." > "$d/l2.txt"
  speech "$d/l1.txt" "$d/l1.wav" en-gb-x-rp+f3 148 64 9 0.1 0.3
  speech "$d/l2.txt" "$d/l2.wav" en-gb-x-rp+f3 148 64 6.3 0.1 0.3
  sx "$d/l1.wav" -r 48000 -c 1 "$d/v1.wav" highpass 120 reverb 25 50 60 0 0 -10 gain -n -6 pad 0.8 0
  sx "$d/l2.wav" -r 48000 -c 1 "$d/v2.wav" highpass 120 reverb 25 50 60 0 0 -10 gain -n -6 pad 51 0
  py music tanpura "$d/tanpura.wav"
  sx "$d/tanpura.wav" -r 48000 -c 1 "$d/tanpura2.wav" gain -n -20 fade q 2 60 4
  sx "$d/scratch.wav" "$d/scratch2.wav" gain -n -24
  sx -m "$d/v1.wav" "$d/v2.wav" "$d/tanpura2.wav" "$d/scratch2.wav" "$d/mix.wav" trim 0 60
  py level "$d/mix.wav" "$d/final.wav" --lufs -23
  ff -i "$d/video.mp4" -i "$d/final.wav" -map 0:v -map 1:a -c:v copy -c:a aac -b:a 72k -ar 48000 \
     -movflags +faststart "$o/mylapore-tank-sketch.mp4"
}

# ======================================================================
# 7. Yuki Sato, Sapporo: "The Fox and the First Snow" (animation),
#    VP9 + Opus in WebM, 24 fps
# ======================================================================
piece_yuki() {
  say "Yuki Sato: animated short (WebM)"
  local d="$WORK/yuki" o="$OUT/yuki-sato"; mkdir -p "$d"; clear_dir yuki-sato
  py scene yuki "$d"
  py music musicbox "$d/musicbox.wav"
  py sfx "$d/sfx.wav"
  sx -n -r 44100 -c 2 "$d/wind.wav" synth 45 pinknoise vol 0.08 lowpass 900 tremolo 0.1 80 fade q 3 45 3
  sx -m "$d/musicbox.wav" "$d/sfx.wav" "$d/wind.wav" "$d/mix.wav" trim 0 45
  py level "$d/mix.wav" "$d/final.wav" --lufs -16
  # fox timeline: walk in (4.5-15 s), sit and watch the snow, two jumps (18 s, 21 s),
  # lights come on (26.5 s), walk to the house (27-35 s), sleep under the window
  local walking="(between(t,4.5,14.99)+between(t,27,34.99))"
  local fx="if(lt(t,15),-90+(t-4.5)*30.5,if(lt(t,27),230,if(lt(t,35),230+(t-27)*27,446)))"
  local fy="242-2*abs(sin(t*PI*3))*$walking-70*sin(PI*(t-18))*between(t,18,19)-70*sin(PI*(t-21))*between(t,21,22)"
  local jumping="(between(t,18,19)+between(t,21,22))"
  ff -i "$d/sky.png" -i "$d/stars.png" -i "$d/moon.png" -i "$d/land.png" -i "$d/lit.png" \
     -i "$d/snow1.png" -i "$d/snow2.png" -i "$d/fox_walk_a.png" -i "$d/fox_walk_b.png" -i "$d/fox_sit.png" \
     -i "$d/fox_sleep.png" -i "$d/title.png" -i "$d/end.png" -i "$d/final.wav" -filter_complex "
       [0:v]$(hold 24)[sky];
       [1:v]$(hold 24 yuva420p),fade=in:st=28:d=6:alpha=1[stars];
       [2:v]$(hold 24 yuva420p)[moon];
       [3:v]$(hold 24 yuva420p)[land];
       [4:v]$(hold 24 yuva420p),fade=in:st=26.5:d=0.6:alpha=1[lit];
       [5:v]$(hold 24 yuva420p),fade=in:st=11:d=4:alpha=1[sn1];
       [6:v]$(hold 24 yuva420p),fade=in:st=13:d=4:alpha=1[sn2];
       [7:v]$(hold 24 yuva420p)[fa]; [8:v]$(hold 24 yuva420p)[fb];
       [9:v]$(hold 24 yuva420p)[fs]; [10:v]$(hold 24 yuva420p)[fz];
       [11:v]$(hold 24 yuva420p),fade=out:st=4:d=1:alpha=1[title];
       [12:v]$(hold 24 yuva420p),fade=in:st=41.5:d=1:alpha=1[end];
       [sky][stars]overlay=0:0[a1];
       [a1][moon]overlay=x=80:y='240-150*clip((t-24)/18,0,1)'[a2];
       [a2][land]overlay=0:0[a3];
       [a3][fa]overlay=x='$fx':y='$fy':enable='$walking*lt(mod(t*6,2),1)'[a4];
       [a4][fb]overlay=x='$fx':y='$fy':enable='$walking*gte(mod(t*6,2),1)+$jumping'[a5];
       [a5][fs]overlay=x='$fx':y='$fy':enable='between(t,15,17.99)+between(t,19,20.99)+between(t,22,26.99)'[a6];
       [a6][fz]overlay=x='$fx':y='$fy':enable='gte(t,35)'[a7];
       [a7]eq=brightness='-0.16*clip((t-18)/16,0,1)':saturation='1-0.25*clip((t-18)/16,0,1)':eval=frame[a8];
       [a8][lit]overlay=0:0[a9];
       [a9][sn2]overlay=x='8*sin(t*0.7)':y='-360+mod(t*34,360)'[a10];
       [a10][sn1]overlay=x='5*sin(t*0.9+1)':y='-360+mod(t*20,360)'[a11];
       [a11]fade=out:st=41:d=1.2:color=0x101420[a12];
       [a12][end]overlay=0:0[a13];
       [a13][title]overlay=0:0,fade=in:st=0:d=0.6,fade=out:st=44.2:d=0.8,format=yuv420p[v]" \
     -map '[v]' -map 13:a -t 45 -r 24 -c:v libvpx-vp9 -b:v 0 -crf 36 -deadline realtime -cpu-used 5 -row-mt 1 \
     -c:a libopus -b:a 80k -fflags +bitexact "$o/the-fox-and-the-first-snow.webm"
}

# ======================================================================
# 8. Leila Haddad, Amman: steam from her morning coffee (little-thing video)
# ======================================================================
piece_leila() {
  say "Leila Haddad: little-thing video"
  local d="$WORK/leila" o="$OUT/leila-haddad"; mkdir -p "$d"; clear_dir leila-haddad
  py scene leila "$d"
  # shellcheck disable=SC1091
  source "$d/scene.env"
  cat > "$d/text.txt" <<'EOF'
Every morning, before anyone else is awake, I make coffee with cardamom,
and I watch the steam turn gold in the light from the window.
Five minutes that belong only to me.
EOF
  speech "$d/text.txt" "$d/speech.wav" en-us+anika 138 56 11 0.1 0.6
  sx "$d/speech.wav" -r 48000 -c 1 "$d/voice.wav" highpass 120 lowpass 8000 reverb 20 60 40 0 0 -9 gain -n -4 pad 5 0
  # a spoon against the mug, sparrows outside, the fridge hum
  sx -n -r 48000 -c 1 "$d/clink.wav" synth 1.2 sine 2950 sine 5120 sine 7480 fade p 0.002 1.2 1.15 gain -14 pad 0.8 28
  py ambience sparrows 30 4 "$d/birds.wav"
  sx "$d/birds.wav" "$d/birds2.wav" vol 0.35 lowpass 6000 reverb 30 70 80
  roomtone 30 "$d/room.wav" 0.03
  sx -n -r 48000 -c 1 "$d/hum.wav" synth 30 sine 120 vol 0.003
  sx -m "$d/voice.wav" "$d/clink.wav" "$d/birds2.wav" "$d/room.wav" "$d/hum.wav" "$d/mix.wav" trim 0 30
  py level "$d/mix.wav" "$d/final.wav" --lufs -27
  ff -i "$d/base.png" -i "$d/steam_noise.png" -i "$d/steam_mask.png" -i "$d/dust.png" -i "$d/final.wav" \
     -f lavfi -i "color=c=white:s=160x200:r=30" -filter_complex "
       [0:v]$(hold 30)[bg];
       [1:v]$(hold 30 gray),crop=160:200:x=0:y='1180-t*32'[n];
       [2:v]$(hold 30 gray)[m];
       [n][m]blend=all_mode=multiply[alpha];
       [5:v][alpha]alphamerge,format=yuva420p,colorchannelmixer=aa=0.95[steam];
       [3:v]$(hold 30 yuva420p)[dust];
       [bg][dust]overlay=x='4*sin(t*0.25)':y='-t*1.4'[a];
       [a][steam]overlay=x='$STEAM_X+4*sin(t*0.8)':y=$STEAM_Y,format=yuv420p[v]" \
     -map '[v]' -map 4:a -t 30 -r 30 "${X264[@]}" -c:a aac -b:a 64k -ar 48000 "$o/morning-steam.mp4"
}

# ======================================================================
# 9. Desmond Clarke, Kingston: "Sunday on Mountain View" (music),
#    one-drop reggae with spoken lyrics, FLAC 44.1 kHz stereo, mastered loud
# ======================================================================
piece_desmond() {
  say "Desmond Clarke: song (FLAC)"
  local d="$WORK/desmond" o="$OUT/desmond-clarke"; mkdir -p "$d"; clear_dir desmond-clarke
  py music reggae "$d/song.wav"
  sx "$d/song.wav" "$d/song2.wav" reverb 20 50 70 100 0 -8 fade q 0 -0 1.2
  py level "$d/song2.wav" "$d/final.wav" --lufs -12
  ff -i "$d/final.wav" -c:a flac -compression_level 12 -metadata title="Sunday on Mountain View" \
     -metadata artist="Desmond Clarke" -metadata date=2026 "$o/sunday-on-mountain-view.flac"
}

# ======================================================================
# 10. Lucas Pereira (Florianópolis) and Nguyen Thi Lan (Hanoi): photographs
# ======================================================================
piece_photos() {
  say "Lucas Pereira + Nguyen Thi Lan: photographs"
  clear_dir lucas-pereira; clear_dir nguyen-thi-lan
  py photos "$OUT"
  local orient
  orient="$(identify -format '%[orientation]' "$OUT/lucas-pereira/number-27.jpg")"
  [ "$orient" = RightTop ] || { echo "number-27.jpg: expected EXIF orientation RightTop, got $orient" >&2; exit 1; }
}

# ======================================================================
# 11. Marta Kowalczyk, Kraków: a poem (.txt) and a letter (.md)
# ======================================================================
piece_marta() {
  say "Marta Kowalczyk: poem and letter"
  local o="$OUT/marta-kowalczyk"; clear_dir marta-kowalczyk
  cat > "$o/first-snow-kazimierz.txt" <<'EOF'
First Snow, Kazimierz

The tram bell rings it in before I see it:
a hush that settles on the cobbles
like flour on my grandmother's board.
The man who sells obwarzanki on Dietla
turns up his collar and laughs at the sky,
and the pigeons on Plac Nowy
forget, for a minute, to argue.
I had a list of things to worry about.
It is still in my pocket,
going soft along the folds.
Across the street a girl
writes her name on a parked car,
one careful letter at a time,
and the snow, patient as a teacher,
fills each letter in again.
I walk home the long way,
the way you taught me, past the bakery,
past the river that will not freeze,
carrying the quiet like warm bread.

— Marta Kowalczyk, 22 November 2026
EOF
  cat > "$o/letter-to-the-librarian.md" <<'EOF'
# To the librarian on Rajska Street

Pani Halina,

You will not remember me. In 1999 I was the girl in the green anorak who came in
every afternoon because the library was warmer than home. I read everything on the
lowest shelf, and then one day you put a book of Szymborska in my hands and said,
*this one is for later, but take it now.*

I did not understand half of it. I understood that a poem could be about an onion,
or a cat in an empty flat, and still be about everything.

This week my first small collection was printed: forty copies, hand-stitched, paid
for with my own money. The first copy went to my mother. The second one is for you,
if the library will pass it on.

Thank you for *later*. It came.

— Marta
EOF
}

# ======================================================================
# 12. Kai Larsen, Tromsø: "holiday-clip.mp4", which is really a ZIP archive
#     (a disguised file the pipeline must reject)
# ======================================================================
piece_kai() {
  say "Kai Larsen: ZIP archive disguised as .mp4"
  local d="$WORK/kai" o="$OUT/kai-larsen"; mkdir -p "$d"; clear_dir kai-larsen
  convert -size 320x180 gradient:#0b1d3a-#1f8a5b -depth 8 -quality 80 "$d/thumb.jpg"
  py zipclip "$d/thumb.jpg" "$o/holiday-clip.mp4"
}

# ======================================================================
# The manifest (always rewritten from the files that exist)
# ======================================================================
write_manifest() {
  say "manifest.jsonl"
  py manifest "$OUT"
}

# ======================================================================
# Build the pieces, two at a time (SAMPLE_MEDIA_JOBS=1 for one by one).
# Each piece logs to its own file; the logs are printed when it finishes.
# ======================================================================
PIECES=(desmond yuki priya eilidh amara tomas photos grace leila ahmed marta kai)
JOBS="${SAMPLE_MEDIA_JOBS:-2}"
run_piece() {
  set +e
  ( set -e; "piece_$1" ) >"$WORK/log.$1" 2>&1
  echo $? >"$WORK/rc.$1"
}
for p in "${PIECES[@]}"; do
  want "$p" || continue
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 0.5; done
  run_piece "$p" &
done
wait
failed=()
for p in "${PIECES[@]}"; do
  want "$p" || continue
  cat "$WORK/log.$p"
  [ "$(cat "$WORK/rc.$p" 2>/dev/null || echo 1)" = 0 ] || failed+=("$p")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]} (see the output above)" >&2
  exit 1
fi
write_manifest
say "done: $(du -sh "$OUT" | cut -f1) in $OUT"
