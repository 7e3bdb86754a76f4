"""Formatted text of a portfolio section: paragraphs, bold, italic, bulleted and numbered lists.

Kept as a small subset of Markdown, one block a line, so it reads as text wherever it goes (the command line, a
bundle, the district's screen) and needs no HTML: `**bold**`, `*italic*`, a line starting `- ` is a bullet and
`1. ` a numbered item (numbers are given again when printed). A backslash makes the next mark literal (`\\*`).

Parsing never fails: a mark without its partner on the same line is the character itself, so text typed
anywhere ("5 * 3 = 15") prints as typed. What `write` makes, `parse` reads back exactly (a property test).
Pure: no Qt, no ReportLab.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["para", "bullet", "number"]
PARA: BlockKind = "para"
BULLET: BlockKind = "bullet"
NUMBER: BlockKind = "number"

_BULLET_START = re.compile(r"^[-•*] +")  # "- item", and "• item" / "* item" pasted from elsewhere
_NUMBER_START = re.compile(r"^[0-9๐-๙]{1,3}[.)] +")  # "1. item", "2) item", "๓. item"
# what a backslash makes literal: marks, and what would start a list at the start of a line
_ESCAPABLE = frozenset("\\*`_[]#-.+!()•") | frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
_MARK = re.compile(r"\\(.)|(\*+)", re.DOTALL)


@dataclass(frozen=True)
class Span:
    """A piece of text in one style (the text is never read as markup again)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph, a bullet or a numbered item: the spans of its one line."""

    kind: BlockKind
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def parse(source: str | None) -> tuple[Block, ...]:
    """The blocks of stored text; empty lines separate nothing (each line is its own block)."""
    blocks = []
    for raw in (source or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        kind: BlockKind = PARA
        if m := _BULLET_START.match(line):
            kind, line = BULLET, line[m.end() :]
        elif m := _NUMBER_START.match(line):
            kind, line = NUMBER, line[m.end() :]
        spans = _spans(line)
        if spans:
            blocks.append(Block(kind, spans))
    return tuple(blocks)


def _spans(line: str) -> tuple[Span, ...]:
    tokens: list[tuple[str, str]] = []  # ("text", s) or ("mark", "**" | "*")
    pos = 0
    for m in _MARK.finditer(line):
        if m.start() > pos:
            tokens.append(("text", line[pos : m.start()]))
        pos = m.end()
        if m.group(1) is not None:
            escaped = m.group(1)
            tokens.append(("text", escaped if escaped in _ESCAPABLE else "\\" + escaped))
            continue
        run = m.group(2)
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end()] if m.end() < len(line) else " "
        if before.isspace() and after.isspace():  # "2 * 3 * 4": stars between spaces style nothing
            tokens.append(("text", run))
            continue
        tokens += [("mark", "**")] * (len(run) // 2) + [("mark", "*")] * (len(run) % 2)
    if pos < len(line):
        tokens.append(("text", line[pos:]))
    # a mark without a partner is the character itself: the last one of an odd count
    for mark in ("**", "*"):
        at = [n for n, t in enumerate(tokens) if t == ("mark", mark)]
        if len(at) % 2:
            tokens[at[-1]] = ("text", mark)
    spans: list[Span] = []
    bold = italic = False
    for what, value in tokens:
        if what == "mark":
            if value == "**":
                bold = not bold
            else:
                italic = not italic
        elif value:
            spans.append(Span(value, bold, italic))
    return normalized(spans)


def _append(spans: list[Span], span: Span) -> None:
    """Adds a span, joined to the one before when it has the same style (so equal text compares equal)."""
    if spans and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
        spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
    else:
        spans.append(span)


def write(blocks: Iterable[Block]) -> str:
    """The stored text of blocks (what the editor and the demo make): every literal mark escaped, a mark written only
    where the style changes, next to a visible character (so it is never taken for a star between spaces)."""
    lines = []
    for block in blocks:
        spans = normalized(block.spans)
        if not spans:
            continue
        body, style = "", (False, False)
        for span in spans:
            body += _marks(style, (span.bold, span.italic)) + span.text.replace("\\", "\\\\").replace("*", "\\*")
            style = (span.bold, span.italic)
        body += _marks(style, (False, False))
        if block.kind == BULLET:
            lines.append("- " + body)
        elif block.kind == NUMBER:
            lines.append("1. " + body)
        elif _BULLET_START.match(body) or _NUMBER_START.match(body):  # a paragraph that starts like a list item
            lines.append("\\" + body)
        else:
            lines.append(body)
    return "\n".join(lines)


def _marks(was: tuple[bool, bool], becomes: tuple[bool, bool]) -> str:
    return ("**" if was[0] != becomes[0] else "") + ("*" if was[1] != becomes[1] else "")


def normalized(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans as a line keeps them: line breaks made spaces, no space at either end of the line, neighbours of one
    style joined, and the spaces between two styles given to the plainer one (a space's boldness cannot be seen:
    "คำ **หนา** คำ" is kept so, never "คำ** หนา **คำ")."""
    out: list[Span] = []
    for s in spans:
        text = s.text.replace("\r", " ").replace("\n", " ")
        if not text:
            continue
        if not text.strip():  # spaces alone join the text before them (at the start of a line they go)
            if out:
                out[-1] = Span(out[-1].text + text, out[-1].bold, out[-1].italic)
            continue
        _append(out, Span(text, s.bold, s.italic))
    for n in range(len(out) - 1):
        a, b = out[n], out[n + 1]
        a_core, b_core = a.text.rstrip(), b.text.lstrip()
        gap = a.text[len(a_core) :] + b.text[: len(b.text) - len(b_core)]
        if a.bold + a.italic <= b.bold + b.italic:
            out[n], out[n + 1] = Span(a_core + gap, a.bold, a.italic), Span(b_core, b.bold, b.italic)
        else:
            out[n], out[n + 1] = Span(a_core, a.bold, a.italic), Span(gap + b_core, b.bold, b.italic)
    if out:
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return tuple(x for x in out if x.text)


def plain_text(source: str | None) -> str:
    """The text without marks, a line a block, lists shown as "• " and "1. " (lists, search, the district's view)."""
    lines, number = [], 0
    for block in parse(source):
        number = number + 1 if block.kind == NUMBER else 0
        prefix = "• " if block.kind == BULLET else f"{number}. " if block.kind == NUMBER else ""
        lines.append(prefix + block.text)
    return "\n".join(lines)


def numbered_runs(blocks: Iterable[Block]) -> list[tuple[BlockKind, list[Block]]]:
    """Blocks grouped as printed: each paragraph alone, neighbouring items of one kind of list together."""
    groups: list[tuple[BlockKind, list[Block]]] = []
    for block in blocks:
        if block.kind != PARA and groups and groups[-1][0] == block.kind:
            groups[-1][1].append(block)
        else:
            groups.append((block.kind, [block]))
    return groups
