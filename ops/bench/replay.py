#!/usr/bin/env python3
"""Replays the external commands of an Ensemble run without Ensemble: the same ffmpeg/ffprobe command lines, in the
same order and with the same concurrency, from a plain Python driver. Ensemble minus this is what the JVM, Spring,
the database and Ensemble's own Java work cost.

    python3 ops/bench/replay.py prepare <ensemble-log> <ensemble-home> <harvested-pngs> <replay-dir>   (untimed)
    python3 ops/bench/replay.py run <replay-dir>                                                       (timed)

`prepare` reads the run's log (run.sh sets MediaProcessGateway to DEBUG, so every command's start line, thread and
duration are there), rewrites every path under <ensemble-home> to <replay-dir>/home, puts the pictures that
harvest.py saved where the commands expect them, rewrites the ffconcat lists Ensemble wrote so they name the
replayed segments, and writes <replay-dir>/plan.json:

  * commands on the `main` thread run one after another, as in Ensemble;
  * between two of them, the commands of worker threads (conform-1, conform-2, ...) form chains (one per thread,
    in order) that run concurrently, at most as many at a time as the log shows overlapping, so a partitioned step
    is replayed with its parallelism; a step's start (main thread) is a barrier, as in Spring Batch.

`run` executes the plan, discards the commands' output (Ensemble drains and keeps a tail), and writes
<replay-dir>/timings.tsv (label, start, end) for report.py. Java work between commands (painting, hashing,
database) is not replayed: that is the point.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

LINE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) (\w+)\s+\[\s*([^\]]*)\] (\S+)\s+(.*)$")
START = re.compile(r"^\[(.+?)\] (/\S+.*)$")
EXIT = re.compile(r"^\[(.+?)\] exit (-?\d+) after (\d+) ms$")
STEP = re.compile(r"Executing step: \[(\w+)\]")  # on the main thread: a step starts when the one before has ended


def parse(log):
    commands, open_ = [], {}
    day = 0.0
    prev = None
    for raw in open(log, encoding="utf-8", errors="replace"):
        m = LINE.match(raw.rstrip("\n"))
        if not m:
            continue
        hh, mm, ss, ms, level, thread, logger, msg = m.groups()
        step = STEP.search(msg) if thread.strip() == "main" else None
        if not step and "MediaProcessGateway" not in logger:
            continue
        t = int(hh) * 3600 + int(mm) * 60 + int(ss) + int(ms) / 1000 + day
        if prev is not None and t < prev - 3600:
            day += 86400
            t += 86400
        prev = t
        thread = thread.strip()
        if step:
            commands.append({"barrier": step.group(1), "start": t, "end": t, "thread": "main"})
            continue
        e = EXIT.match(msg)
        if e:
            c = open_.pop((thread, e.group(1)), None)
            if c is not None:
                c["end"] = c["start"] + int(e.group(3)) / 1000
            continue
        s = START.match(msg)
        if s and level == "INFO":
            c = {"label": s.group(1), "thread": thread, "start": t, "end": None, "argv": shlex.split(s.group(2))}
            open_[(thread, c["label"])] = c
            commands.append(c)
    for c in commands:
        if c["end"] is None:
            c["end"] = c["start"]
    return commands


def max_overlap(intervals):
    events = sorted([(a, 1) for a, _ in intervals] + [(b, -1) for _, b in intervals], key=lambda x: (x[0], x[1]))
    cur = best = 0
    for _, d in events:
        cur += d
        best = max(best, cur)
    return max(best, 1)


def plan_groups(commands):
    """Main-thread commands run in order; between them, the commands of worker threads form concurrent per-thread
    chains. The start of a step (logged on the main thread) is a barrier too, so a partitioned step's commands never
    overlap the next step's (e.g. render's pool after conform's)."""
    groups, chains = [], {}

    def close():
        if chains:
            cs = sorted(chains.values(), key=lambda ch: ch[0]["start"])
            groups.append({"kind": "parallel", "concurrency": max_overlap([(ch[0]["start"], ch[-1]["end"]) for ch in cs]),
                           "chains": cs})
            chains.clear()

    for c in sorted(commands, key=lambda c: c["start"]):
        if "barrier" in c:
            close()
        elif c["thread"] == "main":
            close()
            if groups and groups[-1]["kind"] == "main":
                groups[-1]["commands"].append(c)
            else:
                groups.append({"kind": "main", "commands": [c]})
        else:
            chains.setdefault(c["thread"], []).append(c)
    close()
    return groups


