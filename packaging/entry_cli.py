"""Frozen entry point of the `kaplc` command line."""

import sys

from kaplc_desktop.cli.main import main

sys.exit(main())
