"""Renders the main screens to PNG files (offscreen), to look at what the app shows a user.

python scripts/screenshots.py OUT_DIR [--lang th|en]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from kaplc_desktop.context import AppContext
from kaplc_desktop.i18n import set_language
from kaplc_desktop.ui.app import make_application


def dispose(widget) -> None:  # type: ignore[no-untyped-def]
    """Closes a window and lets Qt delete it with its timers and pending events (a window dropped by Python
    while its page's timers are queued would be deleted under them)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def shoot(widget, path: Path) -> None:  # type: ignore[no-untyped-def]
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    language = argv[2] if len(argv) > 2 and argv[1] == "--lang" else "th"
    set_language(language)
    make_application()
    from kaplc_desktop.ui.dialogs.import_report_dialog import ImportReportDialog
    from kaplc_desktop.ui.dialogs.person_dialog import PersonDialog
    from kaplc_desktop.ui.dialogs.setup_wizard import SetupWizard
    from kaplc_desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        empty = AppContext.open(Path(tmp) / "empty", create=True)
        wizard = SetupWizard(empty)
        shoot(wizard, out / f"wizard-{language}.png")
        wizard.next()
        shoot(wizard, out / f"wizard-school-{language}.png")
        wizard.close()
        empty.close()

        with AppContext.open(Path(tmp) / "demo", create=True) as ctx:
            ctx.create_demo_school(staff=120, seed=3, photo_kb=8, plc=True)
            window = MainWindow(ctx, lambda _lang: None)
            window.resize(1366, 768)
            page = window.personnel
            page.select_person(page.model.row_at(2).id)  # type: ignore[union-attr]
            shoot(window, out / f"personnel-{language}.png")
            window.show_page("overview")
            shoot(window, out / f"overview-{language}.png")
            window.show_page("plc")
            plc = window.plc
            shoot(window, out / f"plc-groups-{language}.png")
            plc.tabs.setCurrentIndex(1)
            shoot(window, out / f"plc-hours-{language}.png")
            plc.tabs.setCurrentIndex(0)
            meeting_dialog = plc._meeting_dialog(plc.selected_group(), plc.selected_meeting())
            shoot(meeting_dialog, out / f"plc-meeting-{language}.png")
            new_dialog = plc._meeting_dialog(plc.selected_group())
            shoot(new_dialog, out / f"plc-meeting-new-{language}.png")
            from kaplc_desktop.ui.dialogs.plc_group_dialog import PlcGroupDialog

            group = plc.selected_group()
            group_dialog = PlcGroupDialog(
                lambda v, m: None, plc._staff(group.id), group, ctx.plc_groups.members(group.id)
            )
            shoot(group_dialog, out / f"plc-group-{language}.png")
            window.show_page("development")
            development = window.development_holder.page
            shoot(window, out / f"dev-survey-{language}.png")
            for index, name in ((1, "gaps"), (2, "plans"), (3, "hrd"), (4, "outcomes")):
                development.tabs.setCurrentIndex(index)
                shoot(window, out / f"dev-{name}-{language}.png")
            from kaplc_desktop.ui.dialogs.id_plan_dialog import IdPlanDialog
            from kaplc_desktop.ui.dialogs.survey_form_dialog import SurveyFormDialog

            survey_tab = development.survey
            round_ = survey_tab.current_round()
            sheet = ctx.survey.progress(round_.id).sheets[3]
            shoot(
                SurveyFormDialog(ctx, sheet, ctx.survey.topics(round_.academic_year)),
                out / f"survey-form-{language}.png",
            )
            draft = ctx.id_plans.draft(sheet.person.id, round_.academic_year, ctx.survey)
            shoot(IdPlanDialog(ctx, draft), out / f"id-plan-{language}.png")
            window.show_page("portfolios")
            shoot(window, out / f"portfolios-{language}.png")
            from kaplc_desktop.ui.dialogs.portfolio_dialog import PortfolioDialog

            gallery = window.portfolio_holder.page
            chosen = next(i for i in ctx.portfolios.gallery() if i.awards)
            folio = PortfolioDialog(ctx, ctx.personnel.list(), ctx.portfolios.view(chosen.id))
            shoot(folio, out / f"portfolio-details-{language}.png")
            for index, name in ((1, "write-up"), (2, "evidence"), (3, "figures"), (4, "awards")):
                folio.tabs.setCurrentIndex(index)
                if index == 1:
                    folio.section_list.setCurrentRow(2)
                shoot(folio, out / f"portfolio-{name}-{language}.png")
            dispose(folio)
            del gallery
            person = page.model.row_at(2)
            dialog = PersonDialog(ctx.personnel.add, person, photos=page._photos())
            shoot(dialog, out / f"person-dialog-{language}.png")
            dialog.first_name_th.setText("")
            dialog.national_id.setText("1101700207031")
            dialog.start_date.setText("31/02/2560")
            dialog.accept()
            shoot(dialog, out / f"person-dialog-errors-{language}.png")
            from kaplc_desktop.reports.xlsx.record_import import RowProblem, SheetReport

            report = SheetReport(valid=[(2, None)] * 3, rows_read=5, skipped_example=True)  # type: ignore[list-item]
            report.problems = [
                RowProblem(4, "เลขประจำตัวประชาชน", "เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)"),
                RowProblem(6, "วันที่เริ่มปฏิบัติงาน", "วันที่เริ่มปฏิบัติงานต้องไม่เป็นวันในอนาคต"),
            ]
            shoot(ImportReportDialog(report, "roster.xlsx"), out / f"import-report-{language}.png")
            ctx.school_profile.set_fields(
                ctx.workspace.get().owner_code,  # type: ignore[union-attr]
                {
                    "address": "99 หมู่ 1 ตำบลคลองแห อำเภอหาดใหญ่ จังหวัดสงขลา 90110",
                    "students": "412",
                    "school_size": "medium",
                    "cluster": "กลุ่มหาดใหญ่ 1",
                    "phone": "074-123-456",
                },
            )
            window.show_page("settings")
            shoot(window, out / f"settings-{language}.png")
            from kaplc_desktop.domain.kinds.school_profile import SCHOOL_PROFILE
            from kaplc_desktop.ui.dialogs.record_dialog import RecordDialog

            profile = window.settings_holder.page.profile_panel.profile()
            shoot(RecordDialog(SCHOOL_PROFILE, ctx.school_profile.add, profile), out / f"profile-dialog-{language}.png")
            dispose(window)

        from kaplc_desktop.services.workspace import clean_district_setup
        from kaplc_desktop.ui.dialogs.import_preview_dialog import ImportPreviewDialog

        with AppContext.open(Path(tmp) / "district", create=True) as dctx:
            dctx.workspace.init_district(clean_district_setup("9002", "สพป.สงขลา เขต 2"))
            dctx.refresh_workspace()
            dsync = dctx.sync
            dsync.export_enrollment(Path(tmp) / "district.json")
            with AppContext.open(Path(tmp) / "demo") as sctx:
                ssync = sctx.sync
                ssync.import_enrollment(Path(tmp) / "district.json")
                written = ssync.export_bundle(Path(tmp))
                window = MainWindow(sctx, lambda _lang: None)
                window.resize(1366, 768)
                window.show_page("sync")
                shoot(window, out / f"sync-school-{language}.png")
                dispose(window)
            outcomes = dsync.import_bundles([written.path], dry_run=True)
            shoot(ImportPreviewDialog(outcomes), out / f"sync-preview-{language}.png")
            dsync.import_bundles([written.path], dry_run=False, trust=[ssync.keys_info()["fingerprint"]])
            window = MainWindow(dctx, lambda _lang: None)
            window.resize(1366, 768)
            window.show_page("sync")
            shoot(window, out / f"sync-district-{language}.png")
            window.show_page("schools")
            window.schools_holder.page.table.selectRow(0)
            shoot(window, out / f"schools-district-{language}.png")
            window.show_page("personnel")
            window.district_personnel_holder.page.table.selectRow(1)
            shoot(window, out / f"personnel-district-{language}.png")
            dctx.district_settings.set_year(2569, 40, {"ส่งแผนพัฒนาตนเอง": "15/07/2569"}, ["การจัดการเรียนรู้เชิงรุก"])
            window.show_page("settings")
            window.settings_holder.page.district_panel.year.setValue(2569)
            shoot(window, out / f"settings-district-{language}.png")
            dispose(window)

        from kaplc_desktop.backups import backup_history
        from kaplc_desktop.services.workspace import clean_school_setup
        from kaplc_desktop.ui.app import DesktopSession

        real = Path(tmp) / "real"
        with AppContext.open(real, create=True) as rctx:
            rctx.workspace.init_school(
                clean_school_setup("1090050002", "โรงเรียนบ้านนาทวี", "สพป.สงขลา เขต 2", "9002", "นางสาวมาลี ศรีสุข")
            )
            rctx.refresh_workspace()
        backup_history.daily_backup_if_due(real)
        session = DesktopSession(AppContext.open(real))
        window = session.show_main()
        window.resize(1366, 768)
        window.show_page("overview")
        shoot(window, out / f"overview-reminder-{language}.png")
        window.show_backups()
        shoot(window, out / f"settings-backup-{language}.png")
        dispose(window)
        session.ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
