"""Building a PDF in a worker into the data folder's tmp/, then showing it to print or save (every page that
prints uses this)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from ..i18n import _
from .tasks import run_task

Make = Callable[[Path, Any], Any]  # (target, progress) → Printed


def preview_pdf(page: QWidget, data_dir: Path, title: str, suggested: str, make: Make) -> None:
    """The preview dialog is kept as page.last_preview (tests look at it); the file goes when it closes, and a
    cancelled or refused build leaves none."""
    folder = data_dir / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix="preview-", suffix=".pdf", dir=folder)
    os.close(handle)
    target = Path(name)

    def done(printed: Any) -> None:
        from .dialogs.pdf_preview_dialog import PdfPreviewDialog

        dialog = PdfPreviewDialog(target, title, suggested, page, warnings=printed.warnings)
        page.last_preview = dialog  # type: ignore[attr-defined]
        dialog.exec()
        dialog.document.close()
        target.unlink(missing_ok=True)

    run_task(
        page,
        _("Preparing the document…"),
        lambda progress: make(target, progress),
        done,
        data_dir,
        on_failed=lambda: target.unlink(missing_ok=True),
    )
