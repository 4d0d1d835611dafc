#!/usr/bin/env bash
# bench/cost/images.sh OUT PHOTOS: makes the cost benchmark's images in OUT (each once; kept between runs).
#   heavy-1.jpg, heavy-2.jpg   the two largest corpus photos scaled to ~20 MP (the expensive-render attack)
#   quiet.jpg, flood.jpg       the two smallest corpus photos, copied (cheap renders; distinct bytes)
#   bomb-N.jpg                 10000x9999 progressive JPEG of smooth noise, ~1.2 MB (N: noise seed 1, 2)
#   bomb-N.png                 5000x(5000-N) interlaced 16-bit RGB PNG of a gradient, ~170 KB (150 MB decoded)
set -euo pipefail
out=$1 photos=$2
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t by_size < <(ls -S "$photos"/*.jpg)   # largest first
[ ${#by_size[@]} -ge 4 ] || { echo "images.sh: needs 4 JPEGs in $photos" >&2; exit 1; }

twenty_mp() {   # $1 source, $2 destination
  [ -s "$2" ] && return
  local w h
  w=$(vipsheader -f width "$1") h=$(vipsheader -f height "$1")
  vips resize "$1" "$2[Q=90]" "$(awk -v w="$w" -v h="$h" 'BEGIN{print sqrt(20e6 / (w * h))}')"
}
twenty_mp "${by_size[0]}" "$out/heavy-1.jpg"
twenty_mp "${by_size[1]}" "$out/heavy-2.jpg"
[ -s "$out/quiet.jpg" ] || cp "${by_size[-1]}" "$out/quiet.jpg"
[ -s "$out/flood.jpg" ] || cp "${by_size[-2]}" "$out/flood.jpg"

for n in 1 2; do
  if [ ! -s "$out/bomb-$n.jpg" ]; then
    vips gaussnoise "$tmp/n.v" 100 100 --seed "$n" --sigma 30
    vips bandjoin "$tmp/n.v $tmp/n.v $tmp/n.v" "$tmp/n3.v"
    vips cast "$tmp/n3.v" "$tmp/n3u.v" uchar
    vips resize "$tmp/n3u.v" "$out/bomb-$n.jpg[Q=40,interlace,strip]" 100 --vscale 99.99 --kernel linear
  fi
  if [ ! -s "$out/bomb-$n.png" ]; then
    vips xyz "$tmp/g.v" 5000 $((5000 - n))
    vips cast "$tmp/g.v" "$tmp/g16.v" ushort
    vips bandjoin "$tmp/g16.v $tmp/g16.v" "$tmp/g4.v"
    vips extract_band "$tmp/g4.v" "$tmp/g3.v" 0 --n 3
    vips copy "$tmp/g3.v" "$out/bomb-$n.png[interlace,bitdepth=16,compression=9,filter=all]" --interpretation rgb16
  fi
done
