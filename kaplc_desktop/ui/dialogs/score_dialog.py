"""A reviewer scores a portfolio against the rubric: a box per criterion with its highest score beside it, and a
comment. Choosing a reviewer who scored it already shows their review, to change."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...errors import KaplcError, ValidationError
from ...i18n import _
from ..widgets.thai_text import error_label, plain_label


class ScoreDialog(QDialog):
    def __init__(self, ctx: Any, rubric: Any, portfolio: Any, school: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreDialog")
        self.setWindowTitle(_("Score a portfolio"))
        self.ctx, self.rubric, self.portfolio = ctx, rubric, portfolio
        self.saved: Any | None = None
        self.criteria = ctx.review_rubrics.criteria(rubric.id)
        title = plain_label(f"{portfolio.name} · {school}")
        title.setStyleSheet("font-weight: bold;")
        title.setWordWrap(True)
        self.reviewer = QComboBox()
        self.reviewer.setObjectName("scoreReviewer")
        for reviewer in ctx.reviewers.list():
            self.reviewer.addItem(reviewer.name, reviewer.id)
        self.reviewer.currentIndexChanged.connect(lambda _i: self._load())
        form = QFormLayout()
        form.addRow(_("Reviewer"), self.reviewer)
        self.boxes: list[QLineEdit] = []
        for criterion in self.criteria:
            box = QLineEdit()
            box.setObjectName(f"score{criterion.position + 1}")
            box.setMaximumWidth(80)
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(
                QLabel(_("of {most} (weight {weight})").format(most=criterion.max_score, weight=criterion.weight))
            )
            row.addStretch(1)
            holder = QWidget()
            holder.setLayout(row)
            form.addRow(f"{criterion.position + 1}. {criterion.name}", holder)
            self.boxes.append(box)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("scoreComment")
        self.comment.setMaximumHeight(90)
        form.addRow(_("Reviewer's comment"), self.comment)
        self.error = error_label()
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(self.reviewer.count() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if self.reviewer.count() == 0:
            layout.addWidget(plain_label(_("Add the reviewers first (the Reviewers tab).")))
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()  # a rubric of many criteria scrolls: Save stays on the screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(inner.sizeHint().height() + 8, 520))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        """The chosen reviewer's review of this work, if any, to change; empty boxes otherwise."""
        held = self.ctx.portfolio_reviews.held(self.rubric.id, self.portfolio.id, self.reviewer.currentData())
        for box, criterion in zip(self.boxes, self.criteria, strict=True):
            value = held[1].get(criterion.id) if held else None
            box.setText("" if value is None else f"{value / 100:g}")
        self.comment.setPlainText(held[0].comment or "" if held else "")

    def save(self) -> None:
        scores = {n: box.text() for n, box in enumerate(self.boxes)}
        try:
            self.saved = self.ctx.portfolio_reviews.score(
                self.rubric.id, self.portfolio.id, self.reviewer.currentData(), scores, self.comment.toPlainText()
            )
        except ValidationError as exc:
            self.error.setText("\n".join(e.message for e in exc.errors))
            self.error.show()
            return
        except KaplcError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
