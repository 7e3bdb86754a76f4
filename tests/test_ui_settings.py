"""The Settings page (a school's profile) and the district's Schools page, driven through their real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from support import type_text, when_modal

from kaplc_desktop.context import AppContext
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.main_window import MainWindow


def _open_settings(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    make_application()
    window = MainWindow(ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    row = list(window.pages).index("settings")
    rect = window.nav.visualItemRect(window.nav.item(row))
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.settings_holder
    return window


def test_the_principal_edits_the_school_profile_and_every_page_follows(qtbot: QtBot, school_ctx: AppContext) -> None:
    window = _open_settings(qtbot, school_ctx)
    page = window.settings_holder.page.profile_panel
    assert page.details.values["school_name"].text() == "โรงเรียนบ้านทดสอบ"

    def fill(dialog: object) -> None:
        widgets = dialog.widgets  # type: ignore[attr-defined]
        widgets["principal_name"].selectAll()
        type_text(widgets["principal_name"], "นางสาวมาลี ศรีสุข")
        type_text(widgets["students"], "๔๑๒")
        widgets["school_size"].setCurrentIndex(widgets["school_size"].findData("medium"))
        type_text(widgets["cluster"], "กลุ่มหาดใหญ่ 1")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    when_modal(fill)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.details.values["principal_name"].text() == "นางสาวมาลี ศรีสุข")
    assert page.details.values["students"].text() == "412"
    assert page.details.values["school_size"].text() == "ขนาดกลาง"
    # the Overview hears of the change by itself
    qtbot.waitUntil(lambda: "นางสาวมาลี ศรีสุข" in _overview_text(window))
    assert school_ctx.workspace.get().principal_name == "นางสาวมาลี ศรีสุข"  # type: ignore[union-attr]
    # a renamed school: the window's title follows
    school_ctx.school_profile.set_fields("1090050001", {"school_name": "โรงเรียนบ้านใหม่"})
    qtbot.waitUntil(lambda: window.windowTitle().startswith("โรงเรียนบ้านใหม่"))


def test_a_bad_profile_is_shown_by_its_field_and_nothing_is_saved(qtbot: QtBot, school_ctx: AppContext) -> None:
    window = _open_settings(qtbot, school_ctx)
    page = window.settings_holder.page.profile_panel
    before = school_ctx.school_profile.list()
    seen: dict[str, str] = {}

    def fill(dialog: object) -> None:
        widgets = dialog.widgets  # type: ignore[attr-defined]
        widgets["school_name"].selectAll()
        QTest.keyClick(widgets["school_name"], Qt.Key.Key_Delete)
        type_text(widgets["students"], "มาก")
        type_text(widgets["address"], "ก" * 400)  # too long: said, never cut while typed
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        errors = dialog._errors  # type: ignore[attr-defined]
        seen.update({name: label.text() for name, label in errors.items() if not label.isHidden()})
        assert dialog.isVisible()  # type: ignore[attr-defined]
        QTest.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel),  # type: ignore[attr-defined]
            Qt.MouseButton.LeftButton,
        )

    when_modal(fill)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert set(seen) == {"school_name", "students", "address"}
    assert "300" in seen["address"]
    assert "จำนวนเต็ม" in seen["students"]
    assert school_ctx.school_profile.list() == before


def test_the_district_sees_the_profiles_of_its_schools(qtbot: QtBot, tmp_path: Path) -> None:
    from sync_support import fp, make_district, make_school

    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district)
    school.ctx.school_profile.set_fields("1090050001", {"students": "87", "school_size": "small"})
    (tmp_path / "usb").mkdir()
    make_application()
    window = MainWindow(district.ctx, lambda _lang: None)
    qtbot.addWidget(window)
    window.show()
    window.show_page("schools")
    page = window.schools_holder.page
    assert page.model.rowCount() == 0
    bundle = school.sync.export_bundle(tmp_path / "usb").path
    district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the page hears of the import by itself
    page.table.selectRow(0)
    grid = page.comparison.grid  # the school's own values, beside the district's list (empty: not registered)
    shown = {grid.item(r, 0).data(Qt.ItemDataRole.UserRole): grid.item(r, 2).text() for r in range(grid.rowCount())}
    assert (shown["students"], shown["school_size"]) == ("87", "ขนาดเล็ก")
    assert page.comparison.take_button.text() == "เพิ่มเข้ารายชื่อจากข้อมูลพื้นฐานของโรงเรียน"
    school.close()
    district.close()


def _overview_text(window: MainWindow) -> str:
    form = window.overview.form
    return " ".join(
        form.itemAt(i).widget().text() for i in range(form.count()) if hasattr(form.itemAt(i).widget(), "text")
    )
