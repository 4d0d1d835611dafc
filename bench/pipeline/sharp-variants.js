// sharp's side of bench/pipeline: the same two tasks on the same photos, one libvips thread, cache off.
// Usage: NODE_PATH=bench/.peers/node/node_modules node bench/pipeline/sharp-variants.js RUNS WARMUP PHOTO...
// Variants: default (sharp's defaults: fastShrinkOnLoad, optimiseCoding on), nooptimise (optimiseCoding off,
// as libvips' and Tessera's jpegsave), keep2 (fastShrinkOnLoad off: shrink-on-load leaves a factor of 2).
// Prints "photo<TAB>task<TAB>variant<TAB>median ms<TAB>bytes<TAB>width x height" per line.
'use strict';
const fs = require('fs');
const path = require('path');
const sharp = require('sharp');

sharp.concurrency(1);
sharp.cache(false);

const tasks = {
  w300: (s, o) => s.resize({ width: 300, fastShrinkOnLoad: o.fast }),
  fit512: (s, o) => s.resize({ width: 512, height: 512, fit: 'inside', fastShrinkOnLoad: o.fast }),
};
const variants = {
  default: { fast: true, optimiseCoding: true },
  nooptimise: { fast: true, optimiseCoding: false },
  keep2: { fast: false, optimiseCoding: false },
};

async function render(input, task, v) {
  return tasks[task](sharp(input), v).jpeg({ quality: 80, optimiseCoding: v.optimiseCoding })
    .toBuffer({ resolveWithObject: true });
}

async function main() {
  const [runs, warmup, ...photos] = process.argv.slice(2);
  for (const task of Object.keys(tasks)) {
    for (const photo of photos) {
      const input = fs.readFileSync(photo);
      for (const [name, v] of Object.entries(variants)) {
        for (let i = 0; i < Number(warmup); i++) await render(input, task, v);
        const ms = [];
        let out;
        for (let i = 0; i < Number(runs); i++) {
          const t = process.hrtime.bigint();
          out = await render(input, task, v);
          ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        ms.sort((a, b) => a - b);
        console.log([path.basename(photo), task, name, ms[Math.floor(ms.length / 2)].toFixed(1), out.data.length,
          `${out.info.width}x${out.info.height}`].join('\t'));
      }
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
