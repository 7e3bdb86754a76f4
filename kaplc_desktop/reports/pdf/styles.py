"""Paragraph styles of Thai official documents: the visual size of TH Sarabun New 16 pt, room for stacked marks.

Thai official documents are set in TH Sarabun New at 16 pt. The shipped Sarabun is its open redesign with much
larger letters: its x-height is 500/1000 em, TH Sarabun New's about 340/1000 (from its published OS/2 metrics,
an estimate: ⚠ confirm against the font when it can be measured). The same visual size is therefore
16 pt × 340/500 ≈ 10.9 pt of Sarabun; tables are one point smaller.
"""

from __future__ import annotations

from functools import cache
from typing import Any

SARABUN_X_HEIGHT = 500
TH_SARABUN_NEW_X_HEIGHT = 340
BODY_SIZE = round(16 * TH_SARABUN_NEW_X_HEIGHT / SARABUN_X_HEIGHT, 1)  # 10.9
CELL_SIZE = BODY_SIZE - 1
LEADING = 1.55
TITLE_LEADING = 1.35  # one-line titles need less room between lines than running text
CELL_LEADING = 1.4


@cache
def styles(family: str) -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body",
        fontName=family,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * LEADING,
        alignment=TA_LEFT,
        shaping=1,
        splitLongWords=1,
        spaceAfter=4,
    )
    return {
        "body": base,
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=f"{family}-Bold",
            fontSize=BODY_SIZE + 4,
            leading=(BODY_SIZE + 4) * TITLE_LEADING,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=6),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=f"{family}-Bold",
            fontSize=BODY_SIZE + 2,
            leading=(BODY_SIZE + 2) * LEADING,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,  # a heading never stands alone at the foot of a page
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=f"{family}-Bold",
            fontSize=BODY_SIZE,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "body_indent": ParagraphStyle("body_indent", parent=base, firstLineIndent=2.5 * 28.3465),
        "cell": ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * CELL_LEADING, spaceAfter=0),
        "cell_right": ParagraphStyle(
            "cell_right",
            parent=base,
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * CELL_LEADING,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=f"{family}-Bold",
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * CELL_LEADING,
            spaceAfter=0,
            alignment=TA_CENTER,
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=base,
            fontName=f"{family}-Italic",
            fontSize=BODY_SIZE - 1,
            leading=(BODY_SIZE - 1) * LEADING,
            alignment=TA_CENTER,
        ),
        "small": ParagraphStyle(
            "small", parent=base, fontSize=BODY_SIZE - 2, leading=(BODY_SIZE - 2) * LEADING, spaceAfter=0
        ),
        "small_right": ParagraphStyle(
            "small_right",
            parent=base,
            fontSize=BODY_SIZE - 2,
            leading=(BODY_SIZE - 2) * LEADING,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, spaceAfter=0),
    }
