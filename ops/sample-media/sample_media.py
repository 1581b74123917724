#!/usr/bin/env python3
"""Helper for make-sample-media.sh: drawings, sound synthesis and bookkeeping.

Python standard library only. Every random choice uses a fixed seed, so a re-run
draws the same pictures and plays the same notes. The shell script calls the
sub-commands at the bottom of this file; each one writes plain files (PNG, WAV,
JSON, text) that ffmpeg/sox then turn into the delivered media.
"""
import argparse
import array
import json
import operator
import math
import os
import random
import re
import subprocess
import sys
import wave
import zipfile

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
SANS = FONT_DIR + "/DejaVuSans.ttf"
SANS_BOLD = FONT_DIR + "/DejaVuSans-Bold.ttf"
SERIF = FONT_DIR + "/DejaVuSerif.ttf"
SERIF_BOLD = FONT_DIR + "/DejaVuSerif-Bold.ttf"
MONO = FONT_DIR + "/DejaVuSansMono.ttf"


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------- WAV helpers

def read_wav(path):
    """Return (list of channel arrays of floats in -1..1, sample rate)."""
    with wave.open(path, "rb") as w:
        n, ch, sr, sw = w.getnframes(), w.getnchannels(), w.getframerate(), w.getsampwidth()
        raw = w.readframes(n)
    if sw != 2:
        raise SystemExit(f"{path}: expected 16-bit PCM")
    data = array.array("h")
    data.frombytes(raw)
    if sys.byteorder == "big":
        data.byteswap()
    chans = []
    for c in range(ch):
        chans.append(array.array("f", (v / 32768.0 for v in data[c::ch])))
    return chans, sr


def write_wav(path, chans, sr):
    n = min(len(c) for c in chans)
    out = array.array("h", bytes(2 * n * len(chans)))
    nc = len(chans)
    for ci, c in enumerate(chans):
        for i in range(n):
            v = c[i]
            if v > 0.999:
                v = 0.999
            elif v < -0.999:
                v = -0.999
            out[i * nc + ci] = int(v * 32767)
    if sys.byteorder == "big":
        out.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(nc)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(out.tobytes())


def zeros(n):
    return array.array("f", bytes(4 * n))


# ------------------------------------------------------------------- speech

def espeak(text, voice, speed, pitch, out, amp=120, gap=None):
    cmd = ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-a", str(amp), "-w", out]
    if gap:
        cmd += ["-g", str(gap)]
    run(cmd + [text])


def trim_silence(x, sr, thr=0.012, pad=0.03):
    a = 0
    while a < len(x) and abs(x[a]) < thr:
        a += 1
    b = len(x) - 1
    while b > a and abs(x[b]) < thr:
        b -= 1
    p = int(pad * sr)
    return x[max(0, a - p):min(len(x), b + p + 1)]


def cmd_speech(a):
    """Speak a text (one caption cue per line, blank line = longer pause) and
    spread the pauses so the result lasts exactly --target seconds."""
    lines = open(a.text, encoding="utf-8").read().split("\n")
    cues, para_after = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            if para_after:
                para_after[-1] = True
            continue
        cues.append(ln)
        para_after.append(False)
    tmp = a.out + ".part.wav"
    clips, sr = [], 22050
    for cue in cues:
        spoken = cue.replace("*", "")
        espeak(spoken, a.voice, a.speed, a.pitch, tmp, amp=a.amp, gap=a.wordgap)
        (x,), sr = read_wav(tmp)
        clips.append(trim_silence(x, sr))
    os.remove(tmp)
    speech = sum(len(c) for c in clips) / sr
    gaps = [(a.para_gap if p else a.gap) for p in para_after[:-1]]
    room = a.target - a.pre - a.post - speech
    if gaps:
        k = max(0.35, min(2.5, room / sum(gaps))) if room > 0 else 0.35
        gaps = [g * k for g in gaps]
    post = a.target - a.pre - speech - sum(gaps)
    if post < 0.25:
        print(f"warning: {a.out}: speech too long for {a.target}s (post {post:.2f}s)", file=sys.stderr)
        post = 0.3
    out = zeros(int(a.pre * sr))
    timing = []
    for i, c in enumerate(clips):
        t0 = len(out) / sr
        out.extend(c)
        timing.append({"start": round(t0, 3), "end": round(len(out) / sr, 3), "text": cues[i]})
        if i < len(gaps):
            out.extend(zeros(int(gaps[i] * sr)))
    out.extend(zeros(int(post * sr)))
    write_wav(a.out, [out], sr)
    with open(a.timing, "w", encoding="utf-8") as f:
        json.dump({"duration": len(out) / sr, "speech": speech, "cues": timing}, f, indent=1)
    print(f"{os.path.basename(a.out)}: {len(out)/sr:.2f}s, speech {speech:.1f}s, "
          f"gap x{(sum(gaps)/max(1e-9, sum((a.para_gap if p else a.gap) for p in para_after[:-1]))) if gaps else 0:.2f}")


def vtt_time(t):
    h, r = divmod(t, 3600)
    m, s = divmod(r, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"


def wrap(text, width=42):
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    if cur:
        lines.append(cur)
    return lines


def cmd_vtt(a):
    """WebVTT from a speech timing file; long sentences become several cues."""
    t = json.load(open(a.timing, encoding="utf-8"))
    out = ["WEBVTT", ""]
    if a.title:
        out += ["NOTE " + a.title, ""]
    n = 1
    for cue in t["cues"]:
        # one cue per sentence (long sentences: per two lines of 42 characters)
        chunks = []
        for sent in re.split(r"(?<=[.!?:])\s+", cue["text"].replace("*", "")):
            lines = wrap(sent)
            chunks += [lines[i:i + 2] for i in range(0, len(lines), 2)]
        total = sum(len(" ".join(c)) for c in chunks)
        s = cue["start"] + a.offset
        dur = cue["end"] - cue["start"]
        for c in chunks:
            d = dur * len(" ".join(c)) / total
            out += [str(n), f"{vtt_time(s)} --> {vtt_time(s + d)}"] + c + [""]
            s += d
            n += 1
    open(a.out, "w", encoding="utf-8").write("\n".join(out))


def cmd_mouth(a):
    """ffmpeg concat list choosing a mouth drawing per video frame from loudness."""
    (x,), sr = read_wav(a.wav)
    hop = sr / a.fps
    nfr = int(len(x) / hop)
    env = []
    for f in range(nfr):
        s = int(f * hop)
        seg = x[s:int(s + hop)]
        env.append(math.sqrt(sum(v * v for v in seg) / max(1, len(seg))))
    ref = sorted(env)[int(0.95 * len(env))] or 1.0
    states, prev = [], 0
    for f, e in enumerate(env):
        r = e / ref
        st = 0 if r < 0.07 else 1 if r < 0.3 else 2 if r < 0.62 else 3
        if f % 2 == 1:  # mouths change at most 15 times a second
            st = prev
        states.append(st)
        prev = st
    runs = []
    for st in states:
        if runs and runs[-1][0] == st:
            runs[-1][1] += 1
        else:
            runs.append([st, 1])
    with open(a.out, "w") as f:
        f.write("ffconcat version 1.0\n")
        for st, k in runs:
            f.write(f"file '{os.path.abspath(a.sprites)}/mouth{st}.png'\nduration {k / a.fps:.5f}\n")
        f.write(f"file '{os.path.abspath(a.sprites)}/mouth0.png'\nduration 1\n")


def lufs(path):
    p = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128", "-f", "null", "-"],
                       capture_output=True, text=True)
    m = re.findall(r"I:\s+(-?[\d.]+) LUFS", p.stderr)
    return float(m[-1])


def cmd_level(a):
    """Gain a file so its integrated loudness lands on --lufs. Loud targets get a
    gentle compressor first; a limiter keeps peaks under -0.6 dBFS."""
    pre = "acompressor=threshold=-26dB:ratio=3:attack=8:release=120:makeup=2," if a.lufs > -17 else ""
    g = a.lufs - lufs(a.inp)
    for _ in range(4):
        af = f"{pre}volume={g:.2f}dB,alimiter=limit=0.93:attack=3:release=60:level=disabled"
        run(["ffmpeg", "-v", "error", "-y", "-i", a.inp, "-af", af, "-c:a", "pcm_s16le", a.out])
        got = lufs(a.out)
        if abs(got - a.lufs) < 0.4:
            break
        g += a.lufs - got
    print(f"{os.path.basename(a.out)}: {g:+.1f} dB -> {got:.1f} LUFS")


def cmd_lufs(a):
    print(f"{lufs(a.inp):.1f}")


# ------------------------------------------------------------------ drawing
# Scenes are written as ImageMagick MVG (vector drawing) text and rendered with
# the `mvg:` coder (the `-draw @file` form is blocked by Debian's IM policy).

def render(out, w, h, body, bg="none", post=()):
    mvg = out + ".mvg"
    with open(mvg, "w", encoding="utf-8") as f:
        f.write(f"viewbox 0 0 {w} {h}\n" + body)
    run(["convert", "-background", bg, "mvg:" + mvg, *post, "-depth", "8", out])
    os.remove(mvg)


def finish(inp, out, w, h, seed, grain=0.05, vig=0.35, blur=0.5, extra=()):
    """Soften vector edges, add fixed film grain and a vignette."""
    g = int(grain * 100)
    run(["convert", inp, "-blur", f"0x{blur}",
         "(", "-size", f"{w}x{h}", "xc:gray50", "-seed", str(seed), "-attenuate", "1",
         "+noise", "Gaussian", "-colorspace", "gray", "-blur", "0x0.5",
         "+level", f"{50 - g}%,{50 + g}%", ")", "-compose", "Overlay", "-composite",
         "(", "-size", "600x600", "radial-gradient:white-black", "-resize", f"{w}x{h}!",
         "+level", f"{int(100 * (1 - vig))}%,115%", ")", "-compose", "Multiply", "-composite",
         *extra, "-depth", "8", out])


def plasma(out, w, h, seed, c1, c2, blur=2, extra=()):
    """Cloudy texture between two colours (grey plasma mapped onto c1..c2).
    Big blurs are done at a quarter of the size and scaled up (much faster)."""
    k = 4 if blur >= 8 else 1
    run(["convert", "-size", f"{max(8, w // k)}x{max(8, h // k)}", "-seed", str(seed), "plasma:grey50-grey50",
         "-colorspace", "gray", "-blur", f"0x{blur / k}", "-resize", f"{w}x{h}!", "-auto-level",
         "+level-colors", f"{c1},{c2}", *extra, "-depth", "8", out])


def compose(base, layers, out):
    """layers: list of (png, compose-op, (x, y))."""
    cmd = ["convert", base]
    for img, op, (x, y) in layers:
        cmd += [img, "-geometry", f"+{x}+{y}", "-compose", op, "-composite"]
    run(cmd + ["-depth", "8", out])


def P(*pts):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)


def text(x, y, s, size, color, font=SANS, extra=""):
    s = s.replace("'", "\\'")
    return f"push graphic-context\n{extra}\nfont '{font}' font-size {size} fill '{color}' stroke none\ntext {x},{y} '{s}'\npop graphic-context\n"


def rrect(x0, y0, x1, y1, rad):
    """Rounded rectangle as a path (roundrectangle breaks inside IM6 clip paths)."""
    return (f"path 'M {x0+rad:.1f},{y0:.1f} L {x1-rad:.1f},{y0:.1f} Q {x1:.1f},{y0:.1f} {x1:.1f},{y0+rad:.1f} "
            f"L {x1:.1f},{y1-rad:.1f} Q {x1:.1f},{y1:.1f} {x1-rad:.1f},{y1:.1f} L {x0+rad:.1f},{y1:.1f} "
            f"Q {x0:.1f},{y1:.1f} {x0:.1f},{y1-rad:.1f} L {x0:.1f},{y0+rad:.1f} Q {x0:.1f},{y0:.1f} {x0+rad:.1f},{y0:.1f} Z'")


def clip(name, shape):
    return f"push defs\npush clip-path \"{name}\"\npush graphic-context\n{shape}\npop graphic-context\npop clip-path\npop defs\n"


def pattern_fabric(r, x0, y0, x1, y1, base, colors, kind, step=None):
    """Wax-print-like fabric pattern inside a rectangle."""
    s = f"fill '{base}' stroke none rectangle {x0},{y0} {x1},{y1}\n"
    w, h = x1 - x0, y1 - y0
    if kind == "dots":
        step = step or max(8, w / 3.5)
        y = y0
        row = 0
        while y < y1 + step:
            x = x0 + (step / 2 if row % 2 else 0)
            while x < x1 + step:
                c = colors[(row + int(x)) % len(colors)]
                s += f"fill '{c}' circle {x:.1f},{y:.1f} {x + step * 0.32:.1f},{y:.1f}\n"
                s += f"fill '{base}' circle {x:.1f},{y:.1f} {x + step * 0.14:.1f},{y:.1f}\n"
                x += step
            y += step * 0.85
            row += 1
    elif kind == "stripes":
        y, i = y0, 0
        while y < y1:
            t = r.uniform(2, 7)
            s += f"fill '{colors[i % len(colors)]}' rectangle {x0},{y:.1f} {x1},{y + t:.1f}\n"
            y += t + r.uniform(3, 9)
            i += 1
    elif kind == "zigzag":
        y, i = y0 - 6, 0
        while y < y1 + 6:
            pts = []
            x = x0 - 6
            up = True
            while x < x1 + 8:
                pts.append((x, y + (0 if up else 6)))
                x += 6
                up = not up
            s += f"fill none stroke '{colors[i % len(colors)]}' stroke-width 2.5 polyline {P(*pts)}\n"
            y += 9
            i += 1
        s += "stroke none\n"
    else:  # leaves
        for _ in range(int(w * h / 180)):
            cx, cy = r.uniform(x0, x1), r.uniform(y0, y1)
            a = r.uniform(0, 180)
            c = r.choice(colors)
            s += (f"push graphic-context\ntranslate {cx:.1f},{cy:.1f}\nrotate {a:.0f}\n"
                  f"fill '{c}' ellipse 0,0 7,3 0,360\npop graphic-context\n")
    return s


def face_features(cx, cy, skin, dark, lip, iris="#2a1a10", rx=50, ry=62, brow="#1a0f08", male=False):
    """Eyes, brows and nose for a front-facing head centred on (cx, cy)."""
    ex, ey = rx * 0.42, cy - ry * 0.1
    s = ""
    for sgn in (-1, 1):
        x = cx + sgn * ex
        s += f"fill '#f4efe6' stroke none ellipse {x:.1f},{ey:.1f} {rx*0.2:.1f},{ry*0.085:.1f} 0,360\n"
        s += f"fill '{iris}' circle {x + sgn*1:.1f},{ey+0.5:.1f} {x + sgn*1 + rx*0.1:.1f},{ey+0.5:.1f}\n"
        s += f"fill '#000000' circle {x + sgn*1:.1f},{ey+0.5:.1f} {x + sgn*1 + rx*0.045:.1f},{ey+0.5:.1f}\n"
        s += f"fill '#ffffff' circle {x - 2:.1f},{ey - 2:.1f} {x - 0.6:.1f},{ey - 2:.1f}\n"
        s += (f"fill none stroke '{dark}' stroke-width 2.4 stroke-linecap round "
              f"path 'M {x - rx*0.22:.1f},{ey+1:.1f} Q {x:.1f},{ey - ry*0.15:.1f} {x + rx*0.22:.1f},{ey+1:.1f}'\n")
        bw = 5 if male else 3.6
        s += (f"fill none stroke '{brow}' stroke-width {bw} stroke-linecap round "
              f"path 'M {x - sgn*rx*0.2:.1f},{ey - ry*0.2:.1f} Q {x:.1f},{ey - ry*0.3:.1f} {x + sgn*rx*0.24:.1f},{ey - ry*0.2 + 2:.1f}'\n")
    ny = cy + ry * 0.28
    s += (f"fill none stroke '{dark}' stroke-width 2 stroke-linecap round "
          f"path 'M {cx - 3:.1f},{ey + 8:.1f} Q {cx - 8:.1f},{ny - 4:.1f} {cx - 9:.1f},{ny:.1f}'\n"
          f"path 'M {cx - 12:.1f},{ny:.1f} Q {cx:.1f},{ny + 7:.1f} {cx + 12:.1f},{ny:.1f}'\n")
    s += f"stroke none fill '{dark}' fill-opacity 0.5 ellipse {cx-6:.1f},{ny+1:.1f} 3,2 0,360 ellipse {cx+6:.1f},{ny+1:.1f} 3,2 0,360\nfill-opacity 1\n"
    return s


