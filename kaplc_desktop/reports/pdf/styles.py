"""Paragraph styles of Thai official documents: Sarabun 16 pt body, generous leading for stacked marks."""

from __future__ import annotations

from functools import cache
from typing import Any

BODY_SIZE = 15
LEADING = 1.55


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
            fontSize=20,
            leading=20 * LEADING,
            alignment=TA_CENTER,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=10),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=f"{family}-Bold", fontSize=17, leading=17 * LEADING, spaceBefore=8, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=f"{family}-Bold", fontSize=BODY_SIZE, spaceBefore=6, spaceAfter=2
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=13, leading=13 * LEADING, spaceAfter=0),
        "cell_right": ParagraphStyle(
            "cell_right", parent=base, fontSize=13, leading=13 * LEADING, spaceAfter=0, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=f"{family}-Bold",
            fontSize=13,
            leading=13 * LEADING,
            spaceAfter=0,
            alignment=TA_CENTER,
        ),
        "caption": ParagraphStyle(
            "caption", parent=base, fontName=f"{family}-Italic", fontSize=12, leading=12 * LEADING, alignment=TA_CENTER
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=11, leading=11 * LEADING, spaceAfter=0),
        "small_right": ParagraphStyle(
            "small_right", parent=base, fontSize=11, leading=11 * LEADING, spaceAfter=0, alignment=TA_RIGHT
        ),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, spaceAfter=0),
    }
