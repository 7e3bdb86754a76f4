"""`python -m kaplc_desktop` and `kaplc-desktop`: open the window (Qt is imported only here)."""

from __future__ import annotations

import sys


def main() -> int:
    from .ui.app import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
