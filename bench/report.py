"""Turns bench/run's raw results (bench/out/) into one table with ratios against Tessera, printed, and
bench/RESULTS.md (the same table, the targets, per-section detail, notes).

Usage: /usr/bin/python3 bench/report.py OUT_DIR RESULTS_MD
Ratios are "peer / Tessera" throughout: for ms and RSS above 1 means the peer takes more; for req/s above 1
means the peer serves more.
"""
import json
import math
import os
import statistics
import sys
from collections import defaultdict

IMGPROXY_PUBLISHED = {"jpeg": 79.6, "webp": 22.0, "avif": 13.2}  # req/s, imgproxy's 2024 benchmark, 2 vCPU
TARGETS = {"engine": 1.10, "ipx": 1.2, "nginx": 3.0, "rss_mb": 400}
ENGINE_PEERS = ["tessera", "vipsthumbnail", "sharp", "pillow", "imagemagick", "graphicsmagick", "thumbnailator"]
HTTP_SECTIONS = ["http-miss", "http-hit", "imgproxy-shape", "rss"]


# ---------------------------------------------------------------- reading

def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def read_tsv(path):
    lines = read_lines(path)
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def read_jsonl(path):
    return [json.loads(line) for line in read_lines(path)]


def read_meta(out, section):
    """The section's key=value lines (mode, date, load), or None if it never ran."""
    lines = read_lines(os.path.join(out, section + ".meta"))
    return dict(line.split("=", 1) for line in lines) or None


def mb(kb):
    return kb / 1024 if kb else None


# ---------------------------------------------------------------- engine

def engine_times(rows):
    """{(peer, fmt): {photo: ms}} and {(peer, fmt): [bytes]}."""
    times, sizes = defaultdict(dict), defaultdict(list)
    for r in rows:
        times[r["peer"], r["fmt"]][r["photo"]] = float(r["ms"])
        sizes[r["peer"], r["fmt"]].append(int(r["bytes"]))
    return times, sizes


def engine_rss(rows):
    """{peer: peak RSS kB over its runs}; a peer whose run failed maps to 'failed'."""
    rss = {}
    for r in rows:
        if r["rss_kb"] == "failed":
            rss.setdefault(r["peer"], "failed")
        else:
            prev = rss.get(r["peer"])
            rss[r["peer"]] = max(int(r["rss_kb"]), prev if isinstance(prev, int) else 0)
    return rss


def geomean_ratio(peer_ms, base_ms):
    """Geometric mean over the photos both have of peer/base."""
    photos = sorted(set(peer_ms) & set(base_ms))
    if not photos:
        return None
    return math.exp(statistics.fmean(math.log(peer_ms[p] / base_ms[p]) for p in photos))


# ---------------------------------------------------------------- formatting

def fmt_num(x, digits=1):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:.{digits}f}"


def fmt_ratio(x):
    return "-" if x is None else f"{x:.2f}x"


def ratio(a, b):
    return a / b if a is not None and b else None


