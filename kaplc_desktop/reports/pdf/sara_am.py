"""สระอำ in the text layer: the two glyphs HarfBuzz draws for one ำ are given their own codes.

HarfBuzz's Thai shaper decomposes ำ into nikhahit + sara aa and moves the nikhahit before the tone mark, so a
text layer mapping each glyph to its own character says น ํ ้ า and no viewer finds น้ำ. After shaping, the two
glyphs that came from one ำ (they share its cluster) are written with AM_NIKHAHIT and AM_SARA_AA instead, which
the derived faces map to the very same glyphs and the ToUnicode map reads as "" and "ำ". A nikhahit and a sara
aa that the user typed as two characters keep their own codes.
"""

from __future__ import annotations

from typing import Any

from .thai_fonts import AM_NIKHAHIT, AM_SARA_AA

SARA_AM, NIKHAHIT, SARA_AA = "\u0e33", "\u0e4d", "\u0e32"


def mark_sara_am(text: str, pieces: list[tuple[Any, Any]]) -> None:
    """Rewrites, in place, the shaped strings of a frag word whose source text is `text`."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    starts = sorted({info.cluster for _f, s in pieces for info in getattr(s, "__shapeData__", None) or ()})
    ends = {c: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, c in enumerate(starts)}
    for n, (frag, shaped) in enumerate(pieces):
        data = getattr(shaped, "__shapeData__", None)
        if not data or (NIKHAHIT not in shaped and SARA_AA not in shaped):
            continue
        chars = list(shaped)
        changed = False
        for i, (ch, info) in enumerate(zip(chars, data, strict=False)):
            cluster = info.cluster
            # moving the nikhahit before a tone mark merges their clusters: look at the cluster's whole span
            if ch in (NIKHAHIT, SARA_AA) and SARA_AM in text[max(cluster, 0) : ends.get(cluster, cluster + 1)]:
                chars[i] = AM_NIKHAHIT if ch == NIKHAHIT else AM_SARA_AA
                changed = True
        if changed:
            pieces[n] = (frag, ShapedStr("".join(chars), shapeData=data))
