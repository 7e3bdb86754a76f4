"""Sync you can trust: erasure reasons, revoked keys, key rotation chains, parked rows and conflicts that can
be resolved, records the district asks for again, the archive index, sync settings.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("erasures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=500), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_erasures_target_id"), ["target_id"], unique=False)
    with op.batch_alter_table("sync_local_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rotation_chain", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("sync_parked_rows", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sender_code", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("owner_code", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("resolution", sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f("ix_sync_parked_rows_record_id"), ["record_id"], unique=False)
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_code", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("resolution", sa.String(length=20), nullable=True))
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resend", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("forks", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "sync_revoked_keys",
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("peer_code", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_sync_revoked_keys")),
    )
    with op.batch_alter_table("sync_revoked_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_revoked_keys_peer_code"), ["peer_code"], unique=False)
    op.create_table(
        "sync_archive_records",
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("file_sha256", "record_id", name=op.f("pk_sync_archive_records")),
    )
    with op.batch_alter_table("sync_archive_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_archive_records_record_id"), ["record_id"], unique=False)
    op.create_table(
        "sync_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_settings")),
    )
    # existing parked rows and conflicts name their record's owner (used by erasure, which touches only its own);
    # only a SQLite file can hold rows from before this revision (PostgreSQL came with revision 0010)
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "UPDATE sync_parked_rows SET owner_code = json_extract(row, '$.owner_code'), "
        "sender_code = (SELECT sender_code FROM sync_imports WHERE sync_imports.id = sync_parked_rows.import_id)"
    )
    op.execute("UPDATE sync_conflicts SET owner_code = json_extract(losing_row, '$.owner_code')")


def downgrade() -> None:
    op.drop_table("sync_settings")
    op.drop_table("sync_archive_records")
    op.drop_table("sync_revoked_keys")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("forks")
        batch_op.drop_column("resend")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_column("resolution")
        batch_op.drop_column("owner_code")
    with op.batch_alter_table("sync_parked_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_parked_rows_record_id"))
        batch_op.drop_column("resolution")
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("owner_code")
        batch_op.drop_column("sender_code")
    with op.batch_alter_table("sync_local_keys", schema=None) as batch_op:
        batch_op.drop_column("rotation_chain")
    with op.batch_alter_table("erasures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasures_target_id"))
        batch_op.drop_column("reason")