def mouth_sprites(outdir, W, H, cx, cy, lip, inner="#3a0f0c", width=21, teeth="#f1ebe0", skin=None):
    """Four mouth shapes (closed .. wide open) as transparent full-frame layers."""
    os.makedirs(outdir, exist_ok=True)
    for st, op in enumerate((0, 3.5, 7.5, 11.5)):
        s = ""
        if op == 0:
            s += (f"fill '{lip}' stroke none path 'M {cx-width:.1f},{cy:.1f} Q {cx:.1f},{cy-7:.1f} {cx+width:.1f},{cy:.1f} "
                  f"Q {cx:.1f},{cy+9:.1f} {cx-width:.1f},{cy:.1f} Z'\n"
                  f"fill none stroke '{inner}' stroke-width 2 stroke-linecap round "
                  f"path 'M {cx-width+1:.1f},{cy:.1f} Q {cx:.1f},{cy+2:.1f} {cx+width-1:.1f},{cy:.1f}'\n")
        else:
            w2 = width * (1 - op / 60)
            s += (f"fill '{lip}' stroke none path 'M {cx-w2-2:.1f},{cy:.1f} Q {cx:.1f},{cy-8-op*0.35:.1f} {cx+w2+2:.1f},{cy:.1f} "
                  f"Q {cx:.1f},{cy+9+op*1.05:.1f} {cx-w2-2:.1f},{cy:.1f} Z'\n"
                  f"fill '{inner}' path 'M {cx-w2+3:.1f},{cy:.1f} Q {cx:.1f},{cy-3-op*0.25:.1f} {cx+w2-3:.1f},{cy:.1f} "
                  f"Q {cx:.1f},{cy+op*1.05:.1f} {cx-w2+3:.1f},{cy:.1f} Z'\n")
            if op > 5:
                s += (f"fill '{teeth}' path 'M {cx-w2+6:.1f},{cy-1.5:.1f} Q {cx:.1f},{cy-3-op*0.25:.1f} {cx+w2-6:.1f},{cy-1.5:.1f} "
                      f"L {cx+w2-8:.1f},{cy+1.2:.1f} Q {cx:.1f},{cy+0.5:.1f} {cx-w2+8:.1f},{cy+1.2:.1f} Z'\n")
                s += f"fill '#b0464a' ellipse {cx:.1f},{cy+op*0.8:.1f} {w2*0.45:.1f},{op*0.25:.1f} 0,360\n"
        render(f"{outdir}/mouth{st}.png", W, H, s, post=["-blur", "0x0.5"])


def blink_sprite(out, W, H, cx, cy, skin, dark, rx=50, ry=62):
    ex, ey = rx * 0.42, cy - ry * 0.1
    s = ""
    for sgn in (-1, 1):
        x = cx + sgn * ex
        s += f"fill '{skin}' stroke none ellipse {x:.1f},{ey:.1f} {rx*0.24:.1f},{ry*0.12:.1f} 0,360\n"
        s += (f"fill none stroke '{dark}' stroke-width 2.4 stroke-linecap round "
              f"path 'M {x - rx*0.22:.1f},{ey+1:.1f} Q {x:.1f},{ey + ry*0.07:.1f} {x + rx*0.22:.1f},{ey+1:.1f}'\n")
    render(out, W, H, s, post=["-blur", "0x0.5"])


def write_env(path, **kv):
    with open(path, "w") as f:
        for k, v in kv.items():
            f.write(f"{k}={v}\n")


def scene_amara(d):
    """Amara's tailoring shop in Yaba: fabric shelves, shop sign, wall fan."""
    W, H, r = 672, 378, random.Random(48)
    os.makedirs(d, exist_ok=True)
    plasma(f"{d}/wall.png", W, H, 11, "#2f8a83", "#1f6660", blur=6)
    s = ""
    # light patch from the door on the left
    s += f"fill '#ffffff' fill-opacity 0.10 polygon {P((0,0),(250,0),(470,378),(0,378))}\nfill-opacity 1\n"
    # shop sign, hand painted
    s += f"fill '#b8322a' stroke '#7a1d17' stroke-width 3 roundrectangle 18,14 318,86 6,6\n"
    s += text(34, 50, "OKAFOR TAILORING", 24, "#ffd23f", SANS_BOLD)
    s += text(36, 74, "Yaba, Lagos  \u00b7  since 1994  \u00b7  aso-ebi", 12, "#fff3d6", SANS)
    # shelves with bolts of cloth, left and right
    palettes = [("#f2a900", ["#1b3a8c", "#d7263d", "#ffffff"]), ("#0b6e4f", ["#f7c548", "#ff6b35"]),
                ("#7b2cbf", ["#ffd166", "#06d6a0"]), ("#e63946", ["#1d3557", "#f1faee"]),
                ("#1d3557", ["#f4a261", "#e9c46a", "#2a9d8f"]), ("#ffb703", ["#023047", "#fb8500"]),
                ("#3a86ff", ["#ffbe0b", "#fb5607"]), ("#6a994e", ["#f2e8cf", "#bc4749"])]
    kinds = ["dots", "stripes", "zigzag", "leaves"]
    for (sx0, sx1) in ((10, 185), (548, 662)):
        for sy in (150, 236, 322):
            x = sx0 + 4
            while x < sx1 - 22:
                bw = r.uniform(22, 34)
                bh = r.uniform(52, 68)
                base, cols = r.choice(palettes)
                name = f"b{int(x)}_{sy}"
                shape = rrect(x, sy - bh, x + bw, sy, 4)
                s += clip(name, shape)
                s += f"push graphic-context\nclip-path url(#{name})\n"
                s += pattern_fabric(r, x, sy - bh, x + bw, sy, base, cols, r.choice(kinds))
                s += f"fill '#000000' fill-opacity 0.28 rectangle {x+bw*0.7:.1f},{sy-bh:.1f} {x+bw:.1f},{sy:.1f}\nfill-opacity 1\n"
                s += "pop graphic-context\n"
                x += bw + r.uniform(1, 4)
            s += f"fill '#6b4423' stroke '#4a2e17' stroke-width 1 rectangle {sx0},{sy} {sx1},{sy+9}\n"
            s += f"fill '#000000' fill-opacity 0.25 stroke none rectangle {sx0},{sy+9} {sx1},{sy+16}\nfill-opacity 1\n"
    # framed photo of her mother at the machine (small, top right)
    s += f"fill '#3b2414' stroke none rectangle 470,18 540,100\nfill '#d9c7a6' rectangle 476,24 534,94\n"
    s += f"fill '#5a4632' ellipse 505,52 11,13 0,360\nfill '#6d5a44' path 'M 486,94 Q 505,62 524,94 Z'\n"
    # wall calendar
    s += f"fill '#f6f1e7' stroke '#c9bfae' stroke-width 1 rectangle 560,22 640,108\n"
    s += f"fill '#2a9d8f' stroke none rectangle 560,22 640,44\n" + text(570, 39, "NOV 2026", 11, "#ffffff", SANS_BOLD)
    for i in range(5):
        for j in range(7):
            s += f"fill '#8d8478' rectangle {566+j*10.5:.1f},{52+i*11} {572+j*10.5:.1f},{57+i*11}\n"
    s += f"fill none stroke '#d7263d' stroke-width 2 circle {597:.1f},{77} {603:.1f},{77}\n"
    render(f"{d}/room.png", W, H, s)
    # Amara
    cx, cy = 364, 172
    skin, dark, lip = "#6e4429", "#3f2414", "#5b2a22"
    p = ""
    torso = (f"path 'M {cx-182},{H} C {cx-176},{H-70} {cx-150},{H-100} {cx-74},{cy+96} "
             f"L {cx+74},{cy+96} C {cx+150},{H-100} {cx+176},{H-70} {cx+182},{H} Z'")
    p += f"fill '{skin}' stroke none rectangle {cx-25},{cy+40} {cx+25},{cy+110}\n"
    p += f"fill '#000000' fill-opacity 0.25 rectangle {cx-25},{cy+40} {cx+25},{cy+62}\nfill-opacity 1\n"
    p += clip("torso", torso)
    p += "push graphic-context\nclip-path url(#torso)\n"
    p += pattern_fabric(r, cx - 190, cy + 80, cx + 190, H, "#1b3a8c", ["#f2a900", "#d7263d", "#ffffff"], "dots", step=34)
    p += "pop graphic-context\n"
    p += f"fill '{skin}' path 'M {cx-40},{cy+96} Q {cx},{cy+150} {cx+40},{cy+96} Z'\n"
    p += f"fill none stroke '#f2a900' stroke-width 5 path 'M {cx-44},{cy+95} Q {cx},{cy+156} {cx+44},{cy+95}'\n"
    # beads
    for i in range(13):
        a = math.pi * (0.15 + 0.7 * i / 12)
        bx, by = cx - 38 * math.cos(a), cy + 98 + 34 * math.sin(a)
        p += f"fill '#c1121f' stroke '#6a040f' stroke-width 1 circle {bx:.1f},{by:.1f} {bx+4:.1f},{by:.1f}\n"
    # ears, earrings, head
    for sg in (-1, 1):
        p += f"fill '{skin}' stroke none ellipse {cx+sg*50},{cy+6} 9,14 0,360\n"
        p += f"fill '#e0b43a' stroke '#a67c00' stroke-width 1 circle {cx+sg*51},{cy+26} {cx+sg*51+6},{cy+26}\n"
    p += f"fill '{skin}' stroke none ellipse {cx},{cy} 50,62 0,360\n"
    p += f"fill '#8a5a3a' fill-opacity 0.35 ellipse {cx-16},{cy+14} 14,10 0,360 ellipse {cx+18},{cy+14} 14,10 0,360\nfill-opacity 1\n"
    # gele (head wrap)
    gele = (f"path 'M {cx-64},{cy-18} C {cx-92},{cy-80} {cx-40},{cy-112} {cx+6},{cy-100} "
            f"C {cx+60},{cy-122} {cx+112},{cy-84} {cx+66},{cy-18} C {cx+30},{cy-44} {cx-30},{cy-44} {cx-64},{cy-18} Z'")
    p += clip("gele", gele)
    p += "push graphic-context\nclip-path url(#gele)\n"
    p += pattern_fabric(r, cx - 100, cy - 125, cx + 115, cy - 10, "#e39b17", ["#9d174d", "#fff1c1"], "stripes")
    p += "pop graphic-context\n"
    p += f"fill '#e39b17' stroke '#9c6200' stroke-width 2 path 'M {cx+30},{cy-98} C {cx+70},{cy-150} {cx+118},{cy-126} {cx+92},{cy-78} C {cx+80},{cy-96} {cx+56},{cy-102} {cx+30},{cy-98} Z'\n"
    for k in range(4):
        p += (f"fill none stroke '#9c6200' stroke-width 2 stroke-linecap round "
              f"path 'M {cx-70+k*8},{cy-30-k*16} Q {cx},{cy-56-k*16} {cx+74-k*6},{cy-32-k*16}'\n")
    p += face_features(cx, cy, skin, dark, lip)
    render(f"{d}/person.png", W, H, p)
    # wall fan (body static, blades rotate in ffmpeg)
    fx, fy = 250, 128
    f = (f"fill '#e8e4da' stroke '#9a958a' stroke-width 2 circle {fx},{fy} {fx+34},{fy}\n"
         f"fill none stroke '#777' stroke-width 1 circle {fx},{fy} {fx+30},{fy} circle {fx},{fy} {fx+20},{fy}\n"
         f"fill '#bdb8ad' stroke none rectangle {fx-4},{fy+30} {fx+4},{fy+48}\n")
    render(f"{d}/fanbody.png", W, H, f)
    blades = ""
    for k in range(3):
        blades += f"push graphic-context\ntranslate 32,32\nrotate {k*120}\nfill '#4d88c4' fill-opacity 0.85 ellipse 0,-15 8,14 0,360\npop graphic-context\n"
    blades += "fill '#2c3e50' circle 32,32 37,32\n"
    render(f"{d}/blades.png", 64, 64, blades)
    compose(f"{d}/wall.png", [(f"{d}/room.png", "Over", (0, 0)), (f"{d}/fanbody.png", "Over", (0, 0))], f"{d}/bg.png")
    # window light falls across her from the left
    run(["convert", f"{d}/person.png", "(", "-size", f"{H}x{W}", "gradient:#ffffff-#8a8a8a", "-rotate", "-90", ")",
         "-compose", "Multiply", "-composite", f"{d}/person_lit.png"])
    run(["convert", f"{d}/person_lit.png", f"{d}/person.png", "-compose", "CopyOpacity", "-composite", f"{d}/person_lit.png"])
    compose(f"{d}/bg.png", [(f"{d}/person_lit.png", "Over", (0, 0))], f"{d}/flat.png")
    finish(f"{d}/flat.png", f"{d}/base.png", W, H, seed=481, grain=0.05, vig=0.4)
    mouth_sprites(d, W, H, cx, cy + 38, lip, width=20)
    blink_sprite(f"{d}/blink.png", W, H, cx, cy, skin, dark)
    write_env(f"{d}/scene.env", FAN_X=fx - 32, FAN_Y=fy - 32)


def alebrije(r, x, y, sc, body, accents, wings=False):
    """A small carved-and-painted fantasy animal standing at (x, y) (feet)."""
    s = "push graphic-context\n" + f"translate {x:.1f},{y:.1f}\nscale {sc:.2f},{sc:.2f}\n"
    s += f"fill '{body}' stroke '#1b1b1b' stroke-width 1.2\n"
    for lx in (-18, -8, 8, 18):
        s += f"rectangle {lx-2.5},-16 {lx+2.5},0\n"
    s += f"path 'M 30,-30 Q 52,-44 46,-62 Q 44,-50 34,-40 Z'\n"  # tail
    s += "ellipse 0,-26 30,14 0,360\n"
    s += "path 'M -24,-32 L -36,-52 L -30,-62 L -22,-58 L -14,-44 Z'\n"  # neck/head
    s += "polygon -34,-60 -40,-72 -28,-62\npolygon -26,-60 -22,-73 -20,-58\n"  # ears
    if wings:
        s += f"fill '{accents[0]}' path 'M -2,-36 Q 10,-78 40,-72 Q 22,-60 18,-40 Z'\n"
    for i in range(16):
        c = accents[i % len(accents)]
        px, py = r.uniform(-24, 24), r.uniform(-34, -18)
        s += f"fill '{c}' stroke none circle {px:.1f},{py:.1f} {px+1.8:.1f},{py:.1f}\n"
    s += f"fill none stroke '{accents[-1]}' stroke-width 1.5 path 'M -22,-26 Q 0,-16 22,-26'\n"
    s += "fill '#111111' stroke none circle -31,-56 -29.8,-56\n"
    s += "pop graphic-context\n"
    return s


