"""How far a portfolio has gone (the school's own status and the district's decisions together), the hash of its
content printed in its verification code, and reading that code back. Pure: the same answer at the school and
at the district, which hold the same synced records."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .kinds.portfolio import DECISION_LEVELS, NOT_SELECTED, SELECTED, STATUS_DRAFT

CODE_PREFIX = "KAPLC-P"
SHORT_ID_CHARS = 8  # the start of a portfolio's id printed under its code: enough to find it among thousands
_CODE = re.compile(r"KAPLC-P:([0-9a-f-]{36}):([0-9a-f]{64})", re.IGNORECASE)
# what the content hash covers: what the portfolio says, not where it stands (submitting it changes no hash)
CONTENT_FIELDS = ("name", "work_kind", "academic_year", "owner_type", "category", "award_field", "learning_area")
ABSTRACT_FIELD = "abstract"


def stage(status: str, decisions: Iterable[Any]) -> str:
    """The submission_status code a user sees: the furthest level the district selected it at, "not_selected" when
    the latest level decided did not select it, else the school's own draft / submitted."""
    by_level = {d.level: d.result for d in decisions if d.level in DECISION_LEVELS}
    for level in reversed(DECISION_LEVELS):
        if level in by_level:
            if by_level[level] == SELECTED:
                return f"selected_{level}"
            if by_level[level] == NOT_SELECTED:
                # not chosen at the region still means chosen by the district: that is where it stands
                lower = DECISION_LEVELS[: DECISION_LEVELS.index(level)]
                chosen = [lv for lv in lower if by_level.get(lv) == SELECTED]
                return f"selected_{chosen[-1]}" if chosen else NOT_SELECTED
    return status or STATUS_DRAFT


def highest_level(levels: Iterable[str], order: Sequence[str] = ("school", *DECISION_LEVELS)) -> str | None:
    """The highest award level among these codes (the gallery's level filter and badge)."""
    known = [lv for lv in levels if lv in order]
    return max(known, key=order.index) if known else None


@dataclass(frozen=True)
class Content:
    """What a portfolio says, in the order it prints: the input of its content hash."""

    portfolio: Mapping[str, Any]
    owners: Sequence[tuple[str, str, str, str]]  # (person id, name, position, photo sha256): the cover prints them
    sections: Sequence[tuple[str, str]]  # (section code, body) in the vocabulary's order
    files: Sequence[tuple[str, str, str, str, str]]  # (sha256, placement, section, caption, file name) in order
    figures: Sequence[tuple[str, str, int, int]]  # (label, unit, before, after)
    awards: Sequence[tuple[str, str, str, str, str, str, str]]  # name, level, rank, medal, date, issuer, cert sha


def content_hash(content: Content) -> str:
    """SHA-256 of the canonical JSON of the content: any change of a word, a picture or a figure changes it."""
    portfolio = {name: _plain(content.portfolio.get(name)) for name in (*CONTENT_FIELDS, ABSTRACT_FIELD)}
    canonical = {
        "portfolio": portfolio,
        "owners": [list(o) for o in content.owners],
        "sections": [list(s) for s in content.sections],
        "files": [list(f) for f in content.files],
        "figures": [list(f) for f in content.figures],
        "awards": [list(a) for a in content.awards],
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def verification_code(portfolio_id: str, digest: str) -> str:
    """What the printed QR code holds: the portfolio's id and its content hash."""
    return f"{CODE_PREFIX}:{portfolio_id}:{digest}"


# what the cover prints under the QR code ("รหัสตรวจสอบ 6f75c0ad · 3bdb019c3a45"), typed by someone without a
# scanner: the label may be typed or not, the dot as any separator; again only the whole text
PRINTED_DIGEST_CHARS = 12  # the start of the content hash printed with the short id
_PRINTED = re.compile(
    rf"(?:(?:รหัสตรวจสอบ|verification\s+code)\s*[:：]?)?\s*([0-9a-f]{{{SHORT_ID_CHARS}}})\s*[·•.:\-]?\s*"
    rf"([0-9a-f]{{{PRINTED_DIGEST_CHARS}}})",
    re.IGNORECASE,
)


def read_printed_code(text: str) -> tuple[str, str] | None:
    """(the start of the portfolio's id, the start of its content hash) from the text printed under the code."""
    m = _PRINTED.fullmatch((text or "").strip())
    return (m.group(1).lower(), m.group(2).lower()) if m else None


def read_verification_code(text: str) -> tuple[str, str] | None:
    """(portfolio id, content hash) from a scanned or typed code, or None when it is not one."""
    m = _CODE.fullmatch((text or "").strip())
    return (m.group(1).lower(), m.group(2).lower()) if m else None
