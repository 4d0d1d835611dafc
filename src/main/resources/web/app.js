// Tessera playground: upload or pick an image, set parameters (controls from /params.json), preview the server's
// rendition beside the original, copy the (signed) URL; the page's fragment holds the whole state.
'use strict';

const $ = (id) => document.getElementById(id);
const form = $('params');
const preview = $('preview');
const original = $('original');
// fetch() sends Accept: */* by default; ask like a browser's <img> does, so fm=auto picks what it would.
const IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';

let settings = { apiKeys: false, signedUrls: false };
let imageId = null;
let cursor = null;       // the next page of recent uploads
let inFlight = null;     // AbortController of the preview request under way
let objectUrl = null;
let debounce = 0;

// ---- helpers

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** Reads a JSON error body {"error": {code, message, param}}, or describes a response that has none. */
async function errorOf(res) {
  const body = await res.json().catch(() => null);
  const e = body?.error ?? {};
  return { status: res.status, code: e.code ?? res.statusText, message: e.message ?? 'unexpected response', param: e.param };
}

const describe = (e) => `${e.status} ${e.code}: ${e.message}` + (e.param ? ` (parameter “${e.param}”)` : '');

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('bad', isError);
}

function authHeaders() {
  const key = $('api-key').value.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** The URL to request: as is without signing keys, else signed by the server for the API key's holder. */
async function signed(path) {
  if (!settings.signedUrls) return path;
  const res = await fetch('/sign', {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders() }, body: JSON.stringify({ url: path }),
  });
  if (!res.ok) throw new Error(`signing: ${describe(await errorOf(res))}` + (res.status === 401 ? ' (enter an API key)' : ''));
  return (await res.json()).url;
}

// ---- upload, recent uploads, load

async function upload(file) {
  say(`Uploading ${file.name} (${formatBytes(file.size)})…`);
  try {
    const res = await fetch('/images', { method: 'POST', body: file, headers: authHeaders() });
    if (!res.ok) {
      say(describe(await errorOf(res)), true);
      if (res.status === 401 || res.status === 403) {
        $('auth').hidden = false;
        $('api-key').focus();
      }
      return;
    }
    const info = await res.json();
    await load(info.id, res.status === 201 ? 'Uploaded.' : 'Already stored (same bytes, same id).');
    recent(true);
  } catch (err) {
    say(`Upload failed: ${err.message}`, true);
  }
}

/** Lists recent uploads (newest first); {@code fresh} starts over, else appends the next page. */
async function recent(fresh) {
  if (fresh) cursor = null;
  const res = await fetch(`/images?limit=8${cursor ? `&cursor=${cursor}` : ''}`, { headers: authHeaders(), cache: 'no-store' });
  if (!res.ok) {
    $('recent').replaceChildren();
    $('more').hidden = true;
    return;
  }
  const page = await res.json();
  const items = page.images.map((img) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'pick';
    button.dataset.id = img.id;
    button.textContent = `${img.id.slice(0, 10)}… ${img.width}×${img.height} ${img.format}, ${formatBytes(img.bytes)}`;
    button.addEventListener('click', () => load(img.id));
    const li = document.createElement('li');
    li.append(button);
    return li;
  });
  if (fresh) $('recent').replaceChildren(...items);
  else $('recent').append(...items);
  cursor = page.next;
  $('more').hidden = !cursor;
}

async function load(id, message = 'Loaded.') {
  try {
    const res = await fetch(`/images/${encodeURIComponent(id)}/info`);
    if (!res.ok) {
      say(describe(await errorOf(res)), true);
      return;
    }
    const info = await res.json();
    imageId = info.id;
    $('o-format').textContent = info.format + (info.hasAlpha ? ', with alpha' : '') + (info.pages > 1 ? `, ${info.pages} frames` : '');
    $('o-dims').textContent = `${info.width} × ${info.height}`;
    $('o-bytes').textContent = formatBytes(info.bytes);
    original.src = await signed(`/images/${info.id}`);
    original.hidden = false;
    say(message);
    update();
  } catch (err) {
    say(`Loading failed: ${err.message}`, true);
  }
}

/** Accepts a bare id, an /images/{id}?... URL (its parameters too) or a page URL with #id=... */
function loadReference(text) {
  const url = URL.parse(text.trim(), location.origin);
  const fragment = new URLSearchParams(url?.hash.slice(1));
  const id = fragment.get('id') ?? text.match(/[0-9a-f]{64}/)?.[0];
  if (!id) {
    say('That is not an image id: an id is 64 hex characters.', true);
    return;
  }
  fragment.delete('id');
  const query = fragment.size ? fragment : new URLSearchParams(url?.search);
  query.delete('sig');
  Controls.apply(form, query);
  showFocal();
  load(id);
}

// ---- the rendition

function update() {
  clearTimeout(debounce);
  if (!imageId) return;
  const q = Controls.query(form);
  const path = `/images/${imageId}` + (q ? `?${q}` : '');
  history.replaceState(null, '', `#id=${imageId}` + (q ? `&${q}` : ''));
  debounce = setTimeout(() => show(path), 250);
}

