"""The formatted text of a portfolio section (a small Markdown): any text typed or pasted parses without an error,
what is written is read back the same, bold and italic survive a save whatever the words are, and text that only
looks like marks ("5 * 3 = 15") stays as typed."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kaplc_desktop.domain import rich_text
from kaplc_desktop.domain.rich_text import BULLET, NUMBER, PARA, Block, Span, parse, plain_text, write

# text as typed and pasted: marks, escapes, list starts, Thai, digits, line breaks and odd spaces weighted in
MARKUP_ALPHABET = st.sampled_from(
    [*list("*\\-•.)1๓ ab\n\r\tก่ำ"), "**", "- ", "1. ", "\\*", "\xa0", "\u2028", "\x85", "\u200b"]
)
TYPED = st.one_of(
    st.text(),
    st.lists(MARKUP_ALPHABET, max_size=40).map("".join),
)


def styled(blocks: tuple[Block, ...]) -> list[tuple[str, list[tuple[str, bool, bool]]]]:
    """What a reader sees of blocks: each block's kind and its visible characters with their style (spaces are
    not compared: a space's boldness is invisible, and spaces at the ends of a line are not kept)."""
    seen = [
        (block.kind, [(ch, s.bold, s.italic) for s in block.spans for ch in s.text if not ch.isspace()])
        for block in blocks
    ]
    return [b for b in seen if b[1]]  # a block with nothing visible is not kept


@settings(max_examples=400, deadline=None)
@given(TYPED)
def test_parsing_any_text_never_fails(source: str) -> None:
    blocks = parse(source)
    for block in blocks:
        assert block.kind in (PARA, BULLET, NUMBER)
        assert block.spans and all(s.text for s in block.spans)
    plain_text(source)  # the listing's view of it never fails either


@settings(max_examples=400, deadline=None)
@given(TYPED)
def test_writing_what_was_read_is_a_fixed_point(source: str) -> None:
    """What the editor shows of stored text, saved again, is read back as the same blocks (an unchanged
    section stays unchanged, so its content hash and the printed verification code do not move)."""
    once = parse(source)
    again = parse(write(once))
    assert again == once, (
        f"PRODUCT BUG: rich_text.write(parse(x)) does not read back as parse(x) for x={source!r}: "
        f"write gave {write(once)!r}, which parses as {again!r} instead of {once!r}"
    )


@settings(max_examples=400, deadline=None)
@given(TYPED)
@example("*ก**ข***")  # italic ก, bold italic ข: found by this test
def test_what_was_read_shows_the_same_after_a_save(source: str) -> None:
    """The same, as a reader sees it: every visible character keeps its style, its block and the block's kind."""
    once = parse(source)
    stored = write(once)
    assert styled(parse(stored)) == styled(once), (
        f"PRODUCT BUG: {source!r} reads as {once!r} but, saved again as {stored!r}, reads as {parse(stored)!r}"
    )


SPAN_TEXT = st.lists(st.sampled_from([*list("*\\-•.)1๓ ab\tก่ำ_`#"), "**", "- ", "1. "]), max_size=8).map("".join)
SPANS = st.lists(st.builds(Span, SPAN_TEXT, st.booleans(), st.booleans()), min_size=1, max_size=5)
BLOCKS = st.lists(st.builds(Block, st.sampled_from((PARA, BULLET, NUMBER)), SPANS.map(tuple)), max_size=4)


@settings(max_examples=500, deadline=None)
@given(BLOCKS)
@example([Block(PARA, (Span("- x"),))])
@example([Block(NUMBER, (Span("1. x", bold=True),))])
def test_blocks_made_in_the_editor_round_trip(blocks: list[Block]) -> None:
    """Blocks the editor makes from any words in any styles are read back with every visible character in its
    style (a word in italics next to one in bold italics stays so after the save)."""
    shown = styled(tuple(blocks))
    stored = write(blocks)
    back = styled(parse(stored))
    assert back == shown, (
        f"PRODUCT BUG: blocks {blocks!r} were written as {stored!r} and read back as {parse(stored)!r}: "
        "a character lost its style, its block or its kind"
    )


def test_arithmetic_stays_literal() -> None:
    (block,) = parse("5 * 3 = 15")
    assert block.kind == PARA and block.spans == (Span("5 * 3 = 15"),)
    assert plain_text("5 * 3 = 15") == "5 * 3 = 15"
    (block,) = parse("ราคา 2*3 บาท และ **ลดราคา")  # an unmatched bold mark too
    assert block.text == "ราคา 2*3 บาท และ **ลดราคา" and not any(s.bold or s.italic for s in block.spans)


@pytest.mark.parametrize(
    "typed",
    ["2 * 3 * 4 = 24", "พื้นที่ 5 ** 2 และ 3 ** 2 ตารางเมตร", "*ดาว และ 5 * 3 = 15", "a * b"],
)
def test_stars_between_spaces_print_as_typed(typed: str) -> None:
    """A star with a space on both sides is arithmetic, not a mark: what was typed prints as typed."""
    shown = plain_text(typed)
    assert shown == typed, (
        f"PRODUCT BUG: {typed!r} prints as {shown!r} ({parse(typed)!r}): rich_text pairs any two '*' on a line, "
        "even ones standing between spaces (Markdown does not let such a star open or close emphasis)"
    )


def test_marks_style_their_words() -> None:
    (block,) = parse("อ่าน**ออก**เขียน*ได้*")
    assert block.spans == (Span("อ่าน"), Span("ออก", bold=True), Span("เขียน"), Span("ได้", italic=True))
    (block,) = parse("***ทั้งสอง***")
    assert block.spans == (Span("ทั้งสอง", bold=True, italic=True),)