def scene_tomas(d):
    """Tomas' workshop in San Martin Tilcajete, framed for a phone held upright."""
    W, H, r = 378, 672, random.Random(1107)
    os.makedirs(d, exist_ok=True)
    plasma(f"{d}/wall.png", W, H, 21, "#b84a36", "#e07a5f", blur=5)
    s = ""
    # window with sky and bougainvillea
    s += "fill '#6b3e26' stroke none rectangle 14,34 170,236\n"
    s += "fill '#9fd3f0' rectangle 24,44 160,226\nfill '#d6eefc' rectangle 24,150 160,226\n"
    s += "fill '#7aa374' path 'M 24,200 Q 60,170 100,196 Q 130,176 160,192 L 160,226 L 24,226 Z'\n"
    for _ in range(38):
        bx, by = r.uniform(20, 120), r.uniform(40, 130)
        c = r.choice(["#d81b60", "#ec407a", "#ad1457", "#2e7d32"])
        s += f"fill '{c}' circle {bx:.1f},{by:.1f} {bx + r.uniform(4, 9):.1f},{by:.1f}\n"
    s += "fill '#6b3e26' rectangle 88,44 94,226 rectangle 24,132 160,138\n"
    # shelves with finished alebrijes
    cols = [("#f4a261", ["#264653", "#e76f51", "#2a9d8f"]), ("#2a9d8f", ["#e9c46a", "#f4a261", "#e63946"]),
            ("#e63946", ["#f1faee", "#a8dadc", "#1d3557"]), ("#ffb703", ["#8338ec", "#3a86ff", "#023047"]),
            ("#8338ec", ["#ffbe0b", "#fb5607", "#ffffff"]), ("#06d6a0", ["#ef476f", "#ffd166", "#073b4c"])]
    for sy, xs in ((128, (214, 272, 330)), (222, (206, 262, 322))):
        for x in xs:
            body, acc = cols[(x + sy) % len(cols)]
            s += alebrije(r, x + 20, sy, r.uniform(0.7, 0.85), body, acc, wings=r.random() < 0.4)
        s += f"fill '#5b3a1e' stroke none rectangle 190,{sy} {W},{sy + 8}\n"
        s += f"fill '#000000' fill-opacity 0.22 rectangle 190,{sy + 8} {W},{sy + 14}\nfill-opacity 1\n"
    # painted sign band on the wall
    s += "fill '#1d4e89' stroke none rectangle 0,246 378,300\n"
    s += "fill none stroke '#ffd166' stroke-width 2 stroke-dasharray 6,4 rectangle 6,251 372,295\n"
    s += text(30, 281, "TALLER HERRERA", 28, "#ffd166", SANS_BOLD)
    s += text(24, 293, "alebrijes", 12, "#f1faee", SANS)
    s += text(290, 293, "Oaxaca", 12, "#f1faee", SANS)
    render(f"{d}/room.png", W, H, s)
    # Tomas
    cx, cy = 196, 372
    skin, dark, lip = "#a0694a", "#5a3522", "#7a3f33"
    p = f"fill '{skin}' stroke none rectangle {cx-24},{cy+40} {cx+24},{cy+112}\n"
    p += f"fill '#000000' fill-opacity 0.25 rectangle {cx-24},{cy+40} {cx+24},{cy+60}\nfill-opacity 1\n"
    p += (f"fill '#ede6d6' path 'M {cx-190},{H} C {cx-184},{cy+170} {cx-150},{cy+120} {cx-70},{cy+100} "
          f"L {cx+70},{cy+100} C {cx+150},{cy+120} {cx+184},{cy+170} {cx+190},{H} Z'\n")
    p += f"fill '{skin}' path 'M {cx-30},{cy+100} L {cx},{cy+142} L {cx+30},{cy+100} Z'\n"
    p += (f"fill none stroke '#c9bfa8' stroke-width 2 path 'M {cx-30},{cy+100} L {cx},{cy+142} L {cx+30},{cy+100}'\n")
    apron = f"path 'M {cx-96},{H} L {cx-84},{cy+150} L {cx-56},{cy+150} L {cx-40},{cy+112} L {cx+40},{cy+112} L {cx+56},{cy+150} L {cx+84},{cy+150} L {cx+96},{H} Z'"
    p += f"fill '#3d5a80' stroke '#2b405c' stroke-width 2 {apron}\n"
    p += clip("apron", apron) + "push graphic-context\nclip-path url(#apron)\n"
    for _ in range(70):
        ax, ay = r.uniform(cx - 100, cx + 100), r.uniform(cy + 110, H)
        c = r.choice(["#e63946", "#ffd166", "#06d6a0", "#f4a261", "#ffffff", "#8338ec"])
        rr = r.uniform(1.2, 4.5)
        p += f"fill '{c}' stroke none circle {ax:.1f},{ay:.1f} {ax + rr:.1f},{ay:.1f}\n"
    p += "pop graphic-context\n"
    p += f"fill none stroke '#2b405c' stroke-width 4 line {cx-56},{cy+150} {cx-64},{cy+96} line {cx+56},{cy+150} {cx+64},{cy+96}\n"
    for sg in (-1, 1):
        p += f"fill '{skin}' stroke none ellipse {cx+sg*48},{cy+8} 9,14 0,360\n"
    p += f"fill '{skin}' ellipse {cx},{cy} 48,62 0,360\n"
    # hair: black with grey temples
    p += (f"fill '#1c1a19' path 'M {cx-50},{cy-4} C {cx-56},{cy-70} {cx-10},{cy-84} {cx+12},{cy-78} "
          f"C {cx+48},{cy-74} {cx+58},{cy-40} {cx+50},{cy-4} C {cx+44},{cy-36} {cx+20},{cy-50} {cx-6},{cy-46} "
          f"C {cx-30},{cy-48} {cx-44},{cy-30} {cx-50},{cy-4} Z'\n")
    p += f"fill '#8d8d8d' path 'M {cx-50},{cy-4} C {cx-52},{cy-22} {cx-48},{cy-30} {cx-44},{cy-34} L {cx-42},{cy-4} Z'\n"
    p += f"fill '#8d8d8d' path 'M {cx+50},{cy-4} C {cx+52},{cy-22} {cx+48},{cy-30} {cx+44},{cy-34} L {cx+42},{cy-4} Z'\n"
    p += face_features(cx, cy, skin, dark, lip, rx=48, ry=62, male=True, brow="#161413")
    # moustache
    p += (f"fill '#1f1b19' path 'M {cx-26},{cy+33} Q {cx-22},{cy+20} {cx},{cy+22} Q {cx+22},{cy+20} {cx+26},{cy+33} "
          f"Q {cx+14},{cy+27} {cx},{cy+29} Q {cx-14},{cy+27} {cx-26},{cy+33} Z'\n")
    render(f"{d}/person.png", W, H, p)
    # foreground: the winged jaguar he is painting, and a jar of brushes
    f = "fill '#6d4c33' stroke none rectangle 0,600 378,672\nfill '#000000' fill-opacity 0.2 rectangle 0,600 378,606\nfill-opacity 1\n"
    f += alebrije(r, 262, 650, 1.5, "#f4a261", ["#1b1b1b", "#e63946", "#264653"], wings=True)
    f += "fill '#cfe3e8' fill-opacity 0.75 stroke '#8fb3bd' stroke-width 2 rectangle 40,590 92,652\nfill-opacity 1\n"
    for k, c in enumerate(["#c44536", "#283d3b", "#e9c46a", "#197278"]):
        f += f"fill none stroke '{c}' stroke-width 3 line {50+k*10},{596} {44+k*13},{548 - k*6}\n"
    render(f"{d}/front.png", W, H, f)
    run(["convert", f"{d}/person.png", "(", "-size", f"{H}x{W}", "gradient:#ffffff-#909090", "-rotate", "-90", ")",
         "-compose", "Multiply", "-composite", f"{d}/person.png", "-compose", "CopyOpacity", "-composite", f"{d}/person_lit.png"])
    compose(f"{d}/wall.png", [(f"{d}/room.png", "Over", (0, 0)), (f"{d}/person_lit.png", "Over", (0, 0)),
                              (f"{d}/front.png", "Over", (0, 0))], f"{d}/flat.png")
    finish(f"{d}/flat.png", f"{d}/base.png", W, H, seed=1107, grain=0.06, vig=0.45)
    mouth_sprites(d, W, H, cx, cy + 42, lip, width=18)
    blink_sprite(f"{d}/blink.png", W, H, cx, cy, skin, dark, rx=48, ry=62)


# ------------------------------------------------------------ sound synthesis
# Small, slow-but-simple synthesizers in pure Python. Signals are array('f').

TAU = 2 * math.pi


def note_hz(name):
    """'A4' -> 440.0, 'C#3', 'Bb2' ..."""
    m = re.match(r"([A-G])([#b]?)(-?\d)", name)
    n = "C D EF G A B".index(m.group(1)) + {"#": 1, "b": -1, "": 0}[m.group(2)]
    return 440.0 * 2 ** ((n - 9) / 12 + int(m.group(3)) - 4)


class Mix:
    def __init__(self, dur, sr=44100, channels=2):
        self.sr, self.n = sr, int(dur * sr)
        self.ch = [zeros(self.n) for _ in range(channels)]

    def add(self, sig, t, gain=1.0, pan=0.0):
        s0 = int(t * self.sr)
        if len(self.ch) == 1:
            gs = [gain]
        else:
            a = (pan + 1) * math.pi / 4
            gs = [gain * math.cos(a) * 1.41, gain * math.sin(a) * 1.41]
        a0, b0 = max(0, s0), min(self.n, s0 + len(sig))
        if b0 <= a0:
            return
        seg = sig[a0 - s0:b0 - s0]
        for c, g in zip(self.ch, gs):
            c[a0:b0] = array.array("f", map(operator.add, c[a0:b0], map(g.__mul__, seg)))

    def write(self, path, peak=0.89):
        m = max(max(abs(v) for v in c) for c in self.ch) or 1.0
        k = peak / m
        write_wav(path, [array.array("f", (v * k for v in c)) for c in self.ch], self.sr)


def env_adsr(n, sr, a=0.005, d=0.1, s=0.6, r=0.05):
    out = array.array("f", bytes(4 * n))
    na, nd, nr = max(1, int(a * sr)), max(1, int(d * sr)), max(1, int(r * sr))
    for i in range(n):
        if i < na:
            v = i / na
        elif i < na + nd:
            v = 1 - (1 - s) * (i - na) / nd
        else:
            v = s
        if i > n - nr:
            v *= (n - i) / nr
        out[i] = v
    return out


def pluck(freq, dur, sr=44100, decay=0.996, bright=0.5, seed=0):
    """Karplus-Strong plucked string."""
    r = random.Random(seed)
    p = max(2, int(round(sr / freq)))
    buf = [r.uniform(-1, 1) for _ in range(p)]
    # soften the pick noise for darker strings
    for _ in range(int((1 - bright) * 4)):
        buf = [(buf[i] + buf[i - 1]) * 0.5 for i in range(p)]
    n = int(dur * sr)
    out = array.array("f", bytes(4 * n))
    prev = 0.0
    for i in range(n):
        j = i % p
        v = buf[j]
        out[i] = v
        nv = decay * 0.5 * (v + buf[(j + 1) % p])
        buf[j] = nv
    fade = int(0.01 * sr)
    for i in range(max(0, n - fade), n):
        out[i] *= (n - i) / fade
    return out


def tone(freq, dur, sr=44100, harmonics=((1, 1.0),), a=0.01, d=0.2, s=0.5, r=0.08, vib=0.0, vib_rate=5.5, decay=0.0):
    n = int(dur * sr)
    env = env_adsr(n, sr, a, d, s, r)
    out = array.array("f", bytes(4 * n))
    ph = 0.0
    for i in range(n):
        t = i / sr
        f = freq * (1 + vib * math.sin(TAU * vib_rate * t) * min(1, t * 3))
        ph += TAU * f / sr
        v = 0.0
        for h, amp in harmonics:
            v += amp * math.sin(h * ph)
        if decay:
            v *= math.exp(-decay * t)
        out[i] = v * env[i]
    return out


def epiano(freq, dur, sr=44100):
    """FM electric-piano-ish tone."""
    n = int(dur * sr)
    out = array.array("f", bytes(4 * n))
    for i in range(n):
        t = i / sr
        idx = 1.6 * math.exp(-t * 6)
        out[i] = math.sin(TAU * freq * t + idx * math.sin(TAU * freq * t)) * math.exp(-t * 1.8) * min(1, t * 300)
    rel = int(0.05 * sr)
    for i in range(max(0, n - rel), n):
        out[i] *= (n - i) / rel
    return out


def bell(freq, dur, sr=44100, bright=1.0):
    """Music-box / small bell: inharmonic partials with different decays."""
    parts = ((1, 1.0, 2.2), (2.0, 0.35 * bright, 3.5), (3.01, 0.18 * bright, 5.0), (5.43, 0.08 * bright, 8.0))
    n = int(dur * sr)
    out = array.array("f", bytes(4 * n))
    for i in range(n):
        t = i / sr
        v = 0.0
        for k, amp, dk in parts:
            v += amp * math.sin(TAU * freq * k * t) * math.exp(-dk * t)
        out[i] = v * min(1, t * 800)
    return out


def noise_burst(dur, sr=44100, decay=30.0, hp=0.0, lp=1.0, seed=0, attack=0.001):
    """Filtered noise with exponential decay: hp/lp are one-pole coefficients."""
    r = random.Random(seed)
    n = int(dur * sr)
    out = array.array("f", bytes(4 * n))
    lo = prev_in = hi = 0.0
    for i in range(n):
        x = r.uniform(-1, 1)
        lo += lp * (x - lo)
        hi = hp * (hi + lo - prev_in) if hp else lo
        prev_in = lo
        t = i / sr
        out[i] = hi * math.exp(-decay * t) * min(1, t / attack)
    return out


def kick(sr=44100):
    n = int(0.4 * sr)
    out = array.array("f", bytes(4 * n))
    ph = 0.0
    for i in range(n):
        t = i / sr
        ph += TAU * (48 + 95 * math.exp(-t * 28)) / sr
        out[i] = math.sin(ph) * math.exp(-t * 7.5) * min(1, t * 2000)
    return out


def rim(sr=44100, seed=0):
    nb = noise_burst(0.18, sr, decay=28, hp=0.85, lp=0.6, seed=seed)
    for i in range(len(nb)):
        t = i / sr
        nb[i] = 0.7 * nb[i] + 0.6 * math.sin(TAU * 330 * t) * math.exp(-t * 45)
    return nb


def hat(sr=44100, seed=0, open_=False):
    return noise_burst(0.25 if open_ else 0.07, sr, decay=14 if open_ else 70, hp=0.96, lp=0.9, seed=seed)


def chirp(sr, f0, f1, dur, harm=0.3, am=0.0, am_rate=0.0, seed=0):
    """Frequency glide with a soft envelope: the building block of bird calls."""
    n = int(dur * sr)
    out = array.array("f", bytes(4 * n))
    ph = 0.0
    r = random.Random(seed)
    jitter = r.uniform(0, 6)
    for i in range(n):
        x = i / n
        f = f0 + (f1 - f0) * (x ** 0.8)
        f *= 1 + 0.02 * math.sin(TAU * 28 * i / sr + jitter)
        ph += TAU * f / sr
        e = math.sin(math.pi * x) ** 1.5
        if am:
            e *= 1 - am + am * (0.5 + 0.5 * math.sin(TAU * am_rate * i / sr))
        out[i] = e * (math.sin(ph) + harm * math.sin(2 * ph) + harm * 0.4 * math.sin(3 * ph))
    return out


def sparrow_song(sr, r):
    """A burst of 3-8 short cheeps, like a house sparrow."""
    calls, t = [], 0.0
    base = r.uniform(3200, 4200)
    for _ in range(r.randint(3, 8)):
        d = r.uniform(0.05, 0.11)
        calls.append((t, chirp(sr, base * r.uniform(1.15, 1.4), base * r.uniform(0.8, 0.95), d, harm=0.25,
                               seed=r.randint(0, 999))))
        t += d + r.uniform(0.05, 0.16)
    return calls


def gull_call(sr, r):
    """Herring-gull 'kee-ow' series."""
    calls, t = [], 0.0
    for k in range(r.randint(3, 6)):
        d = r.uniform(0.28, 0.45) if k else 0.55
        f = r.uniform(900, 1150)
        calls.append((t, chirp(sr, f * 1.35, f * 0.8, d, harm=0.9, am=0.35, am_rate=r.uniform(40, 60),
                               seed=r.randint(0, 999))))
        t += d + r.uniform(0.08, 0.2)
    return calls


def cricket(sr, dur, r, freq):
    """One cricket: pulses of a ~4.5 kHz tone in regular chirps."""
    out = zeros(int(dur * sr))
    period = r.uniform(0.55, 0.9)
    t = r.uniform(0, period)
    pulse = int(0.018 * sr)
    while t < dur - 0.2:
        for k in range(r.choice((3, 4))):
            s0 = int((t + k * 0.032) * sr)
            for i in range(pulse):
                if s0 + i < len(out):
                    out[s0 + i] += math.sin(TAU * freq * i / sr) * math.sin(math.pi * i / pulse)
        t += period * r.uniform(0.97, 1.03)
    return out


