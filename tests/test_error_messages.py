"""Failures of the machine become Thai sentences that say what to do; bugs stay bugs."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

import pytest
from xlsx_files import GOOD_ROW, roster

from kaplc_desktop.cli.main import main
from kaplc_desktop.error_messages import as_user_error


@pytest.mark.parametrize(
    "exc,needle",
    [
        (sqlite3.OperationalError("database or disk is full"), "ดิสก์เต็ม"),
        (OSError(errno.ENOSPC, "No space left on device"), "ดิสก์เต็ม"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "เขียนข้อมูล"),
        (PermissionError(errno.EACCES, "Permission denied"), "เขียนข้อมูล"),
        (sqlite3.OperationalError("database is locked"), "ลองใหม่"),
        (sqlite3.DatabaseError("database disk image is malformed"), "สำเนา"),
    ],
)
def test_machine_failures_are_explained(exc: BaseException, needle: str) -> None:
    friendly = as_user_error(exc)
    assert friendly is not None and needle in friendly.message


def test_bugs_are_not_disguised() -> None:
    assert as_user_error(ZeroDivisionError("x")) is None
    assert as_user_error(KeyError("x")) is None


def test_full_disk_during_import_exits_2_with_a_thai_reason(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kaplc_desktop.services.personnel import PersonnelService

    def full(*_args: object, **_kw: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(PersonnelService, "add_many", full)
    path = roster(tmp_path / "r.xlsx", [GOOD_ROW])
    code = main(["--data-dir", str(school_dir), "personnel", "import", str(path)])
    _out, err = capsys.readouterr()
    assert code == 2 and "ดิสก์เต็ม" in err and "Traceback" not in err
    assert main(["--data-dir", str(school_dir), "personnel", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
