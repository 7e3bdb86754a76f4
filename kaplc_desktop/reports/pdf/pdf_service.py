"""Building the app's PDFs from the open workspace (used by the command line and the window)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ... import attachment_store
from ...context import AppContext
from ...domain.kinds.personnel import PERSONNEL
from ...domain.printable_text import cannot_print, field_warnings, unprintable_message
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.person_row import PersonRow
from ...services.workspace import WorkspaceInfo, require_school
from .documents.personnel_docs import ROSTER_PRINTED, person_sheet, roster
from .documents.specimen import specimen
from .render import render

MAX_WARNINGS = 20


@dataclass(frozen=True)
class Printed:
    pages: int
    # which records hold characters the font cannot draw (printed as ■), so the user can correct them
    warnings: list[str] = field(default_factory=list)


def roster_pdf(
    ctx: AppContext,
    target: Path,
    rows: list | None = None,  # type: ignore[type-arg]
    thai_digits: bool = False,
    progress: Progress = NO_PROGRESS,
) -> Printed:
    school = require_school(ctx.workspace.get())
    people = rows if rows is not None else [r for r in ctx.personnel.list() if r.status == "active"]
    pages = render(roster(people, school, thai_digits), target, progress)
    return Printed(pages, print_warnings(people, school, ROSTER_PRINTED))


def person_pdf(
    ctx: AppContext, person_id: str, target: Path, thai_digits: bool = False, progress: Progress = NO_PROGRESS
) -> Printed:
    school = require_school(ctx.workspace.get())
    person = ctx.personnel.get(person_id)
    photo = attachment_store.path_for(ctx.data_dir, person.photo_sha256) if person.photo_sha256 else None
    pages = render(person_sheet(person, school, photo, thai_digits), target, progress)
    return Printed(pages, print_warnings([person], school))


def specimen_pdf(target: Path, image: Path | None = None, thai_digits: bool = False) -> Printed:
    return Printed(render(specimen(image, thai_digits), target))


def print_warnings(
    people: list[PersonRow], school: WorkspaceInfo | None = None, fields: tuple[str, ...] = PERSONNEL.typed_text
) -> list[str]:
    """One line per printed field that comes out with ■ in it, naming the record: at most MAX_WARNINGS, then a
    count. `fields` are the typed fields the document prints (the roster prints names only)."""
    lines = []
    if school is not None:
        for label, text in ((_("School name"), school.title), (_("School director"), school.principal_name)):
            chars = cannot_print(text)
            if chars:
                lines.append(unprintable_message(label, chars))
    for person in people:
        values = dataclasses.asdict(person)
        lines += [f"{person.full_name_th}: {w.message}" for w in field_warnings(values, fields, kind="personnel")]
    if len(lines) > MAX_WARNINGS:
        rest = len(lines) - MAX_WARNINGS
        lines = [*lines[:MAX_WARNINGS], _("… and {n} more.").format(n=rest)]
    return lines
