"""First start: choose what this data folder holds — a school, a district office, the district office's data on
its shared server — or try demo data, which lives in a folder of its own."""

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
from ...errors import FieldError, KaplcError, ValidationError
from ...i18n import _
from ...paths import demo_data_dir
from ...services.workspace import clean_district_setup, clean_school_setup
from ..widgets.thai_text import error_label, plain_label

KIND_PAGE, SCHOOL_PAGE, DISTRICT_PAGE, DEMO_PAGE, SERVER_PAGE = 0, 1, 2, 3, 4


class KindPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Welcome to KA-PLC Desktop"))
        self.setSubTitle(_("What will this computer keep? One data folder holds one workspace."))
        layout = QVBoxLayout(self)
        self.school = QRadioButton(_("A school: staff, surveys, development plans, PLC and portfolios"))
        self.district = QRadioButton(_("A district office (ESA): bundles from schools, reviews and reports"))
        self.server = QRadioButton(_("A member of a district office's staff: the office's data on its shared server"))
        self.demo = QRadioButton(_("Demo data, to try the program"))
        self.school.setChecked(True)
        self.group = QButtonGroup(self)
        for button in (self.school, self.district, self.server, self.demo):
            self.group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self.completeChanged)
        layout.addStretch(1)

    def nextId(self) -> int:
        if self.school.isChecked():
            return SCHOOL_PAGE
        if self.district.isChecked():
            return DISTRICT_PAGE
        if self.server.isChecked():
            return SERVER_PAGE
        return DEMO_PAGE


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


class ServerPage(_FormPage):
    """The office's PostgreSQL server, as whoever looks after it wrote it down; Finish checks that it holds a
    workspace, and the window then opens it (this folder keeps the link)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.setTitle(_("The office's server"))
        self.setSubTitle(_("Ask whoever looks after the office's server for these."))
        self.host = self._line(_("Server *"), _("its name or address, e.g. 192.168.1.10"))
        self.database = self._line(_("Database *"), _("e.g. kaplc"))
        self.user = self._line(_("User *"))
        self.password = self._line(_("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._finish_form()
        self.url = ""
        self.title = ""

    def validatePage(self) -> bool:
        from ...workspace_move import server_workspace_title

        try:
            url = server_url(self.host.text(), self.database.text(), self.user.text(), self.password.text())
            self.title = server_workspace_title(url)
        except KaplcError as exc:
            self._show(exc)
            return False
        self.url = url
        return True


def server_url(host: str, database: str, user: str, password: str) -> str:
    """postgresql://user:password@host[:port]/database, each part quoted as a URL needs."""
    from urllib.parse import quote

    problems = [
        FieldError(name, _("{field} is required.").format(field=label))
        for name, label, value in (
            ("host", _("Server"), host),
            ("database", _("Database"), database),
            ("user", _("User"), user),
        )
        if not value.strip()
    ]
    if problems:
        raise ValidationError(problems)
    secret = f":{quote(password, safe='')}" if password else ""
    who, base = quote(user.strip(), safe=""), quote(database.strip(), safe="")
    if host.strip().startswith("/"):  # the folder of a server's socket on this computer (Linux)
        return f"postgresql://{who}{secret}@/{base}?host={quote(host.strip(), safe='/')}"
    name, _sep, port = host.strip().partition(":")
    if port and not port.isdigit():
        raise ValidationError(FieldError("host", _("The port after “:” is a number, e.g. 192.168.1.10:5432.")))
    where = quote(name, safe=".-[]") + (f":{port}" if port else "")
    return f"postgresql://{who}{secret}@{where}/{base}"


class DemoPage(QWizardPage):
    """The last page for Demo: says where the demo lives and how to leave it; Finish makes it."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo_dir = demo_data_dir(ctx.data_dir)
        self.setTitle(_("Demo data"))
        self.setSubTitle(_("A demo school with 40 staff, to try everything without touching real records."))
        layout = QVBoxLayout(self)
        text = plain_label(
            _(
                "The demo opens in a folder of its own ({demo}) and is marked “demo data” everywhere. Your real "
                "data folder ({real}) stays empty. When you are ready, choose File → Leave the demo, start real "
                "data."
            ).format(demo=self.demo_dir, real=ctx.data_dir)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.errors = error_label()
        layout.addWidget(self.errors)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        """Makes the demo school in its own folder (or keeps the one made before)."""
        try:
            with AppContext.open(self.demo_dir, create=True, local_only=True) as demo:
                if demo.workspace.get() is None:
                    demo.create_demo_school(plc=True)  # staff and two years of PLC to try
        except KaplcError as exc:
            self.errors.setText(exc.message)
            self.errors.show()
            return False
        except OSError as exc:
            self.errors.setText(
                _("The demo folder {folder} cannot be written ({reason}).").format(folder=self.demo_dir, reason=exc)
            )
            self.errors.show()
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
        self.demo_page = DemoPage(ctx)
        self.server_page = ServerPage(ctx)
        self.setPage(KIND_PAGE, self.kind_page)
        self.setPage(SCHOOL_PAGE, self.school_page)
        self.setPage(DISTRICT_PAGE, self.district_page)
        self.setPage(DEMO_PAGE, self.demo_page)
        self.setPage(SERVER_PAGE, self.server_page)
        self.setStartId(KIND_PAGE)
        where = plain_label(_("Data folder: {folder}").format(folder=ctx.data_dir))
        where.setWordWrap(True)
        self.kind_page.layout().addWidget(where)
        self.resize(640, 440)

    @property
    def chose_demo(self) -> bool:
        """Finished on the demo page: the window opens the demo folder, the real one stays empty."""
        return self.kind_page.demo.isChecked() and self.ctx.workspace.get() is None

    @property
    def server_url(self) -> str | None:
        """Finished on the server page: the folder is to work on that server (linked once the wizard's folder is
        closed)."""
        return (self.server_page.url or None) if self.kind_page.server.isChecked() else None

    def accept(self) -> None:
        self.ctx.refresh_workspace()
        super().accept()
