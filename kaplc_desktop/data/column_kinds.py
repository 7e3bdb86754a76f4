"""What Python value each column of a synced table holds, for checking rows that come from outside."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String

from .types import UtcDateTime


def python_type(column: Any) -> type:
    t = column.type
    if isinstance(t, UtcDateTime | DateTime):
        return dt.datetime
    if isinstance(t, Date):
        return dt.date
    if isinstance(t, Boolean):
        return bool
    if isinstance(t, Integer):
        return int
    if isinstance(t, String):
        return str
    if isinstance(t, JSON):
        return dict
    if isinstance(t, LargeBinary):
        return bytes
    raise TypeError(f"column {column.name} has a type sync does not carry: {t!r}")
