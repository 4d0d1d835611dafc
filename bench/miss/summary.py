#!/usr/bin/env python3
"""The miss-12mp section of bench/run as markdown tables: per class of rendition (from the mezzanine, from the
original) Tessera steady against ipx and nginx, then the first render after upload against ipx's same class.
Rates count 2xx answers only (a 503 is not a render). Usage: summary.py OUT_DIR"""
import json
import os
import sys


def rows(path):
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


def served(w):
    return (w["requests"] - w["non2xx"]) / w["seconds"] if w.get("seconds") else 0.0


def num(x):
    return f"{x:.1f}" if x is not None else "-"


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "-"


def stages_per_cell(gets):
    """Per first-render cell, the median of each Server-Timing stage over its GETs (ms)."""
    cells, cell = {}, None
    for g in gets:
        if "cell" in g:
            cell = g["cell"]
            cells[cell] = []
        elif cell is not None:
            cells[cell].append(g)
    if not cells:
        return
    print("\n| first render, c | GETs | GET ms p50 | median stage ms (Server-Timing) |")
    print("|---|---|---|---|")
    for cell, gs in cells.items():
        names = list(dict.fromkeys(n for g in gs for n in g["stages"]))
        med = lambda v: sorted(v)[len(v) // 2] if v else 0.0
        stages = ", ".join(f"{n} {med([g['stages'].get(n, 0.0) for g in gs]):.1f}" for n in names)
        print(f"| {cell} | {len(gs)} | {med([g['ms'] for g in gs]):.1f} | {stages} |")


def main(out):
    cells = {}
    for r in rows(os.path.join(out, "miss-12mp.jsonl")):
        if "wrk" not in r or "requests" not in r["wrk"]:
            print(f"failed: {r}")
            continue
        kind, name, widths = r["variant"].split(" ")
        cells[(r["server"], name, r["conc"])] = (widths, r["wrk"])
    print("| class (widths), c | Tessera steady 2xx/s (503s) | ipx | nginx | x ipx | x nginx | p50 ms T / ipx |")
    print("|---|---|---|---|---|---|---|")
    for (server, name, conc), (widths, w) in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if server != "tessera":
            continue
        ipx = cells.get(("ipx", name, conc), (None, None))[1]
        ngx = cells.get(("nginx", name, conc), (None, None))[1]
        t = served(w)
        ipx_rate = served(ipx) if ipx else None
        ngx_rate = served(ngx) if ngx else None
        ipx_p50 = f"{ipx['p50_ms']:.0f}" if ipx else "-"
        if w["requests"] > w["distinct_paths"]:  # the list wrapped: repeated paths are cache hits, not misses
            print(f"| {name} ({widths}), c={conc} | INVALID: {w['requests']} requests over {w['distinct_paths']} "
                  f"paths (hits); shorten BENCH_SECONDS | | | | | |")
            continue
        print(f"| {name} ({widths}), c={conc} | {t:.1f} ({w['non2xx']}) | {num(ipx_rate)} | {num(ngx_rate)} | "
              f"{ratio(t, ipx_rate)} | {ratio(t, ngx_rate)} | {w['p50_ms']:.0f} / {ipx_p50} |")
    first = rows(os.path.join(out, "miss-12mp-first.jsonl"))
    if not first:
        return
    cores = os.cpu_count()  # the rate if the server had every core to itself (no client, nothing waiting)
    print()
    print("| first render, c | renders/s (immediate: upload + GET pairs/s) | x ipx (mezzanine class) | "
          "upload p50 ms | GET p50 / p90 ms | ipx p50 | via mezzanine | non-200 | "
          "server CPU ms a job (its JIT), CPUs busy | "
          f"ceiling x ipx ({cores} cores / server CPU) | background work |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for f in first:
        ipx = cells.get(("ipx", "mezzanine", f["conc"]), (None, None))[1]
        bg = (f"{f['copies']} uploads one by one in {f['background_s']} s; last mezzanine stored "
              f"{f['after_last_2xx_s']} s after the last 2xx" if "background_s" in f else "-")
        if f.get("copies_after_last_2xx_s") is not None:
            bg += f"; last baseline copy {f['copies_after_last_2xx_s']} s after"
        ipx_p50 = f"{ipx['p50_ms']:.0f}" if ipx else "-"
        cpu = f.get("server_cpu_ms_per_job")
        ceiling = ratio(cores * 1000 / cpu, served(ipx) if ipx else None) if cpu else "-"
        print(f"| {f['variant']}, c={f['conc']} | {f['renders_per_s']} | "
              f"{ratio(f['renders_per_s'], served(ipx) if ipx else None)} | {f['upload_p50_ms'] or '-'} | "
              f"{f['get_p50_ms']} / {f['get_p90_ms']} | {ipx_p50} | {f['via_mezzanine']} of {f['ok']} | "
              f"{f['non200']} | {f.get('server_cpu_ms_per_job', '-')} ({f.get('jit_cpu_ms_per_job', '-')}), "
              f"{f.get('machine_busy', '-')} | {ceiling} | {bg} |")
    stages_per_cell(rows(os.path.join(out, "miss-12mp-gets.jsonl")))
    settle = rows(os.path.join(out, "miss-12mp-settle.json"))
    if settle:
        s = settle[0]
        print(f"\nfirst-stored: the node restarted once the background work of its {s['originals']} originals was "
              f"done: mezzanines {s['mezzanines_after_s']} s, baseline copies {s['copies_after_s']} s after the last 2xx")


if __name__ == "__main__":
    main(sys.argv[1])
