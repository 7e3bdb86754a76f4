"""The dry run of one or more bundles: per file, sender and kind of record, what importing would do and why
anything is refused; the user confirms new senders' fingerprints and applies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...sync.labels import action_label, bundle_kind_label, kind_label, problem_label, result_label, warning_label
from ..widgets.thai_text import plain_label

COLUMNS = ("new", "updated", "unchanged", "deleted", "older", "conflict", "rejected")


class ImportPreviewDialog(QDialog):
    """Accepted means: apply every bundle that can be applied (new senders only if confirmed)."""

    def __init__(self, outcomes: list[Any], parent: QWidget | None = None, applied: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(_("Import summary") if applied else _("Check before importing"))
        layout = QVBoxLayout(self)
        rows = []
        for outcome in outcomes:
            data = outcome.to_json()
            if outcome.needs_confirmation:
                data["result"] = "needs-confirmation"
            counts = {k: v for k, v in (data.get("counts") or {}).items() if any(v.values())} or {"": {}}
            for kind, numbers in counts.items():
                rows.append((data, kind, numbers))
        self.table = QTableWidget(len(rows), 5 + len(COLUMNS))
        self.table.setObjectName("previewTable")
        self.table.setHorizontalHeaderLabels(
            [_("File"), _("Sender"), _("Bundle"), _("Result"), _("Records"), *[action_label(c) for c in COLUMNS]]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, (data, kind, numbers) in enumerate(rows):
            values = [
                Path(data["file"]).name,
                data.get("sender", ""),
                f"{bundle_kind_label(data.get('bundle_kind', ''))} #{data.get('sequence')}"
                if data.get("sequence")
                else "",
                result_label(data["result"]),
                kind_label(kind),
                *[str(numbers.get(c, "")) for c in COLUMNS],
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()

        notes = []
        for outcome in outcomes:
            data = outcome.to_json()
            name = Path(data["file"]).name
            if data.get("message") and not outcome.needs_confirmation:
                notes.append(f"• {name}: {data['message']}")
            for notice in data.get("notices") or []:
                notes.append(f"• {name}: {notice}")
            for warning in data.get("warnings") or []:
                notes.append(f"• {name}: {warning_label(warning)}")
            for item in (data.get("rejected") or [])[:20]:
                notes.append(
                    f"• {name}: "
                    + _("record {id} not taken: {reason}").format(
                        id=item["record_id"], reason=problem_label(item["reason"])
                    )
                )
        waiting_only = bool(outcomes) and all(o.needs_confirmation for o in outcomes)
        self.notes = plain_label("\n".join(notes) or ("" if waiting_only else _("No problems found.")))
        self.notes.setObjectName("previewNotes")
        self.notes.setWordWrap(True)

        # one checkbox per sender the user must confirm by phone: a new school, or a sender's new key
        self.confirmations: list[tuple[QCheckBox, str]] = []
        self.waiting = [o for o in outcomes if o.needs_confirmation] if not applied else []
        boxes = QVBoxLayout()
        asked: set[tuple[str, str]] = set()
        for outcome in self.waiting:
            refusal = outcome.refusal
            if (refusal.sender, refusal.fingerprint) in asked:
                continue
            asked.add((refusal.sender, refusal.fingerprint))
            text = (
                _("School {code} changed its key: {old} → {new}. I called the school; the new fingerprint matches.")
                if refusal.old_fingerprint
                else _("New school {code}, key fingerprint {new}. I called the school and this fingerprint matches.")
            ).format(code=refusal.sender, old=refusal.old_fingerprint, new=refusal.fingerprint)
            box = QCheckBox(text)
            box.setObjectName(f"confirm-{refusal.sender}")
            box.toggled.connect(self._count)
            boxes.addWidget(box)
            self.confirmations.append((box, refusal.fingerprint))
        self.select_all = QCheckBox(_("All of them: I checked every fingerprint above by phone"))
        self.select_all.setObjectName("confirmAll")
        self.select_all.toggled.connect(lambda on: [box.setChecked(on) for box, _fp in self.confirmations])
        if len(self.confirmations) > 1:
            boxes.insertWidget(0, self.select_all)
        if self.confirmations:
            explain = _(
                "These bundles were not opened yet: call each school and compare the key fingerprint it reads to "
                "you with the one below. Tick only those that match."
            )
            if any(o.refusal.old_fingerprint for o in self.waiting):
                explain += " " + _(
                    "A school whose key changed should have a new computer or have changed its key on purpose: if "
                    "it did neither, do not tick it and tell the district's administrator."
                )
            intro = plain_label(explain)
            intro.setWordWrap(True)
            boxes.insertWidget(0, intro)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(boxes)
        inner_layout.addWidget(self.notes)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        layout.addWidget(splitter, 1)

        self.ready = [o for o in outcomes if o.result == "would-apply"] if not applied else []
        buttons = QDialogButtonBox()
        self.apply_button = None
        if (self.ready or self.waiting) and not applied:
            self.apply_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(
            _("Close") if applied or not (self.ready or self.waiting) else _("Import nothing"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._count()
        self.resize(1100, 620)

    def _count(self) -> None:
        """The import button says how many files it will import: the ready ones and the confirmed senders'."""
        if self.apply_button is None:
            return
        trusted = set(self.trusted)
        n = len(self.ready) + sum(1 for o in self.waiting if o.refusal.fingerprint in trusted)
        self.apply_button.setText(_("Import the bundles ({n})").format(n=n))
        self.apply_button.setEnabled(n > 0)

    @property
    def trusted(self) -> list[str]:
        """The fingerprints the user ticked as checked by phone."""
        return [fingerprint for box, fingerprint in self.confirmations if box.isChecked()]
