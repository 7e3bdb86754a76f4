"""The yearly development cycle: the July survey (rounds, forms, ratings, needs), ID plans and their activities,
the HR development plan with its yearly reviews, the action plan's projects and their target people, learning
achievement and performance agreements.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = (
    "survey_rounds",
    "survey_forms",
    "survey_ratings",
    "survey_needs",
    "id_plans",
    "id_plan_activities",
    "hrd_plans",
    "hrd_reviews",
    "action_projects",
    "action_targets",
    "achievement_results",
    "performance_agreements",
)


def _synced(table: str, *columns: sa.Column, refers: tuple[tuple[str, str, str], ...] = ()) -> None:
    """A synced table: its own columns, what every synced record carries, a foreign key per reference (with
    what an erasure of the record it names does to it)."""
    op.create_table(
        table,
        *columns,
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        *(
            sa.ForeignKeyConstraint(
                [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=on_delete
            )
            for column, target, on_delete in refers
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(f"ix_{table}_owner_code", table, ["owner_code"])
    op.create_index(f"ix_{table}_deleted_at", table, ["deleted_at"])
    for column, _target, _on_delete in refers:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    _synced(
        "survey_rounds",
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=True),
    )
    _synced(
        "survey_forms",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("competency_set", sa.String(length=20), nullable=False),
        sa.Column("self_rated_on", sa.Date(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("strengths", sa.String(length=2000), nullable=True),
        sa.Column("director_note", sa.String(length=2000), nullable=True),
        sa.Column("needs_count", sa.Integer(), nullable=False),
        refers=(("round_id", "survey_rounds", "CASCADE"), ("person_id", "personnel", "CASCADE")),
    )
    _synced(
        "survey_ratings",
        sa.Column("form_id", sa.String(length=36), nullable=False),
        sa.Column("competency", sa.String(length=40), nullable=False),
        sa.Column("expected_level", sa.Integer(), nullable=False),
        sa.Column("self_level", sa.Integer(), nullable=True),
        sa.Column("director_level", sa.Integer(), nullable=True),
        refers=(("form_id", "survey_forms", "CASCADE"),),
    )
    _synced(
        "survey_needs",
        sa.Column("form_id", sa.String(length=36), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("competency", sa.String(length=40), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        refers=(("form_id", "survey_forms", "CASCADE"),),
    )
    _synced(
        "id_plans",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("goals", sa.String(length=4000), nullable=True),
        sa.Column("expected_results", sa.String(length=4000), nullable=True),
        sa.Column("evidence", sa.String(length=2000), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("activity_count", sa.Integer(), nullable=False),
        refers=(("person_id", "personnel", "CASCADE"),),
    )
    _synced(
        "id_plan_activities",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(length=40), nullable=True),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=True),
        sa.Column("expected_result", sa.String(length=2000), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        refers=(("plan_id", "id_plans", "CASCADE"),),
    )
    _synced(
        "hrd_plans",
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("background", sa.String(length=8000), nullable=True),
        sa.Column("goals", sa.String(length=4000), nullable=True),
        sa.Column("strategies", sa.JSON(), nullable=False),
        sa.Column("programmes", sa.JSON(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
    )
    _synced(
        "hrd_reviews",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("findings", sa.String(length=8000), nullable=True),
        sa.Column("changes", sa.String(length=4000), nullable=True),
        refers=(("plan_id", "hrd_plans", "CASCADE"),),
    )
    _synced(
        "action_projects",
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("hrd_plan_id", sa.String(length=36), nullable=True),
        sa.Column("objectives", sa.String(length=4000), nullable=True),
        sa.Column("target_group", sa.String(length=300), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=True),
        sa.Column("responsible_id", sa.String(length=36), nullable=True),
        sa.Column("indicators", sa.String(length=4000), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("results", sa.String(length=8000), nullable=True),
        refers=(("hrd_plan_id", "hrd_plans", "SET NULL"), ("responsible_id", "personnel", "SET NULL")),
    )
    _synced(
        "action_targets",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        refers=(("project_id", "action_projects", "CASCADE"), ("person_id", "personnel", "CASCADE")),
    )
    _synced(
        "achievement_results",
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("test", sa.String(length=120), nullable=False),
        sa.Column("grade_level", sa.String(length=40), nullable=True),
        sa.Column("learning_area", sa.String(length=120), nullable=False),
        sa.Column("school_target", sa.Integer(), nullable=True),
        sa.Column("school_result", sa.Integer(), nullable=True),
        sa.Column("national_average", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
    )
    _synced(
        "performance_agreements",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=300), nullable=False),
        sa.Column("indicators", sa.String(length=4000), nullable=True),
        sa.Column("result_level", sa.Integer(), nullable=True),
        sa.Column("result_note", sa.String(length=4000), nullable=True),
        refers=(("person_id", "personnel", "CASCADE"),),
    )

    op.create_table(
        "survey_exports",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("fingerprints", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_exports")),
    )
    op.create_index("ix_survey_exports_round_id", "survey_exports", ["round_id"])


def downgrade() -> None:
    op.drop_table("survey_exports")
    for table in reversed(TABLES):
        op.drop_table(table)
