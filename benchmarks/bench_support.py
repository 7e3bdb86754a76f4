"""Shared helpers of the benchmark scripts: a 5,000-person school, timing of child processes."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_school(folder: Path, staff: int = 5000) -> Path:
    """A demo school with `staff` personnel (made once per folder)."""
    from kaplc_desktop.context import AppContext

    if not (folder / "kaplc.sqlite3").exists():
        with AppContext.open(folder, create=True) as ctx:
            ctx.create_demo_school(staff=staff, seed=11)
    return folder


def time_process(args: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of running a command to completion (seconds)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, env=env, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
