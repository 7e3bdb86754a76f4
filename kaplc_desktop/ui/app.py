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
from ..data_folders import remember_folder, window_data_dir
from ..domain.buddhist_date import format_medium
from ..error_messages import as_user_error
from ..i18n import _, set_language
from ..paths import DB_FILENAME, demo_data_dir
from ..settings import load_settings, save_settings
from .error_dialog import install_excepthook
from .fonts import install_fonts
from .qt_strings import GettextTranslator


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kaplc-desktop", add_help=True)
    parser.add_argument("--data-dir", metavar="DIR")
    parser.add_argument("--lang", choices=("th", "en"))
    parser.add_argument("--self-test", action="store_true", help="check the installed program offscreen, then exit")
    parser.add_argument("--self-test-report", metavar="FILE", help="also write the self-test's report to FILE")
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
    """Holds the open workspace and the current window: rebuilds the window on a language switch, opens another
    data folder, restores a backup. With `real_dir`, the window shows the demo, and File → Leave the demo starts
    real data in that folder."""

    def __init__(self, ctx: AppContext, real_dir: Path | None = None) -> None:
        self.ctx = ctx
        self.real_dir = real_dir
        self.window: QWidget | None = None
        self.daily_backup: threading.Thread | None = None

    def show_main(self) -> QWidget:
        from .main_window import MainWindow

        old = self.window
        leave = self.leave_demo if self.real_dir is not None else None
        self.window = MainWindow(self.ctx, self.switch_language, leave_demo=leave, session=self)
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
            if not wizard.exec():
                real.close()
                return
            if wizard.server_url:
                real = _linked_to_server(real, wizard.server_url)
            elif real.refresh_workspace() is None:
                real.close()
                return
        settings = load_settings(self.real_dir)
        settings.demo_open = False
        save_settings(self.real_dir, settings)
        self._adopt(DesktopSession(real))

    @property
    def folder(self) -> Path:
        """The data folder the user chose (the real one while the demo is shown)."""
        return self.real_dir or self.ctx.data_dir

    def open_folder(self, folder: Path) -> bool:
        """File → Open / New / a recent folder: the folder's workspace (set up by the wizard if new) replaces the
        open one; if it cannot be opened, the user is told which and why, and the current one stays open."""
        if folder.resolve() in (self.ctx.data_dir.resolve(), self.folder.resolve()):
            return True
        other = open_session(folder, self.window, starting=False)
        if other is None:
            return False
        self._adopt(other)
        return True

    def _adopt(self, other: DesktopSession) -> None:
        self.ctx.close()
        self.ctx, self.real_dir = other.ctx, other.real_dir
        install_excepthook(self.ctx.data_dir)  # error logs go to the folder now open
        self.show_main()
        self.start_daily_backup()

    def restore_backup(self, source: Path) -> None:
        """Closes the workspace, restores the backup in a worker (the current data is backed up first), and opens
        the folder again — also when the backup was refused, in which case nothing changed."""
        from ..backups.backup_restore import restore_backup, restored_text
        from .file_prompts import inform
        from .tasks import run_task

        folder = self.ctx.data_dir
        if self.daily_backup is not None:
            self.daily_backup.join()
        self.ctx.close()

        def reopen(result: object) -> None:
            self.ctx = AppContext.open(folder)
            self.show_main()
            if result is not None:
                manifest = result.manifest  # type: ignore[attr-defined]
                text = restored_text(result.people).format(  # type: ignore[attr-defined]
                    name=manifest.name,
                    date=format_medium(manifest.created_at.astimezone().date()),
                    people=result.people,  # type: ignore[attr-defined]
                )
                if result.safety_copy is not None:  # type: ignore[attr-defined]
                    text += "\n\n" + _("The data as it was before is kept in {path}.").format(
                        path=result.safety_copy  # type: ignore[attr-defined]
                    )
                inform(self.window, _("Backup restored"), text)

        run_task(
            self.window,
            _("Restoring the backup…"),
            lambda progress: restore_backup(folder, source, progress),
            reopen,
            folder,
            on_failed=lambda: reopen(None),
        )

    def start_daily_backup(self) -> None:
        """The day's first backup, in a thread (the window stays usable); none for the demo or when turned off, nor
        for a database on a server (backed up there, with pg_dump)."""
        info = self.ctx.workspace.get()
        settings = load_settings(self.ctx.data_dir)
        if info is None or info.is_demo or not settings.daily_backups or self.ctx.db.file is None:
            return
        from ..backups.backup_history import daily_backup_if_due

        folder, keep = self.ctx.data_dir, settings.keep_daily_backups

        def work() -> None:
            try:
                daily_backup_if_due(folder, keep)
            except Exception:  # the day's backup failing must not disturb the user's work; it is logged
                logging.getLogger(__name__).exception("the daily backup failed")

        self.daily_backup = threading.Thread(target=work, name="daily-backup", daemon=True)
        self.daily_backup.start()


