"""Whether a JPEG can be decoded at reduced size cheaply. libjpeg streams a plain sequential file with one scan
(baseline, as cameras and this program write them) at 1/8 size in little memory, but for a progressive file, or a
sequential one whose colours come in separate scans, it keeps every coefficient of the full size it claims:
a 240-byte file claiming 14,400 × 13,888 pixels took 1.2 GB and 3 s (found by the attacker). Such a file is held
to the limit for pictures decoded whole."""

from __future__ import annotations

import re

JPEG_FORMATS = ("JPEG", "MPO")  # Pillow names a JPEG with a multi-picture header (many phone photos) "MPO"
_SEQUENTIAL_HUFFMAN = (0xC0, 0xC1)  # SOF0 baseline, SOF1 extended
_FRAME = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # start-of-frame markers (not DHT, JPG, DAC)
_NEXT_MARKER = re.compile(rb"\xff(?=[^\x00\xd0-\xd7\xff])")  # after a scan: not stuffing, a restart or fill


def streams_reduced(data: bytes) -> bool:
    """True for a sequential Huffman JPEG with a single scan; False for anything else, or a file it cannot walk
    (an EXIF thumbnail inside an APP segment is skipped whole, never counted)."""
    frame, scans, at = 0, 0, 2
    if not data.startswith(b"\xff\xd8"):
        return False
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return False
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker == 0xD9:
            break
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if marker in _FRAME:
            frame = marker
        at += 2 + length
        if marker == 0xDA:
            scans += 1
            if scans > 1:
                return False
            found = _NEXT_MARKER.search(data, at)
            if found is None:
                break
            at = found.start()
    return frame in _SEQUENTIAL_HUFFMAN and scans == 1
