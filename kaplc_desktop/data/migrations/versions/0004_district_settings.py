"""The district's settings per academic year (PLC hours target, deadlines, needs topics), sent to schools.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "district_settings",
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("plc_hours_target", sa.Integer(), nullable=False),
        sa.Column("deadlines", sa.JSON(), nullable=False),
        sa.Column("needs_topics", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district_settings")),
        sa.UniqueConstraint("owner_code", "academic_year", name=op.f("uq_district_settings_owner_code")),
    )
    with op.batch_alter_table("district_settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_district_settings_owner_code"), ["owner_code"], unique=False)


def downgrade() -> None:
    op.drop_table("district_settings")
