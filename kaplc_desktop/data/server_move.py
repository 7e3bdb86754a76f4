"""Moving a workspace from its folder's SQLite file to an empty PostgreSQL database, when a district office
that started on one computer wants its staff to share the data.

Every row of every table is copied in one server transaction (all or nothing), with the database's identity:
the district stays the same district to its schools (its keys, sequence numbers and change counter travel). The
folder then links to the server, and the file is kept beside it under a name that says it moved, never opened
again by the app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import KaplcError
from ..i18n import _
from ..progress import NO_PROGRESS, Progress
from .server_store import ServerStore

BATCH = 2000


def moved_file_name(db_file: Path, today: dt.date | None = None) -> Path:
    return db_file.with_name(f"{db_file.name}.moved-to-server-{(today or dt.date.today()):%Y%m%d}")


def copy_to_server(db_file: Path, data_dir: Path, server: ServerStore, progress: Progress = NO_PROGRESS) -> int:
    """Copies the file's rows (and the bytes of its attachment files) into the server's database, which must hold
    the app's schema and no records; returns the number of rows copied."""
    from sqlalchemy import delete, func, insert, select
    from sqlalchemy.exc import DBAPIError

    from .. import attachment_store
    from . import models  # noqa: F401  (registers the tables)
    from .base import Base
    from .models.attachment import AttachmentContent
    from .models.meta import DatabaseMeta
    from .server_schema import ensure_current_on_server
    from .store import SqliteStore

    ensure_current_on_server(server)
    source = SqliteStore(db_file).make_engine()
    tables = [t for t in Base.metadata.sorted_tables if t.name != AttachmentContent.__tablename__]
    copied, table_name = 0, ""
    try:
        with source.connect() as src, server.engine.begin() as dst:
            server.defer_foreign_keys(dst)
            held = [
                t.name
                for t in tables
                if t is not DatabaseMeta.__table__ and dst.execute(select(func.count()).select_from(t)).scalar_one()
            ]
            if held:
                raise KaplcError(
                    _(
                        "The database on the server {where} already holds data ({tables}). Moving this folder's "
                        "data there would mix two workspaces: ask for an empty database."
                    ).format(where=server.label, tables=", ".join(held[:5]))
                )
            dst.execute(delete(DatabaseMeta.__table__))  # the identity an opening left there: this folder's is kept
            total = sum(src.execute(select(func.count()).select_from(t)).scalar_one() for t in tables) or 1
            for table in tables:
                table_name = table.name
                progress.update(copied, total, _("Copying {table}…").format(table=table.name))
                result = src.execute(select(table))
                while rows := result.mappings().fetchmany(BATCH):
                    dst.execute(insert(table), [dict(r) for r in rows])
                    copied += len(rows)
                    progress.update(copied, total, _("Copying {table}…").format(table=table.name))
            _advance_sequences(dst, tables)
            table_name = AttachmentContent.__tablename__
            for (sha,) in src.execute(select(Base.metadata.tables["attachments"].c.sha256)):
                if attachment_store.has(data_dir, sha):
                    dst.execute(
                        insert(AttachmentContent.__table__),
                        [{"sha256": sha, "content": attachment_store.local_bytes(data_dir, sha)}],
                    )
    except DBAPIError as exc:  # a value the server's column refuses (text longer than it holds, a number too big)
        reason = str(exc.orig or exc).strip().splitlines()[0][:300]
        raise KaplcError(
            _(
                "Nothing was moved: the server refused the data of {table} ({reason}). This folder's data is as it "
                "was; send the message to whoever supports KA-PLC."
            ).format(table=table_name, reason=reason)
        ) from None
    finally:
        source.dispose()
    return copied


def _advance_sequences(conn: Any, tables: list[Any]) -> None:
    """Numbered tables (the import log, …) go on numbering after the rows copied with their numbers."""
    from sqlalchemy import Integer, text

    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer) and keys[0].autoincrement in (True, "auto"):
            column = keys[0].name
            conn.execute(
                text(
                    f'SELECT setval(pg_get_serial_sequence(:t, :c), coalesce(max("{column}"), 0) + 1, false) '
                    f'FROM "{table.name}"'
                ),
                {"t": table.name, "c": column},
            )
