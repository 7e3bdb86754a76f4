"""`kaplc-desktop --self-test`: the installed (frozen) program checks that everything it ships works together —
a new workspace and its migrations, the main window, a Thai PDF read back by Qt's PDF engine, Excel, a bundle
from a school imported at a district, a backup restored — in a temporary folder, offscreen. A missing data
file, font, plugin or hidden import fails a step with its reason; exit status 0 means every step passed."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

STAFF = 5


class SelfTest:
    def __init__(self, folder: Path, out: TextIO) -> None:
        self.folder = folder
        self.out = out
        self.failed: list[str] = []
        self.ctx: Any = None
        self.district: Any = None
        self.main_window: Any = None

    def step(self, name: str, check: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = check()
        except BaseException as exc:  # every failure is reported, with where it happened
            self.failed.append(name)
            where = traceback.format_exception(type(exc), exc, exc.__traceback__)[-3:]
            self.out.write(f"FAIL {name}: {type(exc).__name__}: {exc}\n{''.join(where)}\n")
            return
        self.out.write(f"ok   {name} ({time.perf_counter() - started:.1f} s) {detail}\n")

    # --- the steps -----------------------------------------------------------------------------------
    def workspace(self) -> str:
        from .context import AppContext
        from .data.migrations import HEAD_REVISION
        from .data.schema import read_revision

        self.ctx = AppContext.open(self.folder / "school", create=True, local_only=True)
        self.ctx.create_demo_school(staff=STAFF, seed=9, photo_kb=4, plc=True)
        revision = read_revision(self.ctx.db.file)  # type: ignore[arg-type]
        assert revision == HEAD_REVISION, f"schema {revision}, expected {HEAD_REVISION}"
        assert len(self.ctx.personnel.list()) == STAFF
        meetings, _trash = self.ctx.plc_meetings.counts()
        assert meetings > 0, "no PLC meetings"
        return f"schema {revision}, {STAFF} staff with photos, {meetings} PLC meetings"

    def window(self) -> str:
        from .ui.app import make_application
        from .ui.main_window import MainWindow

        app = make_application()
        window = MainWindow(self.ctx, lambda _lang: None)
        window.resize(1366, 768)
        window.show()
        for row in range(window.nav.count()):  # every page is built (the Sync page loads the crypto)
            window.nav.setCurrentRow(row)
            app.processEvents()
        picture = window.grab()
        window.close()
        self.main_window = window  # deleted before the folder goes: its pages still listen for changes
        assert not picture.isNull() and picture.width() > 0
        return f"{window.nav.count()} pages"

    def pdf(self) -> str:
        from PySide6.QtPdf import QPdfDocument

        from .reports.pdf.pdf_service import person_pdf, roster_pdf

        roster = self.folder / "roster.pdf"
        pages = roster_pdf(self.ctx, roster).pages
        sheet = self.folder / "sheet.pdf"
        person = self.ctx.personnel.list()[0]
        person_pdf(self.ctx, person.id, sheet)
        document = QPdfDocument()
        document.load(str(roster))
        assert document.status() == QPdfDocument.Status.Ready, document.status()
        assert document.pageCount() == pages
        text = document.getAllText(0).text()
        document.close()
        name = person.first_name_th
        assert name in text, f"the text layer lacks {name!r}"
        from .reports.pdf.plc_pdf import plc_log_pdf

        with_photo = next(m for m in self.ctx.plc_meetings.list() if self.ctx.plc_meetings.files(m.id))
        log = plc_log_pdf(self.ctx, with_photo.id, self.folder / "plc-log.pdf")
        from .reports.pdf.pdf_pages import pdf_pages
        from .reports.pdf.portfolio_pdf import portfolio_pdf

        # the school's portfolio carries a PDF evidence document: its page is drawn by the bundled pdfium
        school_work = next(p for p in self.ctx.portfolios.list() if p.owner_type == "school")
        folio = portfolio_pdf(self.ctx, school_work.id, self.folder / "portfolio.pdf")
        drawn = pdf_pages(roster, max_pages=1)
        assert drawn.images and drawn.total == pages, "pdfium drew no page"
        return (
            f"roster {pages} page(s), Thai text read back; PLC log with a photo {log.pages} page(s); "
            f"portfolio {folio.pages} page(s) with a PDF page drawn by pdfium"
        )

    def excel(self) -> str:
        from openpyxl import load_workbook

        from .reports.xlsx.roster_io import RosterIO

        target = self.folder / "staff.xlsx"
        count = RosterIO(self.ctx.personnel).export(target, self.ctx.personnel.list())
        workbook = load_workbook(target, read_only=True)
        rows = workbook.active.max_row
        workbook.close()
        template = self.folder / "template.xlsx"
        RosterIO(self.ctx.personnel).write_template(template)
        assert count == STAFF and rows >= STAFF and template.stat().st_size > 0
        from .reports.xlsx.plc_export import export_plc_hours

        hours = self.folder / "plc-hours.xlsx"
        year = self.ctx.plc_hours.years("academic")[-1]
        meeting_rows = export_plc_hours(self.ctx, hours, "academic", year)
        assert load_workbook(hours, read_only=True).sheetnames[0], "the PLC workbook has no sheet"
        return f"{count} rows exported and read back; PLC hours {meeting_rows} rows"

    def bundle(self) -> str:
        from .context import AppContext
        from .services.workspace import clean_district_setup

        info = self.ctx.workspace.get()
        self.district = AppContext.open(self.folder / "district", create=True, local_only=True)
        self.district.workspace.init_district(clean_district_setup(info.esa_code or "9002", info.esa_name))
        self.district.refresh_workspace()
        self.district.sync.export_enrollment(self.folder / "district.json")
        self.ctx.sync.import_enrollment(self.folder / "district.json")
        self.ctx.sync.export_enrollment(self.folder / "school.json")
        self.district.sync.import_enrollment(self.folder / "school.json")
        usb = self.folder / "usb"
        usb.mkdir()
        written = self.ctx.sync.export_bundle(usb)
        outcomes = self.district.sync.import_bundles([written.path], dry_run=False)
        assert [o.result for o in outcomes] == ["applied"], [o.result for o in outcomes]
        received = len(self.district.personnel.list(owner_code=info.owner_code))
        assert received == STAFF, received
        meetings = len(self.district.plc_meetings.list(owner_code=info.owner_code))
        assert meetings == self.ctx.plc_meetings.counts()[0], meetings
        return f"{written.path.name}: {received} staff and {meetings} PLC meetings received"

    def backup(self) -> str:
        from .backups.backup_restore import restore_backup
        from .backups.backup_writer import create_backup

        made = create_backup(self.ctx.data_dir, self.folder / "school.kaplc-backup")
        restored = restore_backup(self.folder / "restored", made.path)
        assert restored.manifest.people == STAFF
        return f"{made.size // 1024} KB, restored with a new database id"

    def charts(self) -> str:
        """The dashboards' bar charts draw (QtCharts is shipped, with the OpenGL libraries its library needs)."""
        from .services.dashboards.figures import Chart, ChartKind, Column, Table
        from .ui.app import make_application
        from .ui.widgets.dashboard_chart import dashboard_chart

        make_application()
        columns = (Column("name", "name"), Column("a", "a", "count"), Column("b", "b", "count"))
        rows = (("ก", 1, 3), ("ข", 2, 2), ("ค", 3, 1))
        drawn = []
        kinds: tuple[ChartKind, ...] = ("bars", "stacked")
        for kind in kinds:
            widget = dashboard_chart(Table("t", "t", columns, rows, Chart(kind, "name", ("a", "b"))))
            widget.resize(400, 300)
            picture = widget.grab()
            assert not picture.isNull() and picture.width() == 400, kind
            drawn.append(kind)
            widget.deleteLater()
        return f"{', '.join(drawn)} drawn"

    def close(self) -> None:
        if self.main_window is not None:
            from PySide6.QtCore import QCoreApplication, QEvent

            self.main_window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
        for ctx in (self.ctx, self.district):
            if ctx is not None:
                ctx.close()


def run_self_test(out: TextIO | None = None) -> int:
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from . import __version__

    out.write(
        f"KA-PLC Desktop {__version__} self-test ({sys.platform}, frozen: {bool(getattr(sys, 'frozen', False))})\n"
    )
    with tempfile.TemporaryDirectory(prefix="kaplc-self-test-") as tmp:
        test = SelfTest(Path(tmp), out)
        try:
            test.step("workspace and migrations", test.workspace)
            if test.ctx is not None:
                test.step("main window (offscreen)", test.window)
                test.step("Thai PDF, read back by QtPdf", test.pdf)
                test.step("Excel export and template", test.excel)
                test.step("bundle from a school imported at a district", test.bundle)
                test.step("backup made and restored", test.backup)
                test.step("bar charts (QtCharts)", test.charts)
        finally:
            test.close()
    out.write("self-test passed\n" if not test.failed else f"self-test FAILED: {', '.join(test.failed)}\n")
    out.flush()
    return 0 if not test.failed else 1
