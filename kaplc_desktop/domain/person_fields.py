"""The labels of personnel fields, read from the declaration (domain/kinds/personnel.py)."""

from __future__ import annotations

from .kinds.personnel import PERSONNEL


def field_label(name: str) -> str:
    return PERSONNEL.label_of(name)
