"""Importing a district's year of bundles (issue 14): the demo district of KAPLC_BENCH_SCHOOLS schools (200 by
default; made once per count and seed, with its bundles kept) replayed into the district as it was before its first
bundle, on SQLite and on PostgreSQL (a throwaway server from the machine's binaries, as the tests start one;
skipped when there are none). For each database:
- row throughput: the import's rows per second against raw executemany of the rows it wrote, into the same tables
  of another copy, in the same run (target ≥ 1/3 of raw); raw is timed with the foreign keys unchecked (a bare
  connection's default) and again checked, as the app's connections do;
- the fixed cost per bundle: bundles of one record each, imported after the year's (target ≤ 10 ms);
- the importing process's peak memory (VmHWM, the interpreter and libraries included; target ≤ 200 MB).
Prints figures and ratios, never pass/fail.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench_support import ROOT

sys.path.insert(0, str(ROOT / "tests"))

Wanted = dict[str, tuple[list[str], list[tuple[Any, ...]]]]  # table → its columns and rows
TINY_BUNDLES = 60
RAW_RUNS = 3
SKIPPED = ("alembic_version",)

# imports the bundles of a folder in a process of its own: its peak memory is the import's alone
CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from kaplc_desktop.context import AppContext
folder, inbox, trust = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]).read_text().split()
with AppContext.open(folder) as ctx:
    sync = ctx.sync  # its modules loaded: the app's start, not the import, pays for them
    start = time.perf_counter()
    outcomes = sync.import_bundles([inbox], dry_run=False, trust=trust)
    seconds = time.perf_counter() - start
results = {{}}
for o in outcomes:
    results[o.result] = results.get(o.result, 0) + 1
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({{"seconds": seconds, "peak_kb": peak, "results": results}}))
"""


def demo_with_bundles(schools: int, seed: int = 1) -> Path:
    """district-before.sqlite3, bundles/*.kaplc and bundles/trust.txt of the demo district (made once)."""
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.demo_district import make_demo_district

    folder = Path(tempfile.gettempdir()) / f"kaplc-bench-district-bundles-{schools}-{seed}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        with AppContext.open(folder / "district", create=True) as ctx:
            make_demo_district(ctx, schools=schools, seed=seed, bundles_to=folder / "bundles")
        (folder / "done").write_text("")
        print(f"import: made {schools} demo schools and kept their bundles in {time.perf_counter() - start:.0f} s")
    return folder


def fresh_sqlite(made: Path, target: Path) -> Path:
    """A data folder holding the district as it was before its first bundle."""
    target.mkdir(parents=True)
    shutil.copyfile(made / "bundles" / "district-before.sqlite3", target / "kaplc.sqlite3")
    return target


# --- the two databases, seen by their own drivers ----------------------------------------------------------


class SqliteSide:
    name = "SQLite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def copy(self, made: Path, name: str) -> Path:
        return fresh_sqlite(made, self.folder / name)

    @contextmanager
    def raw(self, folder: Path) -> Iterator[Any]:
        conn = sqlite3.connect(folder / "kaplc.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        try:
            yield conn
        finally:
            conn.close()

    def tables(self, conn: Any) -> list[str]:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        return sorted(r[0] for r in rows if r[0] not in SKIPPED)

    def count(self, conn: Any, table: str) -> int:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    def rows(self, conn: Any, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        return [d[0] for d in cursor.description], cursor.fetchall()

    def insert_all(self, conn: Any, wanted: Wanted, checked: bool) -> None:
        conn.execute(f"PRAGMA foreign_keys={'ON' if checked else 'OFF'}")
        conn.execute("BEGIN")
        for table in reversed(list(wanted)):
            conn.execute(f'DELETE FROM "{table}"')
        for table, (columns, rows) in wanted.items():
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        conn.execute("COMMIT")


class ServerSide(SqliteSide):
    name = "PostgreSQL"

    def __init__(self, folder: Path, server: Any) -> None:
        super().__init__(folder)
        self.server = server
        self.urls: dict[Path, str] = {}

    def copy(self, made: Path, name: str) -> Path:
        from kaplc_desktop.workspace_move import move_to_server

        folder = fresh_sqlite(made, self.folder / name)
        database = f"kaplc_bench_{name}"
        self.server.execute(f"DROP DATABASE IF EXISTS {database}")
        self.server.execute(f"CREATE DATABASE {database}")
        self.urls[folder] = self.server.url_of(database)
        move_to_server(folder, self.urls[folder])
        return folder

    @contextmanager
    def raw(self, folder: Path) -> Iterator[Any]:
        import psycopg

        with psycopg.connect(self.urls[folder]) as conn:
            yield conn

    def tables(self, conn: Any) -> list[str]:
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        return sorted(r[0] for r in rows if r[0] not in SKIPPED)

    def count(self, conn: Any, table: str) -> int:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    def rows(self, conn: Any, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
                (table,),
            )
        ]
        # every value as PostgreSQL's own text: sent back as it is, the server reads it into the column's type
        texts = ", ".join(f'"{c}"::text' for c in columns)
        return columns, conn.execute(f'SELECT {texts} FROM "{table}"').fetchall()

    def insert_all(self, conn: Any, wanted: Wanted, checked: bool) -> None:
        with conn.transaction():
            if not checked:
                conn.execute("SET LOCAL session_replication_role = replica")  # no foreign-key triggers
            for table in reversed(list(wanted)):
                conn.execute(f'DELETE FROM "{table}"')
            for table, (columns, rows) in wanted.items():
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                conn.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


# --- the measurements ---------------------------------------------------------------------------------------


def _parents_first(tables: Iterable[str]) -> list[str]:
    """The tables in the order their foreign keys allow inserting (deleting goes the other way)."""
    from kaplc_desktop.data import models  # noqa: F401  (every table in the metadata)
    from kaplc_desktop.data.base import Base

    order = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}
    return sorted(tables, key=lambda t: (order.get(t, len(order)), t))


