#!/usr/bin/env bash
# corpus/build.sh OUTDIR          build Tessera's test-image corpus in OUTDIR
# corpus/build.sh --check OUTDIR  exit 0 when OUTDIR holds a complete corpus made by this builder, else 1
#
# OUTDIR/photos/   the photographs listed in corpus/photos.tsv, copied unchanged from Debian packages
#                  (fetched with `apt-get download`, so `apt-get update` must have run once)
# OUTDIR/edge/     edge cases generated from those photos (see EDGE_CASES below)
# OUTDIR/MANIFEST.txt  one line per file: path | dimensions | bytes | sha256 (16 hex) | origin and licence
#
# Tools: apt-get, dpkg-deb, vips + vipsheader (libvips-tools), ImageMagick 6 at /usr/bin/convert
# (imagemagick), exiftool (libimage-exiftool-perl), sha256sum.
# Files already present are kept, unless this builder or photos.tsv changed since they were made (their
# fingerprint is the MANIFEST's first line): then all is remade. Each file is written under a temporary
# name, then renamed, so an interrupted build leaves no half file.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PHOTO_LIST=$HERE/photos.tsv
MAGICK=/usr/bin/convert   # the real ImageMagick, whatever `convert` on PATH is
export VIPS_WARNING=0     # libvips' chatter about EXIF resolution units

EDGE_CASES=(alpha-rgba.png rgb16.png cmyk.jpg progressive-20mp.jpg baseline-from-progressive.jpg
  exif-orient-6.jpg exif-orient-8.jpg animated-10f.gif photo.webp tiny-1x1.jpg tiny-1x1.png
  panorama-8000x500.jpg grayscale.jpg truncated.jpg corrupt-midstream.jpg zero-bytes.jpg
  text-not-image.jpg bomb-30000x30000.png)

fingerprint() { cat "$HERE/build.sh" "$PHOTO_LIST" | sha256sum | cut -c1-16; }
header() { echo "# Tessera test corpus, built by corpus/build.sh (fingerprint $(fingerprint))"; }

# Complete: the MANIFEST names this builder's fingerprint, and every file it lists exists.
check() {
  local dir=$1 path _
  [ -f "$dir/MANIFEST.txt" ] && [ "$(head -n1 "$dir/MANIFEST.txt")" = "$(header)" ] || return 1
  while IFS=' |' read -r path _; do
    [ -e "$dir/$path" ] || return 1
  done < <(grep -v '^#' "$dir/MANIFEST.txt")
}

require() {
  local tool=$1 package=$2
  [ -x "$tool" ] || command -v "$tool" >/dev/null 2>&1 ||
    { echo "corpus: $tool is missing (apt-get install -y $package)" >&2; exit 2; }
}

# ---------------------------------------------------------------- photographs

