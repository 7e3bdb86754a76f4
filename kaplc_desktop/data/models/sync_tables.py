"""What sync keeps about itself: this workspace's keys, its peers, the bundles made and imported, and
every row it could not take as is (parked rows, losing copies of conflicts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..types import UtcDateTime, utcnow


class LocalKey(Base):
    """This workspace's key pairs: Ed25519 to sign, X25519 to receive. The newest unretired one is in use."""

    __tablename__ = "sync_local_keys"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sign_secret: Mapped[bytes] = mapped_column(LargeBinary)
    box_secret: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    # the signed statements that lead from this workspace's first key to this one (see sync/rotation.py)
    rotation_chain: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)


class RevokedKey(Base):
    """A peer's key the district declared lost or stolen: nothing signed by it is accepted again."""

    __tablename__ = "sync_revoked_keys"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    peer_code: Mapped[str] = mapped_column(String(10), index=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    revoked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)


class SyncPeer(Base):
    """A school known to the district, or the district known to a school, with the keys it is trusted by."""

    __tablename__ = "sync_peers"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # school | district
    name: Mapped[str] = mapped_column(String(200), default="")
    key_id: Mapped[str] = mapped_column(String(32))
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    box_public: Mapped[bytes] = mapped_column(LargeBinary)
    enrolled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    enrolled_by: Mapped[str] = mapped_column(String(20))  # enrollment | first-use | rotation
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    last_import_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class SyncImport(Base):
    """The import log: one row per bundle file seen, applied or refused."""

    __tablename__ = "sync_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    bundle_id: Mapped[str | None] = mapped_column(String(36), index=True)
    sender_code: Mapped[str | None] = mapped_column(String(10))
    sequence: Mapped[int | None] = mapped_column(Integer)
    bundle_kind: Mapped[str | None] = mapped_column(String(10))
    result: Mapped[str] = mapped_column(String(20))  # applied | refused | already-imported
    reason: Mapped[str] = mapped_column(Text, default="")
    counts: Mapped[dict[str, dict[str, int]]] = mapped_column(JSON, default=dict)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    archived_as: Mapped[str] = mapped_column(String(300), default="")
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ParkedRow(Base):
    """A row that failed validation: kept with its reason, shown, never silently dropped."""

    __tablename__ = "sync_parked_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    row: Mapped[dict[str, object]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    sender_code: Mapped[str | None] = mapped_column(String(10))
    owner_code: Mapped[str | None] = mapped_column(String(10))
    # set when a later copy of the record was accepted, or when someone dismissed it
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    resolution: Mapped[str | None] = mapped_column(String(20))


class ConflictCopy(Base):
    """The losing side of a conflict, kept as history; open until someone reviews the record."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    losing_row: Mapped[dict[str, object]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(40))  # concurrent-edit | edit-after-delete | same-version
    import_id: Mapped[int | None] = mapped_column(Integer)
    detected_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    owner_code: Mapped[str | None] = mapped_column(String(10))
    resolution: Mapped[str | None] = mapped_column(String(20))  # kept | took-other | erased


class OutboxEntry(Base):
    """A bundle this workspace made, to send again if one is lost."""

    __tablename__ = "sync_outbox"
    __table_args__ = (UniqueConstraint("receiver_code", "sequence"),)

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receiver_code: Mapped[str] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)
    bundle_kind: Mapped[str] = mapped_column(String(10))
    file_sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(500))
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)


class SyncState(Base):
    """Per peer: how far the other side has acknowledged our changes (from its receipt)."""

    __tablename__ = "sync_state"

    peer_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    next_sequence: Mapped[int] = mapped_column(Integer, default=1)
    acked_db_id: Mapped[str | None] = mapped_column(String(36))
    acked_counter: Mapped[int] = mapped_column(Integer, default=0)
    acked_sequence: Mapped[int] = mapped_column(Integer, default=0)
    acked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    # records the other side parked and asked for again (school side: sent in every bundle until accepted)
    resend: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # the peer's database histories that forked (a folder restored from a backup or copied, then used): versions
    # of that database id above "after" cannot be compared by number any more
    forks: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)


class ArchivedRecord(Base):
    """Which archived bundle file holds which record: for the erasure report until the file is pruned."""

    __tablename__ = "sync_archive_records"

    file_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)


class RecordArrival(Base):
    """When a record that submission tracking counts first arrived here in a form that counts (a PLC meeting, a
    survey form, a portfolio no longer a draft): the import that brought it. Never pruned; a later edit of the
    record does not move it, so a typo fixed after the deadline never makes a school late, and a group sent
    before its meetings never makes the meetings early."""

    __tablename__ = "record_arrivals"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_code: Mapped[str] = mapped_column(String(10), index=True)
    import_id: Mapped[int] = mapped_column(Integer)
    arrived_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncSetting(Base):
    """Sync settings of this workspace (archive retention, key grace period, row limit), as JSON values."""

    __tablename__ = "sync_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
