"""Qt's own strings (standard buttons, wizard, text-field menus) translated through our gettext catalog.

PySide6 ships no Thai translations, so a QTranslator answers Qt from the same catalog as the rest of the app.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from ..i18n import N_, _

QT_STRINGS: dict[str, tuple[str, ...]] = {
    "QPlatformTheme": (
        N_("OK"),
        N_("Save"),
        N_("Save All"),
        N_("Open"),
        N_("&Yes"),
        N_("Yes to &All"),
        N_("&No"),
        N_("N&o to All"),
        N_("Abort"),
        N_("Retry"),
        N_("Ignore"),
        N_("Close"),
        N_("Cancel"),
        N_("Discard"),
        N_("Help"),
        N_("Apply"),
        N_("Reset"),
        N_("Restore Defaults"),
    ),
    "QDialogButtonBox": (N_("OK"), N_("Cancel"), N_("Close"), N_("&Yes"), N_("&No"), N_("Save"), N_("Apply")),
    "QWizard": (
        N_("< &Back"),
        N_("&Next"),
        N_("&Next >"),
        N_("&Finish"),
        N_("Cancel"),
        N_("&Help"),
        N_("Go Back"),
        N_("Continue"),
        N_("Commit"),
        N_("Done"),
        N_("Help"),
    ),
    "QMessageBox": (N_("Show Details..."), N_("Hide Details..."), N_("OK")),
    "QWidgetTextControl": (
        N_("&Undo"),
        N_("&Redo"),
        N_("Cu&t"),
        N_("&Copy"),
        N_("&Paste"),
        N_("Delete"),
        N_("Select All"),
        N_("Copy &Link Location"),
    ),
    "QLineEdit": (N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"), N_("Select All")),
    "QProgressDialog": (N_("Cancel"),),
    "QFileDialog": (
        N_("Look in:"),
        N_("File &name:"),
        N_("Files of type:"),
        N_("&Open"),
        N_("&Save"),
        N_("Cancel"),
        N_("Back"),
        N_("Forward"),
        N_("Parent Directory"),
        N_("Create New Folder"),
        N_("List View"),
        N_("Detail View"),
        N_("All Files (*)"),
        N_("Directories"),
        N_("Directory:"),
        N_("&Choose"),
        N_("New Folder"),
        N_("Recent Places"),
        N_("My Computer"),
        N_("Computer"),
        N_("Open"),
        N_("Save As"),
        N_("Find Directory"),
    ),
    "QFileSystemModel": (
        N_("Name"),
        N_("Size"),
        N_("Type"),
        N_("Date Modified"),
        N_("Kind"),
        N_("My Computer"),
        N_("Computer"),
    ),
}
_KNOWN = {(ctx, src) for ctx, items in QT_STRINGS.items() for src in items}


class GettextTranslator(QTranslator):
    """Answers Qt's translate() for the strings above with the current language of our catalog."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        """None (a null string) for every other string: Qt then keeps its own. An empty string would count as a
        translation — "Ctrl+" became "", so Ctrl+O showed as "O" in every menu."""
        if (context, source) in _KNOWN:
            return _(source)
        return None

    def isEmpty(self) -> bool:
        return False
