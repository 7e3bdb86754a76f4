"""A district upgraded from the first version still imports the bundles its schools made with it (format 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from kaplc_desktop.context import AppContext
from kaplc_desktop.sync.container import read_header
from kaplc_desktop.sync.keys import fingerprint_of_key_id

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "v1"
ERASED = "8e7397c4-134d-4045-be9b-dfd3588058e7"


def test_a_format_1_bundle_imports_into_an_upgraded_district(tmp_path: Path) -> None:
    folder = tmp_path / "district"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "district-rev0004.sqlite3", folder / "kaplc.sqlite3")
    bundle = tmp_path / "school.kaplc"
    shutil.copyfile(FIXTURES / "school-full-format1.kaplc", bundle)
    with open(bundle, "rb") as fh:
        header, _ = read_header(fh)
    assert header.format == 1
    with AppContext.open(folder) as ctx:
        assert ctx.db.upgraded_from == "0004" and ctx.db.backup_path is not None
        outcome = ctx.sync.import_bundles([bundle], dry_run=False, trust=[fingerprint_of_key_id(header.sender_key_id)])[
            0
        ]
        assert outcome.result == "applied", outcome.to_json()
        counts = outcome.plan.counts()
        assert counts["personnel"]["new"] == 2 and counts["erasure"]["new"] == 1
        assert len(ctx.personnel.list()) == 2
        report = ctx.sync.erasure_report()
        assert [(e["target_id"], e["reason"]) for e in report] == [(ERASED, "")]  # format 1 had no reason