def open_session(data_dir: Path, parent: QWidget | None = None, starting: bool = True) -> DesktopSession | None:
    """Opens the folder's workspace (the set-up wizard for a new one); None if the user gives up. A folder that
    cannot be opened is named with the reason, and another can be chosen."""
    from .dialogs.folder_refused_dialog import ask_another_folder

    while True:
        try:
            session = _session_for(data_dir, parent)
        except Exception as exc:
            friendly = as_user_error(exc)
            if friendly is None:
                raise
            other = ask_another_folder(parent, data_dir, friendly.message, starting)
            if other is None:
                return None
            data_dir = other
            continue
        if session is not None:
            remember_folder(session.folder)
        return session


def _linked_to_server(ctx: AppContext, url: str) -> AppContext:
    """The wizard's new, empty folder works on the office's server from now on: closed, linked, opened again."""
    from ..workspace_move import link_empty_folder

    folder = ctx.data_dir
    ctx.close()
    link_empty_folder(folder, url)
    return AppContext.open(folder)


def _session_for(data_dir: Path, parent: QWidget | None) -> DesktopSession | None:
    """A user who chose the demo gets it, from its own folder, until they start real data."""
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
        if wizard.server_url:
            return DesktopSession(_linked_to_server(ctx, wizard.server_url))
        if not wizard.chose_demo:
            if ctx.refresh_workspace() is None:
                ctx.close()
                return None
            return DesktopSession(ctx)
        settings = load_settings(data_dir)
        settings.demo_open = True
        save_settings(data_dir, settings)
    ctx.close()
    return DesktopSession(AppContext.open(demo_dir, local_only=True), real_dir=data_dir)


def _warm_up_pdf() -> None:
    from ..reports.pdf.warm_up import warm_up_pdf

    try:
        warm_up_pdf()
    except Exception:  # a missing font or cache folder is reported when the user prints, in a clear sentence
        logging.getLogger(__name__).exception("PDF warm-up failed")


def self_test(args: argparse.Namespace) -> int:
    """The installed program checks itself (a windowed program on Windows has no console: --self-test-report)."""
    import io

    from ..self_test import run_self_test

    report = io.StringIO()
    code = run_self_test(report)
    if args.self_test_report:
        Path(args.self_test_report).write_text(report.getvalue(), encoding="utf-8")
    if sys.stdout is not None:
        sys.stdout.write(report.getvalue())
        sys.stdout.flush()
    return code


def run(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.self_test:
        return self_test(args)
    data_dir = window_data_dir(args.data_dir)
    set_language(args.lang or load_settings(data_dir).language)
    app = make_application(argv)
    with contextlib.suppress(OSError):  # a read-only folder is reported when the database is opened
        setup_logging(data_dir)
    install_excepthook(data_dir)
    session = open_session(data_dir)
    if session is None:
        return 0
    session.show_main()
    QTimer.singleShot(2000, session.start_daily_backup)
    # Load the ORM once the window has painted, so the first edit does not wait for it.
    QTimer.singleShot(300, lambda: threading.Thread(target=warm_up_orm, name="orm-warm-up", daemon=True).start())
    # and the PDF engine (fonts, word list) a little later, so the first print costs what later ones do
    QTimer.singleShot(1500, lambda: threading.Thread(target=_warm_up_pdf, name="pdf-warm-up", daemon=True).start())
    code = app.exec()
    session.ctx.close()
    return code
