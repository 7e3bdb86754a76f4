"""Showcase portfolios travel to the district end to end through the command line: they arrive whole with their
pictures, print there as at the school, and the code printed at the school verifies there; the district's selection
comes back to the school; a replayed bundle changes nothing; a school restored from a backup that writes the same
section again meets the district's copy as a conflict, not a second section; a school cannot send the district's
decisions or a forged portfolio."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from development_support import query, squeeze, table_rows
from portfolio_support import TODAY, qr_texts, squeezed_pages
from sync_support import SCHOOL_CODE, decrypt_payload, open_side, reseal, resign, rewrite_zip
from sync_world import World, edit_payload, started_world

from kaplc_desktop import attachment_store
from kaplc_desktop.cli.main import EXIT_REFUSED, main
from kaplc_desktop.domain import vocabularies
from kaplc_desktop.domain.kinds.portfolio import PORTFOLIO_DECISION, PORTFOLIO_SECTION
from kaplc_desktop.domain.record_kind import identity_record_id
from kaplc_desktop.i18n import _
from kaplc_desktop.services.demo_portfolios import demo_portfolios

pytestmark = pytest.mark.both_databases

KINDS = (
    "portfolio",
    "portfolio_owner",
    "portfolio_section",
    "portfolio_file",
    "portfolio_figure",
    "portfolio_award",
)
TABLES = tuple(f"{kind}s" for kind in KINDS)
DECIDED = "20/11/2569"  # before the day the tests run (a decision is never dated in the future)


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


@pytest.fixture
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    w = started_world(tmp_path, capsys)
    side = open_side(w.root / "school")
    try:
        assert demo_portfolios(side.ctx, seed=3, today=TODAY) == 4
    finally:
        side.close()
    return w


def _rows(world: World, side: str) -> dict[str, list[tuple[Any, ...]]]:
    return {t: table_rows(world.root / side, t, where="1 = 1") for t in TABLES}


def listing(world: World, side: str, *extra: str) -> list[dict[str, Any]]:
    school = ("--school", SCHOOL_CODE) if side == "district" else ()
    return world.json(side, "portfolio", "list", *school, *extra)  # type: ignore[return-value]


def by_name(items: list[dict[str, Any]], words: str) -> dict[str, Any]:
    (found,) = [i for i in items if words in i["name"]]
    return found


def pictures_in(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(page.images) for page in pdf.pages)


def test_portfolios_arrive_whole_print_and_verify_and_the_selection_comes_back(world: World) -> None:
    school_list = listing(world, "school")
    reading = by_name(school_list, "บัตรคำพาสนุก")
    schools_own = by_name(school_list, "KA Model")
    printed_at_school = world.root / "school-print.pdf"
    world.kaplc("school", "pdf", "portfolio", "--id", reading["id"], "--out", str(printed_at_school))
    (code,) = qr_texts(printed_at_school)  # what the district's officer scans on the paper the school sent

    outcome = world.district_import(world.school_bundle())
    assert outcome["result"] == "applied"
    school_rows = _rows(world, "school")
    for kind, table in zip(KINDS, TABLES, strict=True):
        assert outcome["counts"][kind]["new"] == len(school_rows[table]) > 0, kind
        assert outcome["counts"][kind]["rejected"] == 0, kind
    assert _rows(world, "district") == school_rows
    assert listing(world, "district") == school_list

    for item in (reading, schools_own):
        shown = {side: world.json(side, "portfolio", "show", "--id", item["id"]) for side in ("school", "district")}
        assert shown["district"]["missing_files"] == []  # type: ignore[index]
        assert shown["district"]["content_hash"] == shown["school"]["content_hash"]  # type: ignore[index]
        assert shown["district"]["sections"] == shown["school"]["sections"]  # type: ignore[index]
        at_district = world.root / f"district-{item['id']}.pdf"
        out = world.kaplc("district", "pdf", "portfolio", "--id", item["id"], "--out", str(at_district))
        missing = _("{n} picture(s) of this portfolio are not in this copy yet; they print as an empty frame.")
        assert missing.split("{n}")[1].strip()[:20] not in out, out
        at_school = world.root / f"school-{item['id']}.pdf"
        world.kaplc("school", "pdf", "portfolio", "--id", item["id"], "--out", str(at_school))
        assert pictures_in(at_district) == pictures_in(at_school) > 0  # every picture, the PDF evidence's page too
        assert squeezed_pages(at_district) == squeezed_pages(at_school)  # the school's name and every word alike

    world.kaplc("district", "portfolio", "verify", code)  # exit 0: the printout matches the district's copy
    world.kaplc("district", "portfolio", "verify", code.replace(code[-6:], "000000"), expect=1)

    world.kaplc(
        "district", "portfolio", "decide", "--id", reading["id"], "--level", "district", "--result", "selected",
        "--rank", "winner", "--date", DECIDED, "--comment", "ผลงานดีเด่น ส่งต่อระดับภาค",
    )  # fmt: skip
    assert by_name(listing(world, "district"), "บัตรคำพาสนุก")["stage"] == "selected_district"
    world.feedback_to_school()
    stages = {i["id"]: i["stage"] for i in listing(world, "school")}
    assert stages[reading["id"]] == "selected_district"
    assert all(
        stages[i["id"]] == i["stage"] for i in school_list if i["id"] != reading["id"]
    )  # the others as they were
    shown = world.json("school", "portfolio", "show", "--id", reading["id"])
    (decision,) = shown["decisions"]  # type: ignore[index]
    assert decision["comment"] == "ผลงานดีเด่น ส่งต่อระดับภาค" and decision["owner_code"] != SCHOOL_CODE

    world.kaplc(
        "district", "portfolio", "decide", "--id", reading["id"], "--level", "region", "--result", "not_selected",
        "--date", DECIDED,
    )  # fmt: skip
    world.feedback_to_school()
    assert by_name(listing(world, "school"), "บัตรคำพาสนุก")["stage"] == "selected_district"  # chosen by the district
    assert by_name(listing(world, "district"), "บัตรคำพาสนุก")["stage"] == "selected_district"
    assert [i["name"] for i in listing(world, "school", "--status", "selected_district")] == [reading["name"]]

    world.kaplc("school", "portfolio", "verify", code)  # a decision changes nothing the printout says
    world.kaplc("school", "portfolio", "edit", "--id", reading["id"], "--section", "lessons=บทเรียนที่เขียนใหม่")
    world.kaplc("school", "portfolio", "verify", code, expect=1)  # the school changed it after printing


def test_a_replayed_bundle_changes_nothing(world: World) -> None:
    bundle = world.school_bundle()
    world.district_import(bundle)
    before = _rows(world, "district")
    assert world.district_import(bundle)["result"] == "already-imported"
    replay = edit_payload(world, bundle, lambda name, data: [(name, data, None)])  # the same rows, a new bundle id
    counts = world.district_import(replay)["counts"]
    for kind in KINDS:
        assert counts[kind]["new"] == counts[kind]["updated"] == counts[kind]["rejected"] == 0, kind
        assert counts[kind]["conflict"] == 0 and counts[kind]["unchanged"] > 0, kind
    assert _rows(world, "district") == before
    assert world.json("district", "sync", "conflicts") == []


def test_a_section_written_again_after_a_restore_is_one_section_in_conflict(world: World) -> None:
    """Backup; write the "lessons" section of a portfolio and send it; restore the backup (no such section there),
    write it again with other words and send: the district holds one lessons section of that portfolio, whose id is
    its identity, with the newer words, and the earlier words in view as a conflict, not lost."""
    world.district_import(world.school_bundle())
    research = by_name(listing(world, "school"), "สะกดคำ")
    backup = world.root / "before.kaplc-backup"
    world.kaplc("school", "backup", "create", "--out", str(backup))
    world.kaplc("school", "portfolio", "edit", "--id", research["id"], "--section", "lessons=ข้อความก่อนกู้คืน")
    world.district_import(world.school_bundle())
    world.kaplc("school", "backup", "restore", str(backup))
    world.kaplc("school", "portfolio", "edit", "--id", research["id"], "--section", "lessons=ข้อความหลังกู้คืน")
    outcome = world.district_import(world.school_bundle())
    assert outcome["counts"]["portfolio_section"]["rejected"] == 0
    sql = f"SELECT id, body FROM portfolio_sections WHERE portfolio_id = '{research['id']}' AND section = 'lessons'"
    expected_id = identity_record_id(PORTFOLIO_SECTION, {"portfolio_id": research["id"], "section": "lessons"})
    assert query(world.root / "school", sql) == [(expected_id, "ข้อความหลังกู้คืน")]
    assert query(world.root / "district", sql) == [(expected_id, "ข้อความหลังกู้คืน")]  # one section, not two
    conflicts = [c for c in world.json("district", "sync", "conflicts") if c["record_id"] == expected_id]  # type: ignore[union-attr]
    assert len(conflicts) == 1, conflicts
    kept = {conflicts[0]["losing_row"]["body"], conflicts[0]["current_row"]["body"]}
    assert kept == {"ข้อความก่อนกู้คืน", "ข้อความหลังกู้คืน"}  # the words the restore rewound are in view


def test_a_lost_picture_names_its_portfolio_and_taking_it_out_lets_the_bundle_go(world: World) -> None:
    side = open_side(world.root / "school")
    try:
        item = next(i for i in side.ctx.portfolios.gallery() if i.thumbnail)
        view = side.ctx.portfolios.view(item.id)
        lost = view.files[0]
        attachment_store.path_for(world.root / "school", lost.file_sha256).unlink()  # a disk error, a cleaning tool
        assert side.ctx.portfolios.view(item.id).missing_files == [lost.file_sha256]
    finally:
        side.close()
    folder = world.usb / "lost"
    folder.mkdir()
    refused = world.kaplc("school", "bundle", "export", "--out", str(folder), expect=2)
    assert item.name in refused and "ผลงานเด่น" in refused
    side = open_side(world.root / "school")
    try:
        service = side.ctx.portfolios
        kept = [e for e in service.file_entries(item.id) if e.file_id != lost.id]
        service.save(service.edited(item.id, {}), files=kept, portfolio_id=item.id, today=TODAY)
    finally:
        side.close()
    assert world.district_import(world.school_bundle())["result"] == "applied"
    assert world.json("district", "portfolio", "show", "--id", item.id)["missing_files"] == []  # type: ignore[index]


# --- forged bundles ---------------------------------------------------------------------------------------------
def _rows_edit(member: str, change: Callable[[list[dict[str, Any]]], None]):  # type: ignore[no-untyped-def]
    def edit(name: str, data: bytes):  # type: ignore[no-untyped-def]
        if name != member:
            return [(name, data, None)]
        rows = [json.loads(line) for line in data.splitlines()]
        change(rows)
        return [(name, b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows), None)]

    return edit


def _selected_by_the_school(rows: list[dict[str, Any]]) -> None:
    rows[0]["status"] = "selected_national"


def _section_over_the_limit(rows: list[dict[str, Any]]) -> None:
    rows[0]["body"] = "ก" * 60_001


def _a_web_page_as_evidence(rows: list[dict[str, Any]]) -> None:
    rows[0]["media_type"] = "text/html"


def _second_text_of_a_section(rows: list[dict[str, Any]]) -> None:
    rows.append({**rows[0], "id": str(uuid.uuid4()), "body": "ข้อความซ้อน"})


def _an_unknown_section(rows: list[dict[str, Any]]) -> None:
    rows[0]["section"] = "<script>"


@pytest.mark.parametrize(
    ("kind", "change", "reason", "lost"),
    [
        ("portfolio", _selected_by_the_school, "status", 1),
        ("portfolio_section", _section_over_the_limit, "body", 1),
        ("portfolio_file", _a_web_page_as_evidence, "media_type", 1),
        ("portfolio_section", _second_text_of_a_section, "id", 0),  # the school's own text of it arrives
        ("portfolio_section", _an_unknown_section, "section", 1),
    ],
)
def test_a_forged_portfolio_row_is_parked_with_its_reason(
    world: World, kind: str, change: Callable[[list[dict[str, Any]]], None], reason: str, lost: int
) -> None:
    forged = edit_payload(world, world.school_bundle(), _rows_edit(f"data/{kind}.jsonl", change))
    outcome = world.district_import(forged)
    assert outcome["counts"][kind]["rejected"] == 1
    parked = world.json("district", "sync", "parked", "--all")
    assert any(p["kind"] == kind and p["reason"].startswith(reason) for p in parked), parked  # type: ignore[union-attr]
    assert world.count("district", "SELECT count(*) FROM portfolios WHERE status NOT IN ('draft', 'submitted')") == 0
    assert world.count("district", "SELECT count(*) FROM portfolio_sections WHERE length(body) > 60000") == 0
    assert world.count("district", "SELECT count(*) FROM portfolio_files WHERE media_type = 'text/html'") == 0
    live = f"SELECT count(*) FROM {kind}s WHERE deleted_at IS NULL"
    assert world.count("district", live) == world.count("school", live) - lost  # the forged one alone is left out


def _decision_row(world: World, owner: str) -> dict[str, Any]:
    """A well-formed decision row on one of the school's portfolios, as the district's own would be."""
    (portfolio_id,) = query(world.root / "school", "SELECT id FROM portfolios WHERE status = 'submitted' LIMIT 1")[0]
    values = {"portfolio_id": portfolio_id, "level": "district"}
    db = str(uuid.uuid4())
    return {
        "id": identity_record_id(PORTFOLIO_DECISION, values),
        "owner_code": owner,
        "school_code": SCHOOL_CODE,
        "portfolio_id": portfolio_id,
        "level": "district",
        "result": "selected",
        "rank": "winner",
        "medal": "gold",
        "decided_on": "2026-11-20",
        "comment": "เลือกตัวเอง",
        "created_at": "2026-11-20T01:00:00Z",
        "updated_at": "2026-11-20T01:00:00Z",
        "deleted_at": None,
        "version_db": db,
        "version_counter": 1,
        "version_vector": {db: 1},
    }


def _with_member(world: World, bundle: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    """The school's bundle with one more data member, signed again with the school's key under a new bundle id."""
    root = world.root / "forge-decision"
    root.mkdir(exist_ok=True)
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)

    def add(member: str, content: bytes):  # type: ignore[no-untyped-def]
        extra = [(name, data, None)] if member == "manifest.json" else []
        return [*extra, (member, content, None)]

    def renamed(manifest: dict[str, Any]) -> None:
        manifest["bundle_id"] = str(uuid.uuid4())
        manifest["counts"][name[len("data/") : -len(".jsonl")]] = len(rows)

    district, school = open_side(world.root / "district"), open_side(world.root / "school")
    try:
        payload = decrypt_payload(bundle, district, root / "payload.zip")
        zipped = rewrite_zip(payload, root / "edited.zip", add)
        signed = resign(zipped, school, root / "signed.zip", edit_manifest=renamed)
        return reseal(signed, bundle, district, root / f"forged-{bundle.name}")
    finally:
        district.close()
        school.close()


@pytest.mark.parametrize("owner", ["school", "district"], ids=["as-its-own", "as-the-districts"])
def test_a_school_cannot_send_a_selection_decision(world: World, owner: str) -> None:
    world.district_import(world.school_bundle())
    before = _rows(world, "district")
    stages = {i["id"]: i["stage"] for i in listing(world, "district")}
    code = SCHOOL_CODE if owner == "school" else "9002"
    forged = _with_member(world, world.school_bundle(), "data/portfolio_decision.jsonl", [_decision_row(world, code)])
    main(["--data-dir", str(world.root / "district"), "bundle", "import", str(forged), "--json"])
    out, _err = world.capsys.readouterr()
    outcome = json.loads(out)[0]
    assert (outcome["result"], outcome.get("reason")) == ("refused", "foreign-records"), outcome
    assert world.count("district", "SELECT count(*) FROM portfolio_decisions") == 0
    assert {i["id"]: i["stage"] for i in listing(world, "district")} == stages  # nothing selected
    assert _rows(world, "district") == before


def test_mistakes_on_the_command_line_get_a_sentence_that_says_what_to_do(world: World, tmp_path: Path) -> None:
    """Each refusal names what is wrong, in the user's words, and changes nothing."""
    world.district_import(world.school_bundle())
    school_id = listing(world, "school")[0]["id"]
    before = {side: _rows(world, side) for side in ("school", "district")}
    said = world.kaplc("district", "portfolio", "delete", "--id", school_id, expect=EXIT_REFUSED)
    refusal = _(
        "This is a district workspace; this work is done in a school workspace (the district sees it in the "
        "bundles the schools send)."
    )
    assert refusal in said and "personnel" not in said.lower()
    said = world.kaplc(
        "district",
        "portfolio",
        "decide",
        "--id",
        "nope",
        "--level",
        "district",
        "--result",
        "selected",
        expect=EXIT_REFUSED,
    )
    assert "kaplc portfolio list" in said
    said = world.kaplc("school", "portfolio", "restore", "--id", school_id, expect=EXIT_REFUSED)
    assert _("“{name}” is not in the Trash.").format(name=listing(world, "school")[0]["name"]) in said
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    for device in ("/dev/zero", str(fifo)):
        said = world.kaplc("school", "portfolio", "attach", "--id", school_id, "--file", device, expect=EXIT_REFUSED)
        assert _("{path} is not an ordinary file; name a file saved on the disk.").format(path=device) in said
    assert {side: _rows(world, side) for side in ("school", "district")} == before


