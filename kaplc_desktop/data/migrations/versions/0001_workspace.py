"""The database's identity and the workspace (school or district).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "db_meta",
        sa.Column("singleton", sa.Integer(), nullable=False),
        sa.Column("db_id", sa.String(length=36), nullable=False),
        sa.Column("change_counter", sa.Integer(), nullable=False),
        sa.Column("home_path", sa.String(), nullable=False),
        sa.Column("home_inode", sa.String(), nullable=False),
        sa.Column("previous_db_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("singleton", name=op.f("pk_db_meta")),
    )
    op.create_table(
        "workspace",
        sa.Column("singleton", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("school_code", sa.String(length=10), nullable=True),
        sa.Column("school_name", sa.String(length=200), nullable=True),
        sa.Column("esa_code", sa.String(length=4), nullable=True),
        sa.Column("esa_name", sa.String(length=200), nullable=False),
        sa.Column("principal_name", sa.String(length=200), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("singleton", name=op.f("pk_workspace")),
    )


def downgrade() -> None:
    op.drop_table("workspace")
    op.drop_table("db_meta")
