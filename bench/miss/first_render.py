#!/usr/bin/env python3
"""First render after upload (issue 17 item 1), against a running Tessera on loopback; bench/run's miss-12mp
calls it. Each copy (byte-distinct, same pixels) is uploaded once and one rendition of it asked once:
  immediate  CONC clients, each: upload a copy, then GET its rendition right after the 2xx (the GET joins or
             makes the mezzanine the upload's background work is making)
  after      uploads every copy one by one, waits until the background work has stored a rendition (the
             mezzanine) of each, reports how long that took (and, when jpegtran is installed, how long until
             every baseline copy was stored too), then CONC clients GET one rendition per copy
  stored     CONC clients GET one rendition of each image id given (uploaded earlier: bench/run restarts the
             node with its renditions deleted, so each GET makes the mezzanine)
  restarted  as stored, for ids whose renditions (their mezzanines) the restart kept in the store
  settle     no request: waits until the background work has stored the mezzanine (and, when jpegtran is
             installed, the baseline copy) of each image id given, so that bench/run restarts the node for the
             stored cell only once those originals are as this version leaves them; exits 1 if it did not end
Prints one JSON line. Bounded: one upload and one GET per copy, every request times out after 60 s, the wait
for the background work after 300 s. With BENCH_SERVER_PID, it also reports the server's CPU time per GET (and
its JIT compiler threads' share) and how busy the machine's CPUs were over the cell; with BENCH_FIRST_GETS=FILE, it
appends one JSON line per GET to FILE (its time, width, X-Cache and Server-Timing stages).
Usage: first_render.py immediate|after URL DATA_DIR CONC WMIN-WMAX COPY.jpg...
       first_render.py stored|restarted URL DATA_DIR CONC WMIN-WMAX IMAGE_ID...
       first_render.py settle DATA_DIR IMAGE_ID...
"""
import http.client
import json
import os
import shutil
import sys
import threading
import time
from urllib.parse import urlparse


def request(base, method, path, body=None):
    """(status, headers, seconds) of one request on a fresh connection."""
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    t0 = time.perf_counter()
    try:
        conn.request(method, path, body=body)
        resp = conn.getresponse()
        payload = resp.read()
        return resp.status, dict(resp.getheaders()), time.perf_counter() - t0, payload
    finally:
        conn.close()


def upload(base, path):
    with open(path, "rb") as f:
        status, _, seconds, payload = request(base, "POST", "/images", f.read())
    if status // 100 != 2:
        raise SystemExit(f"upload of {path} gave {status}")
    return json.loads(payload)["id"], seconds


def width(i, lo, hi):  # spread over the range like bench/run's write_paths (stride 379)
    return lo + i * 379 % (hi - lo + 1)


def get(base, image_id, w):
    status, headers, seconds, _ = request(base, "GET", f"/images/{image_id}?w={w}&fm=jpeg&q=80")
    timing = headers.get("Server-Timing", "")
    if os.environ.get("BENCH_FIRST_GETS"):
        stages = {s.split(";dur=")[0].strip(): float(s.split(";dur=")[1]) for s in timing.split(",") if ";dur=" in s}
        with GETS_LOCK, open(os.environ["BENCH_FIRST_GETS"], "a") as f:
            f.write(json.dumps({"id": image_id[:12], "w": w, "status": status, "ms": round(seconds * 1000, 1),
                                "cache": headers.get("X-Cache"), "stages": stages}) + "\n")
    return status, seconds, timing


GETS_LOCK = threading.Lock()


