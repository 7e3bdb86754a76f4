"""What a PDPA erasure removes, wherever it is applied: the record, the records that refer to it (declared
references, recursively; a reference declared "set_null" is cleared instead), the owner's conflict and parked
copies, and attachment files no record still uses.

Only the erasure's owner's rows are touched: a school cannot erase another school's records or history.
Attachment files are removed after the commit (remove_orphan_files), so a rolled-back erasure loses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import attachment_store
from ..data import sync_repository as repo
from .kinds import all_kinds, referring


def erase_closure(conn: Any, owner: str, kind: str, record_id: str) -> tuple[list[tuple[str, str]], set[str]]:
    """Deletes a record of `owner` and everything of the same owner that refers to it (a reference declared
    "set_null" is cleared instead); returns the (kind, id) pairs removed and the attachment hashes they used.

    Everything is found first, then references are cleared and rows deleted children first, so real FOREIGN
    KEYs hold at every statement."""
    specs = all_kinds()
    found: list[tuple[tuple[str, str], dict[str, Any]]] = []
    to_clear: list[tuple[Any, str, str]] = []  # (table, column, id it pointed to)
    todo = [(kind, record_id)]
    seen: set[tuple[str, str]] = set()
    while todo:
        item = todo.pop(0)  # breadth first: a record is found before the records that refer to it
        if item in seen or item[0] not in specs or item[0] == "erasure":
            continue
        seen.add(item)
        spec = specs[item[0]]
        held = repo.held_rows(conn, spec.table, [item[1]]).get(item[1])
        repo.forget_record(conn, item[1], owner)
        if held is None or held["owner_code"] != owner:
            continue
        found.append((item, held))
        for ref_spec, column in referring(item[0]):
            if ref_spec.on_erase.get(column) == "set_null":
                to_clear.append((ref_spec.table, column, item[1]))
                continue
            todo.extend(
                (ref_spec.kind, child) for child in repo.ids_where(conn, ref_spec.table, column, item[1], owner)
            )
    for table, column, target in to_clear:
        repo.clear_reference(conn, table, column, target)
    attachments: set[str] = set()
    for (item_kind, item_id), held in reversed(found):
        spec = specs[item_kind]
        attachments.update(held[c] for c in spec.attachments if held.get(c))
        repo.delete_rows(conn, spec.table, [item_id])
    return [item for item, _held in found], attachments


def apply_erasures(conn: Any, data_dir: Path, rows: list[dict[str, Any]]) -> set[str]:
    """Applies incoming erasure records; returns attachment hashes that may now be unused."""
    candidates: set[str] = set()
    for row in rows:
        _removed, attachments = erase_closure(conn, row["owner_code"], row["target_kind"], row["target_id"])
        candidates |= attachments
    return unused_attachments(conn, candidates)


def unused_attachments(conn: Any, shas: set[str]) -> set[str]:
    """Of these hashes, those no record refers to any more; their index rows are deleted now."""
    if not shas:
        return set()
    used: set[str] = set()
    for spec in all_kinds().values():
        for column in spec.attachments:
            used |= repo.values_in_use(conn, spec.table, column, shas)
    unused = shas - used
    repo.remove_attachments(conn, unused)
    return unused


def remove_orphan_files(data_dir: Path, shas: set[str]) -> None:
    """After the commit: the files of attachments nothing refers to any more."""
    for sha in shas:
        attachment_store.remove(data_dir, sha)
