"""Keeps the gettext catalogs in step with the source (needs Babel: pip install .[test]).

python scripts/translations.py update    extract strings and merge new ones into every .po
python scripts/translations.py compile   compile every .po into the .mo the app loads
python scripts/translations.py missing   list strings a catalog lacks (exit 1 if any)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "kaplc_desktop"
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "kaplc"
LANGUAGES = ("th",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract() -> Catalog:
    catalog = Catalog(project="KA-PLC Desktop", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="KA-PLC Desktop", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = read(language)
        catalog.update(template, no_fuzzy_matching=True)
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=120, omit_header=False, include_previous=False, sort_output=False)
        print(f"{path}: {len(catalog)} messages")


def compiled_bytes(language: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read(language), use_fuzzy=False)
    return buf.getvalue()


def compile_all() -> None:
    for language in LANGUAGES:
        target = po_path(language).with_suffix(".mo")
        target.write_bytes(compiled_bytes(language))
        print(f"{target}: written")


def missing(language: str) -> list[str]:
    catalog = read(language)
    gaps = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if (
            found is None
            or not found.string
            or found.fuzzy
            or (isinstance(found.string, tuple) and not all(found.string))
        ):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "missing"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "missing":
        bad = 0
        for language in LANGUAGES:
            for msg in missing(language):
                print(f"{language}: {msg}")
                bad += 1
        return 1 if bad else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
