"""Typesetting a Document: A4 pages with the customary margins, header, "หน้า X จาก Y" footer, metadata,
and every block turned into shaped, word-wrapped Thai flowables."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from ...atomic_file import atomic_path
from ...domain import buddhist_date
from ...errors import KaplcError
from ...i18n import _
from ...progress import NO_PROGRESS, Progress
from . import blocks as b
from .images import PictureBudget, load_image
from .page_table import page_table_class
from .styles import styles
from .thai_fonts import register_fonts
from .thai_text import MAX_CLUSTER, Fit, clusters, plain_thai_digits, tame_marks, to_markup

CM = 28.3465
WIDEST_EM = 1.4  # no character of the shipped faces is wider (the widest, ‰ in bold, is 1.378 em; a test checks)
CHUNK_CHARS = 2000
MARGINS = {"left": 3.0 * CM, "right": 2.0 * CM, "top": 2.5 * CM, "bottom": 2.0 * CM}


def fit_for(style: Any, width: float, whole: bool = False, bold: bool = False) -> Fit:
    """Lines `width` points wide in `style` (measured in its bold face when runs may be bold: the widest)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = f"{style.fontName.split('-')[0]}-Bold" if bold else style.fontName
    size = style.fontSize
    return Fit(lambda text: stringWidth(text, font, size), width, whole, widest=size * WIDEST_EM)


def _runs_markup(
    runs: tuple[b.Run, ...], thai_digits: bool, known: frozenset[str] = frozenset(), fit: Fit | None = None
) -> str:
    parts = []
    for run in runs:
        text = to_markup(run.text, thai_digits=thai_digits, known=known, fit=fit)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


