"""The personnel roster and the one-person record sheet."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from ....domain import buddhist_date, vocabularies
from ....domain.kinds.personnel import PERSONNEL
from ....domain.person_rules import STATUS_ACTIVE
from ....i18n import _
from ....services.person_row import PersonRow
from ....services.workspace import WorkspaceInfo
from ..blocks import Document, Image, QRCode, Signature, Signatures, Spacer, Table, Title
from ..record_block import record_block, record_values
from ..render import today_long

field_label = PERSONNEL.label_of


def name_words(people: list[PersonRow], school: WorkspaceInfo) -> frozenset[str]:
    """The name parts a personnel document prints, as whole words for its line breaker."""
    words = {part for p in people for part in (*p.full_name_th.split(), p.first_name_th, p.last_name_th)}
    words.update((school.principal_name or "").split())
    return frozenset(w for w in words if len(w) > 2)  # a two-letter name would cut longer words it is part of


ROSTER_PRINTED = ("title_prefix", "first_name_th", "last_name_th")  # the typed fields the roster prints


def roster(
    rows: list[PersonRow], school: WorkspaceInfo, thai_digits: bool = False, today: dt.date | None = None
) -> Document:
    """The staff roster, certified by the director. When it lists anyone no longer working at the school (the
    window prints the list as filtered), a status column says so: a certified roster never passes a person who
    moved or retired as current staff."""
    with_status = any(r.status != STATUS_ACTIVE for r in rows)
    header = [
        _("No. (row)"),
        _("Name"),
        field_label("position"),
        field_label("academic_standing"),
        field_label("learning_areas"),
        field_label("start_date"),
    ]
    widths = [0.05, 0.22, 0.19, 0.16, 0.25, 0.13]
    body = []
    for n, r in enumerate(rows, start=1):
        row = [
            str(n),
            r.full_name_th,
            r.display("position"),
            vocabularies.label("academic_standing", r.academic_standing),
            r.learning_areas_label,
            buddhist_date.format_short(r.start_date),
        ]
        if with_status:
            row.append(r.display("status") + (f" {r.display('status_date')}" if r.status_date else ""))
        body.append(tuple(row))
    if with_status:
        header.append(field_label("status"))
        widths = [0.05, 0.2, 0.16, 0.15, 0.2, 0.11, 0.13]
    active = sum(r.status == STATUS_ACTIVE for r in rows)
    count = _("As of {date} — {n} staff").format(date=today_long(thai_digits, today), n=len(rows))
    if with_status:
        count += " " + _("({n} working here)").format(n=active)
    return Document(
        title=_("Personnel roster") + f" — {school.title}",
        author=school.title,
        header=f"{school.title} · {school.esa_name}",
        thai_digits=thai_digits,
        landscape=True,
        known_words=name_words(rows, school),
        blocks=[
            Title(_("Personnel roster"), f"{school.title} {school.esa_name} · {count}"),
            Table(
                tuple(header),
                tuple(body),
                widths=tuple(widths),
                whole_words=frozenset({1, 5, 6}),  # a name part or a date is never broken inside
            ),
            Spacer(0.6),
            Signature(name=school.principal_name or "", position=_("School director"), label=_("Certifier")),
        ],
    )


def person_sheet(
    person: PersonRow,
    school: WorkspaceInfo,
    photo: Path | None,
    thai_digits: bool = False,
    today: dt.date | None = None,
    photo_data: bytes | None = None,
) -> Document:
    values = record_values(PERSONNEL, person)
    fingerprint = hashlib.sha256(repr(sorted(values)).encode()).hexdigest()[:16]
    blocks = [
        Title(_("Personnel record"), school.title),
        record_block(
            PERSONNEL,
            person,
            photo=Image(photo, data=photo_data) if photo is not None or photo_data is not None else None,
            photo_missing=_("Photo"),  # an empty frame where the photo is pasted
        ),
        Signatures(
            (
                Signature(person.full_name_th, person.display("position"), _("Owner of the record")),
                Signature(school.principal_name or "", _("School director"), _("Certifier")),
            ),
            code=QRCode(
                f"kaplc:person:{person.id}:{fingerprint}",
                caption=_("Record {id}").format(id=person.id[:8]),
                keep_digits=True,
            ),
            note=_("Printed on {date}").format(date=today_long(thai_digits, today)),
        ),
    ]
    return Document(
        title=_("Personnel record") + f" — {person.full_name_th}",
        author=school.title,
        header=f"{school.title} · {school.esa_name}",
        thai_digits=thai_digits,
        blocks=blocks,
        known_words=name_words([person], school),
    )
