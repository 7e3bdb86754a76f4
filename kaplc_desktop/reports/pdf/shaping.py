"""ReportLab's shaping of each word, wrapped: สระอำ marked for an exact text layer (sara_am.py), and the shaped
form of a one-style word kept, so a word that recurs (การ, ครู, คศ.2 in every roster row) is shaped once.

ReportLab shapes every word of every paragraph with HarfBuzz, once when lines are broken; Thai text has a third
more words than Latin text of the same length (a break is allowed at each word boundary), so reusing the result
is what keeps Thai documents close to Latin ones in speed (benchmarks/bench_pdf.py).
"""

from __future__ import annotations

from typing import Any

from .sara_am import SARA_AM, mark_sara_am

MAX_CACHED = 50_000  # distinct (word, font, size); the cache is emptied when full
_UNCHANGED = object()  # HarfBuzz changed nothing: ReportLab keeps the word as it was


def patch_shaping() -> None:
    """Wraps ReportLab's shapeFragWord wherever it was imported; once per process."""
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen import canvas
    from reportlab.platypus import paragraph

    if getattr(ttfonts, "_kaplc_shaping", False):
        return
    original = ttfonts.shapeFragWord
    ShapedFragWord = ttfonts.ShapedFragWord
    make_class = ttfonts.makeShapedFragWord
    cache: dict[tuple[str, str, float], Any] = {}

    def shape(w: Any, *args: Any, **kwargs: Any) -> Any:
        shaped = original(w, *args, **kwargs)
        if shaped is w or not isinstance(shaped, list) or len(shaped) < 2:
            return shaped
        for _f, s in w[1:]:
            if SARA_AM in s:
                break
        else:
            return shaped
        text = "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))
        if SARA_AM in text:
            pieces = list(shaped[1:])
            mark_sara_am(text, pieces)
            shaped[1:] = pieces
        return shaped

    def shape_frag_word(w: Any, *args: Any, **kwargs: Any) -> Any:
        # one piece of one style, shaped with the default features: its shape depends on text, font and size only
        if args or kwargs or len(w) != 2 or isinstance(w, ShapedFragWord) or hasattr(w[1][0], "cbDefn"):
            return shape(w, *args, **kwargs)
        frag, text = w[1]
        key = (text, frag.fontName, frag.fontSize)
        hit = cache.get(key)
        if hit is None:
            shaped = shape(w)
            if shaped is w:
                hit = _UNCHANGED
            elif len(shaped) == 2 and shaped[1][0] is frag:
                hit = (shaped[0], shaped[1][1])
            else:
                return shaped  # unusual (pieces of other fonts): not kept
            if len(cache) >= MAX_CACHED:
                cache.clear()
            cache[key] = hit
            return shaped
        if hit is _UNCHANGED:
            return w
        width, shaped_text = hit
        return make_class(w)([width, (frag, shaped_text)])  # this word's own style, the shape kept

    ttfonts.shapeFragWord = shape_frag_word
    paragraph.shapeFragWord = shape_frag_word
    canvas.shapeFragWord = shape_frag_word
    ttfonts._kaplc_shaping = True
