"""The portfolio gallery and window driven through their real widgets and keys: a portfolio made with the New
button, its owner ticked with Space, a section typed with Ctrl+B and the list button, two pictures attached and
reordered with the arrow button, saved with the Save button; the gallery found by search and filtered by level;
printed to the preview; Esc asks before throwing away what was typed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QToolButton
from pytestqt.qtbot import QtBot
from support import teacher, type_text, when_modal

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.thai_years import academic_year
from kaplc_desktop.services.portfolios import AwardEntry
from kaplc_desktop.ui import file_prompts
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.tasks import TaskRunner


@pytest.fixture
def staff(school_ctx: AppContext) -> list[Any]:
    return [
        school_ctx.personnel.add(teacher(first_name_th=first, last_name_th=last, national_id=None))
        for first, last in (("สมศรี", "ใจดี"), ("วิไล", "ทองมา"))
    ]


@pytest.fixture
def window(qtbot: QtBot, school_ctx: AppContext, staff: list[Any]) -> Any:
    make_application()
    TaskRunner.synchronous = True
    main = MainWindow(school_ctx, lambda _lang: None)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    yield main
    TaskRunner.synchronous = False


def _wait_for(condition: Any, seconds: float = 5) -> None:
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while not condition():
        assert dt.datetime.now() < deadline, "timed out"
        QApplication.processEvents()


def _open_page(window: Any) -> Any:
    """As a user does: the side list with the keyboard."""
    window.activateWindow()
    _wait_for(window.isActiveWindow)
    window.nav.setFocus()
    wanted = window.nav.item(list(window.pages).index("portfolios")).text()
    while window.nav.currentItem().text() != wanted:
        QTest.keyClick(window.nav, Qt.Key.Key_Down)
    return window.portfolio_holder.page


def _jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return path


def _click_tab(dialog: Any, index: int) -> None:
    bar = dialog.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def _button(dialog: Any, name: str) -> Any:
    button = dialog.findChild(QPushButton, name) or dialog.findChild(QToolButton, name)
    assert button is not None, name
    return button


def test_a_portfolio_is_made_written_illustrated_and_saved_with_the_real_controls(
    window: Any, school_ctx: AppContext, staff: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _open_page(window)
    assert not page.empty.isHidden()  # no portfolio yet: the page says what one is and how to start
    chosen = iter([_jpeg(tmp_path / "first.jpg", (200, 40, 40)), _jpeg(tmp_path / "second.jpg", (40, 40, 200))])
    monkeypatch.setattr(file_prompts, "ask_open_path", lambda *_args: next(chosen))

    def fill(dialog: Any) -> None:
        dialog.activateWindow()
        _wait_for(dialog.isActiveWindow)
        dialog.name.setFocus()
        type_text(dialog.name, "การพัฒนาการอ่าน <b>ด้วย</b> PLC")
        owner = next(
            dialog.owner_list.item(n)
            for n in range(dialog.owner_list.count())
            if "วิไล" in dialog.owner_list.item(n).text()
        )
        dialog.owner_list.setCurrentItem(owner)
        dialog.owner_list.setFocus()
        QTest.keyClick(dialog.owner_list, Qt.Key.Key_Space)
        assert owner.checkState() == Qt.CheckState.Checked
        _click_tab(dialog, 1)
        editor = dialog.text.editor
        editor.setFocus()
        type_text(editor, "นักเรียน ")
        QTest.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        type_text(editor, "อ่านไม่คล่อง")
        QTest.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        type_text(editor, " มาก 5 * 3")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QTest.mouseClick(_button(dialog, "bulletButton"), Qt.MouseButton.LeftButton)
        type_text(editor, "ข้อแรก")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        type_text(editor, "ข้อสอง")
        for _ in range(2):
            QTest.mouseClick(_button(dialog, "addPicture"), Qt.MouseButton.LeftButton)
        assert dialog.picture_list.count() == 2
        dialog.picture_list.setCurrentRow(1)
        QTest.mouseClick(_button(dialog, "up_picture"), Qt.MouseButton.LeftButton)
        assert dialog.picture_list.currentRow() == 0
        _click_tab(dialog, 3)
        QTest.mouseClick(_button(dialog, "addFigure"), Qt.MouseButton.LeftButton)
        for column, text in enumerate(("นักเรียนที่อ่านคล่อง", "คน", "12", "30")):
            dialog.figures.setCurrentCell(0, column)
            dialog.figures.setFocus()
            QTest.keyClick(dialog.figures, Qt.Key.Key_F2)
            editor = QApplication.focusWidget()
            assert editor is not dialog.figures, "F2 opened no cell editor"
            type_text(editor, text)
            QTest.keyClick(editor, Qt.Key.Key_Return)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    saved = school_ctx.portfolios.list()
    assert [p.name for p in saved] == ["การพัฒนาการอ่าน <b>ด้วย</b> PLC"]
    view = school_ctx.portfolios.view(saved[0].id)
    assert [o.full_name_th for o in view.owners] == [staff[1].full_name_th]
    assert view.sections == {"importance": "นักเรียน **อ่านไม่คล่อง** มาก 5 \\* 3\n- ข้อแรก\n- ข้อสอง"}
    assert [f.file_name for f in view.files] == ["second.jpg", "first.jpg"]  # the order the arrow made
    assert all(f.section == "importance" and f.placement == "section" for f in view.files)
    assert [(f.label, f.unit, f.before, f.after) for f in view.figures] == [("นักเรียนที่อ่านคล่อง", "คน", 1200, 3000)]
    assert page.gallery.count() == 1 and page.empty.isHidden()
    assert "การพัฒนาการอ่าน" in page.gallery.item(0).text()


def test_reopened_the_text_keeps_its_formatting_and_an_unchanged_save_makes_no_new_version(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    made = school_ctx.portfolios.save(
        {"name": "ผลงาน", "academic_year": academic_year(dt.date.today())},
        [staff[0].id],
        {"process": "ขั้นตอน *สำคัญ*\n1. วางแผน\n1. ลงมือ"},
    )
    before = school_ctx.portfolios.get(made.id)
    page = _open_page(window)
    page.gallery.setCurrentRow(0)

    def check(dialog: Any) -> None:
        _click_tab(dialog, 1)
        dialog.section_list.setCurrentRow(2)  # the process section
        assert dialog.text.source() == "ขั้นตอน *สำคัญ*\n1. วางแผน\n1. ลงมือ"
        assert dialog.section_list.item(2).text().startswith("✓")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(check)
    QTest.keyClick(page.gallery, Qt.Key.Key_Return)
    after = school_ctx.portfolios.get(made.id)
    assert after.updated_at == before.updated_at  # nothing changed: no new version to send


def test_the_gallery_finds_by_words_and_filters_by_award_level(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    year = academic_year(dt.date.today())
    school_ctx.portfolios.save({"name": "นวัตกรรมคณิตศาสตร์", "academic_year": year}, [staff[0].id])
    school_ctx.portfolios.save(
        {"name": "การอ่านออกเขียนได้", "academic_year": year - 1},
        [staff[1].id],
        awards=[AwardEntry({"name": "ครูดีศรีสงขลา", "level": "district"})],
    )
    page = _open_page(window)
    assert page.gallery.count() == 2
    page.search.setFocus()
    type_text(page.search, "ทองมา")  # an owner's name
    assert [page.gallery.item(n).text().split("\n")[0] for n in range(page.gallery.count())] == ["การอ่านออกเขียนได้"]
    page.search.clear()
    page.level.setFocus()
    while page.level.currentData() != "district":
        QTest.keyClick(page.level, Qt.Key.Key_Down)
    assert page.gallery.count() == 1 and "ระดับเขตพื้นที่" in page.gallery.item(0).text()
    assert "1" in page.count.text()


def test_print_shows_the_portfolio_in_the_preview(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    school_ctx.portfolios.save(
        {"name": "ผลงานพิมพ์", "academic_year": academic_year(dt.date.today())},
        [staff[0].id],
        {"importance": "ความสำคัญ **ของ** ผลงาน", "results": "ผลลัพธ์"},
    )
    page = _open_page(window)
    page.gallery.setCurrentRow(0)
    seen: dict[str, int] = {}

    def look(dialog: Any) -> None:
        seen["pages"] = dialog.document.pageCount()
        dialog.reject()

    when_modal(look)
    QTest.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert seen["pages"] >= 3  # cover, contents, the sections
    assert not list((school_ctx.data_dir / "tmp").glob("preview-*.pdf"))  # the preview's file goes when it closes


def test_escape_asks_before_throwing_away_typed_text(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    page = _open_page(window)
    asked: list[str] = []
    monkeypatch_confirm = file_prompts.confirm

    def fill(dialog: Any) -> None:
        dialog.prompts = type("P", (), {"confirm": staticmethod(lambda *_a: asked.append("?") or False)})
        _click_tab(dialog, 1)
        dialog.text.editor.setFocus()
        type_text(dialog.text.editor, "ข้อความที่พิมพ์")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert asked and dialog.isVisible()  # refused: the text stays
        dialog.prompts = type("P", (), {"confirm": staticmethod(lambda *_a: True)})
        buttons = dialog.findChild(QDialogButtonBox)
        QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    when_modal(fill)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert school_ctx.portfolios.list() == []
    assert file_prompts.confirm is monkeypatch_confirm
