"""A real PostgreSQL server for the tests that run on both databases.

KAPLC_TEST_PG_URL names a server to use (its user may create databases). Otherwise one is started from the
machine's PostgreSQL binaries (Debian's `postgresql` package, which .ci/run installs) into a temporary folder,
listening on a unix socket only, as the `postgres` user when the tests run as root. Each test's district gets a
database of its own, copied from a template already migrated to the head revision.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
from pathlib import Path

TEMPLATE = "kaplc_template"
_counter = itertools.count(1)


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return candidates[-1] if candidates else None


class PgServer:
    def __init__(self, admin_url: str, stop: list[str] | None = None, owner: str | None = None) -> None:
        self.admin_url = admin_url  # a psycopg URL (postgresql://…) to the maintenance database
        self._stop = stop
        self._owner = owner

    def url_of(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url_of(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def make_template(self) -> None:
        """A database migrated to the head revision, copied for each test (migrating takes about a second)."""
        from kaplc_desktop.data.server_schema import ensure_current_on_server
        from kaplc_desktop.data.server_store import ServerStore

        self.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        self.execute(f"CREATE DATABASE {TEMPLATE}")
        store = ServerStore(self.url_of(TEMPLATE))
        try:
            ensure_current_on_server(store)
        finally:
            store.dispose()

    def fresh_database(self) -> str:
        """The URL of a new database holding the app's schema and nothing else."""
        name = f"kaplc_t{os.getpid()}_{next(_counter)}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url_of(name)

    def stop(self) -> None:
        if self._stop:
            subprocess.run(self._stop, check=False, capture_output=True)


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def start_server(root: Path) -> PgServer:
    """Starts a throwaway server in `root` (fsync off: the tests' data is thrown away) or raises RuntimeError."""
    explicit = os.environ.get("KAPLC_TEST_PG_URL")
    if explicit:
        server = PgServer(explicit)
        server.make_template()
        return server
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL's initdb and pg_ctl were not found (Debian: apt-get install postgresql)")
    owner = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        owner = "postgres"
        if subprocess.run(["id", owner], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", owner], check=True, capture_output=True)
    data, sock = root / "data", root / "sock"
    sock.mkdir(parents=True, exist_ok=True)
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sock, owner)
    init = [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]
    done = subprocess.run(_as_owner(init, owner), capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"initdb failed: {done.stderr.strip()}")
    options = f"-k {sock} -c listen_addresses= -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    start = [pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "-t", "60", "start"]
    done = subprocess.run(_as_owner(start, owner), capture_output=True, text=True)
    if done.returncode:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()} {log[-2000:]}")
    stop = _as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], owner)
    server = PgServer(f"postgresql://postgres@/postgres?host={sock}", stop, owner)
    server.make_template()
    return server
