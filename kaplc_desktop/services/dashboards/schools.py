"""The schools a dashboard names: the district's list first, then any school that sent a bundle without being
on it, each found from any of its OBEC code forms (domain/workspace_codes.school_key)."""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.thai_collation import thai_sort_key
from ...domain.workspace_codes import school_key
from ...i18n import _


@dataclass(frozen=True)
class School:
    code: str
    name: str
    cluster: str
    registered: bool = False  # on the district's list (expected), not only a sender


class SchoolDirectory:
    def __init__(self, entries: list[School]) -> None:
        self._by_key = {school_key(s.code): s for s in entries}

    @staticmethod
    def of(registry: object) -> SchoolDirectory:
        """From SchoolRegistryService.entries(): the name and cluster the district keeps for each school."""
        entries = registry.entries()  # type: ignore[attr-defined]
        return SchoolDirectory([School(e.code, e.name, e.cluster, e.registered is not None) for e in entries])

    def __getitem__(self, owner_code: str) -> School:
        return self._by_key.get(school_key(owner_code)) or School(
            owner_code, _("School {code}").format(code=owner_code), ""
        )

    def registered(self) -> list[School]:
        return [s for s in self._by_key.values() if s.registered]

    def order(self, codes: set[str] | list[str]) -> list[School]:
        """The schools of these codes, by cluster then name (Thai order)."""
        schools = {self[c].code: self[c] for c in codes}
        return sorted(schools.values(), key=lambda s: (thai_sort_key(s.cluster), thai_sort_key(s.name), s.code))
