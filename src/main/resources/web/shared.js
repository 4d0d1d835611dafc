// Helpers shared by the pages' scripts (loaded first).
'use strict';

const $ = (id) => document.getElementById(id);
// fetch() sends Accept: */* by default; ask like a browser's <img> does, so fm=auto picks what it would.
const IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';

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

function authHeaders() {
  const key = $('api-key').value.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

