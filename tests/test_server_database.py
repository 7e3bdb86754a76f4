"""The district's database on a server shared by its staff: two imports started at once on two machines, an
import killed half-way, and the ways a server address can be wrong — each end to end through `kaplc`.

The tests marked both_databases run on SQLite too, where one process holds a data folder at a time."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from district_store import folder_rows
from sync_support import ESA, fp, make_district, make_school

from kaplc_desktop.cli.main import main
from kaplc_desktop.server_link import read_link, save_link

ROOT = Path(__file__).resolve().parent.parent
SCHOOLS = ("1090050011", "1090050012", "1090050013")
STAFF = 30


def kaplc_command(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kaplc_desktop.cli.main", "--data-dir", str(folder), *args]


def district_with_bundles(tmp_path: Path, staff: int = STAFF) -> tuple[Path, Path, list[str]]:
    """A district that knows three schools, and a folder holding one bundle of each (not imported yet)."""
    district = make_district(tmp_path / "district")
    usb = tmp_path / "usb"
    usb.mkdir()
    fingerprints = []
    for code in SCHOOLS:
        school = make_school(tmp_path / code, district, code=code, staff=staff)
        school.sync.export_bundle(usb)
        fingerprints.append(fp(school))
        school.close()
    district.close()
    return tmp_path / "district", usb, fingerprints


def second_machine(tmp_path: Path, first: Path) -> Path:
    """Another member of staff's data folder, on the same server database (SQLite: the same folder)."""
    url = read_link(first)
    if url is None:
        return first
    other = tmp_path / "district-b"
    save_link(other, url)
    return other


@pytest.mark.both_databases
def test_two_imports_started_at_once_apply_each_bundle_once(tmp_path: Path, district_db: str) -> None:
    first, usb, fingerprints = district_with_bundles(tmp_path)
    other = second_machine(tmp_path, first)
    trust = [arg for f in fingerprints for arg in ("--trust", f)]
    children = [
        subprocess.Popen(
            kaplc_command(folder, "bundle", "import", str(usb), "--json", *trust),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, other)
    ]
    results = [(c.wait(timeout=300), *c.communicate()) for c in children]
    applied: dict[str, int] = {}
    for code, out, err in results:
        if code != 0:  # SQLite: the folder is in use by the other process, which imports everything
            assert district_db == "sqlite" and "ใช้งาน" in err, (code, out, err)
            continue
        for outcome in json.loads(out):
            assert outcome["result"] in ("applied", "already-imported"), outcome
            applied[Path(outcome["file"]).name] = applied.get(Path(outcome["file"]).name, 0) + (
                outcome["result"] == "applied"
            )
    assert sorted(applied.values()) == [1, 1, 1]  # each bundle applied by exactly one of the two
    people = folder_rows(first, "SELECT owner_code, count(*) FROM personnel GROUP BY owner_code ORDER BY 1")
    assert people == [(code, STAFF) for code in SCHOOLS]
    logged = folder_rows(first, "SELECT count(*) FROM sync_imports WHERE result = 'applied'")
    assert logged == [(3,)]


def test_an_import_killed_half_way_on_the_server_leaves_nothing_half_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_server: object
) -> None:
    import district_store

    monkeypatch.setattr(district_store, "new_district_url", pg_server.fresh_database)  # type: ignore[attr-defined]
    first, usb, fingerprints = district_with_bundles(tmp_path, staff=400)
    bundle = sorted(usb.glob("*.kaplc"))[0]
    command = kaplc_command(first, "bundle", "import", str(bundle), "--trust", fingerprints[0])
    count_sql = "SELECT count(*) FROM personnel"
    rng = random.Random(11)
    start = time.perf_counter()
    probe = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    os.kill(probe.pid, signal.SIGKILL)
    probe.wait()
    elapsed = time.perf_counter() - start
    seen = {folder_rows(first, count_sql)[0][0]}
    for _attempt in range(4):
        if seen == {400}:
            break
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, max(elapsed, 1.5)))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        seen.add(folder_rows(first, count_sql)[0][0])
    assert seen <= {0, 400}, seen  # all or nothing, whenever the process died
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # importing again then succeeds
    assert folder_rows(first, count_sql) == [(400,)]
    assert folder_rows(first, "SELECT count(*) FROM sync_imports WHERE result = 'applied'") == [(1,)]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