def ticks(stat_path):
    """utime + stime of a process or thread, in clock ticks."""
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def jit_ticks(pid):
    """CPU ticks of the JVM's JIT compiler threads (C1, C2) so far."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as f:
                if f.read().startswith(("C1 Compiler", "C2 Compiler")):
                    total += ticks(f"/proc/{pid}/task/{task}/stat")
        except OSError:
            pass  # a thread that ended meanwhile
    return total


def cpu_ticks():
    """(server process CPU ticks or None, busy ticks of all CPUs, total ticks of all CPUs, JIT ticks or None)."""
    pid = os.environ.get("BENCH_SERVER_PID")
    proc = ticks(f"/proc/{pid}/stat") if pid else None
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]
    return proc, sum(cpu) - idle, sum(cpu), jit_ticks(pid) if pid else None


def stored(data_dir, image_id):
    folder = os.path.join(data_dir, "renditions", image_id[0:2], image_id[2:4], image_id)
    return os.path.isdir(folder) and len(os.listdir(folder)) > 0


def copied(data_dir, image_id):
    return os.path.isfile(os.path.join(data_dir, "baselines", image_id[0:2], image_id[2:4], image_id))


def await_background(data_dir, ids, since):
    """Seconds after since until every id had its mezzanine, and its baseline copy (None: not within 300 s)."""
    mezzanines = copies = None
    while time.perf_counter() < since + 300:
        now = time.perf_counter()
        if mezzanines is None and all(stored(data_dir, i) for i in ids):
            mezzanines = round(now - since, 2)
        if copies is None and (not shutil.which("jpegtran") or all(copied(data_dir, i) for i in ids)):
            copies = round(now - since, 2)
        if mezzanines is not None and copies is not None:
            break
        time.sleep(0.05)
    return mezzanines, copies


def pct(values, p):
    v = sorted(values)
    return round(v[min(len(v) - 1, int(p / 100 * len(v)))] * 1000, 1) if v else None


def run_clients(conc, jobs, work):
    """Runs work(job) for every job on conc threads; returns the results and the wall time."""
    results, lock, it = [], threading.Lock(), iter(enumerate(jobs))

    def client():
        while True:
            with lock:
                nxt = next(it, None)
            if nxt is None:
                return
            r = work(*nxt)
            with lock:
                results.append(r)

    threads = [threading.Thread(target=client) for _ in range(conc)]
    before = cpu_ticks()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    after = cpu_ticks()
    hz = os.sysconf("SC_CLK_TCK")
    CPU.update(machine_busy=round((after[1] - before[1]) / max(1, after[2] - before[2]), 2))
    if before[0] is not None:
        CPU.update(server_cpu_ms_per_job=round((after[0] - before[0]) * 1000 / hz / max(1, len(results)), 1),
                   jit_cpu_ms_per_job=round((after[3] - before[3]) * 1000 / hz / max(1, len(results)), 1))
    return results, wall


CPU = {}


def main():
    if sys.argv[1] == "settle":
        ids = sys.argv[3:]
        mezzanines, copies = await_background(sys.argv[2], ids, time.perf_counter())
        print(json.dumps({"variant": "first-stored settle", "originals": len(ids), "mezzanines_after_s": mezzanines,
                          "copies_after_s": copies}))
        sys.exit(0 if mezzanines is not None and copies is not None else 1)
    mode, base, data_dir, conc, widths, copies = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), \
        sys.argv[5], sys.argv[6:]
    lo, hi = (int(x) for x in widths.split("-"))
    out = {"variant": f"first-{mode}", "conc": conc, "copies": len(copies), "widths": widths}
    if mode == "immediate":
        def work(i, path):
            image_id, up = upload(base, path)
            status, seconds, timing = get(base, image_id, width(i, lo, hi))
            return up, status, seconds, "mezzanine" in timing

        results, wall = run_clients(conc, copies, work)
        uploads = [r[0] for r in results]
    elif mode in ("stored", "restarted"):
        def work(i, image_id):
            status, seconds, timing = get(base, image_id, width(i, lo, hi))
            return 0, status, seconds, "mezzanine" in timing

        results, wall = run_clients(conc, copies, work)
        uploads = []
    else:
        ids, uploads = [], []
        t0 = time.perf_counter()
        for path in copies:
            image_id, up = upload(base, path)
            ids.append(image_id)
            uploads.append(up)
        last_2xx = time.perf_counter()
        mezzanines_s, copies_s = await_background(data_dir, ids, last_2xx)
        done = mezzanines_s if mezzanines_s is not None else round(time.perf_counter() - last_2xx, 2)
        out.update(background_s=round(last_2xx - t0 + done, 2), after_last_2xx_s=done,
                   background_done=mezzanines_s is not None, copies_after_last_2xx_s=copies_s)

        def work(i, image_id):
            status, seconds, timing = get(base, image_id, width(i, lo, hi))
            return 0, status, seconds, "mezzanine" in timing

        results, wall = run_clients(conc, ids, work)
    gets = [r[2] for r in results if r[1] == 200]
    out.update(wall_s=round(wall, 2), renders_per_s=round(len(gets) / wall, 2), ok=len(gets),
               non200=sum(1 for r in results if r[1] != 200), via_mezzanine=sum(1 for r in results if r[3]),
               upload_p50_ms=pct(uploads, 50), get_p50_ms=pct(gets, 50), get_p90_ms=pct(gets, 90),
               get_max_ms=pct(gets, 100), **CPU)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
