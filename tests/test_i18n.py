"""One translation mechanism: every string in the source has a Thai translation, compiled and loaded."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from kaplc_desktop.i18n import _, current_language, gettext_in, set_language

ROOT = Path(__file__).resolve().parent.parent


def _translations_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations"] = module
    spec.loader.exec_module(module)
    return module


def test_thai_catalog_has_every_string_of_the_source() -> None:
    missing = _translations_script().missing("th")
    assert missing == [], f"strings without a Thai translation: {missing[:10]}"


def _messages(mo_bytes: bytes) -> dict[object, object]:
    """The translations a compiled catalog holds, without its header (which names the tool's version)."""
    import gettext
    import io

    catalog = gettext.GNUTranslations(io.BytesIO(mo_bytes))
    return {k: v for k, v in catalog._catalog.items() if k != ""}  # type: ignore[attr-defined]


def test_compiled_catalog_matches_the_po_file() -> None:
    script = _translations_script()
    mo = ROOT / "resources" / "locale" / "th" / "LC_MESSAGES" / "kaplc.mo"
    shipped, fresh = _messages(mo.read_bytes()), _messages(script.compiled_bytes("th"))
    assert len(fresh) > 100
    assert shipped == fresh, "run: python scripts/translations.py compile"


def test_switching_language() -> None:
    assert set_language("th") == "th" and _("Personnel") == "บุคลากร"
    assert set_language("en") == "en" and _("Personnel") == "Personnel"
    assert gettext_in("th", "Personnel") == "บุคลากร"
    assert set_language("fr") == "th" and current_language() == "th"


def test_placeholders_survive_translation() -> None:
    import re

    from babel.messages.pofile import read_po

    with (ROOT / "resources" / "locale" / "th" / "LC_MESSAGES" / "kaplc.po").open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        pattern = r"\{[a-z_]+(?::[^}]*)?\}|%\([a-z_]+\)[rs]|%[rs]"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:  # plural forms: each translation keeps the placeholders of the singular
            assert sorted(re.findall(pattern, ids[0])) == sorted(re.findall(pattern, text)), ids[0]


def test_counts_read_as_english_plurals_and_as_thai(capsys) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.i18n import ngettext
    from kaplc_desktop.reports.xlsx.roster_io import exported_message

    set_language("en")
    one = ngettext("{n} staff member was added.", "{n} staff members were added.", 1).format(n=1)
    many = ngettext("{n} staff member was added.", "{n} staff members were added.", 25).format(n=25)
    assert (one, many) == ("1 staff member was added.", "25 staff members were added.")
    assert exported_message(1, "a.xlsx") == "1 staff member exported to a.xlsx."
    set_language("th")
    assert exported_message(1, "a.xlsx") == "ส่งออกรายชื่อบุคลากร 1 คนไปที่ a.xlsx แล้ว"
    assert "25 คน" in ngettext("{n} staff member was added.", "{n} staff members were added.", 25).format(n=25)


def test_no_message_hides_where_the_extractor_cannot_see_it() -> None:
    """Babel does not look inside f-strings, nor at N_() nested in another call: such messages were never given
    to the translators (the Help headings and "The bundle was refused." showed in English in the Thai app)."""
    import re

    hidden = re.compile(r"""f["'][^"'\n]*\{[^}]*\b(_|N_|ngettext)\(|\b_\([^)\n]*\bN_\(""")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "kaplc_desktop").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if hidden.search(line)
    ]
    assert found == []
