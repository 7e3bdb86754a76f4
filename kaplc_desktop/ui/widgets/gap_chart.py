"""Expected against actual level per competency, as horizontal bars on the 1–5 scale: the school's gaps at a glance
(a grey bar to the expected level, a blue one to the level agreed; red where it falls short by a level or more)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...i18n import _

ROW = 30
LABEL_WIDTH = 330
TOP = 26
MAX_LEVEL = 5
EXPECTED = QColor("#c9c9c9")
ACTUAL = QColor("#2e75b6")
SHORT = QColor("#c0504d")


class GapChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gapChart")
        self.gaps: list[Any] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_gaps(self, gaps: Sequence[Any]) -> None:
        """CompetencyGap rows (label, expected, actual, rated)."""
        self.gaps = list(gaps)
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(700, TOP + ROW * max(len(self.gaps), 1) + 30)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        width = self.width()
        label_width = min(LABEL_WIDTH, width // 2)
        left = label_width + 12
        span = max(width - left - 110, 50)
        step = span / MAX_LEVEL
        painter.setPen(QPen(QColor("#888888")))
        for level in range(MAX_LEVEL + 1):
            x = left + level * step
            painter.drawLine(int(x), TOP - 4, int(x), TOP + ROW * len(self.gaps))
            painter.drawText(QRectF(x - 10, 2, 20, 18), Qt.AlignmentFlag.AlignCenter, str(level))
        if not self.gaps:
            painter.drawText(QRectF(0, TOP, width, ROW), Qt.AlignmentFlag.AlignCenter, _("Nobody has been rated yet."))
            return
        for n, gap in enumerate(self.gaps):
            y = TOP + n * ROW
            text = metrics.elidedText(gap.label, Qt.TextElideMode.ElideRight, label_width)
            painter.setPen(QPen(QColor("#000000")))
            painter.drawText(
                QRectF(0, y, label_width, ROW), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text
            )
            painter.fillRect(QRectF(left, y + 5, gap.expected * step, ROW - 10), EXPECTED)
            color = SHORT if gap.expected - gap.actual >= 1 else ACTUAL
            painter.fillRect(QRectF(left, y + 10, gap.actual * step, ROW - 20), color)
            painter.drawText(  # agreed/expected, and how many people the bar is of
                QRectF(left + span + 4, y, 106, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                _("{actual:.1f}/{expected:.1f} ({n})").format(actual=gap.actual, expected=gap.expected, n=gap.rated),
            )
        legend_y = TOP + len(self.gaps) * ROW + 6
        painter.fillRect(QRectF(left, legend_y + 4, 14, 10), EXPECTED)
        painter.drawText(QRectF(left + 18, legend_y, 150, 18), Qt.AlignmentFlag.AlignVCenter, _("Expected level"))
        painter.fillRect(QRectF(left + 170, legend_y + 4, 14, 10), ACTUAL)
        painter.drawText(QRectF(left + 188, legend_y, 150, 18), Qt.AlignmentFlag.AlignVCenter, _("Level agreed"))
        painter.fillRect(QRectF(left + 340, legend_y + 4, 14, 10), SHORT)
        painter.drawText(
            QRectF(left + 358, legend_y, 220, 18), Qt.AlignmentFlag.AlignVCenter, _("A level or more below")
        )
