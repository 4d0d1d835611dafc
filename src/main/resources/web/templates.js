// Tessera template playground: edit a template's JSON, save it (PUT /templates/{name}), fill its slots and show
// the server's own render (GET /render/{name}) with the layers' boxes over it.
'use strict';

const EXAMPLE = {
  width: 1200, height: 628, background: 'ffffff',
  layers: [
    { type: 'image', source: '{image}', x: 0, y: 0, w: 628, h: 628, fit: 'contain' },
    { type: 'rect', x: 660, y: 400, w: 320, h: 120, color: 'e53935', radius: 16 },
    { type: 'text', text: '{price}', x: 680, y: 420, w: 280, h: 80, font: 'DejaVu Sans', size: 56, weight: 'bold', color: 'ffffff', align: 'center', maxLines: 1 },
    { type: 'text', text: '{title}', x: 660, y: 60, w: 500, h: 300, font: 'DejaVu Sans', size: 44, color: '111111', align: 'left', maxLines: 3 },
  ],
};
const STRESS = [
  'An exceptionally long product title that keeps going with materials, sizes, colours and a warranty until no box can hold it',
  'خصم كبير اليوم ٥٠٪ 🔥 על כל המוצרים 2026',
  'Sale 🔥🎉 👩🏽‍💻 today only ✨ 1.299,50 €',
];
const MISSING_IMAGE = `id:${'0'.repeat(64)}`;

let definition = null;   // the last definition that parsed
let objectUrl = null;
let debounce = 0;
let stressRound = 0;

// ---- the editor: JSON with a line per field, so an error naming a field (layers[2].w) points at its line

