"""A file name suggested from any text is one Windows can create: no forbidden or control characters, at most 80
characters cut at a space or between whole characters (a Thai vowel or tone mark stays with its consonant), never
empty, never a reserved device name."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kaplc_desktop.safe_file_name import FORBIDDEN, LIMIT, safe_file_name

THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
AWKWARD = st.sampled_from([*FORBIDDEN, " ", ".", "\t", "\n", "\x00", "\x7f", "\u200d", "\u0301", "\u0e31", "\u0e33"])
RESERVED = ("CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT²", "CONIN$")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == "\u0e33"


def _valid(name: str) -> None:
    assert name, "empty"
    assert len(name) <= LIMIT
    assert not set(name) & FORBIDDEN
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name)
    assert name == name.strip(" ."), "Windows drops leading/trailing dots and spaces"
    assert "  " not in name
    assert not _is_mark(name[0]), "starts with a mark"
    assert name.split(".", 1)[0].rstrip().upper() not in (*RESERVED, "COM0", "LPT9")


@given(st.text(alphabet=st.one_of(st.characters(), THAI, AWKWARD), max_size=400))
@example("")
@example("CON")
@example("nul.tar.gz")
@example("\u0e31" * 200)
@example("ก" + "\u0e49" * 200)
@example("a" * 79 + "\u0e33b")
def test_any_text_gives_a_name_windows_accepts(text: str) -> None:
    name = safe_file_name(text, "portfolio")
    _valid(name)
    assert safe_file_name(name, "portfolio") == name  # already safe: kept as it is


@given(st.text(alphabet=THAI, min_size=81, max_size=300))
def test_a_long_thai_title_is_cut_between_whole_characters(text: str) -> None:
    name = safe_file_name(text)
    assert len(name) <= LIMIT
    source = unicodedata.normalize("NFC", text)
    rest = source[len(name) :]
    if source.startswith(name) and rest:
        assert not _is_mark(rest[0]), "a vowel or tone mark was cut from its consonant"


def test_forbidden_and_control_characters_become_single_spaces() -> None:
    assert safe_file_name('ผลงาน: "อ่านคล่อง" <ป.1/2> | ปี*2568?\tใหม่\x00') == "ผลงาน อ่านคล่อง ป.1 2 ปี 2568 ใหม่"


def test_a_long_title_is_cut_at_the_last_space_that_fits() -> None:
    words = "การพัฒนาทักษะการอ่านออกเขียนได้ ด้วยกระบวนการ PLC และบัตรคำพาสนุก สำหรับนักเรียนชั้นประถมศึกษาปีที่ 1"
    name = safe_file_name(words)
    assert len(words) > LIMIT and len(name) <= LIMIT
    assert words.startswith(name) and words[len(name)] == " "


def test_a_spaceless_thai_title_keeps_the_tone_mark_with_its_consonant() -> None:
    title = "ก" * 79 + "ที่" + "ข" * 10  # position 80 would fall between ท and its vowel and tone mark
    assert safe_file_name(title) == "ก" * 79


def test_a_thai_leading_vowel_is_not_left_without_its_consonant() -> None:
    assert safe_file_name("ก" * 79 + "เด็ก") == "ก" * 79


@pytest.mark.parametrize("text", ["", "   ", "...", "///", "\x00\x01", "\u0e48\u0e49"])
def test_nothing_usable_falls_back(text: str) -> None:
    assert safe_file_name(text, "portfolio") == "portfolio"


@pytest.mark.parametrize("text", (*RESERVED, "con", "Nul.tar", "AUX  .pdf"))
def test_reserved_device_names_are_not_suggested(text: str) -> None:
    assert safe_file_name(text) == "_" + text.rstrip(" .").replace("  ", " ")


def test_an_unsafe_fallback_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        safe_file_name("", "a/b")
