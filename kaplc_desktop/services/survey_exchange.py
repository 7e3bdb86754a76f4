"""The survey workbook's round trip: exporting a round's forms for offline filling, and importing the file back
after checking it belongs to this school and this round, that its layout is intact, and that no form it changes
was changed in the app since it was exported. Nothing is imported when anything is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import buddhist_date, competencies, vocabularies
from ..domain.kinds.personnel import full_name_th
from ..errors import ImportFileError, ValidationError
from ..i18n import _
from ..progress import NO_PROGRESS, Progress
from .survey import NeedInput, RatingInput, SurveyService


@dataclass
class SurveyImportReport:
    """What an import found: sheets read, those changed and to be saved, those as exported, and every problem
    (each names its sheet and cell)."""

    academic_year: int
    sheets: int = 0
    changed: list[str] = field(default_factory=list)  # people's names
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    imported: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "academic_year": self.academic_year,
            "sheets": self.sheets,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "problems": self.problems,
            "imported": self.imported,
        }


def export_survey(
    survey: SurveyService,
    school: tuple[str, str],
    path: Path,
    year: int,
    district_topics: tuple[str, ...] = (),
    progress: Progress = NO_PROGRESS,
) -> int:
    """Writes the round's workbook: a sheet per person in the round. Returns the number of sheets."""
    from ..reports.xlsx.survey_workbook import ExportSheet, answers_fingerprint, write_survey_workbook

    round_ = survey.round_of(year)
    sheets = [
        ExportSheet(
            person_id=s.person.id,
            name=s.name,
            position=vocabularies.label("position", s.person.position, "th"),
            standing=vocabularies.label("academic_standing", s.person.academic_standing, "th"),
            competency_set=s.competency_set,
            ratings=s.ratings,
            needs=s.needs,
            self_rated_on=s.form.self_rated_on if s.form else None,
            strengths=s.form.strengths if s.form else None,
        )
        for s in survey.progress(round_.id).sheets
    ]
    topics = survey.topics(year, district_topics)
    fingerprints = {s.person_id: answers_fingerprint(s.ratings, s.needs, s.self_rated_on, s.strengths) for s in sheets}
    export_id, exported_at = survey.record_export(round_.id, fingerprints)
    return write_survey_workbook(path, school, year, round_.id, sheets, topics, exported_at, progress, export_id)


