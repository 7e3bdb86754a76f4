"""Preparing the PDF engine before the first print: imports, the line-breaking fonts and the word list.

A process pays about 0.2 s for these the first time it prints (measured by benchmarks/bench_pdf.py). The window
runs this in a thread once it has painted, so the first document a user prints costs what later ones do.
"""

from __future__ import annotations


def warm_up_pdf() -> None:
    from reportlab.platypus import Paragraph  # noqa: F401  (the slowest import: about 0.1 s)

    from .styles import styles
    from .thai_fonts import register_fonts
    from .thai_text import segment, to_markup

    family = register_fonts()
    segment("ครูผู้สอน")  # loads the word list
    from reportlab.platypus import Paragraph as P

    para = P(to_markup("ผู้อำนวยการโรงเรียน 2569"), styles(family)["body"])
    para.wrap(400, 100)  # the shaper's first use sets up HarfBuzz for the face