def test_a_portfolio_the_school_deleted_still_verifies_but_is_not_judged(world: World) -> None:
    """The school prints, sends, then deletes a portfolio: the printout still reads as unchanged (with a note that
    it was deleted), the district cannot judge it, and its print says it is no longer submitted."""
    reading = by_name(listing(world, "school"), "บัตรคำพาสนุก")
    printed = world.root / "before-delete.pdf"
    world.kaplc("school", "pdf", "portfolio", "--id", reading["id"], "--out", str(printed))
    (code,) = qr_texts(printed)
    world.kaplc("school", "portfolio", "delete", "--id", reading["id"])
    said = world.kaplc("school", "portfolio", "verify", code)  # exit 0: what was printed is what it held
    assert _("Note: “{name}” has since been moved to the Trash in this copy.").format(name=reading["name"]) in said
    world.district_import(world.school_bundle())
    world.kaplc("district", "portfolio", "verify", code)
    refused = world.kaplc(
        "district", "portfolio", "decide", "--id", reading["id"], "--level", "district", "--result", "selected",
        "--date", DECIDED, expect=EXIT_REFUSED,
    )  # fmt: skip
    assert f"“{reading['name']}”" in refused, refused
    assert world.json("district", "portfolio", "show", "--id", reading["id"])["decisions"] == []  # type: ignore[index]
    out = world.kaplc("district", "pdf", "portfolio", "--id", reading["id"], "--out", str(world.root / "d.pdf"))
    trashed = _(
        "This portfolio is in the Trash (deleted at the school or here): it is printed as it was when it was "
        "deleted, and is no longer submitted."
    )
    assert squeeze(trashed) in squeeze(out), out


