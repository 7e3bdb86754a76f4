"""Why a bundle was refused: stable reason codes (for --json and the import log) and Thai sentences."""

from __future__ import annotations

from ..errors import KaplcError
from ..i18n import N_, _

MESSAGES: dict[str, str] = {
    "not-a-bundle": N_("The file is not a KA-PLC bundle (.kaplc)."),
    "truncated": N_("The bundle is incomplete (it was cut short while copying). Ask for the file again."),
    "bad-header": N_("The bundle's header is damaged. Ask for the file again."),
    "newer-format": N_(
        "The bundle was made by a newer version of KA-PLC Desktop. Update the app, then import it again."
    ),
    "newer-schema": N_(
        "The bundle holds records of a newer version of KA-PLC Desktop. Update the app, then import it again."
    ),
    "kept-kind": N_(
        "The bundle carries records that never travel in a bundle (a district's own list, plans or projects): it "
        "was made or altered by something other than KA-PLC Desktop, and was not read."
    ),
    "wrong-receiver": N_("The bundle is addressed to another office or school, not to this workspace."),
    "unknown-receiver-key": N_(
        "The bundle was encrypted to a key this workspace does not hold (an old or "
        "another office's key). Ask the sender to import the current enrollment file."
    ),
    "unknown-sender": N_(
        "The bundle comes from a sender this workspace does not know, so it was not opened. Call the sender and "
        "compare its key fingerprint; if it matches, confirm it."
    ),
    "key-changed": N_(
        "The sender says it changed its key (old → new fingerprint), so the bundle was not opened. Call the sender "
        "and compare the new fingerprint; if it matches, confirm it."
    ),
    "revoked-key": N_(
        "The bundle is signed with a key that was revoked (a lost or stolen computer). It was not opened."
    ),
    "rekeyed-sender": N_(
        "The bundle is signed by a different key than the one enrolled for this sender, and no valid key "
        "change leads to it. Check with the sender by phone, then import the sender's new enrollment file."
    ),
    "too-many-rows": N_(
        "The bundle holds more records than the limit set for one bundle; it was not read. If it is genuine, "
        "raise the limit in the sync settings."
    ),
    "cannot-decrypt": N_("The bundle cannot be decrypted with this workspace's key."),
    "damaged": N_("The bundle is damaged or was altered after it was made. Ask for the file again."),
    "too-large": N_("The bundle is larger than any real bundle can be; it was not read."),
    "bad-zip": N_("The bundle's contents are damaged. Ask for the file again."),
    "bad-member-name": N_(
        "The bundle contains a file with a forbidden name (for example ../ or an absolute path); it was not read."
    ),
    "duplicate-member": N_("The bundle contains the same file twice; it was not read."),
    "link-member": N_("The bundle contains a link; it was not read."),
    "zip-bomb": N_("The bundle expands to an abnormal size (a “zip bomb”); it was not read."),
    "unsigned": N_("The bundle is not signed; it was not read."),
    "bad-signature": N_("The bundle's signature does not match its sender's key: it was altered or forged."),
    "bad-manifest": N_("The bundle's table of contents is damaged; it was not read."),
    "header-mismatch": N_("The bundle's inside does not match its outside (sender, receiver or kind)."),
    "member-mismatch": N_(
        "The bundle's files do not match its table of contents (a file is missing, extra or of the wrong size)."
    ),
    "hash-mismatch": N_("A file inside the bundle differs from what its sender signed: it was altered."),
    "foreign-records": N_(
        "The bundle holds records that belong to another school or to the district; it was refused whole."
    ),
    "wrong-kind": N_(
        "This kind of bundle cannot be imported in this workspace (for example a school bundle into a school)."
    ),
    "bad-rotation": N_("The bundle announces a new key that its old key did not sign."),
    "too-many-rejected": N_(
        "More than a thousand records in the bundle cannot be taken; it was refused whole, nothing was changed. "
        "Ask the sender to check its data and send a new bundle."
    ),
    "shared-key": N_("The bundle is signed with a key that is already enrolled for another school; it was not opened."),
    "restore-over-data": N_(
        "This is a restore bundle, and this school already holds records. Import it only to rebuild this "
        "computer's data: confirm it (--restore-over-data, or the question in the window). Nothing was changed."
    ),
    "not-enrolled": N_("This workspace has no key of the other side yet. Import its enrollment file first."),
}


def safe_text(value: object, limit: int) -> str:
    """Text from a hostile file, cut and made storable: a lone surrogate becomes "?"."""
    return str(value)[:limit].encode("utf-8", "replace").decode("utf-8")


REFUSED = N_("The bundle was refused.")  # a reason without a sentence of its own


class BundleRefused(KaplcError):
    """A bundle refused as a whole; nothing was changed."""

    def __init__(
        self, reason: str, detail: str = "", *, sender: str = "", fingerprint: str = "", old_fingerprint: str = ""
    ) -> None:
        self.reason = reason
        detail = safe_text(detail, 300)
        self.detail = detail
        self.sender = sender  # for unknown-sender / key-changed: whom to call, and what to compare
        self.fingerprint = fingerprint
        self.old_fingerprint = old_fingerprint
        text = _(MESSAGES.get(reason, REFUSED))
        super().__init__(f"{text} ({detail})" if detail else text)