def table(header, rows):
    """A Markdown table, padded so it also reads as plain text."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    line = lambda row: "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in cells[1:]])


def rendered_rps(w):
    """Renders per second: the 200s that were X-Cache misses (a server that sends no X-Cache: all its 200s)."""
    if "ok" not in w:
        return None
    rendered = w["cache_miss"] if w["cache_miss"] + w["cache_hit"] else w["ok"]
    return rendered / w["seconds"]


# ---------------------------------------------------------------- the combined table

class Report:
    def __init__(self, out):
        self.out = out
        self.times, self.sizes = engine_times(read_tsv(os.path.join(out, "engine.tsv")))
        self.rss = engine_rss(read_tsv(os.path.join(out, "engine-rss.tsv")))
        self.http = {s: read_jsonl(os.path.join(out, s + ".jsonl")) for s in HTTP_SECTIONS}
        self.meta = {s: read_meta(out, s) for s in ["engine"] + HTTP_SECTIONS}
        self.warnings = []

    # engine rows: one per peer and format
    def engine_rows(self):
        rows = []
        base_rss = self.rss.get("tessera")
        for fmt, task in (("jpeg", "300 px JPEG q80"), ("webp", "300 px WebP q80")):
            base = self.times.get(("tessera", fmt), {})
            for peer in ENGINE_PEERS:
                ms = self.times.get((peer, fmt))
                rss = self.rss.get(peer)
                if not ms:
                    why = "failed" if rss == "failed" else "no WebP encoder" if peer == "thumbnailator" else "not run"
                    if self.times:
                        rows.append(["engine", task, peer, why, "-", "-", "-", "-"])
                    continue
                rss_kb = rss if isinstance(rss, int) else None
                rows.append(["engine", task, peer, f"{statistics.fmean(ms.values()):.1f} ms/img",
                             fmt_ratio(geomean_ratio(ms, base)), "-", fmt_num(mb(rss_kb), 0),
                             fmt_ratio(ratio(rss_kb, base_rss if isinstance(base_rss, int) else None))])
        return rows

    def http_record(self, section, server, conc=None, variant=None):
        for r in self.http[section]:
            if r.get("server") == server and "wrk" in r and (conc is None or r["conc"] == conc) \
                    and (variant is None or r["variant"] == variant):
                return r
        return None

    def http_row(self, section, task, r, base):
        w = r["wrk"]
        if "rps" not in w:
            return [section, task, r["server"], "wrk failed", "-", "-", "-", "-"]
        self.check_run(section, r)
        bw = base["wrk"] if base and "rps" in base["wrk"] else None
        if "ok" in w:  # responses counted: the rate of renders (200s, less cache hits), refusals beside it
            value = f"{rendered_rps(w):.1f} req/s ({w['ok']} 200: {w['cache_miss']} miss, {w['cache_hit']} hit;" \
                    f" {w['status_503']} 503)"
            return [section, task, r["server"], value, fmt_ratio(ratio(rendered_rps(w), bw and rendered_rps(bw))),
                    f"{w['p50_ms']:.0f} / {w['p99_ms']:.0f}", fmt_num(mb(r["rss_kb"]), 0),
                    fmt_ratio(ratio(r["rss_kb"], base and base["rss_kb"]))]
        return [section, task, r["server"], f"{w['rps']:.1f} req/s", fmt_ratio(ratio(w["rps"], bw and bw["rps"])),
                f"{w['p50_ms']:.0f} / {w['p99_ms']:.0f}", fmt_num(mb(r["rss_kb"]), 0),
                fmt_ratio(ratio(r["rss_kb"], base and base["rss_kb"]))]

    def check_run(self, section, r):
        w = r["wrk"]
        bad = w["non2xx"] + w["socket_errors"] + w["timeouts"]
        if bad:
            self.warnings.append(f"{section} {r['server']} c={r['conc']}: {w['non2xx']} non-2xx, "
                                 f"{w['socket_errors']} socket errors, {w['timeouts']} timeouts of {w['requests']} requests")
        if w.get("cache_hit"):
            self.warnings.append(f"{section} {r['server']} c={r['conc']}: {w['cache_hit']} of {w['ok']} 200s were "
                                 f"cache hits, not renders")
        elif section != "http-hit" and "ok" not in w and w["requests"] > w["distinct_paths"]:
            self.warnings.append(f"{section} {r['server']} c={r['conc']}: {w['requests']} requests but only "
                                 f"{w['distinct_paths']} distinct URLs: some were asked twice (a cache could serve them)")

    def failures(self, section):
        for r in self.http[section]:
            if "error" in r:
                yield r["server"], r["error"]

    def http_rows(self, section, servers, label):
        rows = []
        for conc in ((8, 32) if section == "http-hit" else (2, 8)):
            base = self.http_record(section, "tessera", conc)
            for server in servers:
                r = self.http_record(section, server, conc)
                if r:
                    rows.append(self.http_row(section, f"{label}, c={conc}", r, base))
        for server, why in self.failures(section):
            rows.append([section, label, server, why, "-", "-", "-", "-"])
        return rows

    def imgproxy_rows(self):
        rows = []
        for fmt, q in (("jpeg", 80), ("webp", 75), ("avif", 65)):
            r = self.http_record("imgproxy-shape", "tessera", variant=f"{fmt} q{q}")
            if not r:
                continue
            task = f"fit 512x512 {fmt.upper()} q{q} (2K photos), c={r['conc']}"
            rows.append(self.http_row("imgproxy-shape", task, r, r))
            accept = {"avif": "image/avif,image/webp", "webp": "image/webp", "jpeg": None}[fmt]
            auto = self.http_record("imgproxy-shape", "tessera",
                                    variant=f"auto q{q}" + (f" ({accept})" if accept else ""))
            if auto:
                rows.append(self.http_row("imgproxy-shape", f"{task}, fm=auto, "
                                          + (f"Accept {accept}" if accept else "no Accept"), auto, r))
            peer = self.http_record("imgproxy-shape", "ipx", variant=f"{fmt} q{q}")
            if peer:
                rows.append(self.http_row("imgproxy-shape", task, peer, r))
            published = IMGPROXY_PUBLISHED[fmt]
            rps = r["wrk"].get("rps")
            rows.append(["imgproxy-shape", task, "imgproxy (published, 2 vCPU, other photos)", f"{published} req/s",
                         fmt_ratio(ratio(published, rps)), "-", "-", "-"])
        for server, why in self.failures("imgproxy-shape"):
            rows.append(["imgproxy-shape", "fit 512x512", server, why, "-", "-", "-", "-"])
        return rows

    def rss_rows(self):
        r = self.http_record("rss", "tessera")
        return [self.http_row("rss", "20 MP JPEGs, distinct widths, c=32", r, r)] if r else []

    def combined(self):
        rows = (self.engine_rows()
                + self.http_rows("http-miss", ["tessera", "ipx", "nginx"], "miss, distinct widths 200-1199 JPEG q80")
                + self.http_rows("http-hit", ["tessera", "nginx"], "hit, one URL (300 px JPEG)")
                + self.imgproxy_rows() + self.rss_rows())
        header = ["section", "task", "peer", "result", "x Tessera", "p50 / p99 ms", "peak RSS MB", "RSS x Tessera"]
        return table(header, rows)

    # ------------------------------------------------------------ targets

    def targets(self):
        """[(key, description, measured, met)] for the targets this run has figures for."""
        rows = []
        engine = self.engine_vs_vips()
        if engine:
            rows.append(("engine", "engine: Tessera's time <= 1.10x vipsthumbnail's (geomean over photos and formats)",
                         f"{engine:.2f}x", engine <= TARGETS["engine"]))
        for peer, label in (("ipx", "ipx"), ("nginx", "nginx image_filter")):
            v = self.miss_ratio(peer, 8)
            if v:
                rows.append((peer, f"HTTP miss, c=8: Tessera req/s >= {TARGETS[peer]}x {label}'s", f"{v:.2f}x",
                             v >= TARGETS[peer]))
        t, n = self.http_record("http-hit", "tessera", 8), self.http_record("http-hit", "nginx", 8)
        if t and n and "rps" in t["wrk"] and "rps" in n["wrk"]:
            v = t["wrk"]["rps"] / n["wrk"]["rps"]
            rows.append(("hit", "HTTP hit, c=8: Tessera req/s >= 0.5x nginx static (issue 3)", f"{v:.2f}x", v >= 0.5))
            p99 = t["wrk"].get("p99_ms")
            if p99 is not None:
                rows.append(("hit-p99", "HTTP hit, c=8: Tessera p99 < 5 ms (issue 3)", f"{p99:.1f} ms", p99 < 5))
        r = self.http_record("rss", "tessera")
        if r:
            v = r["rss_kb"] / 1024
            rows.append(("rss", "peak RSS <= 400 MB under c=32 on 20 MP JPEGs", f"{v:.0f} MB", v <= TARGETS["rss_mb"]))
        return rows

    def engine_vs_vips(self, fmts=("jpeg", "webp")):
        """Geometric mean over photos and formats of Tessera's time / vipsthumbnail's."""
        logs = [math.log(self.times["tessera", f][p] / self.times["vipsthumbnail", f][p])
                for f in fmts if ("tessera", f) in self.times and ("vipsthumbnail", f) in self.times
                for p in set(self.times["tessera", f]) & set(self.times["vipsthumbnail", f])]
        return math.exp(statistics.fmean(logs)) if logs else None

    def miss_ratio(self, peer, conc):
        """Tessera's req/s / the peer's on the miss path, or None."""
        t, p = self.http_record("http-miss", "tessera", conc), self.http_record("http-miss", peer, conc)
        if t and p and "rps" in t["wrk"] and "rps" in p["wrk"]:
            return t["wrk"]["rps"] / p["wrk"]["rps"]
        return None

    def targets_table(self):
        return table(["target", "measured", "met"], [[n, v, "yes" if ok else "**NO**"] for _, n, v, ok in self.targets()])

    # ------------------------------------------------------------ shortfalls: the raw facts next to each miss

    def facts_engine(self):
        per_fmt = [f"{f.upper()} {self.engine_vs_vips((f,)):.2f}x" for f in ("jpeg", "webp")
                   if ("tessera", f) in self.times and ("vipsthumbnail", f) in self.times]
        worst = sorted(((self.times["tessera", f][p] / self.times["vipsthumbnail", f][p], f, p)
                        for f in ("jpeg", "webp") if ("tessera", f) in self.times and ("vipsthumbnail", f) in self.times
                        for p in self.times["tessera", f] if p in self.times["vipsthumbnail", f]), reverse=True)[:3]
        return [f"per format: {', '.join(per_fmt)}",
                "slowest against vipsthumbnail: " + ", ".join(f"{p} {f.upper()} {r:.2f}x" for r, f, p in worst)]

    def facts_http(self, peer):
        facts = []
        for conc in (2, 8):
            t, p = self.http_record("http-miss", "tessera", conc), self.http_record("http-miss", peer, conc)
            if t and p and "rps" in t["wrk"] and "rps" in p["wrk"]:
                facts.append(f"c={conc}: Tessera {t['wrk']['rps']:.1f} req/s (p50 {t['wrk']['p50_ms']:.0f} ms, "
                             f"{t['rss_kb'] / 1024:.0f} MB), {peer} {p['wrk']['rps']:.1f} req/s "
                             f"(p50 {p['wrk']['p50_ms']:.0f} ms, {p['rss_kb'] / 1024:.0f} MB)")
        if peer == "ipx" and ("sharp", "jpeg") in self.times and ("tessera", "jpeg") in self.times:
            r = geomean_ratio(self.times["sharp", "jpeg"], self.times["tessera", "jpeg"])
            facts.append(f"engine, one thread each: sharp's JPEG time is {r:.2f}x Tessera's")
        return facts

    def facts_rss(self):
        r = self.http_record("rss", "tessera")
        w = r["wrk"]
        facts = [f"c=32: {w.get('rps', 0):.1f} req/s, p99 {w.get('p99_ms', 0):.0f} ms, peak {r['rss_kb'] / 1024:.0f} MB"]
        for conc in (2, 8):
            m = self.http_record("http-miss", "tessera", conc)
            if m:
                facts.append(f"miss path c={conc} (all photos): peak {m['rss_kb'] / 1024:.0f} MB")
        return facts + ["the JVM runs with the options ./tessera serve ships (DEFAULT_JAVA_OPTS): heap plus libvips' native buffers"]

    def facts_hit(self):
        facts = []
        for conc in (8, 32):
            t, n = self.http_record("http-hit", "tessera", conc), self.http_record("http-hit", "nginx", conc)
            if t and n and "rps" in t["wrk"] and "rps" in n["wrk"]:
                facts.append(f"c={conc}: Tessera {t['wrk']['rps']:.0f} req/s (p50 {t['wrk']['p50_ms']:.1f} ms, "
                             f"p99 {t['wrk']['p99_ms']:.1f} ms), nginx {n['wrk']['rps']:.0f} req/s "
                             f"(p99 {n['wrk']['p99_ms']:.1f} ms)")
        return facts + ["wrk runs on the same 2 cores as the server"]

    def shortfalls(self):
        facts = {"engine": self.facts_engine, "ipx": lambda: self.facts_http("ipx"),
                 "nginx": lambda: self.facts_http("nginx"), "rss": self.facts_rss,
                 "hit": self.facts_hit, "hit-p99": self.facts_hit}
        lines = []
        for key, name, value, ok in self.targets():
            if not ok:
                lines.append(f"- {name}: measured {value}")
                lines += [f"  - {fact}" for fact in facts[key]()]
        return "\n".join(lines) if lines else "- none in this run"

    # ------------------------------------------------------------ detail

    def engine_detail(self):
        parts = []
        for fmt in ("jpeg", "webp"):
            peers = [p for p in ENGINE_PEERS if self.times.get((p, fmt))]
            if not peers:
                continue
            photos = sorted(self.times[peers[0], fmt])
            rows = [[photo] + [fmt_num(self.times[p, fmt].get(photo)) for p in peers] for photo in photos]
            rows.append(["mean output KB"] + [fmt_num(statistics.fmean(self.sizes[p, fmt]) / 1024) for p in peers])
            parts.append(f"{fmt.upper()} q80, 300 px wide, ms per image (median of the runs):\n\n"
                         + table(["photo"] + peers, rows))
        return "\n\n".join(parts)

    def measured_when(self):
        rows = [[s, m["mode"], m["date"], m["load"]] for s, m in self.meta.items() if m]
        return table(["section", "mode", "measured", "load average (1 min) at the end"], rows)


# ---------------------------------------------------------------- RESULTS.md

NOTES = """\
- **Engine**: each in-process peer (Tessera, sharp, Pillow, Thumbnailator) reads a photo into memory once, then
  decodes, resizes to 300 px wide and encodes it in a loop: warm-up runs, then the median of the timed runs, one
  thread each (Tessera and sharp: one libvips thread; VIPS_CONCURRENCY=1, sharp.concurrency(1), sharp.cache(false)).
  Command-line peers (vipsthumbnail, ImageMagick `mogrify`, GraphicsMagick `gm mogrify`, OpenMP off) are timed as
  one call on N+1 copies minus one call on 1 copy, divided by N (start-up amortised), median of 3 trials.
  JPEG shrink-on-load for every peer that has it (libvips natively; Pillow `draft()`; `-define jpeg:size` /
  `-size`); Thumbnailator decodes full size through ImageIO. "ms/img" is the mean over the photos; "x Tessera" the
  geometric mean over the photos of peer/Tessera. Peak RSS: `/usr/bin/time` over the peer's whole run (for
  Tessera the JVM running bench/engine, -Xmx1g). sharp ships its own, newer libvips build inside its npm packages.
