"""A kind declared here, in a test, and nothing else: its table, list, form, Excel round trip, record-sheet block
and sync round trip all come from the declaration (what each new kind of record gets for free)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import DeclarativeBase
from support import type_text
from sync_support import fp, make_district, make_school

from kaplc_desktop.data.declared_columns import declared_columns
from kaplc_desktop.data.sync_mixin import SYNCED_KINDS, SyncMixin, synced
from kaplc_desktop.domain.field_types import Code, Codes, Date, Number, Text
from kaplc_desktop.domain.record_kind import DECLARED, Field, FormGroup, RecordKind, declare
from kaplc_desktop.errors import ValidationError
from kaplc_desktop.i18n import set_language
from kaplc_desktop.services.records import RecordService

VISIT = RecordKind(
    name="test_visit",
    table="test_visits",
    owner="school",
    label="Study visit",
    fields=(
        Field("topic", "Topic", Text(), required=True, max_length=120),
        Field("visit_date", "Visit date", Date(), required=True),
        Field("activity", "Activity", Code(), required=True, max_length=40, vocabulary="plc_activity_type"),
        Field("areas", "Areas", Codes(), vocabulary="learning_area"),
        Field("hours", "Hours", Number(1, 40)),
        Field("notes", "Notes", Text(), max_length=500),
    ),
    list_columns=("visit_date", "topic", "activity", "hours"),
    details=("topic", "visit_date", "activity", "areas", "hours", "notes"),
    form=(FormGroup("Visit", ("topic", "visit_date", "activity", "areas", "hours", "notes")),),
    excel=("topic", "visit_date", "activity", "areas", "hours", "notes"),
    printed=("topic", "visit_date", "activity", "areas", "hours"),
    order_by=("visit_date", "topic"),
    title=lambda row: row.topic,
    sheet_name="visits",
)


class ThrowAwayBase(DeclarativeBase):
    """A metadata of its own, so this table never mixes with the app's migrations."""


class Visit(SyncMixin, declared_columns(VISIT), ThrowAwayBase):  # type: ignore[misc]
    __tablename__ = VISIT.table


@pytest.fixture
def declared() -> Iterator[None]:
    from kaplc_desktop.sync import kinds

    set_language("en")
    declare(VISIT)
    synced(kind=VISIT.name, owner="school")(Visit)
    kinds._specs.cache_clear()
    yield
    SYNCED_KINDS.pop(VISIT.name, None)
    DECLARED.pop(VISIT.name, None)
    kinds._specs.cache_clear()
    set_language("th")


@pytest.fixture
def sides(tmp_path: Path, declared: None) -> Iterator[tuple]:  # type: ignore[type-arg]
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district)
    for side in (district, school):
        ThrowAwayBase.metadata.create_all(side.ctx.db.engine)
    yield district, school
    school.close()
    district.close()


def visit(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "topic": "ดูงานการสอนอ่าน",
        "visit_date": "12/06/2569",
        "activity": "lesson_study",
        "areas": "ภาษาไทย, คณิตศาสตร์",
        "hours": "6",
        "notes": "",
    }
    values.update(changes)
    return values


def test_the_declaration_gives_rules_a_row_and_a_read(sides: tuple) -> None:  # type: ignore[type-arg]
    _district, school = sides
    service = RecordService(school.ctx.db, VISIT)
    saved = service.add(visit(), today=dt.date(2026, 11, 27))
    assert (saved.topic, saved.visit_date, saved.activity, saved.areas, saved.hours) == (
        "ดูงานการสอนอ่าน",
        dt.date(2026, 6, 12),
        "lesson_study",
        ("thai", "math"),
        6,
    )
    assert saved.display("visit_date") == "12/06/2569" and saved.owner_code == "1090050001"
    with pytest.raises(ValidationError) as refused:
        service.add(visit(topic="", hours="99", activity="dancing", visit_date="31/02/2569"))
    assert {e.field for e in refused.value.errors} == {"topic", "hours", "activity", "visit_date"}
    assert len(service.list()) == 1  # the refused record changed nothing
    service.delete(saved.id)
    assert service.list() == [] and [r.id for r in service.list(deleted=True)] == [saved.id]
    service.restore(saved.id)
    assert service.edit(saved.id, {"hours": "8"}).hours == 8


