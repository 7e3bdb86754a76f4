"""A stranger's file costs almost nothing, and the smaller holes stay closed: memory and row limits, attachment
names, codes learned from a first bundle, volumes with the same name, temp files, quarantine, the failing path."""

from __future__ import annotations

import errno
import hashlib
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sync_support import (
    ESA,
    OTHER_SCHOOL,
    db_digest,
    decrypt_payload,
    fp,
    make_district,
    make_school,
    reseal,
    resign,
    rewrite_zip,
)

from kaplc_desktop.errors import KaplcError
from kaplc_desktop.sync.container import MAGIC

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("limits")
    district = make_district(root / "district")
    school = make_school(root / "school", district, staff=4)
    enrollment = root / "school.json"
    school.sync.export_enrollment(enrollment)
    district.sync.import_enrollment(enrollment)
    (root / "usb").mkdir()
    good = school.sync.export_bundle(root / "usb").path
    payload = decrypt_payload(good, district, root / "payload.zip")
    yield {"root": root, "district": district, "school": school, "good": good, "payload": payload}
    district.close()
    school.close()


def forged(world, name: str, members: dict[str, bytes]) -> Path:  # type: ignore[no-untyped-def]
    """The good bundle with some members replaced or added, signed again by the (enrolled) school."""
    root = world["root"]

    def edit(member, data):  # type: ignore[no-untyped-def]
        out = [(member, members.pop(member, data), None)]
        if member == "manifest.sig":
            out += [(extra, content, None) for extra, content in members.items()]
        return out

    zipped = rewrite_zip(world["payload"], root / f"{name}.zip", edit)
    signed = resign(zipped, world["school"], root / f"{name}-signed.zip")
    return reseal(signed, world["good"], world["district"], root / f"{name}.kaplc")


