"""Help (F1): the few steps of each page and a glossary of the words the program uses, for a principal who is
not an engineer."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ...i18n import _


def first_steps() -> list[tuple[str, str]]:
    """What a principal does, in the order a year brings it."""
    return [
        (
            _("Start"),
            _(
                "Set up the school once (name, code, principal), then add the staff on the Personnel page: one by "
                "one with Add, or many at once from the Excel template (Excel → Download roster template)."
            ),
        ),
        (
            _("Keep the records safe"),
            _(
                "Settings → Backup → Back up now, to a USB stick, at least once a month. The program also keeps a "
                "daily copy on this computer."
            ),
        ),
        (
            _("Send the data to the district"),
            _(
                "Sync page, steps 1 to 3: import what the district sent, then make the bundle on the USB stick and "
                "take or e-mail it to the district."
            ),
        ),
        (_("Print"), _("Personnel → Print: the staff roster, or the record sheet of the chosen person.")),
        (
            _("PLC"),
            _(
                "PLC page: make the year's groups with their members (New group…), then record each meeting "
                "(Ctrl+N); the PLC hours tab shows who is behind the target, and Print gives the meeting's log and "
                "the group's semester report."
            ),
        ),
        (
            _("July survey"),
            _(
                "Development page: open the year's survey, then open each person's form (Enter) to rate their "
                "competencies and note what they want to develop, or export the forms to Excel and import them back. "
                "Development plans drafts each person's ID Plan from their survey; print it to sign."
            ),
        ),
    ]


def glossary() -> list[tuple[str, str]]:
    return [
        (
            _("Workspace"),
            _("The school (or district office) whose records this data folder holds, set up on the first start."),
        ),
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
                "A short code like 4519-C52D-EFBB-DFAB-935B-F9F3: read it to the other side by phone when they "
                "import your enrollment file, so a stranger's file cannot pass as yours."
            ),
        ),
        (
            _("Receipt"),
            _(
                "Part of the district's feedback bundle: which of the school's records arrived, so the next bundle "
                "holds only what changed since."
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
        (
            _("PLC hours"),
            _(
                "The hours a person attended PLC meetings in an academic or fiscal year, counted from each "
                "meeting's times (less for someone who came late or left early), against the district's target."
            ),
        ),
        (
            _("Gap"),
            _(
                "How many levels a competency was rated below the level expected for the person's position and "
                "academic standing (the director's rating, or the person's own until the director rates)."
            ),
        ),
        (
            _("ID Plan"),
            _(
                "A person's development plan of the year: what to develop, how, when, hours and budget, approved "
                "by the director."
            ),
        ),
        (
            _("Behind the pace"),
            _("Fewer hours than a person on pace has by today: the target spread over the year's teaching days."),
        ),
    ]


def shortcuts() -> list[tuple[str, str]]:
    return [
        ("Ctrl+N", _("add a staff member")),
        (_("Enter or F2"), _("edit the chosen person")),
        ("Delete", _("move the chosen person to the Trash")),
        ("Ctrl+F", _("search")),
        ("Ctrl+P", _("print the staff roster")),
        ("Ctrl+E", _("export the list to Excel")),
        ("Ctrl+N " + _("(PLC page)"), _("record a meeting of the chosen group; Ctrl+Shift+N copies its last one")),
        ("Ctrl+S " + _("(meeting form)"), _("save the meeting")),
        (_("1 to 5 (survey form)"), _("choose the level in the focused cell; Tab goes to the next competency")),
        ("Ctrl+Z", _("undo")),
        ("Ctrl+O", _("open another data folder")),
        ("F1", _("open this help")),
    ]


def help_html() -> str:
    e = html.escape
    steps, words, keys = _("First steps"), _("Words the program uses"), _("Keyboard")  # (not inside f-strings:
    # the message extractor does not look there)
    parts = [f"<h2>{e(steps)}</h2><ol>"]
    parts += [f"<li><b>{e(title)}:</b> {e(text)}</li>" for title, text in first_steps()]
    parts.append(f"</ol><h2>{e(words)}</h2><dl>")
    parts += [f"<dt><b>{e(term)}</b></dt><dd>{e(meaning)}</dd>" for term, meaning in glossary()]
    parts.append(f"</dl><h2>{e(keys)}</h2><table cellpadding='3'>")
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
