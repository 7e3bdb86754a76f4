"""Generated portrait-sized PNG photos for demo staff (plain zlib, no imaging library), of a chosen size."""

from __future__ import annotations

import random
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def demo_photo(seed: int, kilobytes: int = 120) -> bytes:
    """A 3:4 PNG of a soft colour gradient with grain; its size grows with `kilobytes` (grain is incompressible)."""
    rng = random.Random(seed)
    width = 240
    height = max(40, int(kilobytes * 1024 / (width * 3)) + 1)
    base = [rng.randrange(80, 200) for _ in range(3)]
    rows = []
    for y in range(height):
        shade = int(60 * y / height)
        grain = rng.randbytes(width * 3)
        row = bytearray(b"\x00")
        for x in range(width):
            for c in range(3):
                row.append((base[c] + shade + (grain[x * 3 + c] & 0x3F)) & 0xFF)
        rows.append(bytes(row))
    raw = b"".join(rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b"")
    )
