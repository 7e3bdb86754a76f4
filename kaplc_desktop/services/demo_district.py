"""A demo district at real scale: N demo schools with varied data, enrolled with the district, each sending its
bundle, all imported; the district's list of schools, this year's submission periods and a few reviews.

A handful of schools are made the slow way (services/demo_data and friends, seconds each) and copied to make the
rest (services/demo_clone.py, a fraction of a second each). Some schools never send, some leave something out,
and each school's import is dated as if its bundle had arrived some day in the last four months, so the
submission matrix shows what a real district sees: on time, late and missing. The same seed gives the same
district.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.kinds.personnel import full_name_th
from ..i18n import _
from ..progress import NO_PROGRESS, Cancelled, Progress

MAX_SCHOOLS = 999
TEMPLATES = 4
CLUSTERS = ("เครือข่ายบ้านนา", "เครือข่ายริมคลอง", "เครือข่ายเขารูปช้าง", "เครือข่ายทุ่งหวัง", "เครือข่ายสะเดา")
VILLAGES = (
    "บ้านคลองหวะ", "บ้านทุ่งลาน", "บ้านควนลัง", "วัดโคกสมานคุณ", "บ้านพรุ", "บ้านท่าจีน", "บ้านบางดาน", "วัดเกาะถ้ำ",
    "บ้านนาหม่อม", "บ้านปลักธง", "วัดคูเต่า", "บ้านคลองแห", "บ้านหาร", "บ้านโหนด", "วัดศาลาหลวงบน", "บ้านทุ่งตำเสา",
    "บ้านฉลุง", "วัดพะวง", "บ้านน้ำน้อย", "บ้านคูวา", "วัดบางเหรียง", "บ้านควนเนียง", "บ้านรัตภูมิ", "บ้านเขาพระ",
)  # fmt: skip
NOT_SENDING = 0.08  # schools that never send a bundle
LEAVING_OUT = 0.12  # schools whose bundle leaves this year's survey out


@dataclass(frozen=True)
class DemoDistrict:
    schools: int
    sent: int
    persons: int
    meetings: int
    seconds: float
    kept_in: Path | None

    def to_json(self) -> dict[str, object]:
        return {
            "schools": self.schools,
            "sent": self.sent,
            "persons": self.persons,
            "plc_meetings": self.meetings,
            "seconds": round(self.seconds, 1),
            "school_folders": str(self.kept_in) if self.kept_in else None,
        }


def school_code(n: int) -> str:
    """The demo district's n-th school (1-based): 1090050001, 1090050002, …"""
    return f"109005{n:04d}"


def make_demo_district(
    ctx: Any,
    schools: int,
    seed: int = 1,
    keep_in: Path | None = None,
    progress: Progress = NO_PROGRESS,
    today: dt.date | None = None,
    templates: int = TEMPLATES,
    bundles_to: Path | None = None,
) -> DemoDistrict:
    """Fills an empty workspace folder with the demo district; the schools' folders are kept in `keep_in` when
    given (to try a school's side too), else made in a temporary folder and removed. `bundles_to` keeps what the
    import benchmark replays: the district's database as it was before the first bundle (district-before.sqlite3,
    its keys included), every bundle the schools sent, and their keys' fingerprints (trust.txt)."""
    from ..errors import KaplcError
    from .submission_tracking import thai_today
    from .workspace import DistrictSetup

    if not 1 <= schools <= MAX_SCHOOLS:
        raise KaplcError(_("The number of schools must be between 1 and {n}.").format(n=MAX_SCHOOLS))
    started = time.perf_counter()
    today = today or thai_today()
    rng = random.Random(seed)
    ctx.workspace.init_district(DistrictSetup("9002", "สพป.สงขลา เขต 2 (ข้อมูลตัวอย่าง)", demo=True))
    ctx.refresh_workspace()
    with tempfile.TemporaryDirectory(prefix="kaplc-demo-district-") as scratch:
        work = Path(scratch)
        folders = keep_in if keep_in is not None else work / "schools"
        folders.mkdir(parents=True, exist_ok=True)
        progress.update(0, schools + templates)
        made_slowly = [_template(work / f"template-{t}", seed * 100 + t, rng) for t in range(min(templates, schools))]
        progress.update(len(made_slowly), schools + len(made_slowly))
        enrollment = work / "district-enrollment.json"
        ctx.sync.export_enrollment(enrollment)
        _register(ctx, schools, rng)
        periods = _periods(ctx, today)
        if bundles_to is not None:
            _snapshot(ctx, bundles_to)
        sent = persons = meetings = 0
        for n in range(1, schools + 1):
            if progress.cancelled:
                raise Cancelled()
            name = _school_name(n)
            folder = folders / school_code(n)
            made = _school(made_slowly[(n - 1) % len(made_slowly)], folder, n, name, enrollment, rng)
            persons += made["persons"]
            meetings += made["meetings"]
            if rng.random() >= NOT_SENDING:
                _send(ctx, folder, made, work / "usb", rng, today, bundles_to)
                sent += 1
            progress.update(len(made_slowly) + n, schools + len(made_slowly))
        _review_some(ctx, periods, rng)
    return DemoDistrict(schools, sent, persons, meetings, time.perf_counter() - started, keep_in)


