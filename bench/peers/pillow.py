"""Engine peer: Pillow (Debian's python3-pil), an in-process loop like bench/engine's Tessera side.

Usage: /usr/bin/python3 pillow.py FMT RUNS WARMUP OUTDIR PHOTO...
Each photo is read into memory once, then decoded, resized to 300 px wide and encoded (FMT jpeg|webp, q80)
WARMUP times untimed and RUNS times timed. Prints "photo<TAB>fmt<TAB>median ms<TAB>output bytes" per photo.
As a careful user would: draft() lets libjpeg decode at 1/2, 1/4 or 1/8 scale (shrink-on-load), no smaller
than twice the target; then a Lanczos resize (libvips' kernel too).
"""
import io
import os
import sys
import time

from PIL import Image

WIDTH = 300


def render(data, fmt):
    im = Image.open(io.BytesIO(data))
    height = max(1, round(im.height * WIDTH / im.width))
    im.draft("RGB", (2 * WIDTH, 2 * height))
    im = im.convert("RGB").resize((WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    im.save(out, fmt.upper(), quality=80)
    return out.getvalue()


def median_ms(data, fmt, runs, warmup):
    for _ in range(warmup):
        render(data, fmt)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = render(data, fmt)
        times.append((time.perf_counter() - t) * 1000)
    return sorted(times)[runs // 2], out  # the median as bench/engine takes it


def main(fmt, runs, warmup, out_dir, *photos):
    for photo in photos:
        name = os.path.basename(photo)
        with open(photo, "rb") as f:
            ms, out = median_ms(f.read(), fmt, int(runs), int(warmup))
        with open(os.path.join(out_dir, f"{name}.{fmt}"), "wb") as f:
            f.write(out)
        print(f"{name}\t{fmt}\t{ms:.2f}\t{len(out)}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
