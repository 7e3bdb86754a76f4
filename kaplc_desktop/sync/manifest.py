"""The signed manifest: what a bundle holds, who made it for whom, and the hash of every member."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from .container import BUNDLE_KINDS, FORMAT_VERSION

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MEMBER_PATTERN = re.compile(r"^(data/[a-z][a-z0-9_]{0,39}\.jsonl|attachments/[0-9a-f]{64})$")
MAX_MEMBERS = 200_000


class ManifestError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Member:
    path: str
    size: int
    sha256: str


@dataclass
class Manifest:
    bundle_id: str
    bundle_kind: str
    sender_code: str
    sender_kind: str
    sender_db_id: str
    sender_max_counter: int
    sender_keys: dict[str, str]
    receiver_code: str
    sequence: int
    created_at: str
    app_version: str
    schema_revision: str
    base: dict[str, Any] | None
    counts: dict[str, int]
    members: list[Member]
    receipt: dict[str, Any] | None = None
    rotation: dict[str, Any] | None = None
    restore: dict[str, Any] | None = None
    format: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "bundle_id": self.bundle_id,
            "bundle_kind": self.bundle_kind,
            "sender": {
                "code": self.sender_code,
                "kind": self.sender_kind,
                "db_id": self.sender_db_id,
                "max_counter": self.sender_max_counter,
                "keys": self.sender_keys,
            },
            "receiver": {"code": self.receiver_code},
            "sequence": self.sequence,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "base": self.base,
            "counts": self.counts,
            "members": [{"path": m.path, "size": m.size, "sha256": m.sha256} for m in self.members],
            "receipt": self.receipt,
            "rotation": self.rotation,
            "restore": self.restore,
        }


def _str(value: Any, limit: int = 200) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ManifestError("bad-manifest")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ManifestError("bad-manifest") from None
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 2**62:
        raise ManifestError("bad-manifest")
    return value


def _dict(value: Any, optional: bool = False) -> dict[str, Any] | None:
    if value is None and optional:
        return None
    if not isinstance(value, dict):
        raise ManifestError("bad-manifest")
    return value


def parse_manifest(raw: Any) -> Manifest:
    """Checks the manifest's shape; raises ManifestError."""
    data = _dict(raw)
    assert data is not None
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ManifestError("bad-manifest")
    if version > FORMAT_VERSION:
        raise ManifestError("newer-format")
    if version < 1:
        raise ManifestError("bad-manifest")
    sender = _dict(data.get("sender"))
    receiver = _dict(data.get("receiver"))
    assert sender is not None and receiver is not None
    try:
        bundle_id = str(uuid.UUID(_str(data.get("bundle_id"), 36)))
    except ValueError:
        raise ManifestError("bad-manifest") from None
    kind = data.get("bundle_kind")
    if kind not in BUNDLE_KINDS:
        raise ManifestError("bad-manifest")
    members_raw = data.get("members")
    if not isinstance(members_raw, list) or len(members_raw) > MAX_MEMBERS:
        raise ManifestError("bad-manifest")
    members = []
    for item in members_raw:
        entry = _dict(item)
        assert entry is not None
        path = _str(entry.get("path"), 120)
        sha = _str(entry.get("sha256"), 64)
        if not MEMBER_PATTERN.match(path) or not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ManifestError("bad-member-name")
        members.append(Member(path, _int(entry.get("size")), sha))
    counts = _dict(data.get("counts"))
    assert counts is not None
    keys = _dict(sender.get("keys"))
    assert keys is not None
    return Manifest(
        bundle_id=bundle_id,
        bundle_kind=kind,
        sender_code=_str(sender.get("code"), 10),
        sender_kind=_str(sender.get("kind"), 10),
        sender_db_id=_str(sender.get("db_id"), 36),
        sender_max_counter=_int(sender.get("max_counter")),
        sender_keys={"sign": _str(keys.get("sign"), 100), "box": _str(keys.get("box"), 100)},
        receiver_code=_str(receiver.get("code"), 10),
        sequence=_int(data.get("sequence")),
        created_at=_str(data.get("created_at"), 40),
        app_version=_str(data.get("app_version"), 40),
        schema_revision=_str(data.get("schema_revision"), 40),
        base=_dict(data.get("base"), optional=True),
        counts={_str(k, 40): _int(v) for k, v in counts.items()},
        members=members,
        receipt=_dict(data.get("receipt"), optional=True),
        rotation=_dict(data.get("rotation"), optional=True),
        restore=_dict(data.get("restore"), optional=True),
        format=version,
    )
