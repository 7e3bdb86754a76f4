"""Attachment contents kept in the database, for a workspace on a server: each member of staff's computer keeps
the files it has seen in its own data folder, and takes the others from the server when it needs them. (A
SQLite workspace keeps its files in its folder only; the table stays empty there.)

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_contents",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["attachments.sha256"],
            name=op.f("fk_attachment_contents_sha256_attachments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_contents")),
    )


def downgrade() -> None:
    op.drop_table("attachment_contents")
