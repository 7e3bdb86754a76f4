"""A guard against a PySide6 reference-count bug that aborts the program on Python 3.11.

Measured with PySide6 6.12.0 on Python 3.11.7: every emit of a signal declared in Python (Signal(), Signal(object),
Signal(int, int, str)) drops one reference to True; about a thousand emits after start-up True's count reaches zero
and Python aborts ("Fatal Python error: bool_dealloc"). An import with a progress bar emits that many. PySide6
6.11.2 does not do it, and from Python 3.12 True and False are immortal (PEP 683), so it cannot happen there; but
QtPdf (the print preview) comes as PySide6-Pdf only from 6.12.

So on Python 3.11 the counts of True and False are raised once by 2**40, as Python 3.12 does for immortal objects:
a lost reference per emit then takes centuries to matter.
"""

from __future__ import annotations

import ctypes
import sys

RAISE_BY = 1 << 40
_raised = False


def make_bools_immortal() -> None:
    global _raised
    if _raised or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += RAISE_BY  # ob_refcnt is the object's first field
    _raised = True
