"""ORM models. Importing this package registers every table on Base.metadata."""

from .attachment import Attachment
from .declared import Person, SchoolProfile
from .district_settings import DistrictSettings
from .erasure import Erasure
from .meta import DatabaseMeta
from .survey_export import SurveyExport
from .sync_tables import (
    ArchivedRecord,
    ConflictCopy,
    LocalKey,
    OutboxEntry,
    ParkedRow,
    RecordArrival,
    RevokedKey,
    SyncImport,
    SyncPeer,
    SyncSetting,
    SyncState,
)
from .workspace import Workspace

__all__ = [
    "ArchivedRecord",
    "Attachment",
    "ConflictCopy",
    "DatabaseMeta",
    "DistrictSettings",
    "Erasure",
    "LocalKey",
    "OutboxEntry",
    "ParkedRow",
    "Person",
    "RecordArrival",
    "RevokedKey",
    "SchoolProfile",
    "SurveyExport",
    "SyncImport",
    "SyncPeer",
    "SyncSetting",
    "SyncState",
    "Workspace",
]
