"""Key backups: a district's private keys, sealed with a passphrase, rebuild a lost laptop's ability to open
the bundles its schools already sent; anything else given as a backup is refused with nothing changed."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import ESA, Side, db_digest, fp, make_district, make_school, open_side

from kaplc_desktop.cli.main import main
from kaplc_desktop.errors import KaplcError
from kaplc_desktop.i18n import set_language
from kaplc_desktop.sync import key_backup
from kaplc_desktop.sync.key_backup import read_key_backup, write_key_backup

PASSPHRASE = "ครูดี ศิษย์ดี 2569"  # Thai and digits, 18 characters


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at libsodium's minimum cost, so tests that derive hundreds of keys stay quick. The reader takes
    the cost from the file, so reading is exercised exactly as with the real cost (see test_real_kdf_cost)."""
    monkeypatch.setattr(key_backup, "OPSLIMIT", 1)
    monkeypatch.setattr(key_backup, "MEMLIMIT", 8192)


@pytest.fixture
def district(tmp_path: Path) -> Iterator[Side]:
    side = make_district(tmp_path / "district")
    yield side
    side.close()


def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    return folder


def keys_of(side: Side) -> set[str]:
    return set(side.sync.all_keys())


def test_new_laptop_opens_bundles_sent_to_the_lost_one(tmp_path: Path, district: Side) -> None:
    school = make_school(tmp_path / "school", district, staff=3)
    district.sync.rotate_keys()  # an old key and a current one: both must travel
    backup = tmp_path / "keys.json"
    assert district.sync.backup_keys(backup, PASSPHRASE) == 2
    # the school's bundle, encrypted to the district key it enrolled (the first one)
    bundle = school.sync.export_bundle(usb(tmp_path)).path
    school_fp = fp(school)
    school.close()

    # the laptop is lost; a new district workspace of the same ESA, which already made a key of its own
    fresh = make_district(tmp_path / "new-laptop")
    try:
        own = fresh.sync.ensure_keys().key_id
        assert fresh.sync.import_bundles([bundle], dry_run=True)[0].result == "refused"
        assert fresh.sync.restore_keys(backup, PASSPHRASE) == 2
        assert keys_of(fresh) == keys_of(district) | {own}
        outcome = fresh.sync.import_bundles([bundle], dry_run=False, trust=[school_fp])[0]
        assert outcome.result == "applied", outcome.to_json()
        assert outcome.plan is not None and outcome.plan.counts()["personnel"]["new"] == 3
        # restoring again adds nothing and changes nothing
        before = db_digest(fresh.ctx.data_dir)
        assert fresh.sync.restore_keys(backup, PASSPHRASE) == 0
        assert db_digest(fresh.ctx.data_dir) == before
    finally:
        fresh.close()


def test_restored_rows_are_the_original_rows(tmp_path: Path, district: Side) -> None:
    """Every column comes back as it was (retired_at too); with no key of its own, the restored current key
    is the one in use."""
    import sqlite3

    district.sync.rotate_keys()
    backup = tmp_path / "keys.json"
    district.sync.backup_keys(backup, PASSPHRASE)
    fresh = make_district(tmp_path / "new-laptop")
    try:
        assert fresh.sync.restore_keys(backup, PASSPHRASE) == 2
        assert fresh.sync.keys_info()["fingerprint"] == district.sync.keys_info()["fingerprint"]
    finally:
        fresh.close()

    def rows(folder: Path) -> list[tuple]:
        conn = sqlite3.connect(folder / "kaplc.sqlite3")
        try:
            found = conn.execute(
                "SELECT key_id, sign_secret, box_secret, created_at, retired_at, rotation_chain "
                "FROM sync_local_keys ORDER BY key_id"
            ).fetchall()
        finally:
            conn.close()
        return [(*r[:5], json.loads(r[5])) for r in found]  # JSON compared as data, not as its spelling

    original = rows(tmp_path / "district")
    assert rows(tmp_path / "new-laptop") == original
    assert sum(1 for r in original if r[4] is not None) == 1  # one retired key, carried as retired
    assert sum(1 for r in original if r[5]) == 1  # the current key's rotation statement travels too