- **HTTP**: every server on 127.0.0.1, loaded by `wrk` (closed loop, 2 threads) through bench/peers/urls.lua,
  after a warm-up run. Miss path: every request a distinct rendition (6 photos x widths 200..1199 spread evenly),
  the same set for every server; Tessera `?w=W&fm=jpeg&q=80` (JPEG q80), ipx `/w_W,q_80,f_jpeg/` (its defaults
  otherwise), nginx `image_filter resize W -` with `image_filter_jpeg_quality 80` (libgd decodes full size).
  Peak RSS: VmHWM of the server's processes, reset before each run (nginx: master plus workers, summed).
  Tessera runs as `./tessera serve` ships (-Xmx1g, jemalloc, one render thread per core). On 2 cores wrk
  shares the CPU with the server; that matters little for renders, much for the static hit path.
- **Hit path**: one identical URL again and again: Tessera's 300 px rendition of the 20 MP photo, nginx the same
  bytes as a static file. Tessera has no rendition cache yet (it is being added), so its "hit" figures are
  still renders; they become cache hits when the cache lands.
- **imgproxy shape**: fit into 512x512 (`w=W&h=H&fit=inside`, W and H in 480..512 so that every request is a
  distinct rendition of the same work), JPEG q80 / WebP q75 / AVIF q65, on 2K photos made from the corpus photos
  (long edge 2048, 2046, 2044 and 2042, JPEG q90: 24 sources, so the URL list outlasts a run even when most
  requests are refused), at concurrency 8; Tessera also with `fm=auto` (Accept AVIF+WebP, WebP only, none) on
  boxes of its own. Responses are counted by status and `X-Cache`: req/s is the rate of renders (200s that were
  a `miss`; a hit, when refusals made the list wrap, is not counted), 503 refusals beside it; p50/p99 are over
  all responses, refusals included (bench/codecs/served.py gives the 200s' own from Tessera's access log).
  Assumptions: the published 79.6 / 22.0 / 13.2 req/s come from imgproxy's own 2024 benchmark on
  2 vCPUs, whose source images and concurrency we could not check from public material here; so the ratio
  places our figure beside theirs, it is not a head-to-head run.