def test_a_server_that_is_not_there_is_said_in_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://kaplc@/kaplc?host={tmp_path / 'no-server'}"
    folder = tmp_path / "district"
    code, said = run(capsys, "--data-dir", str(folder), "--db-url", url, "init", "district", "--esa-code", ESA,
                     "--esa-name", "สพป.สงขลา เขต 2")  # fmt: skip
    assert code != 0
    assert "เปิดฐานข้อมูลบนเซิร์ฟเวอร์" in said and "postgresql://kaplc@/kaplc" in said and "Traceback" not in said
    assert not (folder / "server.json").exists()  # nothing remembered of a set-up that did not happen


def test_an_address_that_is_not_postgresql_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run(capsys, "--data-dir", str(tmp_path / "d"), "--db-url", "mysql://root@server/kaplc", "info")
    assert code != 0 and "postgresql://" in said and "Traceback" not in said


def test_a_damaged_link_is_an_error_not_an_empty_local_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "district"
    folder.mkdir()
    (folder / "server.json").write_text("{not json", encoding="utf-8")
    code, said = run(capsys, "--data-dir", str(folder), "info")
    assert code != 0 and "server.json" in said and "server connect" in said
    (folder / "server.json").write_text('{"db_url": "  "}', encoding="utf-8")  # emptied: not "this computer"
    code, said = run(capsys, "--data-dir", str(folder), "info")
    assert code != 0 and "server.json" in said
    assert not (folder / "kaplc.sqlite3").exists()


def test_the_link_is_kept_by_the_folder_and_the_password_is_never_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_server.fresh_database()).set(password="s3cret-พาส").render_as_string(hide_password=False)  # type: ignore[attr-defined]
    folder = tmp_path / "district"
    code, said = run(capsys, "--data-dir", str(folder), "--db-url", url, "init", "district", "--esa-code", ESA,
                     "--esa-name", "สพป.สงขลา เขต 2")  # fmt: skip
    assert code == 0, said
    assert read_link(folder) == url
    if os.name == "posix":
        assert (folder / "server.json").stat().st_mode & 0o077 == 0  # only its owner may read the password
    code, said = run(capsys, "--data-dir", str(folder), "info")  # no --db-url: the folder remembers
    assert code == 0 and "สพป.สงขลา เขต 2" in said
    assert "s3cret" not in said and "postgresql://" in said
    assert not (folder / "kaplc.sqlite3").exists()


def test_a_database_holding_something_else_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    name = url.rsplit("/", 1)[1].split("?")[0]
    pg_server.execute("DROP TABLE alembic_version", database=name)  # type: ignore[attr-defined]
    code, said = run(capsys, "--data-dir", str(tmp_path / "d"), "--db-url", url, "info")
    assert code != 0 and "ไม่ใช่ฐานข้อมูล KA-PLC" in said
    # another program's Alembic history (its own revision, or one that looks like ours), and nothing of KA-PLC's
    other = pg_server.fresh_database()  # type: ignore[attr-defined]
    other_name = other.rsplit("/", 1)[1].split("?")[0]
    for table in ("workspace", "db_meta"):
        pg_server.execute(f"DROP TABLE {table} CASCADE", database=other_name)  # type: ignore[attr-defined]
    for version in ("abc123def", "0010"):
        pg_server.execute(f"UPDATE alembic_version SET version_num = '{version}'", database=other_name)  # type: ignore[attr-defined]
        code, said = run(capsys, "--data-dir", str(tmp_path / f"o{version}"), "--db-url", other, "info")
        assert code != 0 and "ไม่ใช่ฐานข้อมูล KA-PLC" in said, said


def test_a_server_workspace_is_backed_up_by_the_server_not_by_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    folder = tmp_path / "district"
    code, said = run(capsys, "--data-dir", str(folder), "--db-url", pg_server.fresh_database(), "init", "district",  # type: ignore[attr-defined]
                     "--esa-code", ESA, "--esa-name", "สพป.สงขลา เขต 2")  # fmt: skip
    assert code == 0, said
    (tmp_path / "b").mkdir()
    code, said = run(capsys, "--data-dir", str(folder), "backup", "create", "--out", str(tmp_path / "b"))
    assert code != 0 and "pg_dump" in said
    assert not any((tmp_path / "b").iterdir())


