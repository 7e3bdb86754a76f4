"""Portfolio review and selection on the small district of dashboard_support, checked against totals worked out by
hand.

The rubric: importance (weight 2, highest 10), process (weight 3, highest 20), results for students (weight 5,
highest 10); the weights sum to 10. A review's total is Σ weight × score / highest ÷ 10 × 100:
- B's first work: reviewer 1 gives 8, 15, 9 → (1.6 + 2.25 + 4.5) × 10 = 83.5; reviewer 2 gives 7, 18, 8 →
  (1.4 + 2.7 + 4.0) × 10 = 81; its score is their mean, 82.25.
- B's second: reviewer 1 gives 10, 20, 10 → 100.
- A's work: reviewer 1 gives 5, 10, 5 → (1.0 + 1.5 + 2.5) × 10 = 50.
B's draft is never judged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dashboard_support import dashboard_world
from development_support import TODAY

from kaplc_desktop.cli.main import main
from kaplc_desktop.errors import KaplcError, ValidationError, WorkspaceError
from kaplc_desktop.i18n import _

pytestmark = pytest.mark.both_databases

CRITERIA = (
    {"name": "ความสำคัญของผลงาน", "weight": "2", "max_score": "10"},
    {"name": "กระบวนการ", "weight": "3", "max_score": "20"},
    {"name": "ผลที่เกิดกับผู้เรียน", "weight": "5", "max_score": "10"},
)


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = dashboard_world(tmp_path)
    ctx = made["district"].ctx
    made["rubric"] = ctx.review_rubrics.save(
        {"name": "เกณฑ์ผลงานเด่น 2569", "academic_year": "2569", "level": "region"}, CRITERIA, today=TODAY
    )
    made["r1"] = ctx.reviewers.add({"name": "นางมาลี ศรีสุข", "role": "ศึกษานิเทศก์"})
    made["r2"] = ctx.reviewers.add({"name": "นายสมชาย ใจดี"})
    works = {p.name: p for p in ctx.portfolios.list()}
    made["b_first"], made["b_second"], made["a_work"] = works["คณิตคิดเร็ว"], works["ห้องเรียนกลับด้าน"], works["อ่านออกเขียนได้"]
    made["draft"] = works["ร่างยังไม่ส่ง"]
    yield made
    for side in (made["a"], made["b"], made["district"]):
        side.close()


def _score(world: dict[str, Any], work: str, reviewer: str, *scores: object, comment: str = "") -> Any:
    ctx = world["district"].ctx
    given = dict(enumerate(scores))
    return ctx.portfolio_reviews.score(world["rubric"].id, world[work].id, world[reviewer].id, given, comment, TODAY)


def _scored(world: dict[str, Any]) -> None:
    _score(world, "b_first", "r1", 8, 15, 9, comment="กระบวนการชัดเจน")
    _score(world, "b_first", "r2", 7, 18, 8)
    _score(world, "b_second", "r1", 10, 20, 10)
    _score(world, "a_work", "r1", 5, 10, 5)


def test_the_ranking_is_as_worked_out_by_hand(world: dict[str, Any]) -> None:
    _scored(world)
    ranking = world["district"].ctx.portfolio_reviews.ranking(world["rubric"].id)
    assert [(r.portfolio.name, r.rank, r.total) for r in ranking] == [
        ("ห้องเรียนกลับด้าน", 1, pytest.approx(100)),
        ("คณิตคิดเร็ว", 2, pytest.approx(82.25)),
        ("อ่านออกเขียนได้", 3, pytest.approx(50)),
    ]
    assert world["draft"].id not in {r.portfolio.id for r in ranking}
    # a reviewer who changes their mind replaces their review; the work's score follows
    _score(world, "b_first", "r2", 10, 20, 10)
    again = world["district"].ctx.portfolio_reviews.ranking(world["rubric"].id)
    first = next(r for r in again if r.portfolio.name == "คณิตคิดเร็ว")
    assert first.totals == (pytest.approx(83.5), pytest.approx(100)) and first.total == pytest.approx(91.75)


def test_scores_out_of_range_missing_or_for_the_wrong_work_are_refused(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        _score(world, "b_first", "r1", 11, 15, 9)  # the first criterion's highest is 10
    assert "10" in str(refused.value)
    with pytest.raises(ValidationError):
        _score(world, "b_first", "r1", 8, 15)  # the third criterion left out
    with pytest.raises(ValidationError):
        _score(world, "b_first", "r1", 8, 15, 9, 4)  # a fourth criterion the rubric does not have
    with pytest.raises(ValidationError):
        _score(world, "b_first", "r1", -1, 15, 9)
    with pytest.raises(KaplcError):
        _score(world, "draft", "r1", 8, 15, 9)  # a draft was never sent to the district
    with pytest.raises(ValidationError):  # a rubric needs criteria, each with a name and a weight in range
        world["district"].ctx.review_rubrics.save({"name": "x", "academic_year": "2569"}, [], today=TODAY)
    with pytest.raises(ValidationError):
        world["district"].ctx.review_rubrics.save(
            {"name": "x", "academic_year": "2569"}, [{"name": "a", "weight": "0", "max_score": "10"}], today=TODAY
        )
    assert world["district"].ctx.portfolio_reviews.list() == []


def test_the_selection_is_recorded_as_decisions_with_ranks_and_a_tie_shares_its_place(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    _scored(world)
    assert ctx.portfolio_reviews.select(world["rubric"].id, 2, TODAY) == (2, 1)
    decided = {d.portfolio_id: d for d in ctx.portfolio_decisions.list() if d.level == "region"}
    assert (decided[world["b_second"].id].result, decided[world["b_second"].id].rank) == ("selected", "winner")
    assert (decided[world["b_first"].id].result, decided[world["b_first"].id].rank) == ("selected", "runner_up_1")
    assert (decided[world["a_work"].id].result, decided[world["a_work"].id].rank) == ("not_selected", None)
    # the dashboards count what was selected at the region
    pipeline = ctx.dashboards.dashboard("portfolios", 2569, today=TODAY).table("portfolio_pipeline")
    assert pipeline.rows[0][pipeline.column("selected_region")] == 2

    _score(world, "a_work", "r1", 10, 20, 10)  # now level with B's second: they share first place
    ranks = {r.portfolio.id: r.rank for r in ctx.portfolio_reviews.ranking(world["rubric"].id)}
    assert ranks[world["a_work"].id] == ranks[world["b_second"].id] == 1 and ranks[world["b_first"].id] == 3
    ctx.portfolio_reviews.select(world["rubric"].id, 1, TODAY)
    decided = {d.portfolio_id: d for d in ctx.portfolio_decisions.list() if d.level == "region"}
    assert decided[world["a_work"].id].result == decided[world["b_second"].id].result == "selected"
    assert decided[world["a_work"].id].rank is None  # tied: no one is "the winner" by the program's choice
    assert decided[world["b_first"].id].result == "not_selected"


@pytest.mark.sqlite_only
def test_the_decision_and_its_comment_reach_the_school_but_the_reviews_stay(
    world: dict[str, Any], tmp_path: Path
) -> None:
    from sync_support import fp

    ctx = world["district"].ctx
    _scored(world)
    ctx.portfolio_reviews.select(world["rubric"].id, 1, TODAY)
    b = world["b"]
    feedback = world["district"].sync.export_feedback("1090050002", tmp_path).path
    b.sync.import_bundles([feedback], dry_run=False, trust=[fp(world["district"])])
    at_school = {d.portfolio_id: d for d in b.ctx.portfolio_decisions.list() if d.level == "region"}
    assert at_school[world["b_second"].id].result == "selected"
    assert b.ctx.portfolio_reviews.list() == [] and b.ctx.review_rubrics.list() == []  # kept in the district


@pytest.mark.sqlite_only
def test_a_school_cannot_judge(world: dict[str, Any]) -> None:
    with pytest.raises(WorkspaceError):
        world["a"].ctx.reviewers.add({"name": "x"})


@pytest.mark.sqlite_only
def test_the_command_line_scores_ranks_and_selects(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    ids = {k: world[k].id for k in ("rubric", "r1", "b_first", "b_second")}
    for side in (world["district"], world["a"]):
        side.close()
    run = lambda *args: main(["--data-dir", str(tmp_path / "district"), "district", *args])  # noqa: E731
    assert (
        run(
            "score",
            "--rubric",
            ids["rubric"][:8],
            "--portfolio",
            ids["b_first"],
            "--reviewer",
            ids["r1"][:8],
            "--score",
            "1=8",
            "--score",
            "2=15",
            "--score",
            "3=9",
        )
        == 0
    )
    assert "83.50" in capsys.readouterr().out
    assert (
        run(
            "score",
            "--rubric",
            ids["rubric"][:8],
            "--portfolio",
            ids["b_second"],
            "--reviewer",
            ids["r1"][:8],
            "--score",
            "1=10",
            "--score",
            "2=20",
            "--score",
            "3=10",
        )
        == 0
    )
    assert (
        run(
            "score",
            "--rubric",
            ids["rubric"][:8],
            "--portfolio",
            ids["b_second"],
            "--reviewer",
            ids["r1"][:8],
            "--score",
            "x=1",
        )
        != 0
    )
    capsys.readouterr()
    out = tmp_path / "ranking.xlsx"
    assert run("ranking", ids["rubric"][:8], "--json", "--xlsx", str(out)) == 0
    rows = json.loads(capsys.readouterr().out)["tables"][0]["rows"]
    assert [(r["rank"], r["title"], r["reviews"]) for r in rows[:2]] == [(1, "ห้องเรียนกลับด้าน", 1), (2, "คณิตคิดเร็ว", 1)]
    assert openpyxl.load_workbook(out).worksheets[0]["B5"].value == "ห้องเรียนกลับด้าน"
    assert (
        run(
            "score",
            "--rubric",
            ids["rubric"][:8],
            "--portfolio",
            ids["b_first"][:8],
            "--reviewer",
            ids["r1"][:8],
            "--score",
            "1=abc",
            "--score",
            "2=1",
            "--score",
            "3=1",
        )
        != 0
    )
    assert "ความสำคัญของผลงาน" in capsys.readouterr().err  # which criterion, and why: not a number
    assert run("select", ids["rubric"][:8], "--top", "1") == 0
    assert "1" in capsys.readouterr().out
    assert run("rubric", "add", "--set", "name=x", "--set", "academic_year=2569", "--criterion", "a|2") != 0
    assert "ความสำคัญของผลงาน|2|10" in capsys.readouterr().err  # the shape of one, shown


def test_a_reviewed_rubric_keeps_its_criteria_and_two_rubrics_never_judge_one_work(world: dict[str, Any]) -> None:
    """Scores are of their criteria: once a work is scored, the criteria keep their number, order, weights and
    highest scores (a removed one would count its scores against the next); and a second rubric at the same level
    for the same works would overwrite the first's decisions."""
    ctx = world["district"].ctx
    rubric = world["rubric"]
    _score(world, "b_first", "r1", 8, 15, 9)
    with pytest.raises(ValidationError, match="1"):
        ctx.review_rubrics.save(rubric_values(rubric), CRITERIA[:2], rubric.id, TODAY)  # one removed
    with pytest.raises(ValidationError):
        ctx.review_rubrics.save(rubric_values(rubric), (CRITERIA[1], CRITERIA[0], CRITERIA[2]), rubric.id, TODAY)
    renamed = ({**CRITERIA[0], "name": "ความสำคัญ"}, *CRITERIA[1:])
    ctx.review_rubrics.save(rubric_values(rubric), renamed, rubric.id, TODAY)  # a name corrected: allowed
    assert ctx.review_rubrics.criteria(rubric.id)[0].name == "ความสำคัญ"
    with pytest.raises(ValidationError):  # the same year and level, all categories: the same works
        ctx.review_rubrics.save({"name": "อีกเกณฑ์", "academic_year": "2569", "level": "region"}, CRITERIA, today=TODAY)
    other = ctx.review_rubrics.save(  # another level: its own decisions
        {"name": "เกณฑ์ระดับเขต", "academic_year": "2569", "level": "district"}, CRITERIA, today=TODAY
    )
    assert other.level == "district"
    with pytest.raises(ValidationError):  # a school's level is not the district's to judge
        ctx.review_rubrics.save({"name": "x", "academic_year": "2568", "level": "school"}, CRITERIA, today=TODAY)


