"""Attachment files in the data folder, stored once by their SHA-256: attachments/ab/ab12…

A workspace on a server shares its files through the database (attachment_contents): each computer's data
folder keeps the files it has seen, and a file another member of staff added is taken from the server the first
time it is asked for (`share_through`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .atomic_file import atomic_path


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / "attachments"


# data folder → how to fetch a file's bytes from its workspace's server (None when the server has none)
_servers: dict[Path, Callable[[str], bytes | None]] = {}


def share_through(data_dir: Path, fetch: Callable[[str], bytes | None] | None) -> None:
    """Files missing from this folder are taken from `fetch` (the server's database); None stops it."""
    if fetch is None:
        _servers.pop(data_dir.resolve(), None)
    else:
        _servers[data_dir.resolve()] = fetch


def _local(data_dir: Path, sha256: str) -> Path:
    return attachments_dir(data_dir) / sha256[:2] / sha256


def _from_server(data_dir: Path, sha256: str) -> bool:
    fetch = _servers.get(data_dir.resolve()) if _servers else None
    if fetch is None:
        return False
    content = fetch(sha256)
    if content is None or hashlib.sha256(content).hexdigest() != sha256:  # never trust bytes by their name alone
        return False
    put_bytes(data_dir, content)
    return True


def path_for(data_dir: Path, sha256: str) -> Path:
    """Where the file is in this folder (taken from the server first if it is not here yet)."""
    target = _local(data_dir, sha256)
    if not target.is_file():
        _from_server(data_dir, sha256)
    return target


def has(data_dir: Path, sha256: str) -> bool:
    return _local(data_dir, sha256).is_file() or _from_server(data_dir, sha256)


def remove(data_dir: Path, sha256: str) -> None:
    """Deletes this folder's copy of a file nothing refers to any more."""
    _local(data_dir, sha256).unlink(missing_ok=True)


def local_bytes(data_dir: Path, sha256: str) -> bytes:
    """The bytes of a file this folder holds (to put them on the server)."""
    return _local(data_dir, sha256).read_bytes()


def put_bytes(data_dir: Path, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    target = _local(data_dir, sha)
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(content)
    return sha


def put_stream(data_dir: Path, source: BinaryIO, expected_sha256: str) -> bool:
    """Copies a stream in if its hash is the expected one; returns False (keeping nothing) otherwise."""
    target = _local(data_dir, expected_sha256)
    if target.is_file():
        return True
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming.", dir=target.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != expected_sha256:
            return False
        os.replace(tmp_name, target)
        return True
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def copy_to(data_dir: Path, sha256: str, destination: BinaryIO) -> None:
    with open(path_for(data_dir, sha256), "rb") as fh:
        shutil.copyfileobj(fh, destination, 1 << 20)


def remove_orphans(data_dir: Path, registered: set[str]) -> int:
    """Removes files the database does not list: partial copies a crash left (.incoming.*), photos of a bundle
    whose import was rolled back, files of an erasure that was committed just before a crash. Run under the
    data folder's lock. Returns how many files were removed."""
    folder = attachments_dir(data_dir)
    if not folder.is_dir():
        return 0
    removed = 0
    for sub in folder.iterdir():
        if not sub.is_dir():
            continue
        for path in sub.iterdir():
            if path.is_file() and path.name not in registered:
                path.unlink(missing_ok=True)
                removed += 1
    return removed