def test_a_newer_restored_key_becomes_current(tmp_path: Path) -> None:
    fresh = make_district(tmp_path / "new-laptop")
    fresh.sync.ensure_keys()  # made before the backed-up key
    original = make_district(tmp_path / "district")
    try:
        current = original.sync.ensure_keys().key_id
        original.sync.backup_keys(tmp_path / "keys.json", PASSPHRASE)
        fresh.sync.restore_keys(tmp_path / "keys.json", PASSPHRASE)
        assert fresh.sync.ensure_keys().key_id == current
    finally:
        fresh.close()
        original.close()


def test_wrong_passphrase_is_refused_and_changes_nothing(tmp_path: Path, district: Side) -> None:
    backup = tmp_path / "keys.json"
    district.sync.backup_keys(backup, PASSPHRASE)
    fresh = make_district(tmp_path / "new-laptop")
    try:
        fresh.sync.ensure_keys()
        before = db_digest(fresh.ctx.data_dir)
        set_language("en")
        with pytest.raises(KaplcError, match="passphrase is wrong or the backup file was altered"):
            fresh.sync.restore_keys(backup, PASSPHRASE + "x")
        with pytest.raises(KaplcError):
            fresh.sync.restore_keys(backup, "")
        assert db_digest(fresh.ctx.data_dir) == before
    finally:
        fresh.close()


def test_every_flipped_bit_is_refused(tmp_path: Path, district: Side) -> None:
    """Any change anywhere in the file: clear fields, KDF cost, salt, nonce, ciphertext, even the spare bits
    of the base64 (which decode to the same bytes unless the reader insists on the canonical spelling)."""
    backup = tmp_path / "keys.json"
    district.sync.backup_keys(backup, PASSPHRASE)
    data = backup.read_bytes()
    read_key_backup(backup, PASSPHRASE)  # the file as written is good
    altered = tmp_path / "altered.json"
    accepted = []
    for position in range(len(data)):
        for bit in range(8):
            changed = bytearray(data)
            changed[position] ^= 1 << bit
            altered.write_bytes(bytes(changed))
            try:
                read_key_backup(altered, PASSPHRASE)
            except KaplcError:
                continue
            accepted.append((position, bit))
    assert accepted == []


def test_altered_clear_fields_are_refused(tmp_path: Path, district: Side) -> None:
    """The clear header is sealed inside too: another code, name or date is refused though still valid JSON."""
    backup = tmp_path / "keys.json"
    district.sync.backup_keys(backup, PASSPHRASE)
    set_language("en")
    for edit in (
        lambda d: d["workspace"].update(code="9003"),
        lambda d: d["workspace"].update(name="another"),
        lambda d: d.update(created_at="2020-01-01T00:00:00Z"),
        lambda d: d["keys"].reverse() or d["keys"].append(d["keys"][0]),
    ):
        document = json.loads(backup.read_text(encoding="utf-8"))
        edit(document)
        altered = tmp_path / "altered.json"
        altered.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(KaplcError):
            read_key_backup(altered, PASSPHRASE)
    document = json.loads(backup.read_text(encoding="utf-8"))
    box = bytearray(base64.b64decode(document["ciphertext"]))
    box[-1] ^= 1  # inside the ciphertext: only the MAC can tell
    document["ciphertext"] = base64.b64encode(bytes(box)).decode()
    altered.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(KaplcError, match="passphrase is wrong or the backup file was altered"):
        read_key_backup(altered, PASSPHRASE)


def test_backup_of_another_workspace_is_refused(tmp_path: Path, district: Side) -> None:
    school = make_school(tmp_path / "school", district)
    try:
        backup = tmp_path / "school-keys.json"
        school.sync.backup_keys(backup, PASSPHRASE)
        before = db_digest(district.ctx.data_dir)
        set_language("en")
        with pytest.raises(KaplcError, match="belongs to 1090050001"):
            district.sync.restore_keys(backup, PASSPHRASE)
        assert db_digest(district.ctx.data_dir) == before
    finally:
        school.close()
    other_esa = make_district_of(tmp_path / "other-esa", "9003")
    try:
        district.sync.backup_keys(tmp_path / "district-keys.json", PASSPHRASE)
        with pytest.raises(KaplcError, match=f"belongs to {ESA}"):
            other_esa.sync.restore_keys(tmp_path / "district-keys.json", PASSPHRASE)
    finally:
        other_esa.close()


def make_district_of(folder: Path, esa: str) -> Side:
    from kaplc_desktop.context import AppContext
    from kaplc_desktop.services.workspace import clean_district_setup

    with AppContext.open(folder, create=True) as ctx:
        ctx.workspace.init_district(clean_district_setup(esa, "สพป.อื่น"))
    return open_side(folder)


