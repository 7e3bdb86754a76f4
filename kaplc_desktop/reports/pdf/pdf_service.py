"""Building the app's PDFs from the open workspace (used by the command line and the window)."""

from __future__ import annotations

from pathlib import Path

from ... import attachment_store
from ...context import AppContext
from ...services.workspace import require_school
from .documents.personnel_docs import person_sheet, roster
from .documents.specimen import specimen
from .render import render


def roster_pdf(ctx: AppContext, target: Path, rows: list | None = None, thai_digits: bool = False) -> int:  # type: ignore[type-arg]
    school = require_school(ctx.workspace.get())
    people = rows if rows is not None else [r for r in ctx.personnel.list() if r.status == "active"]
    return render(roster(people, school, thai_digits), target)


def person_pdf(ctx: AppContext, person_id: str, target: Path, thai_digits: bool = False) -> int:
    school = require_school(ctx.workspace.get())
    person = ctx.personnel.get(person_id)
    photo = attachment_store.path_for(ctx.data_dir, person.photo_sha256) if person.photo_sha256 else None
    return render(person_sheet(person, school, photo, thai_digits), target)


def specimen_pdf(target: Path, image: Path | None = None) -> int:
    return render(specimen(image), target)
