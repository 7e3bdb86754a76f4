"""Generated portrait-sized PNG photos for demo staff (plain zlib, no imaging library), of a chosen size."""

from __future__ import annotations

import math
import random
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def demo_photo(seed: int, kilobytes: int = 120) -> bytes:
    """A 3:4 portrait PNG: a soft colour gradient with grain, about `kilobytes` in size (grain does not compress)."""
    rng = random.Random(seed)
    pixels = kilobytes * 1024 / (3 * 0.78)
    width = max(30, int(math.sqrt(pixels * 3 / 4)))
    height = width * 4 // 3
    base = [rng.randrange(80, 170) for _ in range(3)]
    tables = [
        [bytes((base[c] + shade + (g & 0x3F)) & 0xFF for g in range(256)) for c in range(3)] for shade in range(61)
    ]
    raw = bytearray()
    for y in range(height):
        shade_tables = tables[60 * y // height]
        row = bytearray(width * 3)
        for c in range(3):
            row[c::3] = rng.randbytes(width).translate(shade_tables[c])
        raw += b"\x00" + row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(raw), 6))
        + _chunk(b"IEND", b"")
    )
