"""Copying Thai text out of our PDFs gives real Thai characters.

With shaping, ReportLab draws alternate glyphs (uni0E48.small, uni0E1B.narrow …) under private-use code
points and writes those codes into the ToUnicode map, so copied or searched text is garbage. This patch
writes the real characters instead, read back from the glyph names; the visible-space glyph maps to a space.
ReportLab builds the map in a private function, hence the version guard (a test checks the text layer).
"""

from __future__ import annotations

from typing import Any

from .thai_fonts import AM_NIKHAHIT, AM_SARA_AA, VISIBLE_SPACE

SUPPORTED_REPORTLAB = ("4.", "5.")


def text_of_glyph(name: str) -> str | None:
    """The characters a glyph stands for, from its AGL name: uni0E48.small → '่', yoYingthai.less → 'ญ'."""
    from fontTools import agl

    base = name.split(".", 1)[0]
    text = agl.toUnicode(base) or agl.toUnicode(base.lower()) or None  # Sarabun writes yoYingthai
    if text and len(text) > 1 and text.startswith("\u0e4d"):
        # nikhahit + tone mark ligatures exist only for the halves of an ำ: the ำ itself is read from its sara aa
        return text[1:]
    return text


def _private_map(fontname: str) -> dict[int, str]:
    """{private code: text} for the face named in a subset's base font name (ABCDEF+SarabunTH-Bold)."""
    from reportlab.pdfbase import pdfmetrics

    face_name = fontname.split("+", 1)[-1]
    mapping: dict[int, str] = {ord(VISIBLE_SPACE): " ", ord(AM_NIKHAHIT): "", ord(AM_SARA_AA): "\u0e33"}
    for name in pdfmetrics.getRegisteredFontNames():
        font: Any = pdfmetrics.getFont(name)
        face = getattr(font, "face", None)
        raw_name = getattr(face, "name", b"") if face is not None else b""
        name_text = raw_name.decode("latin-1", "replace") if isinstance(raw_name, bytes) else str(raw_name)
        if face is None or name_text != face_name:
            continue
        for glyph_name, code in getattr(font, "_TTFont__hbUnis", {}).items():
            text = text_of_glyph(glyph_name)
            if text:
                mapping[code] = text
    return mapping


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def patch_to_unicode() -> bool:
    """Installs the corrected ToUnicode map builder once; False when this ReportLab is not one we checked."""
    import reportlab
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts, "_kaplc_to_unicode", False):
        return True
    if not reportlab.Version.startswith(SUPPORTED_REPORTLAB):
        return False

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        private = _private_map(fontname)
        entries = [f"<{i:02X}> <{_hex(private.get(code, chr(code)))}>" for i, code in enumerate(subset)]
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                "/CIDSystemInfo",
                f"<< /Registry ({fontname})",
                f"/Ordering ({fontname})",
                "/Supplement 0",
                ">> def",
                f"/CMapName /{fontname} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(subset)} beginbfchar",
                *entries,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )

    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    ttfonts._kaplc_to_unicode = True
    return True
