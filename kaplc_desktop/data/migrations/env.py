"""Alembic environment: always run in code with a connection handed over by kaplc_desktop.data.schema."""

from __future__ import annotations

from alembic import context

from kaplc_desktop.data import models  # noqa: F401  (registers the tables)
from kaplc_desktop.data.base import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
