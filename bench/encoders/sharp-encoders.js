// sharp's side of bench/encoders: the same saves on the same pixels (the PNGs EncoderOptionsBench --dump wrote),
// decoded to raw once, so only sharp's encoder call is timed; one libvips thread, cache off.
// Usage: NODE_PATH=bench/.peers/node/node_modules node bench/encoders/sharp-encoders.js RUNS PNG...
// Prints "variant<TAB>photo<TAB>median ms<TAB>bytes" per line, then the geomean per variant.
'use strict';
const fs = require('fs');
const path = require('path');
const sharp = require('sharp');

sharp.concurrency(1);
sharp.cache(false);

const variants = {
  'jpeg sharp defaults (Q80, optimiseCoding)': (s) => s.jpeg({ quality: 80 }),
  'jpeg sharp optimiseCoding off': (s) => s.jpeg({ quality: 80, optimiseCoding: false }),
  'webp sharp defaults (Q75, effort 4)': (s) => s.webp({ quality: 75 }),
};

async function median(runs, work) {
  await work();
  await work();
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    out = await work();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return [ms[Math.floor(runs / 2)], out.length];
}

async function main() {
  const [runs, ...pngs] = process.argv.slice(2);
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, median of ${runs}`);
  const logs = {};
  for (const png of pngs) {
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    for (const [name, encode] of Object.entries(variants)) {
      const [ms, bytes] = await median(Number(runs), () => encode(sharp(data, { raw })).toBuffer());
      console.log([name, path.basename(png), ms.toFixed(2), bytes].join('\t'));
      (logs[name] = logs[name] || []).push([Math.log(ms), Math.log(bytes)]);
    }
  }
  for (const [name, rows] of Object.entries(logs)) {
    const g = (i) => Math.exp(rows.reduce((a, r) => a + r[i], 0) / rows.length);
    console.log(`geomean\t${name}\t${g(0).toFixed(2)} ms\t${g(1).toFixed(0)} bytes`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
