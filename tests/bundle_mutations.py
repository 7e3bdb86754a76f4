"""Hostile bundles for fuzzing the import: named, seeded mutations of a real bundle, and the check of one import.

Two layers, because any change to the encrypted file itself is caught by the AEAD:

- outer: the file as it travels — bit flips, truncation, appended or inserted bytes, header JSON edits, split
  volumes swapped, duplicated or lost — and the same payload sealed again under a changed header (anyone who
  holds the district's public key can seal a file to it);
- inner: the payload opened with the receiver's key (sync_support.decrypt_payload), changed, signed again
  (sync_support.resign) — by the real sender (a hostile school holding its valid key), by the other enrolled
  school (a forgery) or by an unknown key — and sealed again: manifest fields, member lists, data rows,
  attachments, replays and bundles out of order.

A mutation is a pure function (world, rng, out_dir) -> Mutant: the same seed gives the same file. `run_import`
imports a mutant into the world's district and reports what happened; the property test
(tests/test_sync_fuzz.py) and scripts/fuzz_bundles.py are both built on it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import shutil
import traceback
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from district_store import folder_dicts, folder_rows
from sync_support import (
    OTHER_SCHOOL,
    SCHOOL_CODE,
    Side,
    db_digest,
    decrypt_payload,
    make_district,
    make_school,
    open_side,
    reseal,
    resign,
)

from kaplc_desktop import attachment_store
from kaplc_desktop.errors import KaplcError
from kaplc_desktop.sync.container import MAGIC
from kaplc_desktop.sync.keys import KeyPair, PublicKeys

ESA_CODE = "9002"
UNKNOWN_SCHOOL = "1090059999"
SYNCED_TABLES = {"personnel": "personnel", "erasure": "erasures", "district_settings": "district_settings"}
RESULTS = ("applied", "refused", "already-imported")


# --- the world ---------------------------------------------------------------------------------------------
@dataclass
class World:
    """A district with two enrolled schools. The district holds the other school's records (one row of them
    parked), a district setting, and the school's first bundle; `good` is the school's second bundle (a delta:
    an edit, a tombstone, an erasure, a new person, a new photo), not imported yet; `newer` is its third."""

    root: Path
    district: Side
    school: Side
    other: Side
    first: Path
    good: Path
    newer: Path
    pristine: Path
    members: dict[str, bytes]  # the decrypted payload of `good`, member by member, in zip order
    header: dict[str, Any]  # the clear-text header of `good`
    school_keys: KeyPair
    other_keys: KeyPair
    district_keys: PublicKeys
    first_bundle_id: str
    school_ids: list[str]  # the school's records held by the district
    other_ids: list[str]  # the other school's records held by the district
    other_parked_id: str  # a record id of the other school parked at the district
    settings_id: str  # a district-owned record
    known_photo: str  # an attachment the district already holds

    @property
    def district_dir(self) -> Path:
        return self.district.ctx.data_dir

    def rows(self, kind: str = "personnel") -> list[dict[str, Any]]:
        data = self.members.get(f"data/{kind}.jsonl", b"")
        return [json.loads(line) for line in data.splitlines() if line.strip()]

    def reset_district(self) -> None:
        """Puts the district's data folder back as it was when the world was built (the database in place, so
        it keeps its inode and its identity)."""
        folder = self.district_dir
        self.district.close()
        for child in folder.iterdir():
            if child.name in ("kaplc.lock", "kaplc.sqlite3"):
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in self.pristine.iterdir():
            if child.name == "kaplc.lock":
                continue
            if child.is_dir():
                shutil.copytree(child, folder / child.name)
            else:
                shutil.copyfile(child, folder / child.name)
        self.district = open_side(folder)

    def close(self) -> None:
        for side in (self.district, self.school, self.other):
            side.close()


def _ids(folder: Path, table: str, owner: str) -> list[str]:
    return sorted(r[0] for r in folder_rows(folder, f'SELECT id FROM "{table}" WHERE owner_code = ?', (owner,)))


def _edit(side: Side, person: Any, **changes: Any) -> None:
    values = {
        "first_name_th": person.first_name_th,
        "last_name_th": person.last_name_th,
        "national_id": person.national_id,
        "title_prefix": person.title_prefix,
        "position": person.position,
        "personnel_group": person.personnel_group,
        "academic_standing": person.academic_standing,
        "learning_areas": list(person.learning_areas),
        "subject": person.subject,
        "phone": person.phone,
    }
    values.update(changes)
    side.ctx.personnel.update(person.id, values)


def _photo(side: Side, person_id: str, seed: int) -> str:
    content = random.Random(seed).randbytes(1500)
    sha = attachment_store.put_bytes(side.ctx.data_dir, content)
    side.ctx.attachments.register(sha, len(content), "image/png")
    side.ctx.personnel.set_photo(person_id, sha)
    return sha


def _import(district: Side, path: Path) -> None:
    outcome = district.sync.import_bundles([path], dry_run=False)[0]
    if outcome.result != "applied":
        raise RuntimeError(f"building the world: {path.name} was {outcome.result}: {outcome.to_json()}")


def build_world(root: Path) -> World:
    root.mkdir(parents=True, exist_ok=True)
    district = make_district(root / "district")
    school = make_school(root / "school", district, staff=8)
    other = make_school(root / "other", district, code=OTHER_SCHOOL, staff=3)
    for side in (school, other):
        enrollment = root / f"{side.ctx.data_dir.name}.json"
        side.sync.export_enrollment(enrollment)
        district.sync.import_enrollment(enrollment)
    district.ctx.district_settings.set_year(2569, 20, {}, ["PLC"])
    usb = root / "usb"
    usb.mkdir()
    work = root / "work"
    work.mkdir()

    # the other school's records, one of them parked (an unknown position) by the district
    other_bundle = other.sync.export_bundle(usb).path
    payload = decrypt_payload(other_bundle, district, work / "other.zip")
    parked_id = str(uuid.UUID(int=random.Random(1).getrandbits(128), version=4))
    with zipfile.ZipFile(payload) as zf:
        lines = zf.read("data/personnel.jsonl")
    bad = json.loads(lines.splitlines()[0])
    bad.update(id=parked_id, position="astronaut")
    extra = json.dumps(bad, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    _write_zip(
        work / "other-parked.zip",
        [(n, lines + extra if n == "data/personnel.jsonl" else d, None) for n, d in _zip_members(payload)],
    )
    signed = resign(work / "other-parked.zip", other, work / "other-signed.zip")
    _import(district, reseal(signed, other_bundle, district, root / "other-first.kaplc"))

    # the school: two photos, its first (full) bundle, the district's feedback, then changes for a delta
    people = school.ctx.personnel.list()
    known_photo = _photo(school, people[5].id, 1)
    _photo(school, people[6].id, 2)
    first = school.sync.export_bundle(usb).path
    _import(district, first)
    school.sync.import_bundles([district.sync.export_feedback(SCHOOL_CODE, usb).path], dry_run=False)
    _edit(school, people[0], phone="081-234-5678")
    school.ctx.personnel.delete(people[1].id)
    school.sync.erase("personnel", people[2].id, "คำขอของเจ้าของข้อมูล")
    _photo(school, people[3].id, 3)
    school.ctx.personnel.add(
        {
            "first_name_th": "มานี",
            "last_name_th": "มีนา",
            "position": "teacher",
            "personnel_group": "teacher",
            "learning_areas": ["science_tech"],
        }
    )
    good = school.sync.export_bundle(usb).path
    _edit(school, people[0], phone="089-999-0000")
    _edit(school, people[4], subject="ฟิสิกส์")
    newer = school.sync.export_bundle(usb).path

    payload = decrypt_payload(good, district, work / "good.zip")
    members = dict(_zip_members(payload))
    header, _end = split_header(good.read_bytes())
    first_manifest = json.loads(
        dict(_zip_members(decrypt_payload(first, district, work / "first.zip")))["manifest.json"]
    )
    district_keys = district.sync.ensure_keys()
    folder = district.ctx.data_dir
    district.close()
    pristine = root / "district-pristine"
    shutil.copytree(folder, pristine)
    return World(
        root=root,
        district=open_side(folder),
        school=school,
        other=other,
        first=first,
        good=good,
        newer=newer,
        pristine=pristine,
        members=members,
        header=header,
        school_keys=school.sync.ensure_keys(),
        other_keys=other.sync.ensure_keys(),
        district_keys=district_keys.public,
        first_bundle_id=first_manifest["bundle_id"],
        school_ids=_ids(folder, "personnel", SCHOOL_CODE),
        other_ids=_ids(folder, "personnel", OTHER_SCHOOL),
        other_parked_id=parked_id,
        settings_id=_ids(folder, "district_settings", ESA_CODE)[0],
        known_photo=known_photo,
    )


# --- files, zips, headers, signatures ----------------------------------------------------------------------
def _zip_members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i.filename)) for i in zf.infolist()]


def _write_zip(path: Path, entries: list[tuple[str, bytes, zipfile.ZipInfo | None]]) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are made on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data, info in entries:
                zf.writestr(info if info is not None else name, data)
    return path


def split_header(data: bytes) -> tuple[dict[str, Any], int]:
    """The header JSON of a bundle file and the offset where its encrypted chunks begin."""
    m = len(MAGIC)
    size = int.from_bytes(data[m : m + 4], "big")
    return json.loads(data[m + 4 : m + 4 + size]), m + 4 + size


def join_header(body: bytes, rest: bytes) -> bytes:
    return MAGIC + len(body).to_bytes(4, "big") + body + rest


def _compact(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


class _Signer:
    """What sync_support.resign needs of a signer (`.sync.ensure_keys()`), for a key held outside a workspace."""

    def __init__(self, keys: KeyPair) -> None:
        self.sync = SimpleNamespace(ensure_keys=lambda: keys)


def forger_keys(rng: random.Random) -> KeyPair:
    return KeyPair(rng.randbytes(32), rng.randbytes(32))


def _header_fields(world: World) -> dict[str, Any]:
    h = world.header
    return {
        "bundle_kind": h["bundle_kind"],
        "sender_code": h["sender"]["code"],
        "sender_kind": h["sender"]["kind"],
        "sender_key_id": h["sender"]["key_id"],
        "receiver_code": h["receiver"]["code"],
        "receiver_key_id": h["receiver"]["key_id"],
    }


def seal(world: World, payload: Path, target: Path, header: dict[str, Any] | None = None) -> Path:
    """Encrypts a payload zip to the district again, under good's header fields or changed ones."""
    if not header:
        return reseal(payload, world.good, world.district, target)
    from kaplc_desktop.sync.writer import seal_payload

    seal_payload(payload, target, {**_header_fields(world), **header}, world.district_keys)
    return target