def cmd_ambience(a):
    """Event sounds over silence (noise beds come from sox): birds, gulls, crickets."""
    sr, dur = 48000, float(a.dur)
    r = random.Random(int(a.seed))
    mix = Mix(dur, sr, 1)
    if a.kind == "crickets":
        for k, f in enumerate((4300, 4650, 5100)):
            mix.add(cricket(sr, dur, r, f), 0, gain=(0.5, 0.3, 0.18)[k])
    elif a.kind == "sparrows":
        t = r.uniform(0.5, 2)
        while t < dur - 2:
            for dt, sig in sparrow_song(sr, r):
                mix.add(sig, t + dt, gain=r.uniform(0.2, 0.6))
            t += r.uniform(2.0, 5.5)
    elif a.kind == "gulls":
        t = r.uniform(1, 3)
        while t < dur - 4:
            for dt, sig in gull_call(sr, r):
                mix.add(sig, t + dt, gain=r.uniform(0.3, 0.7))
            t += r.uniform(6, 12)
    mix.write(a.out, peak=0.5)


def voice_clip(text, voice, speed, pitch, sr, work, effects=()):
    """espeak-ng line -> mono float array at sr, with optional sox effects."""
    raw, fx = work + ".raw.wav", work + ".fx.wav"
    espeak(text, voice, speed, pitch, raw)
    run(["sox", "-R", "-V1", raw, "-r", str(sr), "-c", "1", fx, *effects])
    (x,), _ = read_wav(fx)
    os.remove(raw)
    os.remove(fx)
    return trim_silence(x, sr, pad=0.02)


def song_reggae(out, work):
    """'Sunday on Mountain View': a one-drop reggae tune in G, 78 bpm."""
    sr, bpm = 44100, 78.0
    beat = 60 / bpm
    bar = 4 * beat
    r = random.Random(876)
    nbars = 29
    mix = Mix(nbars * bar + 1.6, sr, 2)
    verse = ["G", "Em", "C", "D"]
    chorus = ["C", "G", "Am", "D"]
    prog = (["G", "G"] + verse * 2 + chorus * 2 + verse + chorus + ["C", "D", "G"])
    voic = {"G": ("G3", "B3", "D4"), "Em": ("G3", "B3", "E4"), "C": ("G3", "C4", "E4"),
            "D": ("F#3", "A3", "D4"), "Am": ("A3", "C4", "E4")}
    root = {"G": "G2", "Em": "E2", "C": "C3", "D": "D2", "Am": "A2"}
    fifth = {"G": "D3", "Em": "B2", "C": "G2", "D": "A2", "Am": "E3"}
    third = {"G": "B2", "Em": "G2", "C": "E3", "D": "F#2", "Am": "C3"}
    kd, hh, ho = kick(sr), [hat(sr, seed=i) for i in range(4)], hat(sr, seed=9, open_=True)
    rims = [rim(sr, seed=i) for i in range(3)]
    cache = {}

    def cached(key, fn):
        if key not in cache:
            cache[key] = fn()
        return cache[key]

    for b, ch in enumerate(prog):
        t0 = b * bar
        last = b == nbars - 1
        # drums: one drop (kick + rim on beat 3), hats on swung eighths
        if 0 < b and not last:
            mix.add(kd, t0 + 2 * beat, 0.9)
            mix.add(rims[b % 3], t0 + 2 * beat, 0.35, pan=-0.1)
            for k in range(8):
                sw = 0.04 * beat if k % 2 else 0.0
                g = 0.22 if k % 2 else 0.13
                if k == 7 and b % 4 == 3:
                    mix.add(ho, t0 + k * beat / 2 + sw, 0.16, pan=0.3)
                else:
                    mix.add(hh[k % 4], t0 + k * beat / 2 + sw, g, pan=0.3)
            if b % 8 == 1:  # a little rim fill into the next section
                for k in range(3):
                    mix.add(rims[k], t0 + 3 * beat + k * beat / 3, 0.25, pan=-0.2)
        if last:
            mix.add(kd, t0, 0.9)
        # bass
        if b > 0:
            bl = [(0, root, 0.9), (1.5, fifth, 0.45), (2, root, 0.4), (3, third, 0.35), (3.5, fifth, 0.3)]
            if last:
                bl = [(0, root, 1.2)]
            for off, table, dd in bl:
                f = note_hz(table[ch])
                sig = cached(("bass", f, dd), lambda f=f, dd=dd: tone(f, dd * beat + 0.05, sr, ((1, 1.0), (2, 0.35), (3, 0.08)),
                                                                    a=0.01, d=0.25, s=0.55, r=0.06))
                mix.add(sig, t0 + off * beat, 0.55)
        # guitar skank on 2 and 4, organ bubble on the off-beats
        for off in ((1, 3) if not last else (0,)):
            for k, nn in enumerate(voic[ch]):
                f = note_hz(nn) * 2
                sig = cached(("gtr", f, last), lambda f=f: pluck(f, 1.8 if last else 0.22, sr, decay=0.997 if last else 0.985,
                                                                 bright=0.7, seed=int(f)))
                mix.add(sig, t0 + off * beat + k * 0.009, 0.32, pan=-0.4)
        if b > 1 and not last:
            for off in (0.5, 1.5, 2.5, 3.5):
                for nn in voic[ch]:
                    f = note_hz(nn)
                    sig = cached(("org", f), lambda f=f: tone(f, 0.22, sr, ((1, 0.8), (2, 0.4), (3, 0.25), (4, 0.1)),
                                                              a=0.008, d=0.05, s=0.8, r=0.05))
                    mix.add(sig, t0 + off * beat + 0.02, 0.07, pan=0.4)
        # piano chord at the top of each chorus bar, for warmth
        if 10 <= b < 18 or 22 <= b < 26 or last:
            for nn in voic[ch]:
                f = note_hz(nn)
                sig = cached(("ep", f), lambda f=f: epiano(f, 2.8, sr))
                mix.add(sig, t0, 0.12, pan=0.1)
    # melodica melody (chorus and instrumental verse)
    phrase = {"C": [("E5", 0, 1.5), ("D5", 1.5, 0.5), ("C5", 2, 1), ("G4", 3, 1)],
              "G": [("B4", 0, 1), ("D5", 1, 1), ("G5", 2, 1.5), ("E5", 3.5, 0.5)],
              "Am": [("C5", 0, 1.5), ("B4", 1.5, 0.5), ("A4", 2, 1), ("E5", 3, 1)],
              "D": [("D5", 0, 2), ("F#5", 2, 1), ("A5", 3, 0.5), ("G5", 3.5, 0.5)],
              "Em": [("G5", 0, 1), ("E5", 1, 1), ("D5", 2, 2)]}
    for b, ch in enumerate(prog):
        if 10 <= b < 22 or 22 <= b < 26:
            if 10 <= b < 18 and b % 2 == 0 and b < 14:
                continue  # leave room for the words in the first chorus lines
            for nn, off, dd in phrase[ch]:
                f = note_hz(nn)
                sig = tone(f, dd * beat * 0.95, sr, ((1, 1.0), (2, 0.5), (3, 0.33), (4, 0.2), (5, 0.12)),
                           a=0.03, d=0.1, s=0.8, r=0.06, vib=0.006, vib_rate=5.2)
                mix.add(sig, b * bar + off * beat, 0.13, pan=0.2)
    # spoken/sung words, placed on the bar lines, with a dotted-eighth echo
    words = [(2, "Sunday morning, up on Mountain View."), (4, "Pot a bubble, and the sky so blue."),
             (6, "Grandma humming, she don't know the words,"), (8, "but she sing them anyway, to the birds."),
             (10, "Slow it down now... slow it down."), (12, "Let the whole yard come around."),
             (14, "Rice and peas, and a little bit of sun,"), (16, "Sunday morning... for everyone."),
             (22, "Slow it down now... slow it down."), (24, "Let the whole yard come around.")]
    echo_ms = int(beat * 0.75 * 1000)
    for k, (b, line) in enumerate(words):
        pitch = 46 if b < 10 else 58
        v = voice_clip(line, "en-029", 132, pitch, sr, f"{work}.w{k}",
                       ["highpass", "120", "reverb", "35", "50", "60", "gain", "-3",
                        "echo", "0.8", "0.8", str(echo_ms), "0.22"])
        mix.add(v, b * bar + 0.15 * beat, 0.55, pan=0.0)
    mix.write(out, peak=0.9)


def song_musicbox(out, work):
    """A music-box lullaby in a Japanese 'yo' pentatonic for the fox animation."""
    sr = 44100
    beat = 0.5
    mel = ("D5 E5 G5 A5 . G5 E5 . D5 E5 G5 B5 A5 . . . "
           "A5 B5 D6 B5 A5 . G5 E5 G5 A5 E5 D5 . . . . "
           "D5 E5 G5 A5 . G5 E5 . D5 E5 G5 B5 D6 . . . "
           "E6 D6 B5 A5 G5 . E5 . G5 A5 E5 D5 . . . . "
           "G4 . A4 . D5 . . . . . . .").split()
    mix = Mix(46, sr, 2)
    cache = {}
    t = 1.0
    for i, nn in enumerate(mel):
        if nn != ".":
            if nn not in cache:
                cache[nn] = bell(note_hz(nn), 2.2, sr)
            mix.add(cache[nn], t, 0.35, pan=0.15 * math.sin(i))
        t += beat * (1.3 if i >= 64 else 1.0)
    # soft low harmony every bar
    harm = ["G3", "E3", "C3", "D3"] * 3
    for k in range(11):
        f = note_hz(harm[k])
        mix.add(tone(f, 3.8, sr, ((1, 1.0), (2, 0.2)), a=0.4, d=0.5, s=0.6, r=1.0), 1.0 + k * 4 * beat * 2, 0.14)
    mix.write(out, peak=0.8)


def song_tanpura(out, work):
    """Tanpura drone (Pa Sa Sa Sa) with a few slow plucked phrases, for the sketch."""
    sr = 44100
    dur = 60.5
    mix = Mix(dur, sr, 2)
    sa = note_hz("C#3")
    cyc = (sa * 1.5 / 2, sa, sa, sa / 2)
    t, k = 0.2, 0
    strings = {}
    while t < dur - 2:
        f = cyc[k % 4]
        if f not in strings:
            strings[f] = pluck(f, 3.0, sr, decay=0.9993, bright=0.85, seed=int(f * 10))
        mix.add(strings[f], t, 0.3, pan=(-0.3, 0.1, 0.2, -0.1)[k % 4])
        t += 0.85
        k += 1
    # gentle melody, raga Yaman-ish
    r = random.Random(22)
    scale = [1, 9 / 8, 5 / 4, 45 / 32, 3 / 2, 27 / 16, 15 / 8, 2]
    t = 6.0
    while t < dur - 6:
        for _ in range(r.randint(3, 5)):
            f = sa * 2 * scale[r.choice((0, 1, 2, 3, 4, 4, 5, 6, 7))]
            mix.add(pluck(f, 1.6, sr, decay=0.998, bright=0.6, seed=int(t * 100)), t, 0.22, pan=0.2)
            t += r.choice((0.42, 0.42, 0.85, 1.27))
        t += r.uniform(3, 6)
    mix.write(out, peak=0.8)


def song_radio(out, work):
    """A few bars of an old song for a neighbour's radio: oud-like plucks in maqam
    Hijaz over a darbuka pattern (made to be squeezed through a tiny speaker)."""
    sr = 44100
    mix = Mix(14, sr, 1)
    beat = 0.42
    hijaz = ["D4", "Eb4", "F#4", "G4", "A4", "Bb4", "C5", "D5"]
    mel = [7, 6, 5, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1, 0, 0, 0, 4, 5, 6, 7, 6, 5, 4, 3, 2, 3, 2, 1, 0, 0, 1, 0]
    for i, deg in enumerate(mel):
        f = note_hz(hijaz[deg])
        for rep in ((0, 1.0), (beat / 4, 0.6)) if i % 4 == 3 else ((0, 1.0),):
            mix.add(pluck(f, 0.9, sr, decay=0.994, bright=0.9, seed=i), 0.3 + i * beat + rep[0], 0.4 * rep[1])
    doum = tone(note_hz("D2"), 0.3, sr, ((1, 1.0), (2, 0.3)), a=0.002, d=0.1, s=0.2, r=0.1, decay=9)
    tek = noise_burst(0.08, sr, decay=55, hp=0.8, lp=0.7, seed=3)
    for b in range(8):
        t0 = 0.3 + b * 4 * beat
        for off, kind in ((0, 1), (1, 0), (1.5, 0), (2, 1), (3, 0)):
            mix.add(doum if kind else tek, t0 + off * beat, 0.6 if kind else 0.35)
    mix.write(out, peak=0.8)


def cmd_music(a):
    {"reggae": song_reggae, "musicbox": song_musicbox, "tanpura": song_tanpura, "radio": song_radio}[a.kind](a.out, a.out)


def ridge(r, x0, x1, y, rough, step=6, smooth=3):
    """Jagged skyline points from x0 to x1 around height y."""
    pts, h = [], 0.0
    x = x0
    while x <= x1 + step:
        h += r.uniform(-rough, rough)
        h *= 0.92
        pts.append([x, y + h])
        x += step
    for _ in range(smooth):
        pts = [pts[0]] + [[p[0], (a[1] + p[1] * 2 + b[1]) / 4] for a, p, b in zip(pts, pts[1:], pts[2:])] + [pts[-1]]
    return [(p[0], p[1]) for p in pts]


