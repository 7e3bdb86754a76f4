"""The declaration of a kind of record: its fields and where each one shows, in one place.

Everything else is derived from a RecordKind: the table's columns (data/declared_columns.py), the immutable
row and the fast read (services/record_rows.py, data/record_reads.py), cleaning at the form, the Excel import,
the command line and the sync import (domain/record_cleaning.py), the list, details panel and default form
(ui/), the Excel template, import and export (reports/xlsx/record_sheet.py), the key-value block of a record
sheet (reports/pdf/record_block.py) and sync registration (sync/kinds.py). Pure: importing a declaration
loads no Qt, SQLAlchemy, ReportLab or openpyxl.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from ..i18n import _
from .field_types import Code, Codes, FieldType, Reference, Rule

Owner = Literal["school", "district"]

# what every record and its row already have (services/record_rows.py, sync columns): a field of the same name
# would hide it
RESERVED_NAMES = frozenset(
    {
        "id",
        "owner_code",
        "version_db",
        "version_counter",
        "version_vector",
        "created_at",
        "updated_at",
        "deleted_at",
        "title",
        "display",
        "display_full",
        "to_json",
    }
)
OnErase = Literal["cascade", "set_null"]


@dataclass(frozen=True)
class Field:
    """One field of a kind. `label` is an untranslated msgid (N_), shown in the current language."""

    name: str
    label: str
    type: FieldType
    required: bool = False
    max_length: int = 200
    vocabulary: str | None = None
    default: Any = None
    refers_to: str | None = None  # the kind whose record id this field holds
    on_erase: OnErase = "cascade"  # what happens to this record when the one it refers to is erased
    indexed: bool = False  # looked up by value (a national ID): the table keeps an index on it
    excel_width: int = 16
    hint: str = ""  # shown greyed in the empty form field: the pattern to type (a national ID's dashes)

    @property
    def label_text(self) -> str:
        return _(self.label)

    @property
    def nullable(self) -> bool:
        return not self.required and self.default is None and self.type.storage != "json"


@dataclass(frozen=True)
class Computed:
    """A value shown in lists and print that is made from fields (a full name), never stored or typed."""

    name: str
    label: str
    value: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class FormGroup:
    title: str  # msgid
    fields: tuple[str, ...]


@dataclass(frozen=True)
class RecordKind:
    """A kind of record. `name` is its stable sync kind; the views list field (or computed) names in order."""

    name: str
    table: str
    owner: Owner
    label: str  # msgid: "Staff member"
    fields: tuple[Field, ...]
    list_columns: tuple[str, ...]
    details: tuple[str, ...]
    form: tuple[FormGroup, ...]
    excel: tuple[str, ...] = ()  # empty: every editable field, in declaration order
    printed: tuple[str, ...] = ()  # empty: the details
    computed: tuple[Computed, ...] = ()
    rules: tuple[Rule, ...] = ()
    order_by: tuple[str, ...] = ()  # the order of the fast read
    scope: str | None = None  # district-owned kinds: the field naming the school a record is meant for
    title: Callable[[Any], str] | None = None  # how a record is named in the details panel and messages
    sheet_name: str = ""
    example_row: Mapping[str, str] = field(default_factory=dict)  # the Excel template's example (skipped on import)
    single: bool = False  # one record per owner (a school's profile)
    shown_columns: tuple[str, ...] = ()  # the list columns shown until the user chooses (empty: all of them)
    search: Callable[[Any], str] | None = None  # the text a list's search box matches (default: the typed text)
    # fields whose values name the record (a person's attendance of a meeting): its id is derived from them, so
    # two copies of a school (a restored backup) can never hold the same attendance twice under two ids;
    # "owner_code" may be one of them (a school's survey round of a year)
    identity: tuple[str, ...] = ()
    # False: the kind stays in the workspace that keeps it (the district's own list of its schools, with its
    # internal notes): no bundle carries it and none may bring it
    travels: bool = True

    def __post_init__(self) -> None:
        # unless a kind says otherwise: Excel has every editable field in declaration order, print the details
        if not self.excel:
            object.__setattr__(self, "excel", tuple(f.name for f in self.fields if f.type.in_form))
        if not self.printed:
            object.__setattr__(self, "printed", self.details)
        if not self.shown_columns:
            object.__setattr__(self, "shown_columns", self.list_columns)
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a field is declared twice")
        if set(names) & RESERVED_NAMES:
            raise ValueError(f"{self.name}: a field may not be named {', '.join(sorted(set(names) & RESERVED_NAMES))}")
        known = set(names) | {c.name for c in self.computed}
        views: dict[str, tuple[str, ...]] = {
            "list_columns": self.list_columns,
            "details": self.details,
            "excel": self.excel,
            "printed": self.printed,
            "form": tuple(n for g in self.form for n in g.fields),
            "order_by": self.order_by,
        }
        for view, shown in views.items():
            unknown = [n for n in shown if n not in known]
            if unknown:
                raise ValueError(f"{self.name}.{view} names unknown fields: {', '.join(unknown)}")
        if set(self.shown_columns) - set(self.list_columns):
            raise ValueError(f"{self.name}.shown_columns names columns the list does not have")
        for f in self.fields:
            if isinstance(f.type, Reference) != bool(f.refers_to):
                raise ValueError(f"{self.name}.{f.name}: a reference field names the kind it refers to, and only it")
            if f.refers_to and f.required and f.on_erase == "set_null":
                raise ValueError(
                    f"{self.name}.{f.name}: a required reference cannot be cleared when its record is erased"
                )
            if isinstance(f.type, Code | Codes) and not f.vocabulary:
                raise ValueError(f"{self.name}.{f.name}: a coded field needs its vocabulary")
        if set(self.identity) - set(names) - {"owner_code"}:
            raise ValueError(f"{self.name}.identity names unknown fields")
        stored_only = {c.name for c in self.computed}
        for view in ("excel", "form", "order_by"):
            if stored_only & set(views[view]):
                raise ValueError(f"{self.name}.{view} may hold fields only, not computed values")

    # --- lookups (a table paints thousands of cells: by name, not by scanning) ---------------------------
    @cached_property
    def _fields(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def _computed(self) -> dict[str, Computed]:
        return {c.name: c for c in self.computed}

    def field(self, name: str) -> Field:
        return self._fields[name]

    def has_field(self, name: str) -> bool:
        return name in self._fields

    def computed_value(self, name: str) -> Computed | None:
        return self._computed.get(name)

    def label_of(self, name: str) -> str:
        """The label of a field or computed value in the current language (the name itself if unknown)."""
        c = self._computed.get(name)
        if c is not None:
            return _(c.label)
        f = self._fields.get(name)
        return f.label_text if f is not None else name

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def editable(self) -> tuple[Field, ...]:
        """Fields a user types or chooses (forms, Excel, command line)."""
        return tuple(f for f in self.fields if f.type.in_form)

    @property
    def required(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.required)

    @property
    def typed_text(self) -> tuple[str, ...]:
        """Fields whose text is typed freely: checked for characters documents cannot print."""
        return tuple(f.name for f in self.fields if f.type.typed)

    @property
    def vocabularies(self) -> dict[str, str]:
        """Field → vocabulary for fields that must hold a known code (free-text codes excluded)."""
        return {
            f.name: f.vocabulary for f in self.fields if f.vocabulary and not (isinstance(f.type, Code) and f.type.free)
        }

    @property
    def attachments(self) -> tuple[str, ...]:
        from .field_types import Attachment

        return tuple(f.name for f in self.fields if isinstance(f.type, Attachment))

    @property
    def references(self) -> dict[str, str]:
        return {f.name: f.refers_to for f in self.fields if f.refers_to}


# The namespace of the ids of single records (one per owner): every database names a school's profile alike.
_SINGLE_NAMESPACE = uuid.UUID("6f1d7c2e-3b0a-5e4f-9a8b-4b4150434c31")


def single_record_id(kind: str, owner_code: str) -> str:
    """The id of the one record of a `single` kind that an owner has. Derived, not random: a school set up again
    on a new laptop makes the same profile id as before, so a restore or a late bundle updates that record
    (or shows a conflict) instead of bringing a second profile of the same school."""
    return str(uuid.uuid5(_SINGLE_NAMESPACE, f"{kind}:{owner_code}"))


def identity_record_id(kind: RecordKind, values: Mapping[str, Any]) -> str:
    """The id of a record of a kind declared with `identity`: the same in every database for the same values."""
    key = "|".join(str(values.get(name) or "") for name in kind.identity)
    return str(uuid.uuid5(_SINGLE_NAMESPACE, f"{kind.name}:{key}"))


DECLARED: dict[str, RecordKind] = {}


def declare(kind: RecordKind) -> RecordKind:
    """Registers a kind by its name (a second, different kind of the same name is refused)."""
    existing = DECLARED.get(kind.name)
    if existing is not None and existing is not kind:
        raise ValueError(f"record kind {kind.name!r} is already declared")
    DECLARED[kind.name] = kind
    return kind
