"""A person's photo in the form: the picture, Choose photo… and Remove. The file is checked, turned upright and
made small by the photo service when chosen, so a bad file is refused at once and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ...errors import KaplcError
from ...i18n import _
from .. import file_prompts
from ..error_dialog import show_refusal

WIDTH, HEIGHT = 120, 160


def image_filter() -> str:
    return _("Pictures (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff)")


def stored_pixmap(path: Path) -> QPixmap:
    """A stored attachment as a picture. Stored files have no extension, and Qt's guess from the content takes a
    JPEG for a TGA image (seen with PySide6 6.12): the format is read from the file's first bytes instead."""
    pixmap = QPixmap()
    try:
        data = path.read_bytes()
    except OSError:
        return pixmap
    kind = "JPEG" if data[:3] == b"\xff\xd8\xff" else "PNG" if data[:8] == b"\x89PNG\r\n\x1a\n" else None
    if kind is not None:
        pixmap.loadFromData(data, kind)
    return pixmap


class PhotoField(QWidget):
    """`store(path)` prepares and stores a chosen file and returns its SHA-256; `path_of(sha)` finds a stored one."""

    def __init__(
        self,
        store: Callable[[Path], str],
        path_of: Callable[[str], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photoField")
        self._store, self._path_of = store, path_of
        self.sha256: str | None = None
        self.changed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picture = QLabel()
        self.picture.setObjectName("photoPicture")
        self.picture.setFixedSize(WIDTH, HEIGHT)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("border: 1px solid #aaa; background: #fafafa; color: #666;")
        self.picture.setWordWrap(True)
        layout.addWidget(self.picture)
        self.choose_button = QPushButton(_("Choose photo…"))
        self.choose_button.setObjectName("choosePhoto")
        self.choose_button.clicked.connect(self.choose)
        layout.addWidget(self.choose_button)
        self.remove_button = QPushButton(_("Remove photo"))
        self.remove_button.setObjectName("removePhoto")
        self.remove_button.clicked.connect(self.remove)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        self._show()

    def load(self, sha256: str | None) -> None:
        self.sha256, self.changed = sha256, False
        self._show()

    def choose(self) -> None:
        path = file_prompts.ask_open_path(self, _("Choose a photo"), image_filter())
        if path is None:
            return
        try:
            self.sha256 = self._store(path)
        except KaplcError as exc:
            show_refusal(self, exc.message)
            return
        self.changed = True
        self._show()

    def remove(self) -> None:
        self.sha256, self.changed = None, True
        self._show()

    def _show(self) -> None:
        path = self._path_of(self.sha256) if self.sha256 else None
        pixmap = stored_pixmap(path) if path is not None else QPixmap()
        if pixmap.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("No photo"))
        else:
            self.picture.setPixmap(
                pixmap.scaled(
                    WIDTH - 2,
                    HEIGHT - 2,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_button.setEnabled(self.sha256 is not None)
