"""The school profile, a synced record kept by the school; a school database gets its profile from the
workspace it was set up with (name, ESA, principal), as a local change that travels in the next bundle.

Revision ID: 0006
Revises: 0005
"""

import datetime as dt
import json
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_profiles",
        sa.Column("school_name", sa.String(length=200), nullable=False),
        sa.Column("principal_name", sa.String(length=200), nullable=True),
        sa.Column("esa_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("school_size", sa.String(length=20), nullable=True),
        sa.Column("students", sa.Integer(), nullable=True),
        sa.Column("cluster", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_profiles")),
        sa.UniqueConstraint("owner_code", name="uq_school_profiles_owner_code"),
    )
    op.create_index("ix_school_profiles_owner_code", "school_profiles", ["owner_code"])
    op.create_index("ix_school_profiles_deleted_at", "school_profiles", ["deleted_at"])
    _profile_from_workspace()


def _profile_from_workspace() -> None:
    conn = op.get_bind()
    workspace = conn.execute(
        sa.text("SELECT school_code, school_name, esa_name, principal_name FROM workspace WHERE kind = 'school'")
    ).first()
    meta = conn.execute(sa.text("SELECT db_id, change_counter FROM db_meta")).first()
    if workspace is None or meta is None or not workspace.school_code:
        return
    counter = meta.change_counter + 1
    conn.execute(sa.text("UPDATE db_meta SET change_counter = :c"), {"c": counter})
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn.execute(
        sa.text(
            "INSERT INTO school_profiles (id, owner_code, version_db, version_counter, version_vector, created_at, "
            "updated_at, school_name, principal_name, esa_name) VALUES (:id, :owner, :db, :counter, :vector, :now, "
            ":now, :name, :principal, :esa)"
        ),
        {
            # as domain/record_kind.py single_record_id: every database names a school's profile alike
            "id": str(
                uuid.uuid5(uuid.UUID("6f1d7c2e-3b0a-5e4f-9a8b-4b4150434c31"), f"school_profile:{workspace.school_code}")
            ),
            "owner": workspace.school_code,
            "db": meta.db_id,
            "counter": counter,
            "vector": json.dumps({meta.db_id: counter}),
            "now": now,
            "name": workspace.school_name or workspace.school_code,
            "principal": workspace.principal_name,
            "esa": workspace.esa_name or "",
        },
    )


def downgrade() -> None:
    op.drop_table("school_profiles")
