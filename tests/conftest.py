"""Shared fixtures: real SQLite files in temporary folders, migrated once and copied per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KAPLC_DATA_DIR", None)
# the list of recent folders is the user's: tests keep their own
os.environ["KAPLC_CONFIG_DIR"] = tempfile.mkdtemp(prefix="kaplc-config-")

import pytest

from kaplc_desktop.context import AppContext
from kaplc_desktop.i18n import set_language
from kaplc_desktop.paths import DB_FILENAME
from kaplc_desktop.services.workspace import clean_school_setup

SCHOOL = dict(
    code="1090050001", name="โรงเรียนบ้านทดสอบ", esa_name="สพป.สงขลา เขต 2", esa_code="9002", principal="นายใหญ่ ใจดี"
)


@pytest.fixture(autouse=True)
def thai_language() -> Iterator[None]:
    set_language("th")
    yield
    set_language("th")


@pytest.fixture(scope="session")
def school_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template-school")
    with AppContext.open(folder, create=True) as ctx:
        ctx.workspace.init_school(clean_school_setup(**SCHOOL))
    return folder / DB_FILENAME


@pytest.fixture
def school_dir(tmp_path: Path, school_template: Path) -> Path:
    folder = tmp_path / "school"
    folder.mkdir()
    shutil.copyfile(school_template, folder / DB_FILENAME)
    return folder


@pytest.fixture
def school_ctx(school_dir: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(school_dir)
    yield ctx
    ctx.close()
