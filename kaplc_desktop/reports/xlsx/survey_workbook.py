"""The survey as a workbook for staff who fill it in offline or on another computer, and reading it back.

Layout: a first sheet that says which school, year and round the file is for (and when it was exported); a
sheet per person with their competencies (expected level locked, their own and the director's rating chosen
from a drop-down), their needs (topic from the catalogue or typed, competency, priority and way from drop-downs),
the date they assessed themselves and their strengths (the director's rating is not in it: the director rates in
the app, and a workbook passed round the staff room shows nobody the director's view of a colleague); a hidden
sheet of the drop-down lists. Sheets are
protected: only the answer cells can be typed in. A hidden column carries what the reader checks (the person's
id, each line's competency code) and a fingerprint of the answers as exported, so a sheet nobody touched is
recognised and skipped on import.

Reading checks every structural cell and cleans every answer cell by the declared field types; each problem names
the sheet and the cell. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...atomic_file import write_atomic
from ...domain import buddhist_date, vocabularies
from ...domain.field_types import level_text, tidy_text
from ...domain.kinds.survey import SURVEY_FORM, SURVEY_NEED, SURVEY_RATING
from ...errors import ImportFileError, Problems
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from .safe_cells import cell_text
from .workbook_guard import load_workbook_safely, unreadable

FORMAT = "kaplc-survey-1"
ABOUT_SHEET = "ข้อมูลไฟล์"
LISTS_SHEET = "รายการ"
NEED_ROWS = 5  # need lines offered (at least two empty under those already named)
MAX_SHEETS = 1000
MAX_ROWS_READ = 400
KEY_COLUMN = 8  # H: hidden, what the reader checks
RATINGS_HEAD_ROW = 8  # below the title, the person and two blank rows
LAST_COLUMN = 8

# the about sheet: label in A, value in B
ABOUT_ROWS = ("format", "school_code", "school_name", "academic_year", "round_id", "export_id", "exported_at")

RATINGS_MARK, NEEDS_MARK, DATE_MARK, STRENGTHS_MARK, PERSON_MARK = (
    "ratings",
    "needs",
    "self_rated_on",
    "strengths",
    "person",
)


@dataclass(frozen=True)
class ExportSheet:
    """What a person's sheet shows: from a SurveySheet of the survey service."""

    person_id: str
    name: str
    position: str
    standing: str
    competency_set: str
    ratings: Sequence[Any]  # Rating: competency, label, expected_level, self_level, director_level
    needs: Sequence[Any]  # need rows: topic, competency, priority, method
    self_rated_on: dt.date | None
    strengths: str | None


@dataclass(frozen=True)
class ReadRating:
    competency: str
    self_level: int | None
    director_level: int | None
    row: int  # the sheet's row, for a message naming the cell
    label: str  # the competency as the sheet shows it (column B): checked against its code


@dataclass(frozen=True)
class ReadNeed:
    topic: str
    competency: str | None
    priority: int
    method: str


@dataclass(frozen=True)
class ReadSheet:
    """A person's answers as read (clean), with whether they differ from what was exported."""

    sheet: str
    person_id: str
    name: str  # as the sheet shows it (B2): checked against the person its key names
    ratings: tuple[ReadRating, ...]
    needs: tuple[ReadNeed, ...]
    self_rated_on: dt.date | None
    strengths: str | None
    fingerprint: str
    changed: bool


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        return _("Sheet “{sheet}”, cell {cell}: {message}").format(
            sheet=self.sheet, cell=self.cell, message=self.message
        )


@dataclass
class ReadWorkbook:
    school_code: str
    academic_year: int
    round_id: str
    exported_at: dt.datetime  # as the file says: shown, never trusted (the export's record is)
    export_id: str
    sheets: list[ReadSheet] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


