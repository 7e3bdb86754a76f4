"""The district's planning: a need the schools named becomes a district project for everyone who named it, linked to
the district's 3-year HRD plan and annual action plan, its target list exported; on the small district of
dashboard_support (three people named "Coding": two at school A, one at school B)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from dashboard_support import dashboard_world
from development_support import TODAY

from kaplc_desktop.cli.main import main
from kaplc_desktop.errors import KaplcError, ValidationError, WorkspaceError
from kaplc_desktop.i18n import _

pytestmark = pytest.mark.both_databases


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = dashboard_world(tmp_path)
    yield made
    for side in (made["a"], made["b"], made["district"]):
        side.close()


def _plans(ctx: Any) -> tuple[Any, Any]:
    hrd = ctx.district_plans.add(
        {"plan_kind": "hrd_plan", "name": "แผนพัฒนาบุคลากร 2570–2572", "first_year": "2570", "last_year": "2572"}
    )
    action = ctx.district_plans.add(
        {"plan_kind": "action_plan", "name": "แผนปฏิบัติการ 2570", "first_year": "2570", "last_year": "2570"}
    )
    return hrd, action


def test_a_need_becomes_a_project_for_everyone_who_named_it(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    hrd, action = _plans(ctx)
    project = ctx.district_projects.from_need(
        2569, " coding", {"hrd_plan_id": hrd.id, "action_plan_id": action.id, "budget": "50,000"}, TODAY
    )
    assert (project.name, project.need_topic, project.need_year, project.fiscal_year) == (
        "Coding",
        "Coding",
        2569,
        2570,
    )
    assert project.method == "training"  # two of the three prefer training
    assert project.competency == "curriculum_learning"  # the only competency given
    assert (project.hrd_plan_id, project.action_plan_id, project.budget) == (hrd.id, action.id, 50000)
    people = ctx.district_projects.target_table(project.id)
    assert [(r[0], r[2]) for r in people.rows] == [
        ("โรงเรียนเอ", "1090050001"),
        ("โรงเรียนเอ", "1090050001"),
        ("โรงเรียนบี", "1090050002"),
    ]
    assert people.note == _("{people} people at {schools} schools.").format(people=3, schools=2)

    # a change of the project keeps its people; undo takes the whole project back, people and all
    ctx.district_projects.edit(project.id, {"status": "in_progress"})
    assert len(ctx.district_projects.targets(project.id)) == 3
    for _step in range(2):  # Edit → Undo, twice
        step = ctx.undo.last()
        ctx.service_for(step.kind.name).undo(step)
    assert ctx.district_projects.list() == []
    assert ctx.district_projects.targets(project.id) == []


def test_a_plan_of_the_wrong_kind_and_a_need_no_one_named_are_refused(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    hrd, action = _plans(ctx)
    with pytest.raises(ValidationError) as refused:
        ctx.district_projects.from_need(2569, "Coding", {"hrd_plan_id": action.id}, TODAY)
    assert refused.value.errors[0].field == "hrd_plan_id"
    with pytest.raises(ValidationError):
        ctx.district_projects.from_need(2569, "Coding", {"action_plan_id": hrd.id}, TODAY)
    with pytest.raises(ValidationError):
        ctx.district_plans.add({"plan_kind": "hrd_plan", "name": "x", "first_year": "2572", "last_year": "2570"})
    with pytest.raises(ValidationError):  # an annual plan is one fiscal year
        ctx.district_plans.add({"plan_kind": "action_plan", "name": "x", "first_year": "2570", "last_year": "2571"})
    with pytest.raises(ValidationError):  # an HRD plan is at most five
        ctx.district_plans.add({"plan_kind": "hrd_plan", "name": "x", "first_year": "2570", "last_year": "2575"})
    with pytest.raises(KaplcError, match="need_topic"):  # the need and its people come from the survey together
        ctx.district_projects.from_need(2569, "Coding", {"need_topic": "อื่น"}, TODAY)
    with pytest.raises(KaplcError, match="ภาษาจีน"):
        ctx.district_projects.from_need(2569, "ภาษาจีน")
    assert ctx.district_projects.list() == []


@pytest.mark.sqlite_only
def test_a_school_cannot_plan_for_the_district(world: dict[str, Any]) -> None:
    with pytest.raises(WorkspaceError):
        world["a"].ctx.district_projects.save({"name": "x", "fiscal_year": "2570"}, [])
    with pytest.raises(WorkspaceError):
        world["a"].ctx.district_plans.add(
            {"plan_kind": "hrd_plan", "name": "x", "first_year": "2570", "last_year": "2570"}
        )


@pytest.mark.sqlite_only
def test_a_person_on_no_staff_list_is_refused(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    with pytest.raises(ValidationError):
        ctx.district_projects.save({"name": "x", "fiscal_year": "2570"}, ["7f0c8a52-0000-4000-8000-000000000000"])


@pytest.mark.sqlite_only
def test_the_command_line_plans_and_projects(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path / "district")
    for side in (world["district"], world["a"]):
        side.close()
    run = lambda *args: main(["--data-dir", folder, "district", *args])  # noqa: E731
    assert (
        run(
            "plan",
            "add",
            "--set",
            "plan_kind=hrd_plan",
            "--set",
            "name=แผน 3 ปี",
            "--set",
            "first_year=2570",
            "--set",
            "last_year=2572",
        )
        == 0
    )
    assert run("plan", "list", "--json") == 0
    capsys.readouterr()
    assert run("project", "from-need", "coding", "--year", "2569", "--set", "starts_on=01/12/2569") == 0
    assert "3" in capsys.readouterr().out
    assert run("project", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["name"], p["people"]) for p in listed] == [("Coding", 3)]
    out = tmp_path / "people.xlsx"
    assert run("project", "people", listed[0]["id"][:8], "--xlsx", str(out)) == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.max_row == 4 + 3 and [c.value for c in sheet[5]][:3] == ["โรงเรียนเอ", "เครือข่าย 1", "1090050001"]
    assert run("project", "edit", listed[0]["id"][:8], "--set", "ends_on=01/11/2569") != 0  # before it starts
    assert capsys.readouterr().err.strip()  # said in one line, nothing changed
    assert run("project", "from-need", "coding", "--year", "2569", "--set", "colour=red") != 0  # no such field
    assert run("project", "delete", listed[0]["id"][:8]) == 0
    assert run("project", "people", "zzzz") != 0


@pytest.mark.sqlite_only
def test_a_bundle_carrying_the_districts_own_records_is_refused_and_says_why(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """A school (or anyone holding its key) adds a district project to its bundle: no bundle may carry one."""
    import uuid
    import zipfile

    from sync_support import decrypt_payload, fp, reseal, resign

    a, district = world["a"], world["district"]
    bundle = a.sync.export_bundle(tmp_path, full=True).path
    payload = decrypt_payload(bundle, district, tmp_path / "payload.zip")
    db = str(uuid.uuid4())
    row = {
        "id": str(uuid.uuid4()),
        "owner_code": "1090050001",
        "version_db": db,
        "version_counter": 1,
        "version_vector": {db: 1},
        "created_at": "2026-11-01T00:00:00.000000Z",
        "updated_at": "2026-11-01T00:00:00.000000Z",
        "deleted_at": None,
        "plan_kind": "hrd_plan",
        "name": "FORGED",
        "first_year": 2569,
        "last_year": 2571,
        "approved_on": None,
        "note": None,
    }
    with zipfile.ZipFile(payload, "a") as z:
        z.writestr("data/district_plan.jsonl", json.dumps(row) + "\n")
    signed = resign(payload, a, tmp_path / "signed.zip", lambda m: m["counts"].__setitem__("district_plan", 1))
    forged = reseal(signed, bundle, district, tmp_path / "forged.kaplc")
    outcome = district.sync.import_bundles([forged], dry_run=False, trust=[fp(a)])[0]
    assert outcome.refusal is not None and outcome.refusal.reason == "kept-kind"  # not "update the app"
    assert district.ctx.district_plans.list() == []


@pytest.mark.sqlite_only
def test_a_project_stays_editable_after_its_plan_or_a_person_goes(world: dict[str, Any], tmp_path: Path) -> None:
    """The district deletes the HRD plan a project belongs to, and school B deletes a person the project is for:
    the project can still be changed, and keeps the others."""
    from dashboard_support import send

    ctx = world["district"].ctx
    hrd, _action = _plans(ctx)
    project = ctx.district_projects.from_need(2569, "Coding", {"hrd_plan_id": hrd.id}, TODAY)
    with pytest.raises(KaplcError, match="--again"):  # the same need twice: said, not a second copy
        ctx.district_projects.from_need(2569, "coding", None, TODAY)
    assert len(ctx.district_projects.from_need(2569, "coding", None, TODAY, again=True).name) > 0
    ctx.district_plans.delete(hrd.id)
    b = world["b"]
    named = next(p for p in b.ctx.personnel.list() if p.id in ctx.district_projects.targets(project.id))
    b.ctx.personnel.delete(named.id)
    send(b, world["district"], tmp_path / "usb")
    changed = ctx.district_projects.edit(project.id, {"budget": "7,000"})
    assert changed.budget == 7000 and changed.hrd_plan_id == hrd.id  # the plan in the Trash can come back
    assert len(ctx.district_projects.targets(project.id)) == 2
    # the deleted person no longer counts in the district's needs either, as at their school
    top = ctx.dashboards.dashboard("needs", 2569, today=TODAY).table("needs_top")
    assert top.rows[0][:2] == ("Coding", 2)


@pytest.mark.sqlite_only
def test_an_id_typed_too_short_or_naming_two_is_said_so(world: dict[str, Any]) -> None:
    ctx = world["district"].ctx
    hrd, _action = _plans(ctx)
    with pytest.raises(KaplcError, match="4"):
        ctx.district_plans.by_id_start(hrd.id[:3])
    assert ctx.district_plans.by_id_start(hrd.id[:6]).id == hrd.id
    with pytest.raises(KaplcError):
        ctx.district_plans.by_id_start("ffffffff")
