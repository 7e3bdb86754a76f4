"""Content checks of a decoded row beyond its shape: vocabularies, attachment hashes, the kind's own rules."""

from __future__ import annotations

import re
from typing import Any

from ..domain import vocabularies
from .kinds import KindSpec

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def content_problems(spec: KindSpec, row: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for column, vocabulary in spec.vocabularies.items():
        value = row.get(column)
        if isinstance(value, dict):
            problems.append(f"{column}: not a list of codes")
            continue
        values = value if isinstance(value, list) else [value]
        allowed = vocabularies.code_set(vocabulary)
        for item in values:
            if item is not None and (not isinstance(item, str) or item not in allowed):
                problems.append(f"{column}: unknown code {str(item)[:40]!r}")
    for column in spec.attachments:
        value = row.get(column)
        if value is not None and not _SHA256.match(str(value)):
            problems.append(f"{column}: not an attachment hash")
    if spec.validate is not None:
        problems.extend(spec.validate(row))
    return problems
