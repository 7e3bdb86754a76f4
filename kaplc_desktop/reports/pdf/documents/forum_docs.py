"""A presentation forum's programme: the forum, its day and venue, and a session per row (time, work or item,
school, presenters, room), as the district sends it to the schools and hands it to the committee."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ....domain import buddhist_date, vocabularies
from ....i18n import _
from ..blocks import Block, Document, KeyValues, Para, Spacer, Table, Title


def forum_programme(
    forum: Any, office: str, rows: Sequence[tuple[str, str, str, str, str]], thai_digits: bool = False
) -> Document:
    level = vocabularies.label("award_level", forum.level)
    head = (
        (_("Date"), buddhist_date.format_long(forum.held_on)),
        (_("Venue"), forum.venue),
        (_("Selection level"), level),
        (_("Academic year"), str(forum.academic_year)),
    )
    table: Block = Table(
        (_("Time"), _("Work or item"), _("School"), _("Presented by"), _("Room")),
        tuple(rows),
        widths=(0.15, 0.31, 0.19, 0.21, 0.14),  # a time span "09.00–09.15" on one line
        whole_words=frozenset({0, 2, 3, 4}),  # names and rooms broken at their spaces only
    )
    if not rows:
        table = Para.of(_("No session is planned yet."))
    blocks: list[Block] = [
        Title(_("Programme"), forum.name),
        KeyValues(head, label_share=0.25),
        Spacer(0.3),
        table,
    ]
    if forum.note:
        blocks += [Spacer(0.3), KeyValues(((_("Note"), forum.note),), label_share=0.25)]
    return Document(
        title=_("Programme: {forum}").format(forum=forum.name),
        blocks=blocks,
        author=office,
        header=office,
        subject=_("Presentation forum"),
        thai_digits=thai_digits,
    )
