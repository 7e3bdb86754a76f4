"""A dashboard table drawn with QtCharts: horizontal bars (long Thai names read along their bar), one set per value
column, stacked where the parts make a whole (reached, on pace, behind). The first rows of the table are charted,
top to bottom in the table's order; the table beside it holds every row and every figure."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ...i18n import _
from ...services.dashboards.figures import Table
from .thai_text import plain_label

# colours that say something: reached green, on pace blue, behind red; otherwise a calm set
MEANING = {"reached": "#3a8f4b", "on_pace": "#2e75b6", "behind": "#c0504d"}
PALETTE = ("#2e75b6", "#ed7d31", "#70ad47", "#7f6aa6", "#c9a227", "#4bacc6", "#a5a5a5", "#264478", "#9e480e")
BAR_HEIGHT = 32  # a Thai label with marks above and below needs this much, or Qt hides it as …
LABEL_CHARS = 48  # a longer name is cut with … on the axis (the table shows it whole)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _unique(table: Table, rows: tuple[tuple[object, ...], ...]) -> list[str]:
    """The bars' names, each once (an axis of categories merges equal names, and the bars would then stand by the
    wrong name): a repeated name takes the row's next text column (a competency's set), else a number."""
    spec = table.chart
    assert spec is not None
    col = table.column(spec.category)
    names = [str(r[col]) for r in rows]
    texts = [n for n, c in enumerate(table.columns) if c.kind == "text" and n != col]
    found: list[str] = []
    for row, name in zip(rows, names, strict=True):
        if names.count(name) > 1 and texts:
            name = f"{name} ({row[texts[0]]})"
        name = _short(name)
        while name in found:
            name += " ·"
        found.append(name)
    return found


def dashboard_chart(table: Table, on_click: Callable[[int], None] | None = None) -> QWidget:
    """`on_click(row)`: a bar was clicked; `row` is the table's row it stands for."""
    spec = table.chart
    assert spec is not None
    charted = list(reversed(spec.charted(table)))  # a horizontal chart draws its first category at the bottom
    rows = tuple(table.rows[n] for n in charted)
    names = _unique(table, rows)
    series = QHorizontalStackedBarSeries() if spec.kind == "stacked" else QHorizontalBarSeries()
    largest = 0.0
    for n, key in enumerate(spec.values):
        col = table.column(key)
        bar_set = QBarSet(table.columns[col].label)
        bar_set.setColor(QColor(MEANING.get(key, PALETTE[n % len(PALETTE)])))
        for row in rows:
            bar_set.append(float(row[col] or 0))
        if on_click is not None:
            bar_set.clicked.connect(lambda index: on_click(charted[index]))
        series.append(bar_set)
        largest = max(largest, max((float(r[col] or 0) for r in rows), default=0.0))
    if spec.kind == "stacked":
        largest = max((sum(float(r[table.column(k)] or 0) for k in spec.values) for r in rows), default=0.0)
    chart = QChart()
    chart.addSeries(series)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    categories = QBarCategoryAxis()
    categories.append(names)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values = QValueAxis()
    values.setRange(0, largest * 1.05 if largest > 0 else 1)
    values.setLabelFormat("%.0f" if largest >= 10 else "%.1f")
    values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    chart.legend().setVisible(len(spec.values) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)  # in sight without scrolling a long chart
    chart.setMargins(chart.margins().__class__(4, 4, 4, 4))
    view = QChartView(chart)
    view.setObjectName("dashboardChart")
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    legend_rows = (len(spec.values) + 2) // 3 if len(spec.values) > 1 else 0  # about three names to a line
    view.setMinimumHeight(90 + BAR_HEIGHT * len(rows) + 30 * legend_rows)
    scroll = QScrollArea()  # taller than the room left on a laptop's screen: scrolled, never squeezed into "…"
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(view)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    if len(charted) < len(table.rows):
        caption = plain_label(_chart_caption(table, len(charted)))
        caption.setStyleSheet("color: #555;")
        layout.addWidget(caption)
    layout.addWidget(scroll, 1)
    return holder


def _chart_caption(table: Table, shown: int) -> str:
    spec = table.chart
    assert spec is not None
    if spec.ranked_by is not None:
        return _("The chart shows the {n} rows with the most “{column}”; the Table tab lists all {total}.").format(
            n=shown, column=table.columns[table.column(spec.ranked_by)].label, total=len(table.rows)
        )
    return _("The chart shows the first {n} rows; the Table tab lists all {total}.").format(
        n=shown, total=len(table.rows)
    )
