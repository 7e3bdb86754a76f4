"""What an Excel import says on the command line, the same for every list: each row's problem (and change),
the notes, and the refusal when rows have errors and --skip-invalid was not given."""

from __future__ import annotations

from typing import Any

from ..errors import KaplcError
from ..i18n import _
from .output import say


def say_rows(report: Any) -> None:
    """Problems, then changes (a list imported again), then notes on rows imported as typed."""
    for p in [*report.problems, *getattr(report, "changes", [])]:
        say(_("Row {row}, {column}: {message}").format(row=p.row, column=p.column, message=p.message))
    for p in report.warnings:
        say(_("Note: row {row}, {column}: {message}").format(row=p.row, column=p.column, message=p.message))


def example_skipped(report: Any) -> str:
    return " " + _("The template's example row was skipped.") if report.skipped_example else ""


def refuse_invalid(report: Any, skip_invalid: bool) -> None:
    invalid = report.invalid_rows
    if invalid and not skip_invalid:
        raise KaplcError(
            _(
                "{n} rows have errors, so nothing was imported. Fix them and import again, or use "
                "--skip-invalid to import only the valid rows."
            ).format(n=len(invalid))
        )
