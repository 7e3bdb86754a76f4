"""kaplc survey open|close|reopen|progress|gaps|export|import and kaplc idplan list|draft: the July survey and the
development plans drafted from it."""

from __future__ import annotations

import argparse
from typing import Any

from ..context import AppContext
from ..errors import KaplcError
from ..i18n import _, ngettext
from .output import emit_json, input_file, output_file, say
from .workspace_access import open_school


def _year(parser: Any, required: bool = True) -> None:
    parser.add_argument(
        "--year", type=int, required=required, metavar="YYYY", help=_("the academic year (B.E.), for example 2569")
    )


def register(sub: Any) -> None:
    survey = sub.add_parser("survey", help=_("the July competency and development needs survey"))
    actions = survey.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(survey))
    opened = actions.add_parser("open", help=_("open the survey of an academic year (July by default)"))
    _year(opened)
    opened.add_argument("--opens", metavar="DD/MM/YYYY", help=_("the first day (B.E.; default 1 July)"))
    opened.add_argument("--closes", metavar="DD/MM/YYYY", help=_("the last day (B.E.; default 31 July)"))
    opened.set_defaults(handler=open_cmd)
    close = actions.add_parser("close", help=_("close a survey round: its answers are frozen"))
    _year(close)
    close.set_defaults(handler=close_cmd)
    reopen = actions.add_parser("reopen", help=_("reopen a closed survey round so its answers can change"))
    _year(reopen)
    reopen.set_defaults(handler=reopen_cmd)
    progress = actions.add_parser("progress", help=_("where each person stands in the survey"))
    _year(progress)
    progress.set_defaults(handler=progress_cmd)
    gaps = actions.add_parser("gaps", help=_("the school's gaps per competency and its most named needs"))
    _year(gaps)
    gaps.add_argument("--person", metavar="ID", help=_("one person's gaps instead (id or national ID)"))
    gaps.set_defaults(handler=gaps_cmd)
    export = actions.add_parser("export", help=_("write the survey forms to an Excel workbook, a sheet per person"))
    export.add_argument("file", metavar="FILE.xlsx")
    _year(export)
    export.set_defaults(handler=export_cmd)
    imported = actions.add_parser("import", help=_("read a filled survey workbook back"))
    imported.add_argument("file", metavar="FILE.xlsx")
    imported.add_argument("--dry-run", action="store_true", help=_("only check the file; change nothing"))
    imported.set_defaults(handler=import_cmd)
    for parser in (progress, gaps, imported):
        parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))

    idplan = sub.add_parser("idplan", help=_("individual development plans (ID Plan)"))
    plans = idplan.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(idplan))
    listed = plans.add_parser("list", help=_("the development plans of a year"))
    _year(listed)
    listed.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listed.set_defaults(handler=plans_cmd)
    draft = plans.add_parser(
        "draft", help=_("make a person's plan from their survey (their largest gaps and their needs)")
    )
    _year(draft)
    draft.add_argument("--person", required=True, metavar="ID", help=_("the staff member's id or national ID"))
    draft.set_defaults(handler=draft_cmd)


def _round(ctx: AppContext, year: int) -> Any:
    _check_year(year)
    return ctx.survey.round_of(year)


def _check_year(year: int) -> None:
    if not 2500 <= year <= 2700:
        raise KaplcError(_("The year must be a Buddhist-Era year, for example 2569."))


def open_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        _check_year(args.year)
        opened = ctx.survey.open_round(args.year, args.opens, args.closes)
    say(
        _("The survey of {year} is open from {first} to {last}.").format(
            year=opened.academic_year, first=opened.display("opens_on"), last=opened.display("closes_on")
        )
    )
    return 0


def close_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        closed = ctx.survey.close_round(_round(ctx, args.year).id)
    say(_("The survey of {year} is closed; its answers are frozen.").format(year=closed.academic_year))
    return 0


def reopen_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        opened = ctx.survey.reopen_round(_round(ctx, args.year).id)
    say(_("The survey of {year} is open again.").format(year=opened.academic_year))
    return 0


