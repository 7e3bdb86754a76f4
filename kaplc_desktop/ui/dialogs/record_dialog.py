"""The default form of a declared kind: its groups of fields, each with its error line. The service validates;
the dialog shows each problem by its field. A kind replaces pieces by subclassing (see person_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.printable_text import field_warnings
from ...domain.record_kind import RecordKind
from ...errors import ValidationError
from ...i18n import _
from ..screen_room import available_geometry
from ..widgets.field_editors import changed_signal, editor_value, make_editor, set_editor_value
from ..widgets.thai_text import error_label, warning_label

Save = Callable[[dict[str, object]], Any]
FIELD_WIDTH = 280


def _fitting_the_screen(grid: QGridLayout, dialog: QWidget) -> QWidget:
    """The fields in a scroll area as tall as they need, but never taller than the screen leaves for them (a
    1366×768 laptop): the Save button stays in reach."""
    inner = QWidget()
    inner.setLayout(grid)
    scroll = QScrollArea()
    scroll.setObjectName("formScroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(inner)
    geometry = available_geometry(dialog)
    room = geometry.height() - 160 if geometry is not None else 600  # title bar, buttons, notes
    want = inner.sizeHint()
    scroll.setMinimumWidth(want.width() + scroll.verticalScrollBar().sizeHint().width())
    scroll.setMinimumHeight(min(want.height(), max(room, 240)))
    return scroll


class RecordDialog(QDialog):
    """`save` is a service's add or a bound update; it raises ValidationError for bad input."""

    field_width = FIELD_WIDTH  # a kind's dialog with more columns makes its fields narrower
    ask_before_discarding = False  # Esc, Cancel or the close box ask before throwing away what was typed
    labels_above: frozenset[int] = frozenset()  # groups (by position) whose labels stand above their fields

    def __init__(
        self,
        kind: RecordKind,
        save: Save,
        record: Any | None = None,
        parent: QWidget | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._save = save
        self.saved: Any | None = None
        self.setWindowTitle(title or _(kind.label))
        self._errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self._build()
        if record is not None:
            self.load(record)
        self._check_printable()
        self._typed: Any = None  # what the form held when it opened (set on first show, after a subclass fills it)

    def __getattr__(self, name: str) -> Any:
        """A field's editor by the field's name (dialog.first_name_th), after Qt's own attributes."""
        widgets = self.__dict__.get("widgets")
        if widgets is not None and name in widgets:
            return widgets[name]
        raise AttributeError(name)

    def make_editor(self, name: str) -> QWidget:
        """The editor of one field; a kind's dialog overrides this to put its own widget in place."""
        return make_editor(self.kind.field(name))

    def _build(self) -> None:
        grid = QGridLayout()
        for column, group in enumerate(self.kind.form):
            box = QGroupBox(_(group.title))
            form = QFormLayout(box)
            if column in self.labels_above:  # long labels over wide text boxes
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for name in group.fields:
                self.widgets[name] = self.make_editor(name)
                self._add_row(form, name)
            grid.addWidget(box, 0, column, Qt.AlignmentFlag.AlignTop)
        extra = self.extra_column()
        if extra is not None:
            grid.addWidget(extra, 0, len(self.kind.form))
        self.form_error = error_label()
        # typed characters the documents cannot print: a warning while typing, saving stays possible
        self.print_warning = warning_label()
        self.print_warning.setObjectName("printWarning")
        for name in self.kind.typed_text:
            signal = changed_signal(self.widgets[name]) if name in self.widgets else None
            if signal is not None:
                signal.connect(self._check_printable)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(_fitting_the_screen(grid, self))
        layout.addWidget(self.print_warning)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)

    def extra_column(self) -> QWidget | None:
        """A widget beside the field groups (a kind's dialog adds one: the person's photo)."""
        return None

    def typed_table(self) -> QWidget | None:
        """A table typed in beside the fields (a rubric's criteria, a forum's programme): Enter there ends the
        typing of a cell and never saves a record whose lines are half typed."""
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        table, focus = self.typed_table(), self.focusWidget()
        typing = table is not None and (focus is table or table.isAncestorOf(focus))
        if typing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _add_row(self, form: QFormLayout, name: str) -> None:
        label = self.kind.label_of(name) + (" *" if name in self.kind.required else "")
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        field = self.widgets[name]
        field.setMinimumWidth(max(self.field_width, field.minimumWidth()))
        box.addWidget(field)
        self._errors[name] = error_label()
        box.addWidget(self._errors[name])
        form.addRow(label, holder)

    def load(self, record: Any) -> None:
        for name, widget in self.widgets.items():
            set_editor_value(self.kind.field(name), widget, getattr(record, name))

    def values(self) -> dict[str, object]:
        """What the user typed and chose, by field name (disabled fields count as empty)."""
        return {
            name: editor_value(self.kind.field(name), w) if w.isEnabled() else "" for name, w in self.widgets.items()
        }

    def _check_printable(self) -> None:
        warnings = field_warnings(self.values(), self.kind.typed_text, kind=self.kind.name)
        self.print_warning.setText("\n".join(w.message for w in warnings))
        self.print_warning.setVisible(bool(warnings))

    def show_errors(self, exc: ValidationError) -> None:
        for label in self._errors.values():
            label.hide()
        loose = []
        for err in exc.errors:
            label = self._errors.get(err.field)
            if label is None:
                loose.append(err.message)
                continue
            label.setText(err.message if label.isHidden() else f"{label.text()}\n{err.message}")
            label.show()
        self.form_error.setText("\n".join(loose) or _("Please correct the fields marked in red."))
        self.form_error.show()
        self.adjustSize()

    def showEvent(self, event: Any) -> None:
        if self._typed is None:
            self._typed = self.snapshot()
        super().showEvent(event)

    def snapshot(self) -> Any:
        """What the user has typed and chosen (a kind's dialog adds what it keeps beside the fields)."""
        return self.values()

    def reject(self) -> None:
        if (
            self.ask_before_discarding
            and self._typed is not None
            and self.snapshot() != self._typed
            and not _confirm(self, _("Discard the changes?"), _("Close the form without saving what you typed?"))
        ):
            return
        self._typed = self.snapshot()  # asked once
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if (
            self.ask_before_discarding
            and self.isVisible()
            and self.result() == 0
            and self._typed is not None
            and self.snapshot() != self._typed
            and not _confirm(self, _("Discard the changes?"), _("Close the form without saving what you typed?"))
        ):
            event.ignore()
            return
        self._typed = self.snapshot()
        super().closeEvent(event)

    def accept(self) -> None:
        try:
            self.saved = self._save(self.values())
        except ValidationError as exc:
            self.show_errors(exc)
            return
        super().accept()


def _confirm(dialog: QWidget, title: str, question: str) -> bool:
    prompts = getattr(dialog, "prompts", None)
    if prompts is None:
        from .. import file_prompts as prompts
    return bool(prompts.confirm(dialog, title, question))
