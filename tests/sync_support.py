"""A district and a school that know each other's keys, and helpers to make and take apart bundles."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from district_store import district_url, folder_rows, folder_tables

from kaplc_desktop.context import AppContext
from kaplc_desktop.services.workspace import clean_district_setup, clean_school_setup

if TYPE_CHECKING:
    from kaplc_desktop.sync.service import SyncService

SCHOOL_CODE = "1090050001"
OTHER_SCHOOL = "1090050002"
ESA = "9002"


@dataclass
class Side:
    ctx: AppContext
    sync: SyncService

    def close(self) -> None:
        self.ctx.close()


def open_side(folder: Path) -> Side:
    ctx = AppContext.open(folder)
    return Side(ctx, ctx.sync)


def make_district(folder: Path) -> Side:
    """A district workspace: its own SQLite file, or a server database for the tests run on both (district_db)."""
    with AppContext.open(folder, create=True, server_url=district_url()) as ctx:
        ctx.workspace.init_district(clean_district_setup(ESA, "สพป.สงขลา เขต 2"))
    return open_side(folder)


def make_school(folder: Path, district: Side, code: str = SCHOOL_CODE, staff: int = 0) -> Side:
    with AppContext.open(folder, create=True) as ctx:
        if staff and code == SCHOOL_CODE:
            ctx.create_demo_school(staff=staff, seed=5)
        else:
            ctx.workspace.init_school(clean_school_setup(code, f"โรงเรียน {code}", "สพป.สงขลา เขต 2", ESA))
            ctx.refresh_workspace()
            if staff:
                from kaplc_desktop.services.demo_data import demo_staff

                ctx.personnel.add_many(demo_staff(staff, seed=int(code[-3:])))
    side = open_side(folder)
    enrollment = folder.parent / f"district-{folder.name}.json"
    district.sync.export_enrollment(enrollment)
    side.sync.import_enrollment(enrollment)
    return side


def db_digest(folder: Path, skip: tuple[str, ...] = ("sync_imports",)) -> str:
    """A hash of every row of every table (the import log aside: it records refusals too)."""
    digest = hashlib.sha256()
    for table in folder_tables(folder):
        if table in skip:
            continue
        for row in folder_rows(folder, f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def refusal_count(folder: Path) -> int:
    return int(folder_rows(folder, "SELECT count(*) FROM sync_imports WHERE result = 'refused'")[0][0])


def decrypt_payload(bundle: Path, receiver: Side, out: Path) -> Path:
    """The payload zip of a bundle, opened with the receiver's key (for crafting altered bundles)."""
    from kaplc_desktop.sync import stream_cipher
    from kaplc_desktop.sync.container import read_header

    keys = receiver.sync.all_keys()
    with open(bundle, "rb") as fh:
        header, header_bytes = read_header(fh)
        file_key = keys[header.receiver_key_id].unseal(header.sealed_key)
        assert file_key is not None
        with open(out, "wb") as dst:
            stream_cipher.decrypt(fh, dst, file_key, header.stream_header, header_bytes, 10**10)
    return out


def reseal(payload: Path, original: Path, receiver: Side, target: Path) -> Path:
    """Encrypts an (altered) payload again for the receiver, keeping the original header fields."""
    from kaplc_desktop.sync.container import read_header
    from kaplc_desktop.sync.keys import PublicKeys
    from kaplc_desktop.sync.writer import seal_payload

    with open(original, "rb") as fh:
        header, _ = read_header(fh)
    key = receiver.sync.all_keys()[header.receiver_key_id].public
    fields = {
        "bundle_kind": header.bundle_kind,
        "sender_code": header.sender_code,
        "sender_kind": header.sender_kind,
        "sender_key_id": header.sender_key_id,
        "receiver_code": header.receiver_code,
        "receiver_key_id": header.receiver_key_id,
    }
    seal_payload(payload, target, fields, PublicKeys(key.sign_public, key.box_public))
    return target


def rewrite_zip(source: Path, target: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """Copies a zip member by member through edit(name, data) -> list of (name, data, ZipInfo|None)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            for name, data, zinfo in edit(info.filename, zin.read(info.filename)):
                if zinfo is not None:
                    zout.writestr(zinfo, data)
                else:
                    zout.writestr(name, data)
    return target


def resign(payload: Path, signer: Side, target: Path, edit_manifest=None) -> Path:  # type: ignore[no-untyped-def]
    """Recomputes member hashes in the manifest and signs it again with `signer`'s key (a forger holding a
    valid key of its own, or a sender whose bundle is being altered on purpose)."""
    import base64
    import json

    from kaplc_desktop.sync.canonical import canonical_json

    keys = signer.sync.ensure_keys()
    with zipfile.ZipFile(payload) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        members = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    manifest["members"] = [
        {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in members.items()
        if name not in ("manifest.json", "manifest.sig")
    ]
    if edit_manifest is not None:
        edit_manifest(manifest)
    body = canonical_json(manifest)
    sig = canonical_json({"key_id": keys.key_id, "signature": base64.b64encode(keys.sign(body)).decode()})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            if name == "manifest.json":
                zout.writestr(name, body)
            elif name == "manifest.sig":
                zout.writestr(name, sig)
            else:
                zout.writestr(name, data)
    return target


def fp(side: Side) -> str:
    """The key fingerprint a district confirms by phone before it takes a school's first bundle."""
    return side.sync.keys_info()["fingerprint"]
