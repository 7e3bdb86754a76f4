"""The portfolio document (แฟ้มผลงาน): a cover with the owners' photos and a verification code, the table of
contents, the abstract, the sections of the write-up with their pictures and the result figures, the awards, and
an appendix of evidence (pictures, the pages of PDF documents, award certificates). Built from plain data
(reports/pdf/portfolio_pdf.py gathers it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ....domain import rich_text
from ....i18n import _
from ..blocks import (
    Block,
    Bullets,
    Contents,
    Cover,
    Document,
    FigureTable,
    Gallery,
    Heading,
    Image,
    Keep,
    PageBreak,
    Para,
    QRCode,
    Run,
    Spacer,
    Table,
)

HEADER_CHARS = 90
PHOTOS_ON_COVER = 8
PAGE_HEIGHT_CM = 19.0  # a page of a PDF document printed in the appendix: nearly the whole text area


@dataclass(frozen=True)
class Owner:
    name: str
    position: str
    photo: Path | None = None


@dataclass(frozen=True)
class Picture:
    path: Path | None
    caption: str


@dataclass(frozen=True)
class Evidence:
    caption: str
    supports: str  # the label of the section it supports ("" for none)
    pictures: tuple[Path | bytes | None, ...]  # a photo, or the rendered pages of a PDF document
    pages_total: int = 0  # a PDF document's pages (0 for a photo)
    unreadable: bool = False  # a PDF document pdfium could not read, or a file this copy does not hold
    timed_out: bool = False  # a PDF document that took too long to draw
    left_out: bool = False  # a PDF document past what one print draws (pages or time, all documents together)


@dataclass(frozen=True)
class Figure:
    label: str
    unit: str
    before: str
    after: str
    change: str
    bars: tuple[float, float]


@dataclass(frozen=True)
class PortfolioFacts:
    title: str
    kind: str  # labels, already in the document's language
    category: str
    field: str
    learning_area: str
    year: int
    owners: tuple[Owner, ...]  # empty: the school's own work
    school_name: str
    esa_name: str
    abstract: str
    sections: tuple[tuple[str, str], ...]  # (heading, stored rich text), in order
    pictures: dict[str, tuple[Picture, ...]]  # heading → its pictures
    figures: tuple[Figure, ...]
    figures_under: str  # the heading the figures print under
    awards: tuple[tuple[str, ...], ...]  # name, level, result, date, issuer
    evidence: tuple[Evidence, ...]
    code: str  # the verification code's text
    code_caption: str
    known_words: frozenset[str] = field(default_factory=frozenset)
    director: str = ""  # the school director's name, printed on the cover of a school's own work
    owners_gone: bool = False  # persons' work whose owners' records this copy no longer holds (erased)
    draft: bool = False  # not yet submitted: marked on the cover and every page, never taken for the final copy


def portfolio(facts: PortfolioFacts, thai_digits: bool = False) -> Document:
    blocks: list[Block] = [Contents(_("Table of contents")), PageBreak()]
    if facts.abstract:
        blocks += [Heading(_("Abstract"), contents=True), *[Para.of(p, indent=True) for p in _lines(facts.abstract)]]
    picture_no = 0
    tables = iter(range(1, 3))  # the figures' table, then the awards'
    for number, (heading, body) in enumerate(facts.sections, start=1):
        blocks.append(Heading(f"{number}. {heading}", contents=True))
        blocks += section_blocks(body)
        pictures = facts.pictures.get(heading, ())
        if pictures:
            numbered = []
            for picture in pictures:
                picture_no += 1
                caption = _("Picture {n}").format(n=picture_no) + (f" {picture.caption}" if picture.caption else "")
                numbered.append(Image(picture.path, caption, 8.0))
            blocks.append(Gallery(tuple(numbered)) if len(numbered) > 1 else _wide(numbered[0]))
        if heading == facts.figures_under and facts.figures:
            blocks += figure_blocks(facts.figures, next(tables))
    if facts.figures and facts.figures_under not in {h for h, _body in facts.sections}:
        blocks += [Heading(facts.figures_under, contents=True), *figure_blocks(facts.figures, next(tables))]
    if facts.awards:
        awards = Table(
            (_("No. (row)"), _("Award"), _("Level"), _("Result"), _("Date"), _("Given by")),
            tuple((str(n), *row) for n, row in enumerate(facts.awards, start=1)),
            # a row number of two digits, a medal (เหรียญทองแดง) and a date (also in Thai digits) each on one line
            widths=(0.06, 0.20, 0.18, 0.17, 0.17, 0.22),
            whole_words=frozenset({0, 3, 4}),
        )
        # the heading and the caption never left at the foot of a page without their table
        blocks.append(
            Keep(
                (
                    Heading(_("Awards received"), contents=True),
                    _table_caption(next(tables), _("Awards received")),
                    awards,
                )
            )
        )
    if facts.evidence:
        blocks += [PageBreak(), Heading(_("Appendix: evidence"), contents=True)]
        for number, item in enumerate(facts.evidence, start=1):
            blocks += evidence_blocks(number, item)
    # the owners' photos when every owner has one (an owner without a photo must not vanish from the cover)
    pictured = len(facts.owners) <= PHOTOS_ON_COVER and all(o.photo is not None for o in facts.owners)
    photos = tuple(Image(o.photo, "\n".join(x for x in (o.name, o.position) if x)) for o in facts.owners)
    photos = photos if pictured else ()
    return Document(
        title=facts.title,
        blocks=blocks,
        author=", ".join(o.name for o in facts.owners) or facts.school_name,
        header=_("DRAFT · {title}").format(title=_header(facts.title)) if facts.draft else _header(facts.title),
        subject=facts.kind,
        thai_digits=thai_digits,
        cover=Cover(
            facts.title,
            " · ".join(x for x in (facts.kind, facts.category, facts.field, facts.learning_area) if x),
            _cover_lines(facts, with_photos=bool(photos)),
            photos=photos,
            code=QRCode(facts.code, facts.code_caption, keep_digits=True),
            stamp=_("DRAFT") if facts.draft else "",
        ),
        known_words=facts.known_words,
    )


def section_blocks(body: str) -> list[Block]:
    """A section's stored text as paragraphs (the first line indented, as Thai reports are set) and lists."""
    out: list[Block] = []
    for kind, group in rich_text.numbered_runs(rich_text.parse(body)):
        if kind == rich_text.PARA:
            out += [Para(_runs(block), indent=True) for block in group]
        else:
            out.append(Bullets(tuple(_runs(block) for block in group), numbered=kind == rich_text.NUMBER))
    return out


