"""Who named a development need: the people a district project on it is for, by school, with an Excel export (the
target list the district sends out with the project)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ...i18n import _
from ...services.dashboards.figures import Table
from ..widgets.thai_text import plain_label


class NeedPeopleDialog(QDialog):
    def __init__(self, page: QWidget, people: Table, subtitle: str) -> None:
        super().__init__(page)
        from ..pages.dashboards_page import export_tables, show_table, table_view

        self.setObjectName("needPeopleDialog")
        self.setWindowTitle(people.title)
        title = plain_label(people.title)
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        title.setWordWrap(True)
        note = plain_label(people.note)
        self.view = table_view()
        show_table(self.view, people)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        export = QPushButton(_("Export to Excel…"))
        export.setObjectName("exportPeople")
        export.clicked.connect(lambda: export_tables(page, [people], subtitle, _("Target list")))
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)
