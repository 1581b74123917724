#!/usr/bin/env python3
"""Writes the show's sound bed: a gentle 32-second loop (D, Bm, G, A; a soft pad under a plucked arpeggio) that
plays under photos, writing and films without sound. Deterministic (same bytes every run) and seamless when looped:
every note is laid into a circular buffer, so what rings past the end comes back at the start.
Usage: make-show-bed.py <out.wav>   (make-show-bed.sh turns it into the FLAC the show file names)"""
import math
import struct
import sys
import wave

RATE = 48000
BEAT = 1.0                      # 60 bpm
BARS = [("D", [62, 66, 69]), ("D", [62, 66, 69]), ("Bm", [59, 62, 66]), ("Bm", [59, 62, 66]),
        ("G", [55, 59, 62]), ("G", [55, 59, 62]), ("A", [57, 61, 64]), ("A", [57, 61, 64])]
N = int(len(BARS) * 4 * BEAT * RATE)
left = [0.0] * N
right = [0.0] * N


def freq(midi):
    return 440.0 * 2 ** ((midi - 69) / 12)


def add(start, seconds, f, gain, pan, attack, decay):
    """A note into the circular buffer: a sine with a soft octave, an attack and an exponential (or flat) decay."""
    first = int(start * RATE)
    for i in range(int(seconds * RATE)):
        t = i / RATE
        env = min(1.0, t / attack) * (math.exp(-t / decay) if decay else 1.0)
        env *= min(1.0, (seconds - t) / 0.3)          # every note ends softly
        v = gain * env * (math.sin(2 * math.pi * f * t) + 0.25 * math.sin(4 * math.pi * f * t))
        k = (first + i) % N
        left[k] += v * (1 - pan)
        right[k] += v * (1 + pan)


for bar, (name, chord) in enumerate(BARS):
    start = bar * 4 * BEAT
    for j, midi in enumerate(chord):                  # the pad: the chord held over the bar, swelling in
        add(start, 4 * BEAT + 0.8, freq(midi - 12), 0.05, (j - 1) * 0.3, 0.8, 0)
    pattern = [0, 1, 2, 1, 0, 2, 1, 2]                # the arpeggio: eighth notes an octave up
    for n, step in enumerate(pattern):
        add(start + n * BEAT / 2, 1.6, freq(chord[step] + 12), 0.06, 0.35 if n % 2 else -0.35, 0.01, 0.45)

peak = max(max(abs(x) for x in left), max(abs(x) for x in right))
scale = 0.7 / peak
with wave.open(sys.argv[1], "wb") as out:
    out.setnchannels(2)
    out.setsampwidth(2)
    out.setframerate(RATE)
    frames = bytearray()
    for a, b in zip(left, right):
        frames += struct.pack("<hh", int(round(a * scale * 32767)), int(round(b * scale * 32767)))
    out.writeframes(bytes(frames))
