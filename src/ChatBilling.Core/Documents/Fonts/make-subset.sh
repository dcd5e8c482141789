#!/bin/sh
# Rebuilds the embedded font subset from Debian's fonts-dejavu-core with python3-fonttools.
# Why a subset: Skia embeds the whole font file in every PDF (~390 KB for full DejaVu Sans);
# these ranges (Latin incl. Extended-A and Romanian, Greek, Russian/Ukrainian/Balkan Cyrillic,
# punctuation, currency signs, U+FFFD for missing characters) keep it near 38 KB, ~25 KB compressed.
# Only the regular face: a bold face with the same coverage would add ~25 KB to every PDF.
# No layout features or hinting: Skia draws glyphs without shaping, and PDFs scale anyway.
set -eu
cd "$(dirname "$0")"
src=/usr/share/fonts/truetype/dejavu
ranges="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03CE"
ranges="$ranges,U+0400-045F,U+0490-0491,U+2000-206F,U+20A0-20CF,U+2116,U+2122,U+2212,U+FFFD"
/usr/bin/python3 -m fontTools.subset "$src/DejaVuSans.ttf" --unicodes="$ranges" \
  --layout-features='' --no-hinting --drop-tables+=MATH,FFTM --output-file=DejaVuSans.ttf
cp /usr/share/doc/fonts-dejavu-core/copyright LICENSE