def progress_cmd(args: argparse.Namespace) -> int:
    from ..services.survey import DONE, IN_PROGRESS, NOT_STARTED, status_label

    ctx, _info = open_school(args)
    with ctx:
        progress = ctx.survey.progress(_round(ctx, args.year).id)
    if args.json:
        emit_json(
            {
                "academic_year": progress.round.academic_year,
                "closed_on": progress.round.closed_on,
                "people": [
                    {
                        "person_id": s.person.id,
                        "name": s.name,
                        "competency_set": s.competency_set,
                        "status": s.status,
                        "self_rated": sum(r.self_level is not None for r in s.ratings),
                        "director_rated": sum(r.director_level is not None for r in s.ratings),
                        "competencies": len(s.ratings),
                        "needs": len(s.needs),
                    }
                    for s in progress.sheets
                ],
            }
        )
        return 0
    say("\t".join([_("Name"), _("Status"), _("Self rating"), _("Director's rating"), _("Needs")]))
    for s in progress.sheets:
        n = len(s.ratings)
        self_rated = sum(r.self_level is not None for r in s.ratings)
        director = sum(r.director_level is not None for r in s.ratings)
        say("\t".join([s.name, status_label(s.status), f"{self_rated}/{n}", f"{director}/{n}", str(len(s.needs))]))
    say(
        _("Done {done}, in progress {busy}, not started {idle}.").format(
            done=progress.count(DONE), busy=progress.count(IN_PROGRESS), idle=progress.count(NOT_STARTED)
        )
    )
    return 0


def gaps_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        round_ = _round(ctx, args.year)
        if args.person:
            sheet = ctx.survey.sheet(round_.id, ctx.personnel.find_id(args.person))
            return _person_gaps(sheet, args.json)
        view = ctx.survey.school_view(round_.id)
    if args.json:
        emit_json(
            {
                "academic_year": round_.academic_year,
                "competencies": [
                    {
                        "competency": g.competency,
                        "label": g.label,
                        "rated": g.rated,
                        "expected": round(g.expected, 2),
                        "actual": round(g.actual, 2),
                        "gap": round(g.gap, 2),
                        "below": g.below,
                    }
                    for g in view.gaps
                ],
                "needs": [
                    {
                        "topic": n.topic,
                        "count": n.count,
                        "priority": round(n.priority, 2),
                        "urgent": n.urgent,
                        "method": n.method,
                    }
                    for n in view.needs
                ],
            }
        )
        return 0
    say(_("Competencies, largest gap first:"))
    say("\t".join([_("Competency"), _("Rated"), _("Expected"), _("Actual"), _("Gap"), _("Below expected")]))
    for g in view.gaps:
        say("\t".join([g.label, str(g.rated), f"{g.expected:.2f}", f"{g.actual:.2f}", f"{g.gap:.2f}", str(g.below)]))
    if not view.gaps:
        say(_("Nobody has been rated yet."))
    say()
    say(_("Most named needs:"))
    for n in view.needs:
        say(
            ngettext(
                "{topic}: {n} person, priority {p:.1f}, mostly {way}",
                "{topic}: {n} people, priority {p:.1f}, mostly {way}",
                n.count,
            ).format(topic=n.topic, n=n.count, p=n.priority, way=n.method_label)
        )
    if not view.needs:
        say(_("No needs have been named yet."))
    return 0