# "License: ...; Copyright: ..." of one file from a machine-readable (DEP-5) copyright file: the last
# paragraph whose Files: names the file (by its last path segment: package paths differ from source
# paths), else the "Files: *" paragraph.
licence_of() {
  local copyright=$1 file=$2
  awk -v want="$file" '
    function close_paragraph() {
      if (named) { lic_named = lic; cr_named = cr }
      else if (all) { lic_all = lic; cr_all = cr }
      named = 0; all = 0; lic = ""; cr = ""; field = ""
    }
    /^[ \t]*$/ { close_paragraph(); next }
    /^[A-Za-z-]+:/ { field = $1; sub(/^[A-Za-z-]+:[ \t]*/, "") }
    /^[ \t]/ { sub(/^[ \t]+/, "") }
    field == "Files:" { n = split($0, pats, /[ \t]+/)
                        for (i = 1; i <= n; i++) { if (pats[i] == "*") all = 1; sub(/.*\//, "", pats[i]); if (pats[i] == want) named = 1 } }
    field == "Copyright:" { cr = cr == "" ? $0 : cr "; " $0 }
    field == "License:" && lic == "" { lic = $0 }
    END { close_paragraph()
          if (lic_named != "") printf "License: %s; Copyright: %s", lic_named, cr_named
          else if (lic_all != "") printf "License: %s; Copyright: %s", lic_all, cr_all }' "$copyright"
}

build_photos() {
  local photos=$OUT/photos name package path licence wanted=() debs
  mkdir -p "$photos" "$OUT/.origin"
  while IFS=$'\t' read -r name package path; do
    [ -e "$photos/$name" ] || wanted+=("$package")
  done < <(grep -v '^#' "$PHOTO_LIST")
  [ ${#wanted[@]} -eq 0 ] && { echo "photos: all present"; return; }

  debs=$WORK/debs
  mkdir -p "$debs" && chmod 777 "$debs"   # apt-get download runs as the _apt user when it can
  mapfile -t wanted < <(printf '%s\n' "${wanted[@]}" | sort -u)
  echo "photos: apt-get download ${wanted[*]}"
  (cd "$debs" && apt-get download "${wanted[@]}" >/dev/null 2>&1) ||
    { echo "corpus: apt-get download failed (run 'apt-get update' first?)" >&2; exit 3; }
  for deb in "$debs"/*.deb; do
    package=$(dpkg-deb -f "$deb" Package)
    mkdir -p "$WORK/root/$package" && dpkg-deb -x "$deb" "$WORK/root/$package"
    dpkg-deb -f "$deb" Version >"$WORK/root/$package.version"
  done

  while IFS=$'\t' read -r name package path; do
    [ -e "$photos/$name" ] && continue
    local root=$WORK/root/$package
    [ -f "$root/$path" ] || { echo "corpus: $package has no /$path" >&2; exit 3; }
    licence=$(licence_of "$root/usr/share/doc/$package/copyright" "${path##*/}")
    printf 'Debian package %s %s, /%s; %s\n' "$package" "$(cat "$root.version")" "$path" \
      "${licence:-License: see /usr/share/doc/$package/copyright}" >"$OUT/.origin/$name"
    cp "$root/$path" "$photos/.new-$name" && mv "$photos/.new-$name" "$photos/$name"
    echo "photos: $name"
  done < <(grep -v '^#' "$PHOTO_LIST")
}

# ---------------------------------------------------------------- edge cases

# Writes edge case $1 to the file $2 (same extension), from the photos.
make_edge() {
  local name=$1 out=$2 ladybird=$OUT/photos/ladybird.jpg kleiber=$OUT/photos/kleiber.jpg
  local dragonfly=$OUT/photos/dragonfly.jpg   # 2560x1600 baseline, 6028x3391 baseline, 4224x3168 progressive
  local no_dates=(-define png:exclude-chunks=date,time)
  case $name in
    alpha-rgba.png)      # a radial gradient as the alpha channel
      "$MAGICK" "$ladybird" -resize '1600x1000!' \( -size 1600x1000 radial-gradient:white-black \) \
        -alpha off -compose CopyOpacity -composite "${no_dates[@]}" "PNG32:$out" ;;
    rgb16.png)           "$MAGICK" "$dragonfly" -resize 2000x -depth 16 "${no_dates[@]}" "PNG48:$out" ;;
    cmyk.jpg)            "$MAGICK" "$dragonfly" -resize 3000x -colorspace CMYK -quality 90 "$out" ;;
    progressive-20mp.jpg) vips copy "$kleiber" "$out[Q=90,interlace,strip]" ;;
    baseline-from-progressive.jpg) vips copy "$dragonfly" "$out[Q=90,strip]" ;;
    exif-orient-[0-9].jpg)
      local tag=${name#exif-orient-}
      cp "$ladybird" "$out" && exiftool -q -overwrite_original -n "-Orientation=${tag%.jpg}" "$out" ;;
    animated-10f.gif)    # ten 320x240 windows sliding over the photo
      "$MAGICK" "$ladybird" -resize 720x "$WORK/slide.png"
      local frames=() i
      for i in 0 1 2 3 4 5 6 7 8 9; do
        frames+=( \( "$WORK/slide.png" -crop "320x240+$((i * 40))+$((i * 20))" +repage \) )
      done
      "$MAGICK" -delay 10 "${frames[@]}" -loop 0 -layers Optimize "$out" ;;
    photo.webp)          vips thumbnail "$dragonfly" "$out[Q=80]" 3000 ;;
    tiny-1x1.jpg)        "$MAGICK" -size 1x1 'xc:#c04020' -quality 90 "$out" ;;
    tiny-1x1.png)        "$MAGICK" -size 1x1 'xc:#c04020' "${no_dates[@]}" "PNG24:$out" ;;
    panorama-8000x500.jpg)
      "$MAGICK" "$kleiber" -resize 8000x -gravity center -crop 8000x500+0+0 +repage -quality 90 "$out" ;;
    grayscale.jpg)       "$MAGICK" "$dragonfly" -resize 3000x -colorspace Gray -type Grayscale -quality 90 "$out" ;;
    truncated.jpg)       head -c "$(( $(stat -c %s "$ladybird") / 2 ))" "$ladybird" >"$out" ;;
    corrupt-midstream.jpg)   # same length; 64 KiB of 'Z' over the middle of the entropy-coded data
      cp "$ladybird" "$out"
      head -c 65536 /dev/zero | tr '\0' 'Z' |
        dd of="$out" bs=1 seek="$(( $(stat -c %s "$out") / 2 ))" conv=notrunc status=none ;;
    zero-bytes.jpg)      : >"$out" ;;
    text-not-image.jpg)  printf 'Plain text under a .jpg name.\nNot an image at all.\n' >"$out" ;;
    bomb-30000x30000.png)    # 900 megapixels of one colour at 1 bit: about 110 KB on disk
      vips black "$out[compression=9,bitdepth=1,strip]" 30000 30000 ;;
    *) echo "corpus: no recipe for $name" >&2; return 1 ;;
  esac
}

