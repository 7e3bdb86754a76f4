"""The files of PLC meetings follow their meeting to the Trash and back (with the same time stamp, so a restore
brings back only what went with it): a trashed meeting's lost photo never blocks a bundle, and restoring the
meeting brings its photos back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from ..domain.kinds.plc_meeting import PLC_FILE
from .child_records import move_children

Written = list[tuple[Any, dict[str, Any] | None, Any]]


def move_files(
    session: Any,
    meeting_ids: Iterable[str],
    was: dt.datetime | None,
    becomes: dt.datetime | None,
    values: Callable[[Any, Any], dict[str, Any]],
) -> Written:
    """Files of these meetings whose deleted_at is `was` get `becomes`; returns them for the undo step."""
    return move_children(session, PLC_FILE, "meeting_id", list(meeting_ids), was, becomes, values)
