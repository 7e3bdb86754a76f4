"""A guard against PySide6 reference-count bugs that abort the program on Python 3.11.

Measured with PySide6 6.12.0 on Python 3.11.7:
- every emit of a signal declared in Python (Signal(), Signal(object), Signal(int, int, str)) drops one reference
  to True; about a thousand emits after start-up True's count reaches zero and Python aborts ("Fatal Python error:
  bool_dealloc"). An import with a progress bar emits that many;
- every call that returns None (a combo's currentData() on its blank item, a table's item() or cellWidget() of an
  empty cell, property() of an unset name) drops one reference to None: a survey form recomputing its eleven gaps
  makes about a thousand such calls, and after some minutes of use Python aborts ("none_dealloc"), or crashes
  later while the program exits.
PySide6 6.11.2 does neither, and from Python 3.12 True, False and None are immortal (PEP 683), so it cannot happen
there. 6.12 also crashed on exit after a survey form had been opened three times (memory corrupted somewhere this
guard does not reach), so pyproject.toml pins 6.11.2; the guard stays for anyone who runs a newer PySide6.

So on Python 3.11 the counts of True, False and None are raised once by 2**40, as Python 3.12 does for immortal
objects: a lost reference per call then takes centuries to matter.
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
    for value in (True, False, None):
        ctypes.c_ssize_t.from_address(id(value)).value += RAISE_BY  # ob_refcnt is the object's first field
    _raised = True
