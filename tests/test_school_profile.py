"""The school profile, the second declared kind: set up with the school, edited in Settings or with
`kaplc school set`, printed in signature blocks, and received by the district (`kaplc district schools`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_world import World, edit_payload, started_world

from kaplc_desktop.i18n import set_language


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    set_language("th")
    return started_world(tmp_path, capsys)


def test_a_school_is_set_up_with_its_profile_and_can_change_it(world: World) -> None:
    profile = world.json("school", "school", "show")
    assert profile["school_name"] and profile["owner_code"] == "1090050001"
    out = world.kaplc(
        "school",
        "school",
        "set",
        "principal_name=นางสาวมาลี ศรีสุข",
        "school_size=ขนาดเล็ก",
        "students=๘๗",
        "address=99 หมู่ 1 ต.คลองแห",
    )
    assert "บันทึกข้อมูลของ โรงเรียน" in out
    profile = world.json("school", "school", "show")
    assert (profile["principal_name"], profile["school_size"], profile["students"]) == ("นางสาวมาลี ศรีสุข", "small", 87)
    shown = world.kaplc("school", "school", "show")
    assert "ขนาดเล็ก" in shown and "87" in shown and "99 หมู่ 1 ต.คลองแห" in shown
    # the workspace (headers, overview, signature blocks) takes the principal from the profile
    assert "นางสาวมาลี ศรีสุข" in world.kaplc("school", "info")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("students=มาก", "จำนวนเต็ม"),
        ("students=50000", "ระหว่าง"),
        ("school_size=ใหญ่มาก", "เลือกจากรายการ: ขนาดเล็ก, ขนาดกลาง, ขนาดใหญ่, ขนาดใหญ่พิเศษ"),  # no drop-down here
        ("students=-5", "ระหว่าง 0 ถึง 20000"),
        ("school_name=", "ชื่อโรงเรียน"),
        ("principal_name=นาย 007", "ตัวเลข"),
        ("colour=red", "colour"),
        ("no-equals-sign", "ช่อง=ค่า"),
    ],
)
def test_a_bad_change_is_refused_with_a_reason_and_changes_nothing(world: World, change: str, says: str) -> None:
    before = world.json("school", "school", "show")
    out = world.kaplc("school", "school", "set", change, expect=2)
    assert says in out and "Traceback" not in out
    assert world.json("school", "school", "show") == before


def test_the_district_lists_the_profiles_it_received(world: World) -> None:
    world.kaplc("school", "school", "set", "cluster=กลุ่มหาดใหญ่ 1", "students=412", "school_size=medium")
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["school_profile"]["updated"] == 1
    schools = world.json("district", "district", "schools")
    assert [(s["owner_code"], s["cluster"], s["students"], s["school_size"]) for s in schools] == [
        ("1090050001", "กลุ่มหาดใหญ่ 1", 412, "medium")
    ]
    text = world.kaplc("district", "district", "schools")
    assert "1090050001" in text and "ขนาดกลาง" in text
    # a school workspace has no list of schools; a district has no profile of its own
    assert "สำนักงานเขต" in world.kaplc("school", "district", "schools", expect=2)
    assert "โรงเรียน" in world.kaplc("district", "school", "show", expect=2)


def test_a_profile_replayed_from_an_older_bundle_does_not_undo_a_newer_one(world: World) -> None:
    world.kaplc("school", "school", "set", "principal_name=นายเก่า ก่อน")
    old = world.school_bundle()
    world.district_import(old)
    world.kaplc("school", "school", "set", "principal_name=นายใหม่ ล่าสุด")
    world.district_import(world.school_bundle())
    replay = world.district_import(old)
    assert replay["result"] != "applied" or replay["counts"]["school_profile"]["updated"] == 0
    schools = world.json("district", "district", "schools")
    assert [s["principal_name"] for s in schools] == ["นายใหม่ ล่าสุด"]


def test_the_principal_printed_in_signature_blocks_is_the_profiles(world: World, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    world.kaplc("school", "school", "set", "principal_name=นางสาวมาลี ศรีสุข")
    people = world.json("school", "personnel", "list")
    for args in (("roster",), ("person", "--id", people[0]["id"])):
        out = tmp_path / f"{args[0]}.pdf"
        world.kaplc("school", "pdf", *args, "--out", str(out))
        pdf = pdfium.PdfDocument(out)
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        assert "นางสาวมาลี ศรีสุข" in text, args


def test_the_sync_import_checks_a_profile_by_the_forms_rules(world: World) -> None:
    """A row no form would accept (students out of range, a label where a code belongs) is refused at import."""
    from kaplc_desktop.domain.kinds.school_profile import SCHOOL_PROFILE
    from kaplc_desktop.domain.record_cleaning import sync_problems

    row = json.loads(json.dumps(world.json("school", "school", "show")))
    row["students"] = -5
    assert any(p.startswith("students:") for p in sync_problems(SCHOOL_PROFILE, row))
    row["students"], row["school_size"] = 10, "ขนาดเล็ก"  # a label where a code belongs
    assert any(p.startswith("school_size:") for p in sync_problems(SCHOOL_PROFILE, row))
    row["school_size"] = "small"
    assert sync_problems(SCHOOL_PROFILE, row) == []


def test_forged_profiles_are_parked_and_change_nothing(world: World) -> None:
    """A school's own bundle altered and signed again (a hostile school): a profile under a random id, a second
    profile of the same school, a student count no form accepts. All parked; the district's copy unchanged."""
    import uuid

    world.kaplc("school", "school", "set", "students=120")
    world.district_import(world.school_bundle())
    world.kaplc("school", "school", "set", "students=130")
    honest = world.school_bundle()

    def forge(name, data):  # type: ignore[no-untyped-def]
        if name != "data/school_profile.jsonl":
            return [(name, data, None)]
        (row,) = [json.loads(line) for line in data.splitlines()]
        out_of_range = dict(row, students=-5)
        second = dict(row, id=str(uuid.uuid4()), students=999)
        lines = [json.dumps(r, ensure_ascii=False) for r in (out_of_range, second)]
        return [(name, "\n".join(lines).encode(), None)]

    outcome = world.district_import(edit_payload(world, honest, forge))
    assert outcome["counts"]["school_profile"]["rejected"] == 2
    reasons = " ".join(r["reason"] for r in outcome["rejected"])
    assert "students" in reasons and "id" in reasons
    (profile,) = world.json("district", "district", "schools")
    assert profile["students"] == 120  # neither forged row was taken


