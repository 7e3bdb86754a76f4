"""One translation mechanism for the core and the UI: gettext catalogs compiled by Babel.

Message ids are English; Thai is the default language. Mark strings with `_()` where they are shown and
with `N_()` where they are defined at import time (then translate them with `_()` when shown).
"""

from __future__ import annotations

import gettext
import os
from functools import cache

from .paths import resource_path

DOMAIN = "kaplc"
LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"
LANGUAGE_ENV = "KAPLC_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


@cache
def _load(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(resource_path("locale")), languages=[language], fallback=True)


def set_language(language: str | None) -> str:
    """Switch every later `_()` call to `language` (th or en); returns the language in force."""
    global _translation, _language
    lang = (language or os.environ.get(LANGUAGE_ENV) or DEFAULT_LANGUAGE).lower()
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _translation = _load(lang)
    _language = lang
    return lang


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translation.pgettext(context, message)


def gettext_in(language: str, message: str) -> str:
    """`message` in a given language, whatever the current one (e.g. to accept Thai and English headings)."""
    return _load(language).gettext(message)


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet."""
    return message


set_language(None)
