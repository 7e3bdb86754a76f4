"""Shared fixtures: real SQLite files in temporary folders, migrated once and copied per test."""

from __future__ import annotations

import os
import shutil
import subprocess
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


# --- PostgreSQL: the district side of the tests marked both_databases runs on SQLite and on a real server ------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_databases: the district runs on SQLite and on PostgreSQL")
    config.addinivalue_line(
        "markers",
        "sqlite_only: in a both_databases module, a test whose district's database makes no difference (a rule "
        "checked without one, or a case whose server path another test already takes): run once",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marked = metafunc.definition.get_closest_marker
    if "district_db" in metafunc.fixturenames and marked("both_databases") and not marked("sqlite_only"):
        metafunc.parametrize("district_db", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A PostgreSQL server for the session; without one the PostgreSQL cases are skipped, unless KAPLC_REQUIRE_PG=1
    (CI) makes that a failure."""
    from pg_server import start_server

    root = Path(tempfile.mkdtemp(prefix="kaplc-pg-"))
    try:
        server = start_server(root)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        if os.environ.get("KAPLC_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required here (KAPLC_REQUIRE_PG=1): {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def district_db(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Where the tests' districts keep their data: "sqlite" (a file in the folder) or "postgresql" (a fresh
    database on the session's server, linked from the folder as `kaplc --db-url` does)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        import district_store

        monkeypatch.setattr(district_store, "new_district_url", server.fresh_database)
    return backend
