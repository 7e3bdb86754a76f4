"""Helpers shared by tests (import as `from support import …`)."""

from __future__ import annotations


def teacher(**changes: object) -> dict[str, object]:
    values: dict[str, object] = dict(
        first_name_th="สมชาย",
        last_name_th="ใจดี",
        position="teacher",
        personnel_group="teacher",
        national_id="1101700207030",
        start_date="01/06/2560",
        learning_areas=["thai"],
    )
    values.update(changes)
    return values


def fill_person_dialog(dialog: object, first: str, last: str, national_id: str = "") -> None:
    """The person form's required fields, as a user fills them."""
    type_text(dialog.first_name_th, first)  # type: ignore[attr-defined]
    type_text(dialog.last_name_th, last)  # type: ignore[attr-defined]
    dialog.national_id.setText(national_id)  # type: ignore[attr-defined]
    dialog.position.setCurrentIndex(dialog.position.findData("teacher"))  # type: ignore[attr-defined]
    dialog.personnel_group.setCurrentIndex(dialog.personnel_group.findData("teacher"))  # type: ignore[attr-defined]
    dialog.start_date.setText("16/05/2560")  # type: ignore[attr-defined]


def type_text(widget: object, text: str) -> None:
    """Types text key by key, Thai included (QTest.keyClicks aborts on non-Latin text)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def when_modal(callback: object, timeout_ms: int = 5000) -> None:
    """Runs callback(dialog) as soon as a modal dialog opens (the code under test is blocked in exec())."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_ms / 1000

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            try:
                callback(dialog)  # type: ignore[operator]
            except BaseException:
                dialog.reject()  # never leave a test blocked in exec(); pytest-qt reports the error
                raise
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, poll)
        else:
            raise AssertionError("no modal dialog opened")

    QTimer.singleShot(0, poll)
