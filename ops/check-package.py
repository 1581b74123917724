#!/usr/bin/env python3
"""Checks a published package the way a publishing system would, without any Ensemble code:
every file in manifest.json has the stated size and SHA-256, episode.edl reads as CMX 3600 with events
back to back whose record durations add up to the manifest's duration, and ffprobe / ebur128 agree with qc.json.

Usage: python3 ops/check-package.py var/outbox/create-together/2026-11-30/current
Exit code 0 when everything holds, 1 otherwise (each problem is printed).
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys


def main(folder):
    missing = [tool for tool in ("ffprobe", "ffmpeg") if shutil.which(tool) is None]
    if missing:
        print(f"check-package.py needs {' and '.join(missing)} on the PATH (Debian: apt-get install ffmpeg)")
        return 1
    if not os.path.isfile(os.path.join(folder, "manifest.json")):
        print(f"{folder}: no manifest.json here, so not a published revision (give a r<N> folder or current)")
        return 1
    problems = []
    manifest = json.load(open(os.path.join(folder, "manifest.json"), encoding="utf-8"))
    fps = manifest["frameRate"]
    for entry in manifest["files"]:
        path = os.path.join(folder, entry["name"])
        if not os.path.isfile(path):
            problems.append(f"{entry['name']}: listed in the manifest but missing")
            continue
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        if digest != entry["sha256"] or os.path.getsize(path) != entry["bytes"]:
            problems.append(f"{entry['name']}: size or SHA-256 differs from the manifest")

    def frames(tc):
        h, m, s, f = (int(x) for x in tc.split(":"))
        if f >= fps:
            raise ValueError(f"frame field out of range: {tc}")
        return ((h * 60 + m) * 60 + s) * fps + f

    event = re.compile(r"^(\d{3})  (\S{1,8})\s+(\S+)\s+(C)\s+(\S+) (\S+) (\S+) (\S+)\s*$")
    lines = open(os.path.join(folder, "episode.edl"), encoding="ascii").read().splitlines()
    if not lines[0].startswith("TITLE: ") or lines[1] != "FCM: NON-DROP FRAME":
        problems.append("episode.edl: no TITLE/FCM header")
    total, previous = 0, None
    for line in lines[2:]:
        m = event.match(line)
        if not m:
            continue
        src_in, src_out, rec_in, rec_out = (frames(m.group(i)) for i in range(5, 9))
        if src_out - src_in != rec_out - rec_in:
            problems.append(f"event {m.group(1)}: source and record lengths differ")
        if previous is not None and rec_in != previous:
            problems.append(f"event {m.group(1)}: gap or overlap at record {m.group(7)}")
        previous = rec_out
        total += rec_out - rec_in
    if total != manifest["durationFrames"]:
        problems.append(f"episode.edl lasts {total} frames, the manifest says {manifest['durationFrames']}")

    video = os.path.join(folder, "episode.mp4")
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-count_packets", "-show_streams", "-show_format",
                                       "-of", "json", video], capture_output=True, text=True, check=True).stdout)
    vframes = next(int(s["nb_read_packets"]) for s in probe["streams"] if s["codec_type"] == "video")
    if vframes != manifest["durationFrames"]:
        problems.append(f"episode.mp4 has {vframes} frames, the manifest says {manifest['durationFrames']}")
    ebur = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", video, "-af", "ebur128=peak=true", "-f", "null", "-"],
                          capture_output=True, text=True).stderr
    summary = ebur[ebur.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    print(f"{folder}: revision r{manifest['revision']}, publishAt {manifest['publishAt']}, {vframes} frames "
          f"({vframes / fps:.3f} s), EDL {total} frames, {integrated} LUFS, {peak} dBTP, "
          f"{len(manifest['files'])} files checked")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/outbox/create-together/2026-11-30/current"))
