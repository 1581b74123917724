#!/usr/bin/env python3
"""Keeps copies of the pictures Ensemble paints for its encodes, so replay.py can run the same commands later.

    python3 ops/bench/harvest.py <home>/cache/segments <dest>

Ensemble paints lower thirds, title cards, credits and photo plates as PNG files in a private folder
(<home>/cache/segments/.tmp-<pid>-<key>-<uuid>/) and deletes the folder once the segment is made. This polls those
folders every 0.1 s and copies every PNG (again whenever its size or mtime changes) to <dest>/<folder>/<file>, until
it is terminated (run.sh stops it by its pid when the cold run is over). Stdlib only; it costs a directory listing
per poll.
"""
import os
import shutil
import signal
import sys
import time


def main():
    src, dest = sys.argv[1], sys.argv[2]
    os.makedirs(dest, exist_ok=True)
    seen = {}
    running = True

    def stop(*_):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while running:
        try:
            folders = [d for d in os.listdir(src) if d.startswith(".tmp-")]
        except FileNotFoundError:
            folders = []
        for d in folders:
            try:
                names = os.listdir(os.path.join(src, d))
            except FileNotFoundError:
                continue
            for n in names:
                if not n.endswith(".png"):
                    continue
                path = os.path.join(src, d, n)
                try:
                    st = os.stat(path)
                    sig = (st.st_size, st.st_mtime_ns)
                    if st.st_size == 0 or seen.get(path) == sig:
                        continue
                    os.makedirs(os.path.join(dest, d), exist_ok=True)
                    shutil.copyfile(path, os.path.join(dest, d, n))
                    seen[path] = sig
                except (FileNotFoundError, OSError):
                    continue
        time.sleep(0.1)


if __name__ == "__main__":
    main()
