"""Bugs found by the bundle fuzzer (tests/test_sync_fuzz.py, scripts/fuzz_bundles.py), one minimal reproducer each.

Each was a crash or a broken invariant of the first version; each test states the behaviour the import must
have, so the bug cannot come back.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bundle_mutations import (
    World,
    attachment_problems,
    build,
    build_world,
    dump_line,
    jsonl,
    snapshot,
)
from sync_support import db_digest


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = build_world(tmp_path_factory.mktemp("findings"))
    yield w
    w.close()


@pytest.fixture
def world(shared: World, tmp_path: Path) -> Iterator[World]:
    """The shared world, with the district put back as it was after each test."""
    yield shared
    shared.reset_district()


def out_dir(world: World, tmp_path: Path) -> Path:
    folder = tmp_path / "mutant"
    folder.mkdir(exist_ok=True)
    return folder


def import_one(world: World, path: Path) -> Any:
    return world.district.sync.import_bundles([path], dry_run=False)[0]


def with_rows(world: World, tmp_path: Path, lines: list[bytes]) -> Path:
    members = dict(world.members)
    members["data/personnel.jsonl"] = b"".join(lines)
    return build(world, out_dir(world, tmp_path), members)  # signed by the school: a hostile valid sender


def rejected(outcome: Any) -> int:
    return outcome.plan.counts()["personnel"]["rejected"]


# --- crashes ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "member,body", [("manifest.json", b"[" * 100_000), ("manifest.sig", b"[" * 2000 + b"]" * 2000)]
)
def test_deeply_nested_manifest_is_refused(world: World, tmp_path: Path, member: str, body: bytes) -> None:
    members = dict(world.members)
    members[member] = body
    path = build(world, out_dir(world, tmp_path), members, signer=None)  # no key needed: not even signed
    before = db_digest(world.district_dir)
    outcome = import_one(world, path)
    assert outcome.result == "refused"
    assert db_digest(world.district_dir) == before


@pytest.mark.parametrize("field", ["sender_code", "receiver_code"])
def test_lone_surrogate_in_header_is_refused(world: World, tmp_path: Path, field: str) -> None:
    path = build(world, out_dir(world, tmp_path), dict(world.members), signer=None, header={field: "\ud800"})
    outcome = import_one(world, path)
    assert outcome.result == "refused"


@pytest.mark.parametrize("case", ["escaped-in-name", "raw-bytes-in-line", "in-id"])
def test_lone_surrogate_in_a_row_is_parked(world: World, tmp_path: Path, case: str) -> None:
    rows = world.rows()
    lines = [dump_line(r) for r in rows]
    if case == "escaped-in-name":
        lines[0] = dump_line(dict(rows[0], first_name_th="ก\udcff"))
    elif case == "in-id":
        lines[0] = dump_line(dict(rows[0], id="\ud800" + rows[0]["id"][1:]))
    else:
        lines[0] = lines[0].replace(b'"first_name_th":"', b'"first_name_th":"\xed\xa0\x80', 1)
    outcome = import_one(world, with_rows(world, tmp_path, lines))
    assert outcome.result == "applied" and rejected(outcome) == 1


@pytest.mark.parametrize("value", [[["thai"]], [{"a": 1}], {"thai": 1}])
def test_nested_learning_areas_are_parked(world: World, tmp_path: Path, value: Any) -> None:
    rows = world.rows()
    lines = [dump_line(dict(rows[0], learning_areas=value)), *(dump_line(r) for r in rows[1:])]
    outcome = import_one(world, with_rows(world, tmp_path, lines))
    assert outcome.result == "applied" and rejected(outcome) == 1


@pytest.mark.parametrize("column", ["created_at", "updated_at", "deleted_at"])
def test_date_only_timestamp_is_parked(world: World, tmp_path: Path, column: str) -> None:
    rows = world.rows()
    lines = [dump_line(dict(rows[0], **{column: "2024-01-01Z"})), *(dump_line(r) for r in rows[1:])]
    outcome = import_one(world, with_rows(world, tmp_path, lines))
    assert outcome.result == "applied" and rejected(outcome) == 1


# --- rows changed that should not be ------------------------------------------------------------------------
def test_erasure_cannot_wipe_another_schools_parked_rows(world: World, tmp_path: Path) -> None:
    erasures = world.rows("erasure")
    forged = dict(erasures[0], id="7d8a1c3e-5b2f-4e6a-9c1d-0f2e3a4b5c6d", target_id=world.other_parked_id)
    members = dict(world.members)
    members["data/erasure.jsonl"] = jsonl([*erasures, forged])
    before = {r["record_id"] for r in snapshot(world.district_dir)["parked"].values()}
    assert world.other_parked_id in before
    outcome = import_one(world, build(world, out_dir(world, tmp_path), members))
    assert outcome.result == "applied"
    after = {r["record_id"] for r in snapshot(world.district_dir)["parked"].values()}
    assert world.other_parked_id in after


def test_attachment_not_named_by_its_hash_is_not_registered(world: World, tmp_path: Path) -> None:
    members = dict(world.members)
    name = next(n for n in members if n.startswith("attachments/"))
    members[name] = b"not the photo"
    outcome = import_one(world, build(world, out_dir(world, tmp_path), members))
    assert outcome.result in ("applied", "refused")
    assert attachment_problems(world.district_dir, snapshot(world.district_dir)) == []


# --- files left behind, inconsistent checks -------------------------------------------------------------
def test_joined_volumes_are_removed_from_tmp(world: World, tmp_path: Path) -> None:
    data = world.good.read_bytes()
    half = len(data) // 2
    (tmp_path / "split.kaplc.001").write_bytes(data[:half])
    (tmp_path / "split.kaplc.002").write_bytes(data[half:])
    outcome = import_one(world, tmp_path / "split.kaplc.001")
    assert outcome.result == "applied"
    assert sorted(p.name for p in (world.district_dir / "tmp").iterdir()) == []


@pytest.mark.parametrize("version", [0, -1])
def test_manifest_format_below_one_is_refused(world: World, tmp_path: Path, version: int) -> None:
    def edit(manifest: dict[str, Any]) -> None:
        manifest["format"] = version

    outcome = import_one(world, build(world, out_dir(world, tmp_path), dict(world.members), manifest=edit))
    assert outcome.result == "refused"


def test_the_good_bundle_applies(world: World) -> None:
    """The control: the unaltered bundle every reproducer starts from is applied, and tmp/ is left empty."""
    outcome = import_one(world, world.good)
    assert outcome.result == "applied", json.dumps(outcome.to_json(), ensure_ascii=False)
    assert not list((world.district_dir / "tmp").iterdir())
    shutil.rmtree(world.district_dir / "tmp", ignore_errors=True)
