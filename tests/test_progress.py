"""Long work says how far it is (n of N, the step, time left) and Cancel stops it with nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kaplc_desktop.context import AppContext
from kaplc_desktop.progress import Cancelled, Progress
from kaplc_desktop.progress_text import progress_text


def test_the_text_says_the_step_how_many_and_the_time_left() -> None:
    assert progress_text("กำลังจัดหน้า", 12, 85, 0.5) == "กำลังจัดหน้า\n12 จาก 85"  # too early to guess the time
    assert progress_text("กำลังจัดหน้า", 17, 85, 4.0) == "กำลังจัดหน้า\n17 จาก 85 · เหลือประมาณ 15 วินาที"
    assert progress_text("", 1, 4, 90.0) == "1 จาก 4 · เหลือประมาณ 4 นาที"
    assert progress_text("กำลังเขียนไฟล์", 3 * 1024**2, 12 * 1024**2, 0.2) == "กำลังเขียนไฟล์\n25%"  # bytes: a percentage
    assert progress_text("กำลังตรวจ", 0, 0, 5.0) == "กำลังตรวจ"


@pytest.fixture
def big_school(tmp_path: Path) -> AppContext:
    ctx = AppContext.open(tmp_path / "school", create=True)
    ctx.create_demo_school(staff=600, seed=4)
    yield ctx  # type: ignore[misc]
    ctx.close()


def test_a_roster_reports_its_pages_and_stops_with_nothing_written(big_school: AppContext, tmp_path: Path) -> None:
    from kaplc_desktop.reports.pdf.pdf_service import roster_pdf

    seen: list[tuple[int, int, str]] = []
    printed = roster_pdf(big_school, tmp_path / "all.pdf", progress=Progress(lambda *a: seen.append(a)))
    pages = [(done, total) for done, total, msg in seen if done]
    assert [d for d, _t in pages] == list(range(1, printed.pages + 1))  # every page, in order
    assert abs(pages[0][1] - printed.pages) <= 3  # the estimate was close from the start
    progress = Progress(lambda done, total, msg: progress.cancel() if done >= 5 else None)
    with pytest.raises(Cancelled):
        roster_pdf(big_school, tmp_path / "cancelled.pdf", progress=progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.pdf", "school"]  # no file, no temp file


def test_the_dialog_shows_page_n_of_N_and_cancel_leaves_no_file(
    qtbot: QtBot, big_school: AppContext, tmp_path: Path
) -> None:
    from kaplc_desktop.reports.pdf.pdf_service import roster_pdf
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.tasks import run_task

    make_application()
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    target = tmp_path / "roster.pdf"
    outcome: list[str] = []
    runner = run_task(
        parent,
        "พิมพ์",
        lambda progress: roster_pdf(big_school, target, progress=progress),
        lambda _r: outcome.append("done"),
        on_failed=lambda: outcome.append("stopped"),
    )
    dialog = runner.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and "จาก" in dialog.labelText() and dialog.value() >= 3, timeout=20000)
    assert "หน้า" in dialog.labelText() and dialog.maximum() > 10  # determinate: page n of about N
    QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    qtbot.waitUntil(lambda: bool(outcome), timeout=20000)
    assert outcome == ["stopped"]
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".roster")]