def _raw_seconds(side: SqliteSide, folder: Path, wanted: Wanted, checked: bool) -> float:
    """The median of RAW_RUNS: one run of raw inserts varied by 40 % on a busy machine."""
    samples = []
    with side.raw(folder) as conn:
        for _run in range(RAW_RUNS):
            start = time.perf_counter()
            side.insert_all(conn, wanted, checked)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def import_in_child(folder: Path, inbox: Path, trust: Path) -> dict[str, Any]:
    code = CHILD.format(root=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(inbox), str(trust)], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def tiny_bundles(folder: Path, district_sync: Any, count: int) -> tuple[Path, Path]:
    """`count` bundles of one person each, from schools the district has not met, sealed to its key."""
    import bench_sync

    inbox = folder / "tiny"
    shutil.rmtree(inbox, ignore_errors=True)
    _bundles, fingerprints = bench_sync.school_bundles(folder, district_sync, count, 1, inbox, first_code=90000)
    trust = folder / "tiny-trust.txt"
    trust.write_text("\n".join(fingerprints), encoding="utf-8")
    return inbox, trust


def bench(side: SqliteSide, made: Path, say: Callable[[str], None]) -> dict[str, float]:
    from kaplc_desktop.context import AppContext

    inbox, trust = made / "bundles", made / "bundles" / "trust.txt"
    bundles = len(list(inbox.glob("*.kaplc")))
    target = side.copy(made, "imported")
    with side.raw(target) as conn:
        before = {t: side.count(conn, t) for t in side.tables(conn)}
    result = import_in_child(target, inbox, trust)
    with side.raw(target) as conn:
        after = {t: side.count(conn, t) for t in before}
        written = {t: after[t] - before[t] for t in before if after[t] != before[t]}
        wanted = {t: side.rows(conn, t) for t in written}
    imported_rows = sum(written.values())
    raw_rows = sum(len(rows) for _c, rows in wanted.values())
    wanted = {t: wanted[t] for t in _parents_first(wanted)}
    raw_copy = side.copy(made, "raw")
    raw_s, checked_s = (_raw_seconds(side, raw_copy, wanted, checked) for checked in (False, True))
    ours = imported_rows / result["seconds"]
    raw, checked = raw_rows / raw_s, raw_rows / checked_s
    say(
        f"import ({side.name}): {bundles} bundles {result['results']}, {imported_rows:,} rows into "
        f"{len(written)} tables in {result['seconds']:.1f} s = {ours:,.0f} rows/s; raw executemany of "
        f"{raw_rows:,} rows in {raw_s:.2f} s (median of {RAW_RUNS}) = {raw:,.0f} rows/s; throughput "
        f"{ours / raw:.2f} of raw (target ≥ 0.33)"
    )
    say(
        f"import ({side.name}): raw with the foreign keys checked, as the app's connections do: {checked_s:.2f} s "
        f"= {checked:,.0f} rows/s; throughput {ours / checked:.2f} of that"
    )
    say(f"import ({side.name}): peak memory {result['peak_kb'] / 1024:.0f} MB (target ≤ 200)")
    top = sorted(written.items(), key=lambda kv: -kv[1])[:6]
    say(f"import ({side.name}): most rows: " + ", ".join(f"{t} {n:,}" for t, n in top))
    with AppContext.open(target) as ctx:
        tiny, tiny_trust = tiny_bundles(side.folder, ctx.sync, TINY_BUNDLES)
    small = import_in_child(target, tiny, tiny_trust)
    per_bundle = small["seconds"] / TINY_BUNDLES * 1000
    say(
        f"import ({side.name}): {TINY_BUNDLES} bundles of one record each after the year's: {per_bundle:.1f} ms per "
        f"bundle (target ≤ 10) {small['results']}"
    )
    return {
        f"{side.name}_throughput_of_raw": ours / raw,
        f"{side.name}_peak_mb": result["peak_kb"] / 1024,
        f"{side.name}_fixed_ms": per_bundle,
        f"{side.name}_seconds": result["seconds"],
    }


def main() -> dict[str, float]:
    schools = int(os.environ.get("KAPLC_BENCH_SCHOOLS", "200"))
    made = demo_with_bundles(schools)
    root = Path(tempfile.mkdtemp(prefix="kaplc-bench-import-"))
    root.chmod(0o755)  # a server started as the postgres user reaches its folder inside
    results: dict[str, float] = {}
    try:
        results |= bench(SqliteSide(root / "sqlite"), made, print)
        try:
            from pg_server import start_server

            server = start_server(root / "pg")
        except (ImportError, RuntimeError) as exc:
            print(f"import (PostgreSQL): skipped, no server: {exc}")
            return results
        try:
            results |= bench(ServerSide(root / "server", server), made, print)
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return results


if __name__ == "__main__":
    main()