def scene_eilidh(d):
    """Neist Point, Isle of Skye: sea, cliffs, a lighthouse, her dad's boat."""
    W, H, r = 880, 495, random.Random(1957)
    os.makedirs(d, exist_ok=True)
    hz = 262  # horizon
    run(["convert", "-size", f"{W}x{hz + 20}", "gradient:#5f7f9e-#efdcc2", "-gravity", "north", "-background", "#2a4457",
         "-extent", f"{W}x{H}",
         "(", "-size", "500x500", "radial-gradient:#fff1d6-black", "-resize", "700x420!", ")", "-gravity", "northwest",
         "-geometry", "+60+30", "-compose", "Screen", "-composite", "-depth", "8", f"{d}/sky.png"])
    # clouds: grey plasma used as alpha over a warm white, darker undersides
    run(["convert", "-size", "2000x250", "-seed", "31", "plasma:grey50-grey50", "-colorspace", "gray", "-blur", "0x9",
         "-auto-level", "-level", "48%,88%", "(", "-size", "2000x250", "gradient:white-black", ")",
         "-compose", "Multiply", "-composite", "-write", "mpr:a", "+delete",
         "(", "-size", "2000x250", "gradient:#fbf4ea-#9aa3ad", ")", "mpr:a", "-alpha", "off",
         "-compose", "CopyOpacity", "-composite", "-depth", "8", f"{d}/clouds.png"])
    s = ""
    # far island to the left, headland with lighthouse to the right
    far = ridge(r, 0, 330, hz - 14, 3, step=10)
    s += f"fill '#7d8fa3' stroke none polygon {P((0, hz), *far, (330, hz))}\n"
    head = [(520, hz)] + ridge(r, 540, 880, hz - 40, 5, step=8) + [(880, hz)]
    head[1] = (540, hz - 20)
    s += f"fill '#4f6158' polygon {P(*head, (880, hz + 2))}\n"
    s += f"fill '#3a4a43' polygon {P((560, hz), (600, hz - 34), (640, hz - 30), (640, hz + 1))}\n"
    for _ in range(7):
        sx_, sy_ = r.uniform(800, 860), r.uniform(hz - 16, hz - 8)
        s += f"fill '#efece4' ellipse {sx_:.1f},{sy_:.1f} 3,2 0,360\nfill '#222' circle {sx_+3:.1f},{sy_-0.5:.1f} {sx_+4:.1f},{sy_-0.5:.1f}\n"
    # sea
    s += f"fill '#3d5d78' rectangle 0,{hz} {W},{H}\n"
    for k in range(40):
        y = hz + 2 + k * k * 0.17
        c = ["#4a6d88", "#34526b", "#56799a"][k % 3]
        s += f"fill '{c}' fill-opacity 0.5 rectangle 0,{y:.1f} {W},{y + 1 + k * 0.08:.1f}\nfill-opacity 1\n"
    # lighthouse and keeper's cottage on the headland
    s += "fill '#f4f1ea' stroke '#55575a' stroke-width 1 polygon 742,236 756,236 754,196 744,196\n"
    s += "fill '#2f2f33' stroke none rectangle 741,188 757,197\nfill '#ffe9a8' rectangle 745,190 753,195\n"
    s += "fill '#2f2f33' polygon 741,188 749,181 757,188\n"
    s += "fill '#e9e4da' stroke '#55575a' stroke-width 1 rectangle 758,222 796,238\nfill '#8c2f26' polygon 756,222 777,212 798,222\n"
    s += f"stroke none fill '#4f6158' polygon {P((700, hz), (720, 236), (820, 236), (840, hz))}\n"
    # foreground: cliff-top grass bottom-left and dark rocks bottom-right
    fg = [(0, 352)] + ridge(r, 0, 520, 372, 4, step=10)[1:] + [(560, 440), (600, H), (0, H)]
    s += f"fill '#4d6b35' polygon {P(*fg)}\n"
    s += f"fill '#3b5429' polygon {P((0, 400), (180, 398), (420, 430), (560, H), (0, H))}\n"
    for _ in range(260):
        gx, gy = r.uniform(0, 560), r.uniform(380, H)
        if gy < 372 + (gx / 560) * 60:
            continue
        c = r.choice(["#6f8f45", "#2f4520", "#8aa35a", "#5a7a36"])
        s += f"fill none stroke '{c}' stroke-width 1.2 line {gx:.1f},{gy:.1f} {gx + r.uniform(-4, 4):.1f},{gy - r.uniform(6, 14):.1f}\n"
    s += f"stroke none fill '#2b2b2e' polygon {P((700, H), (740, 430), (800, 412), (880, 420), (880, H))}\n"
    s += f"fill '#4a4a50' polygon {P((740, 430), (800, 412), (812, 430), (770, 446))}\n"
    s += f"fill '#3f3f44' polygon {P((760, H), (790, 450), (840, 440), (880, 452), (880, H))}\n"
    # fence post with a rope
    s += "fill '#6d5a44' stroke '#3e3225' stroke-width 1 polygon 96,318 108,316 112,420 98,422\n"
    s += "fill none stroke '#b9a88c' stroke-width 2 path 'M 104,336 Q 160,360 214,352'\n"
    s += "fill '#6d5a44' stroke '#3e3225' stroke-width 1 polygon 210,334 220,333 223,410 212,411\n"
    render(f"{d}/land.png", W, H, s)
    # glitter on the water: two layers that slide past each other
    for k in (1, 2):
        g = ""
        for _ in range(700):
            x = r.uniform(0, W + 200)
            y = r.uniform(hz + 3, H - 40)
            near = max(0.0, 1 - abs(x - 100 - (410 + (y - hz) * 0.3)) / 240)
            if r.random() > near * 0.95 + 0.08:
                continue
            ln = r.uniform(3, 12) * (0.5 + (y - hz) / 200)
            g += f"fill 'rgba(255,246,220,{r.uniform(0.3, 0.9):.2f})' rectangle {x:.1f},{y:.1f} {x + ln:.1f},{y + 1.2:.1f}\n"
        render(f"{d}/glitter{k}.png", W + 200, H, g)
    # the boat: red hull, white wheelhouse, her name on the bow
    b = ("fill '#b3262d' stroke '#5c1114' stroke-width 2 path 'M 8,60 L 172,56 Q 166,84 150,92 L 26,92 Q 14,80 8,60 Z'\n"
         "fill '#1d1d1d' stroke none path 'M 26,92 L 150,92 Q 146,96 140,98 L 32,98 Z'\n"
         "fill '#f2efe6' stroke '#7c7a73' stroke-width 1 rectangle 92,24 140,58\n"
         "fill '#3b5a72' rectangle 98,30 110,42 rectangle 116,30 128,42\n"
         "fill '#7c7a73' rectangle 72,8 75,58\nfill '#f1c232' polygon 75,10 92,16 75,22\n"
         "fill none stroke '#f2efe6' stroke-width 2 line 8,62 172,58\n")
    b += text(22, 80, "EILIDH", 13, "#ffffff", SANS_BOLD) + text(124, 80, "OB 27", 10, "#ffffff", SANS)
    render(f"{d}/boat.png", 180, 104, b, post=["-blur", "0x0.4"])
    # gannets: wings up / wings down
    up = ("fill '#f7f7f2' stroke none path 'M 0,6 Q 12,-2 20,10 Q 28,-2 40,6 Q 28,6 21,14 L 19,14 Q 12,6 0,6 Z'\n"
          "fill '#1b1b1b' path 'M 0,6 L 5,4 L 6,7 Z' path 'M 40,6 L 35,4 L 34,7 Z'\nfill '#e8c070' circle 20,11 22,11\n")
    dn = ("fill '#f7f7f2' stroke none path 'M 0,16 Q 12,10 20,10 Q 28,10 40,16 Q 28,12 21,15 L 19,15 Q 12,12 0,16 Z'\n"
          "fill '#1b1b1b' path 'M 0,16 L 4,13 L 6,16 Z' path 'M 40,16 L 36,13 L 34,16 Z'\nfill '#e8c070' circle 20,11 22,11\n")
    render(f"{d}/bird_up.png", 40, 20, up)
    render(f"{d}/bird_dn.png", 40, 20, dn)
    # swaying grass tufts in front
    t = ""
    for _ in range(90):
        gx, gy = r.uniform(0, 520), r.uniform(420, H + 10)
        c = r.choice(["#88a556", "#6e8c42", "#a2b96b"])
        t += f"fill none stroke '{c}' stroke-width 1.6 path 'M {gx:.1f},{gy:.1f} Q {gx + r.uniform(-3, 6):.1f},{gy - 12:.1f} {gx + r.uniform(2, 12):.1f},{gy - r.uniform(18, 30):.1f}'\n"
    render(f"{d}/grass.png", W, H, t)
    # vignette as a black layer with alpha
    run(["convert", "-size", "600x600", "radial-gradient:black-white", "-resize", f"{W}x{H}!", "-level", "35%,100%",
         "-write", "mpr:v", "+delete", "-size", f"{W}x{H}", "xc:black", "mpr:v", "-alpha", "off",
         "-compose", "CopyOpacity", "-composite", "-channel", "A", "-evaluate", "multiply", "0.55", "+channel",
         "-depth", "8", f"{d}/vignette.png"])


# ---------------------------------------------------------- sketch timelapse

def read_ppm(path):
    data = open(path, "rb").read()
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    return w, h, bytearray(parts[3][:w * h * 3])


def wobbly(r, pts, amp=0.6, n=6):
    """Resample a polyline with a slight hand tremor."""
    out = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        L = math.hypot(x1 - x0, y1 - y0)
        k = max(1, int(L / n))
        for i in range(k):
            u = i / k
            out.append((x0 + (x1 - x0) * u + r.uniform(-amp, amp), y0 + (y1 - y0) * u + r.uniform(-amp, amp)))
    out.append(pts[-1])
    return out


def curve(p0, p1, p2, n=12):
    return [((1 - u) ** 2 * p0[0] + 2 * (1 - u) * u * p1[0] + u * u * p2[0],
             (1 - u) ** 2 * p0[1] + 2 * (1 - u) * u * p1[1] + u * u * p2[1]) for u in (i / n for i in range(n + 1))]


def sketch_strokes(r):
    """The Kapaleeshwarar temple tank, Mylapore, as a list of pen strokes."""
    S = []

    def line(*pts, amp=0.5):
        S.append(wobbly(r, list(pts), amp))

    cx, base, tiers = 372, 250, 7
    # gopuram: stacked tiers, each with niches and tiny figures
    for i in range(tiers):
        w0 = 150 - i * 15
        w1 = w0 - 12
        y0 = base - i * 24
        y1 = y0 - 22
        line((cx - w0 / 2, y0), (cx - w1 / 2, y1), (cx + w1 / 2, y1), (cx + w0 / 2, y0))
        line((cx - w0 / 2 - 3, y0), (cx + w0 / 2 + 3, y0))
        nn = max(3, int(w1 / 16))
        for k in range(nn):
            x = cx - w1 / 2 + 6 + k * (w1 - 12) / max(1, nn - 1)
            S.append(wobbly(r, curve((x - 4, y0 - 3), (x, y1 - 2), (x + 4, y0 - 3), 6), 0.3))
            if r.random() < 0.8:
                line((x, y0 - 4), (x + r.uniform(-1, 1), y0 - 11), amp=0.4)
        for k in range(int(w0 / 9)):  # hatching on the shaded right side
            x = cx + w1 / 2 - 14 + k * 2.2
            if x < cx + w0 / 2 - 2:
                line((x, y0 - 1), (x + 4, y1 + 3), amp=0.3)
    top = base - tiers * 24
    S.append(wobbly(r, curve((cx - 30, top), (cx, top - 34), (cx + 30, top), 14), 0.4))
    line((cx - 32, top), (cx + 32, top))
    for k in range(5):
        x = cx - 22 + k * 11
        S.append(wobbly(r, curve((x - 3, top - 16 + abs(k - 2) * 3), (x, top - 30 + abs(k - 2) * 3), (x + 3, top - 16 + abs(k - 2) * 3), 5), 0.2))
    # temple walls either side of the tower
    line((cx - 82, base), (cx - 82, base - 30), (cx - 150, base - 30), (cx - 150, base))
    line((cx + 82, base), (cx + 82, base - 34), (cx + 160, base - 34), (cx + 160, base))
    for k in range(9):
        x = cx - 146 + k * 7.5
        line((x, base - 30), (x, base - 36), amp=0.2)
    # tank steps
    for k in range(7):
        y = base + 8 + k * 6.5
        line((50 + k * 4, y), (600 - k * 4, y + r.uniform(-1, 1)), amp=0.35)
    for k in range(40):
        x = r.uniform(60, 590)
        y = base + 8 + r.randint(0, 5) * 6.5
        line((x, y), (x, y + 6.5), amp=0.2)
    # water and the reflection of the tower
    for k in range(34):
        x, y = r.uniform(70, 580), r.uniform(base + 58, base + 84)
        S.append(wobbly(r, curve((x, y), (x + 6, y - 2), (x + 12, y), 4), 0.3))
    for k in range(18):
        y = base + 60 + k * 1.5
        w = 70 - k * 3
        x = cx + r.uniform(-w / 2, w / 2)
        line((x, y), (x + r.uniform(4, 10), y), amp=0.2)
    # coconut palms on the left page
    for px, lean, h in ((112, -18, 150), (168, 22, 128), (238, -8, 96)):
        trunk = curve((px, base + 4), (px + lean * 0.3, base - h * 0.55), (px + lean, base - h), 16)
        S.append(wobbly(r, trunk, 0.4))
        S.append(wobbly(r, [(x + 5, y) for x, y in trunk], 0.4))
        for k in range(1, 15):
            x, y = trunk[k]
            line((x, y), (x + 5, y + 1), amp=0.2)
        tx, ty = trunk[-1]
        for k in range(9):
            a = -math.pi + k * math.pi / 8 + r.uniform(-0.15, 0.15)
            L = r.uniform(34, 52)
            end = (tx + L * math.cos(a), ty + L * math.sin(a) * 0.6 + 22)
            mid = (tx + L * 0.55 * math.cos(a), ty + L * 0.55 * math.sin(a) * 0.6 - 6)
            frond = curve((tx, ty), mid, end, 10)
            S.append(wobbly(r, frond, 0.3))
            for j in range(2, 10, 2):
                fx, fy = frond[j]
                line((fx, fy), (fx + r.uniform(-5, 5), fy + r.uniform(4, 8)), amp=0.2)
    # houses on the right page
    hx = 528
    for k, (w, h) in enumerate(((34, 70), (30, 92), (38, 60))):
        x0 = hx + sum((34, 30, 38)[:k])
        line((x0, base), (x0, base - h), (x0 + w, base - h), (x0 + w, base))
        for j in range(2):
            for i in range(int(h / 26)):
                wx, wy = x0 + 6 + j * (w / 2 - 2), base - h + 10 + i * 22
                line((wx, wy), (wx + 7, wy), (wx + 7, wy + 10), (wx, wy + 10), (wx, wy), amp=0.2)
        line((x0 - 3, base - h), (x0 + w + 3, base - h), amp=0.3)
    # little houses on the left page behind the palms
    line((46, base), (46, base - 44), (92, base - 44), (92, base))
    line((92, base - 30), (140, base - 30), (140, base), amp=0.4)
    for i in range(3):
        line((54 + i * 13, base - 34), (61 + i * 13, base - 34), (61 + i * 13, base - 24), (54 + i * 13, base - 24), (54 + i * 13, base - 34), amp=0.2)
    # people on the steps and pigeons in the sky
    for x in (214, 262, 455, 500):
        y = base + 14 + r.randint(0, 3) * 6.5
        S.append(wobbly(r, curve((x - 3, y + 12), (x, y - 2), (x + 3, y + 12), 6), 0.2))
        S.append(wobbly(r, [(x + 2.5 * math.cos(a / 3), y - 4 + 2.5 * math.sin(a / 3)) for a in range(20)], 0.1))
    for k in range(7):
        bx, by = r.uniform(250, 520), r.uniform(40, 100)
        S.append(wobbly(r, curve((bx - 6, by), (bx - 3, by - 4), (bx, by), 4) + curve((bx, by), (bx + 3, by - 4), (bx + 6, by), 4), 0.1))
    return S


def scene_priya(d):
    """Top-down: an open sketchbook on a wooden table, plus the watercolour wash."""
    W, H, r = 640, 360, random.Random(2211)
    os.makedirs(d, exist_ok=True)
    run(["convert", "-size", f"{W // 10}x{H}", "-seed", "5", "plasma:grey50-grey50", "-colorspace", "gray",
         "-resize", f"{W}x{H}!", "-auto-level", "+level-colors", "#5b3a22,#9a6a43", "-depth", "8", f"{d}/table.png"])
    s = ("fill '#000000' fill-opacity 0.35 stroke none roundrectangle 40,24 606,346 6,6\nfill-opacity 1\n"
         "fill '#2d3e50' roundrectangle 30,14 610,342 8,8\n"
         "fill '#f5efdf' rectangle 40,22 318,334\nfill '#f7f1e3' rectangle 322,22 600,334\n")
    for k in range(10):
        s += f"fill 'rgba(0,0,0,{0.05 - k*0.004:.3f})' rectangle {318 - k*3},22 {322 + k*3},334\n"
    render(f"{d}/book.png", W, H, s)
    run(["convert", f"{d}/table.png", f"{d}/book.png", "-compose", "Over", "-composite",
         "(", "-size", f"{W}x{H}", "xc:gray50", "-seed", "9", "+noise", "Gaussian", "-colorspace", "gray",
         "+level", "46%,54%", ")", "-compose", "Overlay", "-composite",
         "(", "-size", "600x600", "radial-gradient:white-black", "-resize", f"{W}x{H}!", "+level", "62%,110%", ")",
         "-compose", "Multiply", "-composite", "-depth", "8", f"{d}/bg.ppm"])
    # handwritten title and signature (revealed by the frame generator)
    t = text(58, 52, "Mylapore tank, Sun 22 Nov", 17, "#2b2118", SERIF, extra="skewX -14")
    t += text(500, 322, "- Priya R.", 13, "#2b2118", SERIF, extra="skewX -14")
    render(f"{d}/title.png", W, H, t)
    run(["convert", f"{d}/title.png", "-background", "white", "-alpha", "remove", "-colorspace", "gray", "-depth", "8",
         f"{d}/title.pgm"])
    # watercolour washes, multiplied over the drawing at the end
    base, cx = 250, 372
    w = ("fill '#bcd9ea' path 'M 44,30 L 596,28 L 598,170 Q 460,150 300,186 Q 160,150 44,176 Z'\n"
         f"fill '#e9b48a' polygon {P((cx - 78, base), (cx - 28, base - 176), (cx + 28, base - 176), (cx + 78, base))}\n"
         f"fill '#d98c6c' polygon {P((cx + 20, base), (cx + 22, base - 176), (cx + 28, base - 176), (cx + 78, base))}\n"
         f"fill '#f0d9a8' rectangle {cx - 150},{base - 36} {cx + 160},{base}\n"
         f"fill '#d6cdb8' rectangle 50,{base + 6} 600,{base + 52}\n"
         f"fill '#8fc1b5' path 'M 60,{base + 54} L 590,{base + 54} L 586,{base + 86} L 64,{base + 88} Z'\n"
         f"fill '#e1a97a' fill-opacity 0.8 rectangle {cx - 30},{base + 58} {cx + 30},{base + 86}\nfill-opacity 1\n"
         "fill '#f3c98b' rectangle 528,158 562,250\nfill '#a8d0c0' rectangle 562,158 592,250\nfill '#f2a7a0' rectangle 592,190 600,250\n")
    for px, lean, h in ((112, -18, 150), (168, 22, 128), (238, -8, 96)):
        w += f"fill '#9cc17a' ellipse {px + lean:.0f},{base - h + 14:.0f} 46,22 0,360\n"
        w += f"fill '#c7a57a' polygon {P((px - 2, base), (px + lean - 2, base - h), (px + lean + 7, base - h), (px + 7, base))}\n"
    render(f"{d}/wash_shapes.png", W, H, w, bg="white")
    run(["convert", f"{d}/wash_shapes.png", "-seed", "3", "-spread", "3", "-blur", "0x3",
         "(", "-size", f"{W}x{H}", "-seed", "4", "plasma:grey50-grey50", "-colorspace", "gray", "-blur", "0x4",
         "+level", "42%,58%", ")", "-compose", "Overlay", "-composite",
         "(", "-size", f"{W}x{H}", "xc:white", "-fill", "black", "-draw", "rectangle 40,22 600,334", "-blur", "0x2", ")",
         "-compose", "Screen", "-composite", "-depth", "8", f"{d}/wash.png"])


