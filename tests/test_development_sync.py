"""The development cycle travels to the district end to end through the command line: the survey, ID plans, the HR
development plan, projects and outcomes arrive as the school holds them; a replayed bundle changes nothing; forged
rows are parked with a reason; a school restored from a backup that opens the same year's survey again makes the
same round, so the district sees one."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from development_support import DEVELOPMENT_TABLES, TODAY, YEAR, development_cycle, query, ratings_of, table_rows
from sync_support import open_side
from sync_world import World, edit_payload, started_world

from kaplc_desktop.domain.kinds import SURVEY_ROUND
from kaplc_desktop.domain.record_kind import identity_record_id
from kaplc_desktop.services.survey import NeedInput

pytestmark = pytest.mark.both_databases

KINDS = (
    "survey_round",
    "survey_form",
    "survey_rating",
    "survey_need",
    "id_plan",
    "id_plan_activity",
    "hrd_plan",
    "hrd_review",
    "action_project",
    "action_target",
    "achievement_result",
    "performance_agreement",
)


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    w = started_world(tmp_path, capsys)
    side = open_side(w.root / "school")
    try:
        made = development_cycle(side.ctx)
        w.made = {k: getattr(v, "id", None) for k, v in made.items()}  # type: ignore[attr-defined]
    finally:
        side.close()
    return w


def _rows(world: World, side: str) -> dict[str, list[tuple[Any, ...]]]:
    return {t: table_rows(world.root / side, t, where="1 = 1") for t in DEVELOPMENT_TABLES}


def test_the_development_cycle_arrives_whole_at_the_district(world: World) -> None:
    outcome = world.district_import(world.school_bundle())
    assert outcome["result"] == "applied"
    counts = outcome["counts"]
    school = _rows(world, "school")
    for kind, table in zip(KINDS, DEVELOPMENT_TABLES, strict=True):
        assert counts[kind]["new"] == len(school[table]) > 0, kind
        assert counts[kind]["rejected"] == 0, kind
    assert _rows(world, "district") == school
    assert len(school["survey_ratings"]) == 11 + 11 and len(school["action_targets"]) == 2
    score = world.count("district", "SELECT school_result FROM achievement_results")
    assert score == 4525  # 45.25 in hundredths


def test_a_replayed_bundle_changes_nothing(world: World) -> None:
    bundle = world.school_bundle()
    world.district_import(bundle)
    before = _rows(world, "district")
    assert world.district_import(bundle)["result"] == "already-imported"
    replay = edit_payload(world, bundle, lambda name, data: [(name, data, None)])  # the same rows, a new bundle id
    counts = world.district_import(replay)["counts"]
    for kind in KINDS:
        assert counts[kind]["new"] == counts[kind]["updated"] == counts[kind]["rejected"] == 0, kind
        assert counts[kind]["unchanged"] > 0, kind
    assert _rows(world, "district") == before


def _rows_edit(member: str, change: Callable[[list[dict[str, Any]]], None]):  # type: ignore[no-untyped-def]
    def edit(name: str, data: bytes):  # type: ignore[no-untyped-def]
        if name != member:
            return [(name, data, None)]
        rows = [json.loads(line) for line in data.splitlines()]
        change(rows)
        return [(name, b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows), None)]

    return edit


def _rating_of_nine(rows: list[dict[str, Any]]) -> None:
    rows[0]["self_level"] = 9


def _second_round(rows: list[dict[str, Any]]) -> None:
    rows.append({**rows[0], "id": str(uuid.uuid4()), "note": "รอบปลอม"})


def _negative_hours(rows: list[dict[str, Any]]) -> None:
    rows[0]["hours"] = -5


def _pa_level_five(rows: list[dict[str, Any]]) -> None:
    rows[0]["result_level"] = 5


def _score_above_100(rows: list[dict[str, Any]]) -> None:
    rows[0]["school_result"] = 10_001  # 100.01


def _plan_of_another_identity(rows: list[dict[str, Any]]) -> None:
    rows[0]["academic_year"] = YEAR + 1  # the id says 2569


@pytest.mark.parametrize(
    ("kind", "change", "reason"),
    [
        ("survey_rating", _rating_of_nine, "self_level"),
        ("survey_round", _second_round, "id"),
        ("id_plan_activity", _negative_hours, "hours"),
        ("performance_agreement", _pa_level_five, "result_level"),
        ("achievement_result", _score_above_100, "school_result"),
        ("id_plan", _plan_of_another_identity, "id"),
    ],
)
def test_a_forged_row_is_parked_with_its_reason(
    world: World, kind: str, change: Callable[[list[dict[str, Any]]], None], reason: str
) -> None:
    school = _rows(world, "school")
    forged = edit_payload(world, world.school_bundle(), _rows_edit(f"data/{kind}.jsonl", change))
    outcome = world.district_import(forged)
    assert outcome["counts"][kind]["rejected"] == 1
    parked = world.json("district", "sync", "parked", "--all")
    assert any(p["kind"] == kind and p["reason"].startswith(reason) for p in parked), parked  # type: ignore[union-attr]
    district = _rows(world, "district")
    assert district["survey_rounds"] == school["survey_rounds"]  # one round, as the school holds it
    table = DEVELOPMENT_TABLES[KINDS.index(kind)]
    assert len(district[table]) == len(school[table]) - (kind != "survey_round")
    assert world.count("district", "SELECT count(*) FROM survey_ratings WHERE self_level > 5") == 0


def test_a_school_restored_from_a_backup_opens_the_same_round_again(world: World) -> None:
    """Backup, open next year's round and send it; restore the backup, open that round again (other dates) and
    send: the district holds one round of that year, whose id is its identity, and one form per person."""
    backup = world.root / "before.kaplc-backup"
    world.kaplc("school", "backup", "create", "--out", str(backup))
    world.kaplc("school", "survey", "open", "--year", str(YEAR + 1))
    _fill_first_form(world, YEAR + 1, 3)
    world.district_import(world.school_bundle())
    world.kaplc("school", "backup", "restore", str(backup))
    world.kaplc("school", "survey", "open", "--year", str(YEAR + 1), "--closes", f"15/08/{YEAR + 1}")
    _fill_first_form(world, YEAR + 1, 4)
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["survey_round"]["rejected"] == 0
    sql = f"SELECT id, owner_code, closes_on FROM survey_rounds WHERE academic_year = {YEAR + 1}"
    (school_round,) = query(world.root / "school", sql)
    assert query(world.root / "district", sql) == [school_round]  # one round, as the school holds it now
    round_id, owner, closes = school_round
    assert closes == f"{YEAR + 1 - 543}-08-15"
    assert round_id == identity_record_id(SURVEY_ROUND, {"owner_code": owner, "academic_year": YEAR + 1})
    forms = world.count(
        "district", f"SELECT count(*) FROM survey_forms WHERE round_id = '{round_id}' AND deleted_at IS NULL"
    )
    ratings = world.count(
        "district",
        "SELECT count(*) FROM survey_ratings r JOIN survey_forms f ON f.id = r.form_id "
        f"WHERE f.round_id = '{round_id}' AND r.deleted_at IS NULL AND r.self_level = 4",
    )
    assert (forms, ratings) == (1, 11)


def _fill_first_form(world: World, year: int, level: int, needs: tuple[str, ...] = ()) -> None:
    side = open_side(world.root / "school")
    try:
        ctx = side.ctx
        round_ = ctx.survey.round_of(year)
        person = next(p for p in ctx.personnel.list() if p.position == "teacher" and p.status == "active")
        sheet = ctx.survey.sheet(round_.id, person.id)
        ctx.survey.save_form(
            round_.id, person.id, {}, ratings_of(sheet, level, level), [NeedInput(t) for t in needs], today=TODAY
        )
    finally:
        side.close()


def test_needs_typed_again_after_a_restore_are_not_counted_twice(world: World) -> None:
    world.district_import(world.school_bundle())
    backup = world.root / "before.kaplc-backup"
    world.kaplc("school", "backup", "create", "--out", str(backup))
    world.kaplc("school", "survey", "open", "--year", str(YEAR + 1))
    _fill_first_form(world, YEAR + 1, 3, ("STEM", "Coding"))
    world.district_import(world.school_bundle())
    world.kaplc("school", "backup", "restore", str(backup))
    world.kaplc("school", "survey", "open", "--year", str(YEAR + 1))
    _fill_first_form(world, YEAR + 1, 3, ("STEM", "Coding"))
    world.district_import(world.school_bundle())
    live = "SELECT count(*) FROM survey_needs WHERE deleted_at IS NULL"
    assert world.count("district", live) == world.count("school", live)


def test_a_review_whose_year_was_corrected_reaches_the_district(world: World) -> None:
    world.district_import(world.school_bundle())
    side = open_side(world.root / "school")
    try:
        review = side.ctx.hrd_reviews.get(world.made["review"])  # type: ignore[attr-defined]
        side.ctx.hrd_reviews.update(review.id, {"plan_id": review.plan_id, "academic_year": 2569}, TODAY)
    finally:
        side.close()
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["hrd_review"]["rejected"] == 0
    # the review moved to the id of its corrected year; the old one is in the Trash there too
    assert world.count("district", "SELECT academic_year FROM hrd_reviews WHERE deleted_at IS NULL") == 2569
    assert world.count("district", "SELECT count(*) FROM hrd_reviews WHERE deleted_at IS NULL") == 1