def test_a_restore_onto_a_new_laptop_brings_the_profile_back(tmp_path: Path) -> None:
    """Found by the attacker: the new laptop's profile, made at set-up, used to win over the restored one, and
    its next bundle emptied the district's copy."""
    from sync_support import SCHOOL_CODE, fp, make_district, make_school

    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=2)
    usb = tmp_path / "usb"
    usb.mkdir()
    school.ctx.school_profile.set_fields(SCHOOL_CODE, {"principal_name": "นางสาวมาลี ศรีสุข", "students": "412"})
    district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False, trust=[fp(school)])
    school.close()
    laptop = make_school(tmp_path / "laptop", district, code=SCHOOL_CODE)
    enrollment = tmp_path / "laptop.json"
    laptop.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment, replace=fp(laptop))
    restore = district.sync.export_restore(SCHOOL_CODE, usb)
    assert laptop.sync.import_bundles([restore.path], dry_run=False)[0].result == "applied"
    profile = laptop.ctx.school_profile.own(SCHOOL_CODE)
    assert (profile.principal_name, profile.students) == ("นางสาวมาลี ศรีสุข", 412)
    district.sync.import_bundles([laptop.sync.export_bundle(usb).path], dry_run=False)
    (at_district,) = district.ctx.school_profile.list()
    assert (at_district.principal_name, at_district.students) == ("นางสาวมาลี ศรีสุข", 412)
    laptop.close()
    district.close()


def test_a_profile_cannot_be_deleted(world: World) -> None:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.domain.kinds.school_profile import SCHOOL_PROFILE
    from kaplc_desktop.domain.record_cleaning import sync_problems
    from kaplc_desktop.errors import KaplcError

    with AppContext.open(world.root / "school") as ctx:
        profile = ctx.school_profile.own("1090050001")
        with pytest.raises(KaplcError):
            ctx.school_profile.delete(profile.id)
        row = {**profile.to_json(), "deleted_at": "2026-11-27T00:00:00.000000Z"}
    assert any(p.startswith("deleted_at:") for p in sync_problems(SCHOOL_PROFILE, row))  # a forged tombstone is parked
