"""What a document is made of. Documents are lists of these; only the renderer turns them into drawing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """A piece of user text, optionally bold or italic (the text itself is never read as markup)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    contents: bool = False  # listed in the document's table of contents (and its PDF bookmarks)


@dataclass(frozen=True)
class Contents:
    """The table of contents: every Heading marked `contents`, with the page it lands on (found by laying the
    document out twice)."""

    title: str


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    indent: bool = False  # the first line indented 2.5 cm, as the paragraphs of a Thai official memo

    @staticmethod
    def of(text: str | None, indent: bool = False) -> Para:
        return Para((Run(text or ""),), indent)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str | tuple[Run, ...], ...]  # plain text, or runs for an item with bold or italic words
    numbered: bool = False


@dataclass(frozen=True)
class Image:
    path: Path | None
    caption: str = ""
    max_height_cm: float = 8.0
    data: bytes | None = None  # the picture itself, when it is not a file
    border: bool = False  # a thin frame: a document's page, whose white edges would vanish into the paper


@dataclass(frozen=True)
class KeyValues:
    """“ชื่อ-สกุล: …” rows; labels bold, values wrapped, an empty value printed as "-".

    With a photo, it stands small at the top right beside the first rows, as Thai personnel forms place it;
    `photo_missing` is the caption of the empty frame printed when the record has no photo yet."""

    rows: tuple[tuple[str, str], ...]
    photo: Image | None = None
    photo_missing: str = ""
    colon: bool = True  # "ชื่อ:"; a memo's head has none ("เรื่อง  รายงาน…")
    label_share: float = 0.34  # of the text width


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # fractions of the text width; empty means equal
    align_right: frozenset[int] = field(default_factory=frozenset)
    # columns broken only where the text has a space (names, dates), unless a word alone is wider than the column
    whole_words: frozenset[int] = field(default_factory=frozenset)
    empty: str = "-"  # what an empty cell prints ("" for a column left to sign in, or a total row's gaps)


@dataclass(frozen=True)
class FigureTable:
    """A table of before/after figures with a small bar pair in each row (each row scaled to its own largest
    value: the figures have different units)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bars: tuple[tuple[float, float], ...]
    widths: tuple[float, ...] = ()  # of the text columns, fractions; the bars take what is left
    align_right: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Gallery:
    """Pictures two to a row, each with its caption under it, a row never split across pages."""

    images: tuple[Image, ...]
    columns: int = 2


@dataclass(frozen=True)
class Keep:
    """Blocks printed on one page together (a comment box with the signature under it), unless taller than one."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Signature:
    """ลงชื่อ ……… (ชื่อ-สกุล) ตำแหน่ง …"""

    name: str = ""
    position: str = ""
    label: str = ""


@dataclass(frozen=True)
class Signatures:
    """Signatures side by side (the owner's and the certifier's), with an optional record code at the left."""

    items: tuple[Signature, ...]
    code: QRCode | None = None
    note: str = ""  # under the code, e.g. the date of printing


@dataclass(frozen=True)
class QRCode:
    data: str
    caption: str = ""
    keep_digits: bool = False  # a code is printed as it is, even in a document with Thai digits


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Spacer:
    height_cm: float = 0.5


Block = (
    Title
    | Heading
    | Contents
    | Para
    | Bullets
    | KeyValues
    | Table
    | FigureTable
    | Image
    | Gallery
    | Keep
    | Signature
    | Signatures
    | QRCode
    | PageBreak
    | Spacer
)


@dataclass(frozen=True)
class Cover:
    """A cover page: no header or footer, the title in the middle, details below (a portfolio, a report)."""

    title: str
    subtitle: str = ""
    lines: tuple[str, ...] = ()
    photos: tuple[Image, ...] = ()  # the owners' portraits, side by side, each captioned with the name
    code: QRCode | None = None  # a verification code at the foot of the cover
    stamp: str = ""  # boxed in red over the title ("ฉบับร่าง"): what the copy is not, seen before anything else


@dataclass
class Document:
    title: str
    blocks: list[Block]
    author: str = ""
    header: str = ""
    subject: str = ""
    thai_digits: bool = False
    landscape: bool = False
    cover: Cover | None = None
    # words the line breaker must treat as whole words in this document: the names it prints (a surname the
    # dictionary does not know would otherwise be cut where its parts happen to be words: ไชยมงคลพา|นิช)
    known_words: frozenset[str] = frozenset()
    header_on_first_page: bool = True  # a memo's first page starts with its own head, not the running header
