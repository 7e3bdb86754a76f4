"""Sync bundles: export of a large school against plain zipfile; import of 200 school bundles against raw
sqlite3 executemany; re-import; peak memory of importing a large bundle. Prints ratios."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

from bench_support import ROOT

sys.path.insert(0, str(ROOT / "tests"))

STAFF = 150
PHOTO_KB = 2048
SCHOOLS = 200
STAFF_PER_SCHOOL = 30


def _large_school(root: Path):  # type: ignore[no-untyped-def]
    from sync_support import make_district, make_school

    district = make_district(root / "district")
    school = make_school(root / "school", district, staff=STAFF)
    school.ctx.add_demo_photos(seed=1, photo_kb=PHOTO_KB)
    return district, school


def bench_export(root: Path, school) -> tuple[float, float, Path]:  # type: ignore[no-untyped-def]
    from kaplc_desktop import attachment_store
    from kaplc_desktop.data import sync_repository as repo
    from kaplc_desktop.sync.kinds import all_kinds, encode_row

    spec = all_kinds()["personnel"]
    with school.ctx.db.engine.connect() as conn:
        rows = [encode_row(spec, r) for r in repo.export_rows(conn, spec.table)]
    lines = b"".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode() + b"\n" for r in rows
    )
    shas = sorted({r["photo_sha256"] for r in rows if r["photo_sha256"]})
    plain_dir, ours_dir = root / "plain", root / "ours"
    timings: dict[str, list[float]] = {"plain": [], "ours": []}
    written = None
    for _attempt in range(3):
        for d in (plain_dir, ours_dir):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir()
        start = time.perf_counter()
        with zipfile.ZipFile(plain_dir / "plain.zip", "w") as zf:
            zf.writestr(zipfile.ZipInfo("data/personnel.jsonl"), lines, zipfile.ZIP_DEFLATED)
            for sha in shas:
                zf.write(attachment_store.path_for(school.ctx.data_dir, sha), f"attachments/{sha}", zipfile.ZIP_STORED)
        timings["plain"].append(time.perf_counter() - start)
        start = time.perf_counter()
        written = school.sync.export_bundle(ours_dir, full=True)
        timings["ours"].append(time.perf_counter() - start)
    plain, ours = min(timings["plain"]), min(timings["ours"])
    size = written.size / 2**20  # type: ignore[union-attr]
    print(
        f"export: {STAFF} staff + {len(shas)} photos = {size:.0f} MB; bundle {ours:.2f} s, plain zipfile "
        f"{plain:.2f} s, ratio {ours / plain:.2f}x (target <= 1.5x)"
    )
    return ours, plain, written.path  # type: ignore[union-attr]


def school_bundles(
    root: Path, district_sync: Any, schools: int, staff: int, folder: Path, first_code: int = 1
) -> tuple[list[Path], list[str]]:
    """Bundles from generated schools (`staff` people each), each signed with its own key, sealed to the district
    (code 9002); with their keys' fingerprints."""
    from kaplc_desktop import __version__
    from kaplc_desktop.data.migrations import HEAD_REVISION
    from kaplc_desktop.services.demo_data import demo_staff
    from kaplc_desktop.sync.keys import KeyPair
    from kaplc_desktop.sync.kinds import all_kinds, encode_row
    from kaplc_desktop.sync.writer import BundleContent, build_payload, seal_payload

    spec = all_kinds()["personnel"]
    district_keys = next(iter(district_sync.all_keys().values()))
    now = dt.datetime.now(dt.UTC)
    folder.mkdir()
    bundles: list[Path] = []
    fingerprints: list[str] = []
    for i in range(schools):
        code = f"10900{first_code + i:05d}"
        keys = KeyPair.generate()
        db_id = str(uuid.uuid4())
        rows = []
        for n, draft in enumerate(demo_staff(staff, seed=i)):
            values = draft.as_dict() | {
                "learning_areas": list(draft.learning_areas),
                "photo_sha256": None,
                "id": str(uuid.uuid4()),
                "owner_code": code,
                "version_db": db_id,
                "version_counter": n + 1,
                "version_vector": {db_id: n + 1},
                "created_at": now,
                "updated_at": now,
                "deleted_at": None,
            }
            rows.append(encode_row(spec, values))
        fields = {
            "bundle_id": str(uuid.uuid4()),
            "bundle_kind": "full",
            "sender_code": code,
            "sender_kind": "school",
            "sender_db_id": db_id,
            "sender_max_counter": staff,
            "sender_keys": {
                "sign": base64.b64encode(keys.public.sign_public).decode(),
                "box": base64.b64encode(keys.public.box_public).decode(),
            },
            "receiver_code": "9002",
            "sequence": 1,
            "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "app_version": __version__,
            "schema_revision": HEAD_REVISION,
            "base": None,
            "receipt": None,
            "restore": None,
            "rotation": None,
        }
        payload, _manifest = build_payload(
            root / "tmp", BundleContent({"personnel": rows, "erasure": []}, set()), root, fields, keys, _no_progress()
        )
        target = folder / f"{code}.kaplc"
        seal_payload(
            payload,
            target,
            {
                "bundle_kind": "full",
                "sender_code": code,
                "sender_kind": "school",
                "sender_key_id": keys.key_id,
                "receiver_code": "9002",
                "receiver_key_id": district_keys.key_id,
            },
            district_keys.public,
        )
        payload.unlink()
        bundles.append(target)
        fingerprints.append(keys.public.fingerprint)
    return bundles, fingerprints


