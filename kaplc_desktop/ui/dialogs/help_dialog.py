"""Help (F1): the few steps of each page and a glossary of the words the program uses, for a principal who is
not an engineer."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ...i18n import _


def glossary() -> list[tuple[str, str]]:
    return [
        (
            _("Data folder"),
            _("The folder on this computer that holds all the records of one school or district (File → Open)."),
        ),
        (
            _("Backup"),
            _(
                "One file (.kaplc-backup) with all the data of the folder, photos included. Keep one on a USB stick; "
                "Settings → Backup restores it."
            ),
        ),
        (
            _("Bundle"),
            _(
                "The file (.kaplc) a school sends to the district, or the district to a school, on a USB stick or "
                "by e-mail. It is locked so only the receiver can open it, and signed so the receiver knows who sent "
                "it."
            ),
        ),
        (
            _("Enrollment file"),
            _(
                "A small file (.json) exchanged once between a school and its district, so each can read the "
                "other's bundles."
            ),
        ),
        (
            _("Key fingerprint"),
            _(
                "A short code like 3AE2-9594-701B-E220: read it to the other side by phone when they import your "
                "enrollment file, so a stranger's file cannot pass as yours."
            ),
        ),
        (
            _("Feedback bundle"),
            _("What the district sends back: the receipt of what arrived, the year's settings and its feedback."),
        ),
        (
            _("Restore bundle"),
            _("Everything the district holds for one school, to rebuild the school's data on a new computer."),
        ),
        (
            _("Conflict"),
            _(
                "A record changed in two places before they met. Both copies are kept side by side under Needs "
                "attention, and you choose."
            ),
        ),
        (
            _("Trash"),
            _("Deleted records wait there and can be restored. Erase permanently (PDPA) removes a person everywhere."),
        ),
        (_("Buddhist Era (B.E.)"), _("Dates are shown and typed in the Buddhist Era: 16/05/2569.")),
    ]


def shortcuts() -> list[tuple[str, str]]:
    return [
        ("Ctrl+N", _("add a staff member")),
        (_("Enter or F2"), _("edit the chosen person")),
        ("Delete", _("move the chosen person to the Trash")),
        ("Ctrl+F", _("search")),
        ("Ctrl+P", _("print the staff roster")),
        ("Ctrl+E", _("export the list to Excel")),
        ("Ctrl+Z", _("undo")),
        ("Ctrl+O", _("open another data folder")),
        ("F1", _("this help")),
    ]


def help_html() -> str:
    e = html.escape
    parts = [f"<h2>{e(_('Words the program uses'))}</h2><dl>"]
    parts += [f"<dt><b>{e(term)}</b></dt><dd>{e(meaning)}</dd>" for term, meaning in glossary()]
    parts.append(f"</dl><h2>{e(_('Keyboard'))}</h2><table cellpadding='3'>")
    parts += [f"<tr><td><b>{e(keys)}</b></td><td>{e(what)}</td></tr>" for keys, what in shortcuts()]
    parts.append("</table>")
    return "".join(parts)


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_("Help"))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(help_html())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 600)