def test_short_passphrase_and_bad_targets_write_nothing(tmp_path: Path, district: Side) -> None:
    set_language("en")
    with pytest.raises(KaplcError, match="at least 10 characters"):
        district.sync.backup_keys(tmp_path / "keys.json", "123456789")
    with pytest.raises(KaplcError, match="is a folder"):
        district.sync.backup_keys(tmp_path, PASSPHRASE)
    with pytest.raises(KaplcError, match="does not exist"):
        district.sync.backup_keys(tmp_path / "missing" / "keys.json", PASSPHRASE)
    assert not (tmp_path / "keys.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_real_kdf_cost(tmp_path: Path, district: Side) -> None:
    """Without the quick fixture: the file names Argon2id at 6 passes over 256 MiB, and reads back."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(key_backup, "OPSLIMIT", 6)
        mp.setattr(key_backup, "MEMLIMIT", 256 * 1024 * 1024)
        backup = tmp_path / "keys.json"
        district.sync.backup_keys(backup, PASSPHRASE)
    document = json.loads(backup.read_text(encoding="utf-8"))
    assert document["kdf"]["name"] == "argon2id"
    assert (document["kdf"]["opslimit"], document["kdf"]["memlimit"]) == (6, 256 * 1024 * 1024)
    assert (document["format"], document["version"]) == ("kaplc-key-backup", 1)
    assert document["workspace"]["kind"] == "district" and document["workspace"]["code"] == ESA
    assert len(read_key_backup(backup, PASSPHRASE).rows) == 1


def test_columns_travel_generically(tmp_path: Path, district: Side) -> None:
    """A column added later (here a made-up nickname) is carried without code changes; a backup lacking a
    column the table has leaves it to its default; a column this version lacks is ignored."""
    from sqlalchemy import Column, MetaData, String, Table

    from kaplc_desktop.data.column_shapes import column_shapes
    from kaplc_desktop.data.models.sync_tables import LocalKey

    keys = district.sync.ensure_keys()
    row = {
        "key_id": keys.key_id,
        "sign_secret": keys.sign_secret,
        "box_secret": keys.box_secret,
        "nickname": "กุญแจสำนักงาน",
    }
    backup = tmp_path / "keys.json"
    write_key_backup(backup, [row], PASSPHRASE, kind="district", code=ESA)
    newer = Table(
        "sync_local_keys",
        MetaData(),
        *[
            Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable, default=c.default and c.default.arg)
            for c in LocalKey.__table__.columns
        ],
        Column("nickname", String(100), nullable=True),
    )
    assert read_key_backup(backup, PASSPHRASE, column_shapes(newer)).rows[0]["nickname"] == row["nickname"]
    today = read_key_backup(backup, PASSPHRASE).rows[0]
    assert set(today) == {"key_id", "sign_secret", "box_secret"}  # no created_at: the default applies

    fresh = make_district(tmp_path / "new-laptop")
    try:
        assert fresh.sync.restore_keys(backup, PASSPHRASE) == 1
        assert fresh.sync.ensure_keys().key_id == keys.key_id
    finally:
        fresh.close()


def test_rows_that_lie_about_their_keys_are_refused(tmp_path: Path, district: Side) -> None:
    """Even sealed with the right passphrase: a key id that does not match its keys, a short key, a naive
    date, a missing required column."""
    keys = district.sync.ensure_keys()
    good = {"key_id": keys.key_id, "sign_secret": keys.sign_secret, "box_secret": keys.box_secret}
    now = dt.datetime.now(dt.UTC)
    backup = tmp_path / "keys.json"
    for row in (
        {**good, "created_at": now, "retired_at": now.replace(tzinfo=None)},
        {**good, "created_at": "yesterday"},
        {**good, "retired_at": 5},
        {**good, "created_at": None},
    ):
        write_key_backup(backup, [row], PASSPHRASE, kind="district", code=ESA)
        with pytest.raises(KaplcError):
            read_key_backup(backup, PASSPHRASE)
    with pytest.raises(KaplcError):
        sealed(tmp_path, [{**good, "key_id": "0" * 32}])
    with pytest.raises(KaplcError):
        sealed(tmp_path, [{k: v for k, v in good.items() if k != "box_secret"}])
    with pytest.raises(KaplcError):
        sealed(tmp_path, [{**good, "sign_secret": keys.sign_secret[:31]}])
    with pytest.raises(KaplcError):
        sealed(tmp_path, [good, good])


def sealed(tmp_path: Path, rows: list[dict], body_suffix: bytes = b"") -> object:
    """Writes rows as a backup whose clear key list matches them (a passphrase holder's crafted file), reads it."""
    import nacl.secret
    import nacl.utils

    from kaplc_desktop.sync.canonical import canonical_json
    from kaplc_desktop.sync.keys import format_fingerprint

    salt, nonce = nacl.utils.random(16), nacl.utils.random(24)
    header = {
        "format": "kaplc-key-backup",
        "version": 1,
        "workspace": {"kind": "district", "code": ESA, "name": ""},
        "created_at": "2026-01-01T00:00:00Z",
        "keys": [{"key_id": r["key_id"], "fingerprint": format_fingerprint(r["key_id"])} for r in rows],
        "kdf": {"name": "argon2id", "opslimit": 1, "memlimit": 8192, "salt": base64.b64encode(salt).decode()},
        "cipher": {"name": "xsalsa20poly1305", "nonce": base64.b64encode(nonce).decode()},
    }
    body = canonical_json({"header": header, "rows": [key_backup.encode_row(r) for r in rows]})
    if body_suffix:
        body = body[:-1] + b',"deep":' + body_suffix + b"}"
    key = key_backup._derive(PASSPHRASE, salt, 1, 8192)
    box = nacl.secret.SecretBox(key).encrypt(body, nonce).ciphertext
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(dict(header, ciphertext=base64.b64encode(box).decode())), encoding="utf-8")
    return read_key_backup(path, PASSPHRASE)


def test_large_and_deep_files_are_refused(tmp_path: Path, district: Side) -> None:
    backup = tmp_path / "keys.json"
    district.sync.backup_keys(backup, PASSPHRASE)
    padded = tmp_path / "padded.json"
    padded.write_bytes(backup.read_bytes() + b" " * (1024 * 1024))  # still the same JSON, but over 1 MiB
    with pytest.raises(KaplcError):
        read_key_backup(padded, PASSPHRASE)
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 200_000)
    with pytest.raises(KaplcError):
        read_key_backup(deep, PASSPHRASE)
    with pytest.raises(KaplcError):
        read_key_backup(tmp_path / "missing.json", PASSPHRASE)
    keys = district.sync.ensure_keys()
    good = {"key_id": keys.key_id, "sign_secret": keys.sign_secret, "box_secret": keys.box_secret}
    with pytest.raises(KaplcError):  # sealed with the passphrase, but nested past Python's recursion limit
        sealed(tmp_path, [good], body_suffix=b"[" * 50_000 + b"]" * 50_000)


