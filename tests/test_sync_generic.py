"""Sync is generic: models defined here join it by declaring themselves, with no export or import code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sync_support import ESA, OTHER_SCHOOL, SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.data.sync_mixin import SYNCED_KINDS, SyncMixin, synced

pytestmark = pytest.mark.both_databases


class ExtraBase(DeclarativeBase):
    """A metadata of its own, so these tables never mix with the app's migrations."""


class Review(SyncMixin, ExtraBase):
    """A district-owned record about one school (like a portfolio review will be)."""

    __tablename__ = "test_reviews"
    __sync_scope__ = "school_code"
    school_code: Mapped[str] = mapped_column(String(10))
    verdict: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)


class Evidence(SyncMixin, ExtraBase):
    """A school-owned record with an attachment and a reference to a staff member."""

    __tablename__ = "test_evidence"
    __sync_references__: ClassVar[dict[str, str]] = {"person_id": "personnel"}
    __sync_attachments__: ClassVar[tuple[str, ...]] = ("file_sha256",)
    person_id: Mapped[str] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(String(200))
    file_sha256: Mapped[str | None] = mapped_column(String(64))


@pytest.fixture
def registered() -> Iterator[None]:
    synced(kind="test_review", owner="district")(Review)
    synced(kind="test_evidence", owner="school")(Evidence)
    yield
    SYNCED_KINDS.pop("test_review", None)
    SYNCED_KINDS.pop("test_evidence", None)


@pytest.fixture
def world(tmp_path: Path, registered: None):  # type: ignore[no-untyped-def]
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=4)
    other = make_school(tmp_path / "other", district, code=OTHER_SCHOOL, staff=2)
    for side in (district, school, other):
        ExtraBase.metadata.create_all(side.ctx.db.engine)
    (tmp_path / "usb").mkdir()
    for side in (school, other):
        district.sync.import_bundles([side.sync.export_bundle(tmp_path / "usb").path], dry_run=False, trust=[fp(side)])
    yield district, school, other, tmp_path / "usb"
    for side in (district, school, other):
        side.close()


def test_district_records_reach_only_the_school_they_are_for(world) -> None:  # type: ignore[no-untyped-def]
    district, school, _other, usb = world
    with district.ctx.db.sessions.begin() as session:
        session.add(Review(school_code=SCHOOL_CODE, verdict="selected", score=92))
        session.add(Review(school_code=OTHER_SCHOOL, verdict="revise", score=70))
    feedback = district.sync.export_feedback(SCHOOL_CODE, usb)
    assert feedback.manifest.counts["test_review"] == 1
    outcome = school.sync.import_bundles([feedback.path], dry_run=False)[0]
    assert outcome.result == "applied" and outcome.plan.counts()["test_review"]["new"] == 1
    with school.ctx.db.sessions() as session:
        reviews = session.query(Review).all()
        assert [(r.school_code, r.verdict, r.owner_code) for r in reviews] == [(SCHOOL_CODE, "selected", ESA)]
    # the district edits its review; the school gets the update, never a copy of its own
    with district.ctx.db.sessions.begin() as session:
        review = session.query(Review).filter_by(school_code=SCHOOL_CODE).one()
        review.verdict = "national"
    again = school.sync.import_bundles([district.sync.export_feedback(SCHOOL_CODE, usb).path], dry_run=False)[0]
    assert again.plan.counts()["test_review"]["updated"] == 1
    # school bundles never carry district-owned kinds
    assert "test_review" not in school.sync.export_bundle(usb).manifest.counts


def test_school_records_with_attachments_and_references(world) -> None:  # type: ignore[no-untyped-def]
    district, school, _other, usb = world
    from kaplc_desktop import attachment_store

    person = school.ctx.personnel.list()[0]
    sha = attachment_store.put_bytes(school.ctx.data_dir, "แผนการสอน PLC ครั้งที่ 1".encode())
    school.ctx.attachments.register(sha, 10, "text/plain")
    with school.ctx.db.sessions.begin() as session:
        session.add(Evidence(person_id=person.id, title="บันทึก PLC", file_sha256=sha))
        session.add(Evidence(person_id="00000000-0000-4000-8000-00000000dead", title="อ้างอิงผิด", file_sha256=None))
    bundle = school.sync.export_bundle(usb)
    outcome = district.sync.import_bundles([bundle.path], dry_run=False)[0]
    counts = outcome.plan.counts()["test_evidence"]
    assert (counts["new"], counts["rejected"]) == (1, 1)
    assert "refers to a missing personnel record" in outcome.to_json()["rejected"][0]["reason"]
    assert attachment_store.has(district.ctx.data_dir, sha)


