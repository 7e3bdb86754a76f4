"""The district's dashboards on a small district, checked against values worked out by hand.

School A (on the list, cluster 1): the survey's three staff (two teachers, an admin officer); the teachers rate
themselves, the first also by the director; no PLC. School B (on the list, cluster 2): four teachers in a PLC group
with two meetings, one of them rating themselves; portfolios at several stages. The district's PLC target for 2569
is 4 hours, and "today" is 27 Nov 2569, 176 of the year's 300 teaching days: on pace is 4 × 60 × 176 / 300 = 140.8
minutes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dashboard_support import dashboard_world, send
from development_support import TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from kaplc_desktop.cli.main import main
from kaplc_desktop.errors import KaplcError, WorkspaceError
from kaplc_desktop.i18n import _

pytestmark = pytest.mark.both_databases


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = dashboard_world(tmp_path)
    yield made
    for side in (made["a"], made["b"], made["district"]):
        side.close()


def _rows(table: Any) -> list[dict[str, Any]]:
    return [dict(zip((c.key for c in table.columns), row, strict=True)) for row in table.rows]


def test_plc_hours_per_school_and_person_are_as_worked_out_by_hand(world: dict[str, Any]) -> None:
    world["district"].ctx.school_registry.add({"school_code": "1090050003", "school_name": "โรงเรียนซี"})
    dash = world["district"].ctx.dashboards.dashboard("plc", 2569, today=TODAY)
    schools = _rows(dash.table("plc_schools"))
    assert [(r["school"], r["cluster"]) for r in schools] == [
        ("โรงเรียนซี", ""),  # on the list, no bundle yet: shown, never left out
        ("โรงเรียนเอ", "เครือข่าย 1"),
        ("โรงเรียนบี", "เครือข่าย 2"),
    ]
    assert (schools[0]["people"], schools[0]["behind_share"], schools[0]["median"]) == (0, None, None)
    assert "–" in dash.table("plc_schools").note
    _silent, a, b = schools
    # school A: two teachers with no hours (the admin officer has no target)
    assert (a["people"], a["reached"], a["on_pace"], a["behind"], a["behind_share"]) == (2, 0, 0, 2, 1.0)
    assert (a["least"], a["median"], a["most"], a["average"]) == (0, 0, 0, 0)
    # school B: 4.5, 2.5, 1.5 and 1.5 hours
    assert (b["people"], b["reached"], b["on_pace"], b["behind"], b["behind_share"]) == (4, 1, 1, 2, 0.5)
    assert (b["least"], b["median"], b["most"], b["average"]) == (1.5, 2.0, 4.5, 2.5)
    assert [(r["hours"], r["people"]) for r in _rows(dash.table("plc_histogram"))] == [
        (_("No hours"), 2),
        (_("under {high} h").format(high=4), 3),
        (_("{hours} h or more").format(hours=4), 1),
    ]
    behind = _rows(dash.table("plc_behind"))
    assert [(r["school"], r["hours"]) for r in behind] == [
        ("โรงเรียนเอ", 0),
        ("โรงเรียนเอ", 0),
        ("โรงเรียนบี", 1.5),
        ("โรงเรียนบี", 1.5),
    ]
    assert behind[0]["expected"] == pytest.approx(140.8 / 60, abs=0.01)  # rounded to the whole minute: 141
    assert behind[-1]["short"] == pytest.approx((141 - 90) / 60)
    by_position = _rows(dash.table("plc_by_position"))
    assert [(r["group"], r["people"], r["reached"], r["on_pace"], r["behind"]) for r in by_position] == [
        ("ครู", 6, 1, 1, 4)
    ]
    assert by_position[0]["average"] == pytest.approx((4.5 + 2.5 + 1.5 + 1.5) / 6)


def test_plc_hours_by_fiscal_year_are_held_to_the_pace_of_that_year(world: dict[str, Any]) -> None:
    """Fiscal year 2570 opened on 1 Oct 2569: by 27 Nov, 58 of its 365 days, on pace is 4 × 60 × 58 / 365 = 38
    minutes, so B's 90-minute teachers are on pace; the target is academic year 2569's (4 hours)."""
    dash = world["district"].ctx.dashboards.dashboard("plc", 2570, "fiscal", today=TODAY)
    a, b = _rows(dash.table("plc_schools"))
    assert (a["reached"], a["on_pace"], a["behind"]) == (0, 0, 2)
    assert (b["reached"], b["on_pace"], b["behind"]) == (1, 3, 0)
    assert dash.table("plc_schools").note == _(
        "Teachers and school administrators; the target is {hours} hours a year."
    ).format(hours=4)


def test_needs_count_people_once_however_the_topic_is_typed(world: dict[str, Any]) -> None:
    dashboards = world["district"].ctx.dashboards
    dash = dashboards.dashboard("needs", 2569, today=TODAY)
    top = _rows(dash.table("needs_top"))
    assert top[0] == {
        "topic": "Coding",  # as most typed it
        "people": 3,
        "schools": 2,
        "priority": pytest.approx((5 + 4 + 3) / 3),
        "urgent": 2,
        "method": "การฝึกอบรม",
    }
    assert [(r["topic"], r["people"], r["schools"]) for r in top[1:]] == [("การจัดการเรียนรู้เชิงรุก", 1, 1)]
    position = dash.table("needs_by_position")
    assert [c.label for c in position.columns] == [_("What to develop"), "ครู"]
    assert position.rows == (("Coding", 3), ("การจัดการเรียนรู้เชิงรุก", 1))
    areas = dash.table("needs_by_learning_area")
    # สมศรี teaches Thai, วิไล maths; the PLC teachers of school B Thai (support.teacher)
    assert [c.label for c in areas.columns] == [_("What to develop"), "ภาษาไทย", "คณิตศาสตร์"]
    assert areas.rows == (("Coding", 2, 1), ("การจัดการเรียนรู้เชิงรุก", 1, 0))
    competency = _rows(dash.table("needs_by_competency"))
    assert [(r["competency"], r["needs"]) for r in competency] == [
        (_("(no competency given)"), 3),
        ("การบริหารหลักสูตรและการจัดการเรียนรู้", 1),
    ]
    people = dashboards.need_people(2569, "CODING")
    assert people is not None and people.note == _("{people} people at {schools} schools.").format(people=3, schools=2)
    assert [(r["school"], r["priority"]) for r in _rows(people)] == [  # by school, then name: วิไล before สมศรี
        ("โรงเรียนเอ", "มาก"),
        ("โรงเรียนเอ", "มากที่สุด"),
        ("โรงเรียนบี", "ปานกลาง"),
    ]
    assert dashboards.need_people(2569, "เชิงรุก").rows[0][2] == "สมศรี ใจดี"  # a part naming one topic
    assert dashboards.need_people(2569, "ภาษาจีน") is None
    assert dashboards.need_people(2568, "Coding") is None  # another year's survey


def test_competency_gaps_and_the_heatmap_are_as_worked_out_by_hand(world: dict[str, Any]) -> None:
    dash = world["district"].ctx.dashboards.dashboard("competencies", 2569, today=TODAY)
    gaps = _rows(dash.table("competency_gaps"))
    assert {r["set"] for r in gaps} == {"ครู"}  # no administrator or support staff was rated
    assert len(gaps) == 11
    # every teacher competency: A's สมศรี expected 4 agreed 2, A's วิไล 3 and 4, B's teacher 3 and 4 (no standing)
    for row in gaps:
        assert row["rated"] == 3
        assert row["expected"] == pytest.approx(10 / 3)
        assert row["agreed"] == pytest.approx(10 / 3)
        assert row["gap"] == 0
        assert (row["below"], row["below_share"]) == (1, pytest.approx(1 / 3))
    heatmap = dash.table("competency_heatmap_teacher")
    assert [r[:2] for r in heatmap.rows] == [("โรงเรียนเอ", "เครือข่าย 1"), ("โรงเรียนบี", "เครือข่าย 2")]
    assert all(v == pytest.approx((7 - 6) / 2) for v in heatmap.rows[0][2:])  # A: expected 4 + 3, agreed 2 + 4
    assert set(heatmap.rows[1][2:]) == {0}  # B: expected 3, agreed 4
    assert [t.key for t in dash.tables] == ["competency_gaps", "competency_heatmap_teacher"]


def test_portfolios_pipeline_by_the_districts_decisions_and_never_a_draft(world: dict[str, Any]) -> None:
    dash = world["district"].ctx.dashboards.dashboard("portfolios", 2569, today=TODAY)
    pipeline = _rows(dash.table("portfolio_pipeline"))
    assert pipeline == [
        {
            "year": "2569",
            "sent": 3,  # B's two and A's one: not B's draft
            "selected_district": 2,  # B's two; A's was not selected
            "selected_region": 1,  # the decision at the region said no to B's first
            "selected_national": 0,
            "awards_school": 0,
            "awards_district": 1,  # the draft's gold is not counted
            "awards_region": 1,
            "awards_national": 0,
        },
        {
            "year": "2568",
            "sent": 1,
            **dict.fromkeys(("selected_district", "selected_region", "selected_national"), 0),
            **dict.fromkeys(("awards_school", "awards_district", "awards_region", "awards_national"), 0),
        },
    ]
    schools = _rows(dash.table("awards_by_school"))
    assert [
        (r["school"], r["sent"], r["selected_district"], r["awards"], r["awards_high"], r["gold"]) for r in schools
    ] == [
        ("โรงเรียนบี", 2, 2, 2, 1, 1),
        ("โรงเรียนเอ", 1, 0, 0, 0, 0),
    ]
    categories = _rows(dash.table("portfolio_categories"))
    assert [
        (r["category"], r["sent"], r["selected_district"], r["selected_region"], r["awards"]) for r in categories
    ] == [
        ("ครูผู้สอนยอดเยี่ยม", 2, 1, 0, 1),
        (_("(no category)"), 1, 1, 1, 1),
    ]


def test_a_deleted_school_record_stops_counting(world: dict[str, Any], tmp_path: Path) -> None:
    """School B deletes its draft-free 2568 work and sends again: the pipeline forgets it."""
    b, district = world["b"], world["district"]
    old = next(p for p in b.ctx.portfolios.list() if p.academic_year == 2568)
    b.ctx.portfolios.delete(old.id)
    send(b, district, tmp_path / "usb")
    pipeline = district.ctx.dashboards.dashboard("portfolios", 2569, today=TODAY).table("portfolio_pipeline")
    assert [r[0] for r in pipeline.rows] == ["2569"]


@pytest.mark.sqlite_only
def test_the_command_line_prints_writes_excel_and_refuses_clearly(
    world: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    folder = str(tmp_path / "district")
    world["district"].close()  # the commands open the workspaces themselves
    world["a"].close()
    out = tmp_path / "needs.xlsx"
    assert (
        main(["--data-dir", folder, "report", "dashboard", "needs", "--year", "2569", "--xlsx", str(out), "--json"])
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    assert [t["key"] for t in printed["tables"]] == [
        "needs_top",
        "needs_by_position",
        "needs_by_learning_area",
        "needs_by_competency",
    ]
    book = openpyxl.load_workbook(out)
    top = book.worksheets[0]
    assert top["A1"].value == _("The district's top development needs")
    assert [c.value for c in top[4]] == [c["label"] for c in printed["tables"][0]["columns"]]
    assert [c.value for c in top[5]][:3] == ["Coding", 3, 2]
    assert top.freeze_panes == "A5" and top.auto_filter.ref == "A4:F6"
    assert top["D5"].number_format == "0.00" and top.print_title_rows == "$4:$4"

    assert main(["--data-dir", folder, "report", "dashboard", "plc", "--year", "2569", "--table", "plc_histogram"]) == 0
    text = capsys.readouterr().out
    assert _("How many hours people have") in text and _("PLC hours per school") not in text

    people = tmp_path / "coding.xlsx"
    assert main(["--data-dir", folder, "report", "need-people", "coding", "--year", "2569", "--xlsx", str(people)]) == 0
    assert openpyxl.load_workbook(people).worksheets[0].max_row == 4 + 3

    assert main(["--data-dir", folder, "report", "need-people", "ภาษาจีน", "--year", "2569"]) != 0
    assert "“ภาษาจีน”" in capsys.readouterr().err
    assert main(["--data-dir", folder, "report", "dashboard", "plc", "--table", "nope"]) != 0
    assert "plc_schools, plc_histogram" in capsys.readouterr().err
    assert main(["--data-dir", folder, "report", "dashboard", "needs", "--fiscal"]) != 0  # PLC hours only
    assert "--fiscal" in capsys.readouterr().err
    # 2026 is the Western year: refused, with the Buddhist one meant
    assert main(["--data-dir", folder, "report", "dashboard", "plc", "--year", "2026"]) != 0
    assert "2569" in capsys.readouterr().err
    assert out.stat().st_mode & 0o044 == 0o044  # a workbook others on a shared folder can open, as any saved file
    assert main(["--data-dir", str(tmp_path / "a"), "report", "dashboard", "plc"]) != 0  # a school's workspace
    assert _("This is a school workspace; this command belongs to the district office.") in capsys.readouterr().err


@pytest.mark.sqlite_only
def test_a_school_cannot_open_the_dashboards(world: dict[str, Any]) -> None:
    with pytest.raises(WorkspaceError):
        world["a"].ctx.dashboards.dashboard("needs", 2569)
    with pytest.raises(KaplcError):
        world["a"].ctx.dashboards.need_people(2569, "Coding")


@pytest.mark.sqlite_only
def test_a_part_of_several_topics_asks_for_more() -> None:
    from kaplc_desktop.data.dashboard_reads import NeedRow
    from kaplc_desktop.services.dashboards.needs import find_topic, topics

    found = topics(
        NeedRow("1", f"p{n}", topic, None, 3, "training")
        for n, topic in enumerate(("การสอนแบบโครงงาน", "การสอนแบบโครงงาน", "การสอนแบบ STEM", "Coding"))
    )
    assert [t.shown for t in found] == ["การสอนแบบโครงงาน", "Coding", "การสอนแบบ STEM"]  # then Thai order
    assert find_topic(found, "stem").shown == "การสอนแบบ STEM"
    assert find_topic(found, " การสอนแบบโครงงาน ").shown == "การสอนแบบโครงงาน"
    with pytest.raises(KaplcError) as refused:
        find_topic(found, "การสอน")
    assert "“การสอนแบบโครงงาน”, “การสอนแบบ STEM”" in str(refused.value)
    assert find_topic(found, "") is None and find_topic(found, "ภาษาจีน") is None


@pytest.mark.sqlite_only
def test_the_years_report_in_one_workbook_adds_up_to_the_database(world: dict[str, Any], tmp_path: Path) -> None:
    import openpyxl

    world["district"].ctx.district_projects.from_need(2569, "Coding", None, TODAY)
    for side in (world["district"], world["a"]):
        side.close()
    out = tmp_path / "report.xlsx"
    assert main(["--data-dir", str(tmp_path / "district"), "report", "xlsx", "--out", str(out), "--year", "2569"]) == 0
    book = openpyxl.load_workbook(out)
    sheets = {ws.title: ws for ws in book.worksheets}

    def body(name: str) -> list[list[Any]]:
        ws = sheets[_(name)]
        assert ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4"
        return [[c.value for c in row] for row in ws.iter_rows(min_row=5)]

    people = body("PLC per person")
    assert len(people) == 6  # A's two teachers, B's four
    assert sum(r[6] for r in people) == pytest.approx(4.5 + 2.5 + 1.5 + 1.5)
    assert sorted(r[1] for r in body("Who sent what")) == ["โรงเรียนบี", "โรงเรียนเอ"]
    projects = body("District projects")
    assert [(r[0], r[3], r[4]) for r in projects] == [("Coding", 3, 2)]
    assert len(body("Project target lists")) == 3
    roster = body("Portfolio roster")
    assert len(roster) == 3 and sum(bool(r[5]) for r in roster) == 2  # B's two awards; the draft's is not there
    assert [r[0] for r in body("Top needs")] == ["Coding", "การจัดการเรียนรู้เชิงรุก"]


@pytest.mark.sqlite_only
def test_the_summary_pdf_says_the_key_figures(world: dict[str, Any], tmp_path: Path) -> None:
    from development_support import pdf_text, squeeze

    for side in (world["district"], world["a"]):
        side.close()
    out = tmp_path / "summary.pdf"
    assert (
        main(["--data-dir", str(tmp_path / "district"), "pdf", "district-summary", "--year", "2569", "--out", str(out)])
        == 0
    )
    text = squeeze(pdf_text(out))
    people = _("{people}: target reached {reached}, on pace {pace}, behind {behind}").format(
        people=6, reached=1, pace=1, behind=4
    )
    assert squeeze(people) in text  # the same figures as the dashboards' (A: 2 behind; B: 1, 1, 2)
    assert squeeze(_("{topic} ({people} people)").format(topic="Coding", people=3)) in text
    assert squeeze(_("Teacher development summary, academic year {year}").format(year=2569)) in text


@pytest.mark.sqlite_only
@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(st.text(max_size=40), min_size=1, max_size=6),
    numbers=st.lists(st.integers(-(10**9), 10**9) | st.none(), min_size=1, max_size=6),
)
def test_any_text_from_a_school_is_written_as_text_never_a_formula(texts: list[str], numbers: list[Any]) -> None:
    """A school's text (a topic, a name) reaches the district's workbooks: whatever it holds, the file opens, no
    cell is a formula, and the text reads back as typed (less what XML cannot hold)."""
    import tempfile

    import openpyxl

    from kaplc_desktop.reports.xlsx.safe_cells import cell_text
    from kaplc_desktop.reports.xlsx.table_workbook import write_tables
    from kaplc_desktop.services.dashboards.figures import Column, Table

    rows = tuple((t, numbers[n % len(numbers)]) for n, t in enumerate(texts))
    table = Table("t", texts[0] or "t", (Column("text", "text"), Column("n", "n", "count")), rows)
    path = Path(tempfile.mkdtemp()) / "t.xlsx"
    write_tables(path, [table], "s")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = [[c for c in row] for row in sheet.iter_rows(min_row=5, max_col=2)]
    assert all(c.data_type != "f" for row in cells for c in row)
    assert [row[0].value or "" for row in cells] == [cell_text(t) for t in texts]
    assert [row[1].value for row in cells] == [r[1] for r in rows]
    # a count shows its thousands separated; under 1,000 it shows the same without a format (none is written)
    assert all(row[1].number_format == "#,##0" or -1000 < row[1].value < 1000 for row in cells if row[1].value)


@pytest.mark.sqlite_only
def test_the_heatmap_keeps_its_colours_and_number_format_in_excel(world: dict[str, Any], tmp_path: Path) -> None:
    import openpyxl

    from kaplc_desktop.services.dashboards.figures import heat_rgb

    folder = str(tmp_path / "district")
    world["district"].close()
    world["a"].close()
    out = tmp_path / "competencies.xlsx"
    args = ["--data-dir", folder, "report", "dashboard", "competencies", "--year", "2569", "--xlsx", str(out)]
    assert main(args) == 0
    coloured: dict[float, str] = {}
    for ws in openpyxl.load_workbook(out).worksheets:
        for row in ws.iter_rows(min_row=5):
            for cell in row:
                if cell.fill.fill_type == "solid" and isinstance(cell.value, int | float):
                    assert cell.number_format == "0.00"
                    coloured[cell.value] = cell.fill.fgColor.rgb[-6:]
    assert len(coloured) >= 2  # a heatmap with more than one value, each cell its own colour
    for value, colour in coloured.items():
        assert colour == "{:02X}{:02X}{:02X}".format(*heat_rgb(value))
    assert len(set(coloured.values())) > 1
