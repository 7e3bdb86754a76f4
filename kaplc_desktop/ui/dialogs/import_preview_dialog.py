"""The dry run of one or more bundles: per file, sender and kind of record, what importing would do and why
anything is refused; the user confirms new senders' fingerprints and applies."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...sync.labels import action_label, bundle_kind_label, kind_label, result_label, warning_label
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
                data["file"].rsplit("/", 1)[-1],
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
        layout.addWidget(self.table)

        notes = []
        for outcome in outcomes:
            data = outcome.to_json()
            name = data["file"].rsplit("/", 1)[-1]
            if data.get("message"):
                notes.append(f"• {name}: {data['message']}")
            for warning in data.get("warnings") or []:
                notes.append(f"• {name}: {warning_label(warning)}")
            for item in (data.get("rejected") or [])[:20]:
                notes.append(
                    f"• {name}: "
                    + _("record {id} not taken: {reason}").format(id=item["record_id"], reason=item["reason"])
                )
        self.notes = plain_label("\n".join(notes) or _("No problems found."))
        self.notes.setObjectName("previewNotes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

        # one checkbox per sender the user must confirm by phone: a new school, or a sender's new key
        self.confirmations: list[tuple[QCheckBox, str]] = []
        asked: set[tuple[str, str]] = set()
        for outcome in outcomes if not applied else []:
            refusal = outcome.refusal
            if not outcome.needs_confirmation or (refusal.sender, refusal.fingerprint) in asked:
                continue
            asked.add((refusal.sender, refusal.fingerprint))
            text = (
                _(
                    "School {code} says it changed its key: {old} → {new}. I confirmed the new fingerprint with "
                    "the school by phone."
                )
                if refusal.old_fingerprint
                else _(
                    "New school {code}, key fingerprint {new}. I confirmed this fingerprint with the school by phone."
                )
            ).format(code=refusal.sender, old=refusal.old_fingerprint, new=refusal.fingerprint)
            box = QCheckBox(text)
            box.setObjectName(f"confirm-{refusal.sender}")
            layout.addWidget(box)
            self.confirmations.append((box, refusal.fingerprint))
        applicable = [o for o in outcomes if o.result == "would-apply" or o.needs_confirmation]
        buttons = QDialogButtonBox()
        self.apply_button = None
        if applicable and not applied:
            self.apply_button = buttons.addButton(
                _("Import the bundles ({n})").format(n=len(applicable)), QDialogButtonBox.ButtonRole.AcceptRole
            )
        self.close_button = buttons.addButton(
            _("Close") if applied or not applicable else _("Import nothing"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 480)

    @property
    def trusted(self) -> list[str]:
        """The fingerprints the user ticked as checked by phone."""
        return [fingerprint for box, fingerprint in self.confirmations if box.isChecked()]
