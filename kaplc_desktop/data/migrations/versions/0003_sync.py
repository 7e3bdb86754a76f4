"""Sync: keys, peers, the import log, parked rows, conflict copies, the outbox; attachments and erasures;
a photo on personnel records.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_table(
        "erasures",
        sa.Column("target_kind", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )
    with op.batch_alter_table("erasures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasures_owner_code"), ["owner_code"], unique=False)

    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("losing_row", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_record_id"), ["record_id"], unique=False)

    op.create_table(
        "sync_imports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=True),
        sa.Column("sender_code", sa.String(length=10), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("bundle_kind", sa.String(length=10), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("archived_as", sa.String(length=300), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_imports")),
    )
    with op.batch_alter_table("sync_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_imports_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_imports_file_sha256"), ["file_sha256"], unique=False)

    op.create_table(
        "sync_local_keys",
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("sign_secret", sa.LargeBinary(), nullable=False),
        sa.Column("box_secret", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_sync_local_keys")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("receiver_code", sa.String(length=10), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("bundle_kind", sa.String(length=10), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("receiver_code", "sequence", name=op.f("uq_sync_outbox_receiver_code")),
    )
    op.create_table(
        "sync_parked_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("row", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_parked_rows")),
    )
    with op.batch_alter_table("sync_parked_rows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_parked_rows_import_id"), ["import_id"], unique=False)

    op.create_table(
        "sync_peers",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("sign_public", sa.LargeBinary(), nullable=False),
        sa.Column("box_public", sa.LargeBinary(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_by", sa.String(length=20), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("last_import_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_state",
        sa.Column("peer_code", sa.String(length=10), nullable=False),
        sa.Column("next_sequence", sa.Integer(), nullable=False),
        sa.Column("acked_db_id", sa.String(length=36), nullable=True),
        sa.Column("acked_counter", sa.Integer(), nullable=False),
        sa.Column("acked_sequence", sa.Integer(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("peer_code", name=op.f("pk_sync_state")),
    )
    with op.batch_alter_table("personnel", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("personnel", schema=None) as batch_op:
        batch_op.drop_column("photo_sha256")
    for table in (
        "sync_state",
        "sync_peers",
        "sync_parked_rows",
        "sync_outbox",
        "sync_local_keys",
        "sync_imports",
        "sync_conflicts",
        "erasures",
        "attachments",
    ):
        op.drop_table(table)
