#!/usr/bin/env python3
"""Reads what run.sh measured and prints / writes the comparison (python3 stdlib only).

    python3 ops/bench/report.py <results-dir>

Reads <results-dir>/run.json (the run's parameters and machine) and <case>[-rN].json from measure.py, the
Ensemble logs (MediaProcessGateway at DEBUG logs every external command with its duration) and the floor's
timings.tsv. Writes <results-dir>/results.json and results.md and prints the same tables.
"""
import glob
import json
import os
import re
import sys
import time
from collections import OrderedDict, defaultdict

CASES = OrderedDict([
    ("ensemble-cold", "Ensemble, cold (fresh --home)"),
    ("floor", "FFmpeg floor"),
    ("replay", "Ensemble's commands, no JVM"),
    ("rerender-swap", "re-render after a swap, server"),
    ("rerender-reorder", "re-render after a reorder, server"),
    ("rerender-reorder-cli", "re-render after a reorder, CLI (JVM start included)"),
    ("ensemble-warm", "warm run (all segments cached)"),
])
REFERENCE = "floor"
ENSEMBLE_CASES = ("ensemble-cold", "ensemble-warm", "rerender-swap", "rerender-reorder", "rerender-reorder-cli")
COLD_OVER_FLOOR_TARGET = 1.10   # a cold week costs at most 1.10x the plain-FFmpeg floor's wall time
RERENDER_TARGET = 0.05          # a re-render publishes in at most 5 % of the cold run's wall time

LINE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) (\w+)\s+\[\s*([^\]]*)\] (\S+)\s+(.*)$")
STEP_DONE = re.compile(r"Step: \[(\w+)\] executed in (.+)$")
EXIT = re.compile(r"^\[(.+?)\] exit (-?\d+) after (\d+) ms$")
START = re.compile(r"^\[(.+?)\] (/\S+.*)$")
MADE = re.compile(r"Made segment \S+ for (\S+) ")
READY = re.compile(r"Started \S+ in ([\d.]+) seconds \(process running for ([\d.]+)\)")


def duration_ms(text):
    """Spring Batch's '1m2s345ms' / '2s121ms' / '174ms'."""
    total = 0.0
    for value, unit in re.findall(r"([\d.]+)(ms|h|m|s)", text):
        total += float(value) * {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}[unit]
    return total


def category(label):
    if label in ("ffmpeg version", "ffprobe version", "ffmpeg encoders", "ffmpeg filters"):
        return "toolchain check at start (4 runs)"
    if label in ("loudness programme", "ebur128 programme"):
        return "loudness analysis, joined sound"
    if label.startswith("loudness "):
        return "loudness analysis, per piece"
    if label in ("segment intro", "segment outro"):
        return "encode intro + outro"
    if label.startswith("segment "):
        return "encode pieces"
    if label == "probe picture.mp4":
        return "ffprobe -count_packets of each new segment"
    if label == "probe master.mp4":
        return "verify: ffprobe -count_packets of the master"
    if label.startswith("probe "):
        return "ffprobe of a source file (ingest: 2 each; again per segment made)"
    if label.startswith("sound "):
        return "assembly: AAC chunks of the sound (those not cached)"
    if label.startswith("assemble"):
        return "assembly: join (picture and sound copied)"
    if label.startswith("scan "):
        return "sound scan of the master (kept for verify)"
    if label.startswith("ebur128"):
        return "verify: ebur128 of the master"
    if label.startswith("chapters "):
        return "publish: chapters"
    if label.startswith("frame "):
        return "publish: thumbnail (candidate frames + JPEG)"
    return "other: " + label


PASS_ORDER = ["toolchain check at start (4 runs)", "ffprobe of a source file (ingest: 2 each; again per segment made)",
              "loudness analysis, per piece", "encode pieces", "ffprobe -count_packets of each new segment",
              "encode intro + outro", "loudness analysis, joined sound", "assembly: AAC chunks of the sound (those not cached)",
              "assembly: join (picture and sound copied)",
              "sound scan of the master (kept for verify)", "verify: ffprobe -count_packets of the master",
              "verify: ebur128 of the master", "publish: chapters", "publish: thumbnail (candidate frames + JPEG)"]


