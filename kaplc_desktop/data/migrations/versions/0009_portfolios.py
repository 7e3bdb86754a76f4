"""Showcase portfolios: entries, their owners, the sections of the write-up, pictures and evidence, result
figures, awards, and the district's selection decisions.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = (
    "portfolios",
    "portfolio_owners",
    "portfolio_sections",
    "portfolio_files",
    "portfolio_figures",
    "portfolio_awards",
    "portfolio_decisions",
)


def _synced(
    table: str, *columns: sa.Column, refers: tuple[tuple[str, str, str], ...] = (), indexed: tuple[str, ...] = ()
) -> None:
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
    for column in (*(r[0] for r in refers), *indexed):
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    _synced(
        "portfolios",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("work_kind", sa.String(length=40), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("owner_type", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("award_field", sa.String(length=40), nullable=True),
        sa.Column("learning_area", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("abstract", sa.String(length=4000), nullable=True),
    )
    _synced(
        "portfolio_owners",
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        refers=(
            ("person_id", "personnel", "CASCADE"),
            ("portfolio_id", "portfolios", "CASCADE"),
        ),
    )
    _synced(
        "portfolio_sections",
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("body", sa.String(length=60000), nullable=True),
        refers=(("portfolio_id", "portfolios", "CASCADE"),),
    )
    _synced(
        "portfolio_files",
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("placement", sa.String(length=20), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=True),
        sa.Column("caption", sa.String(length=300), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        refers=(("portfolio_id", "portfolios", "CASCADE"),),
    )
    _synced(
        "portfolio_figures",
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.Column("before", sa.Integer(), nullable=False),
        sa.Column("after", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        refers=(("portfolio_id", "portfolios", "CASCADE"),),
    )
    _synced(
        "portfolio_awards",
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("rank", sa.String(length=30), nullable=True),
        sa.Column("medal", sa.String(length=20), nullable=True),
        sa.Column("awarded_on", sa.Date(), nullable=True),
        sa.Column("issuer", sa.String(length=300), nullable=True),
        sa.Column("certificate_sha256", sa.String(length=64), nullable=True),
        sa.Column("certificate_type", sa.String(length=40), nullable=True),
        refers=(("portfolio_id", "portfolios", "CASCADE"),),
    )
    _synced(
        "portfolio_decisions",
        sa.Column("school_code", sa.String(length=10), nullable=False),
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("rank", sa.String(length=30), nullable=True),
        sa.Column("medal", sa.String(length=20), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("comment", sa.String(length=4000), nullable=True),
        refers=(("portfolio_id", "portfolios", "CASCADE"),),
        indexed=("school_code",),
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
