// Tessera playground: upload or pick an image, set parameters (controls from /params.json), preview the server's
// rendition beside the original, copy the (signed) URL; the page's fragment holds the whole state.
'use strict';

const form = $('params');
const preview = $('preview');
const original = $('original');

let settings = { apiKeys: false, signedUrls: false };
let imageId = null;
let inFlight = null;     // AbortController of the preview request under way
let objectUrl = null;
let debounce = 0;

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('bad', isError);
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
$('by-id').addEventListener('submit', (e) => {
  e.preventDefault();
  loadReference($('image-id').value);
});
$('copy').addEventListener('click', copyUrl);
$('divider').addEventListener('input', divide);

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
