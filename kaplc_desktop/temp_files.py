"""The data folder's tmp/: decrypted payloads and joined volumes live there only while one import runs."""

from __future__ import annotations

import shutil
import time
from pathlib import Path


def clean_tmp(data_dir: Path, older_than_s: float = 0) -> int:
    """Removes what an interrupted import or export left in tmp/ (decrypted payloads, joined volumes); run when a
    workspace is opened, under its lock, so nothing else is using them. Returns the number of entries removed."""
    tmp = data_dir / "tmp"
    if not tmp.is_dir():
        return 0
    removed = 0
    now = time.time()
    for item in tmp.iterdir():
        try:
            if now - item.stat().st_mtime < older_than_s:
                continue
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)
            removed += 1
        except OSError:
            continue
    return removed
