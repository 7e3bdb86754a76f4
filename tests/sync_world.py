"""A district and a school used end to end through `kaplc --data-dir …`, as people use them (shared by the
scenario tests of every synced kind)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from district_store import folder_rows
from sync_support import (
    SCHOOL_CODE,
    decrypt_payload,
    fp,
    make_district,
    make_school,
    open_side,
    reseal,
    resign,
    rewrite_zip,
)

from kaplc_desktop.cli.main import main


class World:
    """A district and a school, each a data folder used through `kaplc --data-dir …`."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root, self.capsys = root, capsys
        district = make_district(root / "district")
        school = make_school(root / "school", district, staff=6)
        self.school_fp = fp(school)
        school.close()
        district.close()
        self.usb = root / "usb"
        self.usb.mkdir()
        self.n = 0

    def kaplc(self, side: str, *args: str, expect: int = 0) -> str:
        code = main(["--data-dir", str(self.root / side), *args])
        out, err = self.capsys.readouterr()
        assert code == expect, (args, out, err)
        return out + err

    def json(self, side: str, *args: str) -> object:
        return json.loads(self.kaplc(side, *args, "--json"))

    def school_bundle(self, *extra: str) -> Path:
        self.n += 1
        folder = self.usb / f"s{self.n}"
        folder.mkdir()
        self.kaplc("school", "bundle", "export", "--out", str(folder), *extra)
        return next(folder.glob("*.kaplc"))

    def district_import(self, bundle: Path, *extra: str, expect: int = 0) -> dict:  # type: ignore[type-arg]
        code = main(["--data-dir", str(self.root / "district"), "bundle", "import", str(bundle), "--json", *extra])
        out, err = self.capsys.readouterr()
        assert code == expect, (out, err)
        return json.loads(out)[0]

    def feedback_to_school(self) -> None:
        self.n += 1
        folder = self.usb / f"f{self.n}"
        folder.mkdir()
        self.kaplc("district", "bundle", "feedback", "--school", SCHOOL_CODE, "--out", str(folder))
        self.kaplc("school", "bundle", "import", str(next(folder.glob("*.kaplc"))))

    def people(self, side: str) -> dict[str, tuple]:  # type: ignore[type-arg]
        rows = folder_rows(self.root / side, "SELECT id, first_name_th, subject, deleted_at FROM personnel")
        return {r[0]: r for r in rows}

    def count(self, side: str, sql: str) -> int:
        return folder_rows(self.root / side, sql)[0][0]  # type: ignore[no-any-return]


def started_world(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> World:
    """A district that took the school's first bundle (fingerprint confirmed) and sent its feedback back."""
    w = World(tmp_path, capsys)
    w.district_import(w.school_bundle(), "--trust", w.school_fp)
    w.feedback_to_school()
    return w


def edit_payload(world: World, bundle: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """The school's own bundle, changed and signed again with the school's key under a new bundle id (a hostile
    school)."""
    import uuid

    def renamed(manifest):  # type: ignore[no-untyped-def]
        manifest["bundle_id"] = str(uuid.uuid4())

    root = world.root / "forge"
    root.mkdir(exist_ok=True)
    district, school = open_side(world.root / "district"), open_side(world.root / "school")
    try:
        payload = decrypt_payload(bundle, district, root / "payload.zip")
        zipped = rewrite_zip(payload, root / "edited.zip", edit)
        signed = resign(zipped, school, root / "signed.zip", edit_manifest=renamed)
        return reseal(signed, bundle, district, root / f"forged-{bundle.name}")
    finally:
        district.close()
        school.close()