def union_seconds(intervals):
    total, end = 0.0, None
    for a, b in sorted(intervals):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


def local_day_seconds(epoch):
    t = time.localtime(epoch)
    return t.tm_hour * 3600 + t.tm_min * 60 + t.tm_sec + (epoch % 1)


def ensemble_breakdown(log_path, start_epoch, wall, window_only=False):
    """Reads an Ensemble log. window_only: a server's log, of which only the lines within the case's wall count."""
    starts = {}
    processes = []
    steps = OrderedDict()
    ready = None
    cached = made = 0
    made_for = defaultdict(int)
    first = last = None
    base = local_day_seconds(start_epoch)
    day_offset = 0.0
    prev = None
    for raw in open(log_path, encoding="utf-8", errors="replace"):
        m = LINE.match(raw.rstrip("\n"))
        if not m:
            continue
        hh, mm, ss, ms, level, thread, logger, msg = m.groups()
        t = int(hh) * 3600 + int(mm) * 60 + int(ss) + int(ms) / 1000 + day_offset
        if prev is not None and t < prev - 3600:  # past midnight
            day_offset += 86400
            t += 86400
        prev = t
        rel = t - base
        if window_only and not (-0.5 <= rel <= wall + 0.5):  # the log has second..millisecond times, the epoch more
            continue
        first = rel if first is None else first
        last = rel
        r = READY.search(msg)
        if r:
            ready = float(r.group(2))
        s = STEP_DONE.search(msg)
        if s and not s.group(1).startswith("conformPiece"):
            steps[s.group(1)] = duration_ms(s.group(2)) / 1000
        if "comes from the cache" in msg:
            cached += 1
        if msg.startswith("Made segment"):
            made += 1
            who = MADE.match(msg)
            if who:
                made_for[who.group(1)] += 1
        e = EXIT.match(msg)
        if e:
            key = (thread, e.group(1))
            t0 = starts.pop(key, None)
            dur = int(e.group(3)) / 1000
            processes.append((e.group(1), dur, (t0 if t0 is not None else rel - dur), rel))
            continue
        st = START.match(msg)
        if st and "MediaProcessGateway" in logger:
            starts[(thread, st.group(1))] = rel
    passes = defaultdict(lambda: [0, 0.0])
    for label, dur, _, _ in processes:
        c = passes[category(label)]
        c[0] += 1
        c[1] += dur
    busy = union_seconds([(a, b) for _, _, a, b in processes])
    job = sum(steps.values())
    return {
        "process_running_when_ready_s": ready,
        "steps_s": steps,
        "job_s": job,
        "after_job_until_exit_s": None if last is None else max(0.0, wall - last),
        "external_processes": len(processes),
        "passes": {k: {"count": v[0], "seconds": v[1]} for k, v in passes.items()},
        "seconds_with_an_ffmpeg_or_ffprobe_running": busy,
        "seconds_with_none_running": wall - busy,
        "segments_made": made,
        "segments_from_cache": cached,
        "made_more_than_once": {k: v for k, v in made_for.items() if v > 1},
    }


def floor_breakdown(timings_path, start_epoch, wall):
    processes = []
    for line in open(timings_path):
        label, t0, t1 = line.rstrip("\n").split("\t")
        processes.append((label, float(t0) - start_epoch, float(t1) - start_epoch))
    passes = defaultdict(lambda: [0, 0.0])
    for label, a, b in processes:
        c = passes[category(label)]
        c[0] += 1
        c[1] += b - a
    busy = union_seconds([(a, b) for _, a, b in processes])
    return {
        "external_processes": len(processes),
        "passes": {k: {"count": v[0], "seconds": v[1]} for k, v in passes.items()},
        "seconds_with_an_ffmpeg_or_ffprobe_running": busy,
        "seconds_with_none_running": wall - busy,
    }