/** Pretty JSON of {@code value}, and the line of each field's path ("layers[2].w") in it. */
function layout(value) {
  const lines = [];
  const where = {};
  const write = (v, path, indent, prefix, comma) => {
    const pad = '  '.repeat(indent);
    if (path) where[path] = lines.length;
    if (v && typeof v === 'object') {
      const isArray = Array.isArray(v);
      const entries = isArray ? v.map((x, i) => [i, x]) : Object.entries(v);
      if (!entries.length) return lines.push(`${pad}${prefix}${isArray ? '[]' : '{}'}${comma}`);
      const flat = entries.every(([, x]) => x === null || typeof x !== 'object');
      if (flat && !isArray) return lines.push(`${pad}${prefix}${JSON.stringify(v).replaceAll('":', '": ').replaceAll(',"', ', "')}${comma}`);
      lines.push(`${pad}${prefix}${isArray ? '[' : '{'}`);
      entries.forEach(([k, x], i) => {
        const sub = isArray ? `${path}[${k}]` : (path ? `${path}.${k}` : k);
        write(x, sub, indent + 1, isArray ? '' : `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : '');
      });
      return lines.push(`${pad}${isArray ? ']' : '}'}${comma}`);
    }
    return lines.push(`${pad}${prefix}${JSON.stringify(v)}${comma}`);
  };
  write(value, '', 0, '', '');
  return { text: lines.join('\n'), where };
}

/** The line a field's path is on: the path itself, else its closest parent (a layer's line for its fields). */
function lineOf(path, where) {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    if (p in where) return where[p];
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return 0;
}

function showErrors(errors) {
  $('def-errors').replaceChildren(...errors.map(({ line, text }) => {
    const li = document.createElement('li');
    const go = Object.assign(document.createElement('button'), { type: 'button', textContent: `line ${line + 1}` });
    go.addEventListener('click', () => selectLine(line));
    li.append(go, `: ${text}`);
    return li;
  }));
  $('definition').setAttribute('aria-invalid', String(errors.length > 0));
}

function selectLine(line) {
  const editor = $('definition');
  const lines = editor.value.split('\n');
  const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + (lines[line]?.length ?? 0));
}

function parse() {
  try {
    definition = JSON.parse($('definition').value);
    showErrors([]);
    return definition;
  } catch (err) {
    const at = Number(err.message.match(/position (\d+)/)?.[1] ?? 0);
    showErrors([{ line: $('definition').value.slice(0, at).split('\n').length - 1, text: err.message }]);
    return null;
  }
}

// ---- slots, boxes and the render

function slotsOf(def) {
  const slots = new Map(); // name -> 'image' | 'text'
  for (const layer of def?.layers ?? []) {
    for (const field of ['text', 'source']) {
      for (const m of String(layer[field] ?? '').matchAll(/\{([A-Za-z0-9_-]+)\}/g)) {
        if (!slots.has(m[1]) || layer.type === 'image') slots.set(m[1], layer.type === 'image' ? 'image' : 'text');
      }
    }
    if (layer.if && !slots.has(layer.if)) slots.set(layer.if, 'text');
  }
  return slots;
}

function buildSlots(def) {
  const form = $('slots');
  const kept = Object.fromEntries([...form.elements].map((e) => [e.name, e.value]));
  form.replaceChildren(...[...slotsOf(def)].map(([name, kind]) => {
    const wrap = Object.assign(document.createElement('div'), { className: 'field' });
    const label = Object.assign(document.createElement('label'), { htmlFor: `s-${name}`, textContent: name });
    const input = Object.assign(document.createElement('input'), {
      id: `s-${name}`, name, value: kept[name] ?? '', spellcheck: false, autocomplete: 'off',
      placeholder: kind === 'image' ? 'id:<image id> or an image URL' : 'text',
    });
    wrap.append(label, input);
    return wrap;
  }));
}

function drawBoxes(def) {
  const boxes = $('boxes');
  if (def?.width > 0 && def?.height > 0) $('canvas').style.aspectRatio = `${def.width} / ${def.height}`;
  boxes.replaceChildren(...(def?.layers ?? []).map((layer, i) => {
    const box = Object.assign(document.createElement('div'), { className: 'box' });
    const pct = (v, of) => `${(100 * v) / of}%`;
    Object.assign(box.style, { left: pct(layer.x, def.width), top: pct(layer.y, def.height), width: pct(layer.w, def.width), height: pct(layer.h, def.height) });
    box.dataset.layer = `layers[${i}]`;
    box.append(Object.assign(document.createElement('span'), { textContent: `${i} ${layer.type}` }));
    return box;
  }));
  boxes.hidden = !$('show-boxes').checked;
}

function renderPath() {
  const q = new URLSearchParams();
  for (const input of $('slots').elements) if (input.value !== '') q.append(input.name, input.value);
  return `/render/${encodeURIComponent($('t-name').value)}` + (q.size ? `?${q}` : '');
}

function scheduleRender() {
  clearTimeout(debounce);
  debounce = setTimeout(render, 300);
}

async function render() {
  const path = renderPath();
  $('render-url').textContent = path;
  for (const el of $('slots').querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const res = await fetch(path, { cache: 'no-store', headers: { Accept: IMAGE_ACCEPT } });
  $('r-status').textContent = `${res.status} ${res.statusText}`;
  $('r-cache').textContent = res.headers.get('X-Cache') ?? '–';
  $('r-timing').textContent = res.headers.get('Server-Timing')?.replaceAll(', ', '\n') ?? '–';
  if (!res.ok) {
    const e = await errorOf(res);
    $('error').textContent = describe(e);
    $('error').hidden = false;
    if (e.param) $('slots').elements.namedItem(e.param)?.setAttribute('aria-invalid', 'true');
    return;
  }
  const blob = await res.blob();
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = URL.createObjectURL(blob);
  $('r-size').textContent = formatBytes(blob.size);
  $('render').src = objectUrl;
  $('render').hidden = false;
  $('error').hidden = true;
  showFits(path);
}

/** Labels each text layer's box with the size and line count its fitting chose (GET /templates/{name}/layout). */
async function showFits(renderUrl) {
  const res = await fetch(renderUrl.replace(/^\/render\/([^?]*)/, '/templates/$1/layout'), { cache: 'no-store' });
  if (!res.ok) return;
  for (const fit of (await res.json()).layers) {
    const label = document.querySelector(`#boxes .box[data-layer="${fit.layer}"] span`);
    const i = fit.layer.replace(/\D/g, '');
    if (label) label.textContent = `${i} text · ${fit.size}px · ${fit.lines} line${fit.lines === 1 ? '' : 's'}${fit.cut ? ' · cut' : ''}`;
  }
}

// ---- load and save

async function load(name) {
  const res = await fetch(`/templates/${encodeURIComponent(name)}`, { cache: 'no-store' });
  if (!res.ok) {
    $('status').textContent = `${(await errorOf(res)).message}; the example is in the editor.`;
    return show(EXAMPLE);
  }
  $('status').textContent = `Loaded ${name}.`;
  show(await res.json());
  scheduleRender();
}

function show(def) {
  $('definition').value = layout(def).text;
  parse();
  buildSlots(def);
  drawBoxes(def);
}

async function save() {
  const def = parse();
  if (!def) return;
  const { text, where } = layout(def);
  $('definition').value = text;
  const res = await fetch(`/templates/${encodeURIComponent($('t-name').value)}`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json', ...authHeaders() }, body: JSON.stringify(def),
  });
  if (!res.ok) {
    const e = await errorOf(res);
    $('status').textContent = `Not saved: ${e.code}.`;
    return showErrors([{ line: e.param ? lineOf(e.param, where) : 0, text: `${e.param ?? ''} ${e.message}`.trim() }]);
  }
  $('status').textContent = res.status === 201 ? 'Saved (new).' : 'Saved.';
  buildSlots(def);
  drawBoxes(def);
  render();
}

/** The area of the largest box a slot is drawn in: the biggest text box gets the longest title. */
function areaOf(name) {
  const uses = (definition?.layers ?? []).filter((l) => String(l.text ?? l.source ?? '').includes(`{${name}}`));
  return Math.max(0, ...uses.map((l) => l.w * l.h));
}

function stress() {
  const slots = [...slotsOf(definition)].sort(([a], [b]) => areaOf(b) - areaOf(a));
  let i = stressRound++;
  for (const [name, kind] of slots) {
    const input = $('slots').elements.namedItem(name);
    if (input) input.value = kind === 'image' ? MISSING_IMAGE : STRESS[i++ % STRESS.length];
  }
  render();
}

// ---- wiring

$('pick').addEventListener('submit', (e) => {
  e.preventDefault();
  load($('t-name').value);
});
$('save').addEventListener('click', save);
$('format').addEventListener('click', () => parse() && show(definition));
$('definition').addEventListener('input', () => {
  const def = parse();
  if (def) drawBoxes(def);
});
$('slots').addEventListener('input', scheduleRender);
$('stress').addEventListener('click', stress);
$('show-boxes').addEventListener('change', () => { $('boxes').hidden = !$('show-boxes').checked; });
$('render').addEventListener('load', () => {
  $('r-dims').textContent = `${$('render').naturalWidth} × ${$('render').naturalHeight}`;
});
load($('t-name').value).finally(() => { document.body.dataset.ready = 'true'; });
