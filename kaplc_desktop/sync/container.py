"""The outer file: magic, a small clear-text JSON header, then the encrypted payload.

    KAPLC\\r\\n\\x1a\\n | uint32 header length | header JSON (UTF-8) | secretstream chunks

The header tells who sent the bundle to whom and with which keys, so a wrong receiver or an unknown
sender is refused before any decryption. It is bound to the ciphertext as associated data.
"""

from __future__ import annotations

import base64
import json
import struct
from dataclasses import dataclass
from typing import Any, BinaryIO

MAGIC = b"KAPLC\r\n\x1a\n"
FORMAT_VERSION = 2  # 1: app 0.1.0; 2 (app 0.2.0): rotation chains, receipts asking for parked records again
MAX_HEADER = 64 * 1024
_LEN = struct.Struct(">I")
BUNDLE_KINDS = ("full", "delta", "feedback", "restore")


class ContainerError(Exception):
    """Not a bundle, or a header that cannot be read. `reason` is a stable code for reports."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class BundleHeader:
    format: int
    bundle_kind: str
    sender_code: str
    sender_kind: str
    sender_key_id: str
    receiver_code: str
    receiver_key_id: str
    sealed_key: bytes
    stream_header: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "bundle_kind": self.bundle_kind,
            "sender": {"code": self.sender_code, "kind": self.sender_kind, "key_id": self.sender_key_id},
            "receiver": {"code": self.receiver_code, "key_id": self.receiver_key_id},
            "sealed_key": base64.b64encode(self.sealed_key).decode(),
            "stream_header": base64.b64encode(self.stream_header).decode(),
        }

    def encode(self) -> bytes:
        body = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()
        return MAGIC + _LEN.pack(len(body)) + body


def _text(value: Any, limit: int = 64) -> str:
    if not isinstance(value, str) or not value or len(value) > limit or not value.isprintable():
        raise ContainerError("bad-header")
    try:
        value.encode("utf-8")  # a lone surrogate escape (\ud800) is not text
    except UnicodeEncodeError:
        raise ContainerError("bad-header") from None
    return value


def _b64(value: Any, limit: int) -> bytes:
    try:
        raw = base64.b64decode(_text(value, limit * 2), validate=True)
    except (ValueError, TypeError):
        raise ContainerError("bad-header") from None
    if not raw or len(raw) > limit:
        raise ContainerError("bad-header")
    return raw


def read_header(fh: BinaryIO) -> tuple[BundleHeader, bytes]:
    """Reads and checks the header; returns it with its exact bytes (the associated data)."""
    magic = fh.read(len(MAGIC))
    if magic != MAGIC:
        raise ContainerError("not-a-bundle")
    prefix = fh.read(_LEN.size)
    if len(prefix) < _LEN.size:
        raise ContainerError("truncated")
    (size,) = _LEN.unpack(prefix)
    if size == 0 or size > MAX_HEADER:
        raise ContainerError("bad-header")
    body = fh.read(size)
    if len(body) < size:
        raise ContainerError("truncated")
    try:
        raw = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ContainerError("bad-header") from None
    if not isinstance(raw, dict):
        raise ContainerError("bad-header")
    version = raw.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ContainerError("bad-header")
    if version > FORMAT_VERSION:
        raise ContainerError("newer-format")
    if version < 1:
        raise ContainerError("bad-header")
    sender, receiver = raw.get("sender"), raw.get("receiver")
    if not isinstance(sender, dict) or not isinstance(receiver, dict):
        raise ContainerError("bad-header")
    kind = raw.get("bundle_kind")
    if kind not in BUNDLE_KINDS:
        raise ContainerError("bad-header")
    if sender.get("kind") not in ("school", "district"):
        raise ContainerError("bad-header")
    header = BundleHeader(
        format=version,
        bundle_kind=kind,
        sender_code=_text(sender.get("code"), 10),
        sender_kind=sender["kind"],
        sender_key_id=_text(sender.get("key_id"), 32),
        receiver_code=_text(receiver.get("code"), 10),
        receiver_key_id=_text(receiver.get("key_id"), 32),
        sealed_key=_b64(raw.get("sealed_key"), 128),
        stream_header=_b64(raw.get("stream_header"), 64),
    )
    return header, MAGIC + prefix + body