class _Builder:
    def __init__(
        self, doc: b.Document, family: str, width: float, height: float, pages: dict[int, int] | None = None
    ) -> None:
        self.doc = doc
        self.s = styles(family)
        self.width = width
        self.height = height
        self.Table = page_table_class(height)  # rows cut across pages only when taller than a page
        self.pages = pages or {}  # contents heading number → the page it landed on (the first layout's finding)
        self.loaded: dict[Any, tuple[str, int, int] | None] = {}  # pictures read once, for every layout
        self.pictures: Path | None = None  # where render() keeps them while it lays the document out
        self.budget = PictureBudget()
        self.headings = list(_contents_headings(doc.blocks))  # in the order block() numbers them
        self._heading_no = 0

    def p(self, text: str, style: str = "body", width: float | None = None, whole: bool = False) -> Any:
        """A paragraph `width` points wide (the text width when not given); with `whole`, words that fit that
        width are never broken inside (names, dates)."""
        from reportlab.platypus import Paragraph

        st = self.s[style]
        fit = fit_for(st, self.width if width is None else width, whole)
        return Paragraph(to_markup(text, thai_digits=self.doc.thai_digits, fit=fit, known=self.doc.known_words), st)

    def flowables(self) -> list[Any]:
        from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

        out: list[Any] = []
        cover = self.doc.cover
        if cover is not None:
            out.append(Spacer(1, (3.5 if cover.photos else 7) * CM))
            if cover.stamp:
                out += [self.stamp(cover.stamp), Spacer(1, 0.6 * CM)]
            out.append(self.p(cover.title, "title"))
            if cover.subtitle:
                out.append(self.p(cover.subtitle, "subtitle"))
            if cover.photos:
                out += [Spacer(1, 1.2 * CM), *self.portraits(cover.photos)]
            out += [Spacer(1, (1.2 if cover.photos else 3) * CM), *[self.p(line, "center") for line in cover.lines]]
            out += [NextPageTemplate("body"), PageBreak()]
        blocks = list(self.doc.blocks)
        n = 0
        while n < len(blocks):
            block = blocks[n]
            # a table followed (after spacers) by a signature: the signature becomes the table's last row, kept
            # with the rows above it that fit a page with it, so a certification never stands alone on a page
            after = n + 1
            while after < len(blocks) and isinstance(blocks[after], b.Spacer):
                after += 1
            following = blocks[after] if after < len(blocks) else None
            if isinstance(block, b.Table | b.KeyValues) and isinstance(following, b.Signature | b.Signatures):
                gap = sum(x.height_cm for x in blocks[n + 1 : after] if isinstance(x, b.Spacer)) * CM
                if isinstance(block, b.Table):
                    out.extend(self.table(block, following, gap))
                else:
                    out.extend(self.key_values(block, following, gap))
                n = after + 1
                continue
            out.extend(self.block(block))
            n += 1
        return out

    def block(self, block: b.Block) -> list[Any]:
        from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

        if isinstance(block, b.Title):
            items = [self.p(block.text, "title")]
            if block.subtitle:
                items.append(self.p(block.subtitle, "subtitle"))
            return items
        if isinstance(block, b.Heading):
            para = self.p(block.text, "h1" if block.level <= 1 else "h2")
            if block.contents:
                para._contents_entry = (self._heading_no, block.text, block.level)  # noticed once laid out
                self._heading_no += 1
            return [para]
        if isinstance(block, b.Contents):
            return self.contents(block)
        if isinstance(block, b.FigureTable):
            return self.figure_table(block)
        if isinstance(block, b.Para):
            if sum(len(run.text) for run in block.runs) > CHUNK_CHARS:
                return self.long_paragraph(block)
            style = self.s["body_indent" if block.indent else "body"]
            fit = fit_for(style, self.width, bold=True)
            if block.indent:  # the first line is shorter: lines are measured for it
                fit = fit_for(style, self.width - style.firstLineIndent, bold=True)
            markup = _runs_markup(block.runs, self.doc.thai_digits, self.doc.known_words, fit)
            return [Paragraph(markup, style)]
        if isinstance(block, b.Bullets):
            return self.bullets(block)
        if isinstance(block, b.KeyValues):
            return self.key_values(block)
        if isinstance(block, b.Table):
            return self.table(block)
        if isinstance(block, b.Image):
            return self.image(block)
        if isinstance(block, b.Gallery):
            return self.gallery(block)
        if isinstance(block, b.Keep):
            from reportlab.platypus import KeepTogether

            flat: list[Any] = []
            for inner in block.blocks:  # a KeepTogether inside another reports an endless height: unwrapped
                for f in self.block(inner):
                    flat.extend(f._content if isinstance(f, KeepTogether) else [f])
            return [KeepTogether(flat)]
        if isinstance(block, b.Signature | b.Signatures):
            return [KeepTogether(self.signature(block))]
        if isinstance(block, b.QRCode):
            return self.qr(block)
        if isinstance(block, b.PageBreak):
            return [PageBreak()]
        if isinstance(block, b.Spacer):
            return [Spacer(1, block.height_cm * CM)]
        raise TypeError(f"unknown block {block!r}")

    def long_paragraph(self, block: b.Para) -> list[Any]:
        """Very long text is set as consecutive paragraphs of about CHUNK_CHARS, cut at a space (inside a run of
        bold or plain words alike): ReportLab re-wraps the rest of a paragraph at every page break, which grows with
        the square of its length."""
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        chunks = _run_chunks(block.runs)
        out = []
        for n, runs in enumerate(chunks):
            indent = block.indent and n == 0
            style = self.s["body_indent" if indent else "body"]
            if n < len(chunks) - 1:
                style = ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)
            fit = fit_for(style, self.width - (style.firstLineIndent if indent else 0), bold=True)
            out.append(Paragraph(_runs_markup(tuple(runs), self.doc.thai_digits, self.doc.known_words, fit), style))
        return out

    def bullets(self, block: b.Bullets) -> list[Any]:
        from reportlab.platypus import ListFlowable, ListItem

        indent = 26 if block.numbered and len(block.items) >= 10 else 18  # room for "10." before the text
        items = [ListItem(self.list_item(item, self.width - 2 * indent), leftIndent=indent) for item in block.items]
        kwargs: dict[str, Any] = {"leftIndent": indent, "bulletFontName": self.s["body"].fontName, "bulletFontSize": 13}
        if not block.numbered:
            kwargs.update(bulletType="bullet", start="•")
        elif self.doc.thai_digits:
            kwargs.update(bulletType="1", bulletFormat=lambda n: f"{plain_thai_digits(str(n))}.")
        else:
            kwargs.update(bulletType="1", bulletFormat="%s.")
        return [ListFlowable(items, **kwargs)]

    def list_item(self, item: str | tuple[b.Run, ...], width: float) -> Any:
        if isinstance(item, str):
            return self.p(item, width=width)
        from reportlab.platypus import Paragraph

        fit = fit_for(self.s["body"], width, bold=True)
        return Paragraph(_runs_markup(item, self.doc.thai_digits, self.doc.known_words, fit), self.s["body"])

    def contents(self, block: b.Contents) -> list[Any]:
        """The headings with their pages: a name column and a page column, a dotted rule under each row. The page
        column is as wide in both layouts, so the numbers the second one fills in move nothing."""
        from reportlab.platypus import Spacer

        number_w = 1.6 * CM
        rows = []
        for n, heading in enumerate(self.headings):
            indent = 0.8 * CM if heading.level > 1 else 0.0
            text_w = self.width - number_w - indent - 12
            page = self.pages.get(n)
            style = "body" if heading.level > 1 else "h2"
            name = self.p(heading.text, style, text_w)
            name.style = _without_keep(name.style)
            shown = plain_thai_digits(str(page)) if self.doc.thai_digits and page else str(page or "")
            number = self.p(shown, style, number_w - 12)  # the name's own size: both sit on one baseline
            number.style = _without_keep(name.style, right=True)
            rows.append(([name], number, indent))
        table = self.Table(
            [[r[0], r[1]] for r in rows] or [["", ""]], colWidths=[self.width - number_w, number_w], repeatRows=0
        )
        style: list[Any] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors_hex("#A0A0A0"), None, (1, 2)),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        style += [("LEFTPADDING", (0, n), (0, n), 6 + r[2]) for n, r in enumerate(rows)]
        table.setStyle(style)
        return [self.p(block.title, "title"), Spacer(1, 0.6 * CM), table]

    def figure_table(self, block: b.FigureTable) -> list[Any]:
        """The figures as a table whose last column shows each row's before and after as two bars."""
        from reportlab.graphics.shapes import Drawing, Rect

        bar_w = 3.2 * CM
        text_w = self.width - bar_w
        fractions = block.widths or tuple(1 / len(block.header) for _ in block.header)
        widths = [text_w * f / sum(fractions) for f in fractions] + [bar_w]
        numbers = {0, *block.align_right}  # a number broken across lines reads as another number
        self._fit_numbers(widths, numbers, block.rows, text_w)
        head = [self.p(text, "head", widths[i] - 12) for i, text in enumerate(block.header)] + [""]
        body = []
        for row, (before, after) in zip(block.rows, block.bars, strict=False):
            cells = [
                self.p(
                    cell.strip() or "-",
                    "cell_right" if i in block.align_right else "cell",
                    widths[i] - 12,
                    whole=i in numbers,
                )
                for i, cell in enumerate(row)
            ]
            top = max(abs(before), abs(after)) or 1.0
            length = widths[-1] - 14
            drawing = Drawing(length, 16)
            drawing.add(Rect(0, 9, length * abs(before) / top, 6, fillColor=colors_hex("#9DB4D3"), strokeColor=None))
            drawing.add(Rect(0, 1, length * abs(after) / top, 6, fillColor=colors_hex("#2F5E9E"), strokeColor=None))
            body.append([*cells, drawing])
        table = self.Table([head, *body], colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors_hex("#808080")),
                ("BACKGROUND", (0, 0), (-1, 0), colors_hex("#E8EEF4")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
        return [table]

    def stamp(self, text: str) -> Any:
        """A short text in bold red, boxed and centred (a rubber stamp's look)."""
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        red = colors_hex("#B42318")
        style = ParagraphStyle("stamp", parent=self.s["subtitle"], textColor=red, fontSize=18, leading=26)
        fit = fit_for(style, self.width * 0.4 - 12)
        para = Paragraph(f"<b>{to_markup(text, thai_digits=self.doc.thai_digits, fit=fit)}</b>", style)
        box = self.Table([[para]], colWidths=[self.width * 0.4])
        box.setStyle([("BOX", (0, 0), (-1, -1), 1.5, red), ("TOPPADDING", (0, 0), (-1, -1), 2)])
        return box

    def _fit_numbers(
        self, widths: list[float], numbers: set[int], rows: tuple[tuple[str, ...], ...], text_w: float
    ) -> None:
        """Widens the number columns to their longest number (each part between spaces on one line), taking the
        room from the text columns (each keeping its longest word, or a sixth of the table) and the bars."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        style = self.s["cell"]

        def longest(i: int) -> float:
            words = [w for row in rows if i < len(row) for w in row[i].split()]
            if self.doc.thai_digits:
                words = [plain_thai_digits(w) for w in words]
            return max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0) + 13

        lack = sum(max(0.0, longest(i) - widths[i]) for i in numbers)
        if not lack:
            return
        bars = len(widths) - 1
        donors = sorted((i for i in range(bars) if i not in numbers), key=lambda i: -widths[i])
        spare = {i: max(0.0, widths[i] - max(text_w / 10, min(longest(i), text_w / 6))) for i in donors}
        spare[bars] = max(0.0, widths[bars] - 1.8 * CM)  # the bars can be shorter
        donors.append(bars)
        share = min(1.0, sum(spare.values()) and lack / sum(spare.values()))
        given = 0.0
        for i in donors:
            widths[i] -= spare[i] * share
            given += spare[i] * share
        for i in numbers:  # what was given, shared by what each lacks
            widths[i] += given * max(0.0, longest(i) - widths[i]) / lack

    def portraits(self, photos: tuple[b.Image, ...]) -> list[Any]:
        """The owners' photos side by side (four to a row), each with the name under it."""
        per_row = min(4, len(photos))
        cell = self.width / max(per_row, 3)
        out = []
        for start in range(0, len(photos), per_row):
            row = []
            for photo in photos[start : start + per_row]:
                box = b.Image(photo.path, photo.caption, PHOTO_HEIGHT_CM, photo.data)
                row.append(self.image(box, min(cell - 12, PHOTO_WIDTH_CM * CM), keep=False))
            table = self.Table([row], colWidths=[cell] * len(row))
            table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
            out.append(table)
        return out

    def key_values(self, block: b.KeyValues, signature: Sig | None = None, gap: float = 0.0) -> list[Any]:

        label_w = self.width * block.label_share
        photo_w = PHOTO_WIDTH_CM * CM
        beside = _photo_rows(block)  # the first rows, short enough to stand beside the photo
        value_w = self.width - label_w - (photo_w + PHOTO_GAP if beside else 0)
        colon = ":" if block.colon else ""
        rows: list[list[Any]] = [
            [
                self.p(label + colon, "h2", label_w - 6),
                self.p(value.strip() or "-", width=value_w - 6, whole=True),
            ]
            for label, value in block.rows
        ]
        extra: list[Any] = []
        before: list[Any] = []
        widths = [label_w, value_w]
        if block.photo is not None or block.photo_missing:
            photo = self.photo_box(block)
            if beside:
                widths.append(photo_w + PHOTO_GAP)
                for n, row in enumerate(rows):
                    row.append(photo if n == 0 else "")
                    if n >= beside:
                        extra.append(("SPAN", (1, n), (2, n)))
                extra += [
                    ("SPAN", (2, 0), (2, beside - 1)),
                    ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                    ("RIGHTPADDING", (2, 0), (2, 0), 0),
                ]
            else:  # long values: the photo above, at the right (a spanned cell could not be split across pages)
                photo.hAlign = "RIGHT"
                before.append(photo)
        columns = len(widths)
        after: list[Any] = []
        if signature is not None:
            sig = self.signature(signature)[-1]
            keep = self.rows_to_keep(rows[len(rows) - 2 :], [w - 6 for w in widths], 2, sig, gap + 10, 0.0)
            if keep:
                rows.append([sig, *[""] * (columns - 1)])
                end = len(rows) - 1
                extra += [
                    ("SPAN", (0, end), (-1, end)),
                    ("NOSPLIT", (0, end - keep), (-1, end)),
                    ("TOPPADDING", (0, end), (-1, end), gap + 10),
                ]
            else:  # the last row alone is nearly a page: the signature follows on its own
                after = self.block(signature)
        table = self.Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                *extra,
            ]
        )
        return [*before, table, *after]

    def photo_box(self, block: b.KeyValues) -> Any:
        """The photo in a thin frame, PHOTO_WIDTH_CM wide; an empty frame with a caption when there is none."""
        from reportlab.platypus import Image, Paragraph, Table

        w, h = PHOTO_WIDTH_CM * CM, PHOTO_HEIGHT_CM * CM
        loaded = self.load(block.photo) if block.photo is not None else None
        if loaded is not None:
            data, pw, ph = loaded
            scale = min(w / pw, h / ph)
            content: Any = Image(data, width=pw * scale, height=ph * scale)
        else:
            if block.photo is not None:  # a photo that cannot be read (damaged, too large) is named, visibly
                name = block.photo.path.name if block.photo.path else ""
                text = _("[picture not available: {name}]").format(name=name)
            else:
                text = block.photo_missing
            content = Paragraph(to_markup(text, fit=fit_for(self.s["caption"], w - 4)), self.s["caption"])
        box = Table([[content]], colWidths=[w], rowHeights=[h])
        box.setStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, "#999999"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                *[(p, (0, 0), (-1, -1), 0) for p in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")],
            ]
        )
        box.hAlign = "RIGHT"
        return box

    def table(self, block: b.Table, signature: Sig | None = None, gap: float = 0.0) -> Any:
        from reportlab.lib import colors

        columns = len(block.header)
        fractions = block.widths or tuple(1 / columns for _ in range(columns))
        widths = [self.width * f / sum(fractions) for f in fractions]
        padding = 12  # the cell's left and right padding (6 pt each)
        head = [self.p(text, "head", widths[i] - padding) for i, text in enumerate(block.header)]
        body = [
            [
                self.p(
                    cell.strip() or block.empty,  # an empty cell prints the same way everywhere in a table
                    "cell_right" if i in block.align_right else "cell",
                    widths[i] - padding,
                    whole=i in block.whole_words,
                )
                for i, cell in enumerate(row)
            ]
            for row in block.rows
        ]
        rows = [head, *body]
        last = len(rows) - 1  # the last row with a grid
        extra: list[Any] = []
        after: list[Any] = []
        if signature is not None:
            sig = self.signature(signature)[-1]
            cell_widths = [w - padding for w in widths]
            head_height = self.rows_height([head], cell_widths, 5)
            keep = self.rows_to_keep(body[-2:], cell_widths, 5, sig, gap + 6, head_height)
            if keep:
                rows.append([sig, *[""] * (columns - 1)])
                end = len(rows) - 1
                extra = [
                    ("SPAN", (0, end), (-1, end)),
                    ("NOSPLIT", (0, end - keep), (-1, end)),  # the signature stays with the last rows
                    ("TOPPADDING", (0, end), (-1, end), gap + 6),
                    ("LEFTPADDING", (0, end), (-1, end), 0),
                    ("RIGHTPADDING", (0, end), (-1, end), 0),
                ]
            else:  # the last row alone is nearly a page: the signature follows on its own
                after = self.block(signature)
        table = self.Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)  # a huge cell may span pages
        table.setStyle(
            [
                ("GRID", (0, 0), (-1, last), 0.5, colors.HexColor("#808080")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *extra,
            ]
        )
        return [table, *after]

    @staticmethod
    def rows_height(rows: list[list[Any]], widths: list[float], padding: float) -> float:
        """How tall rows of paragraphs will be set in columns of these widths (padding: top + bottom)."""
        total = 0.0
        for row in rows:
            cells = [cell.wrap(w, 1e9)[1] for cell, w in zip(row, widths, strict=False) if hasattr(cell, "wrap")]
            total += max(cells, default=0.0) + padding
        return total

    def rows_to_keep(
        self, tail: list[list[Any]], widths: list[float], padding: float, sig: Any, gap: float, head: float
    ) -> int:
        """How many of the last rows (2, 1 or 0) a signature can be kept with: together they must fit a page."""
        room = self.height * 0.9 - head - sig.wrap(self.width, 1e9)[1] - gap
        for keep in (2, 1):
            if keep <= len(tail) and self.rows_height(tail[len(tail) - keep :], widths, padding) <= room:
                return keep
        return 0

    def image(self, block: b.Image, width: float | None = None, keep: bool = True) -> list[Any]:
        """The picture (or a visible note when it cannot be read) with its caption under it, kept together (in a
        gallery's cell, the row keeps them)."""
        from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table

        width = self.width if width is None else width
        loaded = self.load(block)
        items: list[Any]
        if loaded is None:
            name = block.path.name if block.path else ""
            text = _("[picture not available: {name}]").format(name=name)
            note = Paragraph(to_markup(text, fit=fit_for(self.s["caption"], width * 0.6 - 12)), self.s["caption"])
            box = Table([[note]], colWidths=[width * 0.6], rowHeights=[2.5 * CM])
            box.setStyle([("BOX", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
            items = [box]
        else:
            data, w, h = loaded
            scale = min(width / w, block.max_height_cm * CM / h, 1.0 if w > 600 else width / w)
            picture = Image(data, width=w * scale, height=h * scale)
            if block.border:  # a page of a document: its white edges shown
                framed = Table([[picture]], colWidths=[w * scale], rowHeights=[h * scale])
                framed.setStyle(
                    [("BOX", (0, 0), (-1, -1), 0.6, "#808080"), *[(p, (0, 0), (-1, -1), 0) for p in _PADDINGS]]
                )
                picture = framed
            items = [picture]
        if block.caption:
            items.append(self.p(block.caption, "caption", width))
        return [KeepTogether([*items, Spacer(1, 0.3 * CM)])] if keep else items

    def load(self, block: b.Image) -> tuple[str, int, int] | None:
        """The picture ready to embed (a JPEG file's name, its size), read and scaled once however many times the
        document is laid out. ReportLab copies a .jpg file into the PDF as it is; given the picture in memory it
        decodes it whole to name it and keeps that until the end (27 MB a page of an evidence document: 1.7 GB
        for 63 pages, measured) while from a file it holds nothing."""
        key = block.path if block.data is None else id(block.data)
        if key not in self.loaded:
            found = load_image(block.path, block.data, self.budget)
            if found is None:
                self.loaded[key] = None
            else:
                if self.pictures is None:
                    raise RuntimeError("render() sets the folder for pictures")
                name = self.pictures / f"{len(self.loaded)}.jpg"
                name.write_bytes(found[0].getvalue())
                self.loaded[key] = (str(name), found[1], found[2])
        return self.loaded[key]

    def gallery(self, block: b.Gallery) -> list[Any]:
        """One table per row of pictures: a heading before it keeps with the first row only, and a row moves to
        the next page whole."""
        columns = max(1, block.columns)
        gap = 0.4 * CM
        cell = (self.width - gap * (columns - 1)) / columns
        out = []
        for start in range(0, len(block.images), columns):
            row = [self.image(img, cell, keep=False) for img in block.images[start : start + columns]]
            table = self.Table(
                [row + [""] * (columns - len(row))],
                colWidths=[cell + (gap if n < columns - 1 else 0) for n in range(columns)],
            )
            table.setStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *[(p, (0, 0), (-1, -1), 0) for p in ("LEFTPADDING", "TOPPADDING")],
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.3 * CM),
                    ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                    ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                ]
            )
            out.append(table)
        return out

    def signature_lines(self, block: b.Signature, width: float) -> list[Any]:
        """ลงชื่อ ………… ผู้รับรอง / (ชื่อ-สกุล) / ตำแหน่ง …: three lines, the dotted line as long as fits."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        st = self.s["center"]
        inner = width - 12
        head, tail = _("Signed") + " ", (" " + block.label) if block.label else ""
        room = inner - stringWidth(head + tail, st.fontName, st.fontSize)
        dots = max(8, min(42, int(room / stringWidth(".", st.fontName, st.fontSize)) - 2))
        return [
            self.p(head + "." * dots + tail, "center", inner),
            self.p(f"({block.name or '.' * dots})", "center", inner, whole=True),  # a name whole
            self.p(_("Position") + " " + (block.position or "." * dots), "center", inner),
        ]

    def signature(self, block: Sig) -> list[Any]:
        from reportlab.platypus import Spacer, Table

        if isinstance(block, b.Signature):
            table = Table(
                [["", self.signature_lines(block, self.width * 0.6)]],
                colWidths=[self.width * 0.4, self.width * 0.6],
                splitInRow=1,
            )
            return [Spacer(1, 0.6 * CM), table]
        code_w = 3.6 * CM if block.code is not None or block.note else 0.0
        each = (self.width - code_w) / max(1, len(block.items))
        cells: list[Any] = [self.signature_lines(item, each) for item in block.items]
        widths = [each] * len(block.items)
        if code_w:
            aside: list[Any] = self.qr(block.code, size=2.2 * CM) if block.code is not None else []
            if block.note:
                aside.append(self.p(block.note, "small", code_w - 12))
            cells.insert(0, aside)
            widths.insert(0, code_w)
        table = Table([cells], colWidths=widths, splitInRow=1)
        # signatures level with each other (a long name wraps below its own line); the code sits at the bottom
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]
        if code_w:
            style.append(("VALIGN", (0, 0), (0, 0), "BOTTOM"))
        table.setStyle(style)
        return [Spacer(1, 0.6 * CM), table]

    def qr(self, block: b.QRCode, size: float = 2.6 * CM) -> list[Any]:
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing
        from reportlab.platypus import Paragraph

        widget = QrCodeWidget(block.data)
        x1, y1, x2, y2 = widget.getBounds()
        drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
        drawing.add(widget)
        items: list[Any] = [drawing]
        if block.caption:
            items.append(
                Paragraph(
                    to_markup(
                        block.caption,
                        thai_digits=self.doc.thai_digits and not block.keep_digits,
                        fit=fit_for(self.s["small"], max(size, self.width * 0.4)),
                    ),
                    self.s["small"],
                )
            )
        return items


def _run_chunks(runs: tuple[b.Run, ...]) -> list[list[b.Run]]:
    """The runs cut into pieces of at most CHUNK_CHARS, at a space when one is in the second half of a piece, else
    between two letters (never before a mark or after a leading vowel)."""
    chunks: list[list[b.Run]] = [[]]
    size = 0
    for run in runs:
        text = tame_marks(run.text)
        while size + len(text) > CHUNK_CHARS:
            room = CHUNK_CHARS - size
            cut = text.rfind(" ", room // 2, room)
            if cut <= 0:
                if size:  # no space in this piece's room: the run starts the next piece
                    chunks.append([])
                    size = 0
                    continue
                cut = _cluster_end(text, room)
            chunks[-1].append(b.Run(text[:cut], run.bold, run.italic))
            chunks.append([])
            size = 0
            text = text[cut:].lstrip(" ")
        if text:
            chunks[-1].append(b.Run(text, run.bold, run.italic))
            size += len(text)
    return [c for c in chunks if c]


def _cluster_end(text: str, at: int) -> int:
    """The last place at or before `at` where one cluster of `text` ends and the next begins (looking back a few
    clusters only: clusters are short, see MAX_CLUSTER), never 0."""
    start = max(0, at - 4 * MAX_CLUSTER)
    end = start
    best = at
    for piece in clusters(text[start : at + 1]):
        end += len(piece)
        if start < end <= at:
            best = end
    return max(1, best)


def _contents_headings(blocks: Any) -> Any:
    """The headings marked for the contents, in document order, those kept together with other blocks included."""
    for blk in blocks:
        if isinstance(blk, b.Heading) and blk.contents:
            yield blk
        elif isinstance(blk, b.Keep):
            yield from _contents_headings(blk.blocks)


def colors_hex(value: str) -> Any:
    from reportlab.lib import colors

    return colors.HexColor(value)


def _without_keep(style: Any, right: bool = False) -> Any:
    """A heading's style for a contents row: rows of a table are not kept with the next one (`right`: the page
    number's cell, in the same size so both sit on one baseline)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    extra = {"alignment": TA_RIGHT, "firstLineIndent": 0} if right else {}
    name = f"{style.name}-{'page' if right else 'row'}"
    return ParagraphStyle(name, parent=style, keepWithNext=0, spaceBefore=0, spaceAfter=0, **extra)


_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
KEEP_MAX_CHARS = 400  # rows beside the photo this short always fit a page (a spanned cell cannot be split)
PHOTO_WIDTH_CM, PHOTO_HEIGHT_CM, PHOTO_GAP = 3.0, 4.0, 8.0  # a “1.5-inch” portrait, as on Thai personnel forms
Sig = b.Signature | b.Signatures


def _photo_rows(block: b.KeyValues) -> int:
    """How many first rows stand beside the photo (0: none, or too long to be kept beside it on one page)."""
    if block.photo is None and not block.photo_missing:
        return 0
    beside = min(len(block.rows), 7)
    return beside if sum(len(k) + len(v) for k, v in block.rows[:beside]) <= KEEP_MAX_CHARS else 0


def _header_decorator(doc: b.Document, family: str) -> Any:
    from reportlab.platypus import Paragraph

    s = styles(family)

    def draw(canvas: Any, _template_doc: Any) -> None:
        if not doc.header or (not doc.header_on_first_page and canvas.getPageNumber() == 1):
            return
        width, height = canvas._pagesize
        line = width - MARGINS["left"] - MARGINS["right"]
        markup = to_markup(
            doc.header, thai_digits=doc.thai_digits, known=doc.known_words, fit=fit_for(s["small"], line)
        )
        head = Paragraph(markup, s["small"])
        head.wrap(line, 40)
        head.drawOn(canvas, MARGINS["left"], height - MARGINS["top"] * 0.6)

    return draw


def _numbered_canvas(doc: b.Document, family: str, cover: bool) -> Any:
    """A canvas that keeps its pages until the end, so each footer can say "หน้า X จาก Y" in one pass."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    s = styles(family)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.marks: list[tuple[int, str, str, int]] = []  # (page, key, title, level) of the PDF's bookmarks

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            depth = -1
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                for page, key, title, level in self.marks:
                    if page == number:
                        self.bookmarkPage(key)
                        depth = min(level - 1, depth + 1)  # an outline goes down one level at a time
                        self.addOutlineEntry(title, key, depth)
                if not (cover and number == 1):
                    self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, page: int, total: int) -> None:
            width, _height = self._pagesize
            text = _("Page {page} of {total}").format(page=page, total=total)
            if doc.thai_digits:
                text = plain_thai_digits(text)
            para = Paragraph(to_markup(text), s["small_right"])
            para.wrap(width - MARGINS["left"] - MARGINS["right"], 40)
            para.drawOn(self, MARGINS["left"], MARGINS["bottom"] * 0.45)

    return NumberedCanvas


ROW_POINTS_GUESS = 20.4  # a roster row with its padding (measured: 2,000 rows took 85 landscape pages)


def estimated_pages(doc: b.Document, frame_height: float) -> int:
    """About how many pages the document takes, for "page n of about N" while it is laid out."""
    rows = sum(len(block.rows) for block in doc.blocks if isinstance(block, b.Table))
    return max(1, round(rows * ROW_POINTS_GUESS / frame_height) + (1 if doc.cover is not None else 0))


def render(doc: b.Document, target: Path, progress: Progress = NO_PROGRESS) -> int:
    """Builds the PDF at `target` (written to a temp name, then renamed); returns the number of pages. Cancel
    (through `progress`) stops it with nothing written. A document with a table of contents is laid out twice:
    first to find the page of each heading, then with those pages printed (a third time if they moved)."""

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    family = register_fonts()
    pagesize = landscape(A4) if doc.landscape else A4
    width = pagesize[0] - MARGINS["left"] - MARGINS["right"]
    frame_height = pagesize[1] - MARGINS["top"] - MARGINS["bottom"]
    contents = any(isinstance(blk, b.Contents) for blk in doc.blocks)
    passes = 2 if contents else 1
    about = estimated_pages(doc, frame_height)
    done = [0]  # pages laid out in the passes before this one

    def on_progress(kind: str, value: int) -> None:
        if kind == "PAGE":
            total = max(about, value) * passes
            progress.update(done[0] + value, max(total, done[0] + value), _("Laying out page {n}…").format(n=value))

    class Template(BaseDocTemplate):
        """Notes the page each contents heading lands on, and bookmarks it for the PDF's outline."""

        found: dict[int, int]

        def afterFlowable(self, flowable: Any) -> None:
            entry = getattr(flowable, "_contents_entry", None)
            if entry is not None:
                number, text, level = entry
                self.found[number] = self.page
                # the canvas keeps its pages until the end: the bookmark is set when its page is written
                self.canv.marks.append(
                    (self.page, f"h{number}", plain_thai_digits(text) if doc.thai_digits else text, level)
                )

    loaded: dict[Any, Any] = {}  # pictures read once for every layout
    budget = PictureBudget()  # and paid for once

    def build(out: Any, pages: dict[int, int]) -> tuple[int, dict[int, int]]:
        progress.update(done[0], about * passes, _("Preparing the text…"))
        template = Template(
            out,
            pagesize=pagesize,
            title=doc.title,
            author=doc.author,
            subject=doc.subject,
            creator="KA-PLC Desktop",
            lang="th",
            leftMargin=MARGINS["left"],
            rightMargin=MARGINS["right"],
            topMargin=MARGINS["top"],
            bottomMargin=MARGINS["bottom"],
        )
        template.found = {}
        frame = Frame(
            MARGINS["left"],
            MARGINS["bottom"],
            width,
            frame_height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        body = PageTemplate("body", [frame], onPage=_header_decorator(doc, family))
        cover = PageTemplate("cover", [frame], onPage=_cover_code(doc, family))  # no header, no footer
        template.addPageTemplates([cover, body] if doc.cover is not None else [body])
        template.setProgressCallBack(on_progress)
        builder = _Builder(doc, family, width, frame_height, pages)
        builder.loaded = loaded
        builder.budget = budget
        builder.pictures = pictures
        template.build(
            builder.flowables(),
            canvasmaker=_numbered_canvas(doc, family, doc.cover is not None),
        )
        return template.page, template.found

    from reportlab.platypus.doctemplate import LayoutError

    folder = tempfile.TemporaryDirectory(prefix="kaplc-pictures-", ignore_cleanup_errors=True)
    pictures = Path(folder.name)
    try:
        pages: dict[int, int] = {}
        if contents:  # a first layout finds the pages; the second prints them (again if printing them moved one)
            count, pages = build(io.BytesIO(), pages)
            done[0] += count
        for _attempt in range(2):
            with atomic_path(target, document=True) as tmp:
                count, found = build(str(tmp), pages)
            if found == pages or not contents:
                break
            done[0] += count
            pages = found
    except LayoutError:
        raise KaplcError(
            _(
                "The document could not be laid out: one piece of text is too large for a page. Shorten the "
                "longest text in the records being printed, then print again. Nothing was written."
            )
        ) from None
    finally:
        folder.cleanup()
    return count


def _cover_code(doc: b.Document, family: str) -> Any:
    """Draws the cover's verification code at the foot of the page, at the right, with its text under it."""
    from reportlab.platypus import Paragraph

    code = doc.cover.code if doc.cover is not None else None
    s = styles(family)

    def draw(canvas: Any, _template_doc: Any) -> None:
        if code is None or canvas.getPageNumber() != 1:
            return
        from reportlab.graphics import renderPDF
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing

        size = 2.6 * CM
        widget = QrCodeWidget(code.data, barLevel="M")
        x1, y1, x2, y2 = widget.getBounds()
        drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
        drawing.add(widget)
        width, _height = canvas._pagesize
        x = width - MARGINS["right"] - size
        y = MARGINS["bottom"] + 0.9 * CM
        renderPDF.draw(drawing, canvas, x, y)
        if code.caption:
            text_w = 7 * CM
            para = Paragraph(to_markup(code.caption, fit=fit_for(s["small_right"], text_w)), s["small_right"])
            _w, h = para.wrap(text_w, 100)
            para.drawOn(canvas, width - MARGINS["right"] - text_w, y - h - 2)

    return draw


def today_long(thai_digits: bool = False, today: dt.date | None = None) -> str:
    text = buddhist_date.format_long(today or dt.date.today())
    return plain_thai_digits(text) if thai_digits else text
