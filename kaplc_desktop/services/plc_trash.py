"""The files of PLC meetings follow their meeting to the Trash and back (with the same time stamp, so a restore
brings back only what went with it): a trashed meeting's lost photo never blocks a bundle, and restoring the
meeting brings its photos back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from ..domain.kinds.plc_meeting import PLC_FILE
from .records import model_of

Written = list[tuple[Any, dict[str, Any] | None, Any]]


def move_files(
    session: Any,
    meeting_ids: Iterable[str],
    was: dt.datetime | None,
    becomes: dt.datetime | None,
    values: Callable[[Any, Any], dict[str, Any]],
) -> Written:
    """Files of these meetings whose deleted_at is `was` get `becomes`; returns them for the undo step."""
    file_model = model_of(PLC_FILE)
    written: Written = []
    ids = list(meeting_ids)
    if not ids:
        return written
    query = session.query(file_model).filter(file_model.meeting_id.in_(ids))
    query = query.filter(file_model.deleted_at.is_(None) if was is None else file_model.deleted_at == was)
    for row in query:
        written.append((row, values(row, PLC_FILE), PLC_FILE))
        row.deleted_at = becomes
    return written
