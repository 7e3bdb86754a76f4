"""Refused files: logged with their reason; a copy is kept for a person to look at only when it is a bundle of
a sensible size, and the quarantine folder and tmp/ are capped and cleaned, so strangers' files cost nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..atomic_file import copy_atomic
from ..data import sync_repository as repo
from .refusals import BundleRefused, safe_text

KEEP_COPY_MAX_BYTES = 64 * 1024**2  # larger refused files are described (size, hash), not copied
QUARANTINE_MAX_BYTES = 512 * 1024**2
QUARANTINE_MAX_FILES = 200  # copies of refused bundles
QUARANTINE_MAX_NOTES = 2000  # reason notes (small): junk files cannot push a real bundle's copy out
NOT_BUNDLES = frozenset({"not-a-bundle", "bad-header", "too-large"})


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def quarantine(db: Any, data_dir: Path, path: Path, refusal: BundleRefused, keep_copy: bool = True) -> None:
    folder = data_dir / "sync" / "quarantine"
    kept: Path | None = None
    sha, size = "", 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        size = path.stat().st_size
        keep = keep_copy and refusal.reason not in NOT_BUNDLES and size <= KEEP_COPY_MAX_BYTES and path.is_file()
        # described by size and hash (read in chunks); a bundle waiting for its sender's confirmation is not read
        sha = _sha256(path) if keep_copy and path.is_file() else ""
        stem = f"{(sha or 'large')[:16]}-{safe_text(path.name, 120)}"
        if keep:
            kept = folder / stem
            if not kept.exists():
                copy_atomic(path, kept)
        note = folder / f"{stem}.reason.txt"
        note.write_text(
            f"{refusal.reason}\n{refusal.message}\nfile: {path}\nsize: {size}\nsha256: {sha}\n"
            f"copy kept: {'yes' if kept else 'no'}\n",
            encoding="utf-8",
            errors="replace",
        )
        cap_folder(folder)
    except OSError:
        kept = None
    with db.engine.begin() as conn:
        repo.log_import(
            conn,
            {
                "file_sha256": sha,
                "result": "refused",
                "reason": refusal.reason,
                "counts": {},
                "file_name": safe_text(path.name, 300),
                "archived_as": str(kept.relative_to(data_dir)) if kept else "",
                "imported_by": "",
            },
        )


def cap_folder(folder: Path, max_bytes: int = QUARANTINE_MAX_BYTES, max_files: int = QUARANTINE_MAX_FILES) -> None:
    """Removes the oldest copies and notes until the folder is within its limits (counted separately)."""
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.stat().st_mtime, reverse=True)
    copies = [p for p in files if not p.name.endswith(".reason.txt")]
    notes = [p for p in files if p.name.endswith(".reason.txt")]
    total = 0
    for n, item in enumerate(copies):
        total += item.stat().st_size
        if n >= max_files or total > max_bytes:
            item.unlink(missing_ok=True)
    for item in notes[QUARANTINE_MAX_NOTES:]:
        item.unlink(missing_ok=True)
