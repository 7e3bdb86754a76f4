"""ReportLab's shaping of each word, wrapped: สระอำ marked (sara_am.py) and raised marks kept in reading order
(level_raised_marks) for an exact text layer, and the shaped form of a one-style word kept, so a word that
recurs (การ, ครู, คศ.2 in every roster row) is shaped once.

ReportLab shapes every word of every paragraph with HarfBuzz, once when lines are broken; Thai text has a third
more words than Latin text of the same length (a break is allowed at each word boundary), so reusing the result
is what keeps Thai documents close to Latin ones in speed (benchmarks/bench_pdf.py).
"""

from __future__ import annotations

from typing import Any

from .sara_am import SARA_AM, mark_sara_am

MAX_CACHED = 50_000  # distinct (word, font, size); the cache is emptied when full
_UNCHANGED = object()  # HarfBuzz changed nothing: ReportLab keeps the word as it was
TINY_RISE = 2  # font units (1/1000 em): a mark raised this little is drawn on the line, not as its own object
MAX_SHIFT = 120  # font units: how far a raised mark may be moved sideways to keep the text layer in order


def level_raised_marks(shaped: list[Any]) -> None:
    """Keeps the text layer in reading order where HarfBuzz raises a mark (a tone mark over an upper vowel: เริ่ม).

    ReportLab draws each run of glyphs at one height as a text object of its own, and pdfium (Chrome, Edge) orders
    the objects of a line by where they start: a raised mark placed a little right of the text that follows it
    was read after the rest of the line (วันที่เริมปฏิบัติงาน: ่), one placed left of the vowel before it, before
    that vowel. Each raised run is therefore made to start between the runs around it (at most MAX_SHIFT, 0.12 em,
    sideways: invisible at these sizes), and a rise of a hair (TINY_RISE) is not a run of its own."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    for n, piece in enumerate(shaped[1:], start=1):
        frag, text = piece
        data = getattr(text, "__shapeData__", None)
        if not data or not any(d.y_offset for d in data):
            continue
        data = [d._replace(y_offset=0) if 0 < abs(d.y_offset) <= TINY_RISE else d for d in data]
        pens, pen = [], 0
        for d in data:
            pens.append(pen)
            pen += d.x_advance
        starts = [i for i, d in enumerate(data) if i == 0 or d.y_offset != data[i - 1].y_offset]
        changed = False
        for k, i in enumerate(starts):
            if not data[i].y_offset:
                continue
            low = pens[starts[k - 1]] + data[starts[k - 1]].x_offset if k else None
            nxt = starts[k + 1] if k + 1 < len(starts) else None
            high = pens[nxt] + data[nxt].x_offset if nxt is not None else pen  # else where the next word starts
            start = pens[i] + data[i].x_offset
            target = start
            if target > high:
                target = high
            if low is not None and target < low:
                target = low
            if target != start and abs(target - start) <= MAX_SHIFT and (low is None or low <= high):
                data[i] = data[i]._replace(x_offset=target - pens[i])
                changed = True
        if changed or any(0 < abs(d.y_offset) <= TINY_RISE for d in text.__shapeData__):
            shaped[n] = (frag, ShapedStr(str(text), shapeData=data))


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
        level_raised_marks(shaped)
        if not any(SARA_AM in s for _f, s in w[1:]):
            return shaped  # most words: no ำ (this runs for every word of every line)
        pieces = list(shaped[1:])
        mark_sara_am("".join(s for f, s in w[1:] if not hasattr(f, "cbDefn")), pieces)
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
