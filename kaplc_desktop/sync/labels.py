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
        "needs-confirmation": _("waiting for a fingerprint check"),
        "refused": _("refused"),
        "importing": _("importing"),
    }.get(result, result)


def log_reason_label(reason: str) -> str:
    """The reason column of the import log: refusal codes, or the warnings of an applied bundle."""
    from .refusals import MESSAGES

    if reason in MESSAGES:
        return _(MESSAGES[reason])
    return "; ".join(warning_label(part.strip()) for part in reason.split(";") if part.strip())


def resolution_label(resolution: str | None) -> str:
    return {
        "accepted": _("a later copy was taken"),
        "dismissed": _("no longer asked for"),
        "erased": _("erased (PDPA)"),
        "kept": _("this copy kept"),
        "took-other": _("the other copy taken"),
    }.get(resolution or "", resolution or "")


def workspace_kind_label(kind: str) -> str:
    return {"school": _("school"), "district": _("district office")}.get(kind, kind)


def problem_label(reason: str) -> str:
    """Why a row was not taken, for people: "position: unknown code 'x'" → "ตำแหน่ง: รหัสที่ไม่รู้จัก 'x'"."""
    from ..domain.kinds import field_label

    if reason == "erased":
        return _("erased (PDPA): the owner asked for this record to be forgotten")
    parts = []
    for part in reason.split("; "):
        column, sep, detail = part.partition(": ")
        if not sep or " " in column:
            parts.append(_detail_label(part))
        else:
            parts.append(f"{field_label(column)}: {_detail_label(detail)}")
    return "; ".join(parts)


def _detail_label(detail: str) -> str:
    if detail.startswith("unknown code "):
        return _("a code this version does not know: {code}").format(code=detail[len("unknown code ") :])
    if detail.startswith("refers to a missing "):
        kind = detail[len("refers to a missing ") :].removesuffix(" record")
        return _("refers to a record that is not here: {kind}").format(kind=kind_label(kind))
    if detail.startswith("unknown fields"):
        return _("fields this version does not know (made by a newer version?)")
    if detail.startswith("missing fields"):
        return _("required fields are missing")
    return {
        "attachment missing": _("its attached file is missing"),
        "not a valid national ID": _("not a valid national ID"),
        "empty": _("empty"),
        "not JSON": _("not a readable record"),
        "line too long": _("a record far too long to be real"),
        "not an object": _("not a readable record"),
        "the same record twice in one bundle": _("the same record twice in one bundle"),
        "owned by another school or office": _("the record belongs to another school or office"),
        "id: not a UUID": _("the record's id is malformed"),
    }.get(detail, detail)


def warning_label(warning: str) -> str:
    code, _sep, detail = warning.partition(":")
    if code == "sequence-gap":
        return _("bundles {numbers} from this sender never arrived; ask the school to send them again").format(
            numbers=detail
        )
    if code == "out-of-order":
        return _("an older bundle arrived after a newer one; older records were skipped")
    if code == "forked":
        return _(
            "bundle no. {number} came again with other contents: the sender's data was restored from a backup; "
            "records changed on both copies are kept side by side under Needs attention"
        ).format(number=detail)
    return warning


def kind_label(kind: str) -> str:
    """The name of a kind of record, for people (a declared kind's own label; never its code name)."""
    named = {
        "personnel": _("staff records"),
        "erasure": _("erasure requests (PDPA)"),
        "district_settings": _("district settings"),
    }
    if kind in named:
        return named[kind]
    from ..domain import kinds  # noqa: F401  (declares every kind)
    from ..domain.record_kind import DECLARED

    return _(DECLARED[kind].label) if kind in DECLARED else kind


def bundle_kind_label(kind: str) -> str:
    return {"full": _("full"), "delta": _("changes only"), "feedback": _("feedback"), "restore": _("restore")}.get(
        kind, kind
    )


def counts_text(counts: dict[str, int]) -> str:
    """ "staff records: 120" — kinds with nothing in them are left out."""
    shown = [f"{kind_label(kind)}: {n}" for kind, n in counts.items() if n]
    return ", ".join(shown) or _("no records")
