#!/usr/bin/env bash
# Engine peer: ImageMagick or GraphicsMagick from the command line, as `mogrify` / `gm mogrify`.
# Usage: magick.sh imagemagick|graphicsmagick FMT RUNS WARMUP OUTDIR PHOTO...
# Prints "photo<TAB>fmt<TAB>ms per image<TAB>output bytes" per photo, like the in-process peers.
# A process per image would mostly time start-up, so, as bench/engine does for vipsthumbnail: one mogrify
# call on RUNS+1 copies of the photo minus one call on 1 copy, divided by RUNS; the median of 3 trials.
# As a careful user would: a JPEG size hint of twice the target (libjpeg's shrink-on-load), -thumbnail
# (resize and strip), quality 80, one thread (OpenMP off), like the other peers.
set -euo pipefail

TOOL=$1 FMT=$2 RUNS=$3 WARMUP=$4 OUTDIR=$(realpath "$5")
shift 5
export OMP_NUM_THREADS=1 MAGICK_THREAD_LIMIT=1
EXT=$FMT
[ "$FMT" = jpeg ] && EXT=jpg

mogrify_cmd() {
  case $TOOL in
    imagemagick)    echo /usr/bin/mogrify -path "$OUTDIR" -format "$EXT" -define jpeg:size=600x600 ;;
    graphicsmagick) echo gm mogrify -output-directory "$OUTDIR" -format "$EXT" -size 600x600 ;;
    *) echo "magick.sh: unknown tool $TOOL" >&2; exit 2 ;;
  esac
}

# Microseconds for one mogrify call on $1 copies of photo $2, run in a subshell from the photo's
# folder (gm mogrify would recreate an input's relative path under the output directory).
time_copies() (
  local copies=$1 photo=$2 files=() i t0 cmd
  for ((i = 0; i < copies; i++)); do files+=("$(basename "$photo")"); done
  read -ra cmd <<<"$(mogrify_cmd)"
  cd "$(dirname "$photo")"
  t0=$(date +%s%N)
  "${cmd[@]}" -thumbnail 300x -quality 80 "${files[@]}"
  echo $(( ($(date +%s%N) - t0) / 1000 ))
)

# Median over 3 trials of the amortised per-image time, in ms.
per_image_ms() {
  local photo=$1 one many
  for _ in 1 2 3; do
    one=$(time_copies 1 "$photo")
    many=$(time_copies $((RUNS + 1)) "$photo")
    echo $(( (many - one) / RUNS ))
  done | sort -n | sed -n 2p | awk '{printf "%.2f", $1 / 1000}'
}

for photo in "$@"; do
  photo=$(realpath "$photo") name=$(basename "$photo")
  [ "$WARMUP" -gt 0 ] && time_copies "$WARMUP" "$photo" >/dev/null   # page cache, shared libraries
  ms=$(per_image_ms "$photo")
  out="$OUTDIR/${name%.*}.$EXT"
  mv "$out" "$OUTDIR/$name.$FMT"
  printf '%s\t%s\t%s\t%s\n' "$name" "$FMT" "$ms" "$(stat -c %s "$OUTDIR/$name.$FMT")"
done
