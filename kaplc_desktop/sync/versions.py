"""Comparing record versions: each record carries a version vector {database id: change counter}."""

from __future__ import annotations

from typing import Literal

Relation = Literal["same", "descends", "older", "concurrent"]


def relation(incoming: dict[str, int], held: dict[str, int]) -> Relation:
    """How an incoming version stands to the held one."""
    if incoming == held:
        return "same"
    keys = incoming.keys() | held.keys()
    ahead = any(incoming.get(k, 0) > held.get(k, 0) for k in keys)
    behind = any(incoming.get(k, 0) < held.get(k, 0) for k in keys)
    if ahead and not behind:
        return "descends"
    if behind and not ahead:
        return "older"
    return "concurrent"


def merge(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in a.keys() | b.keys()}
