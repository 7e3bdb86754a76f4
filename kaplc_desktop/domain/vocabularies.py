"""Stable vocabulary codes with Thai and English labels, read once from the bundled JSON file.

Codes travel in bundles and reports and never change; labels are shown in the current language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ..i18n import current_language
from ..paths import resource_path


@dataclass(frozen=True)
class Term:
    code: str
    th: str
    en: str

    def label(self, language: str | None = None) -> str:
        return self.en if (language or current_language()) == "en" else self.th


@cache
def _load() -> dict[str, tuple[Term, ...]]:
    raw = json.loads(resource_path("domain", "vocabularies.json").read_text(encoding="utf-8"))
    return {
        name: tuple(Term(t["code"], t["th"], t["en"]) for t in items)
        for name, items in raw.items()
        if not name.startswith("_")
    }


def terms(vocabulary: str) -> tuple[Term, ...]:
    return _load()[vocabulary]


def terms_or_none(name: str) -> tuple[Term, ...] | None:
    """The vocabulary of that name, if there is one (a field named like a vocabulary uses it)."""
    return _load().get(name)


@cache
def codes(vocabulary: str) -> tuple[str, ...]:
    return tuple(t.code for t in terms(vocabulary))


@cache
def code_set(vocabulary: str) -> frozenset[str]:
    return frozenset(codes(vocabulary))


@cache
def _index(vocabulary: str) -> dict[str, Term]:
    return {t.code: t for t in terms(vocabulary)}


def find(vocabulary: str, code: str | None) -> Term | None:
    return _index(vocabulary).get(code) if code else None


def label(vocabulary: str, code: str | None, language: str | None = None) -> str:
    """The label of a code, or the code itself when the vocabulary does not know it (free text)."""
    if not code:
        return ""
    term = find(vocabulary, code)
    return term.label(language) if term else code


def code_for_label(vocabulary: str, text: str) -> str | None:
    """The code whose Thai or English label (or the code itself) equals `text`, ignoring case and spaces."""
    wanted = " ".join(text.split()).casefold()
    for t in terms(vocabulary):
        if wanted in (t.code.casefold(), t.th.casefold(), " ".join(t.en.split()).casefold()):
            return t.code
    return None