def test_the_declaration_gives_a_list_and_a_form(qtbot: QtBot, sides: tuple) -> None:  # type: ignore[type-arg]
    from kaplc_desktop.ui.app import make_application
    from kaplc_desktop.ui.dialogs.record_dialog import RecordDialog
    from kaplc_desktop.ui.models.record_table import RecordTableModel

    _district, school = sides
    make_application()
    service = RecordService(school.ctx.db, VISIT)
    dialog = RecordDialog(VISIT, service.add)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.widgets["topic"], "ดูงาน PLC")
    type_text(dialog.widgets["visit_date"], "01/07/2569")
    dialog.widgets["activity"].setCurrentIndex(dialog.widgets["activity"].findData("lesson_study"))
    type_text(dialog.widgets["hours"], "abc")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog._errors["hours"].isHidden()  # shown by its field
    dialog.widgets["hours"].clear()
    type_text(dialog.widgets["hours"], "3")
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.saved.hours == 3
    service.add(visit(topic="ก่อนหน้า", visit_date="01/05/2569", hours="12"))

    model = RecordTableModel(VISIT)
    model.set_rows(service.list())
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Visit date", "Topic", "Activity", "Hours"]
    assert [model.index(r, 1).data() for r in range(2)] == ["ก่อนหน้า", "ดูงาน PLC"]  # the declared order
    model.sort(3, Qt.SortOrder.DescendingOrder)  # hours, as numbers
    assert [model.index(r, 3).data() for r in range(2)] == ["12", "3"]


def test_the_declaration_gives_an_excel_round_trip(sides: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from openpyxl import load_workbook

    from kaplc_desktop.reports.xlsx.record_io import RecordIO

    _district, school = sides
    service = RecordService(school.ctx.db, VISIT)
    io = RecordIO(service)
    template = tmp_path / "template.xlsx"
    io.write_template(template)
    wb = load_workbook(template)
    ws = wb["visits"]
    assert [c.value for c in ws[1]] == ["Topic *", "Visit date *", "Activity *", "Areas", "Hours", "Notes"]
    assert len(ws.data_validations.dataValidation) == 2  # drop-downs for the two coded fields
    for row, values in (
        (2, ["นิเทศ", "05/08/2569", "coaching", "ภาษาไทย", "4", "ดี"]),
        (3, ["", "05/08/2569", "ไม่รู้จัก", "", "100", ""]),
    ):
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
    wb.save(template)
    report = io.check(template, today=dt.date(2026, 11, 27))
    assert [row for row, _d in report.valid] == [2]
    assert {(p.row, p.column) for p in report.problems} == {(3, "Topic"), (3, "Activity"), (3, "Hours")}
    assert io.apply(report) == 1
    exported = tmp_path / "export.xlsx"
    io.export(exported, service.list())
    service.delete(service.list()[0].id)
    again = io.check(exported, today=dt.date(2026, 11, 27))
    assert again.problems == [] and len(again.valid) == 1
    assert again.valid[0][1].as_dict() == {
        "topic": "นิเทศ",
        "visit_date": dt.date(2026, 8, 5),
        "activity": "coaching",
        "areas": ("thai",),
        "hours": 4,
        "notes": "ดี",
    }


def test_the_declaration_gives_a_record_sheet_block(sides: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    import pypdfium2 as pdfium

    from kaplc_desktop.reports.pdf.blocks import Document, Title
    from kaplc_desktop.reports.pdf.record_block import record_block
    from kaplc_desktop.reports.pdf.render import render

    _district, school = sides
    row = RecordService(school.ctx.db, VISIT).add(visit(topic="ดูงาน ณ โรงเรียนต้นแบบ"))
    target = tmp_path / "visit.pdf"
    assert render(Document("visit", [Title("Study visit"), record_block(VISIT, row)]), target) == 1
    pdf = pdfium.PdfDocument(target)
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    for expected in ("Topic", "ดูงาน ณ โรงเรียนต้นแบบ", "Visit date", "12/06/2569", "Hours", "6"):
        assert expected in text


def test_the_declaration_gives_a_sync_round_trip(sides: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    district, school = sides
    service = RecordService(school.ctx.db, VISIT)
    kept = service.add(visit())
    gone = service.add(visit(topic="ยกเลิก"))
    service.delete(gone.id)
    (tmp_path / "usb").mkdir()
    bundle = school.sync.export_bundle(tmp_path / "usb").path
    outcome = district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])[0]
    assert outcome.result == "applied", outcome
    assert (outcome.plan.counts()["test_visit"]["new"], outcome.plan.counts()["test_visit"]["deleted"]) == (1, 1)
    at_district = RecordService(district.ctx.db, VISIT)
    assert [(r.id, r.areas, r.hours) for r in at_district.list()] == [(kept.id, ("thai", "math"), 6)]
    assert [r.id for r in at_district.list(deleted=True)] == [gone.id]
