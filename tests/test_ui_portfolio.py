"""The portfolio gallery and window driven through their real widgets and keys: a portfolio made with the New
button, its owner ticked with Space, a section typed with Ctrl+B and the list button, two pictures attached and
reordered with the arrow button, saved with the Save button; the gallery found by search and filtered by level;
printed to the preview; Esc asks before throwing away what was typed. Then the review's fixes: owners put in order
with ↑/↓ (and Ctrl+↑/↓), a failed save showing and marking the tabs with errors, the window within a laptop's free
screen, figures with thousands separators, awards' columns, Print / preview from the window, the gallery's cards."""

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

from kaplc_desktop import i18n
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
    assert "1" in page.count.text() and page.empty.isHidden()
    page.search.setFocus()
    type_text(page.search, "ไม่มีคำนี้")
    assert page.gallery.count() == 0 and not page.empty.isHidden()  # said, not an empty space
    said = page.empty.text()
    assert " 2 " in said and all(f"“{combo.itemText(0)}”" in said for combo in (page.year, page.level, page.status))


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


def _when_preview(callback: Any) -> None:
    """Like when_modal, for the print preview that opens over the portfolio window (which is modal too)."""
    from PySide6.QtCore import QTimer

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == "pdfPreviewDialog" and dialog.isVisible():
            try:
                callback(dialog)
            finally:
                dialog.reject()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def _ready(dialog: Any) -> None:
    """The window active, as a user's is (keys go where the focus is); and as a failed check closes it (when_modal),
    it must not then wait for an answer to "Discard?"."""
    dialog.activateWindow()
    _wait_for(dialog.isActiveWindow)
    dialog.prompts = type("P", (), {"confirm": staticmethod(lambda *_a: True)})


def _tick(dialog: Any, name_part: str) -> None:
    items = [dialog.owner_list.item(n) for n in range(dialog.owner_list.count())]
    item = next(i for i in items if name_part in i.text())
    dialog.owner_list.setCurrentItem(item)
    dialog.owner_list.setFocus()
    QTest.keyClick(dialog.owner_list, Qt.Key.Key_Space)


def _click_row(view: Any, row: int) -> None:
    rect = view.visualItemRect(view.item(row))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentRow() == row


def _edit_cell(table: Any, row: int, column: int, text: str) -> None:
    table.setCurrentCell(row, column)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert table.isAncestorOf(editor), "F2 opened no cell editor"
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    _wait_for(lambda: table.item(row, column).text() == text)  # Qt commits an edit after Return, queued


