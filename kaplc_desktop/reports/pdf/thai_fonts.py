"""Sarabun for PDFs, prepared for Thai line breaking.

ReportLab breaks lines only at spaces. The derived faces ("SarabunTH", an OFL derivative under its own
name) give the space glyph no width, so a space can be put at every Thai word boundary without a visible
gap, and carry a blank glyph of the normal space width at VISIBLE_SPACE for the spaces a user typed.
The derived files are built once (≈0.1 s a face) into a cache folder and reused.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cache
from pathlib import Path

from ...paths import resource_path

FAMILY = "SarabunTH"
VISIBLE_SPACE = "\uf8fe"
# HarfBuzz draws สระอำ (U+0E33) as nikhahit + sara aa, moving the tone mark between them (น้ำ → น ํ ้ า). These two
# code points reach the same glyphs as U+0E4D and U+0E32; the shaper marks the halves of an ำ with them (see
# sara_am.py) so the text layer can say nothing for the first and "ำ" for the second: น ้ ำ, exactly. The first
# half is U+0000 on purpose: ReportLab always gives it character code 0, and a glyph whose ToUnicode entry is
# empty is read as its character code by pdfium (Chrome, Edge), which for code 0 is nothing (any other code came
# out as a control character: ค\x05ำ). U+0000 is never printed otherwise: control characters are removed first.
AM_NIKHAHIT = "\x00"
AM_SARA_AA = "\uf8f1"
FACES = {
    "normal": ("Sarabun-Regular.ttf", "SarabunTH"),
    "bold": ("Sarabun-Bold.ttf", "SarabunTH-Bold"),
    "italic": ("Sarabun-Italic.ttf", "SarabunTH-Italic"),
    "boldItalic": ("Sarabun-BoldItalic.ttf", "SarabunTH-BoldItalic"),
}
BUILD_VERSION = "3"
# the app prepares the engine in a thread once its window shows (warm_up.py) while a print may start: one at a time
SETUP_LOCK = threading.RLock()


def cache_dir() -> Path:
    import os

    override = os.environ.get("KAPLC_CACHE_DIR")
    if override:
        return Path(override) / "fonts"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("KA-PLC Desktop", appauthor=False)) / "fonts"


def derive_face(source: Path, target: Path, ps_name: str) -> None:
    """Writes the line-breaking copy of one face (atomically, so a half-written font is never used)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    from ...atomic_file import atomic_path

    font = TTFont(source)
    space = font.getBestCmap()[0x20]
    width, lsb = font["hmtx"][space]
    order = font.getGlyphOrder()
    visible = "kaplc.visiblespace"
    if visible not in order:
        font.setGlyphOrder([*order, visible])
        font["glyf"].glyphs[visible] = Glyph()
        font["glyf"].glyphOrder = font.getGlyphOrder()
        font["hmtx"][visible] = (width, 0)
        if "post" in font and hasattr(font["post"], "extraNames"):
            font["post"].extraNames.append(visible)
    font["hmtx"][space] = (0, lsb)
    cmap = font.getBestCmap()
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[ord(VISIBLE_SPACE)] = visible
            table.cmap[ord(AM_NIKHAHIT)] = cmap[0x0E4D]
            table.cmap[ord(AM_SARA_AA)] = cmap[0x0E32]
    family = FAMILY
    style = ps_name.split("-", 1)[1] if "-" in ps_name else "Regular"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {style}".strip()
        elif record.nameID == 6:
            record.string = ps_name
        elif record.nameID == 3:
            record.string = f"{ps_name};kaplc-{BUILD_VERSION}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        font.save(tmp)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def derived_name(source: Path, ps_name: str) -> str:
    """The file name of a derived face: it changes with the source font and with BUILD_VERSION."""
    return f"{ps_name}-{_digest(source)}-v{BUILD_VERSION}.ttf"


def build_derived(folder: Path) -> list[Path]:
    """Writes every derived face into `folder` (packaging ships them, so an installed app never builds them)."""
    built = []
    for source_name, ps_name in FACES.values():
        source = resource_path("fonts", source_name)
        target = folder / derived_name(source, ps_name)
        if not target.is_file():
            derive_face(source, target, ps_name)
        built.append(target)
    return built


@cache
def face_files() -> dict[str, Path]:
    """The derived face files: shipped with an installed app, otherwise built into the cache on first use."""
    files = {}
    for key, (source_name, ps_name) in FACES.items():
        name = derived_name(resource_path("fonts", source_name), ps_name)
        shipped = resource_path("fonts", "derived", name)  # written by packaging/kaplc-desktop.spec
        target = shipped if shipped.is_file() else cache_dir() / name
        if not target.is_file():
            derive_face(resource_path("fonts", source_name), target, ps_name)
        files[key] = target
    return files


def register_fonts() -> str:
    """Registers the family with ReportLab once per process (thread-safe); returns its name."""
    with SETUP_LOCK:
        return _register_fonts()


@cache
def _register_fonts() -> str:
    """Registers the family with ReportLab once per process; returns its name. Fails loudly without shaping."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    if ttfonts.uharfbuzz is None:
        raise RuntimeError("uharfbuzz is not installed: Thai text would be printed without shaping")
    files = face_files()
    names = {key: ps for key, (_src, ps) in FACES.items()}
    for key, path in files.items():
        font = TTFont(names[key], str(path))
        # ReportLab prepares a face for HarfBuzz when it first shapes a word in it; a word whose letters change
        # face half-way (ศักดิ์ + bold สิทธิ์) reached a face not yet prepared and failed (AttributeError)
        font.hbFont()
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        FAMILY, normal=names["normal"], bold=names["bold"], italic=names["italic"], boldItalic=names["boldItalic"]
    )
    for bold, italic, key in ((0, 0, "normal"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "boldItalic")):
        addMapping(FAMILY, bold, italic, names[key])
    from .shaping import patch_shaping
    from .to_unicode import patch_to_unicode

    patch_to_unicode()
    patch_shaping()
    return names["normal"]