def cmd_sketch(a):
    """Write raw RGB frames of the drawing appearing stroke by stroke to stdout,
    and a matching pen-scratch sound to a WAV file."""
    d, fps, dur = a.dir, 30, 60.0
    W, H, canvas = read_ppm(f"{d}/bg.ppm")
    _, _, title = read_ppm_gray(f"{d}/title.pgm")
    r = random.Random(5)
    strokes = sketch_strokes(r)
    lengths = [sum(math.hypot(b[0] - a_[0], b[1] - a_[1]) for a_, b in zip(s, s[1:])) for s in strokes]
    total = sum(lengths)
    t_start, t_end = 2.5, 47.0
    ink = (43, 33, 24)

    def stamp(x, y, alpha=0.55, rad=1.15):
        xi, yi = int(x), int(y)
        for py in range(yi - 1, yi + 3):
            for px in range(xi - 1, xi + 3):
                dd = math.hypot(px - x, py - y)
                if dd < rad and 0 <= px < W and 0 <= py < H:
                    k = alpha * (1 - dd / rad)
                    o = (py * W + px) * 3
                    canvas[o] = int(canvas[o] + (ink[0] - canvas[o]) * k)
                    canvas[o + 1] = int(canvas[o + 1] + (ink[1] - canvas[o + 1]) * k)
                    canvas[o + 2] = int(canvas[o + 2] + (ink[2] - canvas[o + 2]) * k)

    # the pen: pixel offsets relative to the nib, drawn over each frame
    pen = []
    for sh, col, alpha in (((9, 6), (20, 14, 8), 0.25), ((0, 0), None, 1.0)):
        for i in range(0, 120):
            for j in range(-4, 5):
                ux, uy = 0.5, -0.866
                px = i * ux + j * 0.866 + sh[0]
                py = i * uy + j * 0.5 + sh[1]
                if i < 3 and abs(j) > 0:
                    continue
                if i < 12 and abs(j) > i / 3:
                    continue
                c = col or ((190, 190, 185) if i < 14 else (24, 60, 52) if abs(j) < 3 else (12, 32, 28))
                pen.append((int(px), int(py), c, alpha))
    out = sys.stdout.buffer
    si, pi, done = 0, 1, 0.0   # stroke index, point index, length drawn so far
    tip = (W + 40, H / 2)
    scratch = []
    title_cols = 0
    nfr = int(dur * fps)
    for f in range(nfr):
        t = f / fps
        target = total * min(1.0, max(0.0, (t - t_start) / (t_end - t_start)))
        drawn_now = 0.0
        while si < len(strokes) and done < target:
            s = strokes[si]
            if pi >= len(s):
                si, pi = si + 1, 1
                continue
            (x0, y0), (x1, y1) = s[pi - 1], s[pi]
            L = math.hypot(x1 - x0, y1 - y0)
            n = max(1, int(L / 0.6))
            for k in range(n):
                stamp(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n)
            done += L
            drawn_now += L
            tip = (x1, y1)
            pi += 1
        scratch.append(min(1.0, drawn_now / 25.0))
        # the title is written after the drawing, left to right
        if 48.5 <= t < 52.5:
            upto = int(40 + (W - 80) * (t - 48.5) / 4.0)
            for x in range(title_cols, upto):
                for y in range(30, 60):
                    v = title[y * W + x]
                    if v < 250:
                        tip = (x, y)
                        k = (255 - v) / 255 * 0.9
                        o = (y * W + x) * 3
                        for c in range(3):
                            canvas[o + c] = int(canvas[o + c] + (ink[c] - canvas[o + c]) * k)
                for y in range(300, 330):
                    v = title[y * W + x]
                    if v < 250:
                        k = (255 - v) / 255 * 0.9
                        o = (y * W + x) * 3
                        for c in range(3):
                            canvas[o + c] = int(canvas[o + c] + (ink[c] - canvas[o + c]) * k)
            scratch[-1] = max(scratch[-1], 0.6 if upto > title_cols else 0.0)
            title_cols = upto
        # where is the pen? drawing: at the nib; before/after: off the page
        if t < t_start:
            u = t / t_start
            pos = (W + 60 - (W + 60 - 372) * u, H - 10 - (H - 10 - 80) * u)
        elif t < 52.5:
            pos = tip
        else:
            u = min(1.0, (t - 52.5) / 1.5)
            pos = (tip[0] + (W + 80 - tip[0]) * u, tip[1] + (H + 80 - tip[1]) * u)
        frame = bytearray(canvas)
        nx, ny = int(pos[0]), int(pos[1])
        for dx, dy, c, al in pen:
            x, y = nx + dx, ny + dy
            if 0 <= x < W and 0 <= y < H:
                o = (y * W + x) * 3
                if al >= 1:
                    frame[o:o + 3] = bytes(c)
                else:
                    frame[o] = int(frame[o] * (1 - al) + c[0] * al)
                    frame[o + 1] = int(frame[o + 1] * (1 - al) + c[1] * al)
                    frame[o + 2] = int(frame[o + 2] * (1 - al) + c[2] * al)
        out.write(frame)
    out.flush()
    # pen on paper: band-limited noise following how much ink went down per frame
    sr = 48000
    hop = sr // fps
    snd = zeros(nfr * hop)
    lo = hi = prev = 0.0
    env = 0.0
    for f, amt in enumerate(scratch):
        for i in range(hop):
            env += (amt - env) * 0.002
            x = r.uniform(-1, 1)
            lo += 0.5 * (x - lo)
            hi = 0.9 * (hi + lo - prev)
            prev = lo
            snd[f * hop + i] = hi * env * (0.6 + 0.4 * math.sin(i * 0.0021 + f))
    write_wav(a.scratch, [snd], sr)


def read_ppm_gray(path):
    data = open(path, "rb").read()
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    return w, h, parts[3][:w * h]


# ------------------------------------------------------------ fox animation

def fox_sprite(pose):
    """A little red fox, 120x80, facing right, feet on y=76."""
    o, dk, wh = "#e0702a", "#3a2418", "#fbf3e6"
    s = "stroke '#7a3a14' stroke-width 1.2\n"
    if pose in ("walk_a", "walk_b"):
        legs = ((38, -6), (46, 6), (74, 6), (82, -6)) if pose == "walk_a" else ((38, 6), (46, -6), (74, -6), (82, 6))
        s += f"fill '{o}' path 'M 34,50 Q 10,40 4,22 Q 20,26 30,36 Q 24,30 20,20 Q 34,30 40,44 Z'\n"
        s += f"fill '{wh}' path 'M 4,22 Q 8,28 13,29 Q 8,24 9,19 Z'\n"
        for x, dx in legs:
            s += f"fill '{dk}' stroke none polygon {x},52 {x + 5},52 {x + 4 + dx},76 {x + dx},76\n"
        s += f"stroke '#7a3a14' fill '{o}' ellipse 60,48 30,15 0,360\n"
        s += f"fill '{wh}' stroke none ellipse 80,56 9,7 0,360\n"
        s += f"stroke '#7a3a14' fill '{o}' path 'M 78,44 Q 84,24 96,26 L 116,36 Q 104,44 92,46 Z'\n"
        s += f"fill '{o}' polygon 88,28 90,12 97,26\npolygon 95,27 101,13 104,30\n"
        s += f"fill '{dk}' stroke none polygon 91,26 91,17 95,26\ncircle 115,36 117,36\ncircle 99,32 100.5,32\n"
        s += f"fill '{wh}' path 'M 94,40 L 112,39 Q 104,46 92,46 Z'\n"
    elif pose == "sit":
        s += f"fill '{o}' path 'M 46,74 Q 10,76 8,58 Q 22,66 40,64 Z'\n"
        s += f"fill '{wh}' path 'M 8,58 Q 12,66 20,66 Q 12,62 12,56 Z'\n"
        s += f"fill '{o}' ellipse 56,56 18,22 0,360\n"
        s += f"fill '{wh}' stroke none ellipse 64,58 8,14 0,360\n"
        s += f"fill '{dk}' polygon 58,70 62,70 62,77 57,77\npolygon 68,70 72,70 72,77 67,77\n"
        s += f"stroke '#7a3a14' fill '{o}' path 'M 56,34 Q 58,14 72,12 L 88,2 Q 84,16 76,26 Z'\n"
        s += f"fill '{o}' polygon 58,22 52,6 64,16\npolygon 62,18 62,2 70,14\n"
        s += f"fill '{dk}' stroke none circle 88,3 90,3\ncircle 70,16 71.5,16\n"
    else:  # sleep: curled up, tail over the nose
        s += f"fill '{o}' ellipse 60,62 34,15 0,360\n"
        s += f"fill '{o}' path 'M 90,64 Q 96,48 80,46 Q 64,44 58,52 Z'\n"
        s += f"fill '{o}' polygon 84,48 90,36 92,50\n"
        s += f"fill none stroke '{dk}' stroke-width 1.5 path 'M 80,55 Q 84,58 88,55'\n"
        s += f"stroke '#7a3a14' fill '{o}' path 'M 28,66 Q 50,84 88,70 Q 70,72 50,66 Z'\n"
        s += f"fill '{wh}' stroke none path 'M 84,71 Q 92,70 96,66 Q 90,66 86,68 Z'\n"
    return s


def scene_yuki(d):
    """Snowy hills at dusk in Hokkaido, a little house, and a fox."""
    W, H, r = 640, 360, random.Random(3103)
    os.makedirs(d, exist_ok=True)
    run(["convert", "-size", f"{W}x{H}", "gradient:#27345e-#f2a98a", "-depth", "8", f"{d}/sky.png"])
    st = ""
    for _ in range(90):
        x, y = r.uniform(0, W), r.uniform(0, 200)
        rr = r.choice((0.6, 0.8, 1.0, 1.4))
        st += f"fill 'rgba(255,250,230,{r.uniform(0.5, 1):.2f})' circle {x:.1f},{y:.1f} {x + rr:.1f},{y:.1f}\n"
    render(f"{d}/stars.png", W, H, st)
    render(f"{d}/moon.png", 80, 80, "fill 'rgba(255,244,214,0.25)' circle 40,40 40,4\nfill '#fff4d6' circle 40,40 40,16\n"
           "fill '#efe0b8' circle 34,36 34,40\ncircle 46,46 46,49\n", post=["-blur", "0x1"])
    s = ""
    far = ridge(r, 0, W, 218, 5, step=16)
    s += f"fill '#b9c3dc' stroke none polygon {P((0, H), *far, (W, H))}\n"
    for _ in range(26):
        x = r.uniform(0, W)
        y = 214 + r.uniform(-6, 10)
        h = r.uniform(26, 44)
        s += f"fill '#2f4a4a' polygon {P((x, y - h), (x - h * 0.3, y), (x + h * 0.3, y))}\n"
        s += f"fill '#eef3fb' polygon {P((x, y - h), (x - h * 0.12, y - h * 0.6), (x + h * 0.12, y - h * 0.6))}\n"
    s += f"fill '#dfe7f5' path 'M 0,{H} L 0,262 C 100,240 200,250 300,268 S 520,238 640,262 L 640,{H} Z'\n"
    s += f"fill '#f7f9fe' path 'M 0,{H} L 0,318 C 160,308 420,326 640,314 L 640,{H} Z'\n"
    s += "fill none stroke '#c7d2e6' stroke-width 2 path 'M 0,330 C 200,322 400,338 640,326'\n"
    # the house
    s += "fill '#6b4a34' stroke '#3e2a1d' stroke-width 2 rectangle 440,232 580,318\n"
    for k in range(8):
        s += f"fill none stroke '#5a3d2a' stroke-width 1 line 440,{240 + k * 10} 580,{240 + k * 10}\n"
    s += "fill '#f4f7fd' stroke '#c5cfe0' stroke-width 1.5 polygon 426,236 510,186 594,236 588,242 510,196 432,242\n"
    s += "fill '#2a1e16' stroke none rectangle 500,272 526,318\n"
    s += "fill '#22314f' stroke '#3e2a1d' stroke-width 3 rectangle 454,256 488,284 rectangle 540,256 574,284\n"
    s += "fill '#3e2a1d' rectangle 470,256 472,284 rectangle 556,256 558,284\n"
    s += "fill '#6b4a34' rectangle 548,196 562,222\nfill '#f4f7fd' rectangle 546,192 564,198\n"
    s += "fill none stroke '#8a6a50' stroke-width 3 line 600,300 600,326 line 620,298 620,324 line 596,306 640,304\n"
    render(f"{d}/land.png", W, H, s)
    lit = ("fill '#ffd27a' rectangle 456,258 486,282 rectangle 542,258 572,282\n"
           "fill '#c98a3a' rectangle 470,258 472,282 rectangle 556,258 558,282\n")
    render(f"{d}/lit_core.png", W, H, lit)
    run(["convert", f"{d}/lit_core.png", "(", "+clone", "-blur", "0x14", "-channel", "A", "-evaluate", "multiply", "1.6",
         "+channel", ")", "+swap", "-compose", "Over", "-composite",
         "(", "-size", f"{W}x{H}", "xc:none", "-fill", "rgba(255,200,110,0.35)", "-draw",
         "polygon 454,318 488,318 500,345 440,345", "-draw", "polygon 540,318 574,318 590,345 530,345", "-blur", "0x5", ")",
         "-compose", "Over", "-composite", "-depth", "8", f"{d}/lit.png"])
    # snow: two tileable layers (the lower half repeats the upper half)
    for k, (n, rad) in enumerate(((160, 1.2), (55, 2.4))):
        sn = ""
        for _ in range(n):
            x, y = r.uniform(0, W), r.uniform(0, H)
            rr = rad * r.uniform(0.7, 1.3)
            for dy in (0, H):
                sn += f"fill 'rgba(255,255,255,{r.uniform(0.6, 0.95):.2f})' circle {x:.1f},{y + dy:.1f} {x + rr:.1f},{y + dy:.1f}\n"
        render(f"{d}/snow{k + 1}.png", W, 2 * H, sn, post=["-blur", "0x0.6"])
    for pose in ("walk_a", "walk_b", "sit", "sleep"):
        render(f"{d}/fox_{pose}.png", 120, 80, fox_sprite(pose))
    # title and end cards on paper
    plasma(f"{d}/paper.png", W, H, 8, "#efe6d2", "#f8f2e4", blur=3)
    t = text(0, 124, "The Fox and the First Snow", 30, "#3a2a20", SERIF_BOLD, extra="gravity North")
    t += text(0, 178, "a very short film by Yuki Sato", 16, "#6a5040", SERIF, extra="gravity North")
    t += text(0, 212, "Sapporo, 2026", 13, "#8a7060", SERIF, extra="gravity North")
    for k in range(6):
        a = k * math.pi / 3
        t += f"fill none stroke '#6a8fb0' stroke-width 2 line 320,90 {320 + 22 * math.cos(a):.1f},{90 + 22 * math.sin(a):.1f}\n"
    render(f"{d}/title_text.png", W, H, t)
    compose(f"{d}/paper.png", [(f"{d}/title_text.png", "Over", (0, 0))], f"{d}/title.png")
    e = text(0, 150, "the end", 34, "#fff4d6", SERIF, extra="gravity North")
    render(f"{d}/end.png", W, H, e)


