"""The core is headless and light: no Qt outside ui/, no heavy libraries at start-up."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import kaplc_desktop

ROOT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(kaplc_desktop.__path__, "kaplc_desktop."):
        if ".ui" in info.name or info.name.endswith("__main__") or ".migrations." in info.name:
            continue
        names.append(info.name)
    return names


def test_every_core_module_imports_without_qt() -> None:
    modules = core_modules()
    assert "kaplc_desktop.cli.main" in modules and "kaplc_desktop.reports.xlsx.roster_io" in modules
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_start_up_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "import kaplc_desktop.context, kaplc_desktop.cli.main, kaplc_desktop.ui.main_window\n"
        "heavy = [m for m in ('openpyxl', 'reportlab', 'cryptography', 'nacl', 'alembic', 'babel', 'pythainlp', "
        "'fontTools', 'nlpo3', 'uharfbuzz', 'PIL', 'pdfplumber') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_only_the_data_layer_and_services_import_sqlalchemy() -> None:
    offenders = []
    for path in (ROOT / "kaplc_desktop").rglob("*.py"):
        rel = path.relative_to(ROOT / "kaplc_desktop").as_posix()
        if rel.startswith("data/") or rel.startswith("services/"):
            continue
        text = path.read_text(encoding="utf-8")
        if "import sqlalchemy" in text or "from sqlalchemy" in text:
            offenders.append(rel)
    assert offenders == []


def test_ui_holds_no_sql() -> None:
    for path in (ROOT / "kaplc_desktop" / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "sqlalchemy" not in text and "sqlite3" not in text, path


def test_a_kinds_declaration_loads_no_qt_pdf_excel_or_orm() -> None:
    """The declarations are read by the form, the Excel reader and the command line at start: pure domain."""
    code = (
        "import sys\n"
        "import kaplc_desktop.domain.kinds, kaplc_desktop.domain.record_cleaning\n"
        "heavy = [m for m in ('PySide6', 'reportlab', 'openpyxl', 'sqlalchemy') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
