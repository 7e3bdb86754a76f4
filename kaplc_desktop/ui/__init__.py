"""The Qt shell: the only package that imports PySide6. Widgets call services; they hold no rules or SQL."""

from .bool_refcount_guard import make_bools_immortal

make_bools_immortal()  # before any signal is emitted (see bool_refcount_guard.py)
