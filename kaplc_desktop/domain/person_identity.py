"""When two personnel records are the same person: the same national ID, else the same Thai name."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class PersonKey:
    national_id: str | None
    name: str

    @staticmethod
    def of(first_th: str, last_th: str, national_id: str | None) -> PersonKey:
        return PersonKey(national_id or None, " ".join(f"{first_th} {last_th}".split()).casefold())

    def matches(self, other: PersonKey) -> bool:
        """Same ID; or same name unless both have IDs and they differ (two people may share a name)."""
        if self.national_id and other.national_id:
            return self.national_id == other.national_id
        return self.name == other.name


class PersonIndex(Generic[T]):
    """Finds a matching person among many in constant time; each entry carries a value (an id, a row)."""

    def __init__(self) -> None:
        self._by_id: dict[str, T] = {}
        self._by_name: dict[str, list[tuple[PersonKey, T]]] = defaultdict(list)

    def add(self, key: PersonKey, value: T) -> None:
        if key.national_id:
            self._by_id.setdefault(key.national_id, value)
        self._by_name[key.name].append((key, value))

    def find(self, key: PersonKey) -> T | None:
        if key.national_id and key.national_id in self._by_id:
            return self._by_id[key.national_id]
        for other, value in self._by_name.get(key.name, ()):
            if key.matches(other):
                return value
        return None