@pytest.mark.parametrize(
    ("source", "kind", "text"),
    [
        ("\\- x", PARA, "- x"),  # an escaped dash is not a bullet
        ("- x", BULLET, "x"),
        ("• x", BULLET, "x"),
        ("1. item", NUMBER, "item"),
        ("2) item", NUMBER, "item"),
        ("๓. x", NUMBER, "x"),  # Thai digits number a list too
        ("\\1. x", PARA, "1. x"),
        ("\\*ไม่เอียง\\*", PARA, "*ไม่เอียง*"),
        ("-x", PARA, "-x"),  # no space after the dash: a word, not a bullet
        ("1.5 กิโลเมตร", PARA, "1.5 กิโลเมตร"),
        ("C:\\data\\file", PARA, "C:\\data\\file"),  # a backslash before a letter stays
    ],
)
def test_line_starts(source: str, kind: str, text: str) -> None:
    (block,) = parse(source)
    assert (block.kind, block.text) == (kind, text)
    assert parse(write([block])) == (block,)


def test_each_line_is_a_block_and_blank_lines_vanish() -> None:
    blocks = parse("หัวข้อ\r\n\r\n- หนึ่ง\n- สอง\r1. ก\n   \n1. ข")
    assert [(b.kind, b.text) for b in blocks] == [
        (PARA, "หัวข้อ"),
        (BULLET, "หนึ่ง"),
        (BULLET, "สอง"),
        (NUMBER, "ก"),
        (NUMBER, "ข"),
    ]
    assert plain_text("- หนึ่ง\n1. ก\n1. ข\nจบ\n1. ใหม่") == "• หนึ่ง\n1. ก\n2. ข\nจบ\n1. ใหม่"


def test_a_mark_never_spans_two_lines() -> None:
    blocks = parse("เริ่ม**หนา\nยังหนา**")
    assert [b.text for b in blocks] == ["เริ่ม**หนา", "ยังหนา**"]
    assert not any(s.bold for b in blocks for s in b.spans)


def test_neighbouring_list_items_print_as_one_list() -> None:
    groups = rich_text.numbered_runs(parse("ก\n- a\n- b\n1. c\nข\nค"))
    assert [(kind, len(items)) for kind, items in groups] == [(PARA, 1), (BULLET, 2), (NUMBER, 1), (PARA, 1), (PARA, 1)]


@pytest.mark.parametrize(
    "spans",
    [
        (Span("ตัวเอียง", italic=True), Span("หนาเอียง", bold=True, italic=True)),
        (Span("หนาเอียง", bold=True, italic=True), Span("ตัวเอียง", italic=True)),
        (Span("หนา", bold=True), Span("หนาเอียง", bold=True, italic=True)),
        (Span("หนาเอียง", bold=True, italic=True), Span("หนา", bold=True)),
    ],
    ids=["italic-then-bold-italic", "bold-italic-then-italic", "bold-then-bold-italic", "bold-italic-then-bold"],
)
def test_words_in_neighbouring_styles_keep_their_styles(spans: tuple[Span, ...]) -> None:
    """Two words written together, the second one also made bold (or italic) in the editor."""
    stored = write([Block(PARA, spans)])
    back = parse(stored)
    assert back == (Block(PARA, spans),), (
        f"PRODUCT BUG: rich_text.write wrote {spans!r} as {stored!r}, which reads back as {back!r}: the closing "
        "and opening marks run together ('*' + '***' = '****') and parse pairs them differently, so a style is "
        "lost and literal asterisks print"
    )


def test_a_paragraph_that_starts_with_spaces_and_a_dash_stays_a_paragraph() -> None:
    """A paragraph the editor holds as "  - ห้ามเป็นรายการ" (spaces first) is not turned into a bullet."""
    block = Block(PARA, (Span("  - ห้ามเป็นรายการ"),))
    stored = write([block])
    back = parse(stored)
    assert [(b.kind, b.text.strip()) for b in back] == [(PARA, "- ห้ามเป็นรายการ")], (
        f"PRODUCT BUG: a paragraph written as {stored!r} reads back as {back!r}: write() checks _BULLET_START on "
        "the body before the leading spaces are dropped, parse() strips the line first and sees a bullet"
    )


def test_an_empty_bullet_leaves_no_stray_dash() -> None:
    """A bullet holding only a space (an empty item left in the editor) prints nothing, not a "-" paragraph."""
    stored = write([Block(BULLET, (Span(" "),)), Block(PARA, (Span("ต่อไป"),))])
    back = parse(stored)
    assert [b.text for b in back] == ["ต่อไป"], (
        f"PRODUCT BUG: an empty bullet was written as {stored!r} and reads back as {back!r}: write() keeps a body "
        "of spaces (it checks `if not body`, not `body.strip()`), and the stripped line '-' is a paragraph"
    )


def test_a_bold_word_after_a_space_is_stored_the_same_when_saved_unchanged() -> None:
    """Text typed as "** คำ**" (a space inside the marks), opened and saved unchanged, reads back the same blocks:
    otherwise the section's content hash moves and a printout's verification code no longer matches."""
    once = parse("** คำสำคัญ**")
    again = parse(write(once))
    assert again == once, (
        f"PRODUCT BUG: {once!r} written again reads as {again!r}: parse keeps the space inside a styled span at "
        "the start of a line, write moves it before the marks and parse strips it"
    )
