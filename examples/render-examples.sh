#!/usr/bin/env bash
# examples/render-examples.sh [PORT]: regenerates examples/ad-*.png from examples/ad-template.json with a real
# Tessera server (started here on 127.0.0.1:PORT, default 18400, with a throwaway data dir, stopped at the end):
# uploads a product photo and a logo (made with the vips CLI), stores the template, renders three ads.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${1:-18400}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# Inputs: a 1000x1000 product "photo" (a corpus photo when there is one, else an orange disc) and a logo.
photo=$(ls "${TESSERA_CORPUS:-.cache/corpus}"/photos/*.jpg 2>/dev/null | head -n1 || true)
if [ -n "$photo" ]; then
  vips thumbnail "$photo" "$WORK/product.jpg[Q=90]" 1000 --height 1000 --crop centre
else
  vips black "$WORK/disc.v" 1000 1000 --bands 3
  vips draw_circle "$WORK/disc.v" "255 140 0" 500 500 420 --fill
  vips copy "$WORK/disc.v" "$WORK/product.jpg[Q=90]"
fi
vips text "$WORK/logo.v" "<b>tessera</b>" --width 360 --dpi 300 --font "DejaVu Sans"
vips linear "$WORK/logo.v" "$WORK/logo.png" 1 0

TESSERA_PORT=$PORT TESSERA_HOST=127.0.0.1 TESSERA_DATA_DIR="$WORK/data" TESSERA_ACCESS_LOG=false \
  ./tessera serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/health" >/dev/null || { cat "$WORK/server.log"; exit 1; }

upload() { curl -sf --data-binary "@$1" "$BASE/images" | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p'; }
image=$(upload "$WORK/product.jpg")
logo=$(upload "$WORK/logo.png")
curl -sf -X PUT --data-binary @examples/ad-template.json "$BASE/templates/product-ad" >/dev/null

render() { # $1: output file, then query parameters
  local out=$1; shift
  local args=(-G -sf --data-urlencode "image=id:$image" --data-urlencode "logo=id:$logo")
  for p in "$@"; do args+=(--data-urlencode "$p"); done
  curl "${args[@]}" "$BASE/render/product-ad" -o "examples/$out"
  echo "examples/$out"
}
render ad-latin.png "title=Trail running shoes, breathable mesh, size 36-47" "price=1299.5" "sale=-30 %"
render ad-arabic.png "title=حذاء جري خفيف للطرق الوعرة، مقاس ٤٢" "price=89.9"
render ad-emoji.png "title=Sneakers 👟🔥 now in 5 colours 🎨" "price=59" "sale=NEW ✨"
