"""`kaplc-desktop --self-test` runs every step and says which failed; the ICU data filter of the Linux build keeps
a package ICU can read, with Thai and English only."""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_self_test_passes_here_and_names_each_step() -> None:
    from kaplc_desktop.ui.app import make_application

    make_application()
    from kaplc_desktop.self_test import run_self_test

    out = io.StringIO()
    assert run_self_test(out) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("ok ") for line in lines) == 7 and lines[-1] == "self-test passed"
    assert any("bar charts" in line for line in lines)


def test_a_failing_step_is_reported_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplc_desktop import self_test

    def broken(self: object) -> str:
        raise ModuleNotFoundError("No module named 'reportlab.graphics.barcode.code128'")

    monkeypatch.setattr(self_test.SelfTest, "pdf", broken)
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    assert "FAIL Thai PDF" in out.getvalue() and "code128" in out.getvalue()
    assert "self-test FAILED: Thai PDF, read back by QtPdf" in out.getvalue()


def _package(items: list[tuple[str, bytes]]) -> bytes:
    """A small ICU common-data package in the format the filter reads."""
    header = b"\x20\x00\xda\x27" + b"\0" * 28
    names = b"".join(f"icudt73l/{n}".encode() + b"\0" for n, _b in items)
    toc = 4 + 8 * len(items)
    start = -(-(len(header) + toc + len(names)) // 16) * 16 - len(header)
    table, blobs, name_off, off = [], b"", toc, start
    for name, body in items:
        table.append(struct.pack("<II", name_off, off))
        name_off += len(f"icudt73l/{name}") + 1
        padded = body + b"\0" * (-len(body) % 16)
        blobs += padded
        off += len(padded)
    gap = b"\0" * (start - toc - len(names))
    return header + struct.pack("<I", len(items)) + b"".join(table) + names + gap + blobs


def test_the_icu_filter_keeps_thai_and_english_and_a_readable_package() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import icu_data
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    for item, gone in (
        ("th.res", False),
        ("en_US.res", False),
        ("root.res", False),
        ("zh.res", True),
        ("coll/th.res", False),
        ("coll/zh.res", True),
        ("coll/de_.res", True),
        ("coll/ucadata.icu", False),
        ("brkitr/thaidict.dict", False),
        ("brkitr/cjdict.dict", True),
        ("brkitr/line.brk", False),
        ("translit/el_Latn.res", True),
        ("windows-874-2000.cnv", False),
        ("ibm-37_P100-1995.cnv", True),
        ("supplementalData.res", False),
        ("zoneinfo64.res", False),
        ("unames.icu", True),
    ):
        assert icu_data.removable(item) is gone, item
    items = [("brkitr/thaidict.dict", b"T" * 37), ("coll/zh.res", b"Z" * 5), ("th.res", b"th" * 9), ("zh.res", b"z")]
    package = _package(items)
    assert icu_data._items(package)[1] == [(f"icudt73l/{n}", b + b"\0" * (-len(b) % 16)) for n, b in items]
    small = icu_data.filtered_package(package, lambda item: not icu_data.removable(item))
    header, kept = icu_data._items(small)
    assert header == 0x20 and [n for n, _b in kept] == ["icudt73l/brkitr/thaidict.dict", "icudt73l/th.res"]
    assert kept[0][1].rstrip(b"\0") == b"T" * 37 and kept[1][1].rstrip(b"\0") == b"th" * 9
    assert all((header + struct.unpack_from("<II", small, header + 4 + 8 * i)[1]) % 16 == 0 for i in range(2))
