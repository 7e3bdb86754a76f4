"""What each committed transaction changed — which tables (kinds of records) and, where the statement names
them, which record ids — told to whoever listens, the way Anki's CollectionOp reports OpChanges to every screen.

It is read from the statements themselves, at the engine, so every way of writing reports: a service call, an
Excel import, a bundle import, a restore, an erasure, an undo. The window's pages listen and refresh what they
show; no page refreshes another by hand.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..listeners import Listeners

PENDING_KEY = "kaplc_pending_changes"


@dataclass(frozen=True)
class Changes:
    tables: frozenset[str]
    ids: frozenset[str] = frozenset()

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


Listener = Callable[[Changes], None]


class ChangeBus:
    """Listeners are called in the thread that committed (a worker, for long work): a window hands the news to
    its own thread (ui/change_relay.py)."""

    def __init__(self) -> None:
        self._listeners: Listeners[Changes] = Listeners("change")

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self._listeners.subscribe(listener)

    def publish(self, changes: Changes) -> None:
        self._listeners.tell(changes)


def _ids(params: Any) -> set[str]:
    """The record ids named by a statement's parameters (a row's "id", or "_id" in a keyed update)."""
    found: set[str] = set()
    stack = [params]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, Mapping):
            for key in ("id", "_id", "id_1"):
                if isinstance(item.get(key), str):
                    found.add(item[key])
    return found


def watch(engine: Any, bus: ChangeBus) -> None:
    """Collects the tables (and ids) written on each connection; publishes them when its transaction commits."""
    from sqlalchemy import event
    from sqlalchemy.sql.dml import UpdateBase

    def after_execute(conn: Any, clause: Any, multiparams: Any, params: Any, options: Any, result: Any) -> None:
        if not isinstance(clause, UpdateBase):
            return
        tables, ids = conn.info.setdefault(PENDING_KEY, (set(), set()))
        tables.add(clause.table.name)
        ids.update(_ids(multiparams) | _ids(params))
        if getattr(clause, "is_insert", False):  # ids made by a column default are known only from the result
            with contextlib.suppress(Exception):  # keys the driver cannot report: the table is what matters
                ids.update(str(row[0]) for row in result.inserted_primary_key_rows if row and row[0] is not None)

    def commit(conn: Any) -> None:
        pending = conn.info.pop(PENDING_KEY, None)
        if pending and pending[0]:
            bus.publish(Changes(frozenset(pending[0]), frozenset(pending[1])))

    def rollback(conn: Any) -> None:
        # a connection the server dropped cannot even be asked for its info; its news is lost with it, and the
        # error the user must hear is the one that ended the transaction, not this one
        with contextlib.suppress(Exception):
            conn.info.pop(PENDING_KEY, None)

    event.listen(engine, "after_execute", after_execute)
    event.listen(engine, "commit", commit)
    event.listen(engine, "rollback", rollback)
