"""Key backup files: a workspace's private keys sealed with a passphrase, so a lost laptop does not mean
losing every bundle still on its way to it.

The file is UTF-8 JSON (at most 1 MiB), readable enough to see whose keys it holds:

    {"format": "kaplc-key-backup", "version": 1,
     "workspace": {"kind": "district", "code": "9002", "name": "…"},
     "created_at": "2026-11-25T08:00:00Z",
     "keys": [{"key_id": "<32 hex>", "fingerprint": "3F2A-91C0-77DE-0B45"}, …],
     "kdf": {"name": "argon2id", "opslimit": 6, "memlimit": 268435456, "salt": "<base64, 16 bytes>"},
     "cipher": {"name": "xsalsa20poly1305", "nonce": "<base64, 24 bytes>"},
     "ciphertext": "<base64>"}

The key is Argon2id (libsodium's crypto_pwhash) of the passphrase; the ciphertext is a secretbox of the
canonical JSON of {"header": every field above but "ciphertext", "rows": [...]}. Reading compares that
header with the clear one byte for byte, so every clear field is authenticated too.

Rows carry every column of `sync_local_keys` generically: bytes as base64, datetimes as ISO 8601 text,
anything else as its JSON value. They are decoded by the types of the table's columns at restore time,
so a column added later travels without code changes; a column an older backup lacks is left to its
default; a column this version does not know is ignored.

KDF cost: opslimit 6, memlimit 256 MiB. Measured on the 2-core development machine (AMD EPYC, 2026):
libsodium's INTERACTIVE (2, 64 MiB) 0.07 s, MODERATE (3, 256 MiB) 0.41–0.48 s, (6, 256 MiB) 0.70–0.74 s,
(8, 256 MiB) 0.95–1.04 s, SENSITIVE (4, 1 GiB) 2.6–4.4 s. 6 × 256 MiB keeps one guess near 0.7 s here
(1–2 s on an older district laptop) without needing a gigabyte of free memory.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.column_shapes import ColumnShape, column_shapes
from ..errors import KaplcError
from ..i18n import _
from .canonical import canonical_json
from .keys import format_fingerprint

FORMAT = "kaplc-key-backup"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_KEYS = 1000
MIN_PASSPHRASE = 10
MAX_PASSPHRASE = 1024
PASSPHRASE_ENV = "KAPLC_KEY_PASSPHRASE"

KDF_NAME = "argon2id"
CIPHER_NAME = "xsalsa20poly1305"
OPSLIMIT = 6  # see the module docstring for the measurement
MEMLIMIT = 256 * 1024 * 1024
# what a reader accepts from a file (the cost is the file's; these bounds keep a hostile one from
# asking for hours or gigabytes)
MAX_READ_OPSLIMIT = 32
MAX_READ_MEMLIMIT = 1024 * 1024 * 1024
SALT_BYTES = 16  # nacl.pwhash.argon2id.SALTBYTES
NONCE_BYTES = 24  # nacl.secret.SecretBox.NONCE_SIZE
KEY_BYTES = 32

HEADER_FIELDS = {"format", "version", "workspace", "created_at", "keys", "kdf", "cipher"}


@dataclass(frozen=True)
class KeyBackup:
    kind: str  # school | district
    code: str
    name: str
    created_at: str
    rows: list[dict[str, Any]]  # decoded for the table: ready to insert


class _Bad(Exception):
    """Anything wrong with the file's shape (turned into one KaplcError)."""


def check_passphrase(passphrase: str) -> str:
    """The passphrase as used (Unicode NFC), or a refusal if it is too short or too long."""
    if not isinstance(passphrase, str):
        raise KaplcError(_("The passphrase must have at least {n} characters.").format(n=MIN_PASSPHRASE))
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_PASSPHRASE:
        raise KaplcError(_("The passphrase must have at least {n} characters.").format(n=MIN_PASSPHRASE))
    if len(text) > MAX_PASSPHRASE:
        raise KaplcError(_("The passphrase is too long (at most {n} characters).").format(n=MAX_PASSPHRASE))
    return text


