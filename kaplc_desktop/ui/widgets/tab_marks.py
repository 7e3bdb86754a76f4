"""Tabs holding a problem marked in their title (a trailing “ •” in red), so a user sees where to look after a
failed save without opening every tab; the marks go when the next save finds nothing wrong there."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTabWidget, QWidget

MARK = " •"
RED = "#b00020"  # the colour of the error labels (thai_text.error_label)


def tabs_holding(tabs: QTabWidget, widgets: Collection[QWidget]) -> list[int]:
    """The indexes of the tabs that hold any of `widgets`, in tab order."""
    return [n for n in range(tabs.count()) if any(tabs.widget(n).isAncestorOf(w) for w in widgets)]


def mark_tabs(tabs: QTabWidget, titles: list[str], marked: Collection[int]) -> None:
    """Titles are the tabs' unmarked texts, by index."""
    bar = tabs.tabBar()
    for n, title in enumerate(titles):
        tabs.setTabText(n, title + MARK if n in marked else title)
        bar.setTabTextColor(n, QColor(RED) if n in marked else QColor())  # an invalid colour: the usual one
