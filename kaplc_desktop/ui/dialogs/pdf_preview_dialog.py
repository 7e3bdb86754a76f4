"""Preview of a PDF the app made, with page navigation, zoom, Print… and Save as…"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...i18n import _
from .. import file_prompts
from ..screen_room import available_geometry
from ..widgets.thai_text import plain_label, warning_label


class PdfPreviewDialog(QDialog):
    def __init__(
        self,
        pdf: Path,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.prompts = file_prompts
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._update_page_label)

        self.previous_button = QPushButton(_("◀ Previous page"))
        self.previous_button.clicked.connect(lambda: self.go_to(navigator.currentPage() - 1))
        self.next_button = QPushButton(_("Next page ▶"))
        self.next_button.clicked.connect(lambda: self.go_to(navigator.currentPage() + 1))
        self.page_label = plain_label()
        self.page_label.setObjectName("pageLabel")
        zoom_out = QPushButton("−")
        zoom_out.setToolTip(_("Zoom out"))
        zoom_out.clicked.connect(lambda: self.zoom(1 / 1.25))
        zoom_in = QPushButton("+")
        zoom_in.setToolTip(_("Zoom in"))
        zoom_in.clicked.connect(lambda: self.zoom(1.25))
        fit = QPushButton(_("Fit width"))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button = QPushButton(_("Whole page"))  # a record sheet with its signatures, on a small screen
        self.fit_page_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(_("Save as…"))
        self.save_button.clicked.connect(self.save_as)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)

        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.page_label,
            self.next_button,
            zoom_out,
            zoom_in,
            fit,
            self.fit_page_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.save_button, close):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        # records holding characters the font cannot draw: say which, so they can be corrected before printing
        self.warning = warning_label()
        self.warning.setObjectName("printWarning")
        if warnings:
            shown = "\n".join(f"• {line}" for line in warnings)
            self.warning.setText(_("Some characters print as ■ because the font cannot draw them:") + "\n" + shown)
            self.warning.show()
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)
        screen = available_geometry(self)
        height = min(1000, int(screen.height() * 0.92)) if screen is not None else 700
        self.resize(900, height)  # a 1366×768 laptop shows the whole window
        self._update_page_label()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
            self._update_page_label()

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def _update_page_label(self, *_args: object) -> None:
        current = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(_("Page {page} of {total}").format(page=current, total=self.page_count))
        self.previous_button.setEnabled(current > 1)
        self.next_button.setEnabled(current < self.page_count)

    def save_as(self) -> None:
        target = self.prompts.ask_save_path(self, _("Save the PDF"), self.suggested_name, _("PDF document (*.pdf)"))
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from ...atomic_file import atomic_path

        with atomic_path(target, document=True) as tmp:
            shutil.copyfile(self.pdf, tmp)
        self.prompts.inform(self, _("Saved"), _("The PDF was saved to {path}.").format(path=target))

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: object) -> int:
        """Draws every page on a QPrinter (or any paint device with pages); returns the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):  # type: ignore[arg-type]
            return 0
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())  # type: ignore[attr-defined]
            for page in range(self.page_count):
                if page:
                    printer.newPage()  # type: ignore[attr-defined]
                size = self.document.pagePointSize(page)
                scale = min(area.width() / size.width(), area.height() / size.height())
                image = self.document.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        return self.page_count