def test_base64_must_be_spelled_canonically(tmp_path: Path, district: Side) -> None:
    """The ciphertext's spare base64 bits are outside the MAC: a reader must refuse a second spelling."""
    keys = district.sync.ensure_keys()
    row = {"key_id": keys.key_id, "sign_secret": keys.sign_secret, "box_secret": keys.box_secret}
    backup = tmp_path / "keys.json"
    for name in ("", "x", "xx"):  # one of three ciphertext lengths leaves spare bits
        write_key_backup(backup, [row], PASSPHRASE, kind="district", code=ESA, name=name)
        document = json.loads(backup.read_text(encoding="utf-8"))
        if document["ciphertext"].endswith("="):
            break
    text = document["ciphertext"].rstrip("=")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet[alphabet.index(text[-1]) ^ 1]  # the lowest bit is always spare
    document["ciphertext"] = text[:-1] + last + "=" * (len(document["ciphertext"]) - len(text))
    assert base64.b64decode(document["ciphertext"]) == base64.b64decode(text + "=" * (-len(text) % 4))
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(KaplcError):
        read_key_backup(backup, PASSPHRASE)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
FIELDS = ["format", "version", "workspace", "created_at", "keys", "kdf", "cipher", "ciphertext"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.binary(max_size=400),
    field=st.sampled_from(FIELDS),
    value=json_values,
    inner=json_values,
    choice=st.integers(min_value=0, max_value=3),
)
def test_anything_as_a_backup_is_refused_cleanly(
    tmp_path: Path, raw: bytes, field: str, value: object, inner: object, choice: int
) -> None:
    """Arbitrary bytes, arbitrary JSON, a real backup with one field replaced, or a sealed body of arbitrary
    JSON: only ever a KaplcError."""
    import nacl.secret

    path = tmp_path / "hostile.json"
    template = {
        "format": "kaplc-key-backup",
        "version": 1,
        "workspace": {"kind": "district", "code": ESA, "name": ""},
        "created_at": "2026-01-01T00:00:00Z",
        "keys": [{"key_id": "0" * 32, "fingerprint": "0000-0000-0000-0000"}],
        "kdf": {"name": "argon2id", "opslimit": 1, "memlimit": 8192, "salt": base64.b64encode(b"s" * 16).decode()},
        "cipher": {"name": "xsalsa20poly1305", "nonce": base64.b64encode(b"n" * 24).decode()},
    }
    if choice == 0:
        path.write_bytes(raw)
    elif choice == 1:
        path.write_text(json.dumps(value), encoding="utf-8")
    else:
        key = key_backup._derive(PASSPHRASE, b"s" * 16, 1, 8192)
        body = inner if choice == 2 else {"header": template, "rows": inner}
        box = nacl.secret.SecretBox(key).encrypt(json.dumps(body).encode(), b"n" * 24).ciphertext
        document = dict(template, ciphertext=base64.b64encode(box).decode())
        if choice == 2:
            document[field] = value
        path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(KaplcError):
        read_key_backup(path, PASSPHRASE)


