"""Key rotation statements: an old key vouches for the next one, so a receiver can follow a chain of rotations
from the key it enrolled to the key a bundle is signed with (a school that rotates twice is not locked out).

A statement is the old key's Ed25519 signature over "kaplc-rotate-v2:<old key id>:<new sign key>:<new box key>"
(both public keys in base64), so it carries the new keys themselves. Version-1 bundles carried one link only,
signed over "kaplc-rotate:<old key id>:<new key id>"; it is still accepted for a direct rotation.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .keys import KeyPair, PublicKeys

MAX_CHAIN = 20


def _message(old_key_id: str, new: PublicKeys) -> bytes:
    sign = base64.b64encode(new.sign_public).decode()
    box = base64.b64encode(new.box_public).decode()
    return f"kaplc-rotate-v2:{old_key_id}:{sign}:{box}".encode()


def make_statement(old: KeyPair, new: PublicKeys) -> dict[str, str]:
    return {
        "old_key_id": old.key_id,
        "new_sign": base64.b64encode(new.sign_public).decode(),
        "new_box": base64.b64encode(new.box_public).decode(),
        "signature": base64.b64encode(old.sign(_message(old.key_id, new))).decode(),
    }


def v1_proof(old: KeyPair, new_key_id: str) -> dict[str, str]:
    statement = f"kaplc-rotate:{old.key_id}:{new_key_id}".encode()
    return {"old_key_id": old.key_id, "signature": base64.b64encode(old.sign(statement)).decode()}


def _b64(value: Any) -> bytes:
    if not isinstance(value, str) or len(value) > 200:
        raise ValueError("not base64")
    return base64.b64decode(value, validate=True)


def follow(known: PublicKeys, rotation: Any, claimed: PublicKeys, revoked: set[str]) -> list[str] | None:
    """The key ids from `known` to `claimed` if the rotation statements link them (no revoked key on the way);
    None if they do not."""
    if not isinstance(rotation, dict) or known.key_id in revoked:
        return None
    chain = rotation.get("chain")
    if isinstance(chain, list) and len(chain) <= MAX_CHAIN:
        path = _follow_chain(known, chain, claimed, revoked)
        if path is not None:
            return path
    # version 1: one link, from the enrolled key straight to the claimed one
    try:
        proof = _b64(rotation.get("signature"))
    except (ValueError, binascii.Error):
        return None
    statement = f"kaplc-rotate:{known.key_id}:{claimed.key_id}".encode()
    if rotation.get("old_key_id") == known.key_id and known.verify(statement, proof):
        return [known.key_id, claimed.key_id] if claimed.key_id not in revoked else None
    return None


def _follow_chain(known: PublicKeys, chain: list[Any], claimed: PublicKeys, revoked: set[str]) -> list[str] | None:
    current = known
    path = [known.key_id]
    started = False
    for link in chain:
        if not isinstance(link, dict):
            return None
        if not started:
            if link.get("old_key_id") != known.key_id:
                continue  # links before the key this receiver knows
            started = True
        if link.get("old_key_id") != current.key_id:
            return None
        try:
            new = PublicKeys(_b64(link.get("new_sign")), _b64(link.get("new_box")))
            signature = _b64(link.get("signature"))
        except (ValueError, binascii.Error):
            return None
        if len(new.sign_public) != 32 or len(new.box_public) != 32:
            return None
        if not current.verify(_message(current.key_id, new), signature) or new.key_id in revoked:
            return None
        current = new
        path.append(new.key_id)
        if current.key_id == claimed.key_id:
            return path
    return None
