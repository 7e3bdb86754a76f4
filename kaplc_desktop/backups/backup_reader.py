"""Reading a backup file as a file from outside: member names, links, sizes and every hash are checked before
anything in it is used."""

from __future__ import annotations

import contextlib
import hashlib
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..error_messages import os_reason
from ..i18n import _
from ..progress import NO_PROGRESS, Progress
from .backup_format import (
    ATTACHMENT_MEMBER,
    DATABASE,
    MANIFEST,
    MAX_DATABASE,
    MAX_MANIFEST,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL,
    BackupManifest,
    refused,
)

CHUNK = 1 << 20


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[tuple[zipfile.ZipFile, BackupManifest]]:
    """The zip and its manifest, once the members are known to be exactly what the manifest lists."""
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise refused(_("the file was not found")) from None
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise refused(_("it is not a backup file this program made, or it is damaged")) from None
    except OSError as exc:  # the file is there but cannot be read (permission, a failing stick)
        raise refused(_("it cannot be read: {reason}").format(reason=os_reason(exc))) from None
    with zf:
        members = _check_members(zf)
        manifest = BackupManifest.from_json(_read_small(zf, members[MANIFEST]))
        expected = {DATABASE, MANIFEST} | {f"attachments/{sha[:2]}/{sha}" for sha in manifest.attachments}
        if set(members) != expected:
            raise refused(_("its members do not match its manifest"))
        if members[DATABASE].file_size != manifest.db_size:
            raise refused(_("its database is not the size its manifest says"))
        for sha, size in manifest.attachments.items():
            if members[f"attachments/{sha[:2]}/{sha}"].file_size != size:
                raise refused(_("an attachment is not the size its manifest says"))
        yield zf, manifest


def read_manifest(path: Path) -> BackupManifest:
    with open_backup(path) as (_zf, manifest):
        return manifest


def _check_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refused(_("it has too many members"))
    seen: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise refused(_("a member appears twice"))
        match = ATTACHMENT_MEMBER.match(name)
        if name not in (MANIFEST, DATABASE) and not (match and match.group(2).startswith(match.group(1))):
            raise refused(_("it holds a file it should not: {name}").format(name=name[:80]))
        mode = info.external_attr >> 16
        if mode and stat.S_ISLNK(mode):
            raise refused(_("it holds a link"))
        if info.flag_bits & 0x1:
            raise refused(_("it holds an encrypted member"))
        total += info.file_size
        limit = MAX_MANIFEST if name == MANIFEST else MAX_DATABASE
        if total > MAX_TOTAL or info.file_size > limit:
            raise refused(_("it is larger than any backup this program writes"))
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refused(_("a member is compressed beyond what a real backup is"))
        if match and info.compress_type != zipfile.ZIP_STORED:  # attachments are stored as they are: a
            # compressed one could be a bomb of many small members that each pass the ratio check
            raise refused(_("a member is compressed beyond what a real backup is"))
        seen[name] = info
    if MANIFEST not in seen or DATABASE not in seen:
        raise refused(_("its manifest or database is missing"))
    return seen


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_MANIFEST + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise refused(_("it is damaged")) from None
    if len(data) > MAX_MANIFEST:
        raise refused(_("its manifest is too large"))
    return data


@contextlib.contextmanager
def _reading() -> Iterator[None]:
    """Errors reading the file (not writing elsewhere) mean it is damaged."""
    try:
        yield
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, zlib.error, OSError):
        raise refused(_("it is damaged (a member cannot be read)")) from None


def copy_member(
    zf: zipfile.ZipFile, name: str, expected_sha: str, out: IO[bytes] | None, progress: Progress, done: int, total: int
) -> int:
    """Streams one member (into `out`, if given) and checks its hash; returns the new count of bytes done."""
    digest = hashlib.sha256()
    limit = zf.getinfo(name).file_size
    read = 0
    with _reading():
        fh = zf.open(name)
    with fh:
        while True:
            with _reading():
                chunk = fh.read(CHUNK)
            if not chunk:
                break
            read += len(chunk)
            if read > limit:
                raise refused(_("a member is longer than it says"))
            digest.update(chunk)
            if out is not None:
                out.write(chunk)  # a full disk here is the disk's fault, said as such (not "damaged")
            done += len(chunk)
            progress.update(done, total, _("Checking the backup file…"))
    if digest.hexdigest() != expected_sha:
        raise refused(_("it is damaged (a member does not match its checksum)"))
    return done


def verify_backup(
    path: Path, expected: BackupManifest | None = None, progress: Progress = NO_PROGRESS
) -> BackupManifest:
    """Reads every member back and compares its hash with the manifest (and the manifest with `expected`)."""
    with open_backup(path) as (zf, manifest):
        if expected is not None and manifest != expected:
            raise refused(_("its manifest is not the one written"))
        total = manifest.db_size + sum(manifest.attachments.values())
        done = copy_member(zf, DATABASE, manifest.db_sha256, None, progress, 0, total)
        for sha in manifest.attachments:
            done = copy_member(zf, f"attachments/{sha[:2]}/{sha}", sha, None, progress, done, total)
        return manifest
