"""The district's own plans, its development projects and the people each is for (domain/kinds/district_plans.py),
kept in the district only.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
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


def _indexes(table: str, *columns: str) -> None:
    for column in ("owner_code", "deleted_at", *columns):
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "district_plans",
        sa.Column("plan_kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=4000), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district_plans")),
    )
    _indexes("district_plans")
    op.create_table(
        "district_projects",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("need_topic", sa.String(length=300), nullable=True),
        sa.Column("need_year", sa.Integer(), nullable=True),
        sa.Column("competency", sa.String(length=40), nullable=True),
        sa.Column("method", sa.String(length=40), nullable=True),
        sa.Column("hrd_plan_id", sa.String(length=36), nullable=True),
        sa.Column("action_plan_id", sa.String(length=36), nullable=True),
        sa.Column("objectives", sa.String(length=4000), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("results", sa.String(length=8000), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["hrd_plan_id"],
            ["district_plans.id"],
            name=op.f("fk_district_projects_hrd_plan_id_district_plans"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["action_plan_id"],
            ["district_plans.id"],
            name=op.f("fk_district_projects_action_plan_id_district_plans"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district_projects")),
    )
    _indexes("district_projects", "hrd_plan_id", "action_plan_id")
    op.create_table(
        "district_project_targets",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("school_code", sa.String(length=10), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["district_projects.id"],
            name=op.f("fk_district_project_targets_project_id_district_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["personnel.id"],
            name=op.f("fk_district_project_targets_person_id_personnel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district_project_targets")),
    )
    _indexes("district_project_targets", "project_id", "person_id", "school_code")


def downgrade() -> None:
    op.drop_table("district_project_targets")
    op.drop_table("district_projects")
    op.drop_table("district_plans")
