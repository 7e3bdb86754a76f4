"""Child process: the bare baseline — a PySide6 window showing the same rows read with plain sqlite3."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

COLUMNS = (
    "national_id",
    "first_name_th",
    "last_name_th",
    "first_name_en",
    "position",
    "academic_standing",
    "personnel_group",
    "learning_areas",
    "subject",
    "start_date",
    "status",
)


class Rows(QAbstractTableModel):
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None


def main() -> int:
    app = QApplication(sys.argv[:1])
    conn = sqlite3.connect(f"{sys.argv[1]}/kaplc.sqlite3")
    rows = conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM personnel WHERE deleted_at IS NULL ORDER BY first_name_th, last_name_th"
    ).fetchall()
    window = QMainWindow()
    view = QTableView()
    view.setModel(Rows(rows))
    window.setCentralWidget(view)
    window.resize(1280, 760)
    window.show()

    def done() -> None:
        view.viewport().repaint()
        app.quit()

    QTimer.singleShot(0, done)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
