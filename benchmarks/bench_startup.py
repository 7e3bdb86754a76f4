"""Cold start of kaplc-desktop to the first rows of the Personnel page (5,000 staff), divided by a bare
PySide6 + sqlite3 window showing the same rows. Target: ≤ 2×."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bench_support import ROOT, make_school, time_process

RUNS = 7


def main() -> dict[str, float]:
    folder = make_school(Path(tempfile.gettempdir()) / "kaplc-bench-5000")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # an installed app runs from compiled bytecode: the warm-up writes it (a shell that forbids writing it would
    # make every start compile the modules edited last from source, and time that instead)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    here = ROOT / "benchmarks"
    # one warm-up each, so both read the files from the page cache
    time_process([sys.executable, str(here / "startup_bare_child.py"), str(folder)], 1, env)
    time_process([sys.executable, str(here / "startup_app_child.py"), str(folder)], 1, env)
    bare = time_process([sys.executable, str(here / "startup_bare_child.py"), str(folder)], RUNS, env)
    app = time_process([sys.executable, str(here / "startup_app_child.py"), str(folder)], RUNS, env)
    ratio = app / bare
    print(f"startup: app {app * 1000:.0f} ms, bare {bare * 1000:.0f} ms, ratio {ratio:.2f}x (target <= 2.0x)")
    return {"startup_app_s": app, "startup_bare_s": bare, "startup_ratio": ratio}


if __name__ == "__main__":
    main()