- **RSS**: Tessera under concurrency 32 on the two 20 MP JPEGs (baseline `photos/kleiber.jpg`, progressive
  `edge/progressive-20mp.jpg`), distinct widths, JPEG.
"""


KEPT_MARKER = "<!-- bench/run keeps everything below this line: targeted runs by hand, newest last -->"
POINTER = ("> The tables down to the marker are the last full `bench/run` (its date below); every issue's goals as "
           "measured since, by targeted runs, are in [Where each goal stands](#where-each-goal-stands), below it.\n\n")


def kept_part(path):
    """What follows the marker in the results file, which a run keeps as it is."""
    if not os.path.exists(path):
        return ""
    with open(path) as f:
        text = f.read()
    at = text.find(KEPT_MARKER)
    return text[at:] if at >= 0 else ""


def results_md(rep, combined, targets, machine_lines, quick):
    head = "# Tessera benchmark results (bench/run)\n\n" + POINTER
    if quick:
        head += ("> **Quick, noisy run** (`bench/run --quick`: a few seconds per cell, on a machine shared with "
                 "other builds and tests). It shows the harness works; do not quote these numbers.\n\n")
    return (head
            + "## Machine and versions\n\n" + "\n".join(f"- {l}" for l in machine_lines) + "\n\n"
            + rep.measured_when() + "\n\n"
            + "## Side by side (ratios are peer / Tessera)\n\n" + combined + "\n\n"
            + "## Targets (issue 6)\n\n" + targets + "\n\n"
            + "## Where we fall short, and why\n\n" + rep.shortfalls() + "\n\n"
            + (open(os.path.join(os.path.dirname(__file__), "shortfalls.md")).read() + "\n"
               if os.path.exists(os.path.join(os.path.dirname(__file__), "shortfalls.md")) else "")
            + ("## Warnings from this run\n\n" + "\n".join(f"- {w}" for w in rep.warnings) + "\n\n" if rep.warnings else "")
            + "## Engine, per photo\n\n" + rep.engine_detail() + "\n\n"
            + "## How it was measured\n\n" + NOTES
            + "\nRaw results: `bench/out/` (not committed). Run it all again with `bench/run`; one section with "
              "`bench/run --only engine|http-miss|http-hit|imgproxy-shape|rss`.\n")


def main(out, results_path):
    machine = read_lines(os.path.join(out, "machine.txt"))
    rep = Report(out)
    combined, targets = rep.combined(), rep.targets_table()
    quick = any(m and m["mode"] == "quick" for m in rep.meta.values())
    kept = kept_part(results_path)
    with open(results_path, "w") as f:
        f.write(results_md(rep, combined, targets, machine, quick) + ("\n" + kept if kept else ""))
    print(("QUICK RUN, noisy: not for quoting\n\n" if quick else "") + combined + "\n\n" + targets)
    for w in rep.warnings:
        print("warning:", w)
    print(f"\nwritten: {results_path}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
