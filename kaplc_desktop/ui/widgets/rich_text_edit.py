"""A text box with bold, italic, bulleted and numbered lists (Ctrl+B, Ctrl+I, the toolbar): what the user sees is
read back as domain/rich_text blocks, which keep the stored form. Colours, fonts, tables and pictures pasted from
elsewhere keep only their text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget

from ...domain import rich_text
from ...i18n import _

_LIST_STYLES = {
    rich_text.BULLET: QTextListFormat.Style.ListDisc,
    rich_text.NUMBER: QTextListFormat.Style.ListDecimal,
}


class _PlainPasteEdit(QTextEdit):
    """Pastes text with its bold and italic only: a page from the web or a word processor brings no colours,
    sizes or pictures into a section. Ctrl+B and Ctrl+I press the toolbar's buttons."""

    pressed: dict[QKeySequence.StandardKey, QToolButton]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        for keys, button in getattr(self, "pressed", {}).items():
            if event.matches(keys):
                button.click()
                return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml():
            probe = QTextEdit()
            probe.setHtml(source.html())
            blocks = read_blocks(probe)
            cursor = self.textCursor()
            for n, block in enumerate(blocks):
                if n:
                    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                for span in block.spans:
                    cursor.insertText(span.text, _char_format(span.bold, span.italic))
            return
        self.insertPlainText(source.text())


class RichTextEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = _PlainPasteEdit()
        self.editor.setObjectName("richText")
        self.editor.setAcceptRichText(True)
        self.editor.textChanged.connect(self.changed)
        self.bold_button = self._button("B", _("Bold (Ctrl+B)"), "boldButton")
        self.italic_button = self._button("I", _("Italic (Ctrl+I)"), "italicButton")
        self.editor.pressed = {
            QKeySequence.StandardKey.Bold: self.bold_button,
            QKeySequence.StandardKey.Italic: self.italic_button,
        }
        bold_font, italic_font = self.bold_button.font(), self.italic_button.font()
        bold_font.setBold(True)
        italic_font.setItalic(True)
        self.bold_button.setFont(bold_font)
        self.italic_button.setFont(italic_font)
        self.bullet_button = self._button("•", _("Bulleted list"), "bulletButton")
        self.number_button = self._button("1.", _("Numbered list"), "numberButton")
        self.bold_button.clicked.connect(lambda on: self._style(bold=on))
        self.italic_button.clicked.connect(lambda on: self._style(italic=on))
        self.bullet_button.clicked.connect(lambda on: self._list(rich_text.BULLET, on))
        self.number_button.clicked.connect(lambda on: self._list(rich_text.NUMBER, on))
        self.editor.cursorPositionChanged.connect(self._show_state)
        self.editor.currentCharFormatChanged.connect(lambda _f: self._show_state())
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for button in (self.bold_button, self.italic_button, self.bullet_button, self.number_button):
            tools.addWidget(button)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.editor, 1)

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setFocusPolicy(button.focusPolicy().NoFocus)  # the typing stays in the text
        return button

    # --- the stored form -------------------------------------------------------------------------------------
    def set_source(self, source: str | None) -> None:
        self.editor.blockSignals(True)
        self.editor.clear()
        cursor = QTextCursor(self.editor.document())
        groups = rich_text.numbered_runs(rich_text.parse(source))
        first = True
        for kind, blocks in groups:
            made = None
            for block in blocks:
                if not first:
                    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                first = False
                for span in block.spans:
                    cursor.insertText(span.text, _char_format(span.bold, span.italic))
                if kind in _LIST_STYLES:
                    if made is None:
                        made = cursor.createList(_LIST_STYLES[kind])
                    else:
                        made.add(cursor.block())
        self.editor.setCurrentCharFormat(QTextCharFormat())
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.editor.blockSignals(False)
        self._show_state()

    def source(self) -> str:
        return rich_text.write(read_blocks(self.editor))

    # --- formatting ------------------------------------------------------------------------------------------
    def _style(self, bold: bool | None = None, italic: bool | None = None) -> None:
        fmt = QTextCharFormat()
        if bold is not None:
            fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if italic is not None:
            fmt.setFontItalic(italic)
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)
        self.editor.setFocus()

    def _list(self, kind: str, on: bool) -> None:
        """The paragraphs of the selection (or the cursor's) become items of one list of `kind`, or plain again."""
        cursor = self.editor.textCursor()
        document = self.editor.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        chosen = []
        block = first
        while block.isValid():
            chosen.append(block)
            if block == last:
                break
            block = block.next()
        for block in chosen:
            held = block.textList()
            if held is not None:
                held.remove(block)
                fmt = block.blockFormat()
                fmt.setIndent(0)
                QTextCursor(block).setBlockFormat(fmt)
        if on and chosen:
            made = QTextCursor(chosen[0]).createList(_LIST_STYLES[kind])
            for block in chosen[1:]:
                made.add(block)
        self._show_state()
        self.editor.setFocus()

    def _show_state(self) -> None:
        fmt = self.editor.currentCharFormat()
        self.bold_button.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic_button.setChecked(fmt.fontItalic())
        current = self.editor.textCursor().currentList()
        style = current.format().style() if current is not None else None
        self.bullet_button.setChecked(style == _LIST_STYLES[rich_text.BULLET])
        self.number_button.setChecked(style == _LIST_STYLES[rich_text.NUMBER])


def read_blocks(editor: QTextEdit) -> list[rich_text.Block]:
    """The editor's paragraphs and list items with the bold and italic of their text."""
    blocks = []
    block = editor.document().begin()
    while block.isValid():
        spans = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            text = fragment.text().replace("\u2028", " ").replace("\ufffc", "")  # line breaks, pasted objects
            spans.append(rich_text.Span(text, fmt.fontWeight() >= QFont.Weight.Bold, fmt.fontItalic()))
            it += 1
        text_list = block.textList()
        kind = rich_text.PARA
        if text_list is not None:
            style = text_list.format().style()
            kind = rich_text.NUMBER if style in _NUMBERED else rich_text.BULLET
        blocks.append(rich_text.Block(kind, rich_text.normalized(spans)))
        block = block.next()
    return blocks


_NUMBERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def _char_format(bold: bool, italic: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    return fmt
