#!/usr/bin/env python3
"""Generates the benchmark week for ops/bench/run.sh (python3 stdlib + ffmpeg).

    python3 ops/bench/make_week.py --inbox DIR --jobs DIR --pieces N --seconds S [--runtime-pieces M]
                                   [--house WxH] [--template FILE]

Writes into --inbox:  pNN/clip.mp4 (one per piece), manifest.jsonl, week.env (the parameters the floor script
reads) and .stamp (so an identical week is not generated twice).  Writes into --jobs: bench-show.yaml, the
template with `runtime:` set to intro + outro + M x S (M = --runtime-pieces, default N; with M < N the planner
leaves N - M pieces out), pieceMaxSeconds raised if S exceeds it, and the house frame set to --house.

Every piece is a deterministic lavfi picture with texture and motion (testsrc2, life, cellauto, colorspectrum, ...
with seeded temporal noise; no `gradients`: it is not reproducible even with a seed) at 640x360 or 854x480, 25 or 30 fps, and a tone / noise / modulated sound at a different level
(roughly -34 to -10 dBFS), mono or stereo, 44.1 or 48 kHz; H.264 + AAC in MP4. Each file lasts S + 1 s and the
manifest uses trimOut = S, so every piece is exactly S x house-fps frames long whatever the container says.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone

# (name, lavfi video source; {w},{h},{r},{seed} are filled in)
VIDEO = [
    ("testsrc2", "testsrc2=s={w}x{h}:r={r},format=yuv420p,noise=alls=10:allf=t+u:all_seed={seed}"),
    ("life", "life=s={w}x{h}:r={r}:seed={seed}:ratio=0.08:mold=40:life_color=#40c0ff:death_color=#301020:"
             "mold_color=#204060,format=yuv420p,gblur=sigma=1.2"),
    ("spectrum-pan", "colorspectrum=s={w2}x{h}:r={r}:type=all,crop={w}:{h}:x='({w2}-{w})/2*(1+sin(t/3))':y=0,"
                     "hue=H=0.8*t,format=yuv420p,noise=alls=6:allf=t+u:all_seed={seed}"),
    ("cellauto", "cellauto=s={w}x{h}:r={r}:rule=110:random_seed={seed}:scroll=1:full=1,format=yuv420p,"
                 "hue=H=0.6*t,noise=alls=6:allf=t:all_seed={seed}"),
    ("smpte-pan", "smptehdbars=s={w2}x{h}:r={r},crop={w}:{h}:x='({w2}-{w})/2*(1+sin(t/2))':y=0,"
                  "format=yuv420p,noise=alls=16:allf=t+u:all_seed={seed}"),
    ("testsrc-rotate", "testsrc=s={w}x{h}:r={r},rotate=a=0.15*t:fillcolor=#202830,format=yuv420p,noise=alls=8:allf=t:all_seed={seed}"),
    ("mandel-zoom", "mandelbrot=s={ws}x{hs}:r={r}:start_scale=1.5:end_scale=0.3:end_pts=60,scale={w}:{h},"
                    "format=yuv420p,noise=alls=8:allf=t:all_seed={seed}"),
    ("rgb-hue", "rgbtestsrc=s={w}x{h}:r={r},hue=H=1.2*t:s=1+0.5*sin(t),format=yuv420p,noise=alls=20:allf=t+u:all_seed={seed}"),
]

# (name, lavfi audio source; {rate},{seed} filled in) - the level is applied with volume= afterwards
AUDIO = [
    ("tone", "sine=f=330:r={rate}"),
    ("pink-noise", "anoisesrc=c=pink:r={rate}:a=0.5:seed={seed}"),
    ("voice-like", "aevalsrc='sin(2*PI*170*t)*(0.55+0.45*sin(2*PI*3.3*t))+0.4*sin(2*PI*340*t)*(0.5+0.5*sin(2*PI*4.1*t))':s={rate}"),
    ("chord", "aevalsrc='0.4*sin(2*PI*261.6*t)+0.3*sin(2*PI*329.6*t)+0.3*sin(2*PI*392*t)':s={rate}"),
    ("brown-noise", "anoisesrc=c=brown:r={rate}:a=0.7:seed={seed}"),
    ("sweep", "aevalsrc='0.8*sin(2*PI*(200+60*t)*t)*(0.6+0.4*sin(2*PI*0.5*t))':s={rate}"),
]
LEVELS_DB = [-12, -24, -6, -30, -18, -3, -26, -15]  # applied to sources near 0 dBFS -> about -34 .. -10 LUFS

CATEGORIES = ["filmed-life", "talking-process", "filmed-process", "animation", "music", "filmed-life",
              "talking-process", "filmed-process", "animation"]
NAMES = ["Amara Okafor", "Tomás Rivera", "Mei Lin", "Kai Larsen", "Priya Nair", "Jonas Weber", "Aiyana Redcloud",
         "Sofia Conti", "Yusuf Demir", "Hana Sato", "Lucas Moreau", "Zanele Dube", "Ivan Petrov", "Leila Haddad",
         "Mateo Silva", "Freya Nilsson"]
PLACES = ["Lagos", "Oaxaca", "Chengdu", "Bergen", "Kochi", "Leipzig", "Albuquerque", "Turin", "Izmir", "Sapporo"]


SMALL = False  # --small: every piece 320x180 (the memory bench: many pieces, little encoding)


def piece_params(i):
    big = i % 2 == 1
    w, h = (320, 180) if SMALL else (854, 480) if big else (640, 360)
    return {
        "index": i,
        "width": w, "height": h,
        "fps": 30 if i % 3 == 1 else 25,
        "video": VIDEO[i % len(VIDEO)],
        "audio": AUDIO[i % len(AUDIO)],
        "level_db": LEVELS_DB[i % len(LEVELS_DB)],
        "channels": 1 if i % 4 == 3 else 2,
        "rate": 44100 if i % 2 == 0 else 48000,
        "seed": 1000 + 37 * i,
    }


def category(i, n):
    if i == 0:
        return "talking-life"
    if i == n - 1 and n > 1:
        return "little-thing"
    return CATEGORIES[(i - 1) % len(CATEGORIES)]


def make_clip(p, seconds, path):
    dur = seconds + 1
    v = p["video"][1].format(w=p["width"], h=p["height"], r=p["fps"], seed=p["seed"], w2=p["width"] * 2,
                             ws=p["width"] // 2, hs=p["height"] // 2)
    a = p["audio"][1].format(rate=p["rate"], seed=p["seed"])
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
           "-f", "lavfi", "-i", v, "-f", "lavfi", "-i", a,
           "-filter_complex", f"[0:v]format=yuv420p,setsar=1[v];"
                              f"[1:a]volume={p['level_db']}dB,aformat=channel_layouts={'mono' if p['channels'] == 1 else 'stereo'}[a]",
           "-map", "[v]", "-map", "[a]", "-t", str(dur),
           "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", str(p["fps"] * 2), "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-b:a", "128k", "-ar", str(p["rate"]), "-ac", str(p["channels"]),
           "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
           "-movflags", "+faststart", str(path)]
    subprocess.run(cmd, check=True)
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                           check=True, capture_output=True, text=True).stdout.strip()
    if float(probe) < seconds:
        sys.exit(f"{path} lasts {probe} s, expected at least {seconds}")


def show_file(template, pieces, seconds, house=None):
    text = open(template, encoding="utf-8").read()
    if house:
        w, h = house
        text = re.sub(r"^(\s*width:\s*)\d+", rf"\g<1>{w}", text, count=1, flags=re.M)
        text = re.sub(r"^(\s*height:\s*)\d+", rf"\g<1>{h}", text, count=1, flags=re.M)
    intro = float(re.search(r"^\s*introSeconds:\s*([\d.]+)", text, re.M).group(1))
    outro = float(re.search(r"^\s*outroSeconds:\s*([\d.]+)", text, re.M).group(1))
    piece_max = float(re.search(r"^\s*pieceMaxSeconds:\s*([\d.]+)", text, re.M).group(1))
    total = intro + outro + pieces * seconds
    if total != int(total):
        sys.exit("intro + outro + pieces x seconds must be whole seconds")
    total = int(total)
    runtime = f"{total // 3600:02d}:{total // 60 % 60:02d}:{total % 60:02d}"
    text = re.sub(r'^runtime:.*$', f'runtime: "{runtime}"           # intro + outro + {pieces} x {seconds} s (set by run.sh)',
                  text, count=1, flags=re.M)
    if piece_max < seconds:
        text = re.sub(r"^(\s*pieceMaxSeconds:\s*)[\d.]+", rf"\g<1>{seconds}", text, count=1, flags=re.M)
    get = lambda key: re.search(rf"^\s*{key}:\s*(-?[\w.]+)", text, re.M).group(1)
    params = {
        "WIDTH": get("width"), "HEIGHT": get("height"), "FPS": get("frameRate"), "SAMPLE_RATE": get("sampleRate"),
        "CHANNELS": get("channels"), "AUDIO_KBPS": get("audioBitrateKbps"), "PIX_FMT": get("pixelFormat"),
        "LUFS": get("integratedLufs"), "TRUE_PEAK": get("truePeakDbtp"), "LRA": get("rangeLu"),
        "INTRO_SECONDS": f"{intro:g}", "OUTRO_SECONDS": f"{outro:g}", "RUNTIME_SECONDS": str(total),
    }
    return text, params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inbox", required=True)
    ap.add_argument("--jobs", required=True)
    ap.add_argument("--pieces", type=int, default=8)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--small", action="store_true", help="every piece 320x180")
    ap.add_argument("--runtime-pieces", type=int, default=0,
                    help="the runtime holds only this many pieces (default: all), so the planner must choose")
    ap.add_argument("--house", default=None,
                    help="the show's house frame, WxH (default: the template's)")
    ap.add_argument("--template", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "jobs", "bench-show.yaml"))
    args = ap.parse_args()
    global SMALL
    SMALL = args.small
    if args.pieces < 1 or args.seconds < 3:
        sys.exit("need at least 1 piece of at least 3 s (pieceMinSeconds)")

    if args.runtime_pieces < 0 or args.runtime_pieces > args.pieces:
        sys.exit("--runtime-pieces must be between 1 and --pieces")
    house = None
    if args.house:
        m = re.fullmatch(r"(\d+)x(\d+)", args.house)
        if not m or int(m.group(1)) % 2 or int(m.group(2)) % 2 or int(m.group(1)) < 64 or int(m.group(2)) < 64:
            sys.exit(f"--house {args.house}: expected an even WIDTHxHEIGHT like 1920x1080")
        house = (int(m.group(1)), int(m.group(2)))
    runtime_pieces = args.runtime_pieces or args.pieces
    show_text, params = show_file(args.template, runtime_pieces, args.seconds, house)
    os.makedirs(args.jobs, exist_ok=True)
    with open(os.path.join(args.jobs, "bench-show.yaml"), "w", encoding="utf-8") as f:
        f.write(show_text)

    me = open(os.path.abspath(__file__), "rb").read()
    stamp = hashlib.sha256(me + f"|{args.pieces}|{args.seconds}|{args.small}".encode()).hexdigest()
    stamp_file = os.path.join(args.inbox, ".stamp")
    fresh = not (os.path.exists(stamp_file) and open(stamp_file).read().strip() == stamp)

    if fresh:
        if os.path.isdir(args.inbox):
            subprocess.run(["rm", "-rf", args.inbox], check=True)
        os.makedirs(args.inbox)
        base = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
        lines = []
        for i in range(args.pieces):
            p = piece_params(i)
            rel = f"p{i + 1:02d}/clip.mp4"
            os.makedirs(os.path.join(args.inbox, f"p{i + 1:02d}"))
            print(f"  piece {i + 1}/{args.pieces}: {p['width']}x{p['height']}@{p['fps']} {p['video'][0]}, "
                  f"{p['audio'][0]} at {p['level_db']} dB, {p['channels']} ch {p['rate']} Hz", flush=True)
            make_clip(p, args.seconds, os.path.join(args.inbox, rel))
            name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}")
            lines.append(json.dumps({
                "id": f"bench-{i + 1:02d}", "contributor": name, "category": category(i, args.pieces),
                "title": f"Bench piece {i + 1}: {p['video'][0]} with {p['audio'][0]}", "file": rel,
                "approvedAt": (base + timedelta(hours=7 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "location": PLACES[i % len(PLACES)], "trimOut": args.seconds,
            }, ensure_ascii=False))
        with open(os.path.join(args.inbox, "manifest.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    else:
        print(f"  the week in {args.inbox} is already generated ({args.pieces} x {args.seconds} s); reusing it")

    params.update({"PIECES": str(args.pieces), "RUNTIME_PIECES": str(runtime_pieces), "PIECE_SECONDS": str(args.seconds)})
    with open(os.path.join(args.inbox, "week.env"), "w") as f:
        for k, v in params.items():
            f.write(f"{k}={v}\n")
    if fresh:
        with open(stamp_file, "w") as f:
            f.write(stamp + "\n")


if __name__ == "__main__":
    main()
