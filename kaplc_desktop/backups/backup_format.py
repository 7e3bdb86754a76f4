"""The backup file: a zip holding manifest.json, the database (an SQLite online backup) and the attachments.

    manifest.json            {"format": "kaplc-backup", "version": 1, "created_at": "…Z", "app_version": "…",
                              "schema": "0006", "workspace": {"kind", "code", "name", "demo"},
                              "database": {"size", "sha256"}, "people": 40,
                              "attachments": [{"sha256", "size"}, …]}
    kaplc.sqlite3            the database
    attachments/ab/ab12…     each attachment, named by its SHA-256

Every member's hash is in the manifest; a writer reads the file back and compares them before it gives the file
its name, and a reader compares them again before anything is restored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import KaplcError
from ..i18n import _

FORMAT = "kaplc-backup"
VERSION = 1
SUFFIX = ".kaplc-backup"
MANIFEST = "manifest.json"
DATABASE = "kaplc.sqlite3"
ATTACHMENT_MEMBER = re.compile(r"^attachments/([0-9a-f]{2})/([0-9a-f]{64})$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

MAX_MANIFEST = 64 * 1024**2
MAX_DATABASE = 4 * 1024**3
MAX_TOTAL = 16 * 1024**3
MAX_MEMBERS = 500_000
MAX_RATIO = 200  # a database of empty pages compresses well; a zip bomb compresses far better


class BackupRefused(KaplcError):
    """The file is not a backup this version can restore; nothing was changed."""


def refused(reason: str) -> BackupRefused:
    return BackupRefused(
        _("This file is not a KA-PLC backup that can be restored ({reason}). Nothing was changed.").format(
            reason=reason
        )
    )


@dataclass(frozen=True)
class BackupManifest:
    created_at: dt.datetime
    app_version: str
    schema: str | None
    kind: str
    code: str
    name: str
    demo: bool
    db_size: int
    db_sha256: str
    people: int
    attachments: dict[str, int] = field(default_factory=dict)  # sha256 → size

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "created_at": self.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "app_version": self.app_version,
                "schema": self.schema,
                "workspace": {"kind": self.kind, "code": self.code, "name": self.name, "demo": self.demo},
                "database": {"size": self.db_size, "sha256": self.db_sha256},
                "people": self.people,
                "attachments": [{"sha256": sha, "size": size} for sha, size in sorted(self.attachments.items())],
            },
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> BackupManifest:
        """Reads a manifest from a file from outside: every field is checked for its type and range."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise refused(_("its manifest is not readable")) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise refused(_("its manifest is not a KA-PLC backup's"))
        if data.get("version") != VERSION:
            raise refused(_("it was written by a newer version of KA-PLC Desktop; install that version"))
        try:
            ws, db = data["workspace"], data["database"]
            created = dt.datetime.strptime(str(data["created_at"]), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            attachments = {}
            for item in data["attachments"]:
                sha, size = item["sha256"], item["size"]
                if not isinstance(sha, str) or not SHA256.match(sha) or not _count(size) or sha in attachments:
                    raise ValueError(sha)
                attachments[sha] = size
            manifest = cls(
                created_at=created,
                app_version=_text(data["app_version"], 40),
                schema=None if data["schema"] is None else _text(data["schema"], 40),
                kind=ws["kind"] if ws["kind"] in ("school", "district") else _fail(),
                code=_text(ws["code"], 20),
                name=_text(ws["name"], 400),
                demo=ws["demo"] is True,
                db_size=db["size"] if _count(db["size"]) else _fail(),
                db_sha256=db["sha256"] if isinstance(db["sha256"], str) and SHA256.match(db["sha256"]) else _fail(),
                people=data["people"] if _count(data["people"]) else _fail(),
                attachments=attachments,
            )
        except (KeyError, TypeError, ValueError):
            raise refused(_("its manifest is incomplete or damaged")) from None
        return manifest


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TOTAL


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or any(ord(c) < 32 for c in value):
        raise ValueError(value)
    return value


def _fail() -> Any:
    raise ValueError("bad field")