def figure_blocks(figures: Sequence[Figure], number: int = 1) -> list[Block]:
    table = FigureTable(
        (_("No. (row)"), _("Indicator"), _("Before"), _("After"), _("Change"), _("Unit")),
        tuple((str(n), f.label, f.before, f.after, f.change, f.unit) for n, f in enumerate(figures, start=1)),
        tuple(f.bars for f in figures),
        widths=(0.06, 0.30, 0.12, 0.12, 0.26, 0.14),
        align_right=frozenset({2, 3, 4}),
    )
    caption = _table_caption(number, _("Result figures before and after the work"))
    legend = Para.of(_("Light bar: before; dark bar: after (each row to its own scale)."))
    # the caption and the legend over the table: a long table that runs onto the next page never leaves the legend
    # alone at the top of it
    return [Keep((caption, legend, Spacer(0.1), table))]


def evidence_blocks(number: int, item: Evidence) -> list[Block]:
    title = _("Evidence {n}").format(n=number) + (f" {item.caption}" if item.caption else "")
    head: list[Block] = [Heading(title, 2, contents=True)]
    if item.supports:
        head.append(Para.of(_("Supports: {section}").format(section=item.supports)))
    if item.left_out:
        head.append(
            Para.of(_("[not drawn: the documents before it fill what one print draws; it is kept with the portfolio]"))
        )
    elif item.timed_out:
        head.append(Para.of(_("[this document took too long to draw; it is kept with the portfolio as it is]")))
    elif item.unreadable:
        head.append(Para.of(_("[this document could not be read; it is kept with the portfolio as it is]")))
    pictures: list[Block] = []
    for n, picture in enumerate(item.pictures, start=1):
        # the document's own footer already numbers a page: the caption only says which page of how many
        many = item.pages_total > 1
        caption = _("Document page {n} of {total}").format(n=n, total=item.pages_total) if many else ""
        if isinstance(picture, bytes):
            pictures.append(Image(None, caption, PAGE_HEIGHT_CM, data=picture, border=True))
        else:
            pictures.append(Image(picture, caption, 12.0))
    # the heading stays with the first picture (a heading never ends a page alone); each later page of a
    # document says whose page it is
    out: list[Block] = [Keep((*head, *pictures[:1]))]
    for picture in pictures[1:]:
        out.append(Keep((Para.of(title + " " + _("(continued)")), picture)))
    if item.pages_total > len(item.pictures) and not item.unreadable and not item.left_out:
        out.append(
            Para.of(
                _(
                    "Only the first {shown} of {total} pages are printed; the whole document stays with the portfolio."
                ).format(shown=len(item.pictures), total=item.pages_total)
            )
        )
    return out


def _runs(block: rich_text.Block) -> tuple[Run, ...]:
    return tuple(Run(s.text, s.bold, s.italic) for s in block.spans)


def _wide(picture: Image) -> Image:
    return Image(picture.path, picture.caption, 9.0, picture.data)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _table_caption(number: int, text: str) -> Para:
    """“ตารางที่ 1 …” over a table, the number in bold, as Thai academic reports caption them."""
    return Para((Run(_("Table {n}").format(n=number), bold=True), Run(" " + text)))


def _owner_line(owner: Owner) -> str:
    return _("{name}, {position}").format(name=owner.name, position=owner.position) if owner.position else owner.name


def _header(title: str) -> str:
    """The title for the page header, cut after a whole word when it is long (a Thai word is never cut)."""
    from ..thai_text import segment

    text = " ".join(title.split())
    if len(text) <= HEADER_CHARS:
        return text
    kept = ""
    for word in segment(text):
        if len(kept) + len(word) > HEADER_CHARS - 1:
            break
        kept += word
    return (kept.rstrip() or text[: HEADER_CHARS - 1]) + "…"


def _cover_lines(facts: PortfolioFacts, with_photos: bool) -> tuple[str, ...]:
    lines = []
    if facts.owners:
        if not with_photos:  # each owner on a line with their own position (the photos' captions say it else)
            lines.append(_("Presented by"))
            lines += [_owner_line(o) for o in facts.owners]
    elif facts.owners_gone:  # never passed off as the school's own work
        lines += [_("Presented by"), _("[the owners' records are no longer held in this copy]")]
    else:
        lines.append(_("A work of the school as a whole"))
        if facts.director:
            lines.append(_("School director: {name}").format(name=facts.director))
    lines += [facts.school_name, facts.esa_name, _("Academic year {year}").format(year=facts.year)]
    if facts.draft:
        lines.append(_("DRAFT: not yet submitted to the district office"))
    return tuple(line for line in lines if line)
