"""Opening a bundle from outside: every check before anything reaches the database.

header → receiver and sender keys → decrypt (streamed to tmp/) → zip names and sizes → signature of the
manifest → every member's size and SHA-256 → rows parsed. Any failure raises BundleRefused with a reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.migrations import KNOWN_REVISIONS
from ..progress import NO_PROGRESS, Progress
from . import stream_cipher
from .container import ContainerError, read_header
from .keys import KeyPair, PublicKeys
from .manifest import MANIFEST, SIGNATURE, Manifest, ManifestError, parse_manifest
from .refusals import BundleRefused
from .zip_guard import check_members

MAX_BUNDLE_BYTES = 8 * 1024**3
MAX_MANIFEST_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class PeerKey:
    """What this workspace knows of a sender: its enrolled keys."""

    code: str
    key_id: str
    keys: PublicKeys


@dataclass
class OpenedBundle:
    path: Path
    file_sha256: str
    manifest: Manifest
    sender_keys: PublicKeys
    trust: str  # enrolled | first-use | rotation
    payload: Path
    rows: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)  # kind → (line, decoded JSON or error)

    def discard(self) -> None:
        self.payload.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def open_bundle(
    path: Path,
    *,
    my_code: str,
    my_keys: dict[str, KeyPair],
    peer: Callable[[str], PeerKey | None],
    allow_first_use: bool,
    work_dir: Path,
    progress: Progress = NO_PROGRESS,
) -> OpenedBundle:
    """Verifies a bundle completely; the caller must call .discard() when done."""
    try:
        size = path.stat().st_size
    except OSError:
        raise BundleRefused("not-a-bundle", str(path)) from None
    if size > MAX_BUNDLE_BYTES:
        raise BundleRefused("too-large")
    sha = file_sha256(path)
    with open(path, "rb") as fh:
        try:
            header, header_bytes = read_header(fh)
        except ContainerError as exc:
            raise BundleRefused(exc.reason) from None
        if header.receiver_code != my_code:
            raise BundleRefused("wrong-receiver", header.receiver_code)
        keys = my_keys.get(header.receiver_key_id)
        if keys is None:
            raise BundleRefused("unknown-receiver-key")
        known = peer(header.sender_code)
        if known is None and not allow_first_use:
            raise BundleRefused("unknown-sender", header.sender_code)
        file_key = keys.unseal(header.sealed_key)
        if file_key is None:
            raise BundleRefused("cannot-decrypt")
        work_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="incoming-", suffix=".zip", dir=work_dir)
        payload = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                done = [0]

                def moved(n: int) -> None:
                    done[0] += n
                    progress.update(min(done[0], size), size)

                try:
                    stream_cipher.decrypt(
                        fh, out, file_key, header.stream_header, header_bytes, MAX_BUNDLE_BYTES, moved
                    )
                except stream_cipher.StreamError as exc:
                    raise BundleRefused("truncated" if str(exc) == "truncated" else "damaged") from None
            opened = _verify_payload(path, sha, payload, header, known, allow_first_use)
        except BaseException:
            payload.unlink(missing_ok=True)
            raise
    return opened


def _verify_payload(
    path: Path, sha: str, payload: Path, header: Any, known: PeerKey | None, allow_first_use: bool
) -> OpenedBundle:
    try:
        zf = zipfile.ZipFile(payload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BundleRefused("bad-zip") from None
    with zf:
        infos = check_members(zf)
        if infos[MANIFEST].file_size > MAX_MANIFEST_BYTES or infos[SIGNATURE].file_size > 4096:
            raise BundleRefused("zip-bomb", MANIFEST)
        try:
            manifest_bytes = zf.read(MANIFEST)
            signature_raw = json.loads(zf.read(SIGNATURE))
            signature = base64.b64decode(signature_raw["signature"], validate=True)
            sig_key_id = signature_raw["key_id"]
        except (zipfile.BadZipFile, KeyError, TypeError, ValueError, binascii.Error, EOFError):
            raise BundleRefused("unsigned") from None
        try:
            manifest = parse_manifest(json.loads(manifest_bytes))
        except ManifestError as exc:
            raise BundleRefused(exc.reason) from None
        except ValueError:
            raise BundleRefused("bad-manifest") from None
        try:
            claimed = PublicKeys(
                base64.b64decode(manifest.sender_keys["sign"], validate=True),
                base64.b64decode(manifest.sender_keys["box"], validate=True),
            )
        except (ValueError, binascii.Error):
            raise BundleRefused("bad-manifest") from None
        trust, sender_keys = _trust(known, claimed, manifest, sig_key_id, header, allow_first_use)
        if not sender_keys.verify(manifest_bytes, signature):
            raise BundleRefused("bad-signature")
        if (manifest.sender_code, manifest.receiver_code, manifest.bundle_kind, manifest.sender_kind) != (
            header.sender_code,
            header.receiver_code,
            header.bundle_kind,
            header.sender_kind,
        ):
            raise BundleRefused("header-mismatch")
        if manifest.schema_revision not in KNOWN_REVISIONS:
            raise BundleRefused("newer-schema", manifest.schema_revision)
        listed = {m.path: m for m in manifest.members}
        present = {n for n in infos if n not in (MANIFEST, SIGNATURE)}
        if set(listed) != present or len(listed) != len(manifest.members):
            raise BundleRefused("member-mismatch")
        rows: dict[str, list[tuple[int, Any]]] = {}
        for member in manifest.members:
            if infos[member.path].file_size != member.size:
                raise BundleRefused("member-mismatch", member.path)
            digest = hashlib.sha256()
            lines: list[tuple[int, Any]] | None = [] if member.path.startswith("data/") else None
            try:
                with zf.open(member.path) as fh:
                    if lines is None:
                        while chunk := fh.read(1 << 20):
                            digest.update(chunk)
                    else:
                        for number, line in enumerate(fh, start=1):
                            digest.update(line)
                            lines.append((number, _parse_line(line)))
            except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                raise BundleRefused("bad-zip", member.path) from None
            if digest.hexdigest() != member.sha256:
                raise BundleRefused("hash-mismatch", member.path)
            if lines is not None:
                rows[member.path[len("data/") : -len(".jsonl")]] = lines
    return OpenedBundle(path, sha, manifest, sender_keys, trust, payload, rows)


def _parse_line(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return ValueError("not JSON")


def _trust(
    known: PeerKey | None, claimed: PublicKeys, manifest: Manifest, sig_key_id: str, header: Any, allow_first_use: bool
) -> tuple[str, PublicKeys]:
    """Which key must have signed: the enrolled one; a rotated one signed by it; or, first use, the claimed one."""
    if claimed.key_id != header.sender_key_id or sig_key_id != header.sender_key_id:
        raise BundleRefused("header-mismatch")
    if known is None:
        if not allow_first_use:
            raise BundleRefused("unknown-sender")
        return "first-use", claimed
    if known.key_id == claimed.key_id:
        return "enrolled", known.keys
    rotation = manifest.rotation or {}
    try:
        statement = f"kaplc-rotate:{known.key_id}:{claimed.key_id}".encode()
        proof = base64.b64decode(str(rotation.get("signature", "")), validate=True)
    except (ValueError, binascii.Error):
        raise BundleRefused("bad-rotation") from None
    if rotation.get("old_key_id") != known.key_id or not known.keys.verify(statement, proof):
        raise BundleRefused("rekeyed-sender")
    return "rotation", claimed