def _no_progress():  # type: ignore[no-untyped-def]
    from kaplc_desktop.progress import NO_PROGRESS

    return NO_PROGRESS


def _raw_baseline(root: Path, district_db: Path, rows: list[tuple]) -> float:
    """The same rows inserted with raw sqlite3 executemany in one transaction, into a copy of the schema."""
    copy = root / "raw.sqlite3"
    shutil.copyfile(district_db, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("DELETE FROM personnel")
    placeholders = ", ".join("?" * len(rows[0]))
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO personnel VALUES ({placeholders})", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench_import(root: Path, district) -> None:  # type: ignore[no-untyped-def]
    bundles, fingerprints = school_bundles(root, district.sync, SCHOOLS, STAFF_PER_SCHOOL, root / "inbox")
    db_path = district.ctx.db.file
    start = time.perf_counter()
    outcomes = district.sync.import_bundles([root / "inbox"], dry_run=False, trust=fingerprints)
    first = time.perf_counter() - start
    assert all(o.result == "applied" for o in outcomes)
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT * FROM personnel").fetchall()
    logged = conn.execute("SELECT count(*) FROM sync_imports").fetchone()[0]
    conn.close()
    raw = _raw_baseline(root, db_path, rows)
    start = time.perf_counter()
    again = district.sync.import_bundles([root / "inbox"], dry_run=False)
    second = time.perf_counter() - start
    assert all(o.result == "already-imported" for o in again)
    conn = sqlite3.connect(db_path)
    logged_after = conn.execute("SELECT count(*) FROM sync_imports").fetchone()[0]
    count_after = conn.execute("SELECT count(*) FROM personnel").fetchone()[0]
    conn.close()
    print(
        f"import: {len(bundles)} bundles, {len(rows)} rows in {first:.2f} s ({first / len(bundles) * 1000:.1f} ms "
        f"per bundle); raw executemany {raw:.3f} s; ratio {first / raw:.1f}x (target <= 3x)"
    )
    print(
        f"re-import: {second:.2f} s = {second / first:.2f}x the first import (target <= 0.3x); rows written: "
        f"{logged_after - logged} log rows, {count_after - len(rows)} records"
    )


def bench_memory(bundle: Path, root: Path, fingerprint: str) -> None:
    """Peak memory of a child process importing the large bundle into a fresh copy of the district."""
    target = root / "district-memory"
    shutil.copytree(root / "district-pristine", target)
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from kaplc_desktop.cli.main import main\n"
        f"rc = main(['--data-dir', {str(target)!r}, 'bundle', 'import', {str(bundle)!r}, '--trust', {fingerprint!r}])\n"
        # VmHWM is this process's own peak; ru_maxrss would carry the parent's peak across fork+exec
        "peak = next((int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')), None)\n"
        "print(peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)\n"
    )
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    peak_mb = int(result.stdout.strip().splitlines()[-1]) / 1024
    size = bundle.stat().st_size / 2**20
    print(
        f"memory: importing a {size:.0f} MB bundle peaked at {peak_mb:.0f} MB (target <= 200 MB), {elapsed:.1f} s, "
        f"exit {result.returncode}"
    )


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="kaplc-bench-sync-"))
    try:
        district, school = _large_school(root)
        district.close()
        shutil.copytree(root / "district", root / "district-pristine")
        from sync_support import open_side

        _ours, _plain, bundle = bench_export(root, school)
        fingerprint = school.sync.keys_info()["fingerprint"]
        school.close()
        bench_memory(bundle, root, fingerprint)
        district = open_side(root / "district")
        bench_import(root, district)
        district.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
