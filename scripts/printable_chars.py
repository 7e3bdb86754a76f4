"""Writes resources/fonts/printable-codepoints.txt: the characters every shipped Sarabun face can draw.

The app reads that list to warn, without loading the PDF engine, which typed characters would print as ■
(tests/test_printable_text.py checks it still matches the fonts). Run after changing a font:

  python scripts/printable_chars.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def drawable() -> set[int]:
    """Code points every face maps, without private-use ones (U+F8FF draws an empty box) or controls."""
    import unicodedata

    from fontTools.ttLib import TTFont

    faces = sorted((ROOT / "resources" / "fonts").glob("Sarabun-*.ttf"))
    mapped = set.intersection(*(set(TTFont(face).getBestCmap()) for face in faces))
    return {code for code in mapped if unicodedata.category(chr(code)) not in ("Co", "Cc") or chr(code) in "\t\n\r"}


def ranges(codes: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for code in sorted(codes):
        if out and out[-1][1] == code - 1:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return out


def text() -> str:
    lines = ["# Characters every shipped Sarabun face can draw (written by scripts/printable_chars.py)."]
    lines += [f"{a:04X}-{b:04X}" if a != b else f"{a:04X}" for a, b in ranges(drawable())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = ROOT / "resources" / "fonts" / "printable-codepoints.txt"
    target.write_text(text(), encoding="utf-8")
    print(f"wrote {target}")
