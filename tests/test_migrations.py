"""The migration history is linear, matches the models, and is known without importing Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

import kaplc_desktop.data.models
from kaplc_desktop.data.base import Base
from kaplc_desktop.data.migrations import HEAD_REVISION, KNOWN_REVISIONS
from kaplc_desktop.paths import DB_FILENAME


def script_directory() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(kaplc_desktop.data.__file__).parent / "migrations"))
    return ScriptDirectory.from_config(cfg)


def test_known_revisions_are_alembics_linear_history() -> None:
    scripts = script_directory()
    history = [rev.revision for rev in reversed(list(scripts.walk_revisions()))]
    assert tuple(history) == KNOWN_REVISIONS
    assert scripts.get_heads() == [HEAD_REVISION]


def test_models_match_the_migrations(school_template: Path) -> None:
    engine = create_engine(f"sqlite:///{school_template}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
    assert school_template.name == DB_FILENAME
