"""One numbered step of a guide (the Sync page): its number, what to do, where it stands now, and its buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .thai_text import plain_label

DONE, ACTION_NEEDED, WAITING = "done", "action-needed", "waiting"
_COLORS = {DONE: "#1b7a3a", ACTION_NEEDED: "#b05a00", WAITING: "#666666"}


class GuideStep(QFrame):
    def __init__(self, number: int, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"guideStep{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        badge = QLabel(str(number))
        badge.setObjectName("stepNumber")
        badge.setFixedSize(34, 34)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setStyleSheet(
            "background: #2f6fb3; color: white; border-radius: 17px; font-size: 14pt; font-weight: bold;"
        )
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        heading = plain_label(title)
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        body.addWidget(heading)
        self.explanation = plain_label(explanation)
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #444;")
        body.addWidget(self.explanation)
        self.state = plain_label()
        self.state.setObjectName("stepState")
        self.state.setWordWrap(True)
        body.addWidget(self.state)
        self.buttons = QHBoxLayout()
        body.addLayout(self.buttons)
        row.addLayout(body, 1)

    def set_state(self, text: str, kind: str) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {_COLORS[kind]}; font-weight: bold;")

    def add_button(self, button: QPushButton) -> QPushButton:
        self.buttons.addWidget(button)
        return button

    def add_widget(self, widget: QWidget) -> None:
        self.buttons.addWidget(widget)

    def finish(self) -> None:
        self.buttons.addStretch(1)


def explain_disabled(button: QPushButton, enabled: bool, reason: str, tooltip: str = "") -> None:
    """A button with nothing to act on is disabled and says why in its tooltip."""
    button.setEnabled(enabled)
    button.setToolTip(tooltip if enabled else reason)
