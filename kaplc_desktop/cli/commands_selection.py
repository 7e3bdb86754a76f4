"""kaplc district rubric|reviewer|score|ranking|select: judging the schools' portfolios with a rubric, and recording
the selection (the decisions go back to the schools with their feedback bundles)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from ..i18n import N_, _, ngettext
from .output import emit_json, field_changes, output_file, say
from .record_commands import RecordCommands
from .workspace_access import open_district

ID_HELP = N_("the id, or its first characters (as listed)")


def register(district: Any) -> None:
    rubric = district.add_parser("rubric", help=_("scoring rubrics for the schools' portfolios"))
    r = rubric.add_subparsers(dest="rubric_action", metavar="ACTION", required=True, parser_class=type(rubric))
    lst = r.add_parser("list", help=_("list the rubrics with their criteria"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=rubric_list)
    add = r.add_parser("add", help=_("add a rubric"))
    add.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its value (repeatable): name, academic_year, level (district, region, national), category"),
    )
    add.add_argument(
        "--criterion",
        required=True,
        action="append",
        metavar="NAME|WEIGHT|HIGHEST",
        help=_("a criterion (repeatable, in order): its name, weight and highest score, e.g. “ความสำคัญของผลงาน|2|10”"),
    )
    add.set_defaults(handler=rubric_add)

    reviewer = district.add_parser("reviewer", help=_("the people who review the portfolios"))
    v = reviewer.add_subparsers(dest="reviewer_action", metavar="ACTION", required=True, parser_class=type(reviewer))
    lst = v.add_parser("list", help=_("list the reviewers"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=REVIEWERS.list)
    add = v.add_parser("add", help=_("add a reviewer"))
    add.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its value (repeatable): name, role, organisation, note"),
    )
    add.set_defaults(handler=REVIEWERS.add)

    score = district.add_parser("score", help=_("a reviewer's scores and comment on a portfolio"))
    score.add_argument("--rubric", required=True, metavar="ID", help=_(ID_HELP))
    score.add_argument(
        "--portfolio",
        required=True,
        metavar="ID",
        help=_("the portfolio's id or its first characters (kaplc district ranking)"),
    )
    score.add_argument("--reviewer", required=True, metavar="ID", help=_(ID_HELP))
    score.add_argument(
        "--score", required=True, action="append", metavar="N=SCORE", help=_("criterion N's score (repeatable): 1=8")
    )
    score.add_argument("--comment", default="", metavar="TEXT", help=_("the reviewer's comment"))
    score.set_defaults(handler=score_cmd)

    ranking = district.add_parser("ranking", help=_("the works of a rubric ranked by their reviewers' scores"))
    ranking.add_argument("rubric", metavar="ID", help=_(ID_HELP))
    ranking.add_argument("--xlsx", metavar="FILE.xlsx", help=_("also write the ranking to this Excel file"))
    ranking.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    ranking.set_defaults(handler=ranking_cmd)

    select = district.add_parser(
        "select", help=_("record the selection: the first N of the ranking selected, the other reviewed works not")
    )
    select.add_argument("rubric", metavar="ID", help=_(ID_HELP))
    select.add_argument("--top", required=True, type=int, metavar="N", help=_("how many works go on to the next level"))
    select.set_defaults(handler=select_cmd)


def rubric_list(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        rubrics = [(r, ctx.review_rubrics.criteria(r.id)) for r in ctx.review_rubrics.list()]
    if args.json:
        emit_json([{**r.to_json(), "criteria": [c.to_json() for c in criteria]} for r, criteria in rubrics])
        return 0
    for rubric, criteria in rubrics:
        category = f" · {rubric.display('category')}" if rubric.category else ""
        say(f"{rubric.id}  {rubric.name}  ·  {rubric.academic_year}  ·  {rubric.display('level')}{category}")
        for c in criteria:
            say(
                "    "
                + _("{n}. {name} (weight {weight}, highest {most})").format(
                    n=c.position + 1, name=c.name, weight=c.weight, most=c.max_score
                )
            )
    say(ngettext("{n} rubric.", "{n} rubrics.", len(rubrics)).format(n=len(rubrics)))
    return 0


def _criteria(items: list[str]) -> list[dict[str, object]]:
    from ..errors import KaplcError

    found = []
    for item in items:
        parts = [p.strip() for p in item.split("|")]
        if len(parts) != 3:
            raise KaplcError(_("Write each criterion as NAME|WEIGHT|HIGHEST, for example “ความสำคัญของผลงาน|2|10”."))
        found.append({"name": parts[0], "weight": parts[1], "max_score": parts[2]})
    return found


def rubric_add(args: argparse.Namespace) -> int:
    values = field_changes(args.set, "name=เกณฑ์ครูผู้สอนยอดเยี่ยม")
    with open_district(args) as ctx:
        ctx.review_rubrics.check_names(values)
        rubric = ctx.review_rubrics.save(values, _criteria(args.criterion))
    say(_("Rubric added: {id}  {name}").format(id=rubric.id, name=rubric.name))
    return 0


def _reviewer_line(r: Any) -> str:
    return "  ·  ".join([f"{r.id}  {r.name}", *(part for part in (r.role, r.organisation) if part)])


REVIEWERS = RecordCommands(
    lambda ctx: ctx.reviewers,
    _reviewer_line,
    "name=นางสาวมาลี_ศรีสุข",
    lambda n: ngettext("{n} reviewer.", "{n} reviewers.", n),
    lambda line: _("Reviewer added: {line}").format(line=line),
)


def _scores(items: list[str]) -> dict[int, object]:
    from ..errors import KaplcError

    found: dict[int, object] = {}
    for item in items:
        number, sep, value = item.partition("=")
        if not sep or not number.strip().isdigit() or int(number) < 1:
            raise KaplcError(_("Write each score as N=SCORE, the criterion's number from 1, for example 1=8."))
        if int(number) - 1 in found:
            raise KaplcError(_("Criterion {n} is scored twice; give each criterion one score.").format(n=number))
        found[int(number) - 1] = value.strip()
    return found


def score_cmd(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        rubric = ctx.review_rubrics.by_id_start(args.rubric)
        reviewer = ctx.reviewers.by_id_start(args.reviewer)
        work = ctx.portfolios.by_id_start(args.portfolio)
        review = ctx.portfolio_reviews.score(rubric.id, work.id, reviewer.id, _scores(args.score), args.comment)
        ranked = next(r for r in ctx.portfolio_reviews.ranking(rubric.id) if r.portfolio.id == review.portfolio_id)
    say(
        _("Saved: {reviewer}'s review; the work's score is now {total} of 100 (rank {rank}).").format(
            reviewer=reviewer.name,
            total=f"{ranked.total:.2f}" if ranked.total is not None else "–",
            rank=ranked.rank or "–",
        )
    )
    return 0


def ranking_cmd(args: argparse.Namespace) -> int:
    from .report_dashboards import show_tables

    xlsx = output_file(args.xlsx, ".xlsx") if args.xlsx is not None else None
    with open_district(args) as ctx:
        rubric = ctx.review_rubrics.by_id_start(args.rubric)
        table = ctx.portfolio_reviews.ranking_table(rubric.id)
    subtitle = f"{rubric.display('level')} · {rubric.academic_year}"
    return show_tables(args, [table], subtitle, xlsx, {"rubric": rubric.id})


def select_cmd(args: argparse.Namespace) -> int:
    with open_district(args) as ctx:
        rubric = ctx.review_rubrics.by_id_start(args.rubric)
        selected, not_selected = ctx.portfolio_reviews.select(rubric.id, args.top)
    say(
        _(
            "Recorded at the {level} level: {selected} selected, {other} not selected. The schools learn it with their "
            "next feedback bundle."
        ).format(level=rubric.display("level"), selected=selected, other=not_selected)
    )
    if selected > args.top:
        say(
            _("More than {top} were selected: works tied at the last place selected go on together.").format(
                top=args.top
            )
        )
    return 0


def register_forums(district: Any) -> None:
    forum = district.add_parser("forum", help=_("presentation forums of the selected works, and their programmes"))
    f = forum.add_subparsers(dest="forum_action", metavar="ACTION", required=True, parser_class=type(forum))
    lst = f.add_parser("list", help=_("list the forums with their sessions"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lst.set_defaults(handler=forum_list)
    add = f.add_parser("add", help=_("add a forum with its programme"))
    add.add_argument(
        "--set",
        required=True,
        action="append",
        metavar="FIELD=VALUE",
        help=_("a field and its value (repeatable): name, academic_year, level, held_on, venue, note"),
    )
    add.add_argument(
        "--session",
        action="append",
        default=[],
        metavar="START|END|WORK-OR-ITEM[|ROOM]",
        help=_(
            "a session (repeatable, in order): 09.00|09.20|the work's id (its first characters) or an item such "
            "as พิธีเปิด"
        ),
    )
    add.set_defaults(handler=forum_add)
    programme = f.add_parser("programme", help=_("print a forum's programme to PDF"))
    programme.add_argument("id", metavar="ID", help=_(ID_HELP))
    programme.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write the PDF"))
    programme.add_argument("--thai-digits", action="store_true", help=_("print numbers in Thai digits (๐–๙)"))
    programme.set_defaults(handler=forum_programme_cmd)


# a token like the start of a work's id (letters and digits, a digit among them): a mistyped id, never an item
_ID_START = re.compile(r"(?=[0-9A-Za-z-]*[0-9])[0-9A-Za-z-]{6,}")


def _sessions(ctx: Any, items: list[str]) -> list[dict[str, object]]:
    from ..errors import KaplcError, NotFoundError

    found: list[dict[str, object]] = []
    for item in items:
        parts = [p.strip() for p in item.split("|")]
        if len(parts) not in (3, 4):
            raise KaplcError(_("Write each session as START|END|WORK-OR-ITEM[|ROOM], for example 09.00|09.20|พิธีเปิด."))
        session: dict[str, object] = {
            "starts_at": parts[0],
            "ends_at": parts[1],
            "room": parts[3] if len(parts) == 4 else "",
        }
        try:
            session["portfolio_id"] = ctx.portfolios.by_id_start(parts[2]).id
        except NotFoundError:
            if _ID_START.fullmatch(parts[2]):  # meant as a work's id, mistyped: never printed as an item
                raise
            session["item"] = parts[2]  # not a work's id: an item of the programme (the opening, a break)
        found.append(session)
    return found


def forum_list(args: argparse.Namespace) -> int:
    from ..domain import buddhist_date

    with open_district(args) as ctx:
        forums = [(f, ctx.forums.programme(f.id)) for f in ctx.forums.list()]
    if args.json:
        emit_json([{**f.to_json(), "programme": [list(r) for r in rows]} for f, rows in forums])
        return 0
    for forum, rows in forums:
        say(f"{forum.id}  {forum.name}  ·  {buddhist_date.format_short(forum.held_on)}  ·  {forum.venue}")
        for row in rows:
            say("    " + "  ".join(part for part in row if part))
    say(ngettext("{n} forum.", "{n} forums.", len(forums)).format(n=len(forums)))
    return 0


def forum_add(args: argparse.Namespace) -> int:
    values = field_changes(args.set, "name=เวทีนำเสนอผลงานระดับเขต")
    with open_district(args) as ctx:
        ctx.forums.check_names(values)
        forum = ctx.forums.save(values, _sessions(ctx, args.session))
    say(_("Forum added: {id}  {name}").format(id=forum.id, name=forum.name))
    return 0


def forum_programme_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.district_pdf import forum_programme_pdf

    target = output_file(args.out, ".pdf")
    with open_district(args) as ctx:
        forum = ctx.forums.by_id_start(args.id)
        printed = forum_programme_pdf(ctx, forum.id, target, thai_digits=args.thai_digits)
    say(_("{pages} pages written to {path}.").format(pages=printed.pages, path=target))
    return 0
