"""Starting the window: fonts, language, error hook, the data folder, the set-up wizard, the main window."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME
from ..context import AppContext
from ..crash_log import setup_logging
from ..data.database import warm_up_orm
from ..error_messages import as_user_error
from ..i18n import _, set_language
from ..paths import DB_FILENAME, demo_data_dir, resolve_data_dir
from ..settings import load_settings, save_settings
from .error_dialog import install_excepthook, show_refusal
from .fonts import install_fonts
from .qt_strings import GettextTranslator


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kaplc-desktop", add_help=True)
    parser.add_argument("--data-dir", metavar="DIR")
    parser.add_argument("--lang", choices=("th", "en"))
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def make_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kaplc-desktop", *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("KA-PLC")
    install_fonts(app)
    if not getattr(app, "_kaplc_translator", None):
        translator = GettextTranslator(app)
        app.installTranslator(translator)
        app._kaplc_translator = translator  # type: ignore[attr-defined]
    return app


class DesktopSession:
    """Holds the open workspace and the current window, and rebuilds the window on a language switch. With
    `real_dir`, the window shows the demo, and File → Leave the demo starts real data in that folder."""

    def __init__(self, ctx: AppContext, real_dir: Path | None = None) -> None:
        self.ctx = ctx
        self.real_dir = real_dir
        self.window: QWidget | None = None

    def show_main(self) -> QWidget:
        from .main_window import MainWindow

        old = self.window
        leave = self.leave_demo if self.real_dir is not None else None
        self.window = MainWindow(self.ctx, self.switch_language, leave_demo=leave)
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return self.window

    def switch_language(self, language: str) -> None:
        settings = load_settings(self.ctx.data_dir)
        settings.language = set_language(language)
        save_settings(self.ctx.data_dir, settings)
        self.show_main()

    def leave_demo(self) -> None:
        """The set-up wizard for the real data folder; the demo stays open if the user cancels or picks it again."""
        from .dialogs.setup_wizard import SetupWizard

        assert self.real_dir is not None
        real = AppContext.open(self.real_dir, create=True)
        if real.workspace.get() is None:
            wizard = SetupWizard(real, self.window)
            if not wizard.exec() or real.refresh_workspace() is None:
                real.close()
                return
        settings = load_settings(self.real_dir)
        settings.demo_open = False
        save_settings(self.real_dir, settings)
        self.ctx.close()
        self.ctx, self.real_dir = real, None
        self.show_main()


def open_session(data_dir: Path, parent: QWidget | None = None) -> DesktopSession | None:
    """Opens the workspace (running the set-up wizard on first start); None if the user gives up. A user who
    chose the demo gets it, from its own folder, until they start real data."""
    from .dialogs.setup_wizard import SetupWizard

    ctx = AppContext.open(data_dir, create=True)
    if ctx.workspace.get() is not None:
        return DesktopSession(ctx)
    demo_dir = demo_data_dir(data_dir)
    if not load_settings(data_dir).demo_open or not (demo_dir / DB_FILENAME).is_file():
        wizard = SetupWizard(ctx, parent)
        if not wizard.exec():
            ctx.close()
            return None
        if not wizard.chose_demo:
            if ctx.refresh_workspace() is None:
                ctx.close()
                return None
            return DesktopSession(ctx)
        settings = load_settings(data_dir)
        settings.demo_open = True
        save_settings(data_dir, settings)
    ctx.close()
    return DesktopSession(AppContext.open(demo_dir), real_dir=data_dir)


def _warm_up_pdf() -> None:
    from ..reports.pdf.warm_up import warm_up_pdf

    try:
        warm_up_pdf()
    except Exception:  # a missing font or cache folder is reported when the user prints, in a clear sentence
        logging.getLogger(__name__).exception("PDF warm-up failed")


def run(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    set_language(args.lang or load_settings(data_dir).language)
    app = make_application(argv)
    with contextlib.suppress(OSError):  # a read-only folder is reported when the database is opened
        setup_logging(data_dir)
    install_excepthook(data_dir)
    try:
        session = open_session(data_dir)
    except Exception as exc:
        friendly = as_user_error(exc)
        if friendly is None:
            raise
        show_refusal(None, friendly.message, _("KA-PLC Desktop cannot start"))
        return 2
    if session is None:
        return 0
    session.show_main()
    # Load the ORM once the window has painted, so the first edit does not wait for it.
    QTimer.singleShot(300, lambda: threading.Thread(target=warm_up_orm, name="orm-warm-up", daemon=True).start())
    # and the PDF engine (fonts, word list) a little later, so the first print costs what later ones do
    QTimer.singleShot(1500, lambda: threading.Thread(target=_warm_up_pdf, name="pdf-warm-up", daemon=True).start())
    code = app.exec()
    session.ctx.close()
    return code
