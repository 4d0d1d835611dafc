// Tessera playground: upload an image, build a rendition URL from the form, preview it with its headers.
'use strict';

const $ = (id) => document.getElementById(id);
const params = $('params');
const preview = $('preview');
// fetch() sends Accept: */* by default; ask like a browser's <img> does, so fm=auto picks what it would.
const IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';

let imageId = null;
let pendingFile = null;   // kept to retry an upload refused for want of an API key
let inFlight = null;      // AbortController of the preview request under way
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

function describe(e) {
  return `${e.status} ${e.code}: ${e.message}` + (e.param ? ` (parameter “${e.param}”)` : '');
}

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('bad', isError);
}

// ---- upload and load

async function upload(file) {
  pendingFile = file;
  say(`Uploading ${file.name} (${formatBytes(file.size)})…`);
  const key = $('api-key').value.trim();
  try {
    const res = await fetch('/images', {
      method: 'POST', body: file, headers: key ? { Authorization: `Bearer ${key}` } : {},
    });
    if (!res.ok) {
      const e = await errorOf(res);
      say(describe(e), true);
      if (res.status === 401 || res.status === 403) {
        $('auth').hidden = false;
        $('api-key').focus();
      }
      return;
    }
    const info = await res.json();
    pendingFile = null;
    $('auth').hidden = true;
    await load(info.id, res.status === 201 ? 'Uploaded.' : 'Already stored (same bytes, same id).');
  } catch (err) {
    say(`Upload failed: ${err.message}`, true);
  }
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
    $('info').hidden = false;
    $('info-id').textContent = info.id;
    $('info-id').href = `/images/${info.id}`;
    $('info-format').textContent = info.format + (info.hasAlpha ? ', with alpha' : '')
      + (info.pages > 1 ? `, ${info.pages} frames` : '');
    $('info-dims').textContent = `${info.width} × ${info.height}`;
    $('info-bytes').textContent = formatBytes(info.bytes);
    say(message);
    update();
  } catch (err) {
    say(`Loading failed: ${err.message}`, true);
  }
}

/** Sets the form from query parameters (a pasted URL or the page's #id=...&w=... fragment). */
function applyParams(query) {
  params.reset();
  for (const [name, value] of query) {
    const el = params.elements.namedItem(name);
    if (!el) continue;
    if (el.type === 'checkbox') {
      el.checked = value === '1';
    } else {
      if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === value)) el.add(new Option(value));
      el.value = value;
    }
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
  const query = fragment.size ? fragment : url.searchParams;
  if (query.size) applyParams(query);
  load(id);
}

// ---- the rendition

/** The query string of the form: only values that differ from the service's defaults, in form order. */
function query() {
  const q = new URLSearchParams();
  for (const el of params.elements) {
    if (!el.name) continue;
    const value = el.type === 'checkbox' ? (el.checked ? '1' : '0') : el.value.trim();
    if (value !== '' && value.toLowerCase() !== el.dataset.default) q.append(el.name, value);
  }
  return q.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

function update() {
  clearTimeout(debounce);
  if (!imageId) return;
  const q = query();
  const path = `/images/${imageId}` + (q ? `?${q}` : '');
  $('url').value = location.origin + path;
  $('open').href = path;
  $('copy').disabled = false;
  history.replaceState(null, '', `#id=${imageId}` + (q ? `&${q}` : ''));
  debounce = setTimeout(() => show(path), 250);
}

async function show(path) {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  for (const el of params.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  $('r-status').textContent = 'loading…';
  try {
    // no-store: always ask the service, so X-Cache tells its cache tier, not the browser's.
    const res = await fetch(path, { cache: 'no-store', headers: { Accept: IMAGE_ACCEPT }, signal: controller.signal });
    const h = res.headers;
    $('r-status').textContent = `${res.status} ${res.statusText}`;
    $('r-type').textContent = h.get('Content-Type') ?? '–';
    $('r-cache').textContent = h.get('X-Cache') ?? '–';
    $('r-timing').textContent = h.get('Server-Timing')?.replaceAll(', ', '\n') ?? '–';
    if (!res.ok) {
      const e = await errorOf(res);
      showError(describe(e));
      if (e.param) params.elements.namedItem(e.param)?.setAttribute('aria-invalid', 'true');
      return;
    }
    const blob = await res.blob();
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = URL.createObjectURL(blob);
    $('r-size').textContent = formatBytes(blob.size);
    preview.src = objectUrl;
    preview.hidden = false;
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

// ---- wiring

preview.addEventListener('load', () => {
  $('r-dims').textContent = `${preview.naturalWidth} × ${preview.naturalHeight}`;
});
params.addEventListener('input', update);
$('defaults').addEventListener('click', () => {
  params.reset();
  update();
});
$('file').addEventListener('change', (e) => {
  if (e.target.files[0]) upload(e.target.files[0]);
  e.target.value = '';
});
$('auth').addEventListener('submit', (e) => {
  e.preventDefault();
  if (pendingFile) upload(pendingFile);
});
$('by-id').addEventListener('submit', (e) => {
  e.preventDefault();
  loadReference($('image-id').value);
});
$('copy').addEventListener('click', copyUrl);

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
window.addEventListener('hashchange', fromFragment);
fromFragment();
