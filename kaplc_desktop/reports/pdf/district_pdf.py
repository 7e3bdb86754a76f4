"""The district's summary report of a year as a PDF, from the same tables as the dashboards and the workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.dashboards.figures import Table, format_value
from ...services.workspace import require_district
from .pdf_service import Printed
from .render import render


def _headline(tables: dict[str, Table], year: int) -> list[tuple[str, str]]:
    """The key figures, each said from its table (the same numbers as the sheets)."""
    rates = tables["submission_rates"]
    district = next((r for r in rates.rows if r[0] == _("The whole district")), None)
    plc = tables["plc_by_position"]
    total = [sum(r[n] for r in plc.rows) for n in (1, 2, 3, 4)]
    lines = [(_("Schools on the district's list"), format_value(len(tables["submissions"].rows), "count"))]
    if district is not None and district[1]:
        lines.append(
            (
                _("Submissions received (on time)"),
                _("{received} of {due} due ({rate}); on time {on_time} ({on_time_rate})").format(
                    received=district[2],
                    due=district[1],
                    rate=format_value(district[3], "share"),
                    on_time=district[4],
                    on_time_rate=format_value(district[5], "share"),
                ),
            )
        )
    lines.append(
        (
            _("People with a PLC target"),
            _("{people}: target reached {reached}, on pace {pace}, behind {behind}").format(
                people=total[0], reached=total[1], pace=total[2], behind=total[3]
            ),
        )
    )
    needs = tables["needs_top"]
    if needs.rows:
        lines.append(
            (
                _("The need named most"),
                _("{topic} ({people} people)").format(topic=needs.rows[0][0], people=needs.rows[0][1]),
            )
        )
    gaps = tables["competency_gaps"]
    if gaps.rows:
        lines.append(
            (
                _("The largest competency gap"),
                f"{gaps.rows[0][0]} ({gaps.rows[0][1]}) {format_value(gaps.rows[0][5], 'level')}",
            )
        )
    pipeline = next((r for r in tables["portfolio_pipeline"].rows if r[0] == str(year)), None)
    if pipeline is not None:
        lines.append(
            (
                _("Portfolios sent to the district"),
                _("{sent}; selected: district {district}, region {region}, nation {nation}").format(
                    sent=pipeline[1], district=pipeline[2], region=pipeline[3], nation=pipeline[4]
                ),
            )
        )
    projects = tables["projects"]
    lines.append(
        (
            _("District projects planned"),
            _("{n} projects for {people} people").format(n=len(projects.rows), people=sum(r[3] for r in projects.rows)),
        )
    )
    return lines


def district_summary_pdf(
    ctx: Any, year: int, target: Path, thai_digits: bool = False, progress: Progress = NO_PROGRESS
) -> Printed:
    from ...services.submission_tracking import thai_today
    from .documents.district_docs import district_summary

    info = require_district(ctx.workspace.get())
    today = thai_today()
    tables = {t.key: t for t in ctx.dashboards.report(year, today)}
    tables.update({t.key: t for t in ctx.dashboards.dashboard("plc", year, "academic", today).tables})
    doc = district_summary(info.esa_name, year, _headline(tables, year), tables, thai_digits, today)
    return Printed(render(doc, target, progress))


def forum_programme_pdf(
    ctx: Any, forum_id: str, target: Path, thai_digits: bool = False, progress: Progress = NO_PROGRESS
) -> Printed:
    from .documents.forum_docs import forum_programme

    info = require_district(ctx.workspace.get())
    forum = ctx.forums.get(forum_id)
    doc = forum_programme(forum, info.esa_name, ctx.forums.programme(forum_id), thai_digits)
    return Printed(render(doc, target, progress))
