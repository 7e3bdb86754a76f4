"""Setting up the workspace a data folder holds (a school or a district office) and describing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..data import reads
from ..data.database import Database
from ..domain.workspace_codes import normalize_esa_code, normalize_school_code
from ..errors import Problems, ValidationError, WorkspaceError
from ..i18n import _

SCHOOL = "school"
DISTRICT = "district"
MAX_NAME = 200


@dataclass(frozen=True)
class WorkspaceInfo:
    kind: str
    school_code: str | None
    school_name: str | None
    esa_code: str | None
    esa_name: str
    principal_name: str | None
    is_demo: bool

    @property
    def owner_code(self) -> str:
        """Whose records this database creates: the school code, or the district's ESA code."""
        return (self.school_code if self.kind == SCHOOL else self.esa_code) or ""

    @property
    def title(self) -> str:
        return (self.school_name if self.kind == SCHOOL else self.esa_name) or ""


def _info(data: dict[str, Any]) -> WorkspaceInfo:
    return WorkspaceInfo(**data)


def _name(p: Problems, raw: str | None, field: str, label: str, required: bool = True) -> str | None:
    text = " ".join((raw or "").split())
    if not text:
        if required:
            p.add(field, _("Please enter the {field}.").format(field=label))
        return None
    if len(text) > MAX_NAME:
        p.add(field, _("{field} is too long (at most {n} characters).").format(field=label, n=MAX_NAME))
    return text


@dataclass(frozen=True)
class SchoolSetup:
    code: str
    name: str
    esa_name: str
    esa_code: str | None
    principal: str | None
    demo: bool = False


@dataclass(frozen=True)
class DistrictSetup:
    esa_code: str
    esa_name: str
    demo: bool = False


def clean_school_setup(
    code: str | None,
    name: str | None,
    esa_name: str | None,
    esa_code: str | None = None,
    principal: str | None = None,
    demo: bool = False,
) -> SchoolSetup:
    """Checks the answers of the set-up wizard or `kaplc init school` before anything is written."""
    p = Problems()
    school_code = esa = None
    try:
        school_code = normalize_school_code(code)
    except ValidationError as exc:
        p.items.extend(exc.errors)
    if esa_code:
        try:
            esa = normalize_esa_code(esa_code)
        except ValidationError as exc:
            p.items.extend(exc.errors)
    school_name = _name(p, name, "school_name", _("school name"))
    esa_label = _name(p, esa_name, "esa_name", _("name of the Educational Service Area"))
    principal_name = _name(p, principal, "principal_name", _("principal's name"), required=False)
    p.raise_if_any()
    assert school_code and school_name and esa_label
    return SchoolSetup(school_code, school_name, esa_label, esa, principal_name, demo)


def clean_district_setup(esa_code: str | None, esa_name: str | None) -> DistrictSetup:
    p = Problems()
    code = None
    try:
        code = normalize_esa_code(esa_code)
    except ValidationError as exc:
        p.items.extend(exc.errors)
    label = _name(p, esa_name, "esa_name", _("name of the Educational Service Area"))
    p.raise_if_any()
    assert code and label
    return DistrictSetup(code, label)


class WorkspaceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> WorkspaceInfo | None:
        data = reads.workspace(self._db.store)
        return _info(data) if data else None

    def ensure_none(self) -> None:
        """Refuses a second workspace: one data folder holds one."""
        existing = self.get()
        if existing is not None and self._db.store.is_server:
            raise WorkspaceError(
                _(
                    "The database on the server {where} already holds the workspace “{name}”. To work on it from "
                    "this folder: kaplc --data-dir … server connect with the same address."
                ).format(where=self._db.store.label, name=existing.title)
            )
        if existing is not None:
            raise WorkspaceError(
                _(
                    "This data folder already holds the workspace “{name}”. One data folder holds one "
                    "workspace: choose another folder with --data-dir."
                ).format(name=existing.title)
            )

    def _create(self, profile: dict[str, Any] | None = None, **values: Any) -> WorkspaceInfo:
        from ..data.models.workspace import Workspace

        with self._db.sessions.begin() as session:
            self.ensure_none()
            session.add(Workspace(singleton=1, **values))
            if profile is not None:  # the school's own record, synced to the district
                from ..data.models import SchoolProfile
                from ..domain.record_kind import single_record_id

                code = values["school_code"]
                session.add(SchoolProfile(id=single_record_id("school_profile", code), owner_code=code, **profile))
        info = self.get()
        assert info is not None
        return info

    def init_school(self, setup: SchoolSetup) -> WorkspaceInfo:
        if self._db.store.is_server:  # a school's records stay on its computer and travel in bundles
            raise WorkspaceError(
                _(
                    "A school keeps its data on its own computer; only a district office shares a server database. "
                    "Set up the school without --db-url (and without KAPLC_DB_URL)."
                )
            )
        profile = {"school_name": setup.name, "esa_name": setup.esa_name, "principal_name": setup.principal}
        return self._create(
            profile,
            kind=SCHOOL,
            school_code=setup.code,
            school_name=setup.name,
            esa_code=setup.esa_code,
            esa_name=setup.esa_name,
            principal_name=setup.principal,
            is_demo=setup.demo,
        )

    def init_district(self, setup: DistrictSetup) -> WorkspaceInfo:
        return self._create(kind=DISTRICT, esa_code=setup.esa_code, esa_name=setup.esa_name, is_demo=setup.demo)

    def record_counts(self) -> dict[str, int]:
        """Live records and records in the Trash of the main kinds (kaplc info, the Overview)."""
        from ..data.record_reads import counts
        from ..domain.kinds import ACTION_PROJECT, ID_PLAN, PERSONNEL, PLC_GROUP, PLC_MEETING, PORTFOLIO, SURVEY_FORM

        found: dict[str, int] = {}
        for kind in (PERSONNEL, PLC_GROUP, PLC_MEETING, SURVEY_FORM, ID_PLAN, ACTION_PROJECT, PORTFOLIO):
            live, trash = counts(self._db.store, kind)
            found |= {kind.name: live, f"{kind.name}_trash": trash}
        return found


def require_workspace(info: WorkspaceInfo | None) -> WorkspaceInfo:
    if info is None:
        raise WorkspaceError(
            _("This data folder has no workspace yet. Set one up first (kaplc init school … or kaplc init district …).")
        )
    return info


def require_school(info: WorkspaceInfo | None) -> WorkspaceInfo:
    info = require_workspace(info)
    if info.kind != SCHOOL:
        raise WorkspaceError(
            _(
                "This is a district workspace; this work is done in a school workspace (the district sees it in the "
                "bundles the schools send)."
            )
        )
    return info


def require_district(info: WorkspaceInfo | None) -> WorkspaceInfo:
    info = require_workspace(info)
    if info.kind != DISTRICT:
        raise WorkspaceError(_("This is a school workspace; this command belongs to the district office."))
    return info
