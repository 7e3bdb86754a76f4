"""Power cuts and full disks: an import killed at any point leaves all or nothing; an export that runs out
of space leaves nothing under the bundle's name."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sync_support import fp, make_district, make_school

from kaplc_desktop.errors import KaplcError

ROOT = Path(__file__).resolve().parent.parent
STAFF = 2500


def personnel_count(folder: Path) -> int:
    conn = sqlite3.connect(folder / "kaplc.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM personnel").fetchone()[0]
    finally:
        conn.close()


def test_import_killed_at_random_points_is_all_or_nothing(tmp_path: Path) -> None:
    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=STAFF)
    (tmp_path / "usb").mkdir()
    bundle = school.sync.export_bundle(tmp_path / "usb").path
    fingerprint = fp(school)
    school.close()
    district.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(tmp_path / "district", pristine)
    command = [
        sys.executable,
        "-m",
        "kaplc_desktop.cli.main",
        "--data-dir",
        str(tmp_path / "district"),
        "bundle",
        "import",
        str(bundle),
        "--trust",
        fingerprint,
    ]
    rng = random.Random(7)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    full_run = time.perf_counter() - start
    # start again from an empty district for each kill
    seen = set()
    for attempt in range(6):
        folder = tmp_path / f"d{attempt}"
        shutil.copytree(pristine, folder)
        cmd = [*command]
        cmd[cmd.index("--data-dir") + 1] = str(folder)
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, full_run * 1.1))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        count = personnel_count(folder)
        assert count in (0, STAFF)
        seen.add(count)
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)  # importing again then succeeds
        assert personnel_count(folder) == STAFF
    assert seen  # at least one kill landed; which side depends on timing


def test_export_onto_a_full_disk_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplc_desktop.sync import writer

    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=50)
    usb = tmp_path / "usb"
    usb.mkdir()
    real_write = writer._Tee.write

    def full(self, data: bytes) -> int:  # type: ignore[no-untyped-def]
        if self.size + len(data) > 3000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(writer._Tee, "write", full)
    with pytest.raises(KaplcError) as err:
        school.sync.export_bundle(usb)
    assert "พื้นที่" in err.value.message or "ดิสก์" in err.value.message
    assert list(usb.iterdir()) == []
    assert school.sync.outbox() == []
    monkeypatch.undo()
    written = school.sync.export_bundle(usb)
    assert written.manifest.sequence == 1  # the failed attempt did not use up a sequence number
    school.close()
    district.close()
