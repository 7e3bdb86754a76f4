"""Opening a bundle from outside: every check before anything reaches the database.

header → receiver, sender and its trust (an unknown sender or a changed key is refused here, before any
decryption, unless the user named its fingerprint) → decrypt (streamed to tmp/) → zip names and sizes →
signature of the manifest → every member's size and SHA-256, counting rows without parsing them. Rows are
parsed later, a batch at a time, while planning. Any failure raises BundleRefused with a reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.migrations import KNOWN_REVISIONS
from ..progress import NO_PROGRESS, Progress
from . import rotation as rotations
from . import stream_cipher
from .container import ContainerError, read_header
from .keys import KeyPair, PublicKeys, fingerprint_of_key_id
from .manifest import MANIFEST, SIGNATURE, Manifest, ManifestError, parse_manifest
from .refusals import BundleRefused
from .zip_guard import check_members

MAX_BUNDLE_BYTES = 8 * 1024**3
MAX_MANIFEST_BYTES = 32 * 1024**2
MAX_LINE_BYTES = 1024**2  # one record; a longer line is rejected without being held in memory
DEFAULT_ROW_LIMIT = 200_000


@dataclass(frozen=True)
class PeerKey:
    """What this workspace knows of a sender: its enrolled keys."""

    code: str
    key_id: str
    keys: PublicKeys


class AlreadyImported(Exception):
    """The very same file was applied before: nothing more is read."""


@dataclass(frozen=True)
class TrustPolicy:
    """What the user allowed for this import: senders seen for the first time and key changes are accepted
    only for the fingerprints they named (checked by phone); revoked keys never."""

    allow_first_use: bool = False
    fingerprints: frozenset[str] = frozenset()
    revoked: frozenset[str] = frozenset()
    enrolled_keys: frozenset[str] = frozenset()  # key ids enrolled for some code already


@dataclass
class OpenedBundle:
    path: Path
    file_sha256: str
    manifest: Manifest
    sender_keys: PublicKeys
    trust: str  # enrolled | first-use | rotation
    payload: Path
    row_counts: dict[str, int] = field(default_factory=dict)  # kind → lines in its data member
    rotation_path: list[str] = field(default_factory=list)  # key ids from the enrolled key to the new one

    @property
    def kinds(self) -> list[str]:
        return list(self.row_counts)

    _zip: zipfile.ZipFile | None = field(default=None, repr=False, compare=False)

    def archive(self) -> zipfile.ZipFile:
        """The verified payload, opened once: reading its directory again for each kind and each attachment took
        a fifth of an import whose bundles carry hundreds of pictures."""
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.payload)
        return self._zip

    def iter_rows(self, kind: str) -> Iterator[tuple[int, Any]]:
        """(line number, parsed JSON or an Exception) for each line of a kind's data member, read lazily."""
        with self.archive().open(f"data/{kind}.jsonl") as fh:
            for number, line in enumerate(bounded_lines(fh, MAX_LINE_BYTES), start=1):
                yield number, _parse_line(line) if line is not None else ValueError("line too long")

    def discard(self) -> None:
        if self._zip is not None:
            self._zip.close()  # before the file goes: Windows keeps an open file
            self._zip = None
        self.payload.unlink(missing_ok=True)


