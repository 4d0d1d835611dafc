// Tessera dashboard: polls /stats.json (cumulative figures) and charts what changed between two polls.
'use strict';

const $ = (id) => document.getElementById(id);
const KEEP = 150;          // points per series: 5 to 12 minutes, depending on the refresh
const PALETTE = ['#2458d6', '#d6452a', '#2a9d4b', '#9b3fd1', '#c98a00', '#0f8f9a', '#7a5230', '#5f6670'];
const ROUTES_SHOWN = 4;    // the busiest routes get a line; the table lists them all
/** The pages' own traffic (this dashboard's polls included), left out of the charts and the table. */
const OWN = /^\/(|dashboard|templates\.html|stats\.json|params\.json|web\/.*)$/;

const recorded = { time: [], series: {} };   // chart id -> label -> values aligned with time
const charts = {};
let previous = null;
let timer = 0;
let paused = false;

// ---- figures from two snapshots

/** The latency (seconds) under which a fraction q of the requests between two snapshots fell; null if none. */
function quantile(before, after, q) {
  const total = after.count - (before?.count ?? 0);
  if (total <= 0) return null;
  let lowLe = 0;
  let lowCount = 0;
  for (let i = 0; i < after.buckets.length; i++) {
    const [le, cumulative] = after.buckets[i];
    const count = cumulative - (before?.buckets[i]?.[1] ?? 0);
    if (count >= q * total) {
      const share = count === lowCount ? 1 : (q * total - lowCount) / (count - lowCount);
      return lowLe + (le - lowLe) * share;
    }
    [lowLe, lowCount] = [le, count];
  }
  return lowLe; // beyond the last bucket: at least this much
}

function ratio(hits, misses) {
  return hits + misses > 0 ? (100 * hits) / (hits + misses) : null;
}

/** Every chart's values for the interval between two snapshots. */
function figures(before, now) {
  const seconds = (now.time - before.time) / 1000;
  const routesBefore = Object.fromEntries(before.requests.map((r) => [r.route, r]));
  const routes = now.requests.filter((r) => !OWN.test(r.route)).map((r) => {
    const b = routesBefore[r.route];
    return {
      route: r.route, rate: (r.count - (b?.count ?? 0)) / seconds, errors: r.errors - (b?.errors ?? 0),
      p50: quantile(b, r, 0.5), p99: quantile(b, r, 0.99),
    };
  }).sort((x, y) => y.rate - x.rate);
  const delta = (key) => (now.cache[key] ?? 0) - (before.cache[key] ?? 0);
  const stagesBefore = Object.fromEntries(before.stages.map((s) => [s.stage, s]));
  const stages = {};
  for (const s of now.stages) {
    const b = stagesBefore[s.stage];
    const n = s.count - (b?.count ?? 0);
    stages[s.stage] = n > 0 ? (1000 * (s.seconds - (b?.seconds ?? 0))) / n : null;
  }
  const shown = routes.slice(0, ROUTES_SHOWN);
  const mib = (bytes) => bytes / 1048576;
  return {
    routes,
    rate: Object.fromEntries(shown.map((r) => [r.route, r.rate])),
    latency: Object.fromEntries(shown.flatMap((r) => [[`${r.route} p50`, ms(r.p50)], [`${r.route} p99`, ms(r.p99)]])),
    hits: { memory: ratio(delta('memory.hit'), delta('memory.miss')), store: ratio(delta('store.hit'), delta('store.miss')) },
    stages,
    queue: { queued: now.render.queued, 'in flight': now.render.inFlight, threads: now.render.threads },
    memory: { RSS: mib(now.memory.rss), 'heap used': mib(now.memory.heapUsed), libvips: mib(now.memory.vips) },
  };
}

const ms = (s) => (s == null ? null : s * 1000);

// ---- charts

function record(time, values) {
  recorded.time.push(time);
  for (const [chart, series] of Object.entries(values)) {
    const known = (recorded.series[chart] ??= {});
    for (const label of Object.keys(series)) known[label] ??= new Array(recorded.time.length - 1).fill(null);
    for (const [label, points] of Object.entries(known)) points.push(series[label] ?? null);
  }
  if (recorded.time.length > KEEP) {
    recorded.time.shift();
    for (const chart of Object.values(recorded.series)) for (const points of Object.values(chart)) points.shift();
  }
}

function draw() {
  for (const [id, series] of Object.entries(recorded.series)) {
    const box = $(id);
    const labels = Object.keys(series);
    const data = [recorded.time, ...labels.map((l) => series[l])];
    const width = Math.max(200, box.clientWidth);
    if (!charts[id] || charts[id].labels.join() !== labels.join()) {
      charts[id]?.plot.destroy();
      const opts = {
        width, height: 200, legend: { live: false },
        scales: { x: { time: true } },
        series: [{}, ...labels.map((label, i) => ({ label, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false }))],
        axes: [{ stroke: getComputedStyle(document.body).color }, { stroke: getComputedStyle(document.body).color, size: 60 }],
      };
      charts[id] = { labels, plot: new uPlot(opts, data, box) };
    } else {
      charts[id].plot.setData(data);
      if (charts[id].plot.width !== width) charts[id].plot.setSize({ width, height: 200 });
    }
    box.dataset.points = String(recorded.time.length);
  }
}

function table(f, now) {
  const fmt = (v) => (v == null ? '–' : v.toFixed(1));
  $('routes').replaceChildren(...f.routes.map((r) => {
    const tr = document.createElement('tr');
    for (const text of [r.route, r.rate.toFixed(2), fmt(ms(r.p50)), fmt(ms(r.p99)), String(r.errors)]) {
      tr.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    return tr;
  }));
  const pairs = (o) => Object.entries(o).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
  $('tenants').textContent = pairs(now.render.queuedByTenant);
  $('rejections').textContent = pairs(now.rejections);
  $('breakers').textContent = now.breakers.length ? now.breakers.map((b) => Object.values(b).join(' ')).join('; ') : 'none';
  if (now.nodes?.length) $('nodes').textContent = now.nodes.map((n) => n.name ?? JSON.stringify(n)).join(', ');
}

// ---- polling

async function poll() {
  try {
    const res = await fetch('/stats.json', { cache: 'no-store' });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    const now = await res.json();
    if (previous && now.time > previous.time) {
      const f = figures(previous, now);
      const { routes, ...series } = f;
      record(now.time / 1000, series);
      draw();
      table(f, now);
      $('status').textContent = `Updated ${new Date(now.time).toLocaleTimeString()}.`;
    }
    previous = now;
  } catch (err) {
    $('status').textContent = `The figures could not be read: ${err.message}`;
  }
  if (!paused) timer = setTimeout(poll, Number($('refresh').value));
}

$('refresh').addEventListener('change', () => {
  clearTimeout(timer);
  if (!paused) poll();
});
$('pause').addEventListener('click', () => {
  paused = !paused;
  $('pause').textContent = paused ? 'Resume' : 'Pause';
  $('pause').setAttribute('aria-pressed', String(paused));
  clearTimeout(timer);
  if (!paused) poll();
});
window.addEventListener('resize', draw);
poll();