def build(
    world: World,
    out: Path,
    members: dict[str, bytes] | list[tuple[str, bytes, zipfile.ZipInfo | None]],
    *,
    signer: KeyPair | str | None = "school",
    manifest: Callable[[dict[str, Any]], None] | None = None,
    after: Callable[[list[tuple[str, bytes, zipfile.ZipInfo | None]]], list[Any]] | None = None,
    header: dict[str, Any] | None = None,
) -> Path:
    """An altered payload, signed again (member list and hashes recomputed, then `manifest` edits the manifest)
    by the school, the other school, a given key, or nobody (None keeps the old manifest and signature); `after`
    edits the zip's entries once signed (names, duplicates, links); the result is sealed to the district."""
    entries = [(n, d, None) for n, d in members.items()] if isinstance(members, dict) else list(members)
    zipped = _write_zip(out / "edited.zip", entries)
    if signer is not None:
        keys = (
            signer if isinstance(signer, KeyPair) else {"school": world.school_keys, "other": world.other_keys}[signer]
        )
        zipped = resign_any(zipped, keys, out / "signed.zip", manifest)
    if after is not None:
        entries = after([(n, d, None) for n, d in _zip_members(zipped)])
        zipped = _write_zip(out / "after.zip", entries)
    return seal(world, zipped, out / "mutant.kaplc", header)


def _canonical(value: Any) -> bytes:
    """The writer's canonical JSON, or, for values it cannot write (lone surrogates, NaN), the closest JSON."""
    from kaplc_desktop.sync.canonical import canonical_json

    try:
        return canonical_json(value)
    except (ValueError, UnicodeEncodeError):
        return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def resign_any(payload: Path, keys: KeyPair, target: Path, edit: Callable[[dict[str, Any]], None] | None) -> Path:
    """sync_support.resign for any key and any manifest: hashes recomputed, `edit` applied, signed by `keys`."""
    try:
        return resign(payload, _Signer(keys), target, edit)
    except (ValueError, UnicodeEncodeError):  # the edited manifest holds what canonical JSON refuses
        pass
    members = dict(_zip_members(payload))
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = member_list(members)
    if edit is not None:
        edit(manifest)
    sign_manifest(members, _canonical(manifest), keys)
    return _write_zip(target, [(n, d, None) for n, d in members.items()])


def sign_manifest(members: dict[str, bytes], manifest: dict[str, Any] | bytes, keys: KeyPair) -> None:
    """Writes manifest.json (a dict as canonical JSON, or raw bytes) and its signature into `members`."""
    body = manifest if isinstance(manifest, bytes) else _canonical(manifest)
    members["manifest.json"] = body
    members["manifest.sig"] = _canonical(
        {"key_id": keys.key_id, "signature": base64.b64encode(keys.sign(body)).decode()}
    )


def member_list(members: dict[str, bytes]) -> list[dict[str, Any]]:
    return [
        {"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
        for n, d in members.items()
        if n not in ("manifest.json", "manifest.sig")
    ]


# --- hostile values ----------------------------------------------------------------------------------------
RAW = "@@RAW{}@@"  # a placeholder string replaced by raw JSON text (numbers Python cannot print, bad tokens)

HOSTILE = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2**31,
    2**62 - 1,
    2**62,
    2**63,
    -(2**63),
    10**30,
    1.5,
    -0.0,
    float("nan"),
    float("inf"),
    "",
    " ",
    "x" * 101,
    "ก" * 5000,
    "x" * 100_000,
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u202e",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "null",
    "1",
    "true",
    "2024-02-30",
    "9999-12-31",
    "0000-01-01",
    "2024-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999Z",
    "0001-01-01T00:00:00.000000Z",
    "2024-01-01T00:00:00+07:00",
    [],
    [1],
    ["teacher"],
    [[["x"]]],
    [None],
    {},
    {"a": 1},
    {"": None},
    {"__proto__": {}},
    SCHOOL_CODE,
    OTHER_SCHOOL,
    ESA_CODE,
]

RAW_NUMBERS = ["1" + "0" * 5000, "1e400", "-1e400", "-0", "1E2", "0.0000001", "NaN", "Infinity", "-Infinity"]


def hostile(rng: random.Random) -> Any:
    return rng.choice(HOSTILE)


def dump_line(row: Any, raw: dict[str, str] | None = None) -> bytes:
    text = json.dumps(row, sort_keys=True, separators=(",", ":"))
    for key, value in (raw or {}).items():
        text = text.replace(json.dumps(key), value)
    return text.encode() + b"\n"


def jsonl(rows: list[Any]) -> bytes:
    return b"".join(dump_line(r) for r in rows)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _sha(rng: random.Random) -> str:
    return rng.randbytes(32).hex()


# --- mutations ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mutant:
    path: Path
    prelude: tuple[Path, ...] = ()  # imported first (each must be applied): replays, bundles out of order
    expect: tuple[str, ...] = RESULTS  # the results this file may have (a forged or damaged file: refused)
    records_unchanged: bool = False  # even if applied, no synced record may change (a replay, an older bundle)
    note: str = ""


@dataclass(frozen=True)
class Mutation:
    name: str
    layer: str  # outer | sealed | manifest | rows | attachments | forgery | sequence
    make: Callable[[World, random.Random, Path], Mutant]

    def __call__(self, world: World, seed: int, out: Path) -> Mutant:
        out.mkdir(parents=True, exist_ok=True)
        return self.make(world, random.Random(f"{self.name}:{seed}"), out)

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        return f"<{self.name}>"


MUTATIONS: list[Mutation] = []


def mutation(name: str, layer: str) -> Callable[[Callable[..., Mutant]], Callable[..., Mutant]]:
    def register(fn: Callable[..., Mutant]) -> Callable[..., Mutant]:
        MUTATIONS.append(Mutation(name, layer, fn))
        return fn

    return register


def by_name(name: str) -> Mutation:
    return next(m for m in MUTATIONS if m.name == name)


REFUSED = ("refused",)


def _file(out: Path, data: bytes, **kw: Any) -> Mutant:
    path = out / "mutant.kaplc"
    path.write_bytes(data)
    return Mutant(path, **kw)


