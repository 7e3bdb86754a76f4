"""A dashboard's table, said once: its columns (with what kind of number each holds), its rows, and the chart that
draws it. The window, the command line, JSON and Excel all read this, so a figure never differs between them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ...domain import vocabularies
from ...i18n import N_, _

SHEET_NAMES = {
    "submissions": N_("Who sent what"),
    "submission_rates": N_("Reporting rates"),
    "plc_schools": N_("PLC per school"),
    "plc_people": N_("PLC per person"),
    "plc_behind": N_("PLC behind"),
    "plc_histogram": N_("PLC hours spread"),
    "plc_by_position": N_("PLC by position"),
    "plc_by_standing": N_("PLC by standing"),
    "needs_top": N_("Top needs"),
    "needs_by_position": N_("Needs by position"),
    "needs_by_learning_area": N_("Needs by learning area"),
    "needs_by_competency": N_("Needs by competency (sheet)"),
    "needs_people": N_("Target list"),
    "projects": N_("District projects"),
    "project_people_all": N_("Project target lists"),
    "project_people": N_("Target list"),
    "competency_gaps": N_("Competency gaps"),
    "portfolio_pipeline": N_("Portfolios by year"),
    "awards_by_school": N_("Awards by school"),
    "portfolio_categories": N_("Portfolios by category"),
    "portfolio_roster": N_("Portfolio roster"),
}

ColumnKind = Literal["text", "count", "hours", "level", "share"]
ChartKind = Literal["bars", "stacked", "heatmap"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"  # count: a whole number; hours: hours; level: a level out of 5; share: 0–1


@dataclass(frozen=True)
class Chart:
    """How the table is drawn: bars (one per row, a bar set per value column), bars stacked, or a heatmap (the
    value columns as a grid, coloured by size)."""

    kind: ChartKind
    category: str  # the column naming each row
    values: tuple[str, ...]
    rows_shown: int = 15  # a long table charts its first rows; the table shows them all
    ranked_by: str | None = None  # chart the rows largest in this column instead of the first ones

    def charted(self, table: Table) -> list[int]:
        """The table's rows the chart draws, in the order drawn top to bottom."""
        order = list(range(len(table.rows)))
        if self.ranked_by is not None:  # a row with nothing to rank by (a school with no data) has no bar
            col = table.column(self.ranked_by)
            order = sorted((n for n in order if table.rows[n][col] is not None), key=lambda n: -table.rows[n][col])
        return order[: self.rows_shown] if self.rows_shown else order


@dataclass(frozen=True)
class Table:
    key: str  # stable: the sheet, the command line's choice, the JSON
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    chart: Chart | None = None
    note: str = ""  # what the figures count, shown under the title
    row_ids: tuple[str, ...] = field(default=())  # what each row stands for (a topic, a school), when it is chosen

    @property
    def sheet(self) -> str:
        """A short name for its sheet in a workbook (Excel allows 31 characters; the title stands in row 1)."""
        if self.key.startswith("competency_heatmap_"):
            return _("Gaps: {set}").format(set=vocabularies.label("competency_set", self.key.rsplit("_", 1)[-1]))
        short = SHEET_NAMES.get(self.key)
        return _(short) if short else self.title

    def column(self, key: str) -> int:
        return next(n for n, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list[Any]:
        n = self.column(key)
        return [row[n] for row in self.rows]

    def text(self, row: int, col: int) -> str:
        return format_value(self.rows[row][col], self.columns[col].kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "note": self.note,
            "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in self.columns],
            "rows": [{c.key: _plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows],
        }


def format_value(value: Any, kind: ColumnKind) -> str:
    """A cell as the window and the command line show it: hours as 12.5, shares as 37%, levels to two places."""
    if value is None:
        return "–"
    if kind == "hours":  # as Excel shows 0.00: 30.2917 is 30.29 (rounding to the minute first made it 30.3)
        return f"{value:.2f}"
    if kind == "share":
        return f"{value:.0%}"
    if kind == "level":
        return f"{value:.2f}"
    if kind == "count":
        return f"{value:,}"
    return str(value)


def _plain(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def vocabulary_order(vocabulary: str) -> Callable[[str], tuple[int, str]]:
    """Sorts codes as the vocabulary lists them (unknown codes and "" last)."""
    codes = {code: n for n, code in enumerate(vocabularies.codes(vocabulary))}
    return lambda code: (codes.get(code, len(codes)), code)


HEATMAP_FULL = 2.0  # a gap of two levels is the deepest colour


def heat_rgb(value: float) -> tuple[int, int, int]:
    """A heatmap cell's colour: white at 0, deep red at HEATMAP_FULL or more (the window and Excel alike)."""
    part = max(0.0, min(1.0, value / HEATMAP_FULL))
    return 255, round(255 * (1 - 0.55 * part)), round(255 * (1 - 0.6 * part))
