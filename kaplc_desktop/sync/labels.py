"""Words for sync results, shown by the command line and the window (the codes come from the core)."""

from __future__ import annotations

from ..i18n import _


def action_label(action: str) -> str:
    return {
        "new": _("new"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "deleted": _("deleted"),
        "older": _("older, skipped"),
        "conflict": _("conflict"),
        "erased": _("erased (PDPA), not taken"),
        "rejected": _("rejected"),
    }.get(action, action)


def conflict_reason_label(reason: str) -> str:
    return {
        "concurrent-edit": _("changed on both sides"),
        "edit-after-delete": _("changed after it was deleted"),
        "same-version": _("same version, different content (a restored copy)"),
        "restored-copy": _("changed again on a copy restored from a backup"),
    }.get(reason, reason)


def result_label(result: str) -> str:
    return {
        "applied": _("applied"),
        "would-apply": _("would be applied (dry run)"),
        "already-imported": _("already imported; nothing changed"),
        "refused": _("refused"),
    }.get(result, result)


def warning_label(warning: str) -> str:
    code, _sep, detail = warning.partition(":")
    if code == "sequence-gap":
        return _("bundles {numbers} from this sender never arrived; ask the school to send them again").format(
            numbers=detail
        )
    if code == "out-of-order":
        return _("an older bundle arrived after a newer one; older records were skipped")
    return warning


def kind_label(kind: str) -> str:
    """The name of a kind of record, for people."""
    return {"personnel": _("staff records"), "erasure": _("erasure requests (PDPA)")}.get(kind, kind)


def bundle_kind_label(kind: str) -> str:
    return {"full": _("full"), "delta": _("changes only"), "feedback": _("feedback"), "restore": _("restore")}.get(
        kind, kind
    )


def counts_text(counts: dict[str, int]) -> str:
    """ "staff records: 120" — kinds with nothing in them are left out."""
    shown = [f"{kind_label(kind)}: {n}" for kind, n in counts.items() if n]
    return ", ".join(shown) or _("no records")
