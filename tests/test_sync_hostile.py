"""Hostile and broken bundles: each is refused with a specific reason and the district's data is unchanged."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import (
    OTHER_SCHOOL,
    db_digest,
    decrypt_payload,
    make_district,
    make_school,
    refusal_count,
    reseal,
    resign,
    rewrite_zip,
)

from kaplc_desktop.sync.container import MAGIC
from kaplc_desktop.sync.refusals import MESSAGES


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("hostile")
    district = make_district(root / "district")
    school = make_school(root / "school", district, staff=8)
    other = make_school(root / "other", district, code=OTHER_SCHOOL, staff=2)
    for side in (school, other):
        enrollment = root / f"{side.ctx.data_dir.name}.json"
        side.sync.export_enrollment(enrollment)
        district.sync.import_enrollment(enrollment)
    (root / "usb").mkdir()
    good = school.sync.export_bundle(root / "usb").path
    payload = decrypt_payload(good, district, root / "payload.zip")
    yield {"root": root, "district": district, "school": school, "other": other, "good": good, "payload": payload}
    for side in (district, school, other):
        side.close()


def refused_with(world, path: Path) -> str:  # type: ignore[no-untyped-def]
    district = world["district"]
    before, refusals = db_digest(district.ctx.data_dir), refusal_count(district.ctx.data_dir)
    outcome = district.sync.import_bundles([path], dry_run=False)[0]
    assert outcome.result == "refused", outcome.to_json()
    assert outcome.refusal is not None and outcome.refusal.reason in MESSAGES
    assert db_digest(district.ctx.data_dir) == before
    assert refusal_count(district.ctx.data_dir) == refusals + 1
    return outcome.refusal.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_any_flipped_bit_is_refused(world, position: int, bit: int) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(world["good"].read_bytes())
    data[position % len(data)] ^= 1 << bit
    path = world["root"] / "flipped.kaplc"
    path.write_bytes(bytes(data))
    assert refused_with(world, path) in {
        "not-a-bundle",
        "bad-header",
        "truncated",
        "damaged",
        "cannot-decrypt",
        "wrong-receiver",
        "unknown-receiver-key",
        "unknown-sender",
        "key-changed",
        "shared-key",
        "newer-format",
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fraction=st.floats(min_value=0.0, max_value=0.9999))
def test_truncation_anywhere_is_refused(world, fraction: float) -> None:  # type: ignore[no-untyped-def]
    data = world["good"].read_bytes()
    path = world["root"] / "cut.kaplc"
    path.write_bytes(data[: int(len(data) * fraction)])
    assert refused_with(world, path) in {"not-a-bundle", "truncated", "bad-header", "damaged"}


def test_truncation_at_every_region(world) -> None:  # type: ignore[no-untyped-def]
    data = world["good"].read_bytes()
    m = len(MAGIC)
    header_len = m + 4 + int.from_bytes(data[m : m + 4], "big")
    for cut, expected in (
        (4, "not-a-bundle"),
        (10, "truncated"),
        (header_len - 5, "truncated"),
        (header_len, "truncated"),
        (header_len + 3, "truncated"),
        (len(data) - 1, "truncated"),
    ):
        path = world["root"] / "cut.kaplc"
        path.write_bytes(data[:cut])
        assert refused_with(world, path) == expected, cut


def altered(world, name: str, edit, sign: bool = False) -> Path:  # type: ignore[no-untyped-def]
    root = world["root"]
    zipped = rewrite_zip(world["payload"], root / f"{name}.zip", edit)
    if sign:
        zipped = resign(zipped, world["school"], root / f"{name}-signed.zip")
    return reseal(zipped, world["good"], world["district"], root / f"{name}.kaplc")


def keep(name, data):  # type: ignore[no-untyped-def]
    return [(name, data, None)]


@pytest.mark.parametrize(
    "case,expected",
    [
        ("removed", "member-mismatch"),
        ("added", "member-mismatch"),
        ("renamed", "bad-member-name"),
        ("dotdot", "bad-member-name"),
        ("absolute", "bad-member-name"),
        ("duplicated", "duplicate-member"),
        ("unsigned", "unsigned"),
        ("altered-rows", "hash-mismatch"),
        ("altered-manifest", "bad-signature"),
        ("link", "link-member"),
    ],
)
def test_altered_payloads_are_refused(world, case: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    def edit(name, data):  # type: ignore[no-untyped-def]
        if case == "removed" and name == "data/personnel.jsonl":
            return []
        if case == "added" and name == "manifest.sig":
            return [*keep(name, data), ("attachments/" + "a" * 64, b"extra", None)]
        if case == "renamed" and name == "data/personnel.jsonl":
            return [("data/Personnel.JSONL", data, None)]
        if case == "dotdot" and name == "data/personnel.jsonl":
            return [("data/../../evil.jsonl", data, None)]
        if case == "absolute" and name == "data/personnel.jsonl":
            return [("/etc/personnel.jsonl", data, None)]
        if case == "duplicated" and name == "data/personnel.jsonl":
            return [*keep(name, data), (name, data, None)]
        if case == "unsigned" and name == "manifest.sig":
            return []
        if case == "altered-rows" and name == "data/personnel.jsonl":
            return keep(name, data.replace(b"teacher", b"janitor", 1))
        if case == "altered-manifest" and name == "manifest.json":
            return keep(name, data.replace(b'"sequence":1', b'"sequence":9'))
        if case == "link" and name == "data/personnel.jsonl":
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            return [(name, b"/etc/passwd", info)]
        return keep(name, data)

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate on purpose
        path = altered(world, case, edit)
    assert refused_with(world, path) == expected


def test_zip_bomb_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    def edit(name, data):  # type: ignore[no-untyped-def]
        if name == "manifest.sig":
            return [*keep(name, data), ("attachments/" + "b" * 64, b"\0" * 60_000_000, None)]
        return keep(name, data)

    assert refused_with(world, altered(world, "bomb", edit, sign=True)) == "zip-bomb"


def test_bundle_of_another_schools_records_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.sync.writer import BundleContent  # noqa: F401  (documents what a forger would build)

    root, other = world["root"], world["other"]
    rows_of_school = zipfile.ZipFile(world["payload"]).read("data/personnel.jsonl")
    forged_payload = decrypt_payload(
        other.sync.export_bundle(root / "usb").path, world["district"], root / "other-payload.zip"
    )

    def edit(name, data):  # type: ignore[no-untyped-def]
        return keep(name, rows_of_school if name == "data/personnel.jsonl" else data)

    zipped = rewrite_zip(forged_payload, root / "forged.zip", edit)
    signed = resign(zipped, other, root / "forged-signed.zip")
    original = sorted((root / "usb").glob(f"{OTHER_SCHOOL}-*.kaplc"))[-1]
    path = reseal(signed, original, world["district"], root / "forged.kaplc")
    assert refused_with(world, path) == "foreign-records"


def test_newer_format_and_wrong_receiver(world) -> None:  # type: ignore[no-untyped-def]
    data = world["good"].read_bytes()
    m = len(MAGIC)
    header_len = int.from_bytes(data[m : m + 4], "big")
    header = json.loads(data[m + 4 : m + 4 + header_len])
    for field, value, expected in (
        ("format", 99, "newer-format"),
        ("receiver", {"code": "9003", "key_id": "x" * 32}, "wrong-receiver"),
    ):
        changed = dict(header, **{field: value})
        body = json.dumps(changed, sort_keys=True, separators=(",", ":")).encode()
        path = world["root"] / f"{field}.kaplc"
        path.write_bytes(data[:m] + len(body).to_bytes(4, "big") + body + data[m + 4 + header_len :])
        assert refused_with(world, path) == expected


def test_not_a_bundle_at_all(world) -> None:  # type: ignore[no-untyped-def]
    path = world["root"] / "photo.kaplc"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert refused_with(world, path) == "not-a-bundle"


def test_rows_that_fail_validation_are_parked_not_dropped(world) -> None:  # type: ignore[no-untyped-def]
    def edit(name, data):  # type: ignore[no-untyped-def]
        if name != "data/personnel.jsonl":
            return keep(name, data)
        lines = data.splitlines(keepends=True)
        bad = json.loads(lines[0])
        bad["position"] = "astronaut"
        worse = json.loads(lines[1])
        worse["national_id"] = "1101700207031"
        return keep(
            name,
            b"".join(
                [json.dumps(bad).encode() + b"\n", json.dumps(worse).encode() + b"\n", b"{not json\n", *lines[2:]]
            ),
        )

    path = altered(world, "parked", edit, sign=True)
    outcome = world["district"].sync.import_bundles([path], dry_run=True)[0]
    counts = outcome.plan.counts()["personnel"]
    assert counts["rejected"] == 3 and counts["new"] == 6
    reasons = " ".join(r["reason"] for r in outcome.to_json()["rejected"])
    assert "position: unknown code" in reasons and "national_id" in reasons and "not JSON" in reasons
