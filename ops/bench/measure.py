#!/usr/bin/env python3
"""Runs one benchmark case under /usr/bin/time -v and samples its process tree's memory.

    python3 ops/bench/measure.py --name NAME --out DIR -- command args...

Writes DIR/NAME.time (GNU time -v output), DIR/NAME.log (the command's stdout and stderr) and DIR/NAME.json:
wall/user/sys seconds and peak RSS as GNU time reports them, plus `tree_peak_rss_kb`, the largest sum of VmRSS
over the command's whole process tree seen by sampling every 0.2 s (GNU time's figure is the largest single
process: with a JVM and two ffmpeg encodes alive at once, the tree figure is the one a machine has to provide),
`root_own_cpu_s`, the CPU time of the command's own process without its children (for Ensemble: the JVM
itself; sampled, so the last 0.2 s may be missing), and `others_cpu_s`, the CPU time the rest of the machine used meanwhile (from /proc/stat), so a run disturbed by
other work shows it.

--wait-idle N waits up to N seconds, before starting, for the machine to be quiet (less than 0.15 x nproc CPUs
busy over 3 s); the JSON says how long it waited and how busy the machine still was.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def own_cpu_s(pid):
    """utime + stime of the process itself (not its children), in seconds; None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return None


def tree_rss(root):
    total, seen, stack = 0, set(), [root]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss_kb(pid)
        stack.extend(children(pid))
    return total


def machine_busy_s():
    """CPU-seconds all CPUs have spent busy since boot (everything but idle and iowait)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal (guest is inside user)
    return busy / os.sysconf("SC_CLK_TCK")


def wait_idle(limit):
    ncpu = os.cpu_count() or 1
    start = time.time()
    while True:
        b0 = machine_busy_s()
        time.sleep(3)
        busy = (machine_busy_s() - b0) / 3
        if busy < 0.15 * ncpu or time.time() - start >= limit:
            return time.time() - start, busy


def parse_time(text):
    def field(label):
        m = re.search(r"^\s*" + re.escape(label) + r":\s*(.+)$", text, re.M)
        return m.group(1).strip() if m else None

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return {
        "wall_s": secs,
        "user_s": float(field("User time (seconds)")),
        "sys_s": float(field("System time (seconds)")),
        "max_rss_kb": int(field("Maximum resident set size (kbytes)")),
        "cpu_percent": field("Percent of CPU this job got"),
        "voluntary_switches": int(field("Voluntary context switches")),
        "involuntary_switches": int(field("Involuntary context switches")),
        "fs_inputs": int(field("File system inputs")),
        "fs_outputs": int(field("File system outputs")),
        "exit_status": int(field("Exit status")),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--interval", type=float, default=0.2)
    ap.add_argument("--wait-idle", type=float, default=0)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command and args.command[0] == "--" else args.command
    os.makedirs(args.out, exist_ok=True)
    time_file = os.path.join(args.out, args.name + ".time")
    log_file = os.path.join(args.out, args.name + ".log")
    os.sync()  # the previous case's files are on disk: their write-back is not timed here
    waited, busy_before = wait_idle(args.wait_idle) if args.wait_idle > 0 else (0.0, None)
    with open(log_file, "wb") as log:
        busy0 = machine_busy_s()
        start = time.time()
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", time_file, *cmd], stdout=log, stderr=subprocess.STDOUT)
        peak = 0
        root = None
        root_cpu = None
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid) - rss_kb(proc.pid))  # not /usr/bin/time itself
            if root is None:
                kids = children(proc.pid)
                root = kids[0] if kids else None
            if root is not None:
                c = own_cpu_s(root)
                root_cpu = c if c is not None else root_cpu
            time.sleep(args.interval)
        end = time.time()
        busy1 = machine_busy_s()
    result = parse_time(open(time_file).read())
    others = max(0.0, (busy1 - busy0) - result["user_s"] - result["sys_s"])
    result.update({"name": args.name, "command": cmd, "start_epoch": start, "end_epoch": end,
                   "tree_peak_rss_kb": peak, "log": log_file, "others_cpu_s": others,
                   "root_own_cpu_s": root_cpu,
                   "others_cpus": others / max(end - start, 1e-9), "waited_for_idle_s": waited,
                   "busy_cpus_before": busy_before, "loadavg_after": open("/proc/loadavg").read().split()[:3]})
    with open(os.path.join(args.out, args.name + ".json"), "w") as f:
        json.dump(result, f, indent=2)
    print(f"  {args.name}: exit {result['exit_status']}, {result['wall_s']:.1f} s wall, "
          f"{result['user_s'] + result['sys_s']:.1f} s CPU, peak RSS {result['max_rss_kb'] / 1024:.0f} MB "
          f"(process tree {peak / 1024:.0f} MB); the rest of the machine used {others:.1f} CPU s meanwhile",
          flush=True)
    sys.exit(result["exit_status"])


if __name__ == "__main__":
    main()
