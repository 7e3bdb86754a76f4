"""Sync settings of a workspace, kept in its database: how long imported bundles stay in the archive, how long
a retired private key is kept, and how many records one bundle may hold."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..data import sync_repository as repo
from ..errors import KaplcError
from ..i18n import _


@dataclass(frozen=True)
class SyncSettings:
    archive_days: int = 90  # the district's archive of original bundles is pruned after this
    key_grace_days: int = 30  # a retired private key still opens bundles on their way, then is deleted
    row_limit: int = 200_000  # records in one bundle; more is refused before anything is parsed

    def to_json(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


LIMITS: dict[str, tuple[int, int]] = {
    "archive_days": (1, 3650),
    "key_grace_days": (1, 365),
    "row_limit": (1000, 5_000_000),
}


def read_settings(conn: Any) -> SyncSettings:
    stored = repo.sync_settings(conn)
    known = {f.name for f in fields(SyncSettings)}
    values = {k: v for k, v in stored.items() if k in known and isinstance(v, int) and not isinstance(v, bool)}
    return SyncSettings(**values)


def checked(changes: dict[str, int | None]) -> dict[str, int]:
    """The changes the user asked for, each within its limits (a Thai sentence otherwise)."""
    out = {}
    for name, value in changes.items():
        if value is None:
            continue
        low, high = LIMITS[name]
        if not low <= value <= high:
            raise KaplcError(
                _("{name} must be between {low} and {high}.").format(name=name.replace("_", "-"), low=low, high=high)
            )
        out[name] = value
    return out