# --- writing -------------------------------------------------------------------------------------------
def write_key_backup(
    path: Path, rows: list[dict[str, Any]], passphrase: str, *, kind: str, code: str, name: str = ""
) -> None:
    """Writes `rows` (every column of sync_local_keys) sealed with `passphrase`, atomically."""
    import nacl.secret
    import nacl.utils

    from ..atomic_file import write_text_atomic
    from .keys import KeyPair

    secret = check_passphrase(passphrase)
    path = Path(path)
    if path.is_dir():
        raise KaplcError(
            _("{path} is a folder. Give a file name, e.g. {example}.").format(
                path=path, example=path / f"kaplc-keys-{code}.json"
            )
        )
    if not rows:
        raise KaplcError(_("This workspace has no keys to back up."))
    salt = nacl.utils.random(SALT_BYTES)
    nonce = nacl.utils.random(NONCE_BYTES)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "workspace": {"kind": kind, "code": code, "name": name},
        "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keys": [
            {"key_id": r["key_id"], "fingerprint": KeyPair(r["sign_secret"], r["box_secret"]).public.fingerprint}
            for r in rows
        ],
        "kdf": {"name": KDF_NAME, "opslimit": OPSLIMIT, "memlimit": MEMLIMIT, "salt": _b64(salt)},
        "cipher": {"name": CIPHER_NAME, "nonce": _b64(nonce)},
    }
    plaintext = canonical_json({"header": header, "rows": [encode_row(r) for r in rows]})
    key = _derive(secret, salt, OPSLIMIT, MEMLIMIT)
    ciphertext = nacl.secret.SecretBox(key).encrypt(plaintext, nonce).ciphertext
    document = dict(header, ciphertext=_b64(ciphertext))
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    return {name: _encode_value(value) for name, value in row.items()}


