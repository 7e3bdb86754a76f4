"""This workspace's keys and the keys it trusts: enrollment, rotation (with a signed chain), replacement only
when the user names the new fingerprint, revocation of a lost school's key, and deletion of retired keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import sync_repository as repo
from ..data.types import utcnow
from ..errors import KaplcError
from ..i18n import _
from .enrollment import Enrollment, read_enrollment, write_enrollment
from .keys import KeyPair, PublicKeys, fingerprint_of_key_id, normalize_fingerprint
from .reader import PeerKey
from .refusals import BundleRefused
from .rotation import MAX_CHAIN, make_statement, v1_proof
from .settings import read_settings

if TYPE_CHECKING:
    from ..data.database import Database
    from ..services.workspace import WorkspaceInfo


KEYS_LOCK = "kaplc-keys"


class KeyChangeNeedsConfirmation(KaplcError):
    """A stored key would be replaced: the user must name the new fingerprint (checked by phone)."""

    def __init__(self, code: str, old: str, new: str) -> None:
        super().__init__(
            _(
                "{code} already has a different key enrolled (old fingerprint {old}, new {new}). Replacing it lets "
                "whoever holds the new key send as {code}. Check the new fingerprint with them by phone, then "
                "confirm it (--replace {new})."
            ).format(code=code, old=old, new=new)
        )
        self.code, self.old, self.new = code, old, new


class KeyManagement:
    db: Database
    workspace: WorkspaceInfo

    def ensure_keys(self) -> KeyPair:
        with self.db.engine.begin() as conn:
            self.db.store.lock(conn, KEYS_LOCK)  # two staff making the district's first key at once: one key
            row = repo.current_local_key(conn)
            if row is None:
                keys = KeyPair.generate()
                repo.add_local_key(conn, keys.key_id, keys.sign_secret, keys.box_secret)
                return keys
        return KeyPair(row["sign_secret"], row["box_secret"])

    def all_keys(self) -> dict[str, KeyPair]:
        """Every private key still kept: the current one and retired ones within their grace period."""
        self.ensure_keys()
        with self.db.engine.begin() as conn:
            grace = dt.timedelta(days=read_settings(conn).key_grace_days)
            rows = repo.local_keys(conn)
            expired = [r["key_id"] for r in rows if r["retired_at"] is not None and r["retired_at"] + grace < utcnow()]
            repo.delete_local_keys(conn, expired)
        pairs = [KeyPair(r["sign_secret"], r["box_secret"]) for r in rows if r["key_id"] not in expired]
        return {k.key_id: k for k in pairs}

    def rotate_keys(self) -> KeyPair:
        """A new key pair; the old one signs a statement that travels in every bundle from now on, and is kept
        for the grace period to open bundles already on their way."""
        old = self.ensure_keys()
        keys = KeyPair.generate()
        with self.db.engine.begin() as conn:
            self.db.store.lock(conn, KEYS_LOCK)
            current = repo.current_local_key(conn)
            chain = list((current or {}).get("rotation_chain") or [])[-(MAX_CHAIN - 1) :]
            chain.append(make_statement(old, keys.public))
            repo.add_local_key(conn, keys.key_id, keys.sign_secret, keys.box_secret, chain)
            repo.retire_local_keys(conn, keys.key_id)
        return keys

    def rotation_field(self, keys: KeyPair) -> dict[str, Any] | None:
        """What a bundle carries so its receiver can follow this workspace's key changes."""
        with self.db.engine.connect() as conn:
            rows = repo.local_keys(conn)
        mine = next((r for r in rows if r["key_id"] == keys.key_id), None)
        chain = list((mine or {}).get("rotation_chain") or [])
        if not chain:
            return None
        field: dict[str, Any] = {"chain": chain, "old_key_id": chain[-1]["old_key_id"]}
        older = next((r for r in rows if r["key_id"] == chain[-1]["old_key_id"]), None)
        if older is not None:  # a version-1 reader understands only this one link
            field.update(v1_proof(KeyPair(older["sign_secret"], older["box_secret"]), keys.key_id))
        return field

    def backup_keys(self, out: Path, passphrase: str) -> int:
        """Writes every key of this workspace to a passphrase-protected file (key_backup.py); returns how many."""
        from .key_backup import write_key_backup

        self.ensure_keys()
        with self.db.engine.connect() as conn:
            rows = repo.local_keys(conn)
        ws = self.workspace
        write_key_backup(out, rows, passphrase, kind=ws.kind, code=ws.owner_code, name=ws.title)
        return len(rows)

    def restore_keys(self, path: Path, passphrase: str) -> int:
        """Adds the keys of this workspace's backup that are missing here, as they were; returns how many.
        Keys held stay; the newest unretired key is the one in use afterwards, as always."""
        from .key_backup import read_key_backup

        backup = read_key_backup(path, passphrase)
        ws = self.workspace
        if (backup.kind, backup.code) != (ws.kind, ws.owner_code):
            raise KaplcError(
                _(
                    "This key backup belongs to {code} ({name}), not to this workspace ({mine}). Nothing was restored."
                ).format(code=backup.code, name=backup.name, mine=ws.owner_code)
            )
        with self.db.engine.begin() as conn:
            return repo.insert_missing_local_keys(conn, backup.rows)

    def keys_info(self) -> dict[str, Any]:
        keys = self.ensure_keys()
        with self.db.engine.connect() as conn:
            peers = repo.all_peers(conn)
            revoked = repo.revoked_keys(conn)
        return {
            "code": self.workspace.owner_code,
            "key_id": keys.key_id,
            "fingerprint": keys.public.fingerprint,
            "peers": [
                {
                    "code": p["code"],
                    "kind": p["kind"],
                    "name": p["name"],
                    "fingerprint": PublicKeys(p["sign_public"], p["box_public"]).fingerprint,
                    "enrolled_by": p["enrolled_by"],
                    "enrolled_at": p["enrolled_at"],
                    "last_sequence": p["last_sequence"],
                    "revoked": p["key_id"] in revoked,
                }
                for p in peers
            ],
            "revoked": [
                {"code": r["peer_code"], "fingerprint": fingerprint_of_key_id(r["key_id"]), "reason": r["reason"]}
                for r in revoked.values()
            ],
        }

    def export_enrollment(self, path: Path) -> str:
        keys = self.ensure_keys()
        ws = self.workspace
        write_enrollment(path, keys, kind=ws.kind, code=ws.owner_code, name=ws.title, esa_code=ws.esa_code)
        return keys.public.fingerprint

    def import_enrollment(self, path: Path, replace: str | None = None) -> Enrollment:
        """A school imports its district's file; a district imports a school's file. A file that would replace
        a stored key is taken only with replace= the new fingerprint."""
        enrollment = read_enrollment(path)
        ws = self.workspace
        if ws.kind == "school":
            if enrollment.kind != "district":
                raise KaplcError(_("This is a school's enrollment file; a school imports its district's file."))
            if ws.esa_code and enrollment.code != ws.esa_code:
                raise KaplcError(
                    _("This enrollment file belongs to ESA {code}, not to this school's ESA {esa}.").format(
                        code=enrollment.code, esa=ws.esa_code
                    )
                )
        elif enrollment.kind != "school":
            raise KaplcError(_("This is a district's enrollment file; a district imports its schools' files."))
        elif len(enrollment.code) not in (6, 8, 10):
            raise KaplcError(_("The enrollment file names a school code that is not 6, 8 or 10 digits."))
        if enrollment.code == ws.owner_code:
            raise KaplcError(_("This enrollment file is this workspace's own."))
        new = enrollment.keys
        with self.db.engine.begin() as conn:
            if new.key_id in repo.revoked_keys(conn):
                raise KaplcError(
                    _("The key in this enrollment file ({fp}) was revoked; it cannot be enrolled again.").format(
                        fp=new.fingerprint
                    )
                )
            stored = repo.get_peer(conn, enrollment.code)
            if stored is not None and stored["key_id"] != new.key_id:
                old = fingerprint_of_key_id(stored["key_id"])
                named = normalize_fingerprint(replace or "")
                if replace and named != new.fingerprint:
                    raise KaplcError(
                        _(
                            "The fingerprint you gave ({given}) is not the one in this enrollment file ({new}). "
                            "Nothing was replaced; check the file and the fingerprint with {code} again."
                        ).format(given=replace, new=new.fingerprint, code=enrollment.code)
                    )
                if named != new.fingerprint:
                    raise KeyChangeNeedsConfirmation(enrollment.code, old, new.fingerprint)
            repo.save_peer(
                conn,
                {
                    "code": enrollment.code,
                    "kind": enrollment.kind,
                    "name": enrollment.name,
                    "key_id": new.key_id,
                    "sign_public": new.sign_public,
                    "box_public": new.box_public,
                    "enrolled_by": "enrollment",
                    "enrolled_at": utcnow(),
                },
            )
        return enrollment

    def revoke_key(self, code: str, reason: str) -> str:
        """The district declares a school's current key lost or stolen; returns its fingerprint."""
        if self.workspace.kind != "district":
            raise KaplcError(_("Only the district revokes a school's key."))
        reason = " ".join(reason.split())[:500]
        if not reason:
            raise KaplcError(_("Say why the key is revoked (for example: the laptop was stolen)."))
        with self.db.engine.begin() as conn:
            peer = repo.get_peer(conn, code)
            if peer is None or peer["kind"] != "school":
                raise KaplcError(_("School {code} is not enrolled here.").format(code=code))
            if peer["key_id"] in repo.revoked_keys(conn):
                raise KaplcError(
                    _(
                        "The key of school {code} is already revoked. Import the enrollment file of its new computer."
                    ).format(code=code)
                )
            repo.revoke_key(conn, peer["key_id"], code, reason)
        return fingerprint_of_key_id(peer["key_id"])

    def revoked(self) -> frozenset[str]:
        with self.db.engine.connect() as conn:
            return frozenset(repo.revoked_keys(conn))

    def _peer(self, code: str) -> PeerKey | None:
        with self.db.engine.connect() as conn:
            row = repo.get_peer(conn, code)
        if row is None:
            return None
        return PeerKey(code, row["key_id"], PublicKeys(row["sign_public"], row["box_public"]))

    def _district(self) -> PeerKey:
        code = self.workspace.esa_code
        peer = self._peer(code) if code else None
        if peer is None:
            with self.db.engine.connect() as conn:
                districts = [p for p in repo.all_peers(conn) if p["kind"] == "district"]
            if len(districts) == 1:
                p = districts[0]
                peer = PeerKey(p["code"], p["key_id"], PublicKeys(p["sign_public"], p["box_public"]))
        if peer is None:
            raise BundleRefused("not-enrolled")
        return peer
