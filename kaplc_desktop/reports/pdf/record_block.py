"""The key-value block of a record sheet, from the kind's declared printed fields (labels in the current
language, values as on the record's own page: codes as labels, Buddhist-Era dates, a national ID in full)."""

from __future__ import annotations

from typing import Any

from ...domain.record_kind import RecordKind
from .blocks import Image, KeyValues


def record_values(kind: RecordKind, record: Any) -> tuple[tuple[str, str], ...]:
    return tuple((kind.label_of(name), record.display_full(name) or "-") for name in kind.printed)


def record_block(kind: RecordKind, record: Any, photo: Image | None = None, photo_missing: str = "") -> KeyValues:
    return KeyValues(record_values(kind, record), photo=photo, photo_missing=photo_missing)
