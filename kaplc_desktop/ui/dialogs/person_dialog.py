"""Adding or editing one staff member: the declared personnel form, where the status date is asked for only
when the person has moved or retired."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from ...domain.kinds.personnel import PERSONNEL, STATUS_ACTIVE
from ...i18n import _
from ...services.person_row import PersonRow
from ..widgets.photo_field import PhotoField
from .record_dialog import RecordDialog, Save


@dataclass(frozen=True)
class PhotoSupport:
    store: Callable[[Path], str]  # a chosen file → its stored SHA-256 (refuses a bad file)
    path_of: Callable[[str], Path | None]


class PersonDialog(RecordDialog):
    """With `photos`, the form has the person's photo beside the fields; after a save, `photo_changed` says
    whether the page should set it (to `photo.sha256`)."""

    def __init__(
        self,
        save: Save,
        person: PersonRow | None = None,
        parent: QWidget | None = None,
        photos: PhotoSupport | None = None,
    ) -> None:
        title = _("Edit staff member") if person else _("Add staff member")
        self._photos = photos
        super().__init__(PERSONNEL, save, person, parent, title)
        self.setObjectName("personDialog")
        self.widgets["status"].currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        if self.photo is not None and person is not None:
            self.photo.load(person.photo_sha256)

    def extra_column(self) -> QWidget | None:
        self.photo = None
        if self._photos is None:
            return None
        box = QGroupBox(_("Photo"))
        layout = QVBoxLayout(box)
        self.photo = PhotoField(self._photos.store, self._photos.path_of)
        layout.addWidget(self.photo)
        return box

    @property
    def photo_changed(self) -> bool:
        return self.photo is not None and self.photo.changed

    def _status_changed(self) -> None:
        self.widgets["status_date"].setEnabled(self.widgets["status"].code() != STATUS_ACTIVE)
