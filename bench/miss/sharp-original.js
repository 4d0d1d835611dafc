// sharp's side of MissBench's "original" cell: sunset.jpg (12 MP progressive) -> w 1069..1199, JPEG q80, one
// libvips thread, cache off; sharp's defaults (fastShrinkOnLoad: shrink 2 here, optimiseCoding) and with
// fastShrinkOnLoad off (libvips leaves the kernel 2: no shrink at these widths). Median ms per render.
// Usage: NODE_PATH=bench/.peers/node/node_modules node bench/miss/sharp-original.js RUNS WARMUP PHOTO
'use strict';
const fs = require('fs');
const sharp = require('sharp');

sharp.concurrency(1);
sharp.cache(false);
const widths = [1069, 1102, 1134, 1166, 1199];

async function main() {
  const [runs, warmup, photo] = process.argv.slice(2);
  const input = fs.readFileSync(photo);
  for (const fast of [true, false]) {
    const ms = [];
    for (let r = 0; r < Number(warmup) + Number(runs); r++) {
      for (const width of widths) {
        const t = process.hrtime.bigint();
        await sharp(input).resize({ width, fastShrinkOnLoad: fast }).jpeg({ quality: 80 }).toBuffer();
        if (r >= Number(warmup)) ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    ms.sort((a, b) => a - b);
    console.log(`sharp ${sharp.versions.sharp} libvips ${sharp.versions.vips} original fastShrinkOnLoad=${fast}` +
      ` median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms (${ms.length} renders)`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
