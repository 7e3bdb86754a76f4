"""One reference picture per document type (roster, record sheet with and without photo, specimen), in Thai and
with Thai digits: a change of layout, shaping or type size moves many pixels and fails here.

A missing reference is written and the test fails, so someone looks at the new picture before committing it.
Pictures are compared by the share of clearly different pixels, never byte for byte (renderers differ slightly).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kaplc_desktop.reports.pdf.blocks import Document
from kaplc_desktop.reports.pdf.documents.personnel_docs import person_sheet, roster
from kaplc_desktop.reports.pdf.documents.specimen import specimen
from kaplc_desktop.reports.pdf.render import render

GOLDEN = Path(__file__).parent / "golden"
DAY = dt.date(2026, 7, 15)  # the printing date written on the documents
FIXED_ID = "7b7bb37c-0000-4000-8000-000000000001"  # the record code (and its QR picture) stays the same


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kaplc-cache"))


def pages(path: Path, scale: float = 1.0) -> list:  # type: ignore[type-arg]
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].render(scale=scale).to_pil().convert("L") for i in range(len(document))]
    finally:
        document.close()


def differing_fraction(reference, image) -> float:  # type: ignore[no-untyped-def]
    """The share of clearly different pixels (more than a quarter of the grey scale), inside the printed area."""
    from PIL import ImageChops, ImageOps

    box = ImageOps.invert(reference).getbbox()
    assert box is not None
    diff = ImageChops.difference(reference.crop(box), image.crop(box))
    return sum(diff.histogram()[65:]) / (diff.width * diff.height)


def documents(ctx) -> dict[str, Callable[[], Document]]:  # type: ignore[no-untyped-def]
    from kaplc_desktop.services.demo_data import demo_staff
    from kaplc_desktop.services.demo_photos import demo_photo

    ctx.personnel.add_many(demo_staff(40, seed=11, today=DAY))
    school = ctx.workspace.get()
    rows = [r for r in ctx.personnel.list() if r.status == "active"]
    person = dataclasses.replace(rows[0], id=FIXED_ID)
    return {
        "roster": lambda: roster(rows, school, thai_digits=True, today=DAY),
        "person-sheet": lambda: person_sheet(person, school, None, True, DAY, demo_photo(3, 20)),
        "person-sheet-no-photo": lambda: person_sheet(person, school, None, False, DAY),
        "specimen": lambda: specimen(),
    }


@pytest.mark.parametrize("name", ["roster", "person-sheet", "person-sheet-no-photo", "specimen"])
def test_every_document_type_looks_as_approved(school_ctx, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    path = tmp_path / f"{name}.pdf"
    render(documents(school_ctx)[name](), path)
    images = pages(path)
    missing = []
    for number, image in enumerate(images, start=1):
        reference_path = GOLDEN / f"{name}-{number}.png"
        if not reference_path.exists():
            image.save(reference_path, optimize=True)
            missing.append(reference_path.name)
            continue
        reference = Image.open(reference_path).convert("L")
        assert reference.size == image.size, reference_path.name
        assert differing_fraction(reference, image) < 0.003, reference_path.name
    assert not (GOLDEN / f"{name}-{len(images) + 1}.png").exists(), "the document has fewer pages than approved"
    if missing:
        pytest.fail(f"wrote new reference images {missing}; look at them, commit them, run again")


def test_the_check_catches_a_change_of_layout(school_ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The roster with its cells two points larger differs clearly from its reference (the comparison bites)."""
    from PIL import Image

    from kaplc_desktop.reports.pdf import styles

    reference = GOLDEN / "roster-1.png"
    assert reference.exists(), "the committed reference picture is missing: run test_pdf_golden.py to write it"
    monkeypatch.setattr(styles, "CELL_SIZE", styles.CELL_SIZE + 2)
    styles.styles.cache_clear()
    try:
        path = tmp_path / "bigger.pdf"
        render(documents(school_ctx)["roster"](), path)
        image = pages(path)[0]
    finally:
        monkeypatch.undo()
        styles.styles.cache_clear()
    assert differing_fraction(Image.open(reference).convert("L"), image) > 0.01