def test_an_owner_moved_to_the_trash_still_owns_the_work_at_the_school_and_the_district(world: World) -> None:
    """A teacher who moved away is moved to the Trash: the work they made still names them, the printout made
    before still verifies (at the school and at the district, which receives them as deleted), and the portfolio
    can still be edited. Found by the attacker: the code read as "does NOT match" and editing was refused."""
    reading = by_name(listing(world, "school"), "บัตรคำพาสนุก")
    shown = world.json("school", "portfolio", "show", "--id", reading["id"])
    (owner, *_others) = shown["owners"]  # type: ignore[index]
    printed = world.root / "before.pdf"
    world.kaplc("school", "pdf", "portfolio", "--id", reading["id"], "--out", str(printed))
    (code,) = qr_texts(printed)
    side = open_side(world.root / "school")
    try:
        side.ctx.personnel.delete(owner["id"])
    finally:
        side.close()
    world.kaplc("school", "portfolio", "verify", code)  # exit 0
    assert world.json("school", "portfolio", "show", "--id", reading["id"])["owners"] == shown["owners"]  # type: ignore[index]
    again = world.root / "after.pdf"
    world.kaplc("school", "pdf", "portfolio", "--id", reading["id"], "--out", str(again))
    assert squeeze(owner["name"]) in squeezed_pages(again)[0]  # the cover still names them
    world.district_import(world.school_bundle())
    world.kaplc("district", "portfolio", "verify", code)
    world.kaplc("school", "portfolio", "edit", "--id", reading["id"], "--set", "learning_area=science")
    assert world.json("school", "portfolio", "show", "--id", reading["id"])["owners"] == shown["owners"]  # type: ignore[index]


