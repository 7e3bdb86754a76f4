"""Data folders and backups from the window, by pressing its buttons and keys: a folder that cannot be opened is
named and another chosen; File → Open and Open recent switch folders; Settings → Backup makes a checked backup
and restores one; the Overview reminds of a backup to a USB stick."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from support import teacher, when_modal

from kaplc_desktop.backups import backup_places
from kaplc_desktop.context import AppContext
from kaplc_desktop.data_folders import recent_folders
from kaplc_desktop.paths import DB_FILENAME
from kaplc_desktop.ui import file_prompts
from kaplc_desktop.ui.app import DesktopSession, make_application, open_session
from kaplc_desktop.ui.main_window import MainWindow
from kaplc_desktop.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def inline_tasks() -> Iterator[None]:
    make_application()
    TaskRunner.synchronous = True
    yield
    TaskRunner.synchronous = False


def click(button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def press_box(name: str, seen: list[str]):  # type: ignore[no-untyped-def]
    """Presses the message box's button named `name` (an objectName or a standard button), noting its text."""

    def press(box: QMessageBox) -> None:
        seen.append(box.text())
        button = box.findChild(QPushButton, name) or box.button(getattr(QMessageBox.StandardButton, name))
        click(button)

    return press


def other_school(tmp_path: Path, school_dir: Path, name: str = "other") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copyfile(school_dir / DB_FILENAME, folder / DB_FILENAME)
    return folder


def test_a_data_folder_that_is_a_file_is_named_and_another_is_chosen(
    qtbot: QtBot, tmp_path: Path, school_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "kaplc-data"
    not_a_folder.write_text("a file where the data folder should be")
    monkeypatch.setattr(file_prompts, "ask_folder", lambda *args: school_dir)
    seen: list[str] = []
    when_modal(press_box("chooseAnotherFolder", seen))
    session = open_session(not_a_folder)
    assert session is not None and session.ctx.data_dir == school_dir
    assert str(not_a_folder) in seen[0] and "ไม่ใช่โฟลเดอร์" in seen[0]
    assert recent_folders()[0] == school_dir.resolve()
    session.ctx.close()


@pytest.mark.parametrize("trouble", ["locked", "newer"])
def test_a_locked_or_newer_folder_is_refused_with_its_name_and_quit_changes_nothing(
    trouble: str, qtbot: QtBot, school_dir: Path
) -> None:
    holder = AppContext.open(school_dir) if trouble == "locked" else None
    if trouble == "newer":
        conn = sqlite3.connect(school_dir / DB_FILENAME)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    seen: list[str] = []
    when_modal(press_box("stopOpening", seen))
    assert open_session(school_dir) is None
    assert str(school_dir) in seen[0]
    assert ("เปิดใช้งานอยู่" if trouble == "locked" else "รุ่นที่ใหม่กว่า") in seen[0]
    if holder is not None:
        holder.close()


def test_file_open_and_open_recent_switch_the_data_folder(
    qtbot: QtBot, tmp_path: Path, school_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = other_school(tmp_path, school_dir)
    with AppContext.open(other) as ctx:
        ctx.school_profile.set_fields(ctx.workspace.get().owner_code, {"school_name": "โรงเรียนบ้านอื่น"})  # type: ignore[union-attr]
    session = open_session(school_dir)
    assert session is not None
    window = session.show_main()  # replaced by the next folder's window (the session closes the old one)
    assert str(school_dir) in window.folder_label.text()
    monkeypatch.setattr(file_prompts, "ask_folder", lambda *args: other)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File → Open data folder…
    assert session.ctx.data_dir == other
    window = session.window
    assert isinstance(window, MainWindow) and "โรงเรียนบ้านอื่น" in window.windowTitle()
    assert str(other) in window.folder_label.text()
    recent = window.folder_actions.recent_menu
    recent.aboutToShow.emit()
    (back,) = [a for a in recent.actions() if str(school_dir) in a.text()]
    assert "โรงเรียนบ้านทดสอบ" in back.text()  # named, not only a path
    back.trigger()
    assert session.ctx.data_dir == school_dir
    session.window.close()
    session.ctx.close()


def test_back_up_now_then_restore_from_settings(
    qtbot: QtBot, tmp_path: Path, school_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = DesktopSession(AppContext.open(school_dir))
    window = session.show_main()
    window.show_page("overview")
    overview = window.overview
    qtbot.waitUntil(overview.reminder.isVisible)  # never backed up to a USB stick
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(file_prompts, "ask_folder", lambda *args: usb)
    monkeypatch.setattr(backup_places, "_device", lambda path: 2 if "usb" in str(path) else 1)
    seen: list[str] = []
    when_modal(press_box("Ok", seen))
    click(overview.reminder_button)
    (made,) = usb.glob("*.kaplc-backup")
    assert str(made) in seen[0]
    qtbot.waitUntil(lambda: not overview.reminder.isVisible())
    window.show_page("settings")
    tabs = window.settings_holder.page
    QTest.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(1).center())  # Backup
    panel = tabs.backup_panel
    qtbot.waitUntil(panel.restore_button.isVisible)
    assert panel.table.rowCount() == 1 and "แฟลชไดรฟ์" in panel.table.item(0, 2).text()

    session.ctx.personnel.add(teacher())
    assert len(session.ctx.personnel.list()) == 1
    monkeypatch.setattr(file_prompts, "ask_backup_file", lambda *args: made)
    answers: list[str] = []
    done: list[str] = []

    def confirm(box: QMessageBox) -> None:
        answers.append(box.text())
        when_modal(press_box("Ok", done))  # then the sentence saying it is restored
        click(box.button(QMessageBox.StandardButton.Yes))

    when_modal(confirm)
    click(panel.restore_button)
    assert "โรงเรียนบ้านทดสอบ" in answers[0]  # the confirmation names what the backup holds
    qtbot.waitUntil(lambda: bool(done))
    assert session.ctx.personnel.list() == []  # back to the backup's
    assert any((school_dir / "backups" / "before-restore").iterdir())
    assert session.window is not window and "โรงเรียนบ้านทดสอบ" in session.window.windowTitle()
    session.window.close()
    session.ctx.close()