def _person_gaps(sheet: Any, as_json: bool) -> int:
    if as_json:
        emit_json(
            {
                "person_id": sheet.person.id,
                "name": sheet.name,
                "status": sheet.status,
                "ratings": [
                    {
                        "competency": r.competency,
                        "label": r.label,
                        "expected_level": r.expected_level,
                        "self_level": r.self_level,
                        "director_level": r.director_level,
                        "gap": r.gap,
                    }
                    for r in sheet.ratings
                ],
                "needs": [
                    {"topic": n.topic, "competency": n.competency, "priority": n.priority, "method": n.method}
                    for n in sheet.needs
                ],
            }
        )
        return 0
    say(sheet.name)
    say("\t".join([_("Competency"), _("Expected level"), _("Self rating"), _("Director's rating"), _("Gap")]))
    for r in sheet.ratings:
        cells = [r.expected_level, r.self_level, r.director_level, r.gap]
        say("\t".join([r.label, *("" if v is None else str(v) for v in cells)]))
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    from ..services.survey_exchange import export_survey

    target = output_file(args.file, ".xlsx")
    ctx, info = open_school(args)
    with ctx:
        _round(ctx, args.year)
        settings = ctx.district_settings.for_year(args.year)
        topics = settings.needs_topics if settings else ()
        n = export_survey(ctx.survey, (info.owner_code, info.school_name or ""), target, args.year, topics)
    say(
        ngettext(
            "The survey form of {n} person was written to {path}.",
            "The survey forms of {n} people were written to {path}.",
            n,
        ).format(n=n, path=target)
    )
    return 0


def import_cmd(args: argparse.Namespace) -> int:
    from ..services.survey_exchange import import_survey

    source = input_file(args.file)
    ctx, info = open_school(args)
    with ctx:
        report = import_survey(ctx.survey, info.owner_code, source, dry_run=args.dry_run)
    if args.json:
        emit_json(report.to_json())
    else:
        for problem in report.problems:
            say(problem)
        say(
            _("{sheets} sheets read: {changed} changed, {same} as exported.").format(
                sheets=report.sheets, changed=len(report.changed), same=report.unchanged
            )
        )
        if report.problems:
            say(_("Nothing was imported. Correct the cells listed above and import the file again."))
        elif report.imported:
            say(_("The answers of {n} people were imported.").format(n=len(report.changed)))
        elif args.dry_run:
            say(_("Checked only (--dry-run); nothing was changed."))
        else:
            say(_("Nothing to import: every sheet is as the app holds it."))
    return 1 if report.problems else 0


def plans_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        _check_year(args.year)
        names = {p.id: p.full_name_th for p in ctx.personnel.list()}
        plans = [(p, ctx.id_plans.activities(p.id)) for p in ctx.id_plans.plans(args.year)]
    plans.sort(key=lambda item: names.get(item[0].person_id, ""))
    if args.json:
        emit_json(
            [
                {
                    "id": p.id,
                    "person_id": p.person_id,
                    "name": names.get(p.person_id, ""),
                    "academic_year": p.academic_year,
                    "progress": p.progress,
                    "approved_on": p.approved_on,
                    "activities": [
                        {"topic": a.topic, "competency": a.competency, "method": a.method, "status": a.status}
                        for a in activities
                    ],
                }
                for p, activities in plans
            ]
        )
        return 0
    for p, activities in plans:
        approved = _("approved {date}").format(date=p.display("approved_on")) if p.approved_on else _("not approved")
        say(f"{names.get(p.person_id, '')}\t{p.progress}%\t{len(activities)}\t{approved}")
    say(ngettext("{n} development plan.", "{n} development plans.", len(plans)).format(n=len(plans)))
    return 0


def draft_cmd(args: argparse.Namespace) -> int:
    ctx, _info = open_school(args)
    with ctx:
        _check_year(args.year)
        person_id = ctx.personnel.find_id(args.person)
        draft = ctx.id_plans.draft(person_id, args.year, ctx.survey)
        if draft.plan is not None:
            raise KaplcError(
                _("{name} already has a development plan for {year}; change it in the app.").format(
                    name=draft.name, year=args.year
                )
            )
        if not draft.activities:
            raise KaplcError(
                _("{name}'s survey of {year} shows no gap and no need yet; there is nothing to draft from.").format(
                    name=draft.name, year=args.year
                )
            )
        ctx.id_plans.save(person_id, args.year, draft.values, list(draft.activities))
    say(
        ngettext(
            "A development plan for {name} was made with {n} activity.",
            "A development plan for {name} was made with {n} activities.",
            len(draft.activities),
        ).format(name=draft.name, n=len(draft.activities))
    )
    return 0
