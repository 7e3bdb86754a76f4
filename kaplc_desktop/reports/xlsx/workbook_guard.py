"""Checks an .xlsx from outside before openpyxl reads it: treat every file as hostile.

Refuses files that are not zips (or are password-protected, which Excel stores as an OLE container),
zip bombs, odd member names, and XML with entity declarations (openpyxl parses with defusedxml).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from defusedxml.common import DefusedXmlException

from ...errors import ImportFileError
from ...i18n import _

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 200
# one part (a sheet, the shared strings) larger than this is refused: openpyxl holds a parsed part in memory at
# about nine times its size (a 216 MB string table took 1.9 GB)
MAX_PART_BYTES = 100 * 1024 * 1024
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


def check_xlsx_file(path: Path, what: str | None = None) -> None:
    """`what` says where the right file comes from (default: the roster template)."""
    if not path.is_file():
        raise ImportFileError(_("The file {path} was not found.").format(path=path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is too large ({mb:.0f} MB). A roster should be well under {limit} MB.").format(
                mb=size / 2**20, limit=MAX_FILE_BYTES // 2**20
            )
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_SIGNATURE:
        raise ImportFileError(
            _(
                "The file is password-protected or in the old .xls format. Open it in Excel, "
                "remove the password and save it as .xlsx, then import again."
            )
        )
    if not zipfile.is_zipfile(path):
        raise ImportFileError(_not_a_workbook(what))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_members(infos, what)
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            _("The workbook is damaged ({reason}). Save it again from Excel and retry.").format(reason=exc)
        ) from None


def _not_a_workbook(what: str | None) -> str:
    if what is None:
        return _(
            "The file is not an Excel workbook (.xlsx). Download the roster template, fill it in and import that file."
        )
    return _("The file is not an Excel workbook (.xlsx). {what} and import that file.").format(what=what)


def _check_members(infos: list[zipfile.ZipInfo], what: str | None = None) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ImportFileError(_("The workbook has too many parts to be a list of records; it was not read."))
    total = 0
    names = set()
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or name in names:
            raise ImportFileError(
                _("The workbook contains a suspicious part ({name}); it was not read.").format(name=name[:80])
            )
        names.add(name)
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise ImportFileError(_("The workbook expands to an abnormal size (a “zip bomb”); it was not read."))
        if info.compress_size and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO:
            raise ImportFileError(_("The workbook expands to an abnormal size (a “zip bomb”); it was not read."))
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(_("The workbook expands to an abnormal size (a “zip bomb”); it was not read."))
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_not_a_workbook(what))


def load_workbook_safely(path: Path, *, read_only: bool = True, what: str | None = None) -> Any:
    """Opens a checked file with openpyxl; XML attacks and damaged parts become ImportFileError."""
    check_xlsx_file(path, what)
    import openpyxl

    if not openpyxl.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise ImportFileError(
            _("The protection against hostile Excel files (defusedxml) is not installed; reinstall KA-PLC Desktop.")
        )
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=False)
    except Exception as exc:  # defusedxml, zipfile and XML parser errors of many kinds
        raise unreadable(exc) from None


def unreadable(exc: Exception) -> ImportFileError:
    """The clear error for a workbook part that fails to parse (also raised while rows are streamed)."""
    if isinstance(exc, ImportFileError):
        return exc
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in chain:  # openpyxl wraps the parser's error in a ValueError
        chain.append(link)
        link = link.__cause__ or link.__context__
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return ImportFileError(_("The workbook contains forbidden XML (entity declarations); it was not read."))
    name = type(exc).__name__
    return ImportFileError(
        _("The workbook could not be read ({reason}). Save it again from Excel and retry.").format(reason=name)
    )
