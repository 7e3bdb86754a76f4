"""Helpers shared by tests (import as `from support import …`)."""

from __future__ import annotations


def teacher(**changes: object) -> dict[str, object]:
    values: dict[str, object] = dict(first_name_th="สมชาย", last_name_th="ใจดี", position="teacher",
                                     personnel_group="teacher", national_id="1101700207030",
                                     start_date="01/06/2560", learning_areas=["thai"])
    values.update(changes)
    return values
