"""Submission tracking: the periods the district sets (what is due, from when, by when; approved ones locked), its
review of each school's submission (domain/kinds/submissions.py), and when each record that tracking counts first
arrived (record_arrivals, written by the bundle importer).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "submission_periods",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("content", sa.String(length=20), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_periods")),
    )
    op.create_index("ix_submission_periods_owner_code", "submission_periods", ["owner_code"])
    op.create_index("ix_submission_periods_deleted_at", "submission_periods", ["deleted_at"])
    op.create_table(
        "submission_reviews",
        sa.Column("period_id", sa.String(length=36), nullable=False),
        sa.Column("school_code", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.String(length=4000), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["submission_periods.id"],
            name=op.f("fk_submission_reviews_period_id_submission_periods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_reviews")),
    )
    op.create_index("ix_submission_reviews_owner_code", "submission_reviews", ["owner_code"])
    op.create_index("ix_submission_reviews_deleted_at", "submission_reviews", ["deleted_at"])
    op.create_index("ix_submission_reviews_period_id", "submission_reviews", ["period_id"])
    op.create_index("ix_submission_reviews_school_code", "submission_reviews", ["school_code"])

    op.create_table(
        "record_arrivals",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "record_id", name=op.f("pk_record_arrivals")),
    )
    op.create_index(op.f("ix_record_arrivals_owner_code"), "record_arrivals", ["owner_code"])


def downgrade() -> None:
    op.drop_table("record_arrivals")
    op.drop_table("submission_reviews")
    op.drop_table("submission_periods")
