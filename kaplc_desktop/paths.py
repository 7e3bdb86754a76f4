"""Where things live: the data folder (default, override, portable) and bundled resources.

This is the only module that knows about frozen (PyInstaller) builds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "KAPLC_DATA_DIR"
PORTABLE_FOLDER = "kaplc-data"
DB_FILENAME = "kaplc.sqlite3"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def executable_dir() -> Path:
    """Folder of the running program: the frozen executable, or the launching script."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else Path.cwd()


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: --data-dir, then KAPLC_DATA_DIR, then portable mode, then the user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    portable = executable_dir() / PORTABLE_FOLDER
    if portable.is_dir():
        return portable
    from platformdirs import user_data_dir

    return Path(user_data_dir("KA-PLC Desktop", appauthor=False, roaming=True))


def resources_dir() -> Path:
    """Bundled resources: inside a frozen app, an installed package, or the source checkout."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", executable_dir())) / "resources"
    installed = Path(__file__).resolve().parent / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def logs_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def demo_data_dir(data_dir: Path) -> Path:
    """Where the demo school lives: a folder of its own beside the real one, so trying the program never mixes
    demo records into the school's data (kaplc-data → kaplc-data-demo)."""
    return data_dir.parent / f"{data_dir.name}-demo"
