"""The district's registry of its schools (domain/kinds/school_registry.py), kept in the district only.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLE = "registered_schools"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("school_code", sa.String(length=10), nullable=False),
        sa.Column("school_name", sa.String(length=200), nullable=False),
        sa.Column("cluster", sa.String(length=200), nullable=True),
        sa.Column("school_size", sa.String(length=20), nullable=True),
        sa.Column("principal_name", sa.String(length=200), nullable=True),
        sa.Column("students", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("kept_values", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
    )
    op.create_index(f"ix_{TABLE}_owner_code", TABLE, ["owner_code"])
    op.create_index(f"ix_{TABLE}_deleted_at", TABLE, ["deleted_at"])
    op.create_index(f"ix_{TABLE}_school_code", TABLE, ["school_code"])


def downgrade() -> None:
    op.drop_table(TABLE)