@pytest.mark.both_databases
def test_numbers_too_big_for_the_database_are_rejected_rows_never_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forged bundle whose version numbers do not fit a 32-bit column (PostgreSQL's integer; SQLite would have
    kept them) loses those rows, the same way on both databases."""
    from sync_world import edit_payload, started_world

    world = started_world(tmp_path, capsys)
    bundle = world.school_bundle("--full")

    def huge(name: str, data: bytes) -> list[tuple[str, bytes, None]]:
        if name != "data/personnel.jsonl":
            return [(name, data, None)]
        rows = [json.loads(line) for line in data.splitlines()]
        for row in rows[:2]:
            row["version_counter"] = 2**40
            row["version_vector"] = {row["version_db"]: 2**40}
        return [(name, b"".join(json.dumps(r).encode() + b"\n" for r in rows), None)]

    outcome = world.district_import(edit_payload(world, bundle, huge))
    assert outcome["result"] == "applied"
    assert outcome["counts"]["personnel"]["rejected"] == 2
    assert any("version_counter" in r["reason"] for r in outcome["rejected"])
    assert world.count("district", "SELECT max(version_counter) FROM personnel") < 2**31


def test_files_added_on_one_computer_are_taken_from_the_server_on_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_server: object
) -> None:
    import district_store

    from kaplc_desktop import attachment_store
    from kaplc_desktop.context import AppContext

    monkeypatch.setattr(district_store, "new_district_url", pg_server.fresh_database)  # type: ignore[attr-defined]
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, code=SCHOOLS[0], staff=3)
    school.ctx.add_demo_photos(seed=1, photo_kb=20)
    bundle = school.sync.export_bundle(tmp_path / "usb").path
    district.sync.import_bundles([bundle], dry_run=False, trust=[fp(school)])
    photos = {p.photo_sha256 for p in school.ctx.personnel.list()}
    school.close()
    district.close()
    assert len(photos) == 3 and all(attachment_store.has(tmp_path / "district", sha) for sha in photos)

    other = second_machine(tmp_path, tmp_path / "district")
    with AppContext.open(other) as ctx:
        shas = {p.photo_sha256 for p in ctx.personnel.list(owner_code=SCHOOLS[0])}
        assert shas == photos
        assert not any((other / "attachments" / sha[:2] / sha).exists() for sha in shas)
        for sha in shas:
            path = attachment_store.path_for(other, sha)  # as the PDF of a person or a portfolio asks for it
            assert path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha
    # bytes changed on the server are never taken for the file they claim to be
    third = tmp_path / "district-c"
    save_link(third, read_link(other))
    victim = sorted(photos)[0]
    district_store.folder_execute(third, "UPDATE attachment_contents SET content = ? WHERE sha256 = ?", (b"x", victim))
    with AppContext.open(third):
        assert not attachment_store.has(third, victim)
        assert attachment_store.has(third, sorted(photos)[1])
    assert not attachment_store.has(third, victim)  # closed: this folder no longer asks the server


def test_a_district_that_began_on_one_computer_moves_to_the_server_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    from kaplc_desktop.context import AppContext

    district = make_district(tmp_path / "district")  # SQLite: district_db is "sqlite" here
    school = make_school(tmp_path / "school", district, code=SCHOOLS[0], staff=5)
    school.ctx.add_demo_photos(seed=2, photo_kb=10)
    district.sync.import_bundles([school.sync.export_bundle(tmp_path / "usb").path], dry_run=False, trust=[fp(school)])
    before = {t: folder_rows(tmp_path / "district", f'SELECT count(*) FROM "{t}"')[0][0] for t in MOVED_TABLES}
    db_id, key = district.ctx.db.db_id, district.sync.keys_info()["fingerprint"]
    district.close()
    url = pg_server.fresh_database()  # type: ignore[attr-defined]

    code, said = run(capsys, "--data-dir", str(tmp_path / "district"), "server", "move", url)
    assert code == 0, said
    assert not (tmp_path / "district" / "kaplc.sqlite3").exists()
    assert list((tmp_path / "district").glob("kaplc.sqlite3.moved-to-server-*"))
    assert read_link(tmp_path / "district") == url
    after = {t: folder_rows(tmp_path / "district", f'SELECT count(*) FROM "{t}"')[0][0] for t in MOVED_TABLES}
    assert after == before and after["personnel"] == 5
    with AppContext.open(tmp_path / "district") as ctx:  # the same district to its schools: id and key
        assert ctx.db.db_id == db_id and ctx.sync.keys_info()["fingerprint"] == key
    photos = folder_rows(tmp_path / "district", "SELECT count(*) FROM attachment_contents")
    assert photos == [(5,)]  # the files too, for the other staff's computers
    # the school's next bundle follows on from the last one the district had before the move
    person = school.ctx.personnel.list()[0]
    school.ctx.personnel.set_photo(person.id, None)
    later = school.sync.export_bundle(tmp_path / "usb2").path
    school.close()
    with AppContext.open(tmp_path / "district") as ctx:
        outcome = ctx.sync.import_bundles([later], dry_run=False)[0]
        assert outcome.result == "applied" and not outcome.plan.warnings
    code, said = run(capsys, "--data-dir", str(tmp_path / "district"), "server", "move", url)
    assert code != 0 and "เซิร์ฟเวอร์" in said and "password" not in said


MOVED_TABLES = ("personnel", "sync_peers", "sync_state", "sync_local_keys", "sync_imports", "attachments", "workspace")


def test_another_member_of_staff_connects_a_folder_to_the_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    empty = tmp_path / "empty-first"
    code, said = run(capsys, "--data-dir", str(empty), "server", "connect", url)
    assert code != 0 and "ยังไม่มีพื้นที่ทำงาน" in said and not (empty / "server.json").exists()
    code, said = run(capsys, "--data-dir", str(tmp_path / "a"), "--db-url", url, "init", "district", "--esa-code",
                     ESA, "--esa-name", "สพป.สงขลา เขต 2")  # fmt: skip
    assert code == 0, said
    code, said = run(capsys, "--data-dir", str(tmp_path / "b"), "server", "connect", url)
    assert code == 0 and "สพป.สงขลา เขต 2" in said, said
    code, said = run(capsys, "--data-dir", str(tmp_path / "b"), "info", "--json")
    assert code == 0 and json.loads(said)["esa_code"] == ESA
    own = make_district(tmp_path / "own")  # a folder with a workspace of its own is not hidden behind a link
    own.close()
    code, said = run(capsys, "--data-dir", str(tmp_path / "own"), "server", "connect", url)
    assert code != 0 and not (tmp_path / "own" / "server.json").exists()


def test_the_driver_loads_without_pythons_ssl_as_in_the_frozen_app(tmp_path: Path) -> None:
    """The installed app ships no `ssl` module (no OpenSSL of Python's own); psycopg imports it, and asyncio must
    still see that there is none."""
    script = (
        "import sys; sys.modules['ssl'] = None\n"  # as if it were not there: import ssl raises ImportError
        "from kaplc_desktop.cli.main import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'd')!r}, '--db-url', "
        f"'postgresql://kaplc@/kaplc?host={tmp_path / 'none'}', 'info'])\n"
        "import asyncio.sslproto, psycopg; assert asyncio.sslproto.ssl is None, 'asyncio saw a stand-in ssl'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "เปิดฐานข้อมูลบนเซิร์ฟเวอร์" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.both_databases
def test_nan_in_a_bundle_row_is_a_rejected_row_on_both_databases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python reads NaN, Infinity and 1e400 as numbers; JSON has none of them, and a server's JSON column refused
    the parked copy, failing the whole import."""
    from sync_world import edit_payload, started_world

    world = started_world(tmp_path, capsys)
    bundle = world.school_bundle("--full")

    def nan(name: str, data: bytes) -> list[tuple[str, bytes, None]]:
        if name != "data/personnel.jsonl":
            return [(name, data, None)]
        import re

        lines = data.splitlines()
        lines[0] = re.sub(rb'"version_counter": ?\d+', b'"version_counter":NaN', lines[0], count=1)
        lines[1] = re.sub(rb'"version_counter": ?\d+', b'"version_counter":1e400', lines[1], count=1)
        assert b"NaN" in lines[0] and b"1e400" in lines[1]
        return [(name, b"\n".join(lines) + b"\n", None)]

    outcome = world.district_import(edit_payload(world, bundle, nan))
    assert outcome["result"] == "applied"
    assert outcome["counts"]["personnel"]["rejected"] == 2


def test_addresses_are_never_echoed_with_their_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "d"
    code, said = run(capsys, "--data-dir", str(folder), "--db-url", "postgresq://alice:TopSecret99@db/kaplc", "info")
    assert code != 0 and "TopSecret99" not in said and "postgresq://" in said
    code, said = run(capsys, "--data-dir", str(folder), "--db-url", "postgresql://alice:S3cr@t:/?#pw@/db", "info")
    assert code != 0 and "%40" in said and "Traceback" not in said and "ไม่คาดคิด" not in said
    save_link(folder, "postgresql://alice:S3cr%40t@/pwdb?host=/nowhere")
    code, said = run(capsys, "--data-dir", str(folder), "server", "move", "postgresql://alice:x@/other")
    assert code != 0 and "S3cr" not in said and "***" in said


def test_a_school_never_opens_a_server_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pg_server: object
) -> None:
    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    code, said = run(capsys, "--data-dir", str(tmp_path / "s"), "--db-url", url, "init", "school", "--code",
                     "1090050001", "--name", "โรงเรียนบ้านทดสอบ", "--esa", "สพป.สงขลา เขต 2")  # fmt: skip
    assert code != 0 and "ไม่ต้องใช้" not in said and not (tmp_path / "s" / "server.json").exists()
    school = make_school(tmp_path / "school", make_district(tmp_path / "district"), code=SCHOOLS[0], staff=2)
    school.close()
    monkeypatch.setenv("KAPLC_DB_URL", url)  # a machine-wide setting never hides a folder's own data
    code, said = run(capsys, "--data-dir", str(tmp_path / "school"), "info")
    assert code != 0 and "server move" in said