def test_the_short_id_printed_on_the_cover_finds_the_portfolio(world: World) -> None:
    """The cover prints the start of the id ("Verification code aa2cbb09 · …"): the commands take it as typed."""
    reading = by_name(listing(world, "school"), "บัตรคำพาสนุก")
    short = reading["id"][:8]
    assert world.json("school", "portfolio", "show", "--id", f" {short.upper()} ")["id"] == reading["id"]  # type: ignore[index]
    world.kaplc("school", "pdf", "portfolio", "--id", short, "--out", str(world.root / "short.pdf"))
    world.district_import(world.school_bundle())
    world.kaplc(
        "district", "portfolio", "decide", "--id", short, "--level", "district", "--result", "selected",
        "--date", DECIDED,
    )  # fmt: skip
    too_short = world.kaplc("school", "portfolio", "show", "--id", short[:7], expect=EXIT_REFUSED)
    assert _("Type at least {n} characters of the id (the cover prints the first {n}).").format(n=8) in too_short
    missing = world.kaplc("school", "portfolio", "show", "--id", "00000000", expect=EXIT_REFUSED)
    assert "00000000" in missing
    printed = world.root / "short.pdf"
    (code,) = qr_texts(printed)
    digest = code.rsplit(":", 1)[1]
    said = world.kaplc("district", "portfolio", "verify", f"รหัสตรวจสอบ {short} · {digest[:12]}")  # typed from the cover
    assert _("Checked with the short code printed on the cover; scanning the QR code checks all of it.") in said
    stage = _("Where it stands now: {stage}.").format(
        stage=vocabularies.label("submission_status", "selected_district")
    )
    assert stage in said, said
