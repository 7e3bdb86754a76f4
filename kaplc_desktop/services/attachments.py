"""The database's index of attachment files (the files themselves are in attachment_store)."""

from __future__ import annotations

from pathlib import Path

from ..data.database import Database


class AttachmentIndex:
    def __init__(self, db: Database, data_dir: Path) -> None:
        self._db = db
        self._data_dir = data_dir

    def register(self, sha256: str, size: int, media_type: str) -> None:
        from ..data import sync_repository as repo

        with self._db.engine.begin() as conn:
            repo.add_attachments(conn, [{"sha256": sha256, "size": size, "media_type": media_type}], self._data_dir)
