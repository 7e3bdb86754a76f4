"""kaplc pdf roster|person|specimen: Thai PDFs from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _
from .output import input_file, output_file, say
from .workspace_access import open_context

if TYPE_CHECKING:
    from ..reports.pdf.pdf_service import Printed


def register(sub: Any) -> None:
    pdf = sub.add_parser("pdf", help=_("print documents to PDF"))
    p = pdf.add_subparsers(dest="document", metavar="DOCUMENT", required=True, parser_class=type(pdf))
    roster = p.add_parser("roster", help=_("the personnel roster"))
    roster.add_argument(
        "--include-inactive", action="store_true", help=_("also list staff who moved or retired (with their status)")
    )
    person = p.add_parser("person", help=_("one staff member's record sheet"))
    person.add_argument(
        "--id", required=True, help=_("the staff member's id (kaplc personnel list --json) or national ID")
    )
    specimen = p.add_parser("specimen", help=_("a Thai type specimen (to check printing)"))
    specimen.add_argument("--image", help=_("an image file to include"))
    for parser, handler in ((roster, roster_cmd), (person, person_cmd), (specimen, specimen_cmd)):
        parser.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write the PDF"))
        parser.add_argument("--thai-digits", action="store_true", help=_("print numbers in Thai digits (๐–๙)"))
        parser.set_defaults(handler=handler)


def _done(path: Path, printed: Printed) -> int:
    say(_("{pages} pages written to {path}.").format(pages=printed.pages, path=path))
    for line in printed.warnings:
        say(_("Note: {message}").format(message=line))
    return 0


def roster_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.pdf_service import roster_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        rows = ctx.personnel.list() if args.include_inactive else None  # None: the staff working here
        return _done(target, roster_pdf(ctx, target, rows, thai_digits=args.thai_digits))


def person_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.pdf_service import person_pdf

    target = output_file(args.out, ".pdf")
    with open_context(args) as ctx:
        person_id = ctx.personnel.find_id(args.id)
        return _done(target, person_pdf(ctx, person_id, target, thai_digits=args.thai_digits))


def specimen_cmd(args: argparse.Namespace) -> int:
    from ..reports.pdf.pdf_service import specimen_pdf

    target = output_file(args.out, ".pdf")
    image = input_file(args.image) if args.image else None  # a missing picture is said, not silently left out
    return _done(target, specimen_pdf(target, image, thai_digits=args.thai_digits))
