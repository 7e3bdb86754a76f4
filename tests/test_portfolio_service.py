"""Showcase portfolios kept at a school: saved whole and read back whole, found in the gallery by year, award level,
stage and words, checked as a form checks them, their pictures kept in order, an edit undone in one step, moved to
the Trash and back with everything in them, their stage after the district's decisions, and the content hash
printed in the verification code."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from portfolio_support import SECTIONS, TODAY, YEAR, add_teachers, full_portfolio, photo, raw_portfolio

from kaplc_desktop.context import AppContext
from kaplc_desktop.domain.kinds.portfolio import (
    PORTFOLIO_AWARD,
    PORTFOLIO_FIGURE,
    PORTFOLIO_FILE,
    PORTFOLIO_OWNER,
    PORTFOLIO_SECTION,
)
from kaplc_desktop.domain.portfolio_rules import read_verification_code, stage, verification_code
from kaplc_desktop.errors import KaplcError, NotFoundError, ValidationError
from kaplc_desktop.i18n import _
from kaplc_desktop.services.demo_portfolios import demo_portfolios
from kaplc_desktop.services.portfolios import AwardEntry, FileEntry
from kaplc_desktop.services.records import RecordService

CHILDREN = (PORTFOLIO_OWNER, PORTFOLIO_SECTION, PORTFOLIO_FILE, PORTFOLIO_FIGURE, PORTFOLIO_AWARD)


@pytest.fixture
def people(school_ctx: AppContext) -> list[Any]:
    return add_teachers(school_ctx)


@pytest.fixture
def folio(school_ctx: AppContext, people: list[Any], tmp_path: Path) -> Any:
    return full_portfolio(school_ctx, people, tmp_path / "pictures")


def snapshot(ctx: AppContext, portfolio_id: str) -> tuple[Any, ...]:
    """All a user sees of a portfolio."""
    view = ctx.portfolios.view(portfolio_id)
    p = view.portfolio
    return (
        (p.name, p.status, p.owner_type, p.abstract),
        [o.id for o in view.owners],
        dict(view.sections),
        [(f.id, f.file_sha256, f.placement, f.section, f.caption) for f in view.files],
        [(f.label, f.unit, f.before, f.after) for f in view.figures],
        [(a.name, a.level, a.rank, a.medal, a.awarded_on, a.certificate_sha256) for a in view.awards],
        view.digest,
    )


def live(ctx: AppContext, kind: Any, portfolio_id: str, deleted: bool = False) -> list[Any]:
    return RecordService(ctx.db, kind).list(deleted=deleted, match={"portfolio_id": [portfolio_id]})


def errors_of(caught: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {e.field for e in caught.value.errors}


def undo_last(ctx: AppContext) -> None:
    step = ctx.undo.last()
    assert step is not None
    ctx.service_for(step.kind.name).undo(step)


# --- saving and reading ---------------------------------------------------------------------------------------
def test_a_portfolio_is_read_back_whole_and_in_order(school_ctx: AppContext, people: list[Any], folio: Any) -> None:
    view = school_ctx.portfolios.view(folio.id)
    assert view.portfolio.name == "การพัฒนาการอ่านด้วยบัตรคำพาสนุก" and view.portfolio.academic_year == YEAR
    assert [o.id for o in view.owners] == [people[0].id, people[1].id]
    assert list(view.sections) == ["importance", "process", "results"]  # the vocabulary's order
    assert view.sections == SECTIONS
    assert [f.caption for f in view.files] == ["ครูฝึกอ่านกับนักเรียน", "กราฟผลการอ่าน", "บันทึกการอ่าน"]
    assert [f.caption for f in view.pictures] == ["ครูฝึกอ่านกับนักเรียน", "กราฟผลการอ่าน"]
    assert [f.caption for f in view.evidence] == ["บันทึกการอ่าน"]
    assert all(f.media_type == "image/jpeg" and f.file_name.endswith(".jpg") for f in view.files)
    assert [(f.label, f.before, f.after) for f in view.figures] == [
        ("นักเรียนที่อ่านออก", 5800, 8600),
        ("คะแนนเฉลี่ย", 6125, 7850),
    ]
    (award,) = view.awards
    assert (award.name, award.level, award.rank, award.medal) == ("ครูดีศรีสงขลา", "district", "winner", "gold")
    assert award.awarded_on.isoformat() == "2026-03-20"
    assert view.stage == "draft" and len(view.digest) == 64 and view.missing_files == []
    assert view.decisions == []


def test_a_section_over_60000_characters_is_refused_and_nothing_is_saved(
    school_ctx: AppContext, people: list[Any]
) -> None:
    school_ctx.portfolios.save(raw_portfolio(), [people[0].id], {"importance": "ก " * 30_000}, today=TODAY)  # 60,000
    with pytest.raises(ValidationError) as caught:
        school_ctx.portfolios.save(
            raw_portfolio(name="ยาวเกิน"), [people[0].id], {"importance": "ก " * 30_000 + "ข"}, today=TODAY
        )
    assert errors_of(caught) == {"sections"}
    assert [p.name for p in school_ctx.portfolios.list()] == ["การพัฒนาการอ่านด้วยบัตรคำพาสนุก"]


def test_a_figure_up_to_the_stated_maximum_is_taken(school_ctx: AppContext, people: list[Any]) -> None:
    """Result figures go up to 10,000,000 (MAX_FIGURE): a school's budget in baht, a district's pupils."""
    service = school_ctx.portfolios
    row = service.save(raw_portfolio(), [people[0].id], figures=[{"label": "ก", "before": "0", "after": "9999999.99"}])
    assert service.view(row.id).figures[0].after == 999_999_999
    with pytest.raises(ValidationError):
        service.save(raw_portfolio(), [people[0].id], figures=[{"label": "ก", "before": "0", "after": "10000000.01"}])
    try:
        service.save(
            raw_portfolio(), [people[0].id], figures=[{"label": "งบประมาณ", "before": "0", "after": "10,000,000"}]
        )
    except ValidationError as exc:
        pytest.fail(
            f"PRODUCT BUG: a figure of 10,000,000, the stated maximum (MAX_FIGURE), is refused with {exc.message!r}: "
            "Score.clean accepts at most 7 digits before the point ([0-9]{1,7}), and the message speaks of decimals"
        )


def test_every_mistake_of_a_save_is_told_at_once_with_its_row(school_ctx: AppContext, people: list[Any]) -> None:
    """A title missing, a figure typed 1,5 and one below zero, an unnamed award without a level: one refusal lists
    them all, each naming its row, and nothing is saved."""
    with pytest.raises(ValidationError) as caught:
        school_ctx.portfolios.save(
            raw_portfolio(name=""),
            [people[0].id],
            figures=[
                {"label": "นักเรียนที่อ่านออก", "before": "1,5", "after": "90"},
                {"label": "", "before": "−3", "after": "1,250.5"},
            ],
            awards=[AwardEntry({"name": "", "level": ""})],
            today=TODAY,
        )
    messages = [e.message for e in caught.value.errors]
    assert errors_of(caught) >= {"name", "figures", "awards"}
    before, after = _("Before"), _("After")
    comma = _("{field}: write decimals with a point (1.5); a comma only separates thousands (1,250).")
    assert _("Figure {n}").format(n=1) + " (นักเรียนที่อ่านออก): " + comma.format(field=before) in messages
    assert _("Figure {n}").format(n=2) + ": " + _("{field} cannot be below 0.").format(field=before) in messages
    assert not any(after in m for m in messages), "1,250.5 is a number with its thousands grouped"
    assert any(m.startswith(_("Award {n}").format(n=1) + ": ") for m in messages)
    assert school_ctx.portfolios.list() == []


# --- the gallery ----------------------------------------------------------------------------------------------
def test_the_gallery_filters_by_year_level_stage_words_and_school(school_ctx: AppContext, people: list[Any]) -> None:
    assert demo_portfolios(school_ctx, seed=2, today=TODAY) == 4
    gallery = school_ctx.portfolios.gallery
    everything = gallery()
    by_name = {i.name: i for i in everything}
    reading = "การพัฒนาทักษะการอ่านออกเขียนได้ด้วยกระบวนการ PLC และบัตรคำพาสนุก"
    game = "นวัตกรรมเกมบันไดงูเศษส่วน เพื่อการเรียนรู้เชิงรุก"
    school = "โรงเรียนคุณภาพด้วย KA Model by PLC"
    research = "วิจัยในชั้นเรียน: การแก้ปัญหาการสะกดคำด้วยแบบฝึกทักษะ"
    assert set(by_name) == {reading, game, school, research}
    assert [i.academic_year for i in everything] == [2569, 2569, 2568, 2568]  # newest year first

    def names(**filters: Any) -> set[str]:
        return {i.name for i in gallery(**filters)}

    assert names(year=2568) == {reading, school} and names(year=2569) == {game, research} and names(year=2560) == set()
    assert (
        names(level="district") == {reading} and names(level="region") == {school} and names(level="national") == set()
    )
    assert names(status="submitted") == {reading, school} and names(status="draft") == {game, research}
    assert names(text="บันไดงู") == {game}
    assert names(text="plc") == {reading, school}  # words in any case
    assert names(text="ka PLC") == {school}  # every word must be there
    assert names(text="บัตรคำ ไม่มีคำนี้") == set()
    owner = by_name[game].owners.split()[0]  # an owner's name finds their work
    assert game in names(text=owner) and school not in names(text=owner)
    assert names(school="1090050001") == set(by_name) and names(school="1090050999") == set()
    assert by_name[reading].awards == 1 and by_name[reading].level == "district"
    assert by_name[research].thumbnail is None and by_name[game].thumbnail is not None
    assert by_name[school].owners != "" and by_name[school].stage == "submitted"


# --- the form's rules -----------------------------------------------------------------------------------------
def test_owners_are_required_for_a_persons_work_and_none_for_the_schools(
    school_ctx: AppContext, people: list[Any]
) -> None:
    service = school_ctx.portfolios
    with pytest.raises(ValidationError) as caught:
        service.save(raw_portfolio(), owners=[], sections=SECTIONS, today=TODAY)
    assert errors_of(caught) == {"owners"}
    with pytest.raises(ValidationError) as caught:
        service.save(raw_portfolio(), owners=["no-such-person"], today=TODAY)
    assert errors_of(caught) == {"owners"}
    assert service.list() == []
    twice = service.save(raw_portfolio(), owners=[people[1].id, people[0].id, people[1].id], today=TODAY)
    assert [o.id for o in service.view(twice.id).owners] == [people[1].id, people[0].id]  # once each, in order
    schools = service.save(raw_portfolio(name="ของโรงเรียน", owner_type="school"), owners=[people[0].id], today=TODAY)
    assert service.view(schools.id).owners == [] and live(school_ctx, PORTFOLIO_OWNER, schools.id) == []
    # a persons' work made the school's: its owners go
    service.save(service.edited(twice.id, {"owner_type": "school"}), portfolio_id=twice.id, today=TODAY)
    assert service.view(twice.id).owners == [] and live(school_ctx, PORTFOLIO_OWNER, twice.id) == []
    with pytest.raises(ValidationError) as caught:  # and made a persons' work again, it needs owners again
        service.save(service.edited(twice.id, {"owner_type": "persons"}), portfolio_id=twice.id, today=TODAY)
    assert errors_of(caught) == {"owners"}


def test_submitting_needs_a_date_and_a_section_with_text(school_ctx: AppContext, people: list[Any]) -> None:
    service = school_ctx.portfolios
    owners = [people[0].id]
    with pytest.raises(ValidationError) as caught:
        service.save(raw_portfolio(status="submitted"), owners, SECTIONS, today=TODAY)
    assert "submitted_on" in errors_of(caught)
    for empty in ({}, {"importance": ""}, {"importance": "  \n \n"}):
        with pytest.raises(ValidationError) as caught:
            service.save(raw_portfolio(status="submitted", submitted_on="20/11/2569"), owners, empty, today=TODAY)
        assert errors_of(caught) == {"status"}, empty
    assert service.list() == []
    row = service.save(raw_portfolio(status="submitted", submitted_on="20/11/2569"), owners, SECTIONS, today=TODAY)
    assert row.status == "submitted" and row.submitted_on.isoformat() == "2026-11-20"
    # its text cleared, a submitted portfolio is refused
    with pytest.raises(ValidationError):
        service.save(service.edited(row.id, {}), sections=dict.fromkeys(SECTIONS, ""), portfolio_id=row.id, today=TODAY)


def test_submitting_counts_the_sections_already_written(school_ctx: AppContext, people: list[Any]) -> None:
    """A draft with two sections written, submitted while a third (empty) one is saved: it has text to submit."""
    service = school_ctx.portfolios
    draft = service.save(raw_portfolio(), [people[0].id], SECTIONS, today=TODAY)
    raw = service.edited(draft.id, {"status": "submitted", "submitted_on": "20/11/2569"})
    try:
        service.save(raw, sections={"lessons": ""}, portfolio_id=draft.id, today=TODAY)
    except ValidationError as exc:
        pytest.fail(
            "PRODUCT BUG: a portfolio whose importance/process/results sections hold text was refused as having "
            f"no section written ({exc.message!r}) because the one section passed in the save was empty: "
            "PortfolioService.save checks any(section_values.values()) over the sections given, while _write "
            "merges them with the sections held"
        )
    assert service.get(draft.id).status == "submitted"


def test_a_school_cannot_mark_its_portfolio_selected(school_ctx: AppContext, people: list[Any]) -> None:
    service = school_ctx.portfolios
    for status in ("selected_district", "selected_region", "selected_national", "not_selected"):
        with pytest.raises(ValidationError) as caught:
            service.save(raw_portfolio(status=status, submitted_on="20/11/2569"), [people[0].id], SECTIONS, today=TODAY)
        assert "status" in errors_of(caught), status
    row = service.save(raw_portfolio(), [people[0].id], SECTIONS, today=TODAY)
    with pytest.raises(ValidationError):
        service.edit(row.id, {"status": "selected_district"}, today=TODAY)
    assert service.view(row.id).stage == "draft"


def test_a_school_cannot_record_the_districts_decision(school_ctx: AppContext, people: list[Any], folio: Any) -> None:
    """Selection is the district's to record: a school's own copy never says its work was selected."""
    raw = {"portfolio_id": folio.id, "level": "district", "result": "selected", "decided_on": "20/11/2569"}
    try:
        made = school_ctx.portfolio_decisions.decide(raw, today=TODAY)
    except KaplcError:
        made = None
    stage_now = school_ctx.portfolios.view(folio.id).stage
    assert made is None and stage_now == "draft", (
        "PRODUCT BUG: at a school, ctx.portfolio_decisions.decide() recorded a district-owned decision "
        f"(owner_code {getattr(made, 'owner_code', None)}) and the portfolio now shows stage {stage_now!r}: "
        "PortfolioDecisionService.decide has no check that the workspace is a district (only the CLI calls "
        "require_district)"
    )


# --- pictures in order -----------------------------------------------------------------------------------------
def test_files_are_reordered_recaptioned_and_removed_through_their_entries(
    school_ctx: AppContext, folio: Any, tmp_path: Path
) -> None:
    service = school_ctx.portfolios
    entries = service.file_entries(folio.id)
    ids = [e.file_id for e in entries]
    assert [e.caption for e in entries] == ["ครูฝึกอ่านกับนักเรียน", "กราฟผลการอ่าน", "บันทึกการอ่าน"]
    assert [e.placement for e in entries] == ["section", "section", "evidence"]
    raw = service.edited(folio.id, {})

    service.save(raw, files=list(reversed(entries)), portfolio_id=folio.id, today=TODAY)
    assert [f.id for f in service.view(folio.id).files] == list(reversed(ids))  # the same files, in the new order

    first, *rest = service.file_entries(folio.id)
    renamed = FileEntry(first.placement, first.section, "บันทึกการอ่านที่บ้าน", file_id=first.file_id)
    added = FileEntry("section", "importance", "ภาพใหม่", prepared=photo(tmp_path / "new", "ภาพใหม่", "maroon"))
    service.save(raw, files=[added, renamed, *rest[1:]], portfolio_id=folio.id, today=TODAY)
    view = service.view(folio.id)
    assert [f.caption for f in view.files] == ["ภาพใหม่", "บันทึกการอ่านที่บ้าน", "ครูฝึกอ่านกับนักเรียน"]
    assert view.files[1].id == first.file_id  # a caption changed in place: the same record
    assert [f.position for f in view.files] == [0, 1, 2]
    (removed,) = live(school_ctx, PORTFOLIO_FILE, folio.id, deleted=True)
    assert removed.caption == "กราฟผลการอ่าน"  # the one left out went to the Trash
    with pytest.raises(ValidationError):  # an entry of a file no longer here
        service.save(raw, files=[FileEntry(file_id=removed.id)], portfolio_id=folio.id, today=TODAY)
    with pytest.raises(ValidationError):  # a picture in a section must name its section
        service.save(raw, files=[FileEntry("section", None, "x", file_id=first.file_id)], portfolio_id=folio.id)
    assert [f.caption for f in service.view(folio.id).files] == ["ภาพใหม่", "บันทึกการอ่านที่บ้าน", "ครูฝึกอ่านกับนักเรียน"]


# --- undo, Trash ----------------------------------------------------------------------------------------------
def test_undoing_a_save_puts_everything_back(
    school_ctx: AppContext, people: list[Any], folio: Any, tmp_path: Path
) -> None:
    service = school_ctx.portfolios
    before = snapshot(school_ctx, folio.id)
    entries = service.file_entries(folio.id)
    service.save(
        service.edited(folio.id, {"name": "ชื่อใหม่", "abstract": "บทคัดย่อใหม่"}),
        owners=[people[2].id],
        sections={"importance": "เขียนใหม่", "process": ""},
        files=[entries[2], FileEntry("section", "results", "ภาพใหม่", prepared=photo(tmp_path / "n", "ภาพใหม่", "red"))],
        figures=[{"label": "ตัวชี้วัดใหม่", "before": "1", "after": "2"}],
        awards=[],
        portfolio_id=folio.id,
        today=TODAY,
    )
    after = snapshot(school_ctx, folio.id)
    assert after != before and after[0][0] == "ชื่อใหม่" and list(after[2]) == ["importance", "results"]
    assert school_ctx.undo.last() is not None
    undo_last(school_ctx)  # one step puts back the portfolio, its owners, sections, files, figures and awards
    assert snapshot(school_ctx, folio.id) == before
    undo_last(school_ctx)  # the add: it goes to the Trash with everything in it
    assert service.list() == [] and service.gallery() == []
    for kind in CHILDREN:
        assert live(school_ctx, kind, folio.id) == [], kind.name


def test_delete_and_restore_move_everything_in_it(school_ctx: AppContext, folio: Any) -> None:
    service = school_ctx.portfolios
    entries = service.file_entries(folio.id)
    service.save(service.edited(folio.id, {}), files=entries[:2], portfolio_id=folio.id, today=TODAY)  # one removed
    before = snapshot(school_ctx, folio.id)
    held = {kind.name: len(live(school_ctx, kind, folio.id)) for kind in CHILDREN}
    assert all(held.values()), held
    service.delete(folio.id)
    assert service.list() == [] and [p.id for p in service.list(deleted=True)] == [folio.id]
    assert service.gallery() == []
    for kind in CHILDREN:
        assert live(school_ctx, kind, folio.id) == [], kind.name
    with pytest.raises(KaplcError):  # a portfolio in the Trash is not changed
        service.save(service.edited(folio.id, {"name": "แก้ในถังขยะ"}), portfolio_id=folio.id, today=TODAY)
    service.restore(folio.id)
    assert snapshot(school_ctx, folio.id) == before
    assert {kind.name: len(live(school_ctx, kind, folio.id)) for kind in CHILDREN} == held
    # the file removed before the delete stays removed: only what went with it came back
    assert [f.caption for f in live(school_ctx, PORTFOLIO_FILE, folio.id, deleted=True)] == ["บันทึกการอ่าน"]
    service.delete(folio.id)
    undo_last(school_ctx)  # undoing a delete brings it all back too
    assert snapshot(school_ctx, folio.id) == before


# --- stage ------------------------------------------------------------------------------------------------------
def decision(level: str, result: str) -> Any:
    return SimpleNamespace(level=level, result=result)


@pytest.mark.parametrize(
    ("status", "decisions", "expected"),
    [
        ("draft", [], "draft"),
        ("submitted", [], "submitted"),
        ("submitted", [("district", "selected")], "selected_district"),
        ("submitted", [("district", "not_selected")], "not_selected"),
        ("submitted", [("district", "selected"), ("region", "not_selected")], "selected_district"),
        ("submitted", [("region", "not_selected"), ("district", "selected")], "selected_district"),
        ("submitted", [("district", "selected"), ("region", "selected")], "selected_region"),
        (
            "submitted",
            [("district", "selected"), ("region", "selected"), ("national", "not_selected")],
            "selected_region",
        ),
        (
            "submitted",
            [("district", "selected"), ("region", "selected"), ("national", "selected")],
            "selected_national",
        ),
    ],
)
def test_the_stage_is_the_furthest_selection(status: str, decisions: list[tuple[str, str]], expected: str) -> None:
    assert stage(status, [decision(*d) for d in decisions]) == expected


# --- the content hash and the verification code ----------------------------------------------------------------
def test_the_content_hash_follows_the_content_not_the_status(school_ctx: AppContext, folio: Any) -> None:
    service = school_ctx.portfolios
    digest = service.view(folio.id).digest
    raw = service.edited(folio.id, {})

    def digest_after(**parts: Any) -> str:
        service.save(service.edited(folio.id, parts.pop("changes", {})), portfolio_id=folio.id, today=TODAY, **parts)
        return service.view(folio.id).digest

    submitted = digest_after(changes={"status": "submitted", "submitted_on": "20/11/2569"})
    assert submitted == digest, "submitting a portfolio changes what it says in no way"
    assert digest_after(changes={"status": "draft", "submitted_on": None}) == digest
    word = digest_after(sections={"results": SECTIONS["results"].replace("86", "87")})
    assert word != digest
    assert digest_after(sections={"results": SECTIONS["results"]}) == digest  # the same words: the same hash
    entries = service.file_entries(folio.id)
    recaptioned = [FileEntry(e.placement, e.section, e.caption + "!", file_id=e.file_id) for e in entries[:1]]
    caption = digest_after(files=recaptioned + entries[1:])
    assert caption not in (digest, word)
    figure = digest_after(figures=[{"label": "นักเรียนที่อ่านออก", "unit": "ร้อยละ", "before": "58", "after": "90"}])
    assert figure not in (digest, word, caption)
    title = digest_after(changes={"name": raw["name"] + " (ฉบับปรับปรุง)"})
    assert title not in (digest, word, caption, figure)
    owner = school_ctx.personnel.get(service.view(folio.id).owners[0].id)
    school_ctx.personnel.update(owner.id, {**school_ctx.personnel.edited(owner.id, {}), "last_name_th": "ใหม่สกุล"})
    renamed = service.view(folio.id).digest
    assert renamed != title, "the cover prints the owners' names: a new name is a new printout"


def test_verify_reads_the_code_and_compares_the_content(school_ctx: AppContext, folio: Any) -> None:
    service = school_ctx.portfolios
    view = service.view(folio.id)
    code = verification_code(folio.id, view.digest)
    assert code == f"KAPLC-P:{folio.id}:{view.digest}"
    assert read_verification_code(f"  {code.upper()}\n") == (folio.id, view.digest)  # as a scanner types it
    # only the whole text is a code: one inside other words, or with a digit more, may be a forgery's decoy
    for decoy in (f"สแกนได้: {code}", f"{code}0", f"x{code}", f"{code}:{view.digest}", code.replace(":", " ")):
        assert read_verification_code(decoy) is None, decoy
    found, same = service.verify(code)
    assert found.portfolio.id == folio.id and same
    service.save(service.edited(folio.id, {}), sections={"importance": "แก้คำเดียว"}, portfolio_id=folio.id, today=TODAY)
    found, same = service.verify(code)
    assert found.portfolio.id == folio.id and not same  # changed after it was printed
    now = service.view(folio.id)
    printed = f"{folio.id[:8]} · {now.digest[:12]}"  # what the cover prints under the QR code, typed by hand
    for typed in (printed, f"รหัสตรวจสอบ {printed}", f"  {folio.id[:8].upper()}{now.digest[:12].upper()} "):
        found, same = service.verify(typed)
        assert found.portfolio.id == folio.id and same, typed
    for decoy in (f"x{printed}", f"{printed}0", f"{folio.id[:7]} · {now.digest[:12]}", f"{printed[:-1]}"):
        with pytest.raises(KaplcError):
            service.verify(decoy)
    assert not service.verify(f"{folio.id[:8]} · {'0' * 12}")[1]
    code = verification_code(folio.id, now.digest)
    school_ctx.personnel.set_photo(now.owners[0].id, "ab" * 32)  # the cover's photo is part of what was printed
    assert not service.verify(code)[1]
    with pytest.raises(KaplcError):
        service.verify("https://example.com/not-a-code")
    with pytest.raises(NotFoundError):
        service.verify(verification_code("00000000-0000-4000-8000-000000000000", view.digest))


def test_an_award_keeps_replaces_or_drops_its_certificate(school_ctx: AppContext, folio: Any, tmp_path: Path) -> None:
    service = school_ctx.portfolios
    (award,) = service.view(folio.id).awards
    values = {"name": award.name, "level": award.level, "rank": award.rank, "awarded_on": "20/03/2569"}
    scan = photo(tmp_path / "cert", "เกียรติบัตร", "gold")
    raw = service.edited(folio.id, {})
    service.save(raw, awards=[AwardEntry(values, award.id, certificate=scan)], portfolio_id=folio.id, today=TODAY)
    (kept,) = service.view(folio.id).awards
    assert kept.id == award.id and kept.certificate_sha256 and kept.certificate_type == "image/jpeg"
    service.save(raw, awards=[AwardEntry(values, award.id)], portfolio_id=folio.id, today=TODAY)
    assert service.view(folio.id).awards[0].certificate_sha256 == kept.certificate_sha256
    service.save(raw, awards=[AwardEntry(values, award.id, keep_certificate=False)], portfolio_id=folio.id, today=TODAY)
    assert service.view(folio.id).awards[0].certificate_sha256 is None


def test_the_printed_short_code_tells_apart_two_ids_that_start_alike(
    school_ctx: AppContext, people: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ids may share the 8 characters printed on the cover (a bundle can bring any id): the 12 characters of the
    hash printed with them find the right one, instead of "type more of the id", which a printout cannot."""
    import itertools
    import uuid

    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(f"aaaaaaaa-0000-4000-8000-{next(counter):012d}"))
    service = school_ctx.portfolios
    first = service.save(raw_portfolio(name="ผลงานแรก"), owners=[people[0].id], today=TODAY)
    second = service.save(raw_portfolio(name="ผลงานที่สอง"), owners=[people[0].id], today=TODAY)
    monkeypatch.undo()
    assert first.id[:8] == second.id[:8] == "aaaaaaaa"
    for row in (first, second):
        digest = service.view(row.id).digest
        found, same = service.verify(f"รหัสตรวจสอบ: {row.id[:8]} · {digest[:12]}")
        assert found.portfolio.id == row.id and same
    with pytest.raises(KaplcError):
        service.verify(f"aaaaaaaa · {'0' * 12}")  # neither: more than one could be meant, and it says so
    with pytest.raises(KaplcError):
        service.find_id("aaaaaaaa")


def test_an_owner_in_the_trash_stays_but_nobody_new_is_chosen_from_the_trash(
    school_ctx: AppContext, people: list[Any]
) -> None:
    """A teacher who moved away keeps the work they made; someone in the Trash is not newly made an owner (found by
    the attacker through `portfolio edit --owner`)."""
    service = school_ctx.portfolios
    row = service.save(raw_portfolio(), owners=[people[0].id], today=TODAY)
    school_ctx.personnel.delete(people[0].id)
    school_ctx.personnel.delete(people[1].id)
    kept = service.save(service.edited(row.id, {"name": "ชื่อใหม่"}), portfolio_id=row.id, today=TODAY)
    assert [o.id for o in service.view(kept.id).owners] == [people[0].id]
    with pytest.raises(ValidationError) as refused:
        service.save(service.edited(row.id, {}), owners=[people[0].id, people[1].id], portfolio_id=row.id, today=TODAY)
    assert refused.value.errors[0].field == "owners"
    with pytest.raises(ValidationError):
        service.save(raw_portfolio(), owners=[people[1].id], today=TODAY)
    with pytest.raises(NotFoundError, match="ABCDEF0123"):
        service.find_id("ABCDEF0123")  # said as typed
