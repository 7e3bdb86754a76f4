"""PLC: groups, their members, meetings, attendance and the photos and documents of a meeting.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _synced(table: str, *columns: sa.Column, refers: tuple[tuple[str, str], ...] = ()) -> None:
    """A synced table: its own columns, what every synced record carries, a foreign key per reference."""
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
                [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
            )
            for column, target in refers
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(f"ix_{table}_owner_code", table, ["owner_code"])
    op.create_index(f"ix_{table}_deleted_at", table, ["deleted_at"])
    for column, _target in refers:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    _synced(
        "plc_groups",
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("learning_area", sa.String(length=40), nullable=True),
        sa.Column("target_learners", sa.String(length=200), nullable=True),
        sa.Column("problem", sa.String(length=4000), nullable=True),
        sa.Column("goal", sa.String(length=4000), nullable=True),
        sa.Column("steps", sa.JSON(), nullable=False),
    )
    _synced(
        "plc_members",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        refers=(("group_id", "plc_groups"), ("person_id", "personnel")),
    )
    _synced(
        "plc_meetings",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("session_no", sa.Integer(), nullable=False),
        sa.Column("activity_type", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Integer(), nullable=False),
        sa.Column("end_time", sa.Integer(), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("agenda", sa.String(length=2000), nullable=True),
        sa.Column("discussion", sa.String(length=8000), nullable=True),
        sa.Column("results", sa.String(length=4000), nullable=True),
        sa.Column("observation", sa.String(length=4000), nullable=True),
        sa.Column("reflection", sa.String(length=4000), nullable=True),
        sa.Column("next_steps", sa.String(length=2000), nullable=True),
        sa.Column("guests", sa.String(length=300), nullable=True),
        refers=(("group_id", "plc_groups"),),
    )
    _synced(
        "plc_attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("arrived_at", sa.Integer(), nullable=True),
        sa.Column("left_at", sa.Integer(), nullable=True),
        refers=(("meeting_id", "plc_meetings"), ("person_id", "personnel")),
    )
    _synced(
        "plc_files",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("caption", sa.String(length=300), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        refers=(("meeting_id", "plc_meetings"),),
    )


def downgrade() -> None:
    for table in ("plc_files", "plc_attendance", "plc_meetings", "plc_members", "plc_groups"):
        op.drop_table(table)
