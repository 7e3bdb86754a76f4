"""A table that cuts a row across pages only when the row is taller than a whole page.

ReportLab's splitInRow (needed so a 10,000-character cell can still print) also cuts rows that would fit on the
next page, and it ignores NOSPLIT while doing so: a roster whose last rows are kept with the signature was cut
into a stack of repeated header rows with empty slivers of one row between them (measured on a 39-person roster).
Here a row that fits a fresh page moves there whole; only a taller one is cut.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def page_table_class(frame_height: float) -> Any:
    from reportlab.platypus import Table

    class PageTable(Table):  # type: ignore[misc]
        def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Any]:
            # Table.split tries between rows first, then (splitInRow) inside one: only for a row taller than a page
            taller = self._row_taller_than_a_page(availHeight)
            if doInRowSplit and not taller:
                return []  # the rest of the table moves to the next page
            if not doInRowSplit and taller and self.splitInRow:
                # the next row is taller than a page: it starts here, cut inside, rather than after a repeated
                # header further down this page (found by the attacker: two header rows on one page)
                return super()._splitRows(availHeight, 1) or super()._splitRows(availHeight, 0)
            return super()._splitRows(availHeight, doInRowSplit)

        def _row_taller_than_a_page(self, availHeight: float) -> bool:
            n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
            heights = self._rowHeights
            if n >= len(heights):
                return False
            repeat = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
            return heights[n] + sum(heights[:repeat]) > frame_height

    return PageTable