def cmd_sfx(a):
    """Sound effects timeline for the fox film (footsteps, jumps, a chime, wind)."""
    sr = 44100
    r = random.Random(77)
    mix = Mix(45, sr, 2)
    # crunchy footsteps in snow while walking
    for t0, t1, x0, x1 in ((4.5, 15, -0.8, -0.1), (27, 35, -0.1, 0.5)):
        t = t0
        while t < t1:
            pan = x0 + (x1 - x0) * (t - t0) / (t1 - t0)
            mix.add(noise_burst(0.09, sr, decay=40, hp=0.6, lp=0.35, seed=int(t * 100), attack=0.01), t, 0.5, pan)
            t += 1 / 3
    for t in (18, 21):  # jumps: a rising whoosh and a soft landing
        n = int(0.5 * sr)
        w = noise_burst(0.5, sr, decay=4, hp=0.0, lp=0.08, seed=int(t), attack=0.2)
        for i in range(n):
            w[i] *= math.sin(math.pi * i / n)
        mix.add(w, t, 0.9, -0.1)
        mix.add(noise_burst(0.12, sr, decay=30, lp=0.2, seed=int(t) + 5, attack=0.005), t + 0.95, 0.7, -0.1)
    for k, nn in enumerate(("G5", "D6", "B5")):  # the lights come on
        mix.add(bell(note_hz(nn), 3.0, sr), 26.5 + k * 0.12, 0.25, 0.5)
    # wind comes from sox in the shell script
    mix.write(a.out, peak=0.7)


def scene_leila(d):
    """Early morning by the kitchen window in Jabal al-Weibdeh, Amman; her mug."""
    W, H, r = 640, 360, random.Random(1912)
    os.makedirs(d, exist_ok=True)
    plasma(f"{d}/wall.png", W, H, 17, "#4f6f78", "#6f8f94", blur=6)
    s = ""
    # window: pale morning sky over stone houses on the hills
    wx0, wy0, wx1, wy1 = 60, 30, 360, 236
    s += f"fill '#e6d3b3' stroke none rectangle {wx0 - 14},{wy0 - 14} {wx1 + 14},{wy1 + 22}\n"
    s += f"fill '#f3e4c8' rectangle {wx0},{wy0} {wx1},{wy1}\n"
    s += f"fill '#f7d9b0' rectangle {wx0},{wy0 + 90} {wx1},{wy1}\n"
    s += f"fill '#d9c8ae' path 'M {wx0},{wy1} L {wx0},150 Q 130,126 210,146 Q 290,120 {wx1},140 L {wx1},{wy1} Z'\n"
    for _ in range(70):
        w, h = r.uniform(14, 30), r.uniform(10, 22)
        x = r.uniform(wx0 - 4, wx1 - w)
        y = r.uniform(140, wy1 - 6)
        c = r.choice(["#efe6d6", "#e7dcc8", "#f4ecdf", "#dccfb9"])
        s += f"fill '{c}' stroke '#b9a98f' stroke-width 0.6 rectangle {x:.1f},{y:.1f} {x + w:.1f},{y + h:.1f}\n"
        for _ in range(r.randint(0, 2)):
            qx, qy = x + r.uniform(2, w - 5), y + r.uniform(2, h - 5)
            s += f"fill '#6c7a86' stroke none rectangle {qx:.1f},{qy:.1f} {qx + 3:.1f},{qy + 3.5:.1f}\n"
    s += f"fill '#c7b699' stroke none rectangle 240,70 246,140\nfill '#c7b699' ellipse 243,66 6,8 0,360\n"  # minaret
    s += f"fill '#9aa8a0' rectangle 236,92 250,96\n"
    s += f"fill none stroke '#8a6f52' stroke-width 10 rectangle {wx0},{wy0} {wx1},{wy1}\n"
    s += f"fill '#8a6f52' stroke none rectangle {(wx0 + wx1) / 2 - 4},{wy0} {(wx0 + wx1) / 2 + 4},{wy1}\n"
    s += f"fill '#7a6048' rectangle {wx0 - 24},{wy1 + 8} {wx1 + 24},{wy1 + 24}\n"
    # mint in a pot on the sill
    s += "fill '#b5643c' polygon 300,244 336,244 332,212 304,212\n"
    for _ in range(30):
        lx, ly = r.uniform(296, 342), r.uniform(170, 214)
        s += f"fill '{r.choice(['#4f8a3c', '#6aa84f', '#3d7030'])}' ellipse {lx:.1f},{ly:.1f} 6,3.5 {r.randint(0, 180)},{r.randint(181, 360)}\n"
    # table
    s += f"fill '#6f4e37' rectangle 0,262 {W},{H}\nfill '#5a3f2c' rectangle 0,262 {W},268\n"
    for k in range(14):
        y = 272 + k * 6.5
        s += f"fill none stroke 'rgba(40,25,15,0.25)' stroke-width 1 path 'M 0,{y:.1f} Q 320,{y + r.uniform(-3, 3):.1f} {W},{y:.1f}'\n"
    # a saucer with two biscuits, the mug with her name
    s += "fill '#f4efe6' stroke '#cfc6b6' stroke-width 1 ellipse 200,318 56,12 0,360\n"
    s += "fill '#d9a35f' stroke '#a8733a' stroke-width 1 ellipse 186,312 20,7 0,360 ellipse 214,310 20,7 0,360\n"
    mx, my = 430, 228
    s += f"fill '#000000' fill-opacity 0.25 stroke none ellipse {mx + 10},{my + 92} 62,12 0,360\nfill-opacity 1\n"
    s += f"fill none stroke '#2f6d8f' stroke-width 11 path 'M {mx + 50},{my + 22} Q {mx + 84},{my + 26} {mx + 78},{my + 52} Q {mx + 72},{my + 70} {mx + 48},{my + 64}'\n"
    s += f"fill '#2f6d8f' stroke none path 'M {mx - 52},{my} L {mx + 52},{my} L {mx + 48},{my + 84} Q {mx},{my + 96} {mx - 48},{my + 84} Z'\n"
    s += f"fill '#4c8fb3' ellipse {mx},{my} 52,10 0,360\nfill '#3b2415' ellipse {mx},{my + 1} 46,7 0,360\n"
    s += f"fill '#5b3a22' ellipse {mx - 8},{my} 16,3 0,360\n"
    s += f"fill 'rgba(255,255,255,0.18)' path 'M {mx - 44},{my + 10} L {mx - 30},{my + 10} L {mx - 30},{my + 80} L {mx - 42},{my + 76} Z'\n"
    s += text(mx - 34, my + 52, "LEILA", 22, "#f6efe0", SANS_BOLD)
    for k in range(5):
        s += f"fill '#f6efe0' circle {mx - 30 + k * 15},{my + 66} {mx - 28.5 + k * 15},{my + 66}\n"
    render(f"{d}/room.png", W, H, s)
    # morning light falling from the window across the table
    beam = f"fill 'rgba(255,226,170,0.38)' polygon {P((60, 30), (360, 30), (640, 250), (640, 360), (330, 360))}\n"
    render(f"{d}/beam_shape.png", W, H, beam, post=["-blur", "0x22"])
    compose(f"{d}/wall.png", [(f"{d}/room.png", "Over", (0, 0)), (f"{d}/beam_shape.png", "Screen", (0, 0))], f"{d}/flat.png")
    finish(f"{d}/flat.png", f"{d}/base.png", W, H, seed=1912, grain=0.05, vig=0.35)
    # steam: a tall soft-noise strip that scrolls upward through a cone-shaped mask
    run(["convert", "-size", "160x1400", "-seed", "12", "plasma:grey50-grey50", "-colorspace", "gray",
         "-blur", "0x7", "-auto-level", "-level", "40%,100%", "-depth", "8", f"{d}/steam_noise.png"])
    m = ("fill 'gray(255)' path 'M 62,190 C 50,150 40,90 70,20 C 80,0 100,0 104,20 C 120,90 110,150 98,190 Z'\n")
    render(f"{d}/steam_mask.png", 160, 200, m, bg="black", post=["-blur", "0x16", "-colorspace", "gray"])
    # dust in the light
    ds = ""
    for _ in range(60):
        x, y = r.uniform(120, 560), r.uniform(40, 300)
        ds += f"fill 'rgba(255,240,210,{r.uniform(0.4, 0.9):.2f})' circle {x:.1f},{y:.1f} {x + r.uniform(0.6, 1.3):.1f},{y:.1f}\n"
    render(f"{d}/dust.png", W, H, ds, post=["-blur", "0x0.5"])
    write_env(f"{d}/scene.env", STEAM_X=mx - 80, STEAM_Y=my - 196)


# --------------------------------------------------------------- photographs

