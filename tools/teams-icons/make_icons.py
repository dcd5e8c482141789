#!/usr/bin/env python3
"""Draws the Teams app icons (standard library only): color.png 192x192 and outline.png 32x32, white on transparent.

Teams asks for a full-colour 192x192 icon and a 32x32 outline icon that is white on a transparent background.
The glyph is a simple invoice sheet with a check mark, drawn from rectangles and a thick polyline.
Run: python3 tools/teams-icons/make_icons.py manifests/teams
"""
import struct
import sys
import zlib


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def near_segment(px, py, ax, ay, bx, by, width):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / float(dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return (px - cx) ** 2 + (py - cy) ** 2 <= (width / 2.0) ** 2


def glyph(x, y, s):
    """True where the white glyph is, for a square of side s: a sheet outline with text lines and a check."""
    u = s / 32.0
    left, right, top, bottom, line = 7 * u, 25 * u, 4 * u, 28 * u, max(1.0, 2 * u)
    inside = left <= x < right and top <= y < bottom
    border = inside and (x < left + line or x >= right - line or y < top + line or y >= bottom - line)
    text = left + 4 * u <= x < right - 4 * u and any(r <= y < r + line for r in (9 * u, 13 * u))
    check = near_segment(x, y, 11 * u, 20 * u, 14.5 * u, 23.5 * u, 2.6 * u) or near_segment(x, y, 14.5 * u, 23.5 * u, 21 * u, 16 * u, 2.6 * u)
    return border or text or check


def main(folder):
    brand = (0x46, 0x4E, 0xB8, 255)  # Teams-like indigo
    png(f"{folder}/color.png", 192, lambda x, y: (255, 255, 255, 255) if glyph(x, y, 192) else brand)
    png(f"{folder}/outline.png", 32, lambda x, y: (255, 255, 255, 255) if glyph(x, y, 32) else (0, 0, 0, 0))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "manifests/teams")
