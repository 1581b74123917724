#!/usr/bin/env bash
# Picks up a show's newest episode as a publishing system does: reads the JSON feed, downloads every file of the
# episode's current revision, checks each against manifest.json (size and SHA-256; the manifest against the feed),
# and only then moves the revision into place, atomically:
#
#   <target>/<show>/<air-date>/r<N>/...   and   <target>/<show>/<air-date>/current -> r<N>
#
# Usage: ops/consume-latest.sh <base-url> <show> <target-dir>
#   e.g. ops/consume-latest.sh https://ensemble.example.org tiny-show /srv/pickup
# ENSEMBLE_TOKEN, when set, is sent as a bearer token (the /api/publish/** endpoints want a PUBLISHER token).
# Exit codes: 0 picked up (or already had it), 1 a check failed or a tool is missing (nothing moved into place),
# 2 wrong usage.
# Needs: bash, curl, sha256sum, python3 (only to read JSON).
set -euo pipefail

if [ $# -ne 3 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
for tool in curl sha256sum python3; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "consume-latest.sh needs $tool, which this machine lacks (Debian: apt-get install curl coreutils python3)" >&2; exit 1; }
done
base="${1%/}"
show="$2"
target="$3"

auth=()
if [ -n "${ENSEMBLE_TOKEN:-}" ]; then
  auth=(-H "Authorization: Bearer ${ENSEMBLE_TOKEN}")
fi
fetch() { curl -fsS --retry 3 --retry-delay 1 "${auth[@]}" -o "$2" "$1"; }

mkdir -p "$target"
work="$(mktemp -d "${target%/}/.incoming-XXXXXX")"
trap 'rm -rf "$work"' EXIT

fetch "$base/api/publish/shows/$show/feed.json" "$work/feed.json"
# air date, revision, manifest URL and manifest SHA-256 of the newest episode
read -r air_date revision manifest_url manifest_sha < <(python3 - "$work/feed.json" <<'PY'
import json, sys
feed = json.load(open(sys.argv[1]))
if not feed["episodes"]:
    sys.exit("no episode in the feed")
e = feed["episodes"][0]
print(e["airDate"], e["revision"], e["manifest"], e["manifestSha256"])
PY
)
final="${target%/}/$show/$air_date/r$revision"
if [ -f "$final/manifest.json" ]; then
  echo "already have $show $air_date r$revision: $final"
  exit 0
fi

staging="$work/r$revision"
mkdir -p "$staging"
fetch "$manifest_url" "$staging/manifest.json"
echo "$manifest_sha  $staging/manifest.json" | sha256sum -c --quiet - || { echo "manifest.json does not match the feed" >&2; exit 1; }

# every file the manifest lists, checked by size and SHA-256; file URLs sit beside the manifest's
files_base="${manifest_url%/manifest.json}"
while read -r name bytes sha; do
  case "$name" in */*|.*|'') echo "refusing file name '$name'" >&2; exit 1 ;; esac
  fetch "$files_base/$name" "$staging/$name"
  size=$(stat -c %s "$staging/$name")
  [ "$size" = "$bytes" ] || { echo "$name: $size bytes, manifest says $bytes" >&2; exit 1; }
  echo "$sha  $staging/$name" | sha256sum -c --quiet - || { echo "$name: checksum mismatch" >&2; exit 1; }
done < <(python3 - "$staging/manifest.json" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    print(f["name"], f["bytes"], f["sha256"])
PY
)

# into place: one rename of a complete folder, then the current link replaced by a rename too
sync "$staging"/* 2>/dev/null || sync
mkdir -p "$(dirname "$final")"
mv -T "$staging" "$final"
ln -sfn "r$revision" "$work/current"
mv -T "$work/current" "$(dirname "$final")/current"
echo "picked up $show $air_date r$revision: $final"
