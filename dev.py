"""Set up a virtual environment and run the app or the tests: the two commands of README.md.

  python3 dev.py app  [app options…]   create .venv if needed, install the app, open the window
  python3 dev.py test [pytest options…] create .venv if needed, install app + test tools, lint, run all tests
                                        (on every core: pytest -n auto, unless -n or -p no:xdist is given)
  python3 dev.py bench                 run the benchmarks (prints ratios)
  python3 dev.py package               build the frozen app (PyInstaller), run its self-test, check its size

Works the same on Linux, macOS and Windows; needs only Python 3.11+ (and on Linux, Qt's system libraries
listed in README.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("KAPLC_VENV", ROOT / ".venv"))


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(extras: str) -> Path:
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    marker = VENV / f".installed-{extras or 'app'}"
    stamp = str((ROOT / "pyproject.toml").stat().st_mtime)
    if not marker.exists() or marker.read_text() != stamp:
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", target], check=True)
        marker.write_text(stamp)
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("app", [])
    if command == "app":
        python = ensure_venv("")
        return subprocess.call([str(python), "-m", "kaplc_desktop", *rest], cwd=ROOT)
    if command == "test":
        python = ensure_venv("test")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        lint = subprocess.call(
            [
                str(python),
                "-m",
                "ruff",
                "check",
                "kaplc_desktop",
                "tests",
                "scripts",
                "benchmarks",
                "packaging",
                "dev.py",
            ],
            cwd=ROOT,
        )
        # on every core unless told otherwise (-n N, or -p no:xdist to run in one process)
        parallel = (
            []
            if any(a == "-n" or a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in rest)
            else ["-n", "auto"]
        )
        tests = subprocess.call([str(python), "-m", "pytest", *parallel, *rest], cwd=ROOT, env=env)
        return tests or lint
    if command == "package":
        python = ensure_venv("package")
        return subprocess.call([str(python), "packaging/check_build.py", *rest], cwd=ROOT)
    if command == "bench":
        python = ensure_venv("test")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        return subprocess.call([str(python), "benchmarks/run_all.py", *rest], cwd=ROOT, env=env)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
