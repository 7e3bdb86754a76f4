"""Enrollment files: how a district and its schools learn each other's public keys, once, by hand.

A small JSON file signed by the key it carries (proof that the sender holds it); people confirm the
fingerprint by phone.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import KaplcError
from ..i18n import _
from .canonical import canonical_json
from .keys import KeyPair, PublicKeys

FORMAT = "kaplc-enrollment"
VERSION = 1
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Enrollment:
    kind: str  # school | district
    code: str
    name: str
    esa_code: str | None
    keys: PublicKeys


def write_enrollment(path: Path, keys: KeyPair, *, kind: str, code: str, name: str, esa_code: str | None) -> None:
    from ..atomic_file import write_text_atomic

    public = keys.public
    body = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "code": code,
        "name": name,
        "esa_code": esa_code,
        "sign_public": base64.b64encode(public.sign_public).decode(),
        "box_public": base64.b64encode(public.box_public).decode(),
        "key_id": public.key_id,
        "fingerprint": public.fingerprint,
    }
    signed = dict(body, signature=base64.b64encode(keys.sign(canonical_json(body))).decode())
    write_text_atomic(path, json.dumps(signed, ensure_ascii=False, indent=1))


def read_enrollment(path: Path) -> Enrollment:
    bad = KaplcError(
        _("{name} is not a valid KA-PLC enrollment file (or it was altered). Ask for it again.").format(name=path.name)
    )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise bad
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise bad from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise bad
    if isinstance(raw.get("version"), int) and raw["version"] > VERSION:
        raise KaplcError(_("The enrollment file was made by a newer version of KA-PLC Desktop. Update the app."))
    try:
        signature = base64.b64decode(raw.pop("signature"), validate=True)
        keys = PublicKeys(
            base64.b64decode(raw["sign_public"], validate=True), base64.b64decode(raw["box_public"], validate=True)
        )
        kind, code, name = raw["kind"], raw["code"], raw.get("name") or ""
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise bad from None
    if kind not in ("school", "district") or not isinstance(code, str) or not code.isdigit() or len(code) > 10:
        raise bad
    if len(keys.sign_public) != 32 or len(keys.box_public) != 32 or raw.get("key_id") != keys.key_id:
        raise bad
    if not keys.verify(canonical_json(raw), signature):
        raise bad
    esa = raw.get("esa_code")
    return Enrollment(kind, code, str(name)[:200], esa if isinstance(esa, str) else None, keys)