# outer layer: the file as it travels ----------------------------------------------------------------------
@mutation("outer.bit-flip", "outer")
def _bit_flip(world: World, rng: random.Random, out: Path) -> Mutant:
    data = bytearray(world.good.read_bytes())
    _h, end = split_header(bytes(data))
    region = rng.choice(["anywhere", "header", "tail", "first-chunk"])
    lo, hi = {"anywhere": (0, len(data)), "header": (0, end), "tail": (len(data) - 64, len(data))}.get(
        region, (end, min(len(data), end + 64))
    )
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(lo, hi)] ^= 1 << rng.randrange(8)
    if bytes(data) == world.good.read_bytes():
        data[lo] ^= 1
    return _file(out, bytes(data), expect=REFUSED, note=region)


@mutation("outer.truncate", "outer")
def _truncate(world: World, rng: random.Random, out: Path) -> Mutant:
    data = world.good.read_bytes()
    _h, end = split_header(data)
    cut = rng.choice([rng.randrange(len(data)), rng.randrange(end + 1), len(data) - rng.randint(1, 40)])
    return _file(out, data[:cut], expect=REFUSED, note=str(cut))


@mutation("outer.append", "outer")
def _append(world: World, rng: random.Random, out: Path) -> Mutant:
    data = world.good.read_bytes()
    _h, end = split_header(data)
    tail = rng.choice(
        [
            rng.randbytes(rng.randint(1, 4096)),
            b"\0",
            b"\n",
            data[end:],  # the whole stream again
            world.newer.read_bytes()[split_header(world.newer.read_bytes())[1] :],
            (17).to_bytes(4, "big") + rng.randbytes(17),  # a well-framed extra chunk
        ]
    )
    return _file(out, data + tail, expect=REFUSED, note=str(len(tail)))


@mutation("outer.insert-delete", "outer")
def _insert_delete(world: World, rng: random.Random, out: Path) -> Mutant:
    data = world.good.read_bytes()
    at = rng.randrange(len(data))
    if rng.random() < 0.5:
        return _file(out, data[:at] + rng.randbytes(rng.randint(1, 100)) + data[at:], expect=REFUSED)
    return _file(out, data[:at] + data[at + rng.randint(1, 100) :], expect=REFUSED)


def _edit_json(rng: random.Random, obj: dict[str, Any], depth: int = 0) -> None:
    """One random edit somewhere in a JSON object: a hostile value, a removed key or an unknown key."""
    key = rng.choice(sorted(obj))
    if isinstance(obj[key], dict) and obj[key] and depth < 3 and rng.random() < 0.6:
        _edit_json(rng, obj[key], depth + 1)
        return
    action = rng.random()
    if action < 0.7:
        obj[key] = hostile(rng)
    elif action < 0.85:
        del obj[key]
    else:
        obj[rng.choice(["extra", "format2", "__proto__", key.upper()])] = hostile(rng)


@mutation("outer.header-json", "outer")
def _header_json(world: World, rng: random.Random, out: Path) -> Mutant:
    data = world.good.read_bytes()
    header, end = split_header(data)
    choice = rng.random()
    if choice < 0.6:
        _edit_json(rng, header)
        body = _compact(header)
    elif choice < 0.75:  # the same JSON written another way: the associated data differs
        body = json.dumps(header, indent=rng.choice([None, 1]), sort_keys=rng.random() < 0.5).encode()
    elif choice < 0.85:
        body = rng.choice([b"", b"[]", b"null", b"\xff\xfe", b"{" * 5000, b'{"format":1', "{}".encode("utf-16")])
    else:
        body = _compact({**header, "format": rng.choice([0, -1, 2, 99, 1.0, "1", True, None, 10**20])})
    if body == data[len(MAGIC) + 4 : end]:
        body = body + b" "
    return _file(out, join_header(body, data[end:]), expect=REFUSED)


@mutation("outer.header-length", "outer")
def _header_length(world: World, rng: random.Random, out: Path) -> Mutant:
    data = bytearray(world.good.read_bytes())
    m = len(MAGIC)
    size = int.from_bytes(data[m : m + 4], "big")
    new = rng.choice([0, 1, size - 1, size + 1, size + 40, 65536, 65537, 2**32 - 1])
    data[m : m + 4] = new.to_bytes(4, "big")
    return _file(out, bytes(data), expect=REFUSED, note=str(new))


@mutation("outer.splice", "outer")
def _splice(world: World, rng: random.Random, out: Path) -> Mutant:
    """One bundle's header with another's encrypted stream, or chunks of two streams joined."""
    a, b = world.good.read_bytes(), rng.choice([world.newer, world.first]).read_bytes()
    (_ha, ea), (_hb, eb) = split_header(a), split_header(b)
    data = a[:ea] + b[eb:] if rng.random() < 0.5 else b[:eb] + a[ea:]
    return _file(out, data, expect=REFUSED)


@mutation("outer.garbage", "outer")
def _garbage(world: World, rng: random.Random, out: Path) -> Mutant:
    data = world.good.read_bytes()
    options = [
        b"",
        rng.randbytes(rng.randint(1, 5000)),
        MAGIC,
        MAGIC + rng.randbytes(rng.randint(1, 500)),
        data.replace(b"\r\n", b"\n"),  # a text-mode copy
        b"PK\x03\x04" + rng.randbytes(100),
        data[::-1],
    ]
    return _file(out, rng.choice(options), expect=REFUSED)


