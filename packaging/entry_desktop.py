"""Frozen entry point of the window program (PyInstaller runs it as a script, so imports are absolute)."""

import sys

from kaplc_desktop.__main__ import main

sys.exit(main())
