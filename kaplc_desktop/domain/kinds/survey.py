"""The July survey: a round per academic year, a form per person, a rating per competency and the development
needs a person names: the declarations of the four kinds.

A form, a rating and a round have an identity (the round's is the school and year): two copies of a school (a
restored backup, a second laptop) that both open the round of 2569 make the same records, so the district never
counts a person twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from .. import buddhist_date, thai_years
from ..field_types import Code, Date, Level, Number, Paragraphs, Reference, Text
from ..record_kind import Computed, Field, FormGroup, RecordKind, declare
from ..survey_gaps import gap_of

SURVEY_MONTH = 7  # July
METHOD_TRAINING = "training"
PRIORITY_MEDIUM = 3


def default_dates(year: int) -> tuple[dt.date, dt.date]:
    """The whole of July of the academic year (BE)."""
    ce = buddhist_date.to_ce_year(year)
    return dt.date(ce, SURVEY_MONTH, 1), dt.date(ce, SURVEY_MONTH, 31)


def _round_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    year, opens, closes = values.get("academic_year"), values.get("opens_on"), values.get("closes_on")
    if opens is not None and closes is not None and closes < opens:
        p.add("closes_on", _("The survey must close on or after the day it opens."))
    if year is not None and opens is not None:
        first, last = thai_years.academic_year_range(year)
        if not first <= opens <= last:
            p.add(
                "opens_on",
                _("The survey of academic year {year} must open within that year ({first} – {last}).").format(
                    year=year, first=buddhist_date.format_short(first), last=buddhist_date.format_short(last)
                ),
            )
    return values


def round_title(row: Any) -> str:
    return _("Survey {year}").format(year=row.academic_year)


SURVEY_ROUND = declare(
    RecordKind(
        name="survey_round",
        table="survey_rounds",
        owner="school",
        label=N_("Survey round"),
        fields=(
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field("opens_on", N_("Opens on"), Date(future_days=800), required=True, excel_width=12),
            Field("closes_on", N_("Closes on"), Date(future_days=800), required=True, excel_width=12),
            Field("closed_on", N_("Closed on"), Date(), excel_width=12),
            Field("note", N_("Note"), Paragraphs(), max_length=2000, excel_width=30),
        ),
        list_columns=("academic_year", "opens_on", "closes_on", "closed_on"),
        details=("academic_year", "opens_on", "closes_on", "closed_on", "note"),
        form=(FormGroup(N_("Survey round"), ("academic_year", "opens_on", "closes_on", "note")),),
        rules=(_round_rule,),
        order_by=("academic_year",),
        title=round_title,
        sheet_name="รอบสำรวจ",
        identity=("owner_code", "academic_year"),  # one round a year per school, in every copy of the school
    )
)


def _form_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    rated, reviewed = values.get("self_rated_on"), values.get("reviewed_on")
    if rated is not None and reviewed is not None and reviewed < rated:
        p.add(
            "reviewed_on", _("The director reviews the form after the person has assessed themselves; check the dates.")
        )
    return values


SURVEY_FORM = declare(
    RecordKind(
        name="survey_form",
        table="survey_forms",
        owner="school",
        label=N_("Survey form"),
        fields=(
            Field("round_id", N_("Survey round"), Reference(), required=True, refers_to="survey_round", max_length=36),
            Field("person_id", N_("Staff member"), Reference(), required=True, refers_to="personnel", max_length=36),
            Field(
                "competency_set",
                N_("Competencies of"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="competency_set",
                excel_width=20,
            ),
            Field("self_rated_on", N_("Self-assessed on"), Date(), excel_width=12),
            Field("reviewed_on", N_("Reviewed by the director on"), Date(), excel_width=12),
            Field("strengths", N_("Strengths"), Paragraphs(), max_length=2000, excel_width=30),
            Field("director_note", N_("Director's comments"), Paragraphs(), max_length=2000, excel_width=30),
            # how many needs the form lists: the n-th need counts only below it (a copy of the school restored from
            # a backup that names fewer needs leaves the district the higher ones, which then no longer count)
            Field("needs_count", N_("Needs named"), Number(0, 20), required=True, default=0, excel_width=8),
        ),
        list_columns=("person_id", "competency_set", "self_rated_on", "reviewed_on"),
        details=("round_id", "person_id", "competency_set", "self_rated_on", "reviewed_on", "strengths"),
        form=(
            FormGroup(N_("Survey form"), ("competency_set", "self_rated_on", "reviewed_on")),
            FormGroup(N_("Comments"), ("strengths", "director_note")),
        ),
        rules=(_form_rule,),
        order_by=("round_id",),
        sheet_name="แบบสำรวจ",
        identity=("round_id", "person_id"),
    )
)


def gap(row: Any) -> str:
    """How far the rating agreed on (the director's, else the person's own) is below the expected level."""
    found = gap_of(row)
    return "" if found is None else str(found)


SURVEY_RATING = declare(
    RecordKind(
        name="survey_rating",
        table="survey_ratings",
        owner="school",
        label=N_("Competency rating"),
        fields=(
            Field("form_id", N_("Survey form"), Reference(), required=True, refers_to="survey_form", max_length=36),
            Field(
                "competency",
                N_("Competency"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="competency",
                excel_width=40,
            ),
            Field("expected_level", N_("Expected level"), Level("competency_level"), required=True, excel_width=12),
            Field("self_level", N_("Self rating"), Level("competency_level"), excel_width=12),
            Field("director_level", N_("Director's rating"), Level("competency_level"), excel_width=12),
        ),
        computed=(Computed("gap", N_("Gap"), gap),),
        list_columns=("competency", "expected_level", "self_level", "director_level", "gap"),
        details=("competency", "expected_level", "self_level", "director_level"),
        form=(FormGroup(N_("Rating"), ("competency", "expected_level", "self_level", "director_level")),),
        order_by=("form_id",),
        sheet_name="ผลประเมินสมรรถนะ",
        identity=("form_id", "competency"),
    )
)


SURVEY_NEED = declare(
    RecordKind(
        name="survey_need",
        table="survey_needs",
        owner="school",
        label=N_("Development need"),
        fields=(
            Field("form_id", N_("Survey form"), Reference(), required=True, refers_to="survey_form", max_length=36),
            Field("topic", N_("What to develop"), Text(), required=True, max_length=300, excel_width=40),
            Field("competency", N_("Competency"), Code(), max_length=40, vocabulary="competency", excel_width=30),
            Field(
                "priority",
                N_("Priority"),
                Level("priority_scale"),
                required=True,
                default=PRIORITY_MEDIUM,
                excel_width=14,
            ),
            Field(
                "method",
                N_("Preferred way"),
                Code(),
                required=True,
                max_length=40,
                vocabulary="development_method",
                default=METHOD_TRAINING,
                excel_width=24,
            ),
            Field("position", N_("Order"), Number(0, 999), required=True, default=0),
        ),
        list_columns=("topic", "competency", "priority", "method"),
        details=("topic", "competency", "priority", "method"),
        form=(FormGroup(N_("Development need"), ("topic", "competency", "priority", "method")),),
        order_by=("form_id", "position"),
        title=lambda row: row.topic,
        sheet_name="ความต้องการพัฒนา",
        # the n-th need of a form is one record in every copy of the school (a restored backup typing the form
        # again changes it, instead of bringing the district a second copy)
        identity=("form_id", "position"),
    )
)
