#!/usr/bin/env python3
"""The re-render cases of ops/bench/run.sh: talks to a running Ensemble server over HTTP (python3 stdlib only).

    python3 ops/bench/rerender.py wait  --url URL --password PW [--timeout S]
    python3 ops/bench/rerender.py swap  --url URL --password PW --show ID --air-date D --pid JVM_PID
                                        --manifest FILE --out DIR --name NAME --log SERVER_LOG [--wait-idle S]
    python3 ops/bench/rerender.py reorder --url URL --password PW --show ID --air-date D --pid JVM_PID
                                        --out DIR --name NAME --log SERVER_LOG [--wait-idle S]
    python3 ops/bench/rerender.py order --url URL --password PW --show ID --air-date D [--keep A,B]

wait   polls GET /api/shows (HTTP Basic admin:PW) until it answers 200.
swap   reads the newest EDL revision, picks the spare (an accepted piece of the manifest that is not in the episode)
       and a planned piece that is neither the first nor the last piece event, PUTs the overrides
       {"excluded": [that piece], "pinned": [the spare]} and times POST .../rerender?wait=true (answered when the new
       revision is published). The CPU is the server's: utime + stime + cutime + cstime of the JVM from
       /proc/<pid>/stat before and after (cutime/cstime hold the ffmpeg/ffprobe children the JVM waited for), all
       reported as user_s (sys_s 0). Writes DIR/NAME.json with measure.py's fields and prints "EXCLUDED SPARE".
reorder  like swap, but asks two adjacent piece events of the newest EDL revision (in the middle, away from the
       first and the last piece when there are at least four) in the
       other order (GET the overrides, PUT them back with "order": [B, A]); prints "A B".
order  prints "X Y ORDER": another adjacent pair of the newest EDL revision, apart from the pieces of --keep A,B (an
       order asked before, kept as it stands), away from the first and the last piece when it can be (with too few
       pieces, the last two, and the kept order is given up), and ORDER, the relative order to ask: the kept pieces
       and Y before X.
"""
import argparse
import base64
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import machine_busy_s, tree_rss, wait_idle  # noqa: E402


def call(url, password, method="GET", body=None, timeout=3600):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "Basic " + base64.b64encode(f"admin:{password}".encode()).decode())
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def episode_url(a):
    return f"{a.url}/api/shows/{a.show}/episodes/{a.air_date}"


def newest_edl(a):
    status, text = call(episode_url(a) + "/edl", a.password)
    if status != 200:
        sys.exit(f"GET .../edl answered {status}: {text[:500]}")
    history = json.loads(text)
    if not history:
        sys.exit("the episode has no EDL revision")
    newest = max(h["revision"] for h in history)
    status, text = call(episode_url(a) + f"/edl/{newest}", a.password)
    if status != 200:
        sys.exit(f"GET .../edl/{newest} answered {status}: {text[:500]}")
    return json.loads(text)


def pieces(edl):
    return [e["pieceId"] for e in edl["events"] if e["kind"] == "PIECE"]


