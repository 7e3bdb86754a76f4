"""The personnel registry, the first synced kind of record.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "personnel",
        sa.Column("national_id", sa.String(length=13), nullable=True),
        sa.Column("title_prefix", sa.String(length=40), nullable=True),
        sa.Column("first_name_th", sa.String(length=100), nullable=False),
        sa.Column("last_name_th", sa.String(length=100), nullable=False),
        sa.Column("first_name_en", sa.String(length=100), nullable=True),
        sa.Column("last_name_en", sa.String(length=100), nullable=True),
        sa.Column("position", sa.String(length=40), nullable=False),
        sa.Column("academic_standing", sa.String(length=40), nullable=True),
        sa.Column("personnel_group", sa.String(length=40), nullable=False),
        sa.Column("learning_areas", sa.JSON(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personnel")),
    )
    op.create_index("ix_personnel_owner_code", "personnel", ["owner_code"])
    op.create_index("ix_personnel_national_id", "personnel", ["national_id"])
    op.create_index("ix_personnel_deleted_at", "personnel", ["deleted_at"])


def downgrade() -> None:
    op.drop_table("personnel")
