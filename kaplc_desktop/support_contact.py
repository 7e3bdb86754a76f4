"""Whom a user sends an error report to: the contact set in Settings, else the district office the workspace
belongs to (the people who look after the schools' program), else a plain description."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .data import reads
from .data.store import SqliteStore
from .i18n import _
from .paths import database_path
from .settings import load_settings


def support_contact(data_dir: Path | None) -> str:
    chosen = load_settings(data_dir).support_contact.strip() if data_dir is not None else ""
    return chosen or district_contact(data_dir)


def district_contact(data_dir: Path | None) -> str:
    """The default: the district office the workspace belongs to."""
    if data_dir is None:
        return _("your district office (สพป.)")
    try:
        info = reads.workspace(SqliteStore(database_path(data_dir))) if database_path(data_dir).is_file() else None
    except sqlite3.Error:
        info = None
    if info and info.get("esa_name"):
        return _("the district office, {name}").format(name=info["esa_name"])
    return _("your district office (สพป.)")
