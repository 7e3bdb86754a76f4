"""Characters the font cannot draw: the person form, the Excel import and printing each say which record and
field hold them (they print as ■), and nothing is refused or changed because of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support import teacher, type_text, when_modal
from xlsx_files import GOOD_ROW, roster

from kaplc_desktop.cli.main import main
from kaplc_desktop.context import AppContext


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


def test_printing_names_the_record_and_the_characters(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with AppContext.open(school_dir) as ctx:
        person = ctx.personnel.add(teacher())
        ctx.personnel.add(teacher(first_name_th="สมศรี", national_id=None))
    d = str(school_dir)
    code, _out = run(capsys, "--data-dir", d, "personnel", "edit", "--id", person.id, "--set", "subject=คณิต😀ศาสตร์")
    assert code == 0
    code, out = run(capsys, "--data-dir", d, "pdf", "roster", "--out", str(tmp_path / "r.pdf"))
    assert code == 0 and "หมายเหตุ" not in out  # the roster does not print the subject: nothing to warn about
    code, _out = run(capsys, "--data-dir", d, "personnel", "edit", "--id", person.id, "--set", "last_name_th=ใจ✈ดี")
    code, out = run(capsys, "--data-dir", d, "pdf", "roster", "--out", str(tmp_path / "r.pdf"))
    notes = [line for line in out.splitlines() if line.startswith("หมายเหตุ")]
    assert code == 0 and len(notes) == 1 and "✈" in notes[0] and "นามสกุล" in notes[0] and "สมชาย" in notes[0]
    code, out = run(capsys, "--data-dir", d, "pdf", "person", "--id", person.id, "--out", str(tmp_path / "p.pdf"))
    assert code == 0 and "😀" in out
    from pypdf import PdfReader

    assert "■" in "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)


def test_the_excel_import_notes_the_rows_and_imports_them_as_typed(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = dict(GOOD_ROW, first_name_th="วิชัย🙂", national_id="", first_name_en="")
    other = dict(GOOD_ROW, first_name_th="สมหญิง", national_id="", email="")
    path = roster(tmp_path / "r.xlsx", [odd, other])
    code, out = run(capsys, "--data-dir", str(school_dir), "personnel", "import", str(path))
    assert code == 0
    notes = [line for line in out.splitlines() if line.startswith("หมายเหตุ")]
    assert len(notes) == 1 and "แถว 2" in notes[0] and "🙂" in notes[0]
    with AppContext.open(school_dir) as ctx:
        assert sorted(p.first_name_th for p in ctx.personnel.list()) == ["วิชัย🙂", "สมหญิง"]


def test_the_person_form_warns_while_typing_and_still_saves(qtbot: QtBot, school_ctx: AppContext) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.dialogs.person_dialog import PersonDialog

    make_application()
    dialog = PersonDialog(school_ctx.personnel.add)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.first_name_th, "ปราณี")
    assert not dialog.print_warning.isVisible()
    type_text(dialog.first_name_th, "✈")  # not in the font (an emoji or a symbol typed by mistake)
    assert dialog.print_warning.isVisible() and "✈" in dialog.print_warning.text()
    assert "ชื่อ (ภาษาไทย)" in dialog.print_warning.text()
    type_text(dialog.last_name_th, "ทองคำ")
    dialog.position.setCurrentIndex(dialog.position.findData("teacher"))
    dialog.personnel_group.setCurrentIndex(dialog.personnel_group.findData("teacher"))
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # as a user presses it
    assert [p.first_name_th for p in school_ctx.personnel.list()] == ["ปราณี✈"]
    dialog2 = PersonDialog(school_ctx.personnel.add)
    qtbot.addWidget(dialog2)
    dialog2.show()
    type_text(dialog2.first_name_th, "✈")
    QTest.keyClick(dialog2.first_name_th, Qt.Key.Key_Backspace)
    assert dialog2.first_name_th.text() == "" and not dialog2.print_warning.isVisible()  # corrected: warning gone


def test_the_print_preview_lists_the_records(qtbot: QtBot, school_ctx: AppContext, tmp_path: Path) -> None:
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.pages.personnel_page import PersonnelPage
    from kaplc_desktop.ui.tasks import TaskRunner

    make_application()
    school_ctx.personnel.add(teacher(last_name_th="ใจดี😀"))
    TaskRunner.synchronous = True
    try:
        page = PersonnelPage(school_ctx)
        qtbot.addWidget(page)
        page.show()
        seen: dict[str, object] = {}

        def act(dialog) -> None:  # type: ignore[no-untyped-def]
            seen["visible"] = dialog.warning.isVisible()
            seen["text"] = dialog.warning.text()
            seen["height"] = dialog.height()
            dialog.accept()

        when_modal(act)
        page.print_roster_action.trigger()
    finally:
        TaskRunner.synchronous = False
    assert seen["visible"] and "ใจดี😀" in str(seen["text"]) and "■" in str(seen["text"])
