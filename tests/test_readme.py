"""README's commands are the ones CI and developers actually run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "    python3 dev.py test\n" in readme and "    python3 dev.py app\n" in readme
    assert '"$PY" dev.py test' in ci


def test_readme_lists_the_qt_system_libraries_ci_installs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for lib in ("libglib2.0-0", "libegl1", "libgl1", "libdbus-1-3", "libfontconfig1", "libxkbcommon0"):
        assert lib in readme and lib in ci
