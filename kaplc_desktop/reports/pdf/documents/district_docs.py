"""The district's summary report of an academic year: the figures a district director reads first (reporting rates,
PLC hours, the top needs and gaps, portfolios, the projects planned), each section a table of the dashboards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ....i18n import _
from ....services.dashboards.figures import Table
from ..blocks import Block, Document, Heading, Keep, KeyValues, Para, Signature, Signatures, Spacer, Title
from ..blocks import Table as TableBlock

SHOWN = 10  # the rows a section prints of a long table (the workbook holds them all)


def table_block(table: Table, limit: int | None = SHOWN, columns: Sequence[str] | None = None) -> Block:
    """A dashboard table as a printed one: its first rows, numbers right-aligned, widths by what the columns hold."""
    keys = list(columns) if columns is not None else [c.key for c in table.columns]
    cols = [table.column(k) for k in keys]
    rows = range(len(table.rows) if limit is None else min(limit, len(table.rows)))
    body = tuple(tuple(table.text(r, c) for c in cols) for r in rows)
    if not body:
        return Para.of(_("Nothing to count yet."))
    # a number's heading (ทันตามกำหนด) needs room to break between words, never inside one
    weights = [2.6 if table.columns[c].kind == "text" else 1.8 for c in cols]
    return TableBlock(
        tuple(table.columns[c].label for c in cols),
        body,
        widths=tuple(w / sum(weights) for w in weights),
        align_right=frozenset(n for n, c in enumerate(cols) if table.columns[c].kind != "text"),
    )


def _section(
    title: str, table: Table, limit: int | None = SHOWN, columns: Sequence[str] | None = None, note: bool = True
) -> list[Block]:
    """`note`: print what the table counts (not where it only tells the window's user what to click). A section is
    kept on one page: its heading never stands alone at the foot of one."""
    blocks: list[Block] = [Heading(title, contents=True)]
    if table.note and note:
        blocks.append(Para.of(table.note))
    blocks.append(table_block(table, limit, columns))
    if limit is not None and len(table.rows) > limit:
        blocks.append(
            Para.of(
                _("The first {n} of {total} rows; the Excel report lists all.").format(n=limit, total=len(table.rows))
            )
        )
    return [Keep(tuple(blocks)), Spacer(0.3)]


def district_summary(
    office: str,
    year: int,
    headline: Sequence[tuple[str, str]],
    tables: dict[str, Table],
    thai_digits: bool = False,
    today: dt.date | None = None,
) -> Document:
    """`headline`: the key figures (label, value); `tables`: the dashboards' and the report's tables by key."""
    from ..render import today_long

    blocks: list[Block] = [
        Title(_("Teacher development summary, academic year {year}").format(year=year), office),
        KeyValues(tuple(headline), label_share=0.5),
        Spacer(0.4),
        *_section(_("Reporting rates"), tables["submission_rates"], None),
        *_section(_("PLC hours by position"), tables["plc_by_position"], None),
        *_section(
            _("The district's top development needs"),
            tables["needs_top"],
            SHOWN,
            ("topic", "people", "schools", "priority", "method"),
            note=False,
        ),
        *_section(
            _("Competency gaps across the district"),
            tables["competency_gaps"],
            SHOWN,
            ("competency", "set", "rated", "gap", "below_share"),
        ),
        *_section(
            _("Portfolios from sending to the national level, by year"),
            tables["portfolio_pipeline"],
            SHOWN,
            ("year", "sent", "selected_district", "selected_region", "selected_national"),
        ),
        *_section(
            tables["projects"].title,
            tables["projects"],
            None,
            ("name", "need", "people", "schools", "budget", "status"),
        ),
        Spacer(0.6),
        Signatures((Signature(label=_("Reported by")), Signature(label=_("Approved by")))),
        Para.of(_("Printed on {day} by KA-PLC Desktop.").format(day=today_long(thai_digits, today))),
    ]
    return Document(
        title=_("Teacher development summary, academic year {year}").format(year=year),
        blocks=blocks,
        author=office,
        header=office,
        subject=_("Teacher development summary"),
        thai_digits=thai_digits,
    )
