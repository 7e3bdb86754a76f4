"""Cleaning and validating a personnel record from any front end (form, Excel row, command line): the rules
are the declaration's (domain/kinds/personnel.py); this names them for the registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .kinds.personnel import PERSONNEL, STATUS_ACTIVE
from .record_cleaning import clean_record, draft_type

__all__ = ["STATUS_ACTIVE", "PersonDraft", "clean_person"]

PersonDraft = draft_type(PERSONNEL, "PersonDraft")


def clean_person(raw: Mapping[str, object], today: dt.date | None = None) -> PersonDraft:  # type: ignore[valid-type]
    """Parse and check every field; raises ValidationError listing every problem at once."""
    return PersonDraft(**clean_record(PERSONNEL, raw, today))
