#!/usr/bin/env bash
# Makes jobs/assets/create-together/bed.flac, the sound bed the show file names (see make-show-bed.py).
# Needs python3 (standard library only) and ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in python3 ffmpeg; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-show-bed.sh: needs $tool (Debian: apt-get install $tool)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 ops/sample-media/make-show-bed.py "$tmp/bed.wav"
mkdir -p jobs/assets/create-together
ffmpeg -hide_banner -loglevel error -y -i "$tmp/bed.wav" -c:a flac -compression_level 12 -bitexact -map_metadata -1 \
  jobs/assets/create-together/bed.flac
ls -l jobs/assets/create-together/bed.flac