# --- the command line ----------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    original, fresh = str(tmp_path / "district"), str(tmp_path / "new-laptop")
    for folder in (original, fresh):
        assert (
            run(capsys, "--data-dir", folder, "init", "district", "--esa-code", ESA, "--esa-name", "สพป.ทดสอบ")[0] == 0
        )
    code, out, _err = run(capsys, "--data-dir", original, "keys", "show", "--json")
    fingerprint = json.loads(out)["fingerprint"]
    backup = str(tmp_path / "keys.json")

    monkeypatch.delenv("KAPLC_KEY_PASSPHRASE", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": (_ for _ in ()).throw(EOFError()))
    code, _out, err = run(capsys, "--data-dir", original, "keys", "backup", "--out", backup)
    assert code == 2 and "KAPLC_KEY_PASSPHRASE" in err and not Path(backup).exists()

    monkeypatch.setenv("KAPLC_KEY_PASSPHRASE", PASSPHRASE)
    code, out, _err = run(capsys, "--lang", "en", "--data-dir", original, "keys", "backup", "--out", backup)
    assert code == 0 and "1 key." in out and fingerprint in out

    before = db_digest(Path(fresh))
    monkeypatch.setenv("KAPLC_KEY_PASSPHRASE", "not the passphrase")
    code, out, err = run(capsys, "--lang", "en", "--data-dir", fresh, "keys", "restore", backup)
    assert code == 2 and out == "" and err.count("\n") == 1 and "passphrase is wrong" in err
    assert db_digest(Path(fresh)) == before

    monkeypatch.setenv("KAPLC_KEY_PASSPHRASE", PASSPHRASE)
    code, out, _err = run(capsys, "--data-dir", fresh, "keys", "restore", backup, "--json")
    result = json.loads(out)
    assert code == 0 and result["count"] == 1 and [k["fingerprint"] for k in result["keys"]] == [fingerprint]
    code, out, _err = run(capsys, "--data-dir", fresh, "keys", "show", "--json")
    assert json.loads(out)["fingerprint"] == fingerprint

    monkeypatch.setenv("KAPLC_KEY_PASSPHRASE", "short")
    code, _out, err = run(capsys, "--lang", "en", "--data-dir", original, "keys", "backup", "--out", backup + "2")
    assert code == 2 and "at least 10 characters" in err and not Path(backup + "2").exists()


def test_cli_asks_twice_without_the_variable(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = str(tmp_path / "district")
    run(capsys, "--data-dir", folder, "init", "district", "--esa-code", ESA, "--esa-name", "สพป.ทดสอบ")
    monkeypatch.delenv("KAPLC_KEY_PASSPHRASE", raising=False)
    answers = iter([PASSPHRASE, PASSPHRASE + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    backup = tmp_path / "keys.json"
    code, _out, err = run(capsys, "--lang", "en", "--data-dir", folder, "keys", "backup", "--out", str(backup))
    assert code == 2 and "differ" in err and not backup.exists()
    answers = iter([PASSPHRASE, PASSPHRASE])
    code, _out, _err = run(capsys, "--data-dir", folder, "keys", "backup", "--out", str(backup))
    assert code == 0 and backup.exists()
