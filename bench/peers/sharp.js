// Engine peer: sharp (libvips in Node), an in-process loop like bench/engine's Tessera side.
// Usage (bench/run sets NODE_PATH to bench/.peers/node/node_modules):
//   node sharp.js FMT RUNS WARMUP OUTDIR PHOTO...
// Each photo is read into memory once, then resized to 300 px wide and encoded (FMT jpeg|webp, q80)
// WARMUP times untimed and RUNS times timed. Prints "photo<TAB>fmt<TAB>median ms<TAB>output bytes" per photo.
'use strict';
const fs = require('fs');
const path = require('path');
const sharp = require('sharp');

sharp.concurrency(1); // one libvips thread per render, as Tessera's renders and vipsthumbnail here
sharp.cache(false);   // the same input again and again must not hit libvips' operation cache

function render(input, fmt) {
  return sharp(input).resize({ width: 300 })[fmt]({ quality: 80 }).toBuffer();
}

async function medianMs(input, fmt, runs, warmup) {
  for (let i = 0; i < warmup; i++) await render(input, fmt);
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    out = await render(input, fmt);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(runs / 2)], out };
}

async function main() {
  const [fmt, runs, warmup, outDir, ...photos] = process.argv.slice(2);
  for (const photo of photos) {
    const name = path.basename(photo);
    const { ms, out } = await medianMs(fs.readFileSync(photo), fmt, Number(runs), Number(warmup));
    fs.writeFileSync(path.join(outDir, `${name}.${fmt}`), out);
    console.log([name, fmt, ms.toFixed(2), out.length].join('\t'));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