# --- writing ---------------------------------------------------------------------------------------------------
class _Rows:
    """A sheet written row by row (openpyxl's streaming mode: twice as fast as building the sheet in memory):
    each row is a list of cells, each given a named style by copying its style array, worked out once (assigning
    the name itself looks the style up again for each of thousands of cells)."""

    def __init__(self, ws: Any, arrays: dict[str, Any]) -> None:
        self.ws, self._arrays = ws, arrays
        self.row = 0  # the last row written

    def cell(self, value: Any, style: str | None = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws, _text(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # text starting with "=" stays text
        if style is not None:
            cell._style = self._arrays[style]  # shared: a streamed cell is written once and never restyled
        return cell

    def append(self, cells: Sequence[Any] = (), key: Sequence[Any] = ()) -> int:
        """Writes a row: its cells from column A, then what the reader checks in columns H and I."""
        row = list(cells)
        if key:
            row += [None] * (KEY_COLUMN - 1 - len(row)) + list(key)
        self.ws.append(row)
        self.row += 1
        return self.row


def _style_arrays(wb: Any, ws: Any, names: Sequence[str]) -> dict[str, Any]:
    from copy import copy

    from openpyxl.cell import WriteOnlyCell

    arrays = {}
    for name in names:
        probe = WriteOnlyCell(ws)
        probe.style = name
        arrays[name] = copy(probe._style)
    return arrays


def answers_fingerprint(ratings: Sequence[Any], needs: Sequence[Any], date: Any, text: Any) -> str:
    """Of a sheet's answers as clean values (ratings: competency, self_level, director_level; needs: topic,
    competency, priority, method): the same answers give the same fingerprint, written, read or held. The
    director's rating is not in the workbook (the director rates in the app), so not in the fingerprint."""
    ratings = [(r.competency, r.self_level) for r in ratings]
    needs = [(n.topic, n.competency, n.priority, n.method) for n in needs]
    payload = json.dumps(
        [[list(r) for r in ratings], [list(n) for n in needs], date.isoformat() if date else None, text or None],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def sheet_titles(names: Sequence[str]) -> list[str]:
    """Sheet names from people's names: at most 31 characters, without the characters Excel refuses, unique."""
    taken = {ABOUT_SHEET.casefold(), LISTS_SHEET.casefold()}
    titles = []
    for name in names:
        base = "".join(ch for ch in name if ch not in "[]:*?/\\'").strip()[:28] or "-"
        title, n = base, 2
        while title.casefold() in taken:
            title = f"{base[: 31 - len(str(n)) - 3]} ({n})"
            n += 1
        taken.add(title.casefold())
        titles.append(title)
    return titles


def _named_styles() -> list[Any]:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")
    box = Border(top=thin, bottom=thin, left=thin, right=thin)
    return [
        NamedStyle(
            "kaplc_head",
            font=Font(bold=True, color="FFFFFF"),
            fill=PatternFill("solid", start_color="1F4E79", end_color="1F4E79"),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            border=box,
        ),
        NamedStyle("kaplc_fixed", border=box, alignment=Alignment(vertical="center", wrap_text=True)),
        NamedStyle(
            "kaplc_input",
            border=box,
            fill=PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC"),
            alignment=Alignment(vertical="center", wrap_text=True),
            protection=Protection(locked=False),
        ),
        NamedStyle(
            "kaplc_date",
            border=box,
            fill=PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC"),
            protection=Protection(locked=False),
            number_format="@",
        ),
        NamedStyle("kaplc_title", font=Font(bold=True, size=14)),
        NamedStyle("kaplc_label", font=Font(bold=True), alignment=Alignment(vertical="top", wrap_text=True)),
    ]


def write_survey_workbook(
    path: Path,
    school: tuple[str, str],
    academic_year: int,
    round_id: str,
    sheets: Sequence[ExportSheet],
    topics: Sequence[str],
    exported_at: dt.datetime,
    progress: Progress = NO_PROGRESS,
    export_id: str = "",
) -> int:
    """Writes the workbook (to a temp name, then renamed); returns the number of person sheets."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    styles = _named_styles()
    for style in styles:
        wb.add_named_style(style)
    about = wb.create_sheet(ABOUT_SHEET)
    arrays = _style_arrays(wb, about, [style.name for style in styles])
    lists = wb.create_sheet(LISTS_SHEET)
    ranges = _write_lists(lists, topics)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    about_rows = _Rows(about, arrays)
    _write_about(about_rows, school, academic_year, round_id, exported_at, export_id)

    titles = sheet_titles([s.name for s in sheets])
    for n, (sheet, title) in enumerate(zip(sheets, titles, strict=True)):
        progress.update(n, len(sheets), sheet.name)
        ws = wb.create_sheet(title)
        _write_person(_Rows(ws, arrays), sheet, academic_year, ranges)
        about_rows.append([about_rows.cell(title), about_rows.cell(sheet.name)])
    progress.update(len(sheets), len(sheets), _("Saving the workbook…"))
    wb.security.lockStructure = True
    write_atomic(path, lambda tmp: wb.save(tmp))
    return len(sheets)


def _write_lists(ws: Any, topics: Sequence[str]) -> dict[str, str]:
    columns = {
        "level": [level_text("competency_level", int(t.code), "th") for t in vocabularies.terms("competency_level")],
        "priority": [level_text("priority_scale", int(t.code), "th") for t in vocabularies.terms("priority_scale")],
        "method": [t.th for t in vocabularies.terms("development_method")],
        "competency": [t.th for t in vocabularies.terms("competency")],
        "topic": [_text(t) for t in topics] or ["-"],
    }
    ranges = {}
    for col, (name, values) in enumerate(columns.items(), start=1):
        letter = chr(ord("A") + col - 1)
        ranges[name] = f"'{LISTS_SHEET}'!${letter}${2}:${letter}${len(values) + 1}"
    height = max(len(values) for values in columns.values())
    ws.append(list(columns))
    for row in range(height):
        ws.append([_as_text(ws, values[row]) if row < len(values) else None for values in columns.values()])
    return ranges


def _as_text(ws: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    return cell


def _write_about(
    rows: _Rows, school: tuple[str, str], year: int, round_id: str, exported_at: dt.datetime, export_id: str
) -> None:
    ws = rows.ws
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].hidden = True
    ws.protection.sheet = True
    values = {
        "format": FORMAT,
        "school_code": school[0],
        "school_name": school[1],
        "academic_year": str(year),
        "round_id": round_id,
        "export_id": export_id,
        "exported_at": exported_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }
    labels = {
        "format": _("File format"),
        "school_code": _("School code"),
        "school_name": _("School"),
        "academic_year": _("Academic year"),
        "round_id": _("Survey round"),
        "export_id": _("Export"),
        "exported_at": _("Exported at (UTC)"),
    }
    rows.append(
        [rows.cell(_("Competency and development needs survey, academic year {year}").format(year=year), "kaplc_title")]
    )
    # what a teacher reads first: how to fill it in; what the import checks comes below
    rows.append(
        [
            rows.cell(_("How to fill it in"), "kaplc_label"),
            rows.cell(
                _(
                    "Each person fills in the yellow cells of their own sheet: their rating of each competency, what "
                    "they want to develop and how, the date and their strengths. Do not add, rename or move sheets, "
                    "rows or columns. Bring the file back and import it in KA-PLC Desktop (Survey → Import from "
                    "Excel)."
                ),
                "kaplc_label",
            ),
        ]
    )
    rows.append()
    for key in ABOUT_ROWS:
        rows.append([rows.cell(labels[key], "kaplc_fixed"), rows.cell(values[key], "kaplc_fixed"), rows.cell(key)])
    rows.append()
    rows.append([rows.cell(_("Sheet"), "kaplc_head"), rows.cell(_("Name"), "kaplc_head")])


def _text(value: Any) -> str:
    """User text as a cell value that a workbook can hold (written as a string: never a formula Excel runs)."""
    return cell_text(str(value)) if value is not None else ""


def _write_person(rows: _Rows, sheet: ExportSheet, year: int, ranges: dict[str, str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    ws, cell = rows.ws, rows.cell
    for letter, width in zip("ABCDE", (16, 48, 22, 22, 28), strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["H"].hidden = True
    ws.column_dimensions["I"].hidden = True
    # what a streamed sheet writes before its first row
    ws.freeze_panes = f"A{RATINGS_HEAD_ROW + 1}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    exported = answers_fingerprint(sheet.ratings, sheet.needs, sheet.self_rated_on, sheet.strengths)
    title = _("Competency and development needs survey, academic year {year}").format(year=year)
    rows.append([cell(title, "kaplc_title")], key=(FORMAT, exported))
    facts = (
        (_("Name"), sheet.name),
        (_("Position"), sheet.position),
        (_("Academic standing"), sheet.standing),
        (_("Competencies of"), vocabularies.label("competency_set", sheet.competency_set, "th")),
    )
    for n, (label, value) in enumerate(facts):
        key = (PERSON_MARK, sheet.person_id) if n == 0 else ()
        rows.append([cell(label, "kaplc_label"), cell(value, "kaplc_fixed")], key=key)
    rows.append()
    rows.append()
    heads = (_("No. (row)"), _("Competency"), _("Expected level"), _("Self rating"))
    head = rows.append([cell(text, "kaplc_head") for text in heads], key=(RATINGS_MARK,))
    assert head == RATINGS_HEAD_ROW
    for n, line in enumerate(sheet.ratings):
        rows.append(
            [
                cell(n + 1, "kaplc_fixed"),
                cell(line.label, "kaplc_fixed"),
                cell(level_text("competency_level", line.expected_level, "th"), "kaplc_fixed"),
                cell(level_text("competency_level", line.self_level, "th") or None, "kaplc_input"),
            ],
            key=(line.competency,),
        )
    first, last = head + 1, rows.row
    validations = []
    if sheet.ratings:
        levels = DataValidation(type="list", formula1=f"={ranges['level']}", allow_blank=True)
        levels.error = _("Choose a level from the list (1 to 5).")
        levels.showErrorMessage = True
        levels.add(f"D{first}:D{last}")
        validations.append(levels)

    rows.append()
    rows.append([cell(_("What I want to develop"), "kaplc_label")])
    heads = (_("No. (row)"), _("Topic"), _("Competency"), _("Priority"), _("Preferred way"))
    needs_head = rows.append([cell(text, "kaplc_head") for text in heads], key=(NEEDS_MARK,))
    count = max(NEED_ROWS, len(sheet.needs) + 2)
    for n in range(count):
        need = sheet.needs[n] if n < len(sheet.needs) else None
        values = (
            (
                need.topic,
                vocabularies.label("competency", need.competency, "th"),
                level_text("priority_scale", need.priority, "th"),
                vocabularies.label("development_method", need.method, "th"),
            )
            if need
            else (None, None, None, None)
        )
        rows.append([cell(n + 1, "kaplc_fixed"), *(cell(v, "kaplc_input") for v in values)], key=("need",))
    need_first, need_last = needs_head + 1, rows.row
    for column, list_name, strict in (
        ("B", "topic", False),
        ("C", "competency", True),
        ("D", "priority", True),
        ("E", "method", True),
    ):
        dv = DataValidation(type="list", formula1=f"={ranges[list_name]}", allow_blank=True)
        dv.showErrorMessage = strict  # a topic may be typed: the catalogue only suggests
        dv.error = _("Choose from the list.")
        dv.add(f"{column}{need_first}:{column}{need_last}")
        validations.append(dv)

    rows.append()
    date = buddhist_date.format_short(sheet.self_rated_on) or None
    rows.append(
        [cell(_("Self-assessed on (dd/mm/yyyy BE)"), "kaplc_label"), cell(date, "kaplc_date")], key=(DATE_MARK,)
    )
    rows.append([cell(_("My strengths"), "kaplc_label"), cell(sheet.strengths, "kaplc_input")], key=(STRENGTHS_MARK,))
    for dv in validations:  # written after the rows, with the protection
        ws.data_validations.append(dv)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may widen a column to read a long name


# --- reading ---------------------------------------------------------------------------------------------------
def read_survey_workbook(path: Path, progress: Progress = NO_PROGRESS) -> ReadWorkbook:
    """Reads and checks a returned workbook. Raises ImportFileError when the file as a whole is not a survey
    workbook of this app; problems in single cells are listed in the result (nothing is cleaned half-way)."""
    wb = load_workbook_safely(path, read_only=True, what=_("Export the survey from the app, fill that file in"))
    try:
        return _read(wb, progress)
    except ImportFileError:
        raise
    except Exception as exc:  # a part that fails to parse while its rows stream
        raise unreadable(exc) from None
    finally:
        wb.close()


def _cells(ws: Any, limit: int = MAX_ROWS_READ) -> list[tuple[Any, ...]]:
    rows = []
    for n, row in enumerate(ws.iter_rows(max_col=KEY_COLUMN + 1, values_only=True)):
        if n >= limit:
            raise ImportFileError(
                _("The sheet “{sheet}” has far more rows than a survey form; it was not read.").format(sheet=ws.title)
            )
        rows.append(tuple(row) + (None,) * (KEY_COLUMN + 1 - len(row)))
    return rows


def _read(wb: Any, progress: Progress) -> ReadWorkbook:
    names = wb.sheetnames
    if ABOUT_SHEET not in names:
        raise ImportFileError(
            _(
                "This is not a survey workbook of KA-PLC Desktop (it has no “{sheet}” sheet). Export the survey "
                "from the app, fill that file in and import it."
            ).format(sheet=ABOUT_SHEET)
        )
    if len(names) > MAX_SHEETS:
        raise ImportFileError(_("The workbook has too many sheets to be a survey; it was not read."))
    about = {}
    for row in _cells(wb[ABOUT_SHEET], 50 + MAX_SHEETS):
        if isinstance(row[2], str) and row[2] in ABOUT_ROWS:
            about[row[2]] = row[1]
    if about.get("format") != FORMAT:
        raise ImportFileError(
            _(
                "This workbook is not a survey file this version of KA-PLC Desktop can read (its format is “{f}”). "
                "Export the survey again and fill in the new file."
            ).format(f=str(about.get("format") or "")[:40])
        )
    try:
        year = int(str(about.get("academic_year")))
        exported_at = dt.datetime.fromisoformat(str(about.get("exported_at")).removesuffix("Z")).replace(tzinfo=dt.UTC)
    except ValueError:
        raise ImportFileError(
            _("The first sheet of the workbook was changed (its year or export time cannot be read); export again.")
        ) from None
    result = ReadWorkbook(
        str(about.get("school_code") or ""),
        year,
        str(about.get("round_id") or ""),
        exported_at,
        str(about.get("export_id") or ""),
    )
    people = [n for n in names if n not in (ABOUT_SHEET, LISTS_SHEET)]
    for n, name in enumerate(people):
        progress.update(n, len(people), name)
        _read_person(wb[name], result)
    return result


def _read_person(ws: Any, result: ReadWorkbook) -> None:
    rows = _cells(ws)
    title = ws.title
    k = KEY_COLUMN - 1
    problems: list[CellProblem] = []

    def tampered(row: int, what: str) -> None:
        problems.append(
            CellProblem(
                title,
                f"H{row}",
                _("the sheet's layout was changed ({what}); export the survey again and copy the answers in.").format(
                    what=what
                ),
            )
        )

    if len(rows) < 2 or rows[0][k] != FORMAT or rows[1][k] != PERSON_MARK or not isinstance(rows[1][k + 1], str):
        tampered(1, _("its hidden key is missing"))
        result.problems += problems
        return
    person_id, exported = rows[1][k + 1], rows[0][k + 1]
    marks = [r[k] for r in rows]
    try:
        head = marks.index(RATINGS_MARK)
        needs_head = marks.index(NEEDS_MARK)
        date_row = marks.index(DATE_MARK)
        strengths_row = marks.index(STRENGTHS_MARK)
    except ValueError:
        tampered(1, _("a part of the form is missing"))
        result.problems += problems
        return
    ratings = []
    for i in range(head + 1, needs_head):
        code = rows[i][k]
        if code is None:
            continue
        if not isinstance(code, str) or vocabularies.find("competency", code) is None:
            tampered(i + 1, _("an unknown competency"))
            continue
        ratings.append(
            ReadRating(
                code,
                _level(problems, title, f"D{i + 1}", rows[i][3], SURVEY_RATING.field("self_level")),
                None,  # the director rates in the app: the workbook has no column for it
                i + 1,
                str(rows[i][1] or ""),
            )
        )
    needs = []
    for i in range(needs_head + 1, date_row):
        if rows[i][k] != "need":
            continue
        cells = rows[i][1:5]
        if all(c is None or tidy_text(c) == "" for c in cells):
            continue
        p = Problems()
        values = {}
        for name, col, raw in zip(("topic", "competency", "priority", "method"), "BCDE", cells, strict=True):
            f = SURVEY_NEED.field(name)
            if raw in (None, "") and f.default is not None:
                raw = f.default
            before = len(p.items)
            values[name] = f.type.clean(p, f, raw, dt.date.today())
            for e in p.items[before:]:
                problems.append(CellProblem(title, f"{col}{i + 1}", e.message))
        if not p.items:
            needs.append(ReadNeed(values["topic"], values["competency"], values["priority"], values["method"]))
    date_field = SURVEY_FORM.field("self_rated_on")
    p = Problems()
    day = date_field.type.clean(p, date_field, rows[date_row][1], dt.date.today())
    problems += [CellProblem(title, f"B{date_row + 1}", e.message) for e in p.items]
    text_field = SURVEY_FORM.field("strengths")
    p = Problems()
    strengths = text_field.type.clean(p, text_field, rows[strengths_row][1], dt.date.today())
    problems += [CellProblem(title, f"B{strengths_row + 1}", e.message) for e in p.items]
    result.problems += problems
    if problems:
        return
    now = answers_fingerprint(ratings, needs, day, strengths)
    result.sheets.append(
        ReadSheet(
            title, person_id, str(rows[1][1] or ""), tuple(ratings), tuple(needs), day, strengths, now, now != exported
        )
    )


def _level(problems: list[CellProblem], sheet: str, cell: str, raw: Any, f: Any) -> int | None:
    p = Problems()
    value = f.type.clean(p, f, raw, dt.date.today())
    problems += [CellProblem(sheet, cell, e.message) for e in p.items]
    return value