build_edges() {
  local edge=$OUT/edge name
  mkdir -p "$edge"
  for name in "${EDGE_CASES[@]}"; do
    [ -e "$edge/$name" ] && continue
    make_edge "$name" "$edge/.new-$name"
    mv "$edge/.new-$name" "$edge/$name"
    echo "edge: $name"
  done
}

# ---------------------------------------------------------------- manifest

describe() {   # "WxH bands, format[, N pages]" as libvips reads it, or that it cannot
  local f=$1 dims pages
  dims=$(vipsheader "$f" 2>/dev/null) || { echo "unreadable by libvips"; return; }
  dims=${dims#*: }
  pages=$(vipsheader -f n-pages "$f" 2>/dev/null || echo 1)
  if [ "${pages:-1}" -gt 1 ] 2>/dev/null; then echo "$dims, $pages pages"; else echo "$dims"; fi
}

write_manifest() {
  local f rel origin
  {
    header
    echo "# path | dimensions | bytes | sha256 (first 16 hex) | origin"
    for f in "$OUT"/photos/*.jpg "$OUT"/edge/*; do
      rel=${f#"$OUT"/}
      origin="generated by corpus/build.sh (${rel#edge/})"
      [[ $rel == photos/* ]] && origin=$(cat "$OUT/.origin/${rel#photos/}" 2>/dev/null || echo "photo of unknown origin")
      printf '%s | %s | %s | %s | %s\n' "$rel" "$(describe "$f")" "$(stat -c %s "$f")" \
        "$(sha256sum "$f" | cut -c1-16)" "$origin"
    done
  } >"$OUT/MANIFEST.txt.new"
  mv "$OUT/MANIFEST.txt.new" "$OUT/MANIFEST.txt"
}

# ---------------------------------------------------------------- main

if [ "${1:-}" = --check ]; then
  [ -n "${2:-}" ] || { echo "usage: corpus/build.sh --check OUTDIR" >&2; exit 2; }
  check "$2"; exit
fi
[ -n "${1:-}" ] || { echo "usage: corpus/build.sh OUTDIR" >&2; exit 2; }
mkdir -p "$1" && OUT=$(cd "$1" && pwd)
if check "$OUT"; then echo "corpus: up to date ($OUT)"; exit 0; fi

require apt-get apt; require dpkg-deb dpkg; require vips libvips-tools; require vipsheader libvips-tools
require "$MAGICK" imagemagick; require exiftool libimage-exiftool-perl; require sha256sum coreutils
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tessera-corpus.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ -f "$OUT/MANIFEST.txt" ] && [ "$(head -n1 "$OUT/MANIFEST.txt")" != "$(header)" ]; then
  echo "corpus: made by another builder or photo list; remaking everything"
  rm -rf "$OUT/photos" "$OUT/edge" "$OUT/.origin" "$OUT/MANIFEST.txt"
fi
build_photos
build_edges
write_manifest
echo "corpus: $(grep -vc '^#' "$OUT/MANIFEST.txt") files in $OUT"
