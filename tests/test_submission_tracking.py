"""Submission tracking on a small district, checked against values worked out by hand: three schools on the list
(two in one cluster), three periods (one not due yet, one past its deadline, one not open yet), a school that
never sent anything, a late school with a bundle lost on the way; reviews, locking by approval, and what goes back
to the schools."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sync_support import OTHER_SCHOOL, SCHOOL_CODE
from tracking_support import CLUSTER_1, CLUSTER_2, THIRD, day, tracking_world

from kaplc_desktop.cli.main import main
from kaplc_desktop.errors import KaplcError, ValidationError

pytestmark = pytest.mark.both_databases


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = tracking_world(tmp_path)
    yield made
    for side in (made["a"], made["b"], made["district"]):
        side.close()


def _states(tracking: Any) -> dict[str, list[str]]:
    return {line.code: [c.state for c in line.cells] for line in tracking.lines}


def test_the_matrix_and_the_rates_are_as_worked_out_by_hand(world: dict[str, Any]) -> None:
    tracking = world["district"].ctx.submission_tracking.tracking(2569)
    assert [p.name for p in tracking.periods] == ["PLC ภาคเรียนที่ 2", "สำรวจเดือนกรกฎาคม", "ID Plan"]  # by deadline
    assert _states(tracking) == {
        SCHOOL_CODE: ["missing", "on_time", "on_time"],  # ID plans held before that period opened count as on time
        OTHER_SCHOOL: ["late", "waiting", "waiting"],
        THIRD: ["missing", "waiting", "waiting"],
    }
    lines = {line.code: line for line in tracking.lines}
    assert lines[SCHOOL_CODE].cells[1].received_at is not None and lines[SCHOOL_CODE].cells[2].received_at is None
    assert (lines[OTHER_SCHOOL].last_sequence, lines[OTHER_SCHOOL].gaps) == (2, (1,))
    assert (lines[THIRD].last_sequence, lines[THIRD].last_import_at, lines[THIRD].gaps) == (0, None, ())
    assert [line.code for line in tracking.lines if line.missing] == [SCHOOL_CODE, THIRD]

    def numbers(cluster: str | None, period: Any) -> tuple[int, int, int]:
        rate = tracking.rate(cluster, period.id if period is not None else None)
        assert rate is not None
        return rate.expected, rate.received, rate.on_time

    assert numbers(None, world["plc"]) == (3, 1, 0)
    assert numbers(None, world["survey"]) == (3, 1, 1)
    assert numbers(None, world["id_plans"]) == (3, 1, 1)
    assert numbers(None, None) == (9, 3, 2)
    assert numbers(CLUSTER_1, None) == (6, 3, 2)
    assert numbers(CLUSTER_2, None) == (3, 0, 0)
    assert tracking.rate(CLUSTER_1, None).received_rate == pytest.approx(0.5)
    # another year has no periods: nothing is expected of anyone
    assert world["district"].ctx.submission_tracking.tracking(2570).periods == ()


def test_a_period_is_checked_like_a_form(world: dict[str, Any]) -> None:
    periods = world["district"].ctx.submission_periods
    with pytest.raises(ValidationError) as refused:
        periods.add(
            {
                "name": "x",
                "academic_year": "2569",
                "content": "survey",
                "semester": "1",
                "opens_on": day(0),
                "due_on": day(-5),
            }
        )
    assert {e.field for e in refused.value.errors} == {"semester", "due_on"}
    with pytest.raises(ValidationError):
        periods.add({"name": "x", "academic_year": "2569", "content": "homework", "opens_on": day(0), "due_on": day(5)})
    with pytest.raises(KaplcError):
        periods.edit(world["survey"].id, {"approved_on": day(0)})  # only approve and reopen set it


def test_approving_a_period_locks_its_reviews_until_it_is_reopened(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    survey = world["survey"]
    first = ctx.submission_reviews.review(survey.id, SCHOOL_CODE, "has_issues", "ยังขาดแบบของครู 2 คน")
    again = ctx.submission_reviews.review(survey.id, SCHOOL_CODE, "อนุมัติแล้ว", "ครบถ้วน")  # replaces the first
    assert again.id == first.id and again.state == "approved"
    assert len(ctx.submission_reviews.list()) == 1
    ctx.submission_periods.approve(survey.id)
    with pytest.raises(KaplcError, match="เปิด"):
        ctx.submission_reviews.review(survey.id, OTHER_SCHOOL, "received")
    with pytest.raises(KaplcError):
        ctx.submission_periods.edit(survey.id, {"due_on": day(20)})
    with pytest.raises(KaplcError):
        ctx.submission_periods.delete(survey.id)
    cell = next(line for line in ctx.submission_tracking.tracking(2569).lines if line.code == SCHOOL_CODE).cells[1]
    assert cell.review.state == "approved" and cell.review.comment == "ครบถ้วน"
    ctx.submission_periods.reopen(survey.id)
    assert ctx.submission_reviews.review(survey.id, OTHER_SCHOOL, "returned", "กรุณาส่งใหม่").state == "returned"
    with pytest.raises(ValidationError):
        ctx.submission_reviews.review(survey.id, OTHER_SCHOOL, "perfect")


def test_periods_go_to_every_school_and_a_review_to_its_own_school_only(world: dict[str, Any], tmp_path: Path) -> None:
    district, a, b = world["district"], world["a"], world["b"]
    district.ctx.submission_reviews.review(world["survey"].id, SCHOOL_CODE, "returned", "กรุณาแก้ไขแบบสำรวจ")
    for side, code in ((a, SCHOOL_CODE), (b, OTHER_SCHOOL)):
        feedback = district.sync.export_feedback(code, tmp_path / f"fb-{code}").path
        outcome = side.sync.import_bundles([feedback], dry_run=False)
        assert outcome[0].result == "applied", outcome[0].to_json()
        assert len(side.ctx.submission_periods.list()) == 3
    assert [(r.school_code, r.comment) for r in a.ctx.submission_reviews.list()] == [(SCHOOL_CODE, "กรุณาแก้ไขแบบสำรวจ")]
    assert b.ctx.submission_reviews.list() == []
    with pytest.raises(KaplcError):
        a.ctx.submission_periods.add(
            {"name": "x", "academic_year": "2569", "content": "survey", "opens_on": day(0), "due_on": day(5)}
        )


def test_the_report_on_the_command_line(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world["district"].close()
    folder = str(tmp_path / "district")
    assert main(["--data-dir", folder, "report", "submissions", "--year", "2569", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    schools = {s["school_code"]: s for s in data["schools"]}
    assert [c["state"] for c in schools[OTHER_SCHOOL]["cells"]] == ["late", "waiting", "waiting"]
    assert schools[OTHER_SCHOOL]["missing_bundles"] == [1] and schools[THIRD]["last_bundle"] is None
    district_total = next(r for r in data["rates"] if r["cluster"] is None and r["period_id"] is None)
    assert (district_total["expected"], district_total["received"], district_total["on_time"]) == (9, 3, 2)

    assert main(["--data-dir", folder, "report", "submissions", "--missing"]) == 0
    out = capsys.readouterr().out
    assert SCHOOL_CODE in out and THIRD in out and OTHER_SCHOOL not in out
    assert "ยังไม่ส่ง" in out and "ทั้งเขตพื้นที่" in out and "33%" in out

    assert (
        main(
            [
                "--data-dir",
                folder,
                "district",
                "period",
                "add",
                "--set",
                "name=แผน",
                "--set",
                "academic_year=2569",
                "--set",
                "content=hrd_plan",
                "--set",
                f"opens_on={day(0)}",
                "--set",
                f"due_on={day(9)}",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--data-dir", folder, "district", "period", "list", "--year", "2569", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 4
    period_id = next(p["id"] for p in listed if p["name"] == "แผน")
    assert (
        main(
            [
                "--data-dir",
                folder,
                "district",
                "review",
                "--period",
                period_id,
                "--school",
                SCHOOL_CODE,
                "--state",
                "approved",
            ]
        )
        == 0
    )
    assert main(["--data-dir", folder, "district", "period", "approve", period_id]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "--data-dir",
                folder,
                "district",
                "review",
                "--period",
                period_id,
                "--school",
                SCHOOL_CODE,
                "--state",
                "returned",
            ]
        )
        == 2
    )
    assert "เปิด" in capsys.readouterr().err
    assert main(["--data-dir", folder, "district", "period", "add", "--set", "colour=red"]) == 2
    assert main(["--data-dir", str(tmp_path / "a"), "report", "submissions"]) == 2  # a school has no such report


def test_a_bundle_imported_late_on_the_deadline_day_in_thailand_is_on_time() -> None:
    from types import SimpleNamespace

    from kaplc_desktop.data.tracking_reads import AppliedBundle
    from kaplc_desktop.services.submission_tracking import _cell

    due = dt.date(2026, 7, 31)
    period = SimpleNamespace(id="p", content="survey", opens_on=dt.date(2026, 7, 1), due_on=due)

    def imported(utc: dt.datetime) -> Any:
        return [AppliedBundle("1090050001", 1, utc, {"survey_form": {"new": 3}})]

    late_evening = dt.datetime(2026, 7, 31, 16, 30, tzinfo=dt.UTC)  # 23:30 in Thailand, on the deadline
    next_morning = dt.datetime(2026, 7, 31, 17, 10, tzinfo=dt.UTC)  # 00:10 in Thailand, the day after
    assert _cell(period, True, imported(late_evening), None, due).state == "on_time"
    assert _cell(period, True, imported(next_morning), None, due).state == "late"
    assert _cell(period, False, [], None, due).state == "waiting"  # nothing yet, but the deadline is today
    assert _cell(period, False, [], None, due + dt.timedelta(days=1)).state == "missing"
    # a bundle that brought only other kinds is not the one that brought the survey
    other = [AppliedBundle("1090050001", 1, late_evening, {"plc_meeting": {"new": 3}})]
    assert _cell(period, True, other, None, due).received_at is None