def _encode_value(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _b64(bytes(value))
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


# --- reading -------------------------------------------------------------------------------------------
def read_key_backup(path: Path, passphrase: str, columns: list[ColumnShape] | None = None) -> KeyBackup:
    """The rows of a key backup, decoded for `columns` (default: sync_local_keys as it is). Refuses anything else."""
    path = Path(path)
    bad = KaplcError(_("{name} is not a KA-PLC key backup file, or it is damaged.").format(name=path.name))
    wrong = KaplcError(_("The passphrase is wrong or the backup file was altered."))
    if not isinstance(passphrase, str) or not passphrase:
        raise wrong
    secret = unicodedata.normalize("NFC", passphrase)
    if len(secret) > MAX_PASSPHRASE:
        raise wrong
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise KaplcError(_("The file {path} was not found.").format(path=path)) from None
    except OSError:
        raise bad from None
    if len(data) > MAX_BYTES:
        raise bad
    try:
        outer = _parse_json(data)
        if not isinstance(outer, dict) or outer.get("format") != FORMAT:
            raise _Bad
        version = outer.get("version")
        if _is_int(version) and version > VERSION:
            raise KaplcError(_("The key backup file was made by a newer version of KA-PLC Desktop. Update the app."))
        header, salt, nonce, ciphertext, ops, mem = _check_outer(outer)
    except _Bad:
        raise bad from None

    import nacl.exceptions
    import nacl.secret

    key = _derive(secret, salt, ops, mem)
    try:
        plaintext = nacl.secret.SecretBox(key).decrypt(ciphertext, nonce)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise wrong from None
    try:
        inner = _parse_json(plaintext)
        if not isinstance(inner, dict) or set(inner) != {"header", "rows"}:
            raise _Bad
        if canonical_json(inner["header"]) != canonical_json(header):
            raise wrong  # a clear field was changed after sealing
        rows = decode_rows(inner["rows"], columns if columns is not None else _local_key_columns())
    except (_Bad, ValueError, TypeError, RecursionError):
        raise bad from None
    if sorted(r["key_id"] for r in rows) != sorted(k["key_id"] for k in header["keys"]):
        raise bad
    workspace = header["workspace"]
    return KeyBackup(workspace["kind"], workspace["code"], workspace["name"], header["created_at"], rows)


def _check_outer(outer: dict[str, Any]) -> tuple[dict[str, Any], bytes, bytes, bytes, int, int]:
    """Type-checks every clear field; returns the header (all but the ciphertext) and the decoded values."""
    if set(outer) != HEADER_FIELDS | {"ciphertext"} or outer["version"] != VERSION or not _is_int(outer["version"]):
        raise _Bad
    workspace = outer["workspace"]
    if not isinstance(workspace, dict) or set(workspace) != {"kind", "code", "name"}:
        raise _Bad
    if workspace["kind"] not in ("school", "district"):
        raise _Bad
    code = workspace["code"]
    if not isinstance(code, str) or not code.isascii() or not code.isdigit() or not 1 <= len(code) <= 10:
        raise _Bad
    if not isinstance(workspace["name"], str) or len(workspace["name"]) > 200:
        raise _Bad
    created = outer["created_at"]
    if not isinstance(created, str) or len(created) > 40:
        raise _Bad
    keys = outer["keys"]
    if not isinstance(keys, list) or not 1 <= len(keys) <= MAX_KEYS:
        raise _Bad
    for item in keys:
        if not isinstance(item, dict) or set(item) != {"key_id", "fingerprint"}:
            raise _Bad
        if not _is_hex(item["key_id"], 32) or item["fingerprint"] != format_fingerprint(item["key_id"]):
            raise _Bad
    kdf = outer["kdf"]
    if not isinstance(kdf, dict) or set(kdf) != {"name", "opslimit", "memlimit", "salt"} or kdf["name"] != KDF_NAME:
        raise _Bad
    ops, mem = kdf["opslimit"], kdf["memlimit"]
    if not _is_int(ops) or not 1 <= ops <= MAX_READ_OPSLIMIT:
        raise _Bad
    if not _is_int(mem) or not 8192 <= mem <= MAX_READ_MEMLIMIT:
        raise _Bad
    cipher = outer["cipher"]
    if not isinstance(cipher, dict) or set(cipher) != {"name", "nonce"} or cipher["name"] != CIPHER_NAME:
        raise _Bad
    salt = _unb64(kdf["salt"], SALT_BYTES)
    nonce = _unb64(cipher["nonce"], NONCE_BYTES)
    ciphertext = _unb64(outer["ciphertext"])
    if len(ciphertext) < 16:
        raise _Bad
    header = {k: v for k, v in outer.items() if k != "ciphertext"}
    return header, salt, nonce, ciphertext, ops, mem


def decode_rows(raw_rows: Any, columns: list[ColumnShape]) -> list[dict[str, Any]]:
    """Rows for a table from their JSON form, checked column by column against the table's types."""
    from .keys import KeyPair

    if not isinstance(raw_rows, list) or not 1 <= len(raw_rows) <= MAX_KEYS:
        raise _Bad
    rows: list[dict[str, Any]] = []
    for raw in raw_rows:
        if not isinstance(raw, dict):
            raise _Bad
        row: dict[str, Any] = {}
        for column in columns:
            if column.name in raw:
                row[column.name] = _decode_value(column, raw[column.name])
            elif column.required:
                raise _Bad
        sign, box, key_id = row.get("sign_secret"), row.get("box_secret"), row.get("key_id")
        if not isinstance(sign, bytes) or not isinstance(box, bytes) or len(sign) != 32 or len(box) != 32:
            raise _Bad
        if key_id != KeyPair(sign, box).key_id:
            raise _Bad
        rows.append(row)
    if len({r["key_id"] for r in rows}) != len(rows):
        raise _Bad
    return rows


def _decode_value(column: ColumnShape, value: Any) -> Any:
    if value is None:
        if not column.nullable:
            raise _Bad
        return None
    kind = column.kind
    if kind == "json":
        return value  # any JSON value (it came from json.loads)
    if kind == "bytes":
        return _unb64(value)
    if kind in ("datetime", "utc-datetime"):
        if not isinstance(value, str) or len(value) > 40:
            raise _Bad
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            if kind == "utc-datetime":
                raise _Bad
            return moment
        return moment.astimezone(dt.UTC)
    if kind == "date":
        if not isinstance(value, str) or len(value) > 20:
            raise _Bad
        return dt.date.fromisoformat(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise _Bad
        return value
    if kind == "int":
        if not _is_int(value):
            raise _Bad
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad
        return float(value)
    if kind == "str":
        if not isinstance(value, str) or (column.max_length is not None and len(value) > column.max_length):
            raise _Bad
        return value
    raise _Bad


# --- helpers -------------------------------------------------------------------------------------------
def _derive(secret: str, salt: bytes, ops: int, mem: int) -> bytes:
    import nacl.exceptions
    import nacl.pwhash

    try:
        return bytes(nacl.pwhash.argon2id.kdf(KEY_BYTES, secret.encode("utf-8"), salt, opslimit=ops, memlimit=mem))
    except (MemoryError, RuntimeError):
        raise KaplcError(
            _("Not enough free memory to open the key backup. Close other programs and try again.")
        ) from None
    except (nacl.exceptions.CryptoError, ValueError, TypeError):  # libsodium refusing the parameters
        raise KaplcError(_("The passphrase is wrong or the backup file was altered.")) from None


def _local_key_columns() -> list[ColumnShape]:
    from ..data.models.sync_tables import LocalKey

    return column_shapes(LocalKey.__table__)


def _parse_json(data: bytes) -> Any:
    def no_constants(name: str) -> Any:
        raise _Bad

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise _Bad
        return result

    try:
        return json.loads(data.decode("utf-8"), parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Bad from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size: int | None = None) -> bytes:
    """Strict base64: the one canonical spelling of the bytes (no stray bits), of the expected size."""
    if not isinstance(value, str) or not value.isascii() or len(value) > 2 * MAX_BYTES:
        raise _Bad
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _Bad from None
    if _b64(data) != value or (size is not None and len(data) != size):
        raise _Bad
    return data


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hex(value: Any, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and all(c in "0123456789abcdef" for c in value)