def jvm_cpu_ticks(pid):
    """(own, children): utime + stime and cutime + cstime of the process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cmd_wait(a):
    deadline = time.time() + a.timeout
    last = None
    while time.time() < deadline:
        try:
            status, text = call(f"{a.url}/api/shows", a.password, timeout=5)
            if status == 200:
                return
            last = f"HTTP {status}"
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            last = str(e)
        time.sleep(0.5)
    sys.exit(f"the server did not answer at {a.url} within {a.timeout} s ({last})")


def pair(p):
    """Two adjacent pieces, both away from the first and the last piece when there are at least four."""
    if len(p) < 2:
        sys.exit(f"cannot reorder {len(p)} piece(s)")
    i = len(p) // 2 if len(p) >= 4 else len(p) - 1
    if len(p) >= 4 and i + 1 >= len(p) - 1:
        i -= 1
    return (p[i], p[i + 1]) if len(p) >= 4 else (p[-2], p[-1])


def cmd_order(a):
    """Another adjacent pair X Y of the newest revision, apart from the pieces of --keep (an order already asked, kept as
    it stands); prints "X Y ORDER", ORDER being the relative order to ask: the kept pieces and Y before X."""
    p = pieces(newest_edl(a))
    keep = [k for k in (a.keep or "").split(",") if k]
    free = [i for i in range(len(p) - 1) if p[i] not in keep and p[i + 1] not in keep]
    inner = [i for i in free if 0 < i and i + 1 < len(p) - 1]
    choice = inner or free
    if not choice:
        # too few pieces for a pair of their own: the last two, and the kept order is given up
        if len(p) < 2:
            sys.exit(f"cannot reorder {len(p)} piece(s)")
        keep, choice = [], [len(p) - 2]
    i = choice[len(choice) // 2]
    x, y = p[i], p[i + 1]
    order = [q for q in p if q in keep or q in (x, y)]
    j = order.index(x)
    order[j], order[j + 1] = y, x
    print(x, y, ",".join(order))


def cmd_swap(a):
    edl = newest_edl(a)
    planned = pieces(edl)
    accepted = [json.loads(l)["id"] for l in open(a.manifest, encoding="utf-8") if l.strip()]
    spares = [i for i in accepted if i not in planned]
    if not spares:
        sys.exit("every piece of the manifest is in the episode: no spare to swap in (BENCH_SPARE=0?)")
    if len(planned) < 3:
        sys.exit(f"the episode has {len(planned)} piece(s): none is away from the first and the last")
    excluded = planned[len(planned) // 2]
    spare = spares[0]
    status, text = call(episode_url(a) + "/overrides", a.password, "PUT", {"excluded": [excluded], "pinned": [spare]})
    if status != 200:
        sys.exit(f"PUT .../overrides answered {status}: {text[:800]}")

    timed(a, "swap", {"excluded": excluded, "pinned": spare, "planned_before": planned}, f"{excluded} {spare}")


def cmd_reorder(a):
    edl = newest_edl(a)
    planned = pieces(edl)
    first, second = pair(planned)
    status, text = call(episode_url(a) + "/overrides", a.password)
    if status != 200:
        sys.exit(f"GET .../overrides answered {status}: {text[:800]}")
    current = json.loads(text)
    body = {k: current.get(k) for k in ("pinned", "excluded", "trims", "replacements", "priorities")}
    body["order"] = [second, first]
    status, text = call(episode_url(a) + "/overrides", a.password, "PUT", body)
    if status != 200:
        sys.exit(f"PUT .../overrides answered {status}: {text[:800]}")
    timed(a, "reorder", {"order": [second, first], "planned_before": planned}, f"{first} {second}")


def timed(a, reason, extra, printed):
    """Times POST .../rerender?wait=true on the running server and writes DIR/NAME.json; prints `printed` on success."""
    os.sync()  # the previous case's files are on disk: their write-back is not timed here
    waited, busy_before = wait_idle(a.wait_idle) if a.wait_idle > 0 else (0.0, None)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(a.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    own0, kids0 = jvm_cpu_ticks(a.pid)
    busy0 = machine_busy_s()
    sampler.start()
    start = time.time()
    status, text = call(episode_url(a) + "/rerender?wait=true", a.password, "POST",
                        {"requestedBy": "bench", "reason": reason})
    end = time.time()
    done.set()
    sampler.join()
    busy1 = machine_busy_s()
    own1, kids1 = jvm_cpu_ticks(a.pid)
    tick = os.sysconf("SC_CLK_TCK")
    try:
        answer = json.loads(text)
    except ValueError:
        answer = {"status": None, "message": text[:2000]}
    ok = status == 200 and answer.get("status") == "PUBLISHED"
    cpu = (own1 - own0 + kids1 - kids0) / tick
    wall = end - start
    others = max(0.0, (busy1 - busy0) - cpu)
    result = {
        "name": a.name, "command": ["POST", episode_url(a) + "/rerender?wait=true"],
        "wall_s": wall, "user_s": cpu, "sys_s": 0.0,
        "cpu_note": "user_s is the whole CPU (user + sys) of the server JVM and its waited-for children, from /proc/<pid>/stat",
        "max_rss_kb": vm_hwm_kb(a.pid), "max_rss_note": "the JVM's VmHWM (its peak since the server started)",
        "tree_peak_rss_kb": peak[0], "exit_status": 0 if ok else 1, "http_status": status, "answer": answer,
        "start_epoch": start, "end_epoch": end, "log": a.log, "root_own_cpu_s": (own1 - own0) / tick,
        "children_cpu_s": (kids1 - kids0) / tick, "others_cpu_s": others, "others_cpus": others / max(wall, 1e-9),
        "waited_for_idle_s": waited, "busy_cpus_before": busy_before,
        "loadavg_after": open("/proc/loadavg").read().split()[:3],
    }
    result.update(extra)
    with open(os.path.join(a.out, a.name + ".json"), "w") as f:
        json.dump(result, f, indent=2)
    print(f"  {a.name}: HTTP {status} {answer.get('status')}, {wall:.1f} s wall, {cpu:.1f} s CPU (JVM {(own1 - own0) / tick:.1f}), "
          f"JVM peak RSS {result['max_rss_kb'] / 1024:.0f} MB (process tree {peak[0] / 1024:.0f} MB); "
          f"the rest of the machine used {others:.1f} CPU s meanwhile", file=sys.stderr, flush=True)
    if not ok:
        print(f"  answer: {text[:2000]}", file=sys.stderr)
    print(printed)
    sys.exit(0 if ok else 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["wait", "swap", "reorder", "order"])
    ap.add_argument("--url", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--show", default="bench-show")
    ap.add_argument("--air-date")
    ap.add_argument("--pid", type=int)
    ap.add_argument("--manifest")
    ap.add_argument("--out")
    ap.add_argument("--name")
    ap.add_argument("--log")
    ap.add_argument("--wait-idle", type=float, default=0)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--keep")
    a = ap.parse_args()
    a.url = a.url.rstrip("/")
    {"wait": cmd_wait, "swap": cmd_swap, "reorder": cmd_reorder, "order": cmd_order}[a.action](a)


if __name__ == "__main__":
    main()
