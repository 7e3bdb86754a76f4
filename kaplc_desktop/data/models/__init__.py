"""ORM models. Importing this package registers every table on Base.metadata."""

from .attachment import Attachment
from .district_settings import DistrictSettings
from .erasure import Erasure
from .meta import DatabaseMeta
from .personnel import Person
from .sync_tables import ConflictCopy, LocalKey, OutboxEntry, ParkedRow, SyncImport, SyncPeer, SyncState
from .workspace import Workspace

__all__ = [
    "Attachment",
    "ConflictCopy",
    "DatabaseMeta",
    "DistrictSettings",
    "Erasure",
    "LocalKey",
    "OutboxEntry",
    "ParkedRow",
    "Person",
    "SyncImport",
    "SyncPeer",
    "SyncState",
    "Workspace",
]
