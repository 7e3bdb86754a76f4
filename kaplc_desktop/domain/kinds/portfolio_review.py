"""How the district judges the portfolios its schools send: a rubric (criteria, each with a weight and the most a
reviewer may give), the reviewers, each reviewer's scores and comment on a portfolio, and the presentation forums
where the selected works are presented (a programme of sessions). Kept in the district: the decision
(portfolio_decision) is what reaches the school, with the district's comments.
"""

from __future__ import annotations

from typing import Any

from ...errors import Problems
from ...i18n import N_, _
from ..field_types import Code, Date, Number, Paragraphs, Reference, SchoolCode, Score, Text, Time
from ..record_kind import Field, FormGroup, RecordKind, declare

MAX_CRITERION_SCORE = 100
SELECTION_LEVELS = ("district", "region", "national")  # a school's own level is not the district's to judge


def _rubric_rule(values: dict[str, Any], p: Problems) -> dict[str, Any]:
    if values.get("level") not in (None, *SELECTION_LEVELS):
        p.add("level", _("A rubric judges works at the district, region or national level."))
    return values


REVIEW_RUBRIC = declare(
    RecordKind(
        name="review_rubric",
        table="review_rubrics",
        owner="district",
        label=N_("Scoring rubric"),
        fields=(
            Field("name", N_("Rubric name"), Text(), required=True, max_length=300, excel_width=40),
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field(
                "level",
                N_("Selection level"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="award_level",
                default="district",
                excel_width=18,
            ),
            Field(
                "category",
                N_("Award category"),
                Code(),
                max_length=40,
                vocabulary="award_category",
                excel_width=24,
            ),
            Field("note", N_("Note"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("name", "academic_year", "level", "category"),
        details=("name", "academic_year", "level", "category", "note"),
        form=(FormGroup(N_("Scoring rubric"), ("name", "academic_year", "level", "category", "note")),),
        rules=(_rubric_rule,),
        order_by=("academic_year", "name"),
        title=lambda row: row.name,
        sheet_name="เกณฑ์การให้คะแนน",
        travels=False,
    )
)

RUBRIC_CRITERION = declare(
    RecordKind(
        name="rubric_criterion",
        table="rubric_criteria",
        owner="district",
        label=N_("Criterion"),
        fields=(
            Field(
                "rubric_id", N_("Scoring rubric"), Reference(), required=True, refers_to="review_rubric", max_length=36
            ),
            Field("position", N_("Order"), Number(0, 99), required=True, default=0),
            Field("name", N_("Criterion"), Text(), required=True, max_length=300, excel_width=40),
            Field("weight", N_("Weight"), Number(1, 100), required=True, default=1, excel_width=8),
            Field(
                "max_score",
                N_("Highest score"),
                Number(1, MAX_CRITERION_SCORE),
                required=True,
                default=10,
                excel_width=8,
            ),
        ),
        list_columns=("name", "weight", "max_score"),
        details=("name", "weight", "max_score"),
        form=(FormGroup(N_("Criterion"), ("name", "weight", "max_score")),),
        order_by=("rubric_id", "position"),
        title=lambda row: row.name,
        sheet_name="หัวข้อการให้คะแนน",
        identity=("rubric_id", "position"),
        travels=False,
    )
)

PORTFOLIO_REVIEWER = declare(
    RecordKind(
        name="portfolio_reviewer",
        table="portfolio_reviewers",
        owner="district",
        label=N_("Reviewer"),
        fields=(
            Field("name", N_("Name"), Text(), required=True, max_length=200, excel_width=30),
            Field("role", N_("Position or expertise"), Text(), max_length=200, excel_width=30),
            Field("organisation", N_("Organisation"), Text(), max_length=200, excel_width=30),
            Field("note", N_("Note"), Text(), max_length=300, excel_width=30),
        ),
        list_columns=("name", "role", "organisation"),
        details=("name", "role", "organisation", "note"),
        form=(FormGroup(N_("Reviewer"), ("name", "role", "organisation", "note")),),
        order_by=("name",),
        title=lambda row: row.name,
        sheet_name="กรรมการ",
        travels=False,
    )
)

PORTFOLIO_REVIEW = declare(
    RecordKind(
        name="portfolio_review",
        table="portfolio_reviews",
        owner="district",
        label=N_("Review of a portfolio"),
        fields=(
            Field(
                "rubric_id", N_("Scoring rubric"), Reference(), required=True, refers_to="review_rubric", max_length=36
            ),
            Field("portfolio_id", N_("Portfolio"), Reference(), required=True, refers_to="portfolio", max_length=36),
            Field(
                "reviewer_id",
                N_("Reviewer"),
                Reference(),
                required=True,
                refers_to="portfolio_reviewer",
                max_length=36,
            ),
            Field("school_code", N_("School code"), SchoolCode(), required=True, max_length=10, indexed=True),
            Field("comment", N_("Reviewer's comment"), Paragraphs(), max_length=4000, excel_width=40),
            Field("reviewed_on", N_("Reviewed on"), Date(), required=True, excel_width=12),
        ),
        list_columns=("reviewer_id", "reviewed_on", "comment"),
        details=("reviewer_id", "reviewed_on", "comment"),
        form=(FormGroup(N_("Review"), ("comment",)),),
        order_by=("rubric_id", "portfolio_id"),
        sheet_name="การประเมินผลงาน",
        identity=("rubric_id", "portfolio_id", "reviewer_id"),  # one review per reviewer: a second replaces it
        travels=False,
    )
)

REVIEW_SCORE = declare(
    RecordKind(
        name="review_score",
        table="review_scores",
        owner="district",
        label=N_("Score"),
        fields=(
            Field("review_id", N_("Review"), Reference(), required=True, refers_to="portfolio_review", max_length=36),
            Field(
                "criterion_id",
                N_("Criterion"),
                Reference(),
                required=True,
                refers_to="rubric_criterion",
                max_length=36,
            ),
            Field("score", N_("Score"), Score(MAX_CRITERION_SCORE), required=True, excel_width=8),
        ),
        list_columns=("criterion_id", "score"),
        details=("criterion_id", "score"),
        form=(FormGroup(N_("Score"), ("score",)),),
        order_by=("review_id",),
        sheet_name="คะแนน",
        identity=("review_id", "criterion_id"),
        travels=False,
    )
)


PRESENTATION_FORUM = declare(
    RecordKind(
        name="presentation_forum",
        table="presentation_forums",
        owner="district",
        label=N_("Presentation forum"),
        fields=(
            Field("name", N_("Forum name"), Text(), required=True, max_length=300, excel_width=40),
            Field("academic_year", N_("Academic year"), Number(2500, 2700), required=True, excel_width=10),
            Field(
                "level",
                N_("Selection level"),
                Code(),
                required=True,
                max_length=20,
                vocabulary="award_level",
                default="district",
                excel_width=18,
            ),
            Field("held_on", N_("Held on"), Date(future_days=800), required=True, excel_width=12),
            Field("venue", N_("Venue"), Text(), required=True, max_length=300, excel_width=30),
            Field("note", N_("Note"), Paragraphs(), max_length=4000, excel_width=40),
        ),
        list_columns=("name", "held_on", "venue", "level"),
        details=("name", "academic_year", "level", "held_on", "venue", "note"),
        form=(FormGroup(N_("Presentation forum"), ("name", "academic_year", "level", "held_on", "venue", "note")),),
        rules=(_rubric_rule,),
        order_by=("held_on", "name"),
        title=lambda row: row.name,
        sheet_name="เวทีนำเสนอผลงาน",
        travels=False,
    )
)

FORUM_SESSION = declare(
    RecordKind(
        name="forum_session",
        table="forum_sessions",
        owner="district",
        label=N_("Forum session"),
        fields=(
            Field(
                "forum_id",
                N_("Presentation forum"),
                Reference(),
                required=True,
                refers_to="presentation_forum",
                max_length=36,
            ),
            Field("position", N_("Order"), Number(0, 199), required=True, default=0),
            Field("starts_at", N_("Starts at"), Time(), required=True, excel_width=8),
            Field("ends_at", N_("Ends at"), Time(), required=True, excel_width=8),
            # a work selected at the forum's level, or nothing for an opening, a break or the closing
            Field(
                "portfolio_id",
                N_("Work presented"),
                Reference(),
                refers_to="portfolio",
                on_erase="set_null",
                max_length=36,
            ),
            Field("item", N_("Item"), Text(), max_length=300, excel_width=30),
            Field("room", N_("Room"), Text(), max_length=100, excel_width=14),
        ),
        list_columns=("starts_at", "ends_at", "item", "room"),
        details=("starts_at", "ends_at", "item", "room"),
        form=(FormGroup(N_("Forum session"), ("starts_at", "ends_at", "item", "room")),),
        order_by=("forum_id", "position"),
        sheet_name="กำหนดการ",
        identity=("forum_id", "position"),
        travels=False,
    )
)
