// The playground's uploads: the file picker, drag and drop, and the recent uploads (GET /images).
'use strict';

let cursor = null; // the next page of recent uploads

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

$('file').addEventListener('change', (e) => {
  if (e.target.files[0]) upload(e.target.files[0]);
  e.target.value = '';
});
$('api-key').addEventListener('change', () => recent(true));
$('more').addEventListener('click', () => recent(false));

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