def test_setting_up_on_a_server_that_holds_a_district_links_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    args = ["init", "district", "--esa-code", ESA, "--esa-name", "สพป.สงขลา เขต 2"]
    assert run(capsys, "--data-dir", str(tmp_path / "a"), "--db-url", url, *args)[0] == 0
    code, said = run(capsys, "--data-dir", str(tmp_path / "b"), "--db-url", url, *args)
    assert code != 0 and "server connect" in said
    assert not (tmp_path / "b" / "server.json").exists()


def test_a_user_who_may_only_read_can_look_but_not_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pg_server: object
) -> None:
    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    assert run(capsys, "--data-dir", str(tmp_path / "a"), "--db-url", url, "init", "district", "--esa-code", ESA,
               "--esa-name", "สพป.สงขลา เขต 2")[0] == 0  # fmt: skip
    name = url.rsplit("/", 1)[1].split("?")[0]
    server = pg_server  # type: ignore[assignment]
    server.execute("DROP ROLE IF EXISTS kaplc_reader")  # type: ignore[attr-defined]
    server.execute("CREATE ROLE kaplc_reader LOGIN")  # type: ignore[attr-defined]
    server.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO kaplc_reader", database=name)  # type: ignore[attr-defined]
    reader = url.replace("postgres@", "kaplc_reader@")
    code, said = run(capsys, "--data-dir", str(tmp_path / "r"), "--db-url", reader, "info")
    assert code == 0 and "สพป.สงขลา เขต 2" in said, said
    code, said = run(capsys, "--data-dir", str(tmp_path / "r"), "--db-url", reader, "district", "settings", "set",
                     "--year", "2569", "--plc-hours", "40")  # fmt: skip
    assert code != 0 and "ไม่คาดคิด" not in said, said


def test_staff_making_the_districts_first_key_at_once_get_one_key(tmp_path: Path, pg_server: object) -> None:
    url = pg_server.fresh_database()  # type: ignore[attr-defined]
    assert main(["--data-dir", str(tmp_path / "f0"), "--db-url", url, "init", "district", "--esa-code", ESA,
                 "--esa-name", "สพป.สงขลา เขต 2"]) == 0  # fmt: skip
    for n in range(1, 5):
        save_link(tmp_path / f"f{n}", url)
    children = [
        subprocess.Popen(
            kaplc_command(tmp_path / f"f{n}", "keys", "enrollment-export", str(tmp_path / f"e{n}.json")),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(1, 5)
    ]
    assert all(c.wait(timeout=120) == 0 for c in children)
    assert folder_rows(tmp_path / "f1", "SELECT count(*) FROM sync_local_keys") == [(1,)]
    keys = {json.loads((tmp_path / f"e{n}.json").read_text(encoding="utf-8"))["key_id"] for n in range(1, 5)}
    assert len(keys) == 1
