"""A year typed on the command line: in the Buddhist Era, as every Thai school document writes it (2569, not 2026)."""

from __future__ import annotations

import argparse

from ..i18n import _

FIRST, LAST = 2500, 2700


def be_year(text: str) -> int:
    """argparse's type for --year: a whole number from 2500 to 2700; 2026 is refused with the year it likely means."""
    try:
        year = int(str(text).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a year. Type the year in the Buddhist Era, for example 2569.").format(text=text)
        ) from None
    if FIRST <= year <= LAST:
        return year
    if 1957 <= year <= 2157:
        raise argparse.ArgumentTypeError(
            _("Years are in the Buddhist Era: for {year} type {be}.").format(year=year, be=year + 543)
        )
    raise argparse.ArgumentTypeError(
        _("Type the year in the Buddhist Era, from {first} to {last} (for example 2569).").format(
            first=FIRST, last=LAST
        )
    )
