"""Frozen entry point of the `kaplc` command line."""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "--kaplc-draw-pdf-pages":
    # the program started as its own child to read an evidence PDF (kaplc_desktop/reports/pdf/pdf_pages.py)
    from kaplc_desktop.reports.pdf.pdf_pages import child_main

    sys.exit(child_main(sys.argv[2:]))

from kaplc_desktop.cli.main import main

sys.exit(main())