def prepare(log, home, harvested, out):
    home = os.path.abspath(home)  # as Ensemble makes it absolute: normalised, links not resolved
    out = os.path.abspath(out)
    rhome = os.path.join(out, "home")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(rhome)
    events = parse(log)
    commands = [c for c in events if "barrier" not in c]
    if not commands:
        sys.exit(f"no commands found in {log} (was MediaProcessGateway logging at DEBUG?)")

    def rewrite(arg):
        return arg.replace(home, rhome)

    keys = {}  # segment key -> its temporary folder name in this run
    for c in commands:
        c["argv"] = [rewrite(a) for a in c["argv"]]
        for a in c["argv"]:
            if a.startswith(rhome):
                os.makedirs(os.path.dirname(a), exist_ok=True)
            # files named inside a filter graph (metadata=...:file='...'), e.g. the master scan's scratch folder
            for f in re.findall(r"file='([^']+)'", a):
                if f.startswith(rhome):
                    os.makedirs(os.path.dirname(f), exist_ok=True)
            m = re.search(r"/cache/segments/(\.tmp-\d+-([0-9a-f]{32})-[0-9a-f-]+)/", a)
            if m:
                keys[m.group(2)] = m.group(1)
    # the pictures Ensemble painted
    copied = 0
    if os.path.isdir(harvested):
        for d in os.listdir(harvested):
            target = os.path.join(rhome, "cache", "segments", d)
            os.makedirs(target, exist_ok=True)
            for f in os.listdir(os.path.join(harvested, d)):
                shutil.copyfile(os.path.join(harvested, d, f), os.path.join(target, f))
                copied += 1
    outputs = {c["argv"][-1] for c in commands}  # e.g. the thumbnail candidates: written, not read
    missing = sorted({a for c in commands for a in c["argv"] if a.startswith(rhome) and a.endswith(".png")
                      and a not in outputs and not os.path.exists(a)})
    # the ffconcat lists Ensemble wrote for the master, pointed at the replayed segments, and the chapters it wrote
    for c in commands:
        for a in c["argv"]:
            if (a.endswith(".ffconcat") or a.endswith(".ffmetadata")) and not os.path.exists(a):
                src = a.replace(rhome, home)
                text = open(src, encoding="utf-8").read().replace(home, rhome)
                text = re.sub(r"/cache/segments/([0-9a-f]{32})/",
                              lambda m: f"/cache/segments/{keys.get(m.group(1), m.group(1))}/", text)
                os.makedirs(os.path.dirname(a), exist_ok=True)
                with open(a, "w", encoding="utf-8") as f:
                    f.write(text)
    # publish's thumbnail reads the staged episode; when no replayed command writes it (Ensemble copied it from the
    # master in Java), a link to the master will do
    masters = [a for c in commands if c["label"].startswith("assemble") for a in c["argv"] if a.endswith(".mp4")]
    written = {a for c in commands if not c["label"].startswith("frame ") for a in c["argv"]}
    for c in commands:
        if c["label"].startswith("frame "):
            i = c["argv"].index("-i") + 1
            if masters and c["argv"][i] not in written and not os.path.lexists(c["argv"][i]):
                os.makedirs(os.path.dirname(c["argv"][i]), exist_ok=True)
                os.symlink(masters[-1], c["argv"][i])
    groups = plan_groups(events)
    with open(os.path.join(out, "plan.json"), "w") as f:
        json.dump({"groups": groups, "commands": len(commands), "pictures": copied, "missing_pictures": missing}, f,
                  indent=1)
    par = [g["concurrency"] for g in groups if g["kind"] == "parallel"]
    print(f"  replay plan: {len(commands)} commands, {len(groups)} groups (parallel groups at {par} at a time), "
          f"{copied} harvested pictures" + (f"; MISSING {len(missing)} pictures: {missing[:3]}" if missing else ""))


def run(out):
    plan = json.load(open(os.path.join(out, "plan.json")))
    lock = threading.Lock()
    timings, failures = [], []

    def execute(c):
        t0 = time.time()
        rc = subprocess.run(c["argv"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode
        t1 = time.time()
        with lock:
            timings.append((c["label"], t0, t1))
            if rc != 0:
                failures.append(f"{c['label']} (exit {rc})")

    def chain(cs):
        for c in cs:
            execute(c)

    for g in plan["groups"]:
        if g["kind"] == "main":
            for c in g["commands"]:
                execute(c)
        else:
            with ThreadPoolExecutor(max_workers=g["concurrency"]) as pool:
                list(pool.map(chain, g["chains"]))
    with open(os.path.join(out, "timings.tsv"), "w") as f:
        for label, t0, t1 in timings:
            f.write(f"{label}\t{t0:.6f}\t{t1:.6f}\n")
    if failures:
        print("replay: failed: " + "; ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "prepare":
        prepare(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "run":
        run(sys.argv[2])
    else:
        sys.exit(__doc__)