def _school_name(n: int) -> str:
    village = VILLAGES[(n - 1) % len(VILLAGES)]
    round_ = (n - 1) // len(VILLAGES)
    return f"โรงเรียน{village}" + (f" {round_ + 1}" if round_ else "")


def _template(folder: Path, seed: int, rng: random.Random) -> Path:
    from ..context import AppContext

    with AppContext.open(folder, create=True, local_only=True) as school:
        school.create_demo_school(staff=rng.randint(12, 28), seed=seed, plc=True)
    return folder


def _register(ctx: Any, schools: int, rng: random.Random) -> None:
    from .demo_data import demo_staff

    registry = ctx.school_registry
    sizes = ("small", "small", "medium", "medium", "large")
    rows = []
    for n in range(1, schools + 1):
        principal = demo_staff(1, seed=n)[0]
        rows.append(
            {
                "school_code": school_code(n),
                "school_name": _school_name(n),
                "cluster": CLUSTERS[(n - 1) % len(CLUSTERS)],
                "school_size": rng.choice(sizes),
                "principal_name": full_name_th(principal),  # นางพิมพ์ชนก แสงทอง, not the title's code
                "students": rng.randint(40, 900),
            }
        )
    registry.upsert_many(_draft(registry, row) for row in rows)


def _draft(registry: Any, row: dict[str, object]) -> Any:
    from ..domain.record_cleaning import clean_record, draft_type

    return draft_type(registry.kind)(**clean_record(registry.kind, {k: str(v) for k, v in row.items()}))


def _periods(ctx: Any, today: dt.date) -> list[Any]:
    """This academic year's periods on the district's customary calendar (typed in the Buddhist Era, as a user
    would)."""
    from ..domain import buddhist_date
    from ..domain.thai_years import academic_year

    year = academic_year(today)
    ce = year - 543
    plan = (
        ("แผนพัฒนาบุคลากรของสถานศึกษา", "hrd_plan", None, dt.date(ce, 5, 16), dt.date(ce, 6, 30)),
        ("ผลการประเมินสมรรถนะและสำรวจความต้องการ ก.ค.", "survey", None, dt.date(ce, 7, 1), dt.date(ce, 7, 31)),
        ("แผนพัฒนาตนเองรายบุคคล (ID Plan)", "id_plans", None, dt.date(ce, 7, 15), dt.date(ce, 8, 31)),
        ("บันทึกกิจกรรม PLC ภาคเรียนที่ 1", "plc", 1, dt.date(ce, 5, 16), dt.date(ce, 10, 15)),
        ("บันทึกกิจกรรม PLC ภาคเรียนที่ 2", "plc", 2, dt.date(ce, 11, 1), dt.date(ce + 1, 3, 31)),
        ("ผลงานดีเด่น (Best Practice)", "portfolios", None, dt.date(ce, 11, 1), dt.date(ce + 1, 1, 15)),
    )
    made = []
    for name, content, semester, opens, due in plan:
        made.append(
            ctx.submission_periods.add(
                {
                    "name": f"{name} {year}",
                    "academic_year": str(year),
                    "content": content,
                    "semester": str(semester) if semester else "",
                    "opens_on": buddhist_date.format_short(opens),
                    "due_on": buddhist_date.format_short(due),
                },
                today,
            )
        )
    return made


