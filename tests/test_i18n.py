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


def test_compiled_catalog_matches_the_po_file() -> None:
    script = _translations_script()
    mo = ROOT / "resources" / "locale" / "th" / "LC_MESSAGES" / "kaplc.mo"
    assert mo.read_bytes() == script.compiled_bytes("th"), "run: python scripts/translations.py compile"


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
        assert sorted(re.findall(pattern, message.id)) == sorted(re.findall(pattern, message.string)), message.id