def bounded_lines(fh: Any, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; a line longer than `limit` comes out as None (its bytes are skipped)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line without keeping it
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


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
    policy: TrustPolicy,
    work_dir: Path,
    row_limit: int = DEFAULT_ROW_LIMIT,
    progress: Progress = NO_PROGRESS,
    seen_before: Callable[[str], bool] = lambda _sha: False,
) -> OpenedBundle:
    """Verifies a bundle completely; the caller must call .discard() when done. The header and the sender's
    trust are checked first, from the clear header alone: a stranger's file is not even read to its end. A file
    whose SHA-256 `seen_before` knows raises AlreadyImported before anything is decrypted."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise OSError("not a file")
        fh = open(path, "rb")  # noqa: SIM115 (closed below, on every path)
    except OSError:
        raise BundleRefused("not-a-bundle", path.name) from None
    with fh:
        if size > MAX_BUNDLE_BYTES:
            raise BundleRefused("too-large")
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
        trust = _trust_before_reading(header, known, policy, my_code)
        try:
            sha = file_sha256(path)
        except OSError:
            raise BundleRefused("not-a-bundle", path.name) from None
        if seen_before(sha):
            raise AlreadyImported(sha)
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
            opened = _verify_payload(path, sha, payload, header, known, trust, policy, row_limit)
        except BaseException:
            payload.unlink(missing_ok=True)
            raise
    return opened


def _trust_before_reading(header: Any, known: PeerKey | None, policy: TrustPolicy, my_code: str) -> str:
    """Decides from the clear header alone whether this file may be decrypted and read at all."""
    fingerprint = fingerprint_of_key_id(header.sender_key_id)
    if header.sender_key_id in policy.revoked:
        raise BundleRefused("revoked-key", fingerprint, sender=header.sender_code, fingerprint=fingerprint)
    if known is None:
        if not policy.allow_first_use:
            raise BundleRefused("unknown-sender", header.sender_code)
        if not _valid_sender_code(header.sender_code, my_code):
            raise BundleRefused("bad-header", header.sender_code[:10])
        if header.sender_key_id in policy.enrolled_keys:  # one key is one school: never a second code for it
            raise BundleRefused("shared-key", header.sender_code)
        if fingerprint not in policy.fingerprints:
            raise BundleRefused(
                "unknown-sender",
                f"{header.sender_code} {fingerprint}",
                sender=header.sender_code,
                fingerprint=fingerprint,
            )
        return "first-use"
    if known.key_id == header.sender_key_id:
        return "enrolled"
    old = fingerprint_of_key_id(known.key_id)
    if known.key_id in policy.revoked:  # a key change vouched for by a revoked key is no proof at all
        raise BundleRefused("revoked-key", old, sender=header.sender_code)
    if fingerprint not in policy.fingerprints:
        raise BundleRefused(
            "key-changed",
            f"{header.sender_code}: {old} → {fingerprint}",
            sender=header.sender_code,
            fingerprint=fingerprint,
            old_fingerprint=old,
        )
    return "rotation"


def _valid_sender_code(code: str, my_code: str) -> bool:
    """A code learned from a first bundle follows the enrollment rules: digits only, never our own."""
    return code.isascii() and code.isdigit() and len(code) in (6, 8, 10) and code != my_code


def _verify_payload(
    path: Path,
    sha: str,
    payload: Path,
    header: Any,
    known: PeerKey | None,
    trust: str,
    policy: TrustPolicy,
    row_limit: int,
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
        except (zipfile.BadZipFile, KeyError, TypeError, ValueError, binascii.Error, EOFError, RecursionError):
            raise BundleRefused("unsigned") from None
        if trust == "enrolled":
            assert known is not None
            # the enrolled key is known: check the signature before parsing anything the sender wrote, so a file
            # that only copied a school's clear header costs no more than reading it
            if sig_key_id != header.sender_key_id or not known.keys.verify(manifest_bytes, signature):
                raise BundleRefused("bad-signature")
        try:
            manifest = parse_manifest(json.loads(manifest_bytes))
        except ManifestError as exc:
            raise BundleRefused(exc.reason) from None
        except (ValueError, RecursionError):
            raise BundleRefused("bad-manifest") from None
        try:
            claimed = PublicKeys(
                base64.b64decode(manifest.sender_keys["sign"], validate=True),
                base64.b64decode(manifest.sender_keys["box"], validate=True),
            )
        except (ValueError, binascii.Error):
            raise BundleRefused("bad-manifest") from None
        if claimed.key_id != header.sender_key_id or sig_key_id != header.sender_key_id:
            raise BundleRefused("header-mismatch")
        if not claimed.verify(manifest_bytes, signature):
            raise BundleRefused("bad-signature")
        rotation_path: list[str] = []
        if trust == "rotation":
            assert known is not None
            found = rotations.follow(known.keys, manifest.rotation, claimed, set(policy.revoked))
            if found is None:
                raise BundleRefused("rekeyed-sender")
            rotation_path = found
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
        row_counts: dict[str, int] = {}
        total_rows = 0
        for member in manifest.members:
            if infos[member.path].file_size != member.size:
                raise BundleRefused("member-mismatch", member.path)
            is_data = member.path.startswith("data/")
            if not is_data and member.path != f"attachments/{member.sha256}":
                raise BundleRefused("hash-mismatch", member.path)  # an attachment is named by its content's hash
            digest = hashlib.sha256()
            lines, last = 0, b"\n"
            try:
                with zf.open(member.path) as fh:
                    while chunk := fh.read(1 << 20):
                        digest.update(chunk)
                        if is_data:
                            lines += chunk.count(b"\n")
                            last = chunk[-1:]
                            if total_rows + lines > row_limit:
                                raise BundleRefused("too-many-rows", str(row_limit))
                lines += last != b"\n"  # a last line without its newline
            except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                raise BundleRefused("bad-zip", member.path) from None
            if digest.hexdigest() != member.sha256:
                raise BundleRefused("hash-mismatch", member.path)
            if is_data:
                total_rows += lines
                row_counts[member.path[len("data/") : -len(".jsonl")]] = lines
    return OpenedBundle(path, sha, manifest, claimed, trust, payload, row_counts, rotation_path)


def _not_json(token: str) -> Any:
    raise ValueError(f"{token[:20]} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):  # 1e400: no database keeps it as JSON
        raise ValueError("not a finite number")
    return value


def _parse_line(line: bytes) -> Any:
    """A row as JSON; NaN, Infinity and numbers too large for a float are not JSON (Python would take them, and
    a server's JSON column would then refuse the whole import)."""
    try:
        # strict UTF-8: encoded surrogates are not text
        return json.loads(line.decode("utf-8"), parse_constant=_not_json, parse_float=_finite)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return ValueError("not JSON")