def add_exif(path, orientation, description, taken):
    """Put a minimal camera-style EXIF block (APP1) into a JPEG: Orientation,
    ImageDescription and DateTime. Replaces the JFIF APP0 segment ImageMagick wrote."""
    import struct
    data = open(path, "rb").read()
    assert data[:2] == b"\xff\xd8"
    rest = data[2:]
    if rest[:2] == b"\xff\xe0":  # drop JFIF APP0
        rest = rest[2 + struct.unpack(">H", rest[2:4])[0]:]
    desc = description.encode("utf-8") + b"\0"
    when = taken.encode("ascii") + b"\0"
    entries = [(0x010E, 2, len(desc), desc), (0x0112, 3, 1, struct.pack(">HH", orientation, 0)),
               (0x0132, 2, len(when), when)]
    n = len(entries)
    data_off = 8 + 2 + 12 * n + 4
    ifd, blob = struct.pack(">H", n), b""
    for tag, typ, count, val in entries:
        if len(val) <= 4:
            ifd += struct.pack(">HHI", tag, typ, count) + val.ljust(4, b"\0")
        else:
            ifd += struct.pack(">HHII", tag, typ, count, data_off + len(blob))
            blob += val + (b"\0" if len(val) % 2 else b"")
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd + struct.pack(">I", 0) + blob
    app1 = b"Exif\0\0" + tiff
    open(path, "wb").write(b"\xff\xd8\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + rest)


def photo_lagoon(out, W=1600, H=1067):
    """Sunset over Lagoa da Conceicao, Florianopolis."""
    d = out + ".d"
    os.makedirs(d, exist_ok=True)
    r = random.Random(4821)
    hz = int(H * 0.56)
    run(["convert", "-size", f"{W}x{hz}", "gradient:#3b2f63-#ffb36b",
         "(", "-size", "800x800", "radial-gradient:#fff3c4-black", "-resize", "1300x700!", ")",
         "-geometry", f"+{int(W * 0.32)}+{hz - 330}", "-compose", "Screen", "-composite", "-depth", "8", f"{d}/sky.png"])
    run(["convert", "-size", f"{W // 16}x{hz // 2}", "-seed", "44", "plasma:grey50-grey50", "-colorspace", "gray",
         "-resize", f"{W}x{hz}!", "-blur", "0x4", "-auto-level", "-level", "52%,95%",
         "(", "-size", f"{W}x{hz}", "gradient:white-black", ")", "-compose", "Multiply", "-composite",
         "-write", "mpr:a", "+delete", "(", "-size", f"{W}x{hz}", "gradient:#6b4f7a-#ff9a7a", ")", "mpr:a", "-alpha", "off",
         "-compose", "CopyOpacity", "-composite", "-depth", "8", f"{d}/clouds.png"])
    compose(f"{d}/sky.png", [(f"{d}/clouds.png", "Over", (0, 0))], f"{d}/skyc.png")
    s = ""
    for k, (y, rough, col) in enumerate(((hz - 110, 14, "#6a5478"), (hz - 70, 10, "#4b3b5c"), (hz - 30, 7, "#2e2440"))):
        pts = ridge(r, 0, W, y, rough, step=18)
        s += f"fill '{col}' stroke none polygon {P((0, hz), *pts, (W, hz))}\n"
    render(f"{d}/hills.png", W, hz, s)
    compose(f"{d}/skyc.png", [(f"{d}/hills.png", "Over", (0, 0))], f"{d}/top.png")
    # water: the sky flipped, darker, smeared sideways; a canoe; reeds
    run(["convert", f"{d}/top.png", "-flip", "-resize", f"{W // 12}x{H - hz}!", "-resize", f"{W}x{H - hz}!",
         "-modulate", "80,110", "-fill", "#1c2a4a", "-colorize", "22%",
         "(", "-size", f"{W}x{H - hz}", "-seed", "7", "plasma:grey50-grey50", "-colorspace", "gray",
         "-resize", "100%x4%", "-resize", f"{W}x{H - hz}!", "+level", "40%,60%", ")", "-compose", "Overlay", "-composite",
         "-depth", "8", f"{d}/water.png"])
    run(["convert", f"{d}/top.png", f"{d}/water.png", "-append", "-depth", "8", f"{d}/scene.png"])
    f = ""
    cx, cy = 980, hz + 90
    f += f"fill '#15121c' stroke none path 'M {cx - 70},{cy} Q {cx},{cy + 16} {cx + 80},{cy - 4} L {cx + 70},{cy + 4} Q {cx},{cy + 20} {cx - 62},{cy + 6} Z'\n"
    f += f"ellipse {cx + 10},{cy - 26} 9,11 0,360\npolygon {P((cx + 2, cy - 16), (cx + 20, cy - 16), (cx + 24, cy), (cx - 2, cy))}\n"
    f += f"fill none stroke '#15121c' stroke-width 3 line {cx + 18},{cy - 10} {cx + 60},{cy - 70}\n"
    f += f"fill 'rgba(255,210,150,0.35)' stroke none ellipse {cx + 4},{cy + 18} 90,3 0,360\n"
    for _ in range(160):
        x = r.uniform(0, 520)
        y0 = H - r.uniform(0, 60)
        hh = r.uniform(80, 230) * (1 - x / 700)
        f += (f"fill none stroke '#100c14' stroke-width {r.uniform(1.5, 3.5):.1f} "
              f"path 'M {x:.1f},{y0:.1f} Q {x + r.uniform(-8, 8):.1f},{y0 - hh / 2:.1f} {x + r.uniform(-30, 30):.1f},{y0 - hh:.1f}'\n")
    render(f"{d}/front.png", W, H, f)
    compose(f"{d}/scene.png", [(f"{d}/front.png", "Over", (0, 0))], f"{d}/flat.png")
    finish(f"{d}/flat.png", f"{d}/final.png", W, H, seed=4821, grain=0.07, vig=0.45, blur=0.7)
    run(["convert", f"{d}/final.png", "-quality", "86", "-sampling-factor", "2x2", out])
    run(["rm", "-rf", d])


def photo_facade(out, W=1067, H=1600):
    """An Azorean-style house front in Santo Antonio de Lisboa (portrait)."""
    d = out + ".d"
    os.makedirs(d, exist_ok=True)
    r = random.Random(27)
    plasma(f"{d}/wall.png", W, H, 27, "#e8b93c", "#f6d477", blur=3)
    s = ""
    # blue-and-white tile panel on the lower wall
    ty0, ty1, ts = 900, 1330, 44
    for j, y in enumerate(range(ty0, ty1, ts)):
        for i, x in enumerate(range(20, W - 20, ts)):
            s += f"fill '#f4f6fb' stroke '#b8c2d6' stroke-width 1 rectangle {x},{y} {x + ts},{y + ts}\n"
            c = "#1f4e9c" if (i + j) % 2 else "#2b62b8"
            mx, my = x + ts / 2, y + ts / 2
            s += f"fill '{c}' stroke none polygon {P((mx, y + 4), (x + ts - 4, my), (mx, y + ts - 4), (x + 4, my))}\n"
            s += f"fill '#f4f6fb' circle {mx},{my} {mx + 6},{my}\n"
            s += f"fill '{c}' circle {x},{y} {x + 7},{y}\n"
    # door and window
    s += "fill '#f2efe8' stroke none rectangle 110,560 470,1340\n"
    s += "fill '#1d5fa8' rectangle 140,590 440,1340\n"
    for k in range(2):
        for j in range(3):
            x0, y0 = 160 + k * 140, 620 + j * 230
            s += f"fill none stroke '#174d89' stroke-width 6 rectangle {x0},{y0} {x0 + 120},{y0 + 200}\n"
    s += "fill '#d4a73a' circle 410,980 418,980\n"
    s += "fill '#f2efe8' stroke none rectangle 80,520 500,560\n"
    s += "fill '#f2efe8' rectangle 600,300 960,820\nfill '#3c5a6e' rectangle 630,330 930,790\n"
    s += "fill '#2f7d4f' rectangle 630,330 700,790 rectangle 860,330 930,790\n"
    for k in range(12):
        s += f"fill none stroke '#25653f' stroke-width 3 line 630,{350 + k * 36} 700,{350 + k * 36} line 860,{350 + k * 36} 930,{350 + k * 36}\n"
    s += "fill '#fbe9c6' fill-opacity 0.6 rectangle 712,350 848,780\nfill-opacity 1\n"
    s += "fill '#b5643c' rectangle 610,820 950,860\n"
    for _ in range(40):
        x, y = r.uniform(620, 940), r.uniform(770, 830)
        s += f"fill '{r.choice(['#d7263d', '#f46036', '#ffffff', '#3a7d44', '#2e933c'])}' circle {x:.1f},{y:.1f} {x + r.uniform(5, 12):.1f},{y:.1f}\n"
    # house number plaque in tiles, roof edge, street
    s += "fill '#f4f6fb' stroke '#1f4e9c' stroke-width 4 rectangle 220,440 360,510\n"
    s += text(244, 496, "N\u00ba 27", 44, "#1f4e9c", SERIF_BOLD)
    s += f"fill '#9c3d24' stroke none polygon {P((0, 0), (W, 0), (W, 120), (0, 120))}\n"
    for k in range(14):
        s += f"fill none stroke '#7a2c18' stroke-width 4 path 'M {k * 80},120 Q {k * 80 + 40},150 {k * 80 + 80},120'\n"
    s += "fill '#8f8a80' rectangle 0,1340 1067,1600\n"
    for j in range(8):
        for i in range(14):
            x = i * 80 + (40 if j % 2 else 0) + r.uniform(-6, 6)
            y = 1352 + j * 32
            s += f"fill '{r.choice(['#a8a296', '#9a948a', '#b3ada2', '#8c877e'])}' stroke '#6c675f' stroke-width 2 roundrectangle {x:.0f},{y} {x + 72:.0f},{y + 26} 8,8\n"
    # the neighbour's cat on the step
    s += "fill '#26221f' stroke none ellipse 560,1318 46,26 0,360 circle 604,1284 604,1262\n"
    s += "polygon 590,1270 596,1246 606,1266\npolygon 606,1266 616,1246 620,1272\n"
    s += "fill none stroke '#26221f' stroke-width 10 path 'M 516,1320 Q 480,1330 492,1290'\n"
    s += "fill '#c9d64a' stroke none circle 598,1282 601,1282 circle 612,1282 615,1282\n"
    render(f"{d}/front.png", W, H, s)
    # late-afternoon shadow across the facade
    sh = f"fill 'rgba(20,10,40,0.30)' polygon {P((0, 0), (W, 0), (W, 260), (0, 780))}\n"
    render(f"{d}/shadow.png", W, H, sh, post=["-blur", "0x12"])
    compose(f"{d}/wall.png", [(f"{d}/front.png", "Over", (0, 0)), (f"{d}/shadow.png", "Over", (0, 0))], f"{d}/flat.png")
    finish(f"{d}/flat.png", f"{d}/final.png", W, H, seed=27, grain=0.07, vig=0.35, blur=0.8)
    # stored the way a phone held upright stores it: pixels sideways + Orientation=6
    run(["convert", f"{d}/final.png", "-rotate", "-90", "-quality", "85", "-sampling-factor", "2x2", out])
    run(["rm", "-rf", d])


def photo_dew(out, W=1200, H=800):
    """Macro: dew drops on a spider thread on a balcony in Hanoi."""
    d = out + ".d"
    os.makedirs(d, exist_ok=True)
    r = random.Random(808)
    plasma(f"{d}/bg.png", W, H, 808, "#1f4d2b", "#c7d86a", blur=30)
    b = ""
    for _ in range(26):
        x, y, rr = r.uniform(0, W), r.uniform(0, H), r.uniform(30, 110)
        b += f"fill 'rgba(255,250,200,{r.uniform(0.08, 0.22):.2f})' circle {x:.1f},{y:.1f} {x + rr:.1f},{y:.1f}\n"
    render(f"{d}/bokeh.png", W, H, b, post=["-blur", "0x6"])
    leaf = "fill '#2f6b2a' path 'M 1200,520 Q 980,600 900,800 L 1200,800 Z'\nfill none stroke '#4f8f3a' stroke-width 5 path 'M 1200,560 Q 1050,640 980,800'\n"
    render(f"{d}/leaf.png", W, H, leaf, post=["-blur", "0x10"])
    s = ""
    threads = [((-20, 190), (640, 330), (1220, 250)), ((-20, 560), (500, 470), (1220, 610))]
    drops = []
    for (p0, p1, p2) in threads:
        pts = curve(p0, p1, p2, 60)
        s += f"fill none stroke 'rgba(235,240,230,0.75)' stroke-width 1.6 polyline {P(*pts)}\n"
        u = 0.02
        while u < 0.98:
            x = (1 - u) ** 2 * p0[0] + 2 * (1 - u) * u * p1[0] + u * u * p2[0]
            y = (1 - u) ** 2 * p0[1] + 2 * (1 - u) * u * p1[1] + u * u * p2[1]
            rad = r.choice((5, 7, 9, 12, 16, 22, 30)) * r.uniform(0.8, 1.2)
            drops.append((x, y + rad * 0.5, rad))
            u += (rad * 2.6 + r.uniform(6, 40)) / 1300
    for x, y, rad in drops:
        s += f"fill 'rgba(20,45,25,0.55)' circle {x:.1f},{y:.1f} {x + rad:.1f},{y:.1f}\n"
        s += f"fill 'rgba(200,225,140,0.65)' circle {x:.1f},{y + rad * 0.15:.1f} {x + rad * 0.82:.1f},{y + rad * 0.15:.1f}\n"
        s += f"fill 'rgba(250,255,220,0.55)' ellipse {x:.1f},{y + rad * 0.45:.1f} {rad * 0.55:.1f},{rad * 0.3:.1f} 0,360\n"
        s += f"fill 'rgba(255,255,255,0.95)' circle {x - rad * 0.35:.1f},{y - rad * 0.4:.1f} {x - rad * 0.35 + max(1.2, rad * 0.16):.1f},{y - rad * 0.4:.1f}\n"
    render(f"{d}/drops.png", W, H, s, post=["-blur", "0x0.7"])
    compose(f"{d}/bg.png", [(f"{d}/bokeh.png", "Screen", (0, 0)), (f"{d}/leaf.png", "Over", (0, 0)),
                            (f"{d}/drops.png", "Over", (0, 0))], f"{d}/flat.png")
    run(["convert", f"{d}/flat.png",
         "(", "-size", "600x600", "radial-gradient:white-black", "-resize", f"{W}x{H}!", "+level", "55%,110%", ")",
         "-compose", "Multiply", "-composite", "-depth", "8", "-define", "png:compression-level=9",
         "-define", "png:exclude-chunks=date,time", out])
    run(["rm", "-rf", d])


def cmd_photos(a):
    lucas, lan = os.path.join(a.outdir, "lucas-pereira"), os.path.join(a.outdir, "nguyen-thi-lan")
    photo_lagoon(f"{lucas}/last-light-lagoa.jpg")
    add_exif(f"{lucas}/last-light-lagoa.jpg", 1, "Last light over Lagoa da Conceicao", "2026:11:21 18:52:07")
    photo_facade(f"{lucas}/number-27.jpg")
    add_exif(f"{lucas}/number-27.jpg", 6, "Number 27, Santo Antonio de Lisboa", "2026:11:22 16:10:44")
    photo_dew(f"{lan}/dew-on-the-balcony.png")


# ------------------------------------------------------------ zip + manifest

def cmd_zipclip(a):
    """A ZIP archive (fixed timestamps) that will be saved under a .mp4 name."""
    with zipfile.ZipFile(a.out, "w", zipfile.ZIP_DEFLATED) as z:
        note = ("Lofoten, 14-18 Nov. Clips are IMG_4471 to IMG_4475, too big for the form,\n"
                "so I zipped the folder. The northern lights one is the best!\n- Kai\n")
        z.writestr(zipfile.ZipInfo("holiday/README.txt", (2026, 11, 19, 21, 4, 12)), note)
        info = zipfile.ZipInfo("holiday/IMG_4473_thumb.jpg", (2026, 11, 17, 23, 41, 50))
        z.writestr(info, open(a.thumb, "rb").read())


WEEK = [
    # id suffix, contributor, location, category, title, file, approvedAt, extras
    ("01", "Amara Okafor", "Lagos, Nigeria", "talking-life", "Morning in the shop",
     "amara-okafor/morning-in-the-shop.mp4", "2026-11-20T09:12:00Z",
     {"trimIn": 1.4, "trimOut": 78.4, "caption": "amara-okafor/morning-in-the-shop.vtt",
      "note": "Starts while she is still settling and the focus hunts; trimmed to the talk."}),
    ("02", "Lucas Pereira", "Florian\u00f3polis, Brazil", "photography", "Last light over Lagoa da Concei\u00e7\u00e3o",
     "lucas-pereira/last-light-lagoa.jpg", "2026-11-20T14:40:00Z", {}),
    ("03", "Lucas Pereira", "Florian\u00f3polis, Brazil", "photography", "N\u00ba 27, Santo Ant\u00f4nio de Lisboa",
     "lucas-pereira/number-27.jpg", "2026-11-20T14:41:00Z",
     {"note": "Portrait photo stored sideways with EXIF Orientation 6: rotate before use."}),
    ("04", "Grace Wanjiru", "Nairobi, Kenya", "talking-life", "Night shift, balcony",
     "grace-wanjiru/voice-memo-balcony.m4a", "2026-11-21T06:05:00Z",
     {"trimIn": 1.0, "note": "Voice memo only, recorded quietly; phone handling noise in the first second."}),
    ("05", "Tom\u00e1s Herrera", "Oaxaca, Mexico", "talking-process", "How I paint an alebrije",
     "tomas-herrera/how-i-paint-an-alebrije.mp4", "2026-11-21T17:30:00Z",
     {"caption": "tomas-herrera/how-i-paint-an-alebrije.vtt",
      "note": "Filmed upright on a phone: frames stored 640x360 with a 90\u00b0 display rotation."}),
    ("06", "Marta Kowalczyk", "Krak\u00f3w, Poland", "writing", "First Snow, Kazimierz",
     "marta-kowalczyk/first-snow-kazimierz.txt", "2026-11-22T10:20:00Z", {}),
    ("07", "Marta Kowalczyk", "Krak\u00f3w, Poland", "writing", "To the librarian on Rajska Street",
     "marta-kowalczyk/letter-to-the-librarian.md", "2026-11-22T10:24:00Z", {}),
    ("08", "Eilidh MacLeod", "Isle of Skye, Scotland", "filmed-life", "Sunday at Neist Point",
     "eilidh-macleod/sunday-at-neist-point.mov", "2026-11-22T19:02:00Z", {}),
    ("09", "Priya Raman", "Chennai, India", "filmed-process", "Sketching the Mylapore tank",
     "priya-raman/mylapore-tank-sketch.mp4", "2026-11-23T08:45:00Z", {}),
    ("10", "Desmond Clarke", "Kingston, Jamaica", "music", "Sunday on Mountain View",
     "desmond-clarke/sunday-on-mountain-view.flac", "2026-11-23T21:15:00Z",
     {"note": "Mastered hot; spoken lyrics over a one-drop riddim."}),
    ("11", "Nguyen Thi Lan", "Hanoi, Vietnam", "photography", "Dew on the balcony",
     "nguyen-thi-lan/dew-on-the-balcony.png", "2026-11-24T02:30:00Z", {}),
    ("12", "Yuki Sato", "Sapporo, Japan", "animation", "The Fox and the First Snow",
     "yuki-sato/the-fox-and-the-first-snow.webm", "2026-11-24T12:10:00Z", {}),
    ("13", "Leila Haddad", "Amman, Jordan", "little-thing", "Five minutes of steam",
     "leila-haddad/morning-steam.mp4", "2026-11-25T05:50:00Z", {}),
    ("14", "Ahmed Nasser", "Alexandria, Egypt", "little-thing", "Umm Hassan's Friday radio",
     "ahmed-nasser/friday-radio.ogg", "2026-11-25T09:35:00Z", {}),
    ("15", "Kai Larsen", "Troms\u00f8, Norway", "filmed-life", "Holiday clip",
     "kai-larsen/holiday-clip.mp4", "2026-11-26T16:00:00Z",
     {"note": "Sent as holiday-clip.mp4 but it is a ZIP archive; the pipeline should reject it."}),
]


def cmd_manifest(a):
    lines = []
    for suffix, who, where, cat, title, path, approved, extra in WEEK:
        if not os.path.exists(os.path.join(a.outdir, path)):
            raise SystemExit(f"manifest: missing {path}")
        entry = {"id": f"ct-2026w48-{suffix}", "contributor": who, "category": cat, "title": title,
                 "file": path, "approvedAt": approved, "location": where}
        entry.update(extra)
        if "caption" in entry and not os.path.exists(os.path.join(a.outdir, entry["caption"])):
            raise SystemExit(f"manifest: missing {entry['caption']}")
        lines.append(json.dumps(entry, ensure_ascii=False))
    with open(os.path.join(a.outdir, "manifest.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"manifest.jsonl: {len(lines)} entries")


# ------------------------------------------------------------------- CLI
def main():
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("speech")
    p.add_argument("text"); p.add_argument("out"); p.add_argument("timing")
    p.add_argument("--voice", required=True); p.add_argument("--speed", type=int, default=155)
    p.add_argument("--pitch", type=int, default=50); p.add_argument("--amp", type=int, default=120)
    p.add_argument("--wordgap", type=int, default=0)
    p.add_argument("--target", type=float, required=True); p.add_argument("--pre", type=float, default=0.5)
    p.add_argument("--post", type=float, default=0.8); p.add_argument("--gap", type=float, default=0.45)
    p.add_argument("--para-gap", type=float, default=1.0)
    p.set_defaults(fn=cmd_speech)
    p = sub.add_parser("vtt")
    p.add_argument("timing"); p.add_argument("out"); p.add_argument("--offset", type=float, default=0.0)
    p.add_argument("--title", default="")
    p.set_defaults(fn=cmd_vtt)
    p = sub.add_parser("mouth")
    p.add_argument("wav"); p.add_argument("--fps", type=float, default=30); p.add_argument("--sprites", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(fn=cmd_mouth)
    p = sub.add_parser("level")
    p.add_argument("inp"); p.add_argument("out"); p.add_argument("--lufs", type=float, required=True)
    p.set_defaults(fn=cmd_level)
    p = sub.add_parser("lufs")
    p.add_argument("inp")
    p.set_defaults(fn=cmd_lufs)
    p = sub.add_parser("scene")
    p.add_argument("name", choices=sorted(SCENES)); p.add_argument("dir")
    p.set_defaults(fn=lambda a: SCENES[a.name](a.dir))
    for name, (fn, args) in EXTRA.items():
        p = sub.add_parser(name)
        for arg in args:
            p.add_argument(arg)
        p.set_defaults(fn=fn)
    a = ap.parse_args()
    a.fn(a)


SCENES = {name[6:]: fn for name, fn in dict(globals()).items() if name.startswith("scene_")}
EXTRA = {  # commands with only positional arguments
    "ambience": (cmd_ambience, ("kind", "dur", "seed", "out")),
    "music": (cmd_music, ("kind", "out")),
    "sketch": (cmd_sketch, ("dir", "scratch")),
    "sfx": (cmd_sfx, ("out",)),
    "photos": (cmd_photos, ("outdir",)),
    "zipclip": (cmd_zipclip, ("thumb", "out")),
    "manifest": (cmd_manifest, ("outdir",)),
}


if __name__ == "__main__":
    main()