def test_erasure_cascades_to_declared_references_everywhere(world) -> None:  # type: ignore[no-untyped-def]
    """Erasing a person erases the evidence that refers to them (and its file), at the school and the district;
    a late bundle brings neither back, and another school's records are untouched."""
    from kaplc_desktop import attachment_store

    district, school, other, usb = world
    person, kept = school.ctx.personnel.list()[:2]
    sha = attachment_store.put_bytes(school.ctx.data_dir, "ภาพกิจกรรม PLC ของบุคคลนี้".encode())
    school.ctx.attachments.register(sha, 10, "text/plain")
    with school.ctx.db.sessions.begin() as session:
        session.add(Evidence(person_id=person.id, title="หลักฐานของผู้ถูกลบ", file_sha256=sha))
        session.add(Evidence(person_id=kept.id, title="หลักฐานของอีกคน", file_sha256=None))
    late = school.sync.export_bundle(usb, full=True)
    district.sync.import_bundles([late.path], dry_run=False)
    assert attachment_store.has(district.ctx.data_dir, sha)
    late_unsent = school.sync.export_bundle(usb, full=True)  # on a stick that reaches the district late
    erased = school.sync.erase("personnel", person.id, "เจ้าของข้อมูลขอให้ลบ")
    assert [k for k, _i in erased.removed] == ["personnel", "test_evidence"] and erased.files_removed == 1
    assert not attachment_store.has(school.ctx.data_dir, sha)
    outcome = district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False)[0]
    assert outcome.plan.counts()["erasure"]["new"] == 2
    with district.ctx.db.sessions() as session:
        assert [e.title for e in session.query(Evidence).all()] == ["หลักฐานของอีกคน"]
    assert not attachment_store.has(district.ctx.data_dir, sha)  # the photo file is gone too
    # a full bundle made before the erasure and not yet imported brings neither record back
    outcome = district.sync.import_bundles([late_unsent.path], dry_run=False)[0]
    counts = outcome.plan.counts()
    assert counts["personnel"]["erased"] == 1 and counts["test_evidence"]["erased"] == 1, counts
    assert person.id not in {p.id for p in district.ctx.personnel.list()}
    with district.ctx.db.sessions() as session:
        assert session.query(Evidence).count() == 1
    # the other school's records are untouched
    assert {p.id for p in other.ctx.personnel.list()} <= {p.id for p in district.ctx.personnel.list()}


def test_a_school_cannot_erase_another_schools_record(world) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.data.models.erasure import Erasure
    from kaplc_desktop.errors import KaplcError

    district, school, other, usb = world
    theirs = other.ctx.personnel.list()[0]
    with pytest.raises(KaplcError):
        school.sync.erase("personnel", theirs.id, "ไม่ใช่ของเรา")
    with school.ctx.db.sessions.begin() as session:  # a hostile school writes the erasure itself
        session.add(Erasure(target_kind="personnel", target_id=theirs.id, reason="ปลอม"))
    district.sync.import_bundles([school.sync.export_bundle(usb).path], dry_run=False)
    assert theirs.id in {p.id for p in district.ctx.personnel.list()}
    # and the other school's later copies of that record are still taken
    other.ctx.personnel.edit(theirs.id, {"subject": "ยังอยู่"})
    outcome = district.sync.import_bundles([other.sync.export_bundle(usb).path], dry_run=False)[0]
    assert outcome.plan.counts()["personnel"]["updated"] == 1


def test_kinds_are_applied_parents_first_and_a_cycle_is_refused() -> None:
    from kaplc_desktop.sync.kinds import KindSpec, sync_order

    def kind(name: str, **refs: str) -> KindSpec:
        return KindSpec(kind=name, owner="school", model=object, table=None, columns=(), references=refs)

    order = [
        s.kind
        for s in sync_order(
            [
                kind("attendance", meeting_id="meeting", person_id="personnel"),
                kind("meeting", group_id="plc_group", previous_id="meeting"),
                kind("plc_group"),
                kind("personnel"),
                kind("erasure"),
            ]
        )
    ]
    assert order == ["erasure", "personnel", "plc_group", "meeting", "attendance"]
    with pytest.raises(ValueError, match="cycle"):
        sync_order([kind("a", b_id="b"), kind("b", a_id="a")])
