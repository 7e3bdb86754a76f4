"""The first-start wizard, driven through its real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support import type_text

from kaplc_desktop.context import AppContext
from kaplc_desktop.ui.app import make_application
from kaplc_desktop.ui.dialogs.setup_wizard import DISTRICT_PAGE, SCHOOL_PAGE, SetupWizard


@pytest.fixture
def empty_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    make_application()
    ctx = AppContext.open(tmp_path / "data", create=True)
    yield ctx
    ctx.close()


def test_school_setup_refuses_a_bad_code_then_creates_the_workspace(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.kind_page.school.isChecked()
    wizard.next()
    assert wizard.currentId() == SCHOOL_PAGE
    page = wizard.school_page
    type_text(page.code, "12345")
    type_text(page.name, "โรงเรียนบ้านคลองหวะ")
    type_text(page.esa_name, "สพป.สงขลา เขต 2")
    assert not wizard.validateCurrentPage()
    assert page.errors.isVisible() and "รหัสโรงเรียน" in page.errors.text()
    assert empty_ctx.workspace.get() is None
    page.code.clear()
    type_text(page.code, "1090050001")
    type_text(page.esa_code, "9002")
    type_text(page.principal, "นางสาวใจดี มีสุข")
    assert wizard.validateCurrentPage()
    wizard.accept()
    info = empty_ctx.workspace.get()
    assert info is not None and (info.kind, info.school_code, info.esa_code) == ("school", "1090050001", "9002")
    assert info.principal_name == "นางสาวใจดี มีสุข"


def test_district_setup(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.kind_page.district.setChecked(True)
    wizard.next()
    assert wizard.currentId() == DISTRICT_PAGE
    type_text(wizard.district_page.esa_code, "9002")
    type_text(wizard.district_page.esa_name, "สพป.สงขลา เขต 2")
    assert wizard.validateCurrentPage()
    wizard.accept()
    info = empty_ctx.workspace.get()
    assert info is not None and info.kind == "district" and info.esa_name == "สพป.สงขลา เขต 2"


def test_demo_data(qtbot: QtBot, empty_ctx: AppContext) -> None:
    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.kind_page.demo.setChecked(True)
    assert wizard.kind_page.isFinalPage()
    assert wizard.validateCurrentPage()
    wizard.accept()
    info = empty_ctx.workspace.get()
    assert info is not None and info.is_demo
    assert len(empty_ctx.personnel.list()) == 40


def test_wizard_buttons_are_thai(qtbot: QtBot, empty_ctx: AppContext) -> None:
    from PySide6.QtWidgets import QWizard

    wizard = SetupWizard(empty_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith("ถัดไป")
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "ยกเลิก"
