"""The district's registry of its schools, and how it stands beside the profiles the schools send.

The registry is the district's own list (who is expected to send bundles); a school's profile is what the school
says of itself. Neither overwrites the other: where they disagree the district sees both values and takes the
school's when it chooses (`take_from_profile`). A school that sent a bundle but is not registered is shown too,
ready to be registered from its profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..domain.kinds.school_registry import REGISTERED_SCHOOL, SHARED_WITH_PROFILE
from ..domain.record_kind import identity_record_id
from ..errors import FieldError, NotFoundError, ValidationError
from ..i18n import _
from .records import RecordService, model_of, stored_values
from .school_profile import SchoolProfileService

Standing = Literal["agrees", "differs", "no_bundle", "unregistered"]
STANDINGS: tuple[Standing, ...] = ("agrees", "differs", "no_bundle", "unregistered")


@dataclass(frozen=True)
class Difference:
    """A field where the district's registry and the school's own profile say different things."""

    field: str
    registry: Any
    profile: Any

    def to_json(self) -> dict[str, object]:
        return {"field": self.field, "registry": self.registry, "profile": self.profile}


@dataclass(frozen=True)
class SchoolEntry:
    """One school as the district sees it: its registry record, its latest profile, or both."""

    code: str
    registered: Any | None
    profile: Any | None
    differences: tuple[Difference, ...]

    @property
    def name(self) -> str:
        return (self.registered or self.profile).school_name

    @property
    def cluster(self) -> str:
        return (self.registered.cluster if self.registered else self.profile.cluster) or ""

    @property
    def standing(self) -> Standing:
        if self.registered is None:
            return "unregistered"
        if self.profile is None:
            return "no_bundle"
        return "differs" if self.differences else "agrees"

    def to_json(self) -> dict[str, object]:
        return {
            "school_code": self.code,
            "school_name": self.name,
            "cluster": self.cluster,
            "standing": self.standing,
            "registered": self.registered.to_json() if self.registered else None,
            "profile": self.profile.to_json() if self.profile else None,
            "differences": [d.to_json() for d in self.differences],
        }


def standing_label(standing: str) -> str:
    return {
        "agrees": _("Registered; agrees with its profile"),
        "differs": _("Registered; differs from its profile"),
        "no_bundle": _("Registered; no bundle yet"),
        "unregistered": _("Sent a bundle; not registered"),
    }.get(standing, standing)


def standing_short(standing: str) -> str:
    """The standing in a list's column (the tooltip and the school's panel say it in full)."""
    return {
        "agrees": _("Agrees"),
        "differs": _("Differs"),
        "no_bundle": _("No bundle yet"),
        "unregistered": _("Not registered"),
    }.get(standing, standing)


def differences(registered: Any, profile: Any) -> tuple[Difference, ...]:
    """The shared fields the profile fills in and the registry holds differently. A field the school left empty
    is no disagreement: the registry simply knows more."""
    found = []
    for name in SHARED_WITH_PROFILE:
        theirs = getattr(profile, name)
        ours = getattr(registered, name)
        if theirs in (None, "") or theirs == ours:
            continue
        found.append(Difference(name, ours, theirs))
    return tuple(found)


class SchoolRegistryService(RecordService):
    kind = REGISTERED_SCHOOL

    def _not_found(self, record_id: str) -> str:
        return _("No registered school with code or id {id}. List them with “kaplc district registry list”.").format(
            id=record_id
        )

    def _require_district(self) -> None:
        from .workspace import WorkspaceService, require_district

        require_district(WorkspaceService(self._db).get())

    # --- reads -----------------------------------------------------------------------------------------
    def by_code(self, code: str) -> Any | None:
        """The live registry record of a school code (a code typed in any customary way)."""
        from ..domain.workspace_codes import normalize_school_code

        try:
            code = normalize_school_code(code)
        except ValidationError:
            return None
        found = self.list(match={"school_code": code})
        return found[0] if found else None

    def find(self, code_or_id: str) -> Any:
        found = self.by_code(code_or_id)
        if found is not None:
            return found
        try:
            record = self.get(code_or_id)
        except NotFoundError:
            raise NotFoundError(self._not_found(code_or_id)) from None
        if record.deleted_at is not None:
            raise NotFoundError(self._not_found(code_or_id))
        return record

    def entries(self) -> list[SchoolEntry]:
        """Every school the district knows of: registered ones first by cluster and name, then those that sent a
        bundle without being registered."""
        profiles = {p.owner_code: p for p in SchoolProfileService(self._db).list()}
        entries = []
        for registered in self.list():
            profile = profiles.pop(registered.school_code, None)
            found = differences(registered, profile) if profile is not None else ()
            entries.append(SchoolEntry(registered.school_code, registered, profile, found))
        for code, profile in sorted(profiles.items(), key=lambda item: (item[1].school_name, item[0])):
            entries.append(SchoolEntry(code, None, profile, ()))
        return entries

    def expected_codes(self) -> list[str]:
        """The schools tracking expects bundles from: every registered school, before its first bundle too."""
        return [r.school_code for r in self.list()]

    # --- writes ----------------------------------------------------------------------------------------
    def check(self, values: Mapping[str, Any], exclude_id: str | None) -> None:
        code = values.get("school_code")
        if exclude_id is not None:
            held = self.get(exclude_id)
            if code != held.school_code:
                raise ValidationError(
                    FieldError(
                        "school_code",
                        _(
                            "A registered school's code cannot be changed (it is how its bundles are matched). "
                            "Delete this school and register it again with the right code."
                        ),
                    )
                )
            return
        held = self.by_code(str(code or ""))
        if held is not None:
            raise ValidationError(
                FieldError(
                    "school_code",
                    _("School code {code} is already registered ({name}). Edit that school instead.").format(
                        code=code, name=held.school_name
                    ),
                )
            )

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Registers a school; its id comes from its code, so a school registered again after deletion (or by a
        second member of staff) is the same record."""
        self._require_district()
        values = self.clean(raw, today)
        self.check(values, None)
        record_id = identity_record_id(self.kind, values)
        with self._db.sessions.begin() as session:
            record = session.get(model_of(self.kind), record_id)
            if record is None:
                record = model_of(self.kind)(id=record_id, **stored_values(values))
                session.add(record)
                session.flush()
                step = self._step(_("Add"), [(record, None)])
            else:  # in the Trash: it comes back with the new values
                before = self._values(record)
                for key, value in stored_values(values).items():
                    setattr(record, key, value)
                record.deleted_at = None
                session.flush()
                step = self._step(_("Add"), [(record, before)])
        self._remember(step)
        return self.get(record_id)

    def update(self, record_id: str, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        return super().update(record_id, raw, today)

    def delete(self, record_id: str) -> None:
        self._require_district()
        super().delete(record_id)

    def take_from_profile(self, code: str, fields: Sequence[str] | None = None) -> Any:
        """The registry takes the school's own values for `fields` (all differing ones when None); a school that
        is not registered yet is registered from its profile."""
        self._require_district()
        entry = next((e for e in self.entries() if e.code == code), None)
        if entry is None or entry.profile is None:
            raise NotFoundError(
                _("School {code} has sent no profile; there is nothing to take from it.").format(code=code)
            )
        profile = entry.profile
        if entry.registered is None:
            values = {name: getattr(profile, name) for name in SHARED_WITH_PROFILE}
            return self.add({**_typed(values), "school_code": code})
        wanted = [d.field for d in entry.differences] if fields is None else list(fields)
        unknown = sorted(set(wanted) - set(SHARED_WITH_PROFILE))
        if unknown:
            raise ValidationError(
                [
                    FieldError(
                        name,
                        _("{field} is not kept by both; use one of: {fields}.").format(
                            field=name, fields=", ".join(SHARED_WITH_PROFILE)
                        ),
                    )
                    for name in unknown
                ]
            )
        changes = {name: getattr(profile, name) for name in wanted}
        return self.edit(entry.registered.id, _typed(changes))

    # --- the Excel list --------------------------------------------------------------------------------
    def upsert_many(self, drafts: Iterable[Any]) -> tuple[int, int]:
        """Registers new schools and updates registered ones from checked rows, in one transaction (one undo
        step); returns (added, changed). A school in the Trash comes back."""
        self._require_district()
        model = model_of(self.kind)
        touched: list[tuple[Any, dict[str, Any] | None]] = []
        added = changed = 0
        with self._db.sessions.begin() as session:
            for draft in drafts:
                values = stored_values(draft.as_dict() if hasattr(draft, "as_dict") else dict(draft))
                record_id = identity_record_id(self.kind, values)
                record = session.get(model, record_id)
                if record is None:
                    record = model(id=record_id, **values)
                    session.add(record)
                    touched.append((record, None))
                    added += 1
                    continue
                if record.deleted_at is None and all(getattr(record, k) == v for k, v in values.items()):
                    continue
                before = self._values(record)
                for key, value in values.items():
                    setattr(record, key, value)
                record.deleted_at = None
                touched.append((record, before))
                changed += 1
            session.flush()
            step = self._step(_("Import"), touched)
        self._remember(step)
        return added, changed


def _typed(values: Mapping[str, Any]) -> dict[str, object]:
    """Stored values as a form hands them in (numbers stay numbers; None stays empty)."""
    return {k: ("" if v is None else v) for k, v in values.items()}


__all__ = ["Difference", "SchoolEntry", "SchoolRegistryService", "differences", "standing_label", "standing_short"]