def test_the_owners_print_in_the_order_the_arrows_give(window: Any, school_ctx: AppContext, staff: list[Any]) -> None:
    school_ctx.personnel.add(teacher(first_name_th="อรุณ", last_name_th="แสงทอง", national_id=None))
    page = _open_page(window)
    seen: dict[str, list[str]] = {}

    def shown(order: Any) -> list[str]:
        return [order.item(n).text() for n in range(order.count())]

    def fill(dialog: Any) -> None:
        _ready(dialog)
        dialog.name.setFocus()
        type_text(dialog.name, "ผลงานสามคน")
        listed = [dialog.owner_list.item(n).text() for n in range(3)]
        for name in listed:  # ticked in the order listed
            _tick(dialog, name)
        order = dialog.owner_order
        assert shown(order) == [f"{n}. {name}" for n, name in enumerate(listed, start=1)]
        _click_row(order, 2)
        QTest.mouseClick(_button(dialog, "up_owner"), Qt.MouseButton.LeftButton)
        assert order.currentRow() == 1 and order.item(1).text() == f"2. {listed[2]}"
        order.setFocus()
        QTest.keyClick(order, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # the keyboard's way
        QTest.keyClick(order, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        QTest.mouseClick(_button(dialog, "up_owner"), Qt.MouseButton.LeftButton)
        assert shown(order) == [f"1. {listed[2]}", f"2. {listed[0]}", f"3. {listed[1]}"]
        seen["wanted"] = [listed[2], listed[0], listed[1]]
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def reopened(dialog: Any) -> None:
        seen["shown"] = shown(dialog.owner_order)
        dialog.reject()

    when_modal(fill)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    (made,) = school_ctx.portfolios.list()
    view = school_ctx.portfolios.view(made.id)
    # the order the arrows made: neither the order ticked nor the order listed
    assert [o.full_name_th for o in view.owners] == seen["wanted"]
    when_modal(reopened)
    QTest.keyClick(page.gallery, Qt.Key.Key_Return)
    assert seen["shown"] == [f"{n}. {name}" for n, name in enumerate(seen["wanted"], start=1)]


def test_a_failed_save_shows_and_marks_the_tabs_holding_errors(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    from PySide6.QtGui import QColor

    page = _open_page(window)
    red = QColor("#b00020")

    def marked(dialog: Any) -> list[int]:
        bar = dialog.tabs.tabBar()
        out = [n for n in range(dialog.tabs.count()) if dialog.tabs.tabText(n).endswith(" •")]
        assert out == [n for n in range(dialog.tabs.count()) if bar.tabTextColor(n) == red]
        return out

    def fill(dialog: Any) -> None:
        _ready(dialog)
        size = dialog.size()
        dialog.name.setFocus()
        type_text(dialog.name, "ผลงานที่มีตัวเลขผิด")
        _tick(dialog, "สมศรี")
        _click_tab(dialog, 3)
        QTest.mouseClick(_button(dialog, "addFigure"), Qt.MouseButton.LeftButton)
        for column, text in enumerate(("นักเรียนที่อ่านคล่อง", "คน", "สิบสอง", "30")):
            _edit_cell(dialog.figures, 0, column, text)
        _click_tab(dialog, 1)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.tabs.currentIndex() == 3  # the tab with the error is shown
        assert marked(dialog) == [3]
        assert "นักเรียนที่อ่านคล่อง" in dialog._errors["figures"].text()  # the row named in its message
        # two tabs wrong at once: both marked, the first shown, the message names both
        dialog.name.setFocus()
        QTest.keyClick(dialog.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(dialog.name, Qt.Key.Key_Backspace)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert marked(dialog) == [0, 3] and dialog.tabs.currentIndex() == 0
        assert dialog.tab_titles[0] in dialog.form_error.text() and dialog.tab_titles[3] in dialog.form_error.text()
        assert not dialog._errors["name"].isHidden() and not dialog._errors["figures"].isHidden()
        assert dialog.size() == size  # errors never shrink (or grow) the window
        # the first tab put right: its mark goes at the next save
        type_text(dialog.name, "ผลงานที่มีตัวเลขผิด")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert marked(dialog) == [3] and dialog.tabs.tabText(0) == dialog.tab_titles[0]
        assert dialog.tabs.currentIndex() == 3
        _edit_cell(dialog.figures, 0, 2, "12")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    (made,) = school_ctx.portfolios.list()
    assert [(f.before, f.after) for f in school_ctx.portfolios.view(made.id).figures] == [(1200, 3000)]


def test_the_window_fits_a_1366x768_laptop_above_its_task_bar(
    window: Any, school_ctx: AppContext, staff: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QRect

    from kaplc_desktop.ui.dialogs import portfolio_dialog, record_dialog

    laptop = QRect(0, 0, 1366, 728)  # 768 less a 40-pixel task bar
    for module in (portfolio_dialog, record_dialog):
        monkeypatch.setattr(module, "available_geometry", lambda _widget: laptop)
    page = _open_page(window)
    seen: dict[str, Any] = {}

    def check(dialog: Any) -> None:
        title_bar = portfolio_dialog.TITLE_BAR
        seen["size"] = dialog.size()
        seen["least"] = dialog.minimumSizeHint()
        for n in range(dialog.tabs.count()):  # every tab fits: none forces the window bigger
            _click_tab(dialog, n)
            assert dialog.size() == seen["size"]
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing typed: errors
        assert not dialog.form_error.isHidden()
        seen["after_errors"] = dialog.size()
        seen["title_bar"] = title_bar
        _ready(dialog)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(check)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    size, least = seen["size"], seen["least"]
    assert size.width() <= laptop.width() * 0.95 and size.height() + seen["title_bar"] <= laptop.height() * 0.95
    assert least.width() <= size.width() and least.height() <= size.height()
    assert seen["after_errors"] == size
    assert size.width() >= 1200 and size.height() >= 620  # and it still uses the room it has


def test_the_window_is_never_bigger_than_the_screen_it_opens_on(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    from PySide6.QtGui import QGuiApplication

    free = QGuiApplication.primaryScreen().availableGeometry()
    page = _open_page(window)
    seen: dict[str, Any] = {}

    def check(dialog: Any) -> None:
        seen["size"] = dialog.size()
        dialog.reject()

    when_modal(check)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen["size"].width() <= free.width() * 0.95 and seen["size"].height() <= free.height() * 0.95


def test_figures_show_thousands_separators_and_keep_the_typed_value(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QHeaderView

    made = school_ctx.portfolios.save(
        {"name": "งบประมาณ", "academic_year": academic_year(dt.date.today())},
        [staff[0].id],
        figures=[{"label": "งบประมาณที่ใช้", "unit": "บาท", "before": "1234.5", "after": "12500"}],
    )
    page = _open_page(window)
    page.gallery.setCurrentRow(0)
    seen: dict[str, Any] = {}

    def shown(table: Any, row: int, column: int) -> str:
        return table.itemDelegateForColumn(column).displayText(table.item(row, column).text(), QLocale())

    def check(dialog: Any) -> None:
        _ready(dialog)
        _click_tab(dialog, 3)
        table = dialog.figures
        seen["shown"] = [shown(table, 0, c) for c in (2, 3)]
        seen["wraps"] = table.wordWrap()
        seen["stretch"] = table.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
        seen["wide"] = min(table.columnWidth(2), table.columnWidth(3)) >= table.fontMetrics().horizontalAdvance(
            "10,000,000.00"
        )
        QTest.mouseClick(_button(dialog, "addFigure"), Qt.MouseButton.LeftButton)
        for column, text in enumerate(("ผู้ปกครองที่มาร่วม", "คน", "1500", "2,750.25")):
            _edit_cell(table, 1, column, text)
        seen["typed"] = [shown(table, 1, c) for c in (2, 3)]
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(check)
    QTest.keyClick(page.gallery, Qt.Key.Key_Return)
    assert seen["shown"] == ["1,234.50", "12,500"]
    assert seen["typed"] == ["1,500", "2,750.25"]
    assert seen["wraps"] is False and seen["stretch"] and seen["wide"]
    figures = school_ctx.portfolios.view(made.id).figures
    assert [(f.before, f.after) for f in figures] == [(123450, 1250000), (150000, 275025)]


def test_print_in_the_window_saves_first_and_shows_the_pdf(
    window: Any, school_ctx: AppContext, staff: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _open_page(window)
    monkeypatch.setattr(file_prompts, "ask_open_path", lambda *_args: _jpeg(tmp_path / "one.jpg", (90, 160, 90)))
    title = 'ผลงาน ป.1/2: "อ่านคล่อง" ' + "การพัฒนาทักษะการอ่านออกเขียนได้ด้วยกระบวนการชุมชนแห่งการเรียนรู้ทางวิชาชีพ" * 2
    seen: dict[str, Any] = {}

    def look(preview: Any) -> None:
        seen["pages"] = preview.document.pageCount()
        seen["pdf"] = preview.pdf.read_bytes()[:5]
        seen["suggested"] = preview.suggested_name
        seen["saved_while_open"] = [p.name for p in school_ctx.portfolios.list()]

    def fill(dialog: Any) -> None:
        _ready(dialog)
        dialog.name.setFocus()
        type_text(dialog.name, title)
        _tick(dialog, "วิไล")
        _click_tab(dialog, 1)
        dialog.text.editor.setFocus()
        type_text(dialog.text.editor, "ความสำคัญของผลงาน")
        QTest.mouseClick(_button(dialog, "addPicture"), Qt.MouseButton.LeftButton)
        _when_preview(look)
        QTest.mouseClick(_button(dialog, "printFromDialog"), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.saved is not None and dialog.windowTitle() == i18n._("Edit portfolio")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # saved again: the same portfolio

    when_modal(fill)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen["pdf"] == b"%PDF-" and seen["pages"] >= 3
    assert seen["saved_while_open"] == [title]
    suggested = seen["suggested"]
    assert suggested.endswith(".pdf") and len(suggested) <= 84
    assert not set(suggested) & set('\\/:*?"<>|') and suggested.startswith("ผลงาน ป.1 2 อ่านคล่อง ")
    (made,) = school_ctx.portfolios.list()  # one portfolio, its one picture kept once
    assert [f.file_name for f in school_ctx.portfolios.view(made.id).files] == ["one.jpg"]
    assert page.gallery.count() == 1


def test_the_gallery_says_how_to_start_and_cards_keep_their_status_lines(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    from PySide6.QtGui import QFontMetrics

    from kaplc_desktop.ui.widgets.gallery_card import CARD_ROLE, GAP, PAD

    long_title = "การพัฒนาทักษะการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่หนึ่งด้วยกระบวนการชุมชนแห่งการเรียนรู้" * 2
    school_ctx.portfolios.save(
        {"name": long_title, "academic_year": academic_year(dt.date.today())},
        [staff[0].id, staff[1].id],
        awards=[AwardEntry({"name": "ครูดีศรีสงขลา", "level": "district"})],
    )
    page = _open_page(window)
    assert not page.guide.isHidden() and page.empty.isHidden()  # the how-to stays once there are portfolios
    item = page.gallery.item(0)
    lines = page.card.lines(item.data(CARD_ROLE), page.gallery.font())
    texts = [text for text, _bold in lines]
    assert [bold for _text, bold in lines][:2] == [True, True] and not lines[2][1]  # the title: two lines at most
    assert texts[1].endswith("…")
    assert f"{academic_year(dt.date.today())} · ร่าง" in texts  # year and stage whole
    assert any("ระดับเขตพื้นที่การศึกษา" in t for t in texts[3:])  # the award level whole
    spacing = QFontMetrics(page.gallery.font()).lineSpacing()
    assert page.gallery.gridSize().height() >= PAD + page.gallery.iconSize().height() + GAP + len(lines) * spacing
    assert long_title in item.toolTip()


def test_a_wrong_evidence_caption_is_shown_on_the_evidence_tab(
    window: Any, school_ctx: AppContext, staff: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _open_page(window)
    monkeypatch.setattr(file_prompts, "ask_open_path", lambda *_args: _jpeg(tmp_path / "proof.jpg", (10, 10, 10)))

    def fill(dialog: Any) -> None:
        _ready(dialog)
        dialog.name.setFocus()
        type_text(dialog.name, "ผลงานมีหลักฐาน")
        _tick(dialog, "สมศรี")
        _click_tab(dialog, 2)
        QTest.mouseClick(_button(dialog, "addEvidence"), Qt.MouseButton.LeftButton)
        evidence = dialog.evidence_list
        evidence.setCurrentRow(0)
        evidence.setFocus()
        QTest.keyClick(evidence, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert evidence.isAncestorOf(editor)
        type_text(editor, "ก" * 301)  # a caption longer than the 300 characters kept
        QTest.keyClick(editor, Qt.Key.Key_Return)
        _wait_for(lambda: evidence.item(0).text() == "ก" * 301)
        _click_tab(dialog, 0)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.tabs.currentIndex() == 2 and dialog.tabs.tabText(2).endswith(" •")
        assert "proof.jpg" in dialog._errors["evidence"].text() and dialog._errors["files"].isHidden()
        dialog.reject()

    when_modal(fill)
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert school_ctx.portfolios.list() == []


def test_awards_are_added_with_the_buttons_and_a_kept_one_keeps_its_certificate(
    window: Any, school_ctx: AppContext, staff: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QHeaderView

    from kaplc_desktop.services.attached_files import prepare_attached_file

    scan = prepare_attached_file(_jpeg(tmp_path / "certificate.jpg", (250, 240, 200)))
    made = school_ctx.portfolios.save(
        {"name": "ผลงานได้รางวัล", "academic_year": academic_year(dt.date.today())},
        [staff[0].id],
        awards=[AwardEntry({"name": "ครูดีศรีสงขลา", "level": "district"}, certificate=scan)],
    )
    (kept,) = school_ctx.portfolios.view(made.id).awards
    monkeypatch.setattr(file_prompts, "ask_open_path", lambda *_args: _jpeg(tmp_path / "new.jpg", (200, 200, 250)))
    page = _open_page(window)
    page.gallery.setCurrentRow(0)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        _ready(dialog)
        _click_tab(dialog, 4)
        table = dialog.awards
        header = table.horizontalHeader()
        seen["stretch"] = [header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch for c in range(7)]
        seen["kept"] = table.item(0, 6).text()
        QTest.mouseClick(_button(dialog, "addAward"), Qt.MouseButton.LeftButton)
        _edit_cell(table, 1, 0, "นวัตกรรมดีเด่น")
        level = table.cellWidget(1, 1)
        level.setFocus()
        while level.currentData() != "region":
            QTest.keyClick(level, Qt.Key.Key_Down)
        QTest.mouseClick(_button(dialog, "attachCertificate"), Qt.MouseButton.LeftButton)
        seen["new"] = table.item(1, 6).text()
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    QTest.keyClick(page.gallery, Qt.Key.Key_Return)
    assert seen["stretch"] == [True, False, False, False, False, True, False]  # name and issuer take the room
    assert seen["kept"] == seen["new"] != "-"
    awards = {a.name: a for a in school_ctx.portfolios.view(made.id).awards}
    assert awards["ครูดีศรีสงขลา"].id == kept.id and awards["ครูดีศรีสงขลา"].certificate_sha256 == kept.certificate_sha256
    assert awards["นวัตกรรมดีเด่น"].level == "region" and awards["นวัตกรรมดีเด่น"].certificate_sha256


def test_an_owner_in_the_trash_is_shown_as_such_and_kept_on_save(
    window: Any, school_ctx: AppContext, staff: list[Any]
) -> None:
    """A teacher who moved away is in the Trash: the portfolio still lists them (marked), and a save keeps them."""
    made = school_ctx.portfolios.save(
        {"name": "ผลงาน", "academic_year": academic_year(dt.date.today())}, [staff[0].id, staff[1].id], {}
    )
    school_ctx.personnel.delete(staff[1].id)
    page = _open_page(window)
    page.gallery.setCurrentRow(0)
    seen: list[str] = []

    def check(dialog: Any) -> None:
        _ready(dialog)
        items = [dialog.owner_list.item(n) for n in range(dialog.owner_list.count())]
        seen.extend(i.text() for i in items if i.checkState() == Qt.CheckState.Checked)
        type_text(dialog.widgets["name"], " ใหม่")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(check)
    QTest.keyClick(page.gallery, Qt.Key.Key_Return)
    trashed = i18n._("{name} (in the Trash)").format(name=staff[1].full_name_th)
    assert seen == [staff[0].full_name_th, trashed]
    view = school_ctx.portfolios.view(made.id)
    assert "ใหม่" in view.portfolio.name  # saved
    assert [o.id for o in view.owners] == [staff[0].id, staff[1].id]