def fmt(v, digits=1):
    return "–" if v is None else f"{v:.{digits}f}"


def table(headers, rows, align=None):
    align = align or ["l"] + ["r"] * (len(headers) - 1)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    def line(cells):
        out = []
        for c, w, a in zip(cells, widths, align):
            out.append(str(c).ljust(w) if a == "l" else str(c).rjust(w))
        return "| " + " | ".join(out) + " |"
    sep = "|" + "|".join(("-" * (w + 1) + ":" if a == "r" else "-" * (w + 2)) for w, a in zip(widths, align)) + "|"
    return "\n".join([line(headers), sep] + [line(r) for r in rows])


def main():
    results = sys.argv[1]
    run = json.load(open(os.path.join(results, "run.json")))
    cases = OrderedDict()
    for name in CASES:
        runs = []
        for path in sorted(glob.glob(os.path.join(results, f"{name}-r*.json"))):
            m = json.load(open(path))
            m["repeat"] = int(re.search(r"-r(\d+)\.json$", path).group(1))
            if name in ENSEMBLE_CASES:
                m["breakdown"] = ensemble_breakdown(m["log"], m["start_epoch"], m["wall_s"],
                                                    window_only=name in ("rerender-swap", "rerender-reorder"))
            else:
                tpath = os.path.join(run["scratch"], f"{name}-r{m['repeat']}", "timings.tsv")
                if os.path.exists(tpath):
                    m["breakdown"] = floor_breakdown(tpath, m["start_epoch"], m["wall_s"])
            runs.append(m)
        if runs:
            best = min(runs, key=lambda r: r["wall_s"])
            cases[name] = {"label": CASES[name], "best": best, "runs": runs}

    ref = cases.get(REFERENCE, {}).get("best")
    rows = []
    for name, c in cases.items():
        b = c["best"]
        cpu = b["user_s"] + b["sys_s"]
        ok = "" if b["exit_status"] == 0 else f" (exit {b['exit_status']})"
        rw = rc = "–"
        if ref:
            rw = f"{b['wall_s'] / ref['wall_s']:.2f}x"
            rc = f"{cpu / (ref['user_s'] + ref['sys_s']):.2f}x"
        jvm = fmt(b.get("root_own_cpu_s")) if name in ENSEMBLE_CASES else "–"
        rows.append([c["label"] + ok, fmt(b["wall_s"]), fmt(cpu), jvm, fmt(b["max_rss_kb"] / 1024, 0),
                     fmt(b["tree_peak_rss_kb"] / 1024, 0), rw, rc, fmt(b.get("others_cpus"), 2)])
    main_table = table(["case", "wall s", "CPU s", "of which JVM", "peak RSS MB", "tree RSS MB", "wall / floor",
                        "CPU / floor", "other load (CPUs)"], rows)

    # where the time goes
    pass_rows = []
    names = [n for n in cases if "breakdown" in cases[n]["best"]]
    others = sorted({p for n in names for p in cases[n]["best"]["breakdown"]["passes"] if p not in PASS_ORDER})
    for p in PASS_ORDER + others:
        row = [p]
        seen = False
        for n in names:
            v = cases[n]["best"]["breakdown"]["passes"].get(p)
            if v:
                seen = True
                row.append(f"{v['count']} / {v['seconds']:.1f}")
            else:
                row.append("–")
        if seen:
            pass_rows.append(row)
    totals = ["all external processes"]
    union = ["wall with >= 1 ffmpeg/ffprobe running"]
    idle = ["wall with none running"]
    for n in names:
        bd = cases[n]["best"]["breakdown"]
        totals.append(f"{bd['external_processes']} / {sum(v['seconds'] for v in bd['passes'].values()):.1f}")
        union.append(f"{bd['seconds_with_an_ffmpeg_or_ffprobe_running']:.1f}")
        idle.append(f"{bd['seconds_with_none_running']:.1f}")
    pass_table = table(["pass (runs / summed seconds)"] + [CASES[n] for n in names], pass_rows + [totals, union, idle])

    timeline_rows = []
    for n in names:
        if n not in ENSEMBLE_CASES:
            continue
        bd = cases[n]["best"]["breakdown"]
        st = bd["steps_s"]
        timeline_rows.append([CASES[n], fmt(bd["process_running_when_ready_s"]), fmt(st.get("ingest")),
                              fmt(st.get("conform")), fmt(st.get("plan")), fmt(st.get("render")), fmt(st.get("verify")),
                              fmt(st.get("publish")), fmt(bd["after_job_until_exit_s"]),
                              f"{bd['segments_made']} / {bd['segments_from_cache']}"])
    timeline_table = table(["Ensemble run", "JVM + Spring ready", "ingest", "conform", "plan", "render", "verify",
                            "publish", "job end -> exit", "segments made / cached"], timeline_rows)

    # the targets
    target_rows = []
    cold = cases.get("ensemble-cold", {}).get("best")
    if cold and ref:
        ratio = cold["wall_s"] / ref["wall_s"]
        target_rows.append(["cold week: Ensemble wall / floor wall", f"{cold['wall_s']:.1f} / {ref['wall_s']:.1f} s",
                            f"{ratio:.2f}x", f"<= {COLD_OVER_FLOOR_TARGET:.2f}x",
                            "met" if ratio <= COLD_OVER_FLOOR_TARGET else "NOT met"])
    for name in ("rerender-swap", "rerender-reorder", "rerender-reorder-cli"):
        c = cases.get(name)
        if c and cold:
            b = c["best"]
            share = b["wall_s"] / cold["wall_s"]
            verdict = "met" if share <= RERENDER_TARGET and b["exit_status"] == 0 else "NOT met"
            if b["exit_status"] != 0:
                verdict += " (failed)"
            target_rows.append([CASES[name] + ": wall / cold wall", f"{b['wall_s']:.1f} / {cold['wall_s']:.1f} s",
                                f"{100 * share:.1f} %", f"<= {100 * RERENDER_TARGET:.0f} %", verdict])
    target_table = table(["target", "measured", "ratio", "target", "verdict"], target_rows,
                         ["l", "r", "r", "r", "l"]) if target_rows else ""

    m = run["machine"]
    header = [
        f"Ensemble benchmark: {run['pieces']} pieces (+ {run.get('spare', 0)} spare) x {run['seconds']} s, house {run['house']}, "
        f"runtime {run['runtime_seconds']} s, parallelism {run['parallelism']}, x264 {run['preset']}/crf {run['crf']}",
        f"machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['mem_gb']} GB RAM, {m['kernel']}",
        f"ffmpeg: {m['ffmpeg']}",
        f"java: {m['java']}",
        f"jar: {run['jar']}  (git {run['git']})",
        f"when: {run['started']}; repeats: {run['repeat']} (best wall of each case shown); load average at start: {m['loadavg_start']}",
    ]
    notes = []
    if "ensemble-cold" in cases and "replay" in cases:
        e, f = cases["ensemble-cold"]["best"], cases["replay"]["best"]
        notes.append(f"Ensemble cold vs its own ffmpeg/ffprobe commands replayed without the JVM: wall "
                     f"{e['wall_s'] / f['wall_s']:.2f}x ({e['wall_s'] - f['wall_s']:+.1f} s), CPU "
                     f"{(e['user_s'] + e['sys_s']) / (f['user_s'] + f['sys_s']):.2f}x "
                     f"({e['user_s'] + e['sys_s'] - f['user_s'] - f['sys_s']:+.1f} s): what the JVM, Spring, the "
                     "database and Ensemble's Java work add. The replay against the floor is what Ensemble's own "
                     "graph (lower third, dips, title and credits cards) and its extra runs (probes, verify, "
                     "thumbnail) cost.")
    busy = [c["label"] for c in cases.values() if (c["best"].get("others_cpus") or 0) > 0.25 * m["nproc"]]
    if busy:
        notes.append("WARNING: other processes used more than a quarter of the machine during: " + "; ".join(busy)
                     + ". Wall times are inflated and not comparable; run again on a quiet machine "
                       "(BENCH_WAIT_IDLE=600 waits for one) or with BENCH_REPEAT=3.")
    if cold and ref:
        notes.append(f"cold week: Ensemble's wall is {cold['wall_s'] / ref['wall_s']:.2f}x the floor's "
                     f"(target <= {COLD_OVER_FLOOR_TARGET:.2f}x).")
    for name in ("rerender-swap", "rerender-reorder", "rerender-reorder-cli"):
        if name in cases and cold:
            b = cases[name]["best"]
            notes.append(f"{CASES[name]}: {b['wall_s']:.1f} s = {100 * b['wall_s'] / cold['wall_s']:.1f} % of the cold "
                         f"run's wall (target <= {100 * RERENDER_TARGET:.0f} %)"
                         + ("" if b["exit_status"] == 0 else "; it FAILED") + ".")
    if "rerender-swap" in cases:
        b = cases["rerender-swap"]["best"]
        notes.append(f"re-render after a swap: timed from POST .../rerender?wait=true to its answer ({b.get('answer', {}).get('status')}), "
                     f"with the server already up (excluded {b.get('excluded')}, pinned the spare {b.get('pinned')}); "
                     "its CPU s is the server JVM's utime+stime+cutime+cstime difference (children = the ffmpeg/ffprobe "
                     "runs it waited for), all shown as user time; peak RSS is the JVM's VmHWM since the server started.")
    for name in ENSEMBLE_CASES:
        twice = cases.get(name, {}).get("best", {}).get("breakdown", {}).get("made_more_than_once")
        if twice:
            notes.append(f"{CASES[name]}: segments of the same piece were made more than once (a different cache key "
                         "the second time): " + ", ".join(f"{k} {v}x" for k, v in sorted(twice.items()))
                         + ". Compare the two encode commands in the log.")
    if "ensemble-warm" in cases:
        bd = cases["ensemble-warm"]["best"].get("breakdown", {})
        notes.append(f"warm run: {bd.get('segments_made', '?')} segment(s) made, {bd.get('segments_from_cache', '?')} "
                     "from the cache (the intro title card shows the air date, so a new week always makes it again; "
                     "each piece's loudness measurement comes from conform's loudness cache).")
    checks = os.path.join(results, "checks.txt")
    if os.path.exists(checks):
        notes.append("outputs: " + "; ".join(l.strip() for l in open(checks) if l.strip()))
    notes.append("CPU s = user + sys of the case's whole process tree (GNU time); of which JVM = the java process's "
                 "own CPU, without its ffmpeg/ffprobe children.")
    notes.append("peak RSS = GNU time's maximum resident set of the largest single process; tree RSS = the largest "
                 "sum over the whole process tree, sampled every 0.2 s; other load = CPUs used by the rest of the "
                 "machine during the case.")

    targets_text = ("\n\nTargets:\n\n" + target_table) if target_table else ""
    targets_md = ("\n\n## Targets\n\n" + target_table) if target_table else ""
    text = "\n".join(header) + "\n\n" + main_table + targets_text + "\n\nWhere the time goes (external processes):\n\n" + pass_table \
        + "\n\nEnsemble's steps (seconds; from its log):\n\n" + timeline_table + "\n\n" + "\n".join("- " + n for n in notes)
    print(text)
    with open(os.path.join(results, "results.md"), "w") as f:
        f.write("# Ensemble benchmark\n\n" + "\n".join("- " + h for h in header) + "\n\n" + main_table + targets_md
                + "\n\n## Where the time goes (external processes)\n\n" + pass_table
                + "\n\n## Ensemble's steps (seconds)\n\n" + timeline_table + "\n\n" + "\n".join("- " + n for n in notes) + "\n")
    out = {"run": run, "reference": REFERENCE, "cases": cases, "targets": target_rows, "notes": notes}
    with open(os.path.join(results, "results.json"), "w") as f:
        json.dump(out, f, indent=2, default=str)


if __name__ == "__main__":
    main()