def import_survey(
    survey: SurveyService,
    owner_code: str,
    path: Path,
    dry_run: bool = False,
    progress: Progress = NO_PROGRESS,
    today: dt.date | None = None,
) -> SurveyImportReport:
    """Checks the returned workbook and, unless `dry_run` or a problem was found, saves every changed sheet in
    one transaction. Raises ImportFileError when the file as a whole cannot be taken."""
    from ..reports.xlsx.survey_workbook import answers_fingerprint, read_survey_workbook

    book = read_survey_workbook(path, progress)
    if book.school_code != owner_code:
        raise ImportFileError(
            _(
                "This survey workbook is from another school (code {theirs}); this school's code is {ours}. "
                "Import only a workbook exported here."
            ).format(theirs=book.school_code or "-", ours=owner_code)
        )
    round_ = next((r for r in survey.rounds() if r.academic_year == book.academic_year), None)
    if round_ is None or round_.id != book.round_id:
        raise ImportFileError(
            _(
                "This workbook is for the survey of academic year {year}, which is not open here. Export the "
                "survey again and fill in the new file."
            ).format(year=book.academic_year)
        )
    if round_.closed_on is not None:
        raise ImportFileError(
            _(
                "The survey of {year} was closed on {date}, so its answers are frozen. Reopen the round to import."
            ).format(year=round_.academic_year, date=buddhist_date.format_short(round_.closed_on))
        )
    export = survey.export_record(book.export_id) if book.export_id else None
    if export is None or export[0] != round_.id:
        raise ImportFileError(
            _(
                "This workbook is not one this school exported for the survey of {year} (or it is too old, or its "
                "first sheet was changed). Export the survey again and copy the answers into the new file."
            ).format(year=book.academic_year)
        )
    _round_id, _exported_at, exported = export
    report = SurveyImportReport(book.academic_year, sheets=len(book.sheets), problems=[str(p) for p in book.problems])
    report.sheets += len({p.sheet for p in book.problems})
    progress_ = survey.progress(round_.id)
    in_round = {s.person.id: s for s in progress_.sheets}
    seen: dict[str, str] = {}
    forms = []
    for sheet in book.sheets:
        if sheet.person_id not in exported:
            report.problems.append(
                _("Sheet “{sheet}”: its hidden key names nobody this file was exported for; export again.").format(
                    sheet=sheet.sheet
                )
            )
            continue
        if sheet.person_id in seen:
            report.problems.append(
                _("Sheet “{sheet}”: the same person as sheet “{other}”.").format(
                    sheet=sheet.sheet, other=seen[sheet.person_id]
                )
            )
            continue
        seen[sheet.person_id] = sheet.sheet
        current = in_round.get(sheet.person_id)
        held = (
            answers_fingerprint(
                current.ratings,
                current.needs,
                current.form and current.form.self_rated_on,
                current.form and current.form.strengths,
            )
            if current is not None
            else None
        )
        if sheet.fingerprint in (exported[sheet.person_id], held):  # as exported, or already what the app holds
            report.unchanged += 1
            continue
        if current is None:
            report.problems.append(
                _(
                    "Sheet “{sheet}”: this person is no longer in the survey of this school (they may have left)."
                ).format(sheet=sheet.sheet)
            )
            continue
        if " ".join(sheet.name.split()) != current.name:
            report.problems.append(
                _("Sheet “{sheet}”, cell B2: the name “{shown}” is not the person this sheet is for ({name}).").format(
                    sheet=sheet.sheet, shown=sheet.name, name=current.name
                )
            )
            continue
        # what the workbook carries changed in the app since (the director's rating and comments are not in it:
        # the director may rate while the staff fill the file in)
        if held != exported[sheet.person_id]:
            report.problems.append(
                _(
                    "Sheet “{sheet}”: {name}'s form was changed in the app after this file was exported. Export the "
                    "survey again and copy these answers into the new file."
                ).format(sheet=sheet.sheet, name=current.name)
            )
            continue
        allowed = {line.competency: line for line in current.ratings}
        lines = []
        for r in sheet.ratings:
            line = allowed.get(r.competency)
            if line is not None and " ".join(r.label.split()) != line.label:
                report.problems.append(
                    _(
                        "Sheet “{sheet}”, cell B{row}: the competency shown is not the one its hidden code names."
                    ).format(sheet=sheet.sheet, row=r.row)
                )
                continue
            if line is None:
                report.problems.append(
                    _("Sheet “{sheet}”, cell H{row}: “{code}” is not a competency {name} is assessed on.").format(
                        sheet=sheet.sheet, row=r.row, code=r.competency, name=current.name
                    )
                )
                continue
            lines.append(RatingInput(r.competency, line.expected_level, r.self_level, line.director_level))
        missing = set(allowed) - {r.competency for r in sheet.ratings}
        if missing and set(competencies.competencies(current.competency_set)) & missing:
            report.problems.append(
                _("Sheet “{sheet}”: competency lines were removed; export the survey again.").format(sheet=sheet.sheet)
            )
            continue
        form = current.form
        raw: dict[str, Any] = {
            "self_rated_on": sheet.self_rated_on,
            "strengths": sheet.strengths,
            "reviewed_on": form.reviewed_on if form else None,
            "director_note": form.director_note if form else None,
        }
        needs = [NeedInput(n.topic, n.competency, n.priority, n.method) for n in sheet.needs]
        try:
            survey.clean_form(round_.id, current.person, raw, lines, needs, today)
        except ValidationError as exc:
            report.problems += [f"{sheet.sheet}: {e.message}" for e in exc.errors]
            continue
        forms.append((sheet.person_id, raw, lines, needs))
        report.changed.append(full_name_th(current.person))
    if report.problems or dry_run or not forms:
        return report
    survey.save_forms(round_.id, forms, today)
    report.imported = True
    return report


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
