"""Building a portfolio's PDF from the open workspace (the command line and the window), at the school that
made it or at the district that received it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ... import attachment_store
from ...context import AppContext
from ...domain import rich_text, vocabularies
from ...domain.field_types import format_score
from ...domain.kinds.portfolio import OWNER_SCHOOL, PORTFOLIO, PORTFOLIO_AWARD, STATUS_DRAFT
from ...domain.portfolio_rules import PRINTED_DIGEST_CHARS, SHORT_ID_CHARS, verification_code
from ...domain.printable_text import cannot_print, unprintable_message
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from ...services.portfolios import PortfolioView
from ...services.workspace import SCHOOL, require_workspace
from . import pdf_pages as drawing
from .development_pdf import _typed_warnings
from .documents.portfolio_docs import Evidence, Figure, Owner, Picture, PortfolioFacts, portfolio
from .pdf_pages import pdf_pages
from .pdf_service import Printed, print_warnings
from .render import render

RESULTS_SECTION = "results"
MAX_PAGES_OBEC = 100  # OBEC AWARDS take an evidence file of at most 100 pages, appendix included
# one print draws at most this many pages of evidence documents, in at most this many seconds in all: thirty
# attached documents crafted to be slow would otherwise hold the print for thirty times the reader's limit
EVIDENCE_PAGES = 100
EVIDENCE_SECONDS = 120.0


def portfolio_pdf(
    ctx: AppContext, portfolio_id: str, target: Path, thai_digits: bool = False, progress: Progress = NO_PROGRESS
) -> Printed:
    view = ctx.portfolios.view(portfolio_id)
    school_name, esa_name, director = _school_of(ctx, view.portfolio.owner_code)
    facts = portfolio_facts(ctx.data_dir, view, school_name, esa_name, progress, director)
    pages = render(portfolio(facts, thai_digits), target, progress)
    warnings = (
        print_warnings(view.owners)
        + _typed_warnings([view.portfolio, *view.figures, *view.awards])
        + _written_warnings(view)
    )
    if facts.owners_gone:
        warnings.append(
            _(
                "None of this portfolio's owners is in the staff records any more (their records were erased): the "
                "cover names no one. Choose its owners again before printing it to send."
            )
        )
    if view.portfolio.deleted_at is not None:
        warnings.append(
            _(
                "This portfolio is in the Trash (deleted at the school or here): it is printed as it was when it was "
                "deleted, and is no longer submitted."
            )
        )
    if view.missing_files:
        warnings.append(
            _("{n} picture(s) of this portfolio are not in this copy yet; they print as an empty frame.").format(
                n=len(view.missing_files)
            )
        )
    unwritten = [t.label() for t in vocabularies.terms("portfolio_section") if not view.sections.get(t.code)]
    if unwritten:
        warnings.append(_("Sections not written yet (they are left out): {names}.").format(names=", ".join(unwritten)))
    uncaptioned = sum(1 for f in view.files if not (f.caption or "").strip())
    if uncaptioned:
        warnings.append(
            _("{n} picture(s) or document(s) have no caption yet; a caption says what the picture shows.").format(
                n=uncaptioned
            )
        )
    slow = [e.caption for e in facts.evidence if e.timed_out]
    if slow:
        warnings.append(
            _(
                "{n} evidence document(s) took too long to draw and print as a note only: {names}. "
                "Save them again as PDF from the program that made them, then attach them again."
            ).format(n=len(slow), names=", ".join(slow))
        )
    unreadable = [e.caption for e in facts.evidence if e.unreadable and not e.timed_out and e.pictures != (None,)]
    if unreadable:
        warnings.append(
            _(
                "{n} evidence document(s) could not be read and print as a note only: {names}. Open them on this "
                "computer; if they do not open, attach a good copy again."
            ).format(n=len(unreadable), names=", ".join(unreadable))
        )
    left_out = [e.caption for e in facts.evidence if e.left_out]
    if left_out:
        warnings.append(
            _(
                "{n} evidence document(s) were not drawn: one print draws at most {pages} pages of documents in "
                "{minutes} minutes, and the documents before them used that: {names}. Attach only the pages that "
                "show the work, or fewer documents."
            ).format(
                n=len(left_out), pages=EVIDENCE_PAGES, minutes=int(EVIDENCE_SECONDS // 60), names=", ".join(left_out)
            )
        )
    if pages > MAX_PAGES_OBEC:
        warnings.append(
            _("The portfolio has {pages} pages; OBEC AWARDS accept at most {limit} pages with the appendix.").format(
                pages=pages, limit=MAX_PAGES_OBEC
            )
        )
    return Printed(pages, warnings)


def portfolio_facts(
    data_dir: Path,
    view: PortfolioView,
    school_name: str,
    esa_name: str,
    progress: Progress = NO_PROGRESS,
    director: str = "",
) -> PortfolioFacts:
    p = view.portfolio

    def stored(sha: str | None) -> Path | None:
        return attachment_store.path_for(data_dir, sha) if sha and attachment_store.has(data_dir, sha) else None

    def label(field: str) -> str:
        value = getattr(p, field)
        return "" if value is None else PORTFOLIO.field(field).type.display(PORTFOLIO.field(field), value)

    pictures: dict[str, list[Picture]] = {}
    for f in view.pictures:
        if f.section:
            heading = vocabularies.label("portfolio_section", f.section)
            pictures.setdefault(heading, []).append(Picture(stored(f.file_sha256), f.caption or ""))
    # in the vocabulary's order: the sections with text, and those with pictures only (printed under their heading)
    shown = {f.section for f in view.pictures if f.section} | set(view.sections)
    sections = tuple(
        (vocabularies.label("portfolio_section", t.code), view.sections.get(t.code, ""))
        for t in vocabularies.terms("portfolio_section")
        if t.code in shown
    )
    certified = [a for a in view.awards if a.certificate_sha256]
    documents = len(view.evidence) + len(certified)
    reader = _EvidenceReader(stored, progress)

    def read(n: int, sha: str | None, media_type: str | None) -> tuple[Any, int, bool, bool, bool]:
        progress.update(n, documents, _("Reading evidence {n} of {total}…").format(n=n + 1, total=documents))
        return reader.read(sha, media_type)

    evidence = tuple(
        Evidence(
            f.caption or f.file_name or "",
            vocabularies.label("portfolio_section", f.section) if f.section else "",
            *read(n, f.file_sha256, f.media_type),
        )
        for n, f in enumerate(view.evidence)
    )
    certificates = tuple(
        Evidence(
            _("Certificate: {award}").format(award=a.name),
            "",
            *read(len(evidence) + n, a.certificate_sha256, a.certificate_type),
        )
        for n, a in enumerate(certified)
    )
    owners = (
        ()
        if p.owner_type == OWNER_SCHOOL
        else tuple(Owner(o.full_name_th, o.display("position"), stored(o.photo_sha256)) for o in view.owners)
    )
    figures = tuple(
        Figure(
            f.label,
            f.unit or "",
            format_score(f.before, grouped=True),
            format_score(f.after, grouped=True),
            _change(f.before, f.after, f.unit or ""),
            (f.before / 100, f.after / 100),
        )
        for f in view.figures
    )
    award_fields = {n: PORTFOLIO_AWARD.field(n) for n in ("level", "rank", "medal", "awarded_on")}
    awards = tuple(
        (
            a.name,
            award_fields["level"].type.display(award_fields["level"], a.level),
            "\n".join(  # the rank, and the medal under it
                award_fields[n].type.display(award_fields[n], getattr(a, n)) for n in ("rank", "medal") if getattr(a, n)
            ),
            award_fields["awarded_on"].type.display(award_fields["awarded_on"], a.awarded_on),
            a.issuer or "",
        )
        for a in view.awards
    )
    code = verification_code(p.id, view.digest)
    return PortfolioFacts(
        title=p.name,
        kind=label("work_kind"),
        category=label("category"),
        field=label("award_field"),
        learning_area=label("learning_area"),
        year=p.academic_year,
        owners=owners,
        school_name=school_name,
        esa_name=esa_name,
        abstract=p.abstract or "",
        sections=sections,
        pictures={k: tuple(v) for k, v in pictures.items()},
        figures=figures,
        figures_under=vocabularies.label("portfolio_section", RESULTS_SECTION),
        awards=awards,
        evidence=evidence + certificates,
        code=code,
        code_caption=_("Verification code {id} · {digest}").format(
            id=p.id[:SHORT_ID_CHARS], digest=view.digest[:PRINTED_DIGEST_CHARS]
        ),
        known_words=frozenset(word for o in owners for word in o.name.split()),
        director=director if p.owner_type == OWNER_SCHOOL else "",
        owners_gone=p.owner_type != OWNER_SCHOOL and not owners,
        draft=view.stage == STATUS_DRAFT,
    )


class _EvidenceReader:
    """The attached files of one print as pictures: a PDF document drawn once however often it is attached, and
    the documents together within EVIDENCE_PAGES pages and EVIDENCE_SECONDS; those past either limit are left
    out with a note."""

    def __init__(self, stored: Any, progress: Progress) -> None:
        self.stored = stored
        self.progress = progress
        self.pages_left = EVIDENCE_PAGES
        self.deadline = time.monotonic() + EVIDENCE_SECONDS
        self.drawn: dict[str, tuple[Any, int, bool, bool, bool]] = {}

    def read(self, sha: str | None, media_type: str | None) -> tuple[Any, int, bool, bool, bool]:
        """(pictures, pages of a PDF document, unreadable, timed out, left out) of an attached file."""
        path = self.stored(sha)
        if path is None:
            return ((None,), 0, media_type == "application/pdf", False, False)
        if media_type != "application/pdf":
            return ((path,), 0, False, False, False)
        if sha in self.drawn:
            return self.drawn[sha]
        seconds = min(drawing.RENDER_SECONDS, self.deadline - time.monotonic())  # read now: tests shorten it
        if self.pages_left <= 0 or seconds <= 0:
            return ((), 0, False, False, True)
        pages = pdf_pages(path, min(drawing.MAX_PAGES, self.pages_left), self.progress, seconds)
        self.pages_left -= len(pages.images)
        self.drawn[str(sha)] = (pages.images, pages.total, not pages.images, pages.timed_out, False)
        return self.drawn[str(sha)]


def _written_warnings(view: PortfolioView) -> list[str]:
    """Characters the font cannot draw in the sections' text and the files' captions, naming where they are."""
    lines = []
    for code, body in view.sections.items():
        chars = cannot_print(rich_text.plain_text(body))
        if chars:
            lines.append(unprintable_message(vocabularies.label("portfolio_section", code), chars))
    for n, f in enumerate(view.files, start=1):
        chars = cannot_print(f.caption or "")
        if chars:
            label = _("The caption of picture {n} ({file})").format(n=n, file=f.file_name or "")
            lines.append(unprintable_message(label, chars))
    return lines


PERCENT_UNITS = frozenset({"ร้อยละ", "%", "เปอร์เซ็นต์", "percent", "percentage"})


def _change(before: int, after: int, unit: str = "") -> str:
    """+28 (+48.3%): the difference, and as a share of before when before is not zero; a figure that is itself a
    percentage changes by points (58% → 86% is +28 points, not +48.3%)."""
    diff = after - before
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    text = f"{sign}{format_score(abs(diff), grouped=True)}"
    if unit.strip().lower() in PERCENT_UNITS:
        return _("{change} points").format(change=text)
    if before:
        text += f" ({sign}{abs(diff) / before * 100:.1f}%)"
    return text


def _school_of(ctx: AppContext, owner_code: str) -> tuple[str, str, str]:
    """The school's name, ESA and director: the workspace's own at a school, the school's synced profile at the
    district."""
    info = require_workspace(ctx.workspace.get())
    if info.kind == SCHOOL:
        return info.title, info.esa_name, info.principal_name or ""
    found = ctx.school_profile.list(owner_code=owner_code)
    if found:
        return found[0].school_name, found[0].esa_name, found[0].principal_name or ""
    return _("School {code}").format(code=owner_code), info.esa_name, ""
