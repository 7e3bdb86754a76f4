"""kaplc pdf roster|person|specimen: Thai PDFs from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KaplcError
from ..i18n import _
from .be_year import be_year
from .output import input_file, output_file, say
from .workspace_access import open_context

if TYPE_CHECKING:
    from ..reports.pdf.pdf_service import Printed


def register(sub: Any) -> None:
    pdf = sub.add_parser("pdf", help=_("print documents to PDF"))
    p = pdf.add_subparsers(dest="document", metavar="DOCUMENT", required=True, parser_class=type(pdf))
    roster = p.add_parser("roster", help=_("the personnel roster"))
    roster.add_argument(
        "--include-inactive", action="store_true", help=_("also list staff who moved or retired (with their status)")
    )
    person = p.add_parser("person", help=_("one staff member's record sheet"))
    person.add_argument(
        "--id", required=True, help=_("the staff member's id (kaplc personnel list --json) or national ID")
    )
    specimen = p.add_parser("specimen", help=_("a Thai type specimen (to check printing)"))
    specimen.add_argument("--image", help=_("an image file to include"))
    log = p.add_parser("plc-log", help=_("the activity log of one PLC meeting"))
    log.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting's id (kaplc plc meetings --json)"))
    report = p.add_parser("plc-report", help=_("a PLC group's semester report memo to the director"))
    report.add_argument("--group", required=True, metavar="ID", help=_("the group's id (kaplc plc groups --json)"))
    report.add_argument("--semester", required=True, type=int, choices=(1, 2), help=_("the semester, 1 or 2"))
    hours = p.add_parser("plc-hours", help=_("one person's PLC hours in a year, meeting by meeting"))
    hours.add_argument("--person", required=True, metavar="ID", help=_("the staff member's id or national ID"))
    hours.add_argument("--year", type=be_year, metavar="YYYY", help=_("the academic year (B.E.; default: this one)"))
    hours.add_argument("--fiscal", action="store_true", help=_("the fiscal year (1 Oct – 30 Sep) instead"))
    plan = p.add_parser("id-plan", help=_("a person's individual development plan (ID Plan) of a year"))
    plan.add_argument("--person", required=True, metavar="ID", help=_("the staff member's id or national ID"))
    plan.add_argument("--year", required=True, type=be_year, metavar="YYYY", help=_("the academic year (B.E.)"))
    form = p.add_parser("survey-form", help=_("a person's survey form of a year, filled in or blank"))
    form.add_argument("--year", required=True, type=be_year, metavar="YYYY", help=_("the academic year (B.E.)"))
    form.add_argument("--person", metavar="ID", help=_("the staff member (default: a blank form for anyone)"))
    form.add_argument("--blank", action="store_true", help=_("leave the answers empty, to fill in by hand"))
    folio = p.add_parser("portfolio", help=_("a showcase portfolio: cover, contents, sections, awards, evidence"))
    folio.add_argument("--id", required=True, help=_("the portfolio's id (kaplc portfolio list --json)"))
    summary = p.add_parser("district-summary", help=_("the district's summary report of an academic year (district)"))
    summary.add_argument("--year", type=be_year, metavar="YYYY", help=_("the academic year (B.E.; default: this one)"))
    documents = (
        (roster, roster_cmd),
        (person, person_cmd),
        (specimen, specimen_cmd),
        (log, plc_log_cmd),
        (report, plc_report_cmd),
        (hours, plc_hours_cmd),
        (plan, id_plan_cmd),
        (form, survey_form_cmd),
        (folio, portfolio_cmd),
        (summary, district_summary_cmd),
    )
    for parser, handler in documents:
        parser.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write the PDF"))
        parser.add_argument("--thai-digits", action="store_true", help=_("print numbers in Thai digits (๐–๙)"))
        parser.set_defaults(handler=handler)


def _done(path: Path, printed: Printed) -> int:
    say(_("{pages} pages written to {path}.").format(pages=printed.pages, path=path))
    for line in printed.warnings:
        say(_("Note: {message}").format(message=line))
    return 0


def roster_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.pdf_service import roster_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        rows = ctx.personnel.list() if args.include_inactive else None  # None: the staff working here
        return _done(target, roster_pdf(ctx, target, rows, thai_digits=args.thai_digits))


def person_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.pdf_service import person_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        person_id = ctx.personnel.find_id(args.id)
        return _done(target, person_pdf(ctx, person_id, target, thai_digits=args.thai_digits))


def specimen_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.pdf_service import specimen_pdf

    target = output_file(args.out, ".pdf")
    image = input_file(args.image) if args.image else None  # a missing picture is said, not silently left out
    return _done(target, specimen_pdf(target, image, thai_digits=args.thai_digits))


def plc_log_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.plc_pdf import plc_log_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        return _done(target, plc_log_pdf(ctx, args.meeting, target, thai_digits=args.thai_digits))


def plc_report_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.plc_pdf import plc_report_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        return _done(target, plc_report_pdf(ctx, args.group, args.semester, target, thai_digits=args.thai_digits))


def plc_hours_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.plc_pdf import plc_hours_pdf

    target = output_file(args.out, ".pdf")
    period = "fiscal" if args.fiscal else "academic"
    with open_context(args) as ctx:
        year = args.year or ctx.plc_hours.current_year(period)
        if not 2500 <= year <= 2700:
            raise KaplcError(_("The year must be a Buddhist-Era year, for example 2569."))
        return _done(target, plc_hours_pdf(ctx, args.person, year, target, period, thai_digits=args.thai_digits))


def _year(year: int) -> int:
    if not 2500 <= year <= 2700:
        raise KaplcError(_("The year must be a Buddhist-Era year, for example 2569."))
    return year


def id_plan_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.development_pdf import id_plan_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        return _done(target, id_plan_pdf(ctx, args.person, _year(args.year), target, thai_digits=args.thai_digits))


def survey_form_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.development_pdf import survey_form_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        printed = survey_form_pdf(
            ctx, _year(args.year), args.person, target, blank=args.blank, thai_digits=args.thai_digits
        )
        return _done(target, printed)


def portfolio_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.portfolio_pdf import portfolio_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        return _done(target, portfolio_pdf(ctx, ctx.portfolios.find_id(args.id), target, thai_digits=args.thai_digits))


def district_summary_cmd(args: argparse.Namespace) -> int:
    from ..domain.thai_years import academic_year
    from ..reports.pdf.district_pdf import district_summary_pdf
    from ..services.submission_tracking import thai_today
    from .workspace_access import open_district

    target = output_file(args.out, ".pdf")
    year = args.year if args.year is not None else academic_year(thai_today())
    with open_district(args) as ctx:
        return _done(target, district_summary_pdf(ctx, year, target, thai_digits=args.thai_digits))