def rubric_values(rubric: Any) -> dict[str, object]:
    return {"name": rubric.name, "academic_year": rubric.academic_year, "level": rubric.level, "category": None}


def test_one_undo_takes_a_selection_back_and_a_removed_reviewer_no_longer_counts(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    _scored(world)
    ctx.portfolio_reviews.select(world["rubric"].id, 1, TODAY)
    region = lambda: {d.portfolio_id: d.result for d in ctx.portfolio_decisions.list() if d.level == "region"}  # noqa: E731
    assert sorted(region().values()) == ["not_selected", "not_selected", "selected"]
    decided = next(
        d for d in ctx.portfolio_decisions.list() if d.portfolio_id == world["b_first"].id and d.level == "region"
    )
    assert decided.comment == "- กระบวนการชัดเจน"  # the reviewers' comments go to the school, unnamed
    step = ctx.undo.last()
    ctx.service_for(step.kind.name).undo(step)
    before = {world["b_first"].id: "not_selected", world["b_second"].id: "selected"}  # as the fixture decided
    assert region() == before  # one Edit → Undo: every decision of the selection back as it was
    with pytest.raises(KaplcError):
        ctx.portfolio_reviews.select(world["rubric"].id, 0, TODAY)  # at least one
    ctx.reviewers.delete(world["r2"].id)  # taken off the panel: their scores no longer count
    first = next(r for r in ctx.portfolio_reviews.ranking(world["rubric"].id) if r.portfolio.id == world["b_first"].id)
    assert first.totals == (pytest.approx(83.5),)


@pytest.mark.sqlite_only
def test_a_work_the_school_deleted_is_said_to_be_deleted(world: dict[str, Any], tmp_path: Path) -> None:
    from dashboard_support import send

    b = world["b"]
    b.ctx.portfolios.delete(world["b_first"].id)
    send(b, world["district"], tmp_path / "usb")
    with pytest.raises(KaplcError, match="คณิตคิดเร็ว") as refused:
        _score(world, "b_first", "r1", 8, 15, 9)
    assert _("The school has deleted “{work}”: it is no longer sent to the district and cannot be judged.").format(
        work="คณิตคิดเร็ว"
    ) == str(refused.value)
    assert world["b_first"].id not in {
        r.portfolio.id for r in world["district"].ctx.portfolio_reviews.ranking(world["rubric"].id)
    }


def _forum(world: dict[str, Any], *sessions: dict[str, object]) -> Any:
    raw = {"name": "เวทีนำเสนอผลงานระดับภาค", "academic_year": "2569", "level": "region", "held_on": "15/01/2570"}
    return world["district"].ctx.forums.save({**raw, "venue": "หอประชุมเขต"}, sessions, today=TODAY)


def test_a_forum_presents_only_works_selected_at_its_level_in_order(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    _scored(world)
    ctx.portfolio_reviews.select(world["rubric"].id, 1, TODAY)  # B's second selected at the region
    forum = _forum(
        world,
        {"starts_at": "09.00", "ends_at": "09.15", "item": "พิธีเปิด"},
        {"starts_at": "09.15", "ends_at": "09.45", "portfolio_id": world["b_second"].id, "room": "ห้อง 1"},
        {"starts_at": "09.45", "ends_at": "10.00", "item": "พักรับประทานอาหารว่าง"},
    )
    rows = ctx.forums.programme(forum.id)
    assert [r[0] for r in rows] == ["09.00–09.15", "09.15–09.45", "09.45–10.00"]
    assert rows[1][1:] == ("ห้องเรียนกลับด้าน", "โรงเรียนบี", "วิไล ทองมา", "ห้อง 1")  # the work's owner presents
    with pytest.raises(ValidationError, match="1"):  # A's work (session 1) was not selected at the region
        _forum(world, {"starts_at": "09.15", "ends_at": "09.45", "portfolio_id": world["a_work"].id})
    with pytest.raises(ValidationError):  # the second starts before the first ends
        _forum(
            world,
            {"starts_at": "09.00", "ends_at": "09.30", "item": "พิธีเปิด"},
            {"starts_at": "09.15", "ends_at": "09.45", "item": "ปาฐกถา"},
        )
    with pytest.raises(ValidationError):  # a session ends after it starts
        _forum(world, {"starts_at": "10.00", "ends_at": "09.00", "item": "พิธีเปิด"})
    assert [f.name for f in ctx.forums.list()] == ["เวทีนำเสนอผลงานระดับภาค"]


@pytest.mark.sqlite_only
def test_the_programme_prints_from_the_command_line(world: dict[str, Any], tmp_path: Path) -> None:
    from development_support import pdf_text, squeeze

    ctx = world["district"].ctx
    _scored(world)
    ctx.portfolio_reviews.select(world["rubric"].id, 2, TODAY)
    second = world["b_second"].id
    for side in (world["district"], world["a"]):
        side.close()
    run = lambda *args: main(["--data-dir", str(tmp_path / "district"), "district", "forum", *args])  # noqa: E731
    assert (
        run(
            "add",
            "--set",
            "name=เวทีนำเสนอ",
            "--set",
            "academic_year=2569",
            "--set",
            "level=region",
            "--set",
            "held_on=15/01/2570",
            "--set",
            "venue=หอประชุม",
            "--session",
            "09.00|09.15|พิธีเปิด",
            "--session",
            f"09.15|09.45|{second[:8]}|ห้อง 1",
        )
        == 0
    )
    out = tmp_path / "programme.pdf"
    assert run("programme", _first_forum(tmp_path), "--out", str(out)) == 0
    text = pdf_text(out)
    assert squeeze("ห้องเรียนกลับด้าน") in text and squeeze("โรงเรียนบี") in text and squeeze("พิธีเปิด") in text
    assert run("add", "--set", "name=x", "--session", "09.00|พิธีเปิด") != 0
    typo = second[:7] + ("x" if second[7] != "x" else "y")  # a work's id mistyped: refused, never printed as an item
    assert run("add", "--set", "name=เวทีสอง", "--set", "academic_year=2569", "--set", "level=region", "--set",
               "held_on=16/01/2570", "--set", "venue=หอประชุม", "--session", f"09.00|09.15|{typo}") != 0  # fmt: skip


def test_a_programme_holds_parallel_rooms_and_says_what_changed_since(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    _scored(world)
    ctx.portfolio_reviews.select(world["rubric"].id, 2, TODAY)  # both of B's works go on to the region
    first, second = world["b_first"].id, world["b_second"].id
    forum = _forum(
        world,
        {"starts_at": "09.00", "ends_at": "09.30", "item": "พิธีเปิด"},
        {"starts_at": "09.30", "ends_at": "10.00", "portfolio_id": first, "room": "ห้อง 1"},
        {"starts_at": "09.30", "ends_at": "10.00", "portfolio_id": second, "room": "ห้อง 2", "item": "ตอบข้อซักถาม"},
    )
    rows = ctx.forums.programme(forum.id)
    assert [r[1] for r in rows] == ["พิธีเปิด", "คณิตคิดเร็ว", "ห้องเรียนกลับด้าน — ตอบข้อซักถาม"]
    with pytest.raises(ValidationError) as refused:  # one room, one work at a time; a work presented once
        _forum(
            world,
            {"starts_at": "09.30", "ends_at": "10.00", "portfolio_id": first, "room": "ห้อง 1"},
            {"starts_at": "09.45", "ends_at": "10.15", "portfolio_id": second, "room": "ห้อง 1"},
            {"starts_at": "10.15", "ends_at": "10.30", "portfolio_id": first, "room": "ห้อง 2"},
        )
    said = [e.message for e in refused.value.errors]
    assert said == [
        _("{session} is at the same time as session {m} in the same room (or for everyone).").format(
            session=_("Session {n}").format(n=2), m=1
        ),
        _("{session}: the work is presented already in session {m}.").format(session=_("Session {n}").format(n=3), m=1),
    ]
    with pytest.raises(ValidationError) as both:  # the forum's own mistakes and its sessions' told at once
        world["district"].ctx.forums.save(
            {"name": "", "academic_year": "2569", "level": "region", "held_on": "15/01/2570", "venue": "x"},
            [{"starts_at": "10.00", "ends_at": "09.00", "item": "พิธีเปิด"}],
            today=TODAY,
        )
    assert {e.field for e in both.value.errors} == {"name", "sessions"}
    ctx.portfolio_reviews.select(world["rubric"].id, 1, TODAY)  # later, only the first of the ranking goes on
    assert ctx.forums.stale_sessions(forum.id) == [2]
    assert ctx.forums.programme(forum.id)[1][1] == "คณิตคิดเร็ว " + _("(no longer selected at this level)")
    assert ctx.forums.years_with_selections("region") == [2569] and ctx.forums.years_with_selections("national") == []


def test_a_selection_overtaken_by_new_scores_is_said_to_be_stale(world: dict[str, Any]) -> None:
    from kaplc_desktop.services.portfolio_review import STALE_SELECTION

    ctx = world["district"].ctx
    rubric = world["rubric"].id
    _scored(world)
    assert ctx.portfolio_reviews.selection_is_stale(rubric)  # the fixture's decisions leave A's work undecided
    ctx.portfolio_reviews.select(rubric, 1, TODAY)  # the flipped classroom, 100 of 100
    assert not ctx.portfolio_reviews.selection_is_stale(rubric)
    assert _(STALE_SELECTION) not in ctx.portfolio_reviews.ranking_table(rubric).note
    _score(world, "b_second", "r2", 1, 1, 1)  # a second reviewer thinks less of it: quick maths now ranks first
    assert ctx.portfolio_reviews.selection_is_stale(rubric)
    assert _(STALE_SELECTION) in ctx.portfolio_reviews.ranking_table(rubric).note
    ctx.portfolio_reviews.select(rubric, 1, TODAY)
    assert not ctx.portfolio_reviews.selection_is_stale(rubric)


def _first_forum(folder: Path) -> str:
    from kaplc_desktop.context import AppContext

    with AppContext.open(folder / "district") as ctx:
        return ctx.forums.list()[0].id[:8]