async function show(path) {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  $('r-status').textContent = 'loading…';
  try {
    const url = await signed(path);
    $('url').value = location.origin + url;
    $('open').href = url;
    $('copy').disabled = false;
    // no-store: always ask the service, so X-Cache tells its cache tier, not the browser's.
    const res = await fetch(url, { cache: 'no-store', headers: { Accept: IMAGE_ACCEPT }, signal: controller.signal });
    const h = res.headers;
    $('r-status').textContent = `${res.status} ${res.statusText}`;
    $('r-type').textContent = h.get('Content-Type') ?? '–';
    $('r-cache').textContent = h.get('X-Cache') ?? '–';
    $('r-timing').textContent = h.get('Server-Timing')?.replaceAll(', ', '\n') ?? '–';
    if (!res.ok) {
      const e = await errorOf(res);
      showError(describe(e));
      if (e.param) form.elements.namedItem(e.param)?.setAttribute('aria-invalid', 'true');
      return;
    }
    const blob = await res.blob();
    if (controller.signal.aborted) return;
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = URL.createObjectURL(blob);
    $('r-size').textContent = formatBytes(blob.size);
    preview.dataset.url = url;
    preview.src = objectUrl;
    preview.hidden = false;
    $('after').src = objectUrl;
    $('before').src = original.src;
    showError(null);
  } catch (err) {
    if (err.name !== 'AbortError') showError(`Request failed: ${err.message}`);
  }
}

function showError(text) {
  $('error').hidden = !text;
  $('error').textContent = text ?? '';
  if (text) {
    preview.hidden = true;
    $('r-size').textContent = $('r-dims').textContent = '–';
  }
}

async function copyUrl() {
  const url = $('url');
  try {
    await navigator.clipboard.writeText(url.value);
    $('copy-note').textContent = 'Copied.';
  } catch {
    // The clipboard API needs a secure context (https or localhost): leave the URL selected instead.
    url.select();
    $('copy-note').textContent = 'Press Ctrl+C to copy.';
  }
  setTimeout(() => { $('copy-note').textContent = ''; }, 2500);
}

// ---- focal point and the before/after divider

/** A click on the original sets g=fp:X,Y (0..1, two decimals) at that point. */
function setFocal(e) {
  if (original.hidden) return;
  const box = original.getBoundingClientRect();
  const x = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)).toFixed(2);
  const y = Math.min(1, Math.max(0, (e.clientY - box.top) / box.height)).toFixed(2);
  const g = form.elements.namedItem('g');
  const value = `fp:${x},${y}`;
  if (![...g.options].some((o) => o.value === value)) g.add(new Option(value));
  g.value = value;
  showFocal();
  update();
}

/** Shows the mark where g's focal point is, if it is one. */
function showFocal() {
  const m = form.elements.namedItem('g')?.value.match(/^fp:([\d.]+),([\d.]+)$/);
  $('focal-mark').hidden = !m || original.hidden;
  if (!m) return;
  $('focal-mark').style.left = `${original.offsetLeft + m[1] * original.width}px`;
  $('focal-mark').style.top = `${original.offsetTop + m[2] * original.height}px`;
}

function divide() {
  $('before').style.clipPath = `inset(0 ${100 - $('divider').value}% 0 0)`;
}

// ---- wiring

preview.addEventListener('load', () => {
  $('r-dims').textContent = `${preview.naturalWidth} × ${preview.naturalHeight}`;
});
original.addEventListener('load', showFocal);
original.addEventListener('click', setFocal);
for (const type of ['input', 'change']) { // a select set by script or by some browsers fires only change
  form.addEventListener(type, () => {
    showFocal();
    update();
  });
}
$('defaults').addEventListener('click', () => {
  form.reset();
  showFocal();
  update();
});
$('file').addEventListener('change', (e) => {
  if (e.target.files[0]) upload(e.target.files[0]);
  e.target.value = '';
});
$('api-key').addEventListener('change', () => recent(true));
$('by-id').addEventListener('submit', (e) => {
  e.preventDefault();
  loadReference($('image-id').value);
});
$('more').addEventListener('click', () => recent(false));
$('copy').addEventListener('click', copyUrl);
$('divider').addEventListener('input', divide);

const drop = $('drop');
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
}
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer.files[0];
  if (file) upload(file);
});
// A file dropped beside the zone would otherwise replace the page with the image.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

function fromFragment() {
  if (location.hash.length > 1) loadReference(location.href);
}

async function start() {
  const res = await fetch('/params.json');
  const schema = await res.json();
  settings = schema;
  Controls.build($('controls'), schema.params);
  $('auth').hidden = !schema.apiKeys;
  divide();
  window.addEventListener('hashchange', fromFragment);
  fromFragment();
  await recent(true);
  document.body.dataset.ready = 'true';
}
start().catch((err) => say(`The page could not start: ${err.message}`, true));