def test_64_mib_of_tiny_lines_is_refused_with_bounded_memory(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    lines = "".join(f"{rng.randrange(10)}\n" for _ in range(32 * 1024 * 1024)).encode()  # 64 MiB of JSON lines
    bundle = forged(world, "tiny-lines", {"data/personnel.jsonl": lines})
    folder = tmp_path / "district-copy"
    shutil.copytree(world["root"] / "district", folder, ignore=shutil.ignore_patterns("kaplc.lock"))
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-m', 'kaplc_desktop.cli.main', '--data-dir', sys.argv[1], "
        "'bundle', 'import', sys.argv[2], '--json'], capture_output=True, text=True)\n"
        "print(p.returncode)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(p.stdout)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(bundle)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    returncode, peak_kib, output = result.stdout.split("\n", 2)
    assert returncode == "2" and '"too-many-rows"' in output
    print(f"importing 64 MiB of one-byte lines: peak RSS {int(peak_kib) // 1024} MB")
    assert int(peak_kib) <= 200 * 1024, f"peak RSS {int(peak_kib) // 1024} MB"


def test_the_row_limit_is_a_setting(world) -> None:  # type: ignore[no-untyped-def]
    district = world["district"]
    lines = b"".join(b'{"id": "%d"}\n' % n for n in range(1500))
    bundle = forged(world, "many-rows", {"data/personnel.jsonl": lines})
    small = forged(world, "some-bad-rows", {"data/personnel.jsonl": lines[: lines.index(b'{"id": "900"}')]})
    assert district.sync.import_bundles([small], dry_run=True)[0].plan.count("rejected") == 900  # parked, shown
    flood = district.sync.import_bundles([bundle], dry_run=True)[0]  # a flood of bad rows is refused whole
    assert flood.refusal is not None and flood.refusal.reason == "too-many-rejected"
    district.sync.set_sync_settings(row_limit=1000)
    try:
        outcome = district.sync.import_bundles([bundle], dry_run=True)[0]
        assert outcome.refusal is not None and outcome.refusal.reason == "too-many-rows"
    finally:
        district.sync.set_sync_settings(row_limit=200_000)
    with pytest.raises(KaplcError):
        district.sync.set_sync_settings(row_limit=5)


def test_an_attachment_whose_name_is_not_its_hash_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    district = world["district"]
    named_for = hashlib.sha256(b"a real photo").hexdigest()
    bundle = forged(world, "lying-attachment", {f"attachments/{named_for}": b"something else entirely"})
    before = db_digest(district.ctx.data_dir)
    outcome = district.sync.import_bundles([bundle], dry_run=False)[0]
    assert outcome.refusal is not None and outcome.refusal.reason == "hash-mismatch"
    assert db_digest(district.ctx.data_dir) == before


def _with_header(good: Path, target: Path, **changes: object) -> Path:
    import json

    data = good.read_bytes()
    m = len(MAGIC)
    size = int.from_bytes(data[m : m + 4], "big")
    header = json.loads(data[m + 4 : m + 4 + size])
    for key, value in changes.items():
        header["sender"][key] = value
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    target.write_bytes(data[:m] + len(body).to_bytes(4, "big") + body + data[m + 4 + size :])
    return target


@pytest.mark.parametrize("code", [ESA, "12ab567890", "1090050001\u0000", "../../x"])
def test_codes_learned_from_a_first_bundle_follow_the_enrollment_rules(world, code: str) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.sync.keys import fingerprint_of_key_id

    district = world["district"]
    key_id = "ab" * 16
    path = _with_header(world["good"], world["root"] / "odd-code.kaplc", code=code, key_id=key_id)
    outcome = district.sync.import_bundles([path], dry_run=True, trust=[fingerprint_of_key_id(key_id)])[0]
    assert outcome.refusal is not None and outcome.refusal.reason == "bad-header"


def test_a_strangers_file_is_not_decrypted_and_not_copied(world, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.sync import stream_cipher

    district = world["district"]
    stranger = make_school(world["root"] / "stranger", district, code=OTHER_SCHOOL, staff=2)
    bundle = stranger.sync.export_bundle(world["root"] / "usb").path
    stranger.close()

    def never(*_args: object, **_kw: object) -> None:
        raise AssertionError("a stranger's bundle was decrypted")

    monkeypatch.setattr(stream_cipher, "decrypt", never)
    outcome = district.sync.import_bundles([bundle], dry_run=False)[0]
    assert outcome.needs_confirmation and outcome.refusal.sender == OTHER_SCHOOL
    quarantine = district.ctx.data_dir / "sync" / "quarantine"
    assert not any(bundle.name in p.name and not p.name.endswith(".txt") for p in quarantine.glob("*"))


def test_a_large_file_that_is_not_a_bundle_is_described_not_copied(world) -> None:  # type: ignore[no-untyped-def]
    district = world["district"]
    path = world["root"] / "holiday-video.kaplc"
    with open(path, "wb") as fh:
        fh.truncate(80 * 1024 * 1024)
    outcome = district.sync.import_bundles([path], dry_run=False)[0]
    assert outcome.refusal.reason == "not-a-bundle"
    quarantine = district.ctx.data_dir / "sync" / "quarantine"
    kept = [p for p in quarantine.iterdir() if "holiday-video" in p.name]
    note = kept[0].read_text(encoding="utf-8")
    assert [p.suffix for p in kept] == [".txt"] and "size: 83886080" in note and "sha256: 33a3a1" in note


def test_quarantine_is_capped_and_junk_cannot_push_a_real_copy_out(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.sync import quarantine

    monkeypatch.setattr(quarantine, "QUARANTINE_MAX_NOTES", 50)
    district = world["district"]
    damaged = world["root"] / "damaged.kaplc"
    data = bytearray(world["good"].read_bytes())
    data[-10] ^= 1
    damaged.write_bytes(bytes(data))
    assert district.sync.import_bundles([damaged], dry_run=False)[0].refusal.reason == "damaged"
    folder = district.ctx.data_dir / "sync" / "quarantine"
    kept = [p for p in folder.iterdir() if p.name.endswith("damaged.kaplc")]
    assert len(kept) == 1
    junk = world["root"] / "junk"
    junk.mkdir()
    for n in range(120):
        (junk / f"{n:04d}.kaplc").write_bytes(b"KAPLC\r\n\x1a\n" + bytes([n % 256]) * 40)
    district.sync.import_bundles([junk], dry_run=False)
    assert kept[0].exists()  # the junk left notes only, and notes are capped on their own
    assert len([p for p in folder.iterdir() if p.name.endswith(".reason.txt")]) <= 50


def test_two_volume_sets_with_the_same_name_are_both_imported(tmp_path: Path) -> None:
    district = make_district(tmp_path / "district")
    schools = [make_school(tmp_path / "a", district, staff=30), make_school(tmp_path / "b", district, OTHER_SCHOOL, 30)]
    for n, school in enumerate(schools):
        school.ctx.add_demo_photos(seed=n + 1, photo_kb=200)
    folders = []
    for n, school in enumerate(schools):
        out = tmp_path / f"mail-{n}"
        out.mkdir()
        written = school.sync.export_bundle(out, split_mb=1)
        assert len(written.volumes) > 1
        for volume in written.volumes:  # both e-mails saved their attachments as bundle.kaplc.001, .002 …
            volume.rename(out / ("bundle.kaplc" + volume.name[-4:]))
        folders.append(out)
    outcomes = district.sync.import_bundles(folders, dry_run=False, trust=[fp(s) for s in schools])
    assert [o.result for o in outcomes] == ["applied", "applied"]
    assert len(district.ctx.personnel.list()) == 60
    assert not list((district.ctx.data_dir / "tmp").iterdir())  # joined volumes and payloads are gone
    for side in (*schools, district):
        side.close()


def test_what_a_crash_left_in_tmp_is_removed_at_start(tmp_path: Path) -> None:
    from kaplc_desktop.context import AppContext

    district = make_district(tmp_path / "district")
    district.close()
    leftover = tmp_path / "district" / "tmp" / "incoming-crash.zip"
    leftover.parent.mkdir(exist_ok=True)
    leftover.write_bytes(b"decrypted personal data")
    with AppContext.open(tmp_path / "district"):
        assert not leftover.exists()


def test_a_full_usb_stick_is_named_not_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplc_desktop.sync import writer

    district = make_district(tmp_path / "district")
    school = make_school(tmp_path / "school", district, staff=30)
    usb = tmp_path / "STICK"
    usb.mkdir()
    real_init = writer._Tee.__init__

    class FullStick:
        def __init__(self, fh) -> None:  # type: ignore[no-untyped-def]
            self.fh, self.written = fh, 0

        def write(self, data: bytes) -> int:
            self.written += len(data)
            if self.written > 2000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(data)

    def init(self, *targets):  # type: ignore[no-untyped-def]
        (stick, path), *rest = targets
        real_init(self, (FullStick(stick), path), *rest)

    monkeypatch.setattr(writer._Tee, "__init__", init)
    with pytest.raises(KaplcError) as err:
        school.sync.export_bundle(usb)
    assert str(usb) in err.value.message and str(school.ctx.data_dir) not in err.value.message
    assert list(usb.iterdir()) == [] and school.sync.outbox() == []
    school.close()
    district.close()


def test_payload_zip_members_are_never_extracted_to_disk(world) -> None:  # type: ignore[no-untyped-def]
    """Planning reads rows straight from the payload; nothing but the payload itself lands in tmp/."""
    district = world["district"]
    seen: list[set[str]] = []
    real = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append({p.name for p in (district.ctx.data_dir / "tmp").iterdir()})
        return real(self, name, *args, **kwargs)

    zipfile.ZipFile.open = spy  # type: ignore[method-assign]
    try:
        district.sync.import_bundles([world["good"]], dry_run=True)
    finally:
        zipfile.ZipFile.open = real  # type: ignore[method-assign]
    assert seen and all(len(names) <= 1 for names in seen)
