"""Attachment files in the data folder, stored once by their SHA-256: attachments/ab/ab12…"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from .atomic_file import atomic_path


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / "attachments"


def path_for(data_dir: Path, sha256: str) -> Path:
    return attachments_dir(data_dir) / sha256[:2] / sha256


def has(data_dir: Path, sha256: str) -> bool:
    return path_for(data_dir, sha256).is_file()


def put_bytes(data_dir: Path, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    target = path_for(data_dir, sha)
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(content)
    return sha


def put_stream(data_dir: Path, source: BinaryIO, expected_sha256: str) -> bool:
    """Copies a stream in if its hash is the expected one; returns False (keeping nothing) otherwise."""
    target = path_for(data_dir, expected_sha256)
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
