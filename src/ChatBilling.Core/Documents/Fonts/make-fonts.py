#!/usr/bin/python3
"""Rebuilds the invoice fonts in this folder from Debian packages, with python3-fonttools.

Sources: fonts-dejavu-core (Latin, Greek, Cyrillic), fonts-noto-core (Arabic, Hebrew, Thai, Devanagari),
fonts-noto-cjk (Chinese, Japanese, Korean). Run it with Debian's python3: /usr/bin/python3 make-fonts.py

Why subsets: the repository carries only the characters an invoice plausibly needs, and the renderer cuts
each of these again per document (only the glyphs that document uses), so a PDF embeds a few kilobytes of font.
Why no hinting: PDFs scale, and the preview is antialiased. Layout tables (GSUB/GPOS) stay for the scripts
HarfBuzz shapes (Arabic joining, Hebrew points, Thai and Devanagari marks and conjuncts).
Latin and CJK are drawn one glyph per character, so they carry no layout tables. The CJK face is converted from CFF to TrueType outlines: Skia embeds CFF fonts as Type 3 glyph procedures,
which some viewers draw without antialiasing; TrueType is embedded as a real CID font.
"""
import os
import shutil
import subprocess
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO = "/usr/share/fonts/truetype/noto"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
COMMON = "U+0020-007E,U+00A0,U+200B-200F,U+2010-2027,U+202F,U+2066-2069,U+25CC,U+FFFD"


def subset(source, output, unicodes, layout=True, extra=()):
    args = [sys.executable, "-m", "fontTools.subset", source, f"--unicodes={unicodes}", "--no-hinting",
            f"--output-file={output}", "--drop-tables+=MATH,FFTM,DSIG"]
    args.append("--layout-features=*" if layout else "--layout-features=")
    subprocess.run(args + list(extra), check=True)


def decode_rows(codec, leads, trails):
    """Characters of a double-byte national standard: its rows are ordered by how common the characters are."""
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def cjk_unicodes():
    # Level 1 of JIS X 0208 (2,965 kanji) and GB 2312 (3,755 hanzi) are each standard's most used characters;
    # KS X 1001 lists the 2,350 Hangul syllables in common use.
    han = decode_rows("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF)) | decode_rows("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    hangul = decode_rows("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))
    points = sorted(ord(c) for c in han | hangul)
    ranges = ["U+3000-30FF", "U+31F0-31FF", "U+3200-32FF", "U+FF00-FFEF", "U+3131-318E", "U+2460-24FF"]
    return ",".join(ranges + [f"U+{p:04X}" for p in points])


def cff_to_truetype(path):
    font = TTFont(path)
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    for table in ("VORG",):
        if table in font:
            del font[table]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["head"].indexToLocFormat = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(path)


def main():
    os.chdir(HERE)
    latin = ("U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03CE,"
             "U+0400-045F,U+0490-0491,U+2000-206F,U+20A0-20CF,U+2116,U+2122,U+2212,U+FFFD")
    subset("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf", latin, layout=False)
    subset(f"{NOTO}/NotoSansArabic-Regular.ttf", "NotoSansArabic.ttf", "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF," + COMMON)
    subset(f"{NOTO}/NotoSansHebrew-Regular.ttf", "NotoSansHebrew.ttf", "U+0590-05FF,U+FB1D-FB4F," + COMMON)
    subset(f"{NOTO}/NotoSansThai-Regular.ttf", "NotoSansThai.ttf", "U+0E00-0E7F," + COMMON)
    subset(f"{NOTO}/NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari.ttf", "U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF,U+20B9," + COMMON)
    # CJK needs no shaping here (one glyph per character, horizontal only), so no layout or vertical tables.
    subset(CJK, "NotoSansCJK.ttf", cjk_unicodes(), layout=False, extra=["--font-number=0", "--drop-tables+=vhea,vmtx,VORG"])
    cff_to_truetype("NotoSansCJK.ttf")

    shutil.copy("/usr/share/doc/fonts-dejavu-core/copyright", "LICENSE-DejaVu")
    shutil.copy("/usr/share/doc/fonts-noto-core/copyright", "LICENSE-Noto")
    shutil.copy("/usr/share/doc/fonts-noto-cjk/copyright", "LICENSE-NotoCJK")


if __name__ == "__main__":
    main()
