"""The district's presentation forums and their programmes (domain/kinds/portfolio_review.py), kept in the
district only.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presentation_forums",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("note", sa.String(length=4000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presentation_forums")),
    )
    op.create_index("ix_presentation_forums_deleted_at", "presentation_forums", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_presentation_forums_owner_code"), "presentation_forums", ["owner_code"], unique=False)
    op.create_table(
        "forum_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("forum_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Integer(), nullable=False),
        sa.Column("ends_at", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.String(length=36), nullable=True),
        sa.Column("item", sa.String(length=300), nullable=True),
        sa.Column("room", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["presentation_forums.id"],
            name=op.f("fk_forum_sessions_forum_id_presentation_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_forum_sessions_portfolio_id_portfolios"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum_sessions")),
    )
    op.create_index("ix_forum_sessions_deleted_at", "forum_sessions", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_forum_sessions_forum_id"), "forum_sessions", ["forum_id"], unique=False)
    op.create_index(op.f("ix_forum_sessions_owner_code"), "forum_sessions", ["owner_code"], unique=False)
    op.create_index(op.f("ix_forum_sessions_portfolio_id"), "forum_sessions", ["portfolio_id"], unique=False)


def downgrade() -> None:
    op.drop_table("forum_sessions")
    op.drop_table("presentation_forums")
