"""Showcase portfolios: an entry saved whole (its owners, section texts, pictures and evidence, result figures and
awards) in one transaction and one undo step; read whole for the editor and the PDF; listed for the gallery; its
content hash for the printed verification code; the district's decisions on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import attachment_store
from ..domain import vocabularies
from ..domain.kinds.personnel import PERSONNEL, full_name_th
from ..domain.kinds.portfolio import (
    MEDIA_TYPES,
    OWNER_PERSONS,
    OWNER_SCHOOL,
    PLACE_EVIDENCE,
    PLACE_SECTION,
    PORTFOLIO,
    PORTFOLIO_AWARD,
    PORTFOLIO_DECISION,
    PORTFOLIO_FIGURE,
    PORTFOLIO_FILE,
    PORTFOLIO_OWNER,
    PORTFOLIO_SECTION,
    STATUS_SUBMITTED,
)
from ..domain.portfolio_rules import (
    SHORT_ID_CHARS,
    Content,
    content_hash,
    highest_level,
    read_printed_code,
    read_verification_code,
    stage,
)
from ..domain.record_cleaning import clean_record
from ..domain.record_kind import RecordKind
from ..errors import FieldError, KaplcError, NotFoundError, ValidationError
from ..i18n import _
from .attached_files import PreparedFile
from .child_records import move_children, write_children
from .records import RecordService, model_of

MAX_OWNERS = 20
MAX_FILES = 60
MAX_FIGURES = 20
MAX_AWARDS = 30
CHILD_KINDS: tuple[tuple[RecordKind, str], ...] = (
    (PORTFOLIO_OWNER, "portfolio_id"),
    (PORTFOLIO_SECTION, "portfolio_id"),
    (PORTFOLIO_FILE, "portfolio_id"),
    (PORTFOLIO_FIGURE, "portfolio_id"),
    (PORTFOLIO_AWARD, "portfolio_id"),
)


@dataclass(frozen=True)
class FileEntry:
    """A picture or evidence file of the portfolio, in the order given: one already kept (file_id) or a new one
    (prepared), printed in a section or in the evidence appendix, with its caption."""

    placement: str = PLACE_SECTION
    section: str | None = None
    caption: str = ""
    file_id: str | None = None
    prepared: PreparedFile | None = None


@dataclass(frozen=True)
class AwardEntry:
    """An award of the portfolio: one already kept (award_id) or a new one, with its values; its certificate scan
    is kept as it is (certificate None and keep_certificate), replaced (certificate) or removed."""

    values: Mapping[str, object]
    award_id: str | None = None
    certificate: PreparedFile | None = None
    keep_certificate: bool = True


@dataclass
class PortfolioView:
    """A portfolio with everything that belongs to it, as read for the editor, the PDF and the district."""

    portfolio: Any
    owners: list[Any]  # person rows, in order
    sections: dict[str, str]  # section code → body (only sections with text)
    files: list[Any]
    figures: list[Any]
    awards: list[Any]
    decisions: list[Any]
    school: Any = None
    stage: str = ""
    digest: str = ""
    missing_files: list[str] = field(default_factory=list)  # sha256 of files this copy does not hold

    @property
    def pictures(self) -> list[Any]:
        return [f for f in self.files if f.placement == PLACE_SECTION]

    @property
    def evidence(self) -> list[Any]:
        return [f for f in self.files if f.placement == PLACE_EVIDENCE]


@dataclass(frozen=True)
class GalleryItem:
    id: str
    name: str
    academic_year: int
    work_kind: str
    category: str | None
    owners: str
    stage: str
    level: str | None  # the highest award level
    awards: int
    thumbnail: str | None  # sha256 of the first picture
    submitted_on: dt.date | None
    school_code: str


class PortfolioService(RecordService):
    kind = PORTFOLIO

    def __init__(self, db: Any, data_dir: Path, journal: Any = None) -> None:
        super().__init__(db, journal=journal)
        self._data_dir = data_dir

    def _not_found(self, record_id: str) -> str:
        return _portfolio_not_found(record_id)

    # --- reads -----------------------------------------------------------------------------------------------
    def find_id(self, ref: str) -> str:
        """The id of the portfolio `ref` names: its id, or the start of it printed on the cover (at least 8
        characters, as "Verification code aa2cbb09"), in the Trash too."""
        typed = ref.strip()
        ref = typed.lower()
        if len(ref) < SHORT_ID_CHARS and all(ch in "0123456789abcdef-" for ch in ref):
            raise KaplcError(
                _("Type at least {n} characters of the id (the cover prints the first {n}).").format(n=SHORT_ID_CHARS)
            )
        if len(ref) >= SHORT_ID_CHARS:
            found = self._ids_starting(ref)
            if len(found) == 1:
                return found.pop()
            if len(found) > 1:
                raise KaplcError(
                    _("More than one portfolio has an id starting with {id}: type more of it.").format(id=ref)
                )
        return self.get(typed).id  # not found: said with the id as it was typed

    def _ids_starting(self, ref: str) -> set[str]:
        return {p.id for p in self.list() + self.list(deleted=True) if p.id.startswith(ref)}

    def file_path(self, sha256: str) -> Path:
        return attachment_store.path_for(self._data_dir, sha256)

    def children(
        self, kind: RecordKind, portfolio_ids: Sequence[str] | None = None, trashed_at: Any = None
    ) -> list[Any]:
        """The live parts of these portfolios; with `trashed_at`, the parts that went to the Trash with a portfolio
        deleted then (what it held when it was deleted, so its printed code still reads as unchanged)."""
        match = None if portfolio_ids is None else {"portfolio_id": list(portfolio_ids)}
        if trashed_at is None:
            return RecordService(self._db, kind).list(match=match)
        return [r for r in RecordService(self._db, kind).list(deleted=True, match=match) if r.deleted_at == trashed_at]

    def file_entries(self, portfolio_id: str) -> list[FileEntry]:
        """The portfolio's files as they are, to save again with one more, one fewer or in another order."""
        files = _ordered(self.children(PORTFOLIO_FILE, [portfolio_id]))
        return [FileEntry(f.placement, f.section, f.caption or "", file_id=f.id) for f in files]

    def view(self, portfolio_id: str) -> PortfolioView:
        portfolio = self.get(portfolio_id)
        people = {p.id: p for p in _people(self._db)}
        ids = [portfolio_id]

        def parts(kind: RecordKind) -> list[Any]:  # a portfolio in the Trash is shown with what went there with it
            return self.children(kind, ids, portfolio.deleted_at)

        owners = [people[o.person_id] for o in _ordered(parts(PORTFOLIO_OWNER)) if o.person_id in people]
        order = [t.code for t in vocabularies.terms("portfolio_section")]
        held = {s.section: s.body for s in parts(PORTFOLIO_SECTION) if s.body}
        sections = {code: held[code] for code in order if code in held}
        files = _ordered(parts(PORTFOLIO_FILE))
        figures = _ordered(parts(PORTFOLIO_FIGURE))
        awards = sorted(parts(PORTFOLIO_AWARD), key=lambda a: (a.awarded_on or dt.date.max, a.name, a.id))
        decisions = self.children(PORTFOLIO_DECISION, ids)
        view = PortfolioView(portfolio, owners, sections, files, figures, awards, decisions)
        view.stage = stage(portfolio.status, decisions)
        view.digest = content_hash(_content(view))
        shas = [f.file_sha256 for f in files] + [a.certificate_sha256 for a in awards if a.certificate_sha256]
        view.missing_files = [sha for sha in shas if not attachment_store.has(self._data_dir, sha)]
        return view

    def gallery(
        self,
        year: int | None = None,
        level: str | None = None,
        status: str | None = None,
        text: str = "",
        school: str | None = None,
    ) -> list[GalleryItem]:
        """The portfolios as the gallery shows them, newest year first, filtered by academic year, award level (the
        highest award), stage and words of the title or an owner's name."""
        portfolios = self.list(owner_code=school)
        ids = [p.id for p in portfolios]
        people = {p.id: p for p in _people(self._db)}
        owners: dict[str, list[str]] = {}
        for o in _ordered(self.children(PORTFOLIO_OWNER, ids)):
            if o.person_id in people:
                owners.setdefault(o.portfolio_id, []).append(full_name_th(people[o.person_id]))
        thumbs: dict[str, str] = {}
        for f in _ordered(self.children(PORTFOLIO_FILE, ids)):
            if f.media_type == "image/jpeg":
                thumbs.setdefault(f.portfolio_id, f.file_sha256)
        levels: dict[str, list[str]] = {}
        for a in self.children(PORTFOLIO_AWARD, ids):
            levels.setdefault(a.portfolio_id, []).append(a.level)
        decisions: dict[str, list[Any]] = {}
        for d in self.children(PORTFOLIO_DECISION, ids):
            decisions.setdefault(d.portfolio_id, []).append(d)
        words = text.casefold().split()
        items = []
        for p in portfolios:
            names = owners.get(p.id, [])
            shown_owners = ", ".join(names) if p.owner_type == OWNER_PERSONS else _("The school")
            item = GalleryItem(
                id=p.id,
                name=p.name,
                academic_year=p.academic_year,
                work_kind=p.work_kind,
                category=p.category,
                owners=shown_owners,
                stage=stage(p.status, decisions.get(p.id, [])),
                level=highest_level(levels.get(p.id, [])),
                awards=len(levels.get(p.id, [])),
                thumbnail=thumbs.get(p.id),
                submitted_on=p.submitted_on,
                school_code=p.owner_code,
            )
            if year is not None and item.academic_year != year:
                continue
            if level is not None and item.level != level:
                continue
            if status is not None and item.stage != status:
                continue
            haystack = f"{item.name} {item.owners}".casefold()
            if words and not all(w in haystack for w in words):
                continue
            items.append(item)
        items.sort(key=lambda i: (-i.academic_year, i.name))
        return items

    def verify(self, code: str) -> tuple[PortfolioView, bool]:
        """Reads a printed verification code: the portfolio it names and whether the printout's content is what
        this copy holds now."""
        read = read_verification_code(code)
        printed = read_printed_code(code)
        if read is None and printed is None:
            raise KaplcError(
                _(
                    "This is not a portfolio verification code. Scan the QR code on the portfolio's cover, "
                    "or type the text printed under it."
                )
            )
        missing = _("The portfolio of this code is not here (its school's bundle may not have been imported yet).")
        if read is not None:  # the whole code, from the QR
            try:
                view = self.view(read[0])
            except NotFoundError:
                raise NotFoundError(missing) from None
            return view, view.digest == read[1]
        prefix, digest = printed or ("", "")  # typed from the cover: 48 bits of the hash, which also tell apart
        views = [self.view(i) for i in self._ids_starting(prefix)]  # two ids that start alike
        same = [v for v in views if v.digest.startswith(digest)]
        if same or len(views) == 1:
            return (same or views)[0], bool(same)
        if not views:
            raise NotFoundError(missing)
        raise KaplcError(_("More than one portfolio has an id starting with {id}: type more of it.").format(id=prefix))

    # --- writes ----------------------------------------------------------------------------------------------
    def save(
        self,
        raw: Mapping[str, object],
        owners: Sequence[str] | None = None,
        sections: Mapping[str, str | None] | None = None,
        files: Sequence[FileEntry] | None = None,
        figures: Sequence[Mapping[str, object]] | None = None,
        awards: Sequence[AwardEntry] | None = None,
        portfolio_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds (portfolio_id None) or changes a portfolio with exactly these owners, section texts, files (in order),
        figures and awards; a part given as None stays as it is. Nothing is saved when anything is wrong."""
        today = today or dt.date.today()
        if portfolio_id is not None and self.get(portfolio_id).deleted_at is not None:
            raise KaplcError(_("This portfolio is in the Trash; restore it before changing it."))
        errors: list[FieldError] = []  # every part is checked: the user sees all that is wrong at once

        def checked(step: Any, *args: Any) -> Any:
            try:
                return step(*args)
            except ValidationError as exc:
                errors.extend(exc.errors)
                return None

        values = checked(self.clean, raw, today)
        held_owners = None if portfolio_id is None else [o.person_id for o in self._owners_of(portfolio_id)]
        owner_type = {"owner_type": (values or raw).get("owner_type") or OWNER_PERSONS}
        owner_ids = checked(
            self._clean_owners, owner_type, owners if owners is not None else held_owners or [], held_owners or []
        )
        section_values = None if sections is None else checked(self._clean_sections, sections, today)
        file_values = None if files is None else checked(self._clean_files, files, portfolio_id, today)
        figure_values = None if figures is None else checked(self._clean_figures, figures, today)
        award_values = None if awards is None else checked(self._clean_awards, awards, portfolio_id, today)
        if errors:
            raise ValidationError(errors)
        if values["status"] == STATUS_SUBMITTED:
            held = (
                {}
                if portfolio_id is None
                else {x.section: x.body for x in self.children(PORTFOLIO_SECTION, [portfolio_id])}
            )
            if not any({**held, **(section_values or {})}.values()):  # the texts as they will be after saving
                raise ValidationError(
                    FieldError("status", _("Write at least one section before marking the portfolio as submitted."))
                )
        # new files go to the store before the transaction (stored by their hash: writing one twice is harmless;
        # one a failed save leaves unlisted is removed when the folder is next opened)
        new_files = [f.prepared for f in files or () if f.prepared is not None]
        new_files += [a.certificate for a in awards or () if a.certificate is not None]
        stored = {id(f): attachment_store.put_bytes(self._data_dir, f.content) for f in new_files}
        return self._write(
            values, owner_ids, section_values, file_values, figure_values, award_values, new_files, stored, portfolio_id
        )

    def edit(self, record_id: str, changes: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Changes fields of the portfolio itself (the command line); everything that belongs to it stays."""
        return self.save(self.edited(record_id, changes), portfolio_id=record_id, today=today)

    def _owners_of(self, portfolio_id: str) -> list[Any]:
        return _ordered(self.children(PORTFOLIO_OWNER, [portfolio_id]))

    def _clean_owners(self, values: Mapping[str, Any], owners: Sequence[str], held: Sequence[str]) -> list[str]:
        """The owners as chosen: staff, or a person in the Trash who already owned the work (a teacher who moved
        away keeps their work; nobody newly chosen comes from the Trash)."""
        if values["owner_type"] == OWNER_SCHOOL:
            return []
        staff, trashed = ({p.id for p in rows} for rows in _staff_and_trash(self._db))
        result: list[str] = []
        for person_id in owners:
            if person_id in trashed and person_id not in held:
                raise ValidationError(
                    FieldError("owners", _("An owner is in the Trash: restore their staff record to choose them."))
                )
            if person_id not in staff and person_id not in trashed:
                raise ValidationError(
                    FieldError("owners", _("An owner is not in the staff list (they may have been erased)."))
                )
            if person_id not in result:
                result.append(person_id)
        if not result:
            raise ValidationError(
                FieldError("owners", _("Choose who made the work, or mark it as the school's own work."))
            )
        if len(result) > MAX_OWNERS:
            raise ValidationError(FieldError("owners", _("A work has at most {n} owners.").format(n=MAX_OWNERS)))
        return result

    def _clean_sections(self, sections: Mapping[str, str | None], today: dt.date) -> dict[str, str | None]:
        out = {}
        for code, body in sections.items():
            try:
                cleaned = clean_record(
                    PORTFOLIO_SECTION, {"section": code, "body": body}, today, only=("section", "body")
                )
            except ValidationError as exc:
                label = vocabularies.label("portfolio_section", code)
                raise ValidationError([FieldError("sections", f"{label}: {e.message}") for e in exc.errors]) from None
            out[cleaned["section"]] = cleaned["body"]
        return out

    def _clean_files(
        self, files: Sequence[FileEntry], portfolio_id: str | None, today: dt.date
    ) -> list[dict[str, Any]]:
        if len(files) > MAX_FILES:
            raise ValidationError(
                FieldError("files", _("A portfolio can keep at most {n} pictures and documents.").format(n=MAX_FILES))
            )
        held = {f.id: f for f in self.children(PORTFOLIO_FILE, [portfolio_id])} if portfolio_id else {}
        out = []
        for position, entry in enumerate(files):
            if entry.prepared is not None:
                base = {"media_type": entry.prepared.media_type, "file_name": entry.prepared.file_name}
            elif entry.file_id in held:
                kept = held[entry.file_id]
                base = {"media_type": kept.media_type, "file_name": kept.file_name, "file_sha256": kept.file_sha256}
            else:
                raise ValidationError(
                    FieldError("files", _("A picture of this portfolio is no longer here; open the portfolio again."))
                )
            raw = {**base, "placement": entry.placement, "section": entry.section, "caption": entry.caption}
            only = tuple(raw)
            try:
                values = clean_record(PORTFOLIO_FILE, raw, today, only=only)
            except ValidationError as exc:
                name = base.get("file_name") or ""
                raise ValidationError([FieldError("files", f"{name}: {e.message}") for e in exc.errors]) from None
            if values["placement"] == PLACE_EVIDENCE and not values.get("section"):
                values["section"] = None
            values["position"] = position
            out.append({"entry": entry, "values": values})
        return out

    def _clean_figures(self, figures: Sequence[Mapping[str, object]], today: dt.date) -> list[dict[str, Any]]:
        if len(figures) > MAX_FIGURES:
            raise ValidationError(
                FieldError("figures", _("A portfolio has at most {n} result figures.").format(n=MAX_FIGURES))
            )
        out, errors = [], []
        for position, raw in enumerate(figures):
            fields = ("label", "unit", "before", "after")
            try:
                values = clean_record(PORTFOLIO_FIGURE, {n: raw.get(n) for n in fields}, today, only=fields)
            except ValidationError as exc:
                where = _row_name(_("Figure {n}"), position, raw.get("label"))
                errors += [FieldError("figures", f"{where}: {e.message}") for e in exc.errors]
                continue
            out.append({**values, "position": position})
        if errors:
            raise ValidationError(errors)
        return out

    def _clean_awards(
        self, awards: Sequence[AwardEntry], portfolio_id: str | None, today: dt.date
    ) -> list[dict[str, Any]]:
        if len(awards) > MAX_AWARDS:
            raise ValidationError(FieldError("awards", _("A portfolio lists at most {n} awards.").format(n=MAX_AWARDS)))
        held = {a.id: a for a in self.children(PORTFOLIO_AWARD, [portfolio_id])} if portfolio_id else {}
        fields = ("name", "level", "rank", "medal", "awarded_on", "issuer")
        out, errors = [], []
        for position, entry in enumerate(awards):
            if entry.award_id is not None and entry.award_id not in held:
                raise ValidationError(
                    FieldError("awards", _("An award of this portfolio is no longer here; open the portfolio again."))
                )
            raw = {n: entry.values.get(n) for n in fields}
            try:
                values = clean_record(PORTFOLIO_AWARD, raw, today, only=fields)
            except ValidationError as exc:
                where = _row_name(_("Award {n}"), position, entry.values.get("name"))
                errors += [FieldError("awards", f"{where}: {e.message}") for e in exc.errors]
                continue
            if entry.certificate is not None:
                if entry.certificate.media_type not in MEDIA_TYPES:
                    raise ValidationError(
                        FieldError("awards", _("A certificate is kept as a photo (JPEG) or a PDF document."))
                    )
                values["certificate_type"] = entry.certificate.media_type
            elif entry.keep_certificate and entry.award_id is not None:
                old = held[entry.award_id]
                values["certificate_sha256"] = old.certificate_sha256
                values["certificate_type"] = old.certificate_type
            else:
                values["certificate_sha256"] = values["certificate_type"] = None
            out.append({"entry": entry, "values": values})
        if errors:
            raise ValidationError(errors)
        return out

    def _write(
        self,
        values: Mapping[str, Any],
        owners: Sequence[str],
        sections: Mapping[str, str | None] | None,
        files: Sequence[dict[str, Any]] | None,
        figures: Sequence[dict[str, Any]] | None,
        awards: Sequence[dict[str, Any]] | None,
        new_files: Sequence[PreparedFile],
        stored: Mapping[int, str],
        portfolio_id: str | None,
    ) -> Any:
        from ..data import sync_repository as repo
        from ..data.types import utcnow

        now = utcnow()
        with self._db.sessions.begin() as session:
            portfolio, before = self._write_values(session, values, portfolio_id)
            pid = portfolio.id
            others: list[Any] = []
            wanted_owners = [{"person_id": p, "position": n} for n, p in enumerate(owners)]
            others += write_children(
                session,
                PORTFOLIO_OWNER,
                "portfolio_id",
                pid,
                wanted_owners,
                lambda v: v["person_id"],
                self._values,
                now,
            )
            if sections is not None:  # the sections named get these texts (empty: none); the others stay
                section_model = model_of(PORTFOLIO_SECTION)
                held = {
                    s.section: s.body for s in session.query(section_model).filter_by(portfolio_id=pid, deleted_at=None)
                }
                merged = {**held, **sections}
                wanted = [{"section": c, "body": b} for c, b in merged.items() if b]
                others += write_children(
                    session, PORTFOLIO_SECTION, "portfolio_id", pid, wanted, lambda v: v["section"], self._values, now
                )
            if new_files:
                sizes = {stored[id(f)]: (len(f.content), f.media_type) for f in new_files}
                repo.add_attachments(
                    session.connection(),
                    [{"sha256": sha, "size": size, "media_type": media} for sha, (size, media) in sizes.items()],
                    self._data_dir,
                )
            if files is not None:
                others += self._write_files(session, pid, files, stored, now)
            if figures is not None:
                others += self._write_rows(session, PORTFOLIO_FIGURE, pid, [(None, f) for f in figures], now)
            if awards is not None:
                rows = []
                for a in awards:
                    entry: AwardEntry = a["entry"]
                    award_values = dict(a["values"])
                    if entry.certificate is not None:
                        award_values["certificate_sha256"] = stored[id(entry.certificate)]
                    rows.append((entry.award_id, award_values))
                others += self._write_rows(session, PORTFOLIO_AWARD, pid, rows, now)
            session.flush()
            changed = before is None or before != self._values(portfolio) or others
            step = (
                self._step(_("Add") if before is None else _("Edit"), [(portfolio, before)], others)
                if changed
                else None
            )
        self._remember(step)
        return self.get(pid)

    def _write_files(
        self, session: Any, pid: str, files: Sequence[dict[str, Any]], stored: Mapping[int, str], now: dt.datetime
    ) -> list[Any]:
        rows = []
        for f in files:
            entry: FileEntry = f["entry"]
            values = dict(f["values"])
            if entry.prepared is not None:
                values["file_sha256"] = stored[id(entry.prepared)]
            rows.append((entry.file_id, values))
        return self._write_rows(session, PORTFOLIO_FILE, pid, rows, now)

    def _write_rows(
        self,
        session: Any,
        kind: RecordKind,
        pid: str,
        rows: Sequence[tuple[str | None, Mapping[str, Any]]],
        now: dt.datetime,
    ) -> list[Any]:
        """The portfolio's records of a kind without identity become exactly `rows`: (id of one kept, or None for
        a new one; its values). Kept ones are changed in place, new ones made, the others go to the Trash."""
        model = model_of(kind)
        held = {r.id: r for r in session.query(model).filter_by(portfolio_id=pid, deleted_at=None)}
        written: list[Any] = []
        kept = {record_id for record_id, _values in rows if record_id}
        for record_id, row in held.items():
            if record_id not in kept:
                written.append((row, self._values(row, kind), kind))
                row.deleted_at = now
        for record_id, values in rows:
            full = {**values, "portfolio_id": pid}
            if record_id is None:
                record = model(**full)
                session.add(record)
                written.append((record, None, kind))
                continue
            record = held[record_id]
            if any(getattr(record, n) != v for n, v in full.items()):
                written.append((record, self._values(record, kind), kind))
                for n, v in full.items():
                    setattr(record, n, v)
        return written

    def delete(self, record_id: str) -> None:
        """The portfolio and everything that belongs to it go to the Trash (their tombstones travel)."""
        with self._db.sessions.begin() as session:
            portfolio = self._load(session, record_id)
            if portfolio.deleted_at is not None:
                return
            before, stamp = self._values(portfolio), _now()
            portfolio.deleted_at = stamp
            others = []
            for kind, parent in CHILD_KINDS:
                others += move_children(session, kind, parent, [portfolio.id], None, stamp, self._values)
            session.flush()
            step = self._step(_("Delete"), [(portfolio, before)], others)
        self._remember(step)

    def restore(self, record_id: str) -> Any:
        """The portfolio comes back with what went to the Trash with it."""
        step = None
        with self._db.sessions.begin() as session:
            portfolio = self._load(session, record_id)
            if portfolio.deleted_at is not None:
                before, stamp = self._values(portfolio), portfolio.deleted_at
                portfolio.deleted_at = None
                others = []
                for kind, parent in CHILD_KINDS:
                    others += move_children(session, kind, parent, [portfolio.id], stamp, None, self._values)
                session.flush()
                step = self._step(_("Restore"), [(portfolio, before)], others)
        self._remember(step)
        return self.get(record_id)


class PortfolioDecisionService(RecordService):
    """The district's decision on a school's portfolio at one level (kept once per portfolio and level: a second
    decision at a level replaces the first). Goes back to the school in its feedback bundle."""

    kind = PORTFOLIO_DECISION

    def decide(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        from ..domain.record_kind import identity_record_id

        self._require_district()  # a school sees decisions; it never makes one
        today = today or dt.date.today()
        portfolio_id = str(raw.get("portfolio_id") or "")
        try:
            portfolio = RecordService(self._db, PORTFOLIO).get(portfolio_id)
        except NotFoundError:
            raise NotFoundError(_portfolio_not_found(portfolio_id)) from None
        if portfolio.deleted_at is not None:
            raise KaplcError(
                _(
                    "The school has deleted “{name}”: it is no longer submitted and cannot be judged. Ask the school "
                    "to restore it and send a new bundle if it should still be judged."
                ).format(name=portfolio.name)
            )
        values = self.clean({**raw, "school_code": portfolio.owner_code}, today)
        record_id = identity_record_id(self.kind, values)
        try:
            self.get(record_id)
        except NotFoundError:
            with self._db.sessions.begin() as session:
                self._check_references(session, values)
                record = model_of(self.kind)(id=record_id, **values)
                session.add(record)
                session.flush()
                step = self._step(_("Add"), [(record, None)])
            self._remember(step)
            return self.get(record_id)
        return self.update(record_id, {**raw, "school_code": portfolio.owner_code}, today)


def _row_name(template: str, position: int, name: object) -> str:
    """“Figure 2 (Students who read fluently)”, or “Figure 2” for a row not named yet."""
    text = str(name or "").strip()
    numbered = template.format(n=position + 1)
    return f"{numbered} ({text[:40]}…)" if len(text) > 40 else f"{numbered} ({text})" if text else numbered


def _portfolio_not_found(record_id: str) -> str:
    return _(
        "No portfolio with id {id} is here. List them with “kaplc portfolio list” (a school's portfolios arrive with "
        "its bundles)."
    ).format(id=record_id)


def _content(view: PortfolioView) -> Content:
    p = view.portfolio
    return Content(
        portfolio={name: getattr(p, name) for name in PORTFOLIO.field_names},
        owners=[(o.id, o.full_name_th, o.position or "", o.photo_sha256 or "") for o in view.owners]
        if p.owner_type == OWNER_PERSONS
        else [],
        sections=list(view.sections.items()),
        files=[(f.file_sha256, f.placement, f.section or "", f.caption or "", f.file_name or "") for f in view.files],
        figures=[(f.label, f.unit or "", f.before, f.after) for f in view.figures],
        awards=[
            (
                a.name,
                a.level,
                a.rank or "",
                a.medal or "",
                a.awarded_on.isoformat() if a.awarded_on else "",
                a.issuer or "",
                a.certificate_sha256 or "",
            )
            for a in view.awards
        ],
    )


def _ordered(rows: Sequence[Any]) -> list[Any]:
    return sorted(rows, key=lambda r: (r.portfolio_id, r.position, r.id))


def _people(db: Any) -> list[Any]:
    """The persons who can own a work: the staff, and those in the Trash (a teacher who moved away still made the
    work; the portfolio keeps printing, hashing and saving with them). Only an erasure takes an owner away."""
    staff, trashed = _staff_and_trash(db)
    return staff + trashed


def _staff_and_trash(db: Any) -> tuple[list[Any], list[Any]]:
    from .person_row import PersonRow

    people = RecordService(db, PERSONNEL, PersonRow)
    return people.list(), people.list(deleted=True)


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()