@mutation("outer.volumes", "outer")
def _volumes(world: World, rng: random.Random, out: Path) -> Mutant:
    """The bundle split for e-mail (name.kaplc.001, .002 …), then volumes swapped, repeated, lost or cut."""
    data = world.good.read_bytes()
    count = rng.randint(2, 6)
    step = -(-len(data) // count)
    parts = [data[i : i + step] for i in range(0, len(data), step)]
    op = rng.choice(["swap", "duplicate", "drop-middle", "drop-last", "stray", "cut", "intact"])
    if op == "swap":
        i, j = rng.sample(range(len(parts)), 2)
        parts[i], parts[j] = parts[j], parts[i]
    elif op == "duplicate":
        i = rng.randrange(len(parts))
        parts.insert(i, parts[i])
    elif op == "drop-middle" and len(parts) > 2:
        del parts[rng.randrange(1, len(parts) - 1)]
    elif op in ("drop-last", "drop-middle"):
        del parts[-1]
    elif op == "stray":
        parts.append(rng.randbytes(rng.randint(1, 200)))
    elif op == "cut":
        i = rng.randrange(len(parts))
        parts[i] = parts[i][: rng.randrange(len(parts[i]))]
    folder = out / f"vol-{rng.randrange(10**9)}"
    folder.mkdir()
    for n, part in enumerate(parts, start=1):
        (folder / f"mutant.kaplc.{n:03d}").write_bytes(part)
    return Mutant(folder / "mutant.kaplc.001", expect=RESULTS if op == "intact" else REFUSED, note=op)


# sealed again under a changed header (a valid encryption: anyone can seal to the district) ----------------
@mutation("sealed.header-field", "sealed")
def _sealed_header(world: World, rng: random.Random, out: Path) -> Mutant:
    fields = _header_fields(world)
    name = rng.choice(sorted(fields))
    pools = {
        "sender_code": [OTHER_SCHOOL, UNKNOWN_SCHOOL, ESA_CODE, "", "x" * 11, "\ud800", "1090050001 ", 1090050001],
        "sender_kind": ["district", "esa", "", "\ud800", None],
        "bundle_kind": ["full", "feedback", "restore", "other", ""],
        "sender_key_id": [world.other_keys.key_id, _sha(rng)[:32], "0" * 32, "x" * 33, "\ud800"],
        "receiver_code": ["9003", OTHER_SCHOOL, "", "\ud800", "9002\x00", 9002],
        "receiver_key_id": [_sha(rng)[:32], "", "\ud800"],
    }
    value = rng.choice([v for v in pools[name] if v != fields[name]])
    path = seal(
        world,
        _write_zip(out / "p.zip", [(n, d, None) for n, d in world.members.items()]),
        out / "mutant.kaplc",
        {name: value},
    )
    return Mutant(path, expect=REFUSED, note=f"{name}={value!r}"[:80])


# inner layer: the manifest, signed again by the school -----------------------------------------------------
MANIFEST_PATHS = [
    ("format",),
    ("bundle_id",),
    ("bundle_kind",),
    ("sender",),
    ("sender", "code"),
    ("sender", "kind"),
    ("sender", "db_id"),
    ("sender", "max_counter"),
    ("sender", "keys"),
    ("sender", "keys", "sign"),
    ("sender", "keys", "box"),
    ("receiver",),
    ("receiver", "code"),
    ("sequence",),
    ("created_at",),
    ("app_version",),
    ("schema_revision",),
    ("base",),
    ("counts",),
    ("members",),
    ("receipt",),
    ("rotation",),
    ("restore",),
]


def _set_path(obj: dict[str, Any], path: tuple[str, ...], value: Any, delete: bool = False) -> None:
    for key in path[:-1]:
        obj = obj[key]
    if delete:
        obj.pop(path[-1], None)
    else:
        obj[path[-1]] = value


@mutation("manifest.field", "manifest")
def _manifest_field(world: World, rng: random.Random, out: Path) -> Mutant:
    path = rng.choice(MANIFEST_PATHS)
    delete = rng.random() < 0.2
    value = hostile(rng)
    return Mutant(
        build(world, out, dict(world.members), manifest=lambda m: _set_path(m, path, value, delete)),
        note=f"{'.'.join(path)} {'deleted' if delete else repr(value)[:40]}",
    )


@mutation("manifest.numbers", "manifest")
def _manifest_numbers(world: World, rng: random.Random, out: Path) -> Mutant:
    path = rng.choice([("sequence",), ("sender", "max_counter"), ("format",), ("counts", "personnel")])
    value = rng.choice([0, -1, 1, 2, 9, 2**62, 2**62 + 1, 2**63, 10**20, 1.0, True, "7", None])
    return Mutant(
        build(world, out, dict(world.members), manifest=lambda m: _set_path(m, path, value)),
        note=f"{'.'.join(path)}={value!r}",
    )


@mutation("manifest.identity", "manifest")
def _manifest_identity(world: World, rng: random.Random, out: Path) -> Mutant:
    """Who the manifest says sent it, to whom, which kind and schema (the header changed too, or not)."""
    case = rng.choice(["receiver", "sender", "kind", "sender-kind", "schema", "bundle-id"])
    path, header_field, values = {
        "receiver": (("receiver", "code"), "receiver_code", ["9003", OTHER_SCHOOL, SCHOOL_CODE, ""]),
        "sender": (("sender", "code"), "sender_code", [OTHER_SCHOOL, UNKNOWN_SCHOOL, ESA_CODE]),
        "kind": (("bundle_kind",), "bundle_kind", ["full", "feedback", "restore"]),
        "sender-kind": (("sender", "kind"), "sender_kind", ["district"]),
        "schema": (("schema_revision",), "", ["0004", "9999", "0000", "0001", "", "0003 ", "../0003"]),
        "bundle-id": (
            ("bundle_id",),
            "",
            [
                world.first_bundle_id,
                world.first_bundle_id.upper(),
                "{" + _uuid(rng) + "}",
                "urn:uuid:" + _uuid(rng),
                _uuid(rng).replace("-", ""),
                "not-a-uuid",
                _uuid(rng),
            ],
        ),
    }[case]
    value = rng.choice(values)
    header = {header_field: value} if header_field and rng.random() < 0.5 else {}
    path_ = build(world, out, dict(world.members), manifest=lambda m: _set_path(m, path, value), header=header)
    return Mutant(path_, note=f"{case}={value!r} header={bool(header)}")


@mutation("manifest.members", "manifest")
def _manifest_members(world: World, rng: random.Random, out: Path) -> Mutant:
    """The signed member list lies: duplicates, missing or extra entries, bad paths, sizes and hashes."""
    case = rng.choice(["duplicate", "missing", "extra", "path", "size", "sha", "shape"])

    def edit(m: dict[str, Any]) -> None:
        members = m["members"]
        i = rng.randrange(len(members))
        if case == "duplicate":
            members.append(dict(members[i]))
        elif case == "missing":
            del members[i]
        elif case == "extra":
            members.append({"path": f"attachments/{_sha(rng)}", "size": 3, "sha256": _sha(rng)})
        elif case == "path":
            members[i]["path"] = rng.choice(
                [
                    "../data/personnel.jsonl",
                    "/data/personnel.jsonl",
                    "data/../../evil.jsonl",
                    "data\\personnel.jsonl",
                    "attachments/../manifest.json",
                    "data/personnel.jsonl\x00",
                    "DATA/personnel.jsonl",
                    "data/.jsonl",
                    "manifest.json",
                    "C:/x.jsonl",
                    "data/personnel.jsonl/",
                ]
            )
        elif case == "size":
            members[i]["size"] = rng.choice([0, -1, members[i]["size"] + 1, 2**62, 2**63, "1", 1.0, None])
        elif case == "sha":
            members[i]["sha256"] = rng.choice([_sha(rng), _sha(rng).upper(), "", None, "0" * 63])
        else:
            m["members"] = rng.choice([{}, "x", [1], [None], [{"path": members[i]["path"]}], [[]], None])

    return Mutant(build(world, out, dict(world.members), manifest=edit), note=case)


@mutation("manifest.zip-names", "manifest")
def _zip_names(world: World, rng: random.Random, out: Path) -> Mutant:
    """The zip itself: members with ../ or absolute names, duplicates, links, a missing or extra member,
    listed in the signed manifest or not."""
    case = rng.choice(["dotdot", "absolute", "duplicate", "link", "removed", "added", "renamed", "folder"])
    target = rng.choice([n for n in world.members if n.startswith(("data/", "attachments/"))])
    evil = {
        "dotdot": "data/../../evil.jsonl",
        "absolute": "/etc/personnel.jsonl",
        "renamed": "data/Personnel.JSONL",
        "folder": "data/",
    }.get(case, target)
    listed = rng.random() < 0.5  # the forbidden name also in the signed member list

    def rename(entries: list[Any]) -> list[Any]:
        result = []
        for name, data, info in entries:
            if name != target:
                result.append((name, data, info))
            elif case == "duplicate":
                result += [(name, data, None), (name, data, None)]
            elif case == "link":
                link = zipfile.ZipInfo(name)
                link.external_attr = 0o120777 << 16
                result.append((name, b"/etc/passwd", link))
            elif case == "added":
                result += [(name, data, None), (f"attachments/{_sha(rng)}", b"extra", None)]
            elif case != "removed":
                result.append((evil, data, None))
        return result

    def manifest(m: dict[str, Any]) -> None:
        if listed:
            for entry in m["members"]:
                if entry["path"] == target:
                    entry["path"] = evil

    return Mutant(build(world, out, dict(world.members), manifest=manifest, after=rename), note=f"{case} {target}")


@mutation("manifest.raw", "manifest")
def _manifest_raw(world: World, rng: random.Random, out: Path) -> Mutant:
    """manifest.json that is not a JSON object (or not JSON), signed by the school."""
    body = rng.choice(
        [
            b"[]",
            b"null",
            b'"x"',
            b"1",
            b"{",
            b"\xff\xfe{}",
            b"{}",
            "{}".encode("utf-16"),
            b"[" * rng.choice([10, 500, 5000, 100_000]) + b"]" * 10,
            b'{"a":' * 2000 + b"1" + b"}" * 2000,
            world.members["manifest.json"] + b" ",
            world.members["manifest.json"][:-1],
        ]
    )
    members = dict(world.members)
    sign_manifest(members, body, world.school_keys)
    return Mutant(build(world, out, members, signer=None), note=repr(body[:20]))


@mutation("manifest.signature", "manifest")
def _manifest_signature(world: World, rng: random.Random, out: Path) -> Mutant:
    """manifest.sig missing, malformed, or of another key; the manifest unchanged (no signer needed)."""
    members = dict(world.members)
    sig = json.loads(members["manifest.sig"])
    case = rng.choice(["missing", "not-json", "deep", "big", "other-key", "key-id", "b64", "shape", "empty"])
    if case == "missing":
        del members["manifest.sig"]
    elif case == "not-json":
        members["manifest.sig"] = rng.choice([b"", b"{", b"\xff", b"[]", b"null", b"1"])
    elif case == "deep":
        depth = rng.choice([100, 1500, 2040])
        members["manifest.sig"] = b"[" * depth + b"]" * depth
    elif case == "big":
        members["manifest.sig"] = _compact({**sig, "pad": "x" * rng.choice([4000, 5000, 100_000])})
    elif case == "other-key":
        body = members["manifest.json"]
        members["manifest.sig"] = _compact(
            {"key_id": world.other_keys.key_id, "signature": base64.b64encode(world.other_keys.sign(body)).decode()}
        )
    elif case == "key-id":
        members["manifest.sig"] = _compact({**sig, "key_id": rng.choice([world.other_keys.key_id, "", 1, None])})
    elif case == "b64":
        members["manifest.sig"] = _compact({**sig, "signature": rng.choice(["", "!!!", "AAAA", None, 1, "x" * 99])})
    elif case == "shape":
        members["manifest.sig"] = _compact(rng.choice([[sig], {"key_id": sig["key_id"]}, {"signature": 1}]))
    else:
        members["manifest.sig"] = b""
    expect = RESULTS if case == "big" else REFUSED
    return Mutant(build(world, out, members, signer=None), expect=expect, note=case)


@mutation("manifest.unknown-kind", "manifest")
def _unknown_kind(world: World, rng: random.Random, out: Path) -> Mutant:
    members = dict(world.members)
    kind = rng.choice(["unknown", "plc_logs", "district_settings", "sync_peers", "a" * 40])
    rows = rng.choice([[], world.rows()[:1]])
    members[f"data/{kind}.jsonl"] = jsonl(rows)
    return Mutant(build(world, out, members), note=kind)


@mutation("manifest.rotation", "manifest")
def _rotation(world: World, rng: random.Random, out: Path) -> Mutant:
    """A rotation statement in a bundle signed by the enrolled key (it is only read when the key changed)."""
    value = rng.choice(
        [
            {"old_key_id": world.school_keys.key_id, "signature": base64.b64encode(rng.randbytes(64)).decode()},
            {"old_key_id": world.other_keys.key_id, "signature": "!!"},
            {"old_key_id": None},
            "rotate",
            [],
        ]
    )
    return Mutant(build(world, out, dict(world.members), manifest=lambda m: _set_path(m, ("rotation",), value)))


# inner layer: data rows, signed again by the school ---------------------------------------------------------
def _rows_mutant(world: World, out: Path, rows: list[bytes], note: str = "", **kw: Any) -> Mutant:
    members = dict(world.members)
    members["data/personnel.jsonl"] = b"".join(rows)
    return Mutant(build(world, out, members), note=note, **kw)


def _lines(world: World) -> list[bytes]:
    return [dump_line(r) for r in world.rows()]


PERSON_FIELDS = [
    "id",
    "owner_code",
    "version_db",
    "version_counter",
    "version_vector",
    "created_at",
    "updated_at",
    "deleted_at",
    "national_id",
    "title_prefix",
    "first_name_th",
    "last_name_th",
    "first_name_en",
    "last_name_en",
    "position",
    "academic_standing",
    "personnel_group",
    "learning_areas",
    "subject",
    "start_date",
    "phone",
    "email",
    "status",
    "status_date",
    "photo_sha256",
]


@mutation("rows.field", "rows")
def _rows_field(world: World, rng: random.Random, out: Path) -> Mutant:
    """A field of one or a few rows gets a value of the wrong type, out of range, huge, NUL, surrogate…"""
    rows = world.rows()
    notes = []
    for _ in range(rng.choice([1, 1, 2, 5])):
        row = rng.choice(rows)
        name = rng.choice(PERSON_FIELDS)
        row[name] = hostile(rng)
        notes.append(f"{name}={row[name]!r}"[:50])
    return _rows_mutant(world, out, [dump_line(r) for r in rows], "; ".join(notes))


@mutation("rows.raw-number", "rows")
def _rows_raw_number(world: World, rng: random.Random, out: Path) -> Mutant:
    rows = world.rows()
    i = rng.randrange(len(rows))
    name = rng.choice(["version_counter", "learning_areas", "start_date", "version_vector", "first_name_th"])
    literal = rng.choice(RAW_NUMBERS)
    rows[i][name] = RAW.format(0)
    lines = [dump_line(r, {RAW.format(0): literal} if n == i else None) for n, r in enumerate(rows)]
    return _rows_mutant(world, out, lines, f"{name}={literal[:20]}")


@mutation("rows.shape", "rows")
def _rows_shape(world: World, rng: random.Random, out: Path) -> Mutant:
    """Unknown fields, missing fields, lines that are not objects, duplicate keys, reordered or lost lines."""
    rows = world.rows()
    lines = [dump_line(r) for r in rows]
    i = rng.randrange(len(rows))
    case = rng.choice(["unknown", "missing", "not-object", "dup-key", "shuffle", "drop", "empty", "extra-blank"])
    if case == "unknown":
        rows[i][rng.choice(["extra", "ID", "owner", "__class__", ""])] = hostile(rng)
        lines[i] = dump_line(rows[i])
    elif case == "missing":
        del rows[i][rng.choice(PERSON_FIELDS)]
        lines[i] = dump_line(rows[i])
    elif case == "not-object":
        lines[i] = rng.choice([b"[]", b"1", b"null", b"true", b'"x"', b"[" + lines[i].strip() + b"]"]) + b"\n"
    elif case == "dup-key":
        other = dict(rows[i], id=_uuid(rng))
        lines[i] = lines[i].rstrip()[:-1] + b"," + dump_line(other).strip()[1:] + b"\n"
    elif case == "shuffle":
        rng.shuffle(lines)
    elif case == "drop":
        del lines[i]
    elif case == "empty":
        lines = []
    else:
        lines.insert(i, rng.choice([b"\n", b" \n", b"\r\n"]))
    return _rows_mutant(world, out, lines, case)


@mutation("rows.ids", "rows")
def _rows_ids(world: World, rng: random.Random, out: Path) -> Mutant:
    """Ids that are not canonical UUIDs, repeated ids, and ids of records the school does not own."""
    rows = world.rows()
    i = rng.randrange(len(rows))
    case = rng.choice(["not-uuid", "duplicate", "other-school", "district", "parked", "repeat-changed"])
    if case == "not-uuid":
        u = rows[i]["id"]
        rows[i]["id"] = rng.choice(
            [
                u.upper(),
                "{" + u + "}",
                "urn:uuid:" + u,
                u.replace("-", ""),
                u[:-1],
                u + " ",
                "",
                "1",
                "../" + u[3:],
                "\ud800" + u[1:],
                u[:-1] + "\x00",
                12345,
                None,
                [u],
            ]
        )
    elif case == "duplicate":
        rows.append(dict(rows[i]))
    elif case == "other-school":
        rows[i]["id"] = rng.choice(world.other_ids)
    elif case == "district":
        rows[i]["id"] = world.settings_id
    elif case == "parked":
        rows[i]["id"] = world.other_parked_id
    else:
        rows.append(
            dict(
                rows[i],
                first_name_th="สมหญิง",
                version_counter=rows[i]["version_counter"] + 1,
                version_vector={**rows[i]["version_vector"], rows[i]["version_db"]: rows[i]["version_counter"] + 1},
            )
        )
    return _rows_mutant(world, out, [dump_line(r) for r in rows], f"{case} {rows[i].get('id')!r}"[:60])


@mutation("rows.text", "rows")
def _rows_text(world: World, rng: random.Random, out: Path) -> Mutant:
    """Text at and beyond its column's length, NUL, lone surrogates, control and bidi characters."""
    rows = world.rows()
    row = rng.choice(rows)
    name = rng.choice(
        [
            "first_name_th",
            "last_name_th",
            "subject",
            "email",
            "phone",
            "title_prefix",
            "national_id",
            "version_db",
            "owner_code",
            "position",
        ]
    )
    limit = {
        "subject": 200,
        "email": 200,
        "phone": 30,
        "title_prefix": 40,
        "national_id": 13,
        "version_db": 36,
        "owner_code": 10,
        "position": 40,
    }.get(name, 100)
    row[name] = rng.choice(
        [
            "ก" * limit,
            "ก" * (limit + 1),
            "x" * 1_000_000,
            "a\x00b",
            "\x00",
            "\ud800",
            "ก\udcff",
            "\u202e\u2028",
            "\x1b[31m",
            "' OR 1=1 --",
            "<script>",
            "e\u0301" * limit,
            "🙂" * limit,
        ]
    )
    return _rows_mutant(world, out, [dump_line(r) for r in rows], f"{name}={row[name][:12]!r} len={len(row[name])}")


@mutation("rows.vocabulary", "rows")
def _rows_vocabulary(world: World, rng: random.Random, out: Path) -> Mutant:
    rows = world.rows()
    row = rng.choice(rows)
    name = rng.choice(["position", "academic_standing", "personnel_group", "status", "learning_areas"])
    if name == "learning_areas":
        row[name] = rng.choice(
            [
                ["astronomy"],
                "thai",
                [None],
                [1],
                [["thai"]],
                [{"a": 1}],
                {"thai": 1},
                {},
                ["thai"] * 1000,
                ["thai", "\x00"],
                [[]],
            ]
        )
    else:
        row[name] = rng.choice(["astronaut", "TEACHER", " teacher", "", "teacher\x00", "0", "null"])
    return _rows_mutant(world, out, [dump_line(r) for r in rows], f"{name}={row[name]!r}"[:60])


@mutation("rows.versions", "rows")
def _rows_versions(world: World, rng: random.Random, out: Path) -> Mutant:
    """Version vectors malformed, older than held, equal, concurrent, or not matching the row's version."""
    rows = world.rows()
    row = rng.choice(rows)
    db, counter = row["version_db"], row["version_counter"]
    case = rng.choice(["malformed", "older", "concurrent", "mismatch", "huge", "foreign-db"])
    if case == "malformed":
        row["version_vector"] = rng.choice(
            [
                [],
                {},
                {db: 0},
                {db: -1},
                {db: True},
                {db: 1.5},
                {db: str(counter)},
                {"": counter},
                None,
                "x",
                {db: counter, "x": 0},
                {db: counter, "\x00": 1},
                [[db, counter]],
            ]
        )
    elif case == "older":
        row["version_counter"] = 1
        row["version_vector"] = {db: 1}
    elif case == "concurrent":
        row["version_vector"] = {**row["version_vector"], _uuid(rng): rng.randint(1, 10)}
    elif case == "mismatch":
        row["version_counter"] = counter + rng.choice([-1, 1, 10**6])
    elif case == "huge":
        big = rng.choice([2**62 - 1, 2**62, 2**63, 10**30])
        row["version_counter"] = big
        row["version_vector"] = {**row["version_vector"], db: big}
    else:
        row["version_db"] = rng.choice([_uuid(rng), "", "x" * 37, world.first_bundle_id])
    return _rows_mutant(world, out, [dump_line(r) for r in rows], case)


@mutation("rows.owner", "rows")
def _rows_owner(world: World, rng: random.Random, out: Path) -> Mutant:
    """Rows claiming another owner: the other school, the district, nobody (the bundle is refused whole)."""
    rows = world.rows()
    row = rng.choice(rows)
    row["owner_code"] = rng.choice([OTHER_SCHOOL, ESA_CODE, UNKNOWN_SCHOOL, "", None, 1090050002, "1090050001 "])
    if rng.random() < 0.5:
        row["id"] = rng.choice(world.other_ids)
    return _rows_mutant(world, out, [dump_line(r) for r in rows], repr(row["owner_code"]))


@mutation("rows.tombstones", "rows")
def _rows_tombstones(world: World, rng: random.Random, out: Path) -> Mutant:
    """Tombstones: of the school's own records, of the other school's, at odd times, or a record revived."""
    rows = world.rows()
    row = rng.choice(rows)
    case = rng.choice(["own", "other-school", "revive", "odd-time", "older"])
    stamp = "2027-01-01T00:00:00.000000Z"
    if case == "own":
        row["deleted_at"] = stamp
    elif case == "other-school":
        row.update(id=rng.choice(world.other_ids), deleted_at=stamp)
    elif case == "revive":
        for r in rows:
            r["deleted_at"] = None
    elif case == "odd-time":
        row["deleted_at"] = rng.choice(["0001-01-01T00:00:00.000000Z", "9999-12-31T23:59:59.999999Z", "x", 0, ""])
    else:
        row.update(deleted_at=stamp, version_counter=1, version_vector={row["version_db"]: 1})
    return _rows_mutant(world, out, [dump_line(r) for r in rows], case)


@mutation("rows.dates", "rows")
def _rows_dates(world: World, rng: random.Random, out: Path) -> Mutant:
    rows = world.rows()
    row = rng.choice(rows)
    name = rng.choice(["start_date", "status_date", "created_at", "updated_at", "deleted_at"])
    if name.endswith("_at"):
        value = rng.choice(
            [
                "0001-01-01T00:00:00.000000Z",
                "9999-12-31T23:59:59.999999Z",
                "2024-01-01T00:00:00+07:00",
                "2024-01-01T00:00:00+07:00Z",
                "2024-01-01Z",
                "2024-02-30T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-01-01 00:00:00Z",
                "Z",
                "",
                "2024-01-01T00:00:00.0000000000Z",
                1700000000,
                "9999-12-31T23:59:59-23:59Z",
            ]
        )
    else:
        value = rng.choice(
            [
                "0000-01-01",
                "0001-01-01",
                "9999-12-31",
                "2024-02-30",
                "2024-1-1",
                "2024-01-01T00",
                "20240101",
                20240101,
                "",
                "2567-06-01",
                "1900-02-29",
                "+12024-01-01",
            ]
        )
    row[name] = value
    return _rows_mutant(world, out, [dump_line(r) for r in rows], f"{name}={value!r}")


@mutation("rows.deep-json", "rows")
def _rows_deep(world: World, rng: random.Random, out: Path) -> Mutant:
    """Deeply nested JSON: a whole line, or inside a JSON column."""
    lines = _lines(world)
    depth = rng.choice([20, 200, 900, 3000, 100_000])
    i = rng.randrange(len(lines))
    where = rng.choice(["line", "learning_areas", "version_vector"])
    if where == "line":
        lines[i] = b"[" * depth + b"]" * depth + b"\n"
    else:
        row = json.loads(lines[i])
        row[where] = RAW.format(0)
        nested = "[" * depth + "]" * depth if where == "learning_areas" else '{"a":' * depth + "1" + "}" * depth
        lines[i] = dump_line(row, {RAW.format(0): nested})
    return _rows_mutant(world, out, lines, f"{where} depth={depth}")


@mutation("rows.bytes", "rows")
def _rows_bytes(world: World, rng: random.Random, out: Path) -> Mutant:
    """Lines that are not UTF-8, carry a BOM, CR line ends, UTF-16, or no final newline."""
    lines = _lines(world)
    i = rng.randrange(len(lines))
    case = rng.choice(["latin1", "invalid", "bom", "crlf", "utf16", "no-newline", "nul-byte", "u2028", "overlong"])
    line = lines[i].rstrip(b"\n")
    if case == "latin1":
        lines[i] = (
            json.dumps(json.loads(line), ensure_ascii=False).encode("utf-8").replace(b"\xe0\xb8", b"\xe0") + b"\n"
        )
    elif case == "invalid":
        at = rng.randrange(len(line))
        lines[i] = line[:at] + rng.choice([b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80"]) + line[at:] + b"\n"
    elif case == "bom":
        lines[i] = b"\xef\xbb\xbf" + lines[i]
    elif case == "crlf":
        lines = [x.rstrip(b"\n") + b"\r\n" for x in lines]
    elif case == "utf16":
        lines[i] = line.decode().encode("utf-16") + b"\n"
    elif case == "no-newline":
        lines[-1] = lines[-1].rstrip(b"\n")
    elif case == "nul-byte":
        lines[i] = line + b"\x00\n"
    elif case == "u2028":
        lines[i] = line.replace(b'"phone"', b'"\xe2\x80\xa8phone"') + b"\n"
    else:
        lines[i] = line.replace(b'"', b"\xc0\xa2", 1) + b"\n"
    return _rows_mutant(world, out, lines, case)


@mutation("rows.many-lines", "rows")
def _rows_many(world: World, rng: random.Random, out: Path) -> Mutant:
    count = rng.choice([1000, 5000, 20_000])
    tiny = rng.choice([b"{}\n", b"\n", b"1\n", b"[]\n", b'{"id":1}\n'])
    lines = _lines(world)
    return _rows_mutant(world, out, lines + [tiny] * count, f"{count} x {tiny!r}")


@mutation("rows.erasure", "rows")
def _rows_erasure(world: World, rng: random.Random, out: Path) -> Mutant:
    """Erasures (a PDPA erasure deletes its target everywhere) aimed at records the school does not own."""
    erasures = world.rows("erasure")
    template = erasures[0]
    target = rng.choice(
        [
            ("personnel", rng.choice(world.other_ids)),
            ("personnel", world.other_parked_id),
            ("district_settings", world.settings_id),
            ("personnel", _uuid(rng)),
            ("personnel", rng.choice(world.school_ids)),
            ("erasure", template["id"]),
            (rng.choice(["sync_peers", "unknown", "", "personnel\x00"]), rng.choice(world.other_ids)),
            ("personnel", rng.choice(["", "x" * 37, "\ud800", "*", "%"])),
        ]
    )
    row = dict(template, id=_uuid(rng), target_kind=target[0], target_id=target[1])
    members = dict(world.members)
    members["data/erasure.jsonl"] = jsonl([*erasures, row])
    return Mutant(build(world, out, members), note=f"{target[0]!r} {target[1]!r}"[:70])


@mutation("rows.district-records", "rows")
def _rows_district(world: World, rng: random.Random, out: Path) -> Mutant:
    """district_settings rows in a school bundle (owned by the district or by the school)."""
    members = dict(world.members)
    row = {
        "id": rng.choice([world.settings_id, _uuid(rng)]),
        "owner_code": rng.choice([ESA_CODE, SCHOOL_CODE]),
        "version_db": (db := _uuid(rng)),
        "version_counter": 5,
        "version_vector": {db: 5},
        "created_at": "2026-01-01T00:00:00.000000Z",
        "updated_at": "2026-01-01T00:00:00.000000Z",
        "deleted_at": None,
        "academic_year": 2569,
        "plc_hours_target": rng.choice([0, 50, 10**6]),
        "deadlines": {},
        "needs_topics": [],
    }
    members["data/district_settings.jsonl"] = jsonl([row] if rng.random() < 0.8 else [])
    return Mutant(build(world, out, members), note=f"{row['owner_code']}")


# attachments ------------------------------------------------------------------------------------------------
def _attachment_names(world: World) -> list[str]:
    return [n for n in world.members if n.startswith("attachments/")]


@mutation("attachments.name-mismatch", "attachments")
def _att_mismatch(world: World, rng: random.Random, out: Path) -> Mutant:
    """An attachment whose name is not the SHA-256 of its content (the manifest lists the content's hash)."""
    members = dict(world.members)
    name = rng.choice(_attachment_names(world))
    members[name] = rng.choice([rng.randbytes(1500), b"", members[name][:-1], members[name] + b"\0"])
    return Mutant(build(world, out, members), note=name[:24])


@mutation("attachments.missing", "attachments")
def _att_missing(world: World, rng: random.Random, out: Path) -> Mutant:
    """A row points at an attachment that is neither in the bundle nor held by the district."""
    members = dict(world.members)
    rows = world.rows()
    case = rng.choice(["removed", "random", "known"])
    if case == "removed":
        for name in _attachment_names(world):
            del members[name]
    else:
        row = rng.choice(rows)
        row["photo_sha256"] = _sha(rng) if case == "random" else world.known_photo
        members["data/personnel.jsonl"] = jsonl(rows)
    return Mutant(build(world, out, members), note=case)


@mutation("attachments.unreferenced", "attachments")
def _att_unreferenced(world: World, rng: random.Random, out: Path) -> Mutant:
    members = dict(world.members)
    content = rng.choice([rng.randbytes(rng.randint(0, 5000)), b"", b"\0" * 2_000_000])
    members[f"attachments/{hashlib.sha256(content).hexdigest()}"] = content
    return Mutant(build(world, out, members), note=str(len(content)))


@mutation("attachments.bad-reference", "attachments")
def _att_bad_ref(world: World, rng: random.Random, out: Path) -> Mutant:
    rows = world.rows()
    row = rng.choice(rows)
    name = rng.choice(_attachment_names(world))[len("attachments/") :]
    row["photo_sha256"] = rng.choice(
        [name.upper(), name[:63], name + "0", "../../kaplc.sqlite3", "/etc/passwd", "g" * 64, "", 0, [name]]
    )
    return _rows_mutant(world, out, [dump_line(r) for r in rows], repr(row["photo_sha256"])[:30])


# forgeries: signed by another enrolled school, or by an unknown key -----------------------------------------
def _keys_of(keys: KeyPair) -> dict[str, str]:
    return {
        "sign": base64.b64encode(keys.public.sign_public).decode(),
        "box": base64.b64encode(keys.public.box_public).decode(),
    }


@mutation("forgery.other-school", "forgery")
def _forge_other(world: World, rng: random.Random, out: Path) -> Mutant:
    """The other enrolled school signs the school's bundle, claiming to be the school or itself."""
    other = world.other_keys
    case = rng.choice(["as-is", "keys", "keys+header", "as-itself", "rotation", "itself-owning"])
    header: dict[str, Any] = {}
    rows = world.rows()

    def manifest(m: dict[str, Any]) -> None:
        if case != "as-is":
            m["sender"]["keys"] = _keys_of(other)
        if case in ("as-itself", "itself-owning"):
            m["sender"]["code"] = OTHER_SCHOOL
        if case == "rotation":
            statement = f"kaplc-rotate:{world.school_keys.key_id}:{other.key_id}".encode()
            m["rotation"] = {
                "old_key_id": world.school_keys.key_id,
                "signature": base64.b64encode(other.sign(statement)).decode(),
            }

    if case != "as-is" and case != "keys":
        header["sender_key_id"] = other.key_id
    if case in ("as-itself", "itself-owning"):
        header["sender_code"] = OTHER_SCHOOL
    members = dict(world.members)
    if case == "itself-owning":  # the school's records relabelled as the other school's
        members["data/personnel.jsonl"] = jsonl([dict(r, owner_code=OTHER_SCHOOL) for r in rows])
        members["data/erasure.jsonl"] = jsonl([dict(r, owner_code=OTHER_SCHOOL) for r in world.rows("erasure")])
    expect = RESULTS if case == "itself-owning" else REFUSED
    return Mutant(
        build(world, out, members, signer="other", manifest=manifest, header=header), expect=expect, note=case
    )


@mutation("forgery.unknown-key", "forgery")
def _forge_unknown(world: World, rng: random.Random, out: Path) -> Mutant:
    """A key the district never saw: as the school (rekeyed), as a new school (first use), with broken keys."""
    keys = forger_keys(rng)
    case = rng.choice(["as-school", "new-school", "new-school-own-rows", "broken-keys", "as-district"])
    code = SCHOOL_CODE if case == "as-school" else (ESA_CODE if case == "as-district" else UNKNOWN_SCHOOL)
    claimed = _keys_of(keys)
    key_id = keys.key_id
    if case == "broken-keys":
        sign, box = rng.randbytes(rng.choice([0, 31, 33])), rng.randbytes(32)
        claimed = {"sign": base64.b64encode(sign).decode(), "box": base64.b64encode(box).decode()}
        key_id = PublicKeys(sign, box).key_id
    members = dict(world.members)
    if case == "new-school-own-rows":
        members["data/personnel.jsonl"] = jsonl([dict(r, owner_code=UNKNOWN_SCHOOL) for r in world.rows()])
        members["data/erasure.jsonl"] = jsonl([])

    def manifest(m: dict[str, Any]) -> None:
        m["sender"]["keys"] = claimed
        m["sender"]["code"] = code

    header = {"sender_key_id": key_id, "sender_code": code}
    return Mutant(build(world, out, members, signer=keys, manifest=manifest, header=header), expect=REFUSED, note=case)


# sequences: replays, bundles out of order --------------------------------------------------------------------
@mutation("sequence.good", "sequence")
def _good(world: World, rng: random.Random, out: Path) -> Mutant:
    """The good bundle itself, or re-signed unchanged (a control: it must apply)."""
    if rng.random() < 0.5:
        return Mutant(world.good, expect=("applied",))
    return Mutant(build(world, out, dict(world.members)), expect=("applied",), note="re-signed")


@mutation("sequence.replay", "sequence")
def _replay(world: World, rng: random.Random, out: Path) -> Mutant:
    """A bundle imported again: the same file, the same payload sealed again, or altered under the same id."""
    case = rng.choice(["first", "same-file", "resealed", "altered-same-id", "first-resealed"])
    if case == "first":
        return Mutant(world.first, expect=("already-imported",), records_unchanged=True, note=case)
    if case == "same-file":
        copy = out / "again.kaplc"
        shutil.copyfile(world.good, copy)
        return Mutant(copy, prelude=(world.good,), expect=("already-imported",), records_unchanged=True, note=case)
    if case == "first-resealed":
        payload = decrypt_payload(world.first, world.district, out / "first.zip")
        path = reseal(payload, world.first, world.district, out / "mutant.kaplc")
        return Mutant(path, expect=("already-imported",), records_unchanged=True, note=case)
    members = dict(world.members)
    if case == "altered-same-id":
        rows = world.rows()
        for r in rows:
            r["first_name_th"] = "แก้ไข"
            r["version_counter"] += 1000
            r["version_vector"][r["version_db"]] = r["version_counter"]
        members["data/personnel.jsonl"] = jsonl(rows)
    path = build(world, out, members)
    return Mutant(path, prelude=(world.good,), expect=("already-imported",), records_unchanged=True, note=case)


@mutation("sequence.out-of-order", "sequence")
def _out_of_order(world: World, rng: random.Random, out: Path) -> Mutant:
    """An older valid bundle after a newer one: applied (with a warning), but it never overwrites."""
    case = rng.choice(["good-after-newer", "good-resigned-after-newer", "sequence-rewound"])
    if case == "good-after-newer":
        return Mutant(world.good, prelude=(world.newer,), records_unchanged=True, note=case)
    if case == "good-resigned-after-newer":
        path = build(world, out, dict(world.members), manifest=lambda m: _set_path(m, ("bundle_id",), _uuid(rng)))
        return Mutant(path, prelude=(world.newer,), records_unchanged=True, note=case)
    seq = rng.choice([0, 1, 2, 3, 99])
    path = build(world, out, dict(world.members), manifest=lambda m: _set_path(m, ("sequence",), seq))
    return Mutant(path, note=f"{case} {seq}")


# --- running one import and checking what it did ----------------------------------------------------------
@dataclass
class Outcome:
    result: str  # applied | refused | already-imported | kaplc-error | crashed | (anything else import returned)
    reason: str = ""
    error: str = ""  # the exception, for a crash
    where: str = ""  # the innermost kaplc_desktop frame of a crash: file:function
    rows_changed: bool = False  # the database changed although nothing was applied
    violations: list[str] = field(default_factory=list)  # broken invariants after an import
    leftovers: list[str] = field(default_factory=list)  # decrypted payloads left in the district's tmp/
    suspicious: list[str] = field(default_factory=list)  # other oddities (not failures of the property)


def _table(folder: Path, table: str) -> list[dict[str, Any]]:
    return folder_dicts(folder, f'SELECT * FROM "{table}"')


def snapshot(folder: Path) -> dict[str, Any]:
    records = {(table, r["id"]): r for table in SYNCED_TABLES.values() for r in _table(folder, table)}
    imports = {r["id"]: r["sender_code"] for r in _table(folder, "sync_imports")}
    return {
        "records": records,
        "parked": {r["id"]: r for r in _table(folder, "sync_parked_rows")},
        "conflicts": {r["id"]: r for r in _table(folder, "sync_conflicts")},
        "peers": {r["code"]: r for r in _table(folder, "sync_peers")},
        "state": {r["peer_code"]: r for r in _table(folder, "sync_state")},
        "attachments": {r["sha256"] for r in _table(folder, "attachments")},
        "imports": imports,
    }


def _canonical_uuid(value: Any) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except (ValueError, TypeError, AttributeError):
        return False


def check_applied(before: dict[str, Any], after: dict[str, Any], sender: str) -> list[str]:
    """What an applied bundle may change: the sender's own records, and what the district keeps about them."""
    problems = []
    owners = {key: r["owner_code"] for key, r in before["records"].items()}
    for key in before["records"].keys() | after["records"].keys():
        old, new = before["records"].get(key), after["records"].get(key)
        if old == new:
            continue
        owner = (new or old)["owner_code"]
        if owner != sender or (old and new and old["owner_code"] != new["owner_code"]):
            problems.append(f"{key[0]} {key[1]} of {old and old['owner_code']} changed by {sender}")
    for key, row in after["records"].items():
        table = key[0]
        allowed = (ESA_CODE,) if table == "district_settings" else (SCHOOL_CODE, OTHER_SCHOOL)
        vector = json.loads(row["version_vector"] or "null")
        if row["owner_code"] not in allowed:
            problems.append(f"{table} {key[1]} owned by {row['owner_code']!r}")
        if not _canonical_uuid(row["id"]):
            problems.append(f"{table} id {row['id']!r} is not a UUID")
        if not isinstance(vector, dict) or vector.get(row["version_db"]) != row["version_counter"]:
            problems.append(f"{table} {key[1]}: version {row['version_db']}/{row['version_counter']} not in {vector}")
    for pid, row in before["parked"].items():
        if after["parked"].get(pid) != row and before["imports"].get(row["import_id"]) != sender:
            problems.append(
                f"parked row {pid} ({row['record_id']}) of {before['imports'].get(row['import_id'])} "
                f"removed by {sender}"
            )
    for cid, row in before["conflicts"].items():
        owner = next((o for (t, i), o in owners.items() if i == row["record_id"]), None)
        if after["conflicts"].get(cid) != row and owner != sender:
            problems.append(f"conflict copy {cid} of {owner} removed by {sender}")
    for part in ("peers", "state"):
        for code, row in before[part].items():
            if code != sender and after[part].get(code) != row:
                problems.append(f"sync {part} of {code} changed by {sender}")
    return problems


def attachment_problems(folder: Path, snap: dict[str, Any]) -> list[str]:
    """Attachments the district lists (or its records point at) without the file, or with another content."""
    problems = []
    for sha in sorted(snap["attachments"]):
        path = attachment_store.path_for(folder, sha)
        if not path.is_file():
            problems.append(f"attachment {sha[:12]} listed but no file")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(f"attachment {sha[:12]} file differs from its name")
    for (table, rid), row in snap["records"].items():
        sha = row.get("photo_sha256")
        if sha and not attachment_store.has(folder, sha):
            problems.append(f"{table} {rid} points at attachment {str(sha)[:12]} with no file")
    return problems


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "kaplc_desktop" in f.filename]
    if not frames:
        return ""
    f = frames[-1]
    return f"{f.filename.split('kaplc_desktop')[-1].lstrip('/')}:{f.name}"


def run_import(world: World, mutant: Mutant) -> Outcome:
    """Imports a mutant into the district (after its prelude) and checks every property; leaves the district
    changed if anything was applied (the caller resets it when it needs the baseline back)."""
    district = world.district
    for path in mutant.prelude:
        if district.sync.import_bundles([path], dry_run=False)[0].result != "applied":
            raise RuntimeError(f"prelude {path.name} was not applied")
    folder = world.district_dir
    digest, before = db_digest(folder), snapshot(folder)
    tmp = folder / "tmp"
    try:
        outcomes = district.sync.import_bundles([mutant.path], dry_run=False)
    except KaplcError as exc:
        outcome = Outcome("kaplc-error", reason=type(exc).__name__)
    except Exception as exc:  # anything else is a bug: a crash
        message = " ".join(str(exc).split())[:200]
        outcome = Outcome("crashed", error=f"{type(exc).__name__}: {message}", where=_where(exc))
    else:
        if len(outcomes) != 1:
            outcome = Outcome("crashed", error=f"{len(outcomes)} outcomes for one file")
        else:
            o = outcomes[0]
            outcome = Outcome(o.result, reason=o.refusal.reason if o.refusal else "")
    after = snapshot(folder)
    if outcome.result == "applied":
        sender = outcomes[0].plan.bundle.manifest.sender_code  # type: ignore[union-attr]
        outcome.violations += check_applied(before, after, sender)
        if mutant.records_unchanged and before["records"] != after["records"]:
            outcome.violations.append("records changed by a replay or an older bundle")
        outcome.suspicious += attachment_problems(folder, after)
    elif db_digest(folder) != digest:
        outcome.rows_changed = True
    if outcome.result not in ("crashed", "kaplc-error") and outcome.result not in mutant.expect:
        outcome.violations.append(f"{outcome.result} ({outcome.reason}) where {'/'.join(mutant.expect)} was expected")
    for leftover in sorted(tmp.iterdir()) if tmp.is_dir() else []:
        if leftover.name.startswith("incoming-"):
            outcome.leftovers.append(leftover.name)
        else:
            outcome.suspicious.append(f"left in tmp/: {leftover.name}")
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
    return outcome


def failures(outcome: Outcome) -> list[str]:
    """What breaks the property: a crash, a result outside applied/refused/already-imported, a refused (or
    replayed) file that changed the database, a broken invariant, a decrypted payload left in tmp/."""
    problems = []
    if outcome.result == "crashed":
        problems.append(f"crashed: {outcome.error} [{outcome.where}]")
    elif outcome.result not in (*RESULTS, "kaplc-error"):
        problems.append(f"unexpected result {outcome.result!r}")
    if outcome.rows_changed:
        problems.append(f"{outcome.result} ({outcome.reason}) but the database changed")
    problems += outcome.violations
    problems += [f"decrypted payload left in tmp/: {name}" for name in outcome.leftovers]
    return problems


@dataclass(frozen=True)
class Finding:
    """A bug found by this fuzzer and not fixed yet: its symptom is tolerated by the property test, so the test
    keeps guarding against new ones (every finding so far is fixed and kept by tests/test_sync_fuzz_findings.py)."""

    test: str
    symptom: str  # a substring of the failure (see failures) or of a suspicious note

    def matches(self, text: str) -> bool:
        return self.symptom in text


KNOWN_FINDINGS: list[Finding] = []  # every finding so far is fixed; see tests/test_sync_fuzz_findings.py


def known(text: str) -> Finding | None:
    return next((f for f in KNOWN_FINDINGS if f.matches(text)), None)


def mutant_summary(mutant: Mutant) -> str:
    return f"{mutant.path.name} ({mutant.note})" if mutant.note else mutant.path.name


def payload_of(world: World, path: Path, out: Path) -> dict[str, bytes]:
    """The members of a bundle's payload (for tests that look inside a mutant)."""
    return dict(_zip_members(decrypt_payload(path, world.district, out)))
