"""A card of a gallery: the thumbnail, then blocks of text under it, each with its own limit of lines. A long title
is cut after its second line with “…” and the owners after one line, but the lines that say where a work stands
(year, stage, award) are always shown whole: the gallery's cells are made tall enough for the tallest card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

CARD_ROLE = Qt.ItemDataRole.UserRole + 1  # the card's blocks: a tuple of Block
PAD, GAP = 6, 6


@dataclass(frozen=True)
class Block:
    text: str
    max_lines: int = 0  # 0: as many as it takes
    bold: bool = False


def wrapped(text: str, font: QFont, width: int, max_lines: int = 0) -> list[str]:
    """The lines `text` takes at `width` (Thai broken between words where Qt knows them); past `max_lines` the
    last line kept ends with “…”."""
    layout = QTextLayout(text, font)
    option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    units = text.encode("utf-16-le")  # Qt counts UTF-16 code units

    def part(start: int, length: int | None = None) -> str:
        end = None if length is None else 2 * (start + length)
        return units[2 * start : end].decode("utf-16-le", errors="ignore")

    if max_lines and len(spans) > max_lines:
        kept = [part(*span).rstrip() for span in spans[: max_lines - 1]]
        rest = part(spans[max_lines - 1][0]).rstrip()
        elided = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
        return [*kept, elided if elided != rest else rest + "…"]
    return [part(*span).rstrip() for span in spans] or [""]


class GalleryCardDelegate(QStyledItemDelegate):
    def __init__(self, icon_size: QSize, width: int, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.icon_size = icon_size
        self.size = QSize(width, icon_size.height() + 90)

    def lines(self, blocks: Sequence[Block], font: QFont) -> list[tuple[str, bool]]:
        """Each line the card shows, with whether it is bold."""
        out = []
        for block in blocks:
            face = QFont(font)
            face.setBold(block.bold)
            out += [(text, block.bold) for text in wrapped(block.text, face, self._text_width(), block.max_lines)]
        return out

    def fit(self, cards: Sequence[Sequence[Block]], font: QFont) -> QSize:
        """Makes the cells tall enough for the tallest of these cards; returns the cell size."""
        spacing = QFontMetrics(font).lineSpacing()
        most = max((len(self.lines(blocks, font)) for blocks in cards), default=4)
        self.size = QSize(self.size.width(), PAD + self.icon_size.height() + GAP + most * spacing + PAD)
        return self.size

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(self.size)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        opt.text = ""  # type: ignore[attr-defined]
        opt.icon = QIcon()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background and selection
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        painter.save()
        pixmap = icon.pixmap(self.icon_size) if isinstance(icon, QIcon) else None
        if pixmap is not None and not pixmap.isNull():
            shown = pixmap.deviceIndependentSize().toSize()
            painter.drawPixmap(rect.left() + (rect.width() - shown.width()) // 2, rect.top() + PAD, pixmap)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        font = QFont(opt.font)  # type: ignore[attr-defined]
        spacing = QFontMetrics(font).lineSpacing()
        y = rect.top() + PAD + self.icon_size.height() + GAP
        for text, bold in self.lines(index.data(CARD_ROLE) or (), font):
            font.setBold(bold)
            painter.setFont(font)
            line = QRect(rect.left() + PAD, y, rect.width() - 2 * PAD, spacing)
            painter.drawText(line, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), text)
            y += spacing
        painter.restore()

    def _text_width(self) -> int:
        return self.size.width() - 2 * PAD
