"""The rotating log file in the data folder, where every unexpected error is written."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

from .paths import logs_dir

LOG_NAME = "kaplc.log"
_configured: Path | None = None


def setup_logging(data_dir: Path) -> Path:
    """Logs go to data_dir/logs/kaplc.log, 1 MB per file, 5 files kept."""
    global _configured
    folder = logs_dir(data_dir)
    path = folder / LOG_NAME
    if _configured == path:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("kaplc")
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = path
    return path


def format_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))


def log_exception(
    data_dir: Path, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
) -> Path:
    """Writes the error to the data folder's log, or to the temporary folder's when the data folder cannot hold
    one (it is a file, or not writable): reporting an error must not fail in its turn."""
    try:
        path = setup_logging(data_dir)
    except OSError:
        import tempfile

        path = setup_logging(Path(tempfile.gettempdir()) / "kaplc-desktop")
    if exc_type is not None and exc is not None:
        logging.getLogger("kaplc").error("unexpected error\n%s", format_exception(exc_type, exc, tb))
    return path
