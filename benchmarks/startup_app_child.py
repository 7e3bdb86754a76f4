"""Child process: the real `kaplc-desktop` start-up, quitting once the Personnel page shows its first rows."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableView

from kaplc_desktop.ui.app import run


def quit_when_rows_show() -> None:
    app = QApplication.instance()
    tables = [w for w in app.topLevelWidgets() for w in w.findChildren(QTableView) if w.isVisible()]
    if tables and tables[0].model().rowCount() > 0:
        tables[0].viewport().repaint()
        app.quit()
    else:
        QTimer.singleShot(1, quit_when_rows_show)


if __name__ == "__main__":
    QApplication([sys.argv[0]])
    QTimer.singleShot(0, quit_when_rows_show)
    sys.exit(run(["--data-dir", sys.argv[1]]))
