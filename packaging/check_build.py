"""Builds the frozen app and checks it as a user would receive it: the window program's self-test (offscreen),
the command line, and the folder's size.

python packaging/check_build.py   (python3 dev.py package; CI runs it after the tests)

Exit status 0 when the build, the self-test and the command line pass and the folder is at most SIZE_LIMIT_MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "kaplc-desktop"
SIZE_LIMIT_MB = 160  # MiB, as `du -sh` counts them
EXE = ".exe" if os.name == "nt" else ""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def dangling_links(path: Path) -> list[str]:
    return [str(p.relative_to(path)) for p in path.rglob("*") if p.is_symlink() and not p.exists()]


def biggest(path: Path, n: int = 12) -> list[tuple[int, str]]:
    """The largest entries two levels down (_internal/PySide6/…), to say what is left and why."""
    found = []
    for top in path.iterdir():
        children = list(top.iterdir()) if top.is_dir() else [top]
        for child in children:
            if child.is_symlink():
                continue
            size = folder_size(child) if child.is_dir() else child.stat().st_size
            found.append((size, str(child.relative_to(path))))
    return sorted(found, reverse=True)[:n]


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(args), flush=True)
    return subprocess.run(args, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload]


def main() -> int:
    build = subprocess.call([sys.executable, str(ROOT / "packaging" / "build.py")])
    if build:
        print("the PyInstaller build failed")
        return build
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "self-test.txt"
        result = run([str(DIST / f"kaplc-desktop{EXE}"), "--self-test", "--self-test-report", str(report)], env=env)
        print(report.read_text(encoding="utf-8") if report.exists() else result.stdout + result.stderr)
        if result.returncode != 0:
            failures.append("the self-test of kaplc-desktop")
        data = Path(tmp) / "data"
        kaplc = str(DIST / f"kaplc{EXE}")
        for args in (
            ["--version"],
            ["--data-dir", str(data), "demo", "school", "--staff", "25"],
            ["--data-dir", str(data), "pdf", "roster", "--out", str(Path(tmp) / "roster.pdf")],
            ["--data-dir", str(data), "backup", "create", "--out", tmp],
        ):
            done = run([kaplc, *args], env=env)
            print(done.stdout.strip() or done.stderr.strip())
            if done.returncode != 0:
                failures.append(f"kaplc {' '.join(args[:3])}")
        # a district's server database: the driver loads and a server that is not there is said in Thai
        nowhere = f"postgresql://kaplc@/kaplc?host={Path(tmp) / 'no-server'}"
        done = run([kaplc, "--data-dir", str(Path(tmp) / "district"), "--db-url", nowhere, "info"], env=env)
        print(done.stdout.strip() or done.stderr.strip())
        if done.returncode == 0 or "เปิดฐานข้อมูลบนเซิร์ฟเวอร์" not in done.stderr:
            failures.append("kaplc --db-url: the PostgreSQL driver did not load, or its failure was not explained")
    broken = dangling_links(DIST)
    if broken:
        failures.append(f"links to files not shipped: {', '.join(broken[:5])}")
    size = folder_size(DIST)
    print(f"\n{DIST.name}: {size / 1024**2:.1f} MiB (limit {SIZE_LIMIT_MB}); the largest parts:")
    for part_size, name in biggest(DIST):
        print(f"  {part_size / 1024**2:6.1f} MiB  {name}")
    if size > SIZE_LIMIT_MB * 1024**2:
        failures.append(f"the folder is {size / 1024**2:.1f} MiB, more than {SIZE_LIMIT_MB}")
    print("\nbuild check passed" if not failures else f"\nbuild check FAILED: {'; '.join(failures)}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
