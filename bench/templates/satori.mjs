// The satori + sharp side of bench/templates: the same 1200x628 ad (product photo, title, price badge, logo) as
// examples/ad-template.json, laid out by satori (SVG) and rasterised by sharp, in this process, one ad at a time.
// Usage: node satori.mjs PHOTO LOGO RUNS WARMUP OUTDIR   (bench/templates/run sets NODE_PATH)
// Prints "fmt<TAB>median ms<TAB>CPU ms per ad<TAB>bytes" for png and jpeg, then "rss<TAB>bytes".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.env.NODE_PATH, 'x.js'));
const satoriModule = await import(require.resolve('satori'));
const satori = satoriModule.default?.default ?? satoriModule.default;
const sharp = require('sharp');
sharp.concurrency(1);
sharp.cache(false);

const [photoFile, logoFile, runsArg, warmupArg, outDir] = process.argv.slice(2);
const runs = Number(runsArg), warmup = Number(warmupArg);
const dataUri = (file, mime) => `data:${mime};base64,${fs.readFileSync(file).toString('base64')}`;
const photo = dataUri(photoFile, 'image/jpeg');
const logo = dataUri(logoFile, 'image/png');
const fonts = [
  { name: 'DejaVu Sans', data: fs.readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), weight: 400 },
  { name: 'DejaVu Sans', data: fs.readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'), weight: 700 },
];
const price = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const abs = (left, top, width, height, extra) => ({ position: 'absolute', left, top, width, height, display: 'flex', ...extra });

function ad(i) {
  return { type: 'div', props: { style: { display: 'flex', width: 1200, height: 628, background: '#ffffff',
      fontFamily: 'DejaVu Sans', position: 'relative' }, children: [
    { type: 'img', props: { src: photo, width: 628, height: 628, style: abs(0, 0, 628, 628, { objectFit: 'cover' }) } },
    { type: 'div', props: { style: abs(660, 60, 500, 300, { fontSize: 44, color: '#111111', lineClamp: 4 }),
        children: `Trail running shoes, breathable mesh, size 36-47 #${i}` } },
    { type: 'div', props: { style: abs(660, 400, 320, 120, { background: '#e53935', borderRadius: 16 }) } },
    { type: 'div', props: { style: abs(680, 420, 280, 80, { fontSize: 56, fontWeight: 700, color: '#ffffff',
        justifyContent: 'center', alignItems: 'center' }), children: price.format(1000 + i / 100) } },
    { type: 'img', props: { src: logo, width: 180, height: 70, style: abs(1000, 540, 180, 70, { objectFit: 'contain' }) } },
  ] } };
}

async function render(i, fmt) {
  const svg = await satori(ad(i), { width: 1200, height: 628, fonts });
  const image = sharp(Buffer.from(svg));
  return fmt === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 80 }).toBuffer();
}

let n = 0;
for (const fmt of ['png', 'jpeg']) {
  for (let i = 0; i < warmup; i++) await render(n++, fmt);
  const ms = [];
  let out;
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    out = await render(n++, fmt);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const used = process.cpuUsage(cpu);
  ms.sort((a, b) => a - b);
  fs.writeFileSync(path.join(outDir, `satori.${fmt}`), out);
  const cpuMs = (used.user + used.system) / 1000 / runs;
  console.log(`${fmt}\t${ms[Math.floor(runs / 2)].toFixed(2)}\t${cpuMs.toFixed(2)}\t${out.length}`);
}
console.log(`rss\t${process.memoryUsage().rss}`);
