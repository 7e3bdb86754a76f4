"""Writing a bundle: payload zip in the data folder's tmp/, then header + encrypted stream to the target,
written to a temp name, fsynced, renamed, and read back from the medium to check its hash."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .. import attachment_store
from ..atomic_file import atomic_path
from ..errors import KaplcError
from ..i18n import _
from ..progress import NO_PROGRESS, Progress
from . import stream_cipher
from .canonical import canonical_json
from .container import FORMAT_VERSION, BundleHeader
from .keys import KeyPair, PublicKeys
from .manifest import MANIFEST, SIGNATURE, Manifest, Member


@dataclass(frozen=True)
class WrittenBundle:
    path: Path
    volumes: tuple[Path, ...]
    sha256: str
    size: int
    manifest: Manifest
    notices: tuple[str, ...] = ()  # what the user should know about this bundle (e.g. a new database identity)


@dataclass
class BundleContent:
    """What goes in: rows per kind (already encoded as JSON-ready dicts) and the attachments they use."""

    rows: dict[str, Iterable[dict[str, Any]]]
    attachments: set[str]


def _write_member(zf: zipfile.ZipFile, name: str, chunks: Iterator[bytes], compress: bool) -> Member:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    digest = hashlib.sha256()
    size = 0
    with zf.open(info, "w", force_zip64=True) as out:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Member(name, size, digest.hexdigest())


def _jsonl(rows: Iterable[dict[str, Any]], counter: list[int]) -> Iterator[bytes]:
    batch: list[bytes] = []
    for row in rows:
        batch.append(json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode() + b"\n")
        counter[0] += 1
        if len(batch) >= 500:
            yield b"".join(batch)
            batch = []
    if batch:
        yield b"".join(batch)


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            yield chunk


def write_payload(
    out: Any, content: BundleContent, data_dir: Path, manifest_fields: dict[str, Any], keys: KeyPair, progress: Progress
) -> Manifest:
    """Writes the signed payload zip into a writable file object (a file, or an Encryptor)."""
    members: list[Member] = []
    counts: dict[str, int] = {}
    with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
        for kind, rows in content.rows.items():
            counter = [0]
            members.append(_write_member(zf, f"data/{kind}.jsonl", _jsonl(rows, counter), compress=True))
            counts[kind] = counter[0]
            progress.update(len(members), len(content.rows) + len(content.attachments) + 1, _("Writing records…"))
        for n, sha in enumerate(sorted(content.attachments), start=1):
            source = attachment_store.path_for(data_dir, sha)
            if not source.is_file():
                raise KaplcError(
                    _("The attachment {sha} is missing from the data folder; the bundle was not written.").format(
                        sha=sha[:12]
                    )
                )
            member = _write_member(zf, f"attachments/{sha}", _file_chunks(source), compress=False)
            if member.sha256 != sha:  # the store names files by their hash: a mismatch is a damaged file
                raise KaplcError(
                    _("The attachment {sha} in the data folder is damaged; the bundle was not written.").format(
                        sha=sha[:12]
                    )
                )
            members.append(member)
            progress.update(
                len(content.rows) + n, len(content.rows) + len(content.attachments) + 1, _("Writing attachments…")
            )
        manifest = Manifest(members=members, counts=counts, **manifest_fields)
        manifest_bytes = canonical_json(manifest.to_json())
        signature = {"key_id": keys.key_id, "signature": base64.b64encode(keys.sign(manifest_bytes)).decode()}
        zf.writestr(zipfile.ZipInfo(MANIFEST, (2020, 1, 1, 0, 0, 0)), manifest_bytes, zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo(SIGNATURE, (2020, 1, 1, 0, 0, 0)), canonical_json(signature))
    return manifest


def build_payload(
    work_dir: Path,
    content: BundleContent,
    data_dir: Path,
    manifest_fields: dict[str, Any],
    keys: KeyPair,
    progress: Progress,
) -> tuple[Path, Manifest]:
    """The signed payload zip as a file in work_dir (the caller removes it)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="payload-", suffix=".zip", dir=work_dir)
    payload = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            manifest = write_payload(out, content, data_dir, manifest_fields, keys, progress)
    except BaseException:
        payload.unlink(missing_ok=True)
        raise
    return payload, manifest


class _Tee:
    """Writes to several files at once and hashes what it writes (one pass for the medium and the outbox). A
    write that fails names the file it was for (the USB stick, or the data folder's outbox), not the other one."""

    def __init__(self, *targets: tuple[BinaryIO, Path]) -> None:
        self.targets = targets
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        for target, path in self.targets:
            try:
                target.write(data)
            except OSError as exc:
                raise write_failed(path, exc) from exc
        return len(data)


