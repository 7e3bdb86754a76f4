"""The window survives many signals and None-returning calls on Python 3.11 (PySide6 6.12 drops a reference to
True at each emit, and to None at each call that returns None)."""

from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
import sys
import kaplc_desktop.ui
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    ping = Signal()
    step = Signal(int, int, str)
sender = Sender()
sender.ping.connect(lambda: None)
sender.step.connect(lambda done, total, text: None)
for n in range(50_000):
    sender.ping.emit()
    sender.step.emit(n, 50_000, "x")
print("ok")
"""


def test_fifty_thousand_progress_signals_do_not_abort_the_program() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]


NONE_PROGRAM = """
import kaplc_desktop.ui
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidget
app = QApplication([])
combo = QComboBox()
combo.addItem("", None)
table = QTableWidget(2, 2)
for _ in range(100_000):
    combo.currentData()
    table.item(0, 0)
    table.cellWidget(1, 1)
print("ok")
"""


def test_a_hundred_thousand_calls_returning_none_do_not_abort_the_program() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", NONE_PROGRAM], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
