"""First start: choose what this data folder holds — a school, a district office, or demo data."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...context import AppContext
from ...errors import KaplcError, ValidationError
from ...i18n import _
from ...services.workspace import clean_district_setup, clean_school_setup
from ..widgets.thai_text import error_label, plain_label

KIND_PAGE, SCHOOL_PAGE, DISTRICT_PAGE = 0, 1, 2


class KindPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Welcome to KA-PLC Desktop"))
        self.setSubTitle(_("What will this computer keep? One data folder holds one workspace."))
        layout = QVBoxLayout(self)
        self.school = QRadioButton(_("A school: staff, surveys, development plans, PLC and portfolios"))
        self.district = QRadioButton(_("A district office (ESA): bundles from schools, reviews and reports"))
        self.demo = QRadioButton(_("Demo data, to try the program"))
        self.school.setChecked(True)
        self.group = QButtonGroup(self)
        for button in (self.school, self.district, self.demo):
            self.group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self.completeChanged)
        layout.addStretch(1)

    def nextId(self) -> int:
        if self.school.isChecked():
            return SCHOOL_PAGE
        if self.district.isChecked():
            return DISTRICT_PAGE
        return -1

    def isFinalPage(self) -> bool:
        return self.demo.isChecked()


class _FormPage(QWizardPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.form = QFormLayout(self)
        self.errors = error_label()

    def _line(self, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit

    def _finish_form(self) -> None:
        self.form.addRow(self.errors)

    def nextId(self) -> int:
        return -1

    def _show(self, exc: KaplcError) -> None:
        messages = [e.message for e in exc.errors] if isinstance(exc, ValidationError) else [exc.message]
        self.errors.setText("\n".join(messages))
        self.errors.show()


class SchoolPage(_FormPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.setTitle(_("Your school"))
        self.setSubTitle(_("Fields marked * are required."))
        self.code = self._line(_("OBEC school code *"), _("10, 8 or 6 digits, e.g. 1090050001"))
        self.name = self._line(_("School name *"), _("e.g. โรงเรียนบ้านคลองหวะ"))
        self.esa_name = self._line(_("Educational Service Area *"), _("e.g. สพป.สงขลา เขต 2"))
        self.esa_code = self._line(_("ESA code"), _("4 digits, e.g. 9002"))
        self.principal = self._line(_("Principal's name"))
        self._finish_form()

    def validatePage(self) -> bool:
        try:
            setup = clean_school_setup(
                self.code.text(), self.name.text(), self.esa_name.text(), self.esa_code.text(), self.principal.text()
            )
            self.ctx.workspace.init_school(setup)
        except KaplcError as exc:
            self._show(exc)
            return False
        return True


class DistrictPage(_FormPage):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.setTitle(_("Your district office"))
        self.setSubTitle(_("Fields marked * are required."))
        self.esa_code = self._line(_("ESA code *"), _("4 digits, e.g. 9002"))
        self.esa_name = self._line(_("ESA name *"), _("e.g. สพป.สงขลา เขต 2"))
        self._finish_form()

    def validatePage(self) -> bool:
        try:
            self.ctx.workspace.init_district(clean_district_setup(self.esa_code.text(), self.esa_name.text()))
        except KaplcError as exc:
            self._show(exc)
            return False
        return True


class SetupWizard(QWizard):
    """Accepted once the workspace exists in the context's database."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.ctx = ctx
        self.setWindowTitle(_("Set up KA-PLC Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.kind_page = KindPage()
        self.school_page = SchoolPage(ctx)
        self.district_page = DistrictPage(ctx)
        self.setPage(KIND_PAGE, self.kind_page)
        self.setPage(SCHOOL_PAGE, self.school_page)
        self.setPage(DISTRICT_PAGE, self.district_page)
        self.setStartId(KIND_PAGE)
        where = plain_label(_("Data folder: {folder}").format(folder=ctx.data_dir))
        where.setWordWrap(True)
        self.kind_page.layout().addWidget(where)
        self.resize(640, 440)

    def validateCurrentPage(self) -> bool:
        if self.currentId() == KIND_PAGE and self.kind_page.demo.isChecked():
            try:
                self.ctx.create_demo_school()
            except KaplcError as exc:
                self.kind_page.setSubTitle(exc.message)
                return False
            return True
        return super().validateCurrentPage()

    def accept(self) -> None:
        self.ctx.refresh_workspace()
        super().accept()
