"""Builds the one-folder app with PyInstaller into dist/kaplc-desktop (needs: pip install pyinstaller).

python packaging/build.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(
        subprocess.call(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--distpath",
                str(ROOT / "dist"),
                "--workpath",
                str(ROOT / "build"),
                str(ROOT / "packaging" / "kaplc-desktop.spec"),
            ],
            cwd=ROOT,
        )
    )
