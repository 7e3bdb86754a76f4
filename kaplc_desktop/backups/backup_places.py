"""Is a backup's place off this computer's data disk? A USB stick, an external or network drive, another disk:
a copy there survives the laptop's disk failing or the laptop being lost."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4
MOUNT_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


def _windows_drive_type(path: Path) -> int:
    import ctypes

    root = os.path.splitdrive(str(path.resolve()))[0] + "\\"
    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _device(path: Path) -> int | None:
    probe = path if path.exists() else path.parent
    try:
        return probe.stat().st_dev
    except OSError:
        return None


def is_off_this_disk(place: Path, data_dir: Path) -> bool:
    """True for a removable or network drive, or any disk other than the data folder's."""
    if sys.platform == "win32":
        try:
            if _windows_drive_type(place) in (DRIVE_REMOVABLE, DRIVE_REMOTE):
                return True
        except (OSError, AttributeError, ValueError):
            pass
    elif str(place.resolve()).startswith(MOUNT_PREFIXES):
        return True
    here, there = _device(data_dir), _device(place)
    return here is not None and there is not None and here != there
