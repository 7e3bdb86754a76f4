"""Writing files so a crash or a full disk never leaves a half-written file under the final name."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .error_messages import os_reason
from .errors import KaplcError
from .i18n import _


def _document_mode(target: Path) -> int:
    """The permissions a document gets: those of the file it replaces, else a new file's under the user's umask
    (a temporary file is readable by its owner only: a workbook on a shared folder must not be)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(target: Path, document: bool = False) -> Iterator[Path]:
    """Yields a temporary path beside `target`; on success it is fsynced and renamed over `target`. A `document`
    (a workbook, a PDF) gets the permissions an ordinary saved file would; everything else stays the owner's."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise KaplcError(_("The folder {folder} does not exist. Choose an existing folder.").format(folder=folder))
    if target.is_dir():
        raise KaplcError(_("{path} is a folder; name the file in it.").format(path=target))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # the target's folder refuses files (read-only, full): said for that folder
        raise KaplcError(
            _("Could not write {path}: {reason}. Choose another folder or disk.").format(
                path=target, reason=os_reason(exc)
            )
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if document:
            os.chmod(tmp, _document_mode(target))
        os.replace(tmp, target)
        fsync_folder(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KaplcError(
            _(
                "Could not write {path}: {reason}. Check that the disk has space and the file is "
                "not open in another program."
            ).format(path=target, reason=os_reason(exc))
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fsync_folder(folder: Path) -> None:
    """Makes a rename durable: the folder's entry is flushed too (POSIX; Windows has no folder handles for it)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (FAT on USB sticks under some kernels) refuse fsync on a folder
    finally:
        os.close(fd)


def write_atomic(target: Path, writer: Callable[[Path], None]) -> None:
    """A document (a workbook) written whole or not at all."""
    with atomic_path(target, document=True) as tmp:
        writer(tmp)


def write_text_atomic(target: Path, text: str) -> None:
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def copy_atomic(source: Path, target: Path) -> None:
    """Copies a file so the target name only ever holds a complete copy."""
    import shutil

    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