def write_failed(path: Path, exc: OSError) -> KaplcError:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return KaplcError(
            _(
                "{path} is full: the bundle could not be written there. Nothing was kept; free some space or use "
                "another USB stick."
            ).format(path=path.parent)
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return KaplcError(
            _(
                "{path} cannot be written to (read-only or no permission). Nothing was kept; unlock the USB stick "
                "or choose another folder."
            ).format(path=path.parent)
        )
    return KaplcError(
        _("Could not write {path}: {reason}. Nothing was kept there.").format(path=path, reason=exc.strerror or exc)
    )


def stream_bundle(
    target: Path,
    copy: Path,
    header_fields: dict[str, Any],
    receiver: PublicKeys,
    content: BundleContent,
    data_dir: Path,
    manifest_fields: dict[str, Any],
    keys: KeyPair,
    progress: Progress = NO_PROGRESS,
) -> tuple[str, int, Manifest]:
    """Writes the bundle in one pass: records and attachments are zipped, signed and encrypted on the fly into
    `target` and its outbox `copy`, both under temp names until complete. Returns (sha256, size, manifest)."""
    file_key = stream_cipher.new_file_key()
    sealed_key = receiver.seal(file_key)
    with (
        atomic_path(target) as tmp,
        atomic_path(copy) as tmp_copy,
        open(tmp, "wb") as out,
        open(tmp_copy, "wb") as out_copy,
    ):
        tee = _Tee((out, target), (out_copy, copy))

        def begin(stream_header: bytes) -> bytes:
            header = BundleHeader(
                format=FORMAT_VERSION, sealed_key=sealed_key, stream_header=stream_header, **header_fields
            ).encode()
            tee.write(header)
            return header

        encryptor = stream_cipher.Encryptor(tee, file_key, begin)  # type: ignore[arg-type]
        manifest = write_payload(encryptor, content, data_dir, manifest_fields, keys, progress)
        encryptor.close()
        for fh, path in ((out, target), (out_copy, copy)):
            try:
                fh.flush()
            except OSError as exc:
                raise write_failed(path, exc) from exc
    return tee.digest.hexdigest(), tee.size, manifest


def seal_payload(
    payload: Path, target: Path, header_fields: dict[str, Any], receiver: PublicKeys, progress: Progress = NO_PROGRESS
) -> tuple[str, int]:
    """Encrypts the payload to the receiver into `target` atomically; returns (sha256, size) of the file."""
    file_key = stream_cipher.new_file_key()
    total = payload.stat().st_size
    done = [0]

    def moved(n: int) -> None:
        done[0] += n
        progress.update(done[0], total, _("Encrypting…"))

    sealed_key = receiver.seal(file_key)
    with atomic_path(target) as tmp, open(tmp, "wb") as raw_out:
        out = _Tee((raw_out, target))

        def begin(stream_header: bytes) -> bytes:
            header = BundleHeader(
                format=FORMAT_VERSION, sealed_key=sealed_key, stream_header=stream_header, **header_fields
            ).encode()
            out.write(header)
            return header

        with open(payload, "rb") as src:
            stream_cipher.encrypt(src, out, file_key, begin, moved)  # type: ignore[arg-type]
        raw_out.flush()
    return out.digest.hexdigest(), out.size


def drop_cached_pages(fh: BinaryIO) -> None:
    """Asks the OS to forget the file's cached pages, so the next read comes from the medium itself (Linux and
    other POSIX systems with posix_fadvise; elsewhere the read may still be served from the cache)."""
    if hasattr(os, "posix_fadvise"):
        try:
            os.fsync(fh.fileno())
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def verify_on_medium(path: Path, expected_sha256: str, expected_size: int, home: Path) -> None:
    """Reads the bundle back and checks it is, byte for byte, what was written (the same size and the SHA-256
    computed while writing). On another device than the data folder `home` (a USB stick, a share) its cached
    pages are dropped first, so the check reads the medium itself."""
    same = path.stat().st_size == expected_size
    if same:
        digest = hashlib.sha256()
        with open(path, "rb") as written:
            if path.stat().st_dev != home.stat().st_dev:
                drop_cached_pages(written)
            while chunk := written.read(1 << 20):
                digest.update(chunk)
        same = digest.hexdigest() == expected_sha256
    if not same:
        path.unlink(missing_ok=True)
        raise KaplcError(
            _(
                "The bundle read back from {path} differs from what was written (a faulty disk or USB "
                "stick). Nothing was kept there; try another medium."
            ).format(path=path)
        )


def split_volumes(path: Path, max_bytes: int) -> tuple[Path, ...]:
    """Cuts a bundle into name.kaplc.001, .002 … of at most max_bytes each (for e-mail)."""
    size = path.stat().st_size
    if size <= max_bytes:
        return (path,)
    volumes = []
    with open(path, "rb") as src:
        index = 1
        while True:
            chunk = src.read(max_bytes)
            if not chunk:
                break
            volume = path.with_name(f"{path.name}.{index:03d}")
            with atomic_path(volume) as tmp:
                tmp.write_bytes(chunk)
            volumes.append(volume)
            index += 1
    path.unlink()
    return tuple(volumes)
