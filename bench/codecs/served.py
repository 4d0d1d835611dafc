#!/usr/bin/env python3
"""The served side of a bench/run imgproxy-shape cell, from Tessera's access log (one JSON line per request).

wrk's latency figures mix the quick 503 refusals with the renders; this counts, for the URLs of one measured
list, the responses by status and gives the 200s' server-side time (p50/p99) and median stage times.
Usage: bench/codecs/served.py TESSERA_LOG PATHS_FILE [q=OLD:q=NEW]
  PATHS_FILE: the cell's measured list (bench/out/paths/box-tessera-FMT-1.txt); the optional rewrite turns a
  list written for one fm=auto variant into another's (the lists differ only in q).
"""
import json
import statistics
import sys


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def main(log, paths_file, rewrite=None):
    wanted = set()
    for line in open(paths_file):
        line = line.strip()
        if rewrite:
            old, new = rewrite.split(":")
            line = line.replace(old, new)
        wanted.add(line)
    by_status, served, stages = {}, [], {}
    for line in open(log):
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        if r.get("path", "") + "?" + r.get("query", "") not in wanted:
            continue
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
        if r["status"] == 200:
            served.append(r["durationMs"])
            for name, ms in (r.get("stages") or {}).items():
                stages.setdefault(name, []).append(ms)
    print(f"{paths_file} {rewrite or ''}: statuses {dict(sorted(by_status.items()))}; "
          f"200s p50 {percentile(served, 50):.0f} ms, p99 {percentile(served, 99):.0f} ms; stage medians "
          + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in stages.items()))


if __name__ == "__main__":
    main(*sys.argv[1:])