def _school(template: Path, folder: Path, n: int, name: str, enrollment: Path, rng: random.Random) -> dict[str, Any]:
    from ..context import AppContext
    from .demo_clone import clone_school

    code = school_code(n)
    clone_school(template, folder, code, name, people_salt=n)
    with AppContext.open(folder, local_only=True) as school:
        school.school_profile.set_fields(code, {"school_name": name, "cluster": CLUSTERS[(n - 1) % len(CLUSTERS)]})
        if rng.random() < LEAVING_OUT:  # this school's survey of this year is not ready: its forms go to the Trash
            _trash_latest_survey(school)
        school.sync.import_enrollment(enrollment)
        counts = school.workspace.record_counts()
        return {"persons": counts["personnel"], "meetings": counts["plc_meeting"], "code": code}


def _trash_latest_survey(school: Any) -> None:
    from ..domain.kinds.survey import SURVEY_FORM
    from .records import RecordService

    rounds = sorted(school.survey.rounds(), key=lambda r: r.academic_year)
    if not rounds:
        return
    forms = RecordService(school.db, SURVEY_FORM)
    for form in forms.list(match={"round_id": rounds[-1].id}):
        forms.delete(form.id)


def _snapshot(ctx: Any, folder: Path) -> None:
    import sqlite3

    if ctx.db.file is None:
        raise RuntimeError("the demo keeps its bundles for replaying only in a folder's own database")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "trust.txt").write_text("", encoding="utf-8")
    source, target = sqlite3.connect(ctx.db.file), sqlite3.connect(folder / "district-before.sqlite3")
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _send(
    ctx: Any,
    folder: Path,
    made: dict[str, Any],
    usb: Path,
    rng: random.Random,
    today: dt.date,
    bundles_to: Path | None = None,
) -> None:
    from ..context import AppContext
    from ..data import sync_repository as repo

    usb.mkdir(exist_ok=True)
    with AppContext.open(folder, local_only=True) as school:
        written = school.sync.export_bundle(usb)
        fingerprint = school.sync.keys_info()["fingerprint"]
    outcome = ctx.sync.import_bundles([written.path], dry_run=False, trust=[fingerprint])[0]
    if outcome.result != "applied" or outcome.plan is None:
        raise RuntimeError(f"demo school {made['code']}: {outcome.to_json()}")
    days_ago = rng.randint(0, 180)  # since early June: some in time for July's deadlines, some not
    when = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(rng.randint(1, 10)), dt.UTC)
    with ctx.db.engine.begin() as conn:
        repo.backdate_import(conn, outcome.plan.bundle.manifest.bundle_id, when)
    if bundles_to is None:
        written.path.unlink(missing_ok=True)
        return
    shutil.move(written.path, bundles_to / written.path.name)  # the temporary folder may be on another disk
    with (bundles_to / "trust.txt").open("a", encoding="utf-8") as trust:
        trust.write(fingerprint + "\n")


def _review_some(ctx: Any, periods: list[Any], rng: random.Random) -> None:
    """The district has reviewed part of what arrived for the periods already due."""
    from .submission_tracking import NEEDS_DATA

    tracking = ctx.submission_tracking.tracking()
    for index, period in enumerate(tracking.periods):
        for line in tracking.lines:
            cell = line.cells[index]
            if not cell.received or rng.random() > 0.4:
                continue
            state = rng.choice(("approved", "approved", "received", "has_issues", "returned"))
            comment = {"has_issues": "ข้อมูลบางส่วนยังไม่ครบ", "returned": "กรุณาตรวจสอบและส่งใหม่"}.get(state, "")
            if state in NEEDS_DATA or comment:
                ctx.submission_reviews.review(period.id, line.code, state, comment)
