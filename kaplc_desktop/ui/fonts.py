"""The bundled Sarabun font, registered and set as the application font so Thai renders everywhere."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..paths import resource_path

FACES = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf", "Sarabun-BoldItalic.ttf")
UI_POINT_SIZE = 11


def install_fonts(app: QApplication) -> str:
    """Returns the family name in use; falls back to the system font if the files are missing. Registered once
    per application: each registration adds the four faces again to Qt's font database."""
    done = getattr(app, "_kaplc_font_family", None)
    if done is not None:
        return str(done)
    family = ""
    for face in FACES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", face)))
        if font_id >= 0 and not family:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if family:
        app.setFont(QFont(family, UI_POINT_SIZE))
    app._kaplc_font_family = family  # type: ignore[attr-defined]
    return family
