"""Realistic Thai demo data, the same for the same seed (for trying the app, tests and benchmarks)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..domain.national_id import check_digit
from ..domain.person_identity import PersonIndex, PersonKey
from ..domain.person_rules import PersonDraft

MALE_FIRST = (
    "สมชาย",
    "วิชัย",
    "ประเสริฐ",
    "สุรชัย",
    "ธนากร",
    "อนุชา",
    "กิตติพงษ์",
    "ณัฐวุฒิ",
    "พงศกร",
    "ชยพล",
    "ธีรวัฒน์",
    "วรวุฒิ",
    "เอกชัย",
    "ศักดิ์ชัย",
    "อภิชาติ",
    "ปิยะพงษ์",
    "จักรพันธ์",
    "สุทธิพงษ์",
    "ภานุวัฒน์",
    "ยุทธนา",
    "อดิศักดิ์",
    "วีรพงษ์",
    "ชาญวิทย์",
    "ธนพล",
    "ไพโรจน์",
)
FEMALE_FIRST = (
    "สมศรี",
    "วิไลวรรณ",
    "ปราณี",
    "สุภาพร",
    "กัญญารัตน์",
    "นงลักษณ์",
    "พรทิพย์",
    "ศิริพร",
    "อรุณี",
    "จินตนา",
    "รัตนาภรณ์",
    "ณัฐธิดา",
    "ปิยะนุช",
    "มาลัย",
    "วราภรณ์",
    "สุนันทา",
    "ชไมพร",
    "กนกวรรณ",
    "ดวงใจ",
    "เพ็ญศรี",
    "ฐิติมา",
    "อัญชลี",
    "ศุภลักษณ์",
    "พิมพ์ชนก",
    "ลัดดาวัลย์",
)
LAST = (
    "ใจดี",
    "ศรีสุข",
    "ทองมา",
    "แก้วมณี",
    "บุญมา",
    "สุวรรณรัตน์",
    "พรหมมา",
    "จันทร์แก้ว",
    "นาคสวัสดิ์",
    "รักษ์ไทย",
    "ชูช่วย",
    "แสงทอง",
    "ขุนทอง",
    "เพชรรัตน์",
    "หนูแก้ว",
    "ทองคำ",
    "มณีรัตน์",
    "วงศ์สวัสดิ์",
    "ศรีเมือง",
    "สงวนศักดิ์",
    "บุญเรือง",
    "อินทร์แก้ว",
    "ชัยมงคล",
    "ปานทอง",
    "เกตุแก้ว",
    "สุขเกษม",
    "ด้วงทอง",
    "รัตนพันธ์",
    "หมื่นศรี",
    "ละอองทอง",
)
ROMAN = {
    "สมชาย": "Somchai",
    "วิชัย": "Wichai",
    "ประเสริฐ": "Prasert",
    "สุรชัย": "Surachai",
    "ธนากร": "Thanakorn",
    "อนุชา": "Anucha",
    "สมศรี": "Somsri",
    "วิไลวรรณ": "Wilaiwan",
    "ปราณี": "Pranee",
    "สุภาพร": "Supaporn",
    "ใจดี": "Jaidee",
    "ศรีสุข": "Srisuk",
    "ทองมา": "Thongma",
    "แก้วมณี": "Kaewmanee",
    "บุญมา": "Boonma",
}
SUBJECTS = {
    "thai": "ภาษาไทย",
    "math": "คณิตศาสตร์",
    "science_tech": "วิทยาศาสตร์",
    "social": "สังคมศึกษา",
    "health_pe": "พลศึกษา",
    "arts": "ดนตรี-นาฏศิลป์",
    "occupations": "การงานอาชีพ",
    "foreign_lang": "ภาษาอังกฤษ",
    "early_childhood": "อนุบาล",
}


@dataclass(frozen=True)
class DemoSchool:
    code: str
    name: str
    esa_code: str
    esa_name: str
    principal: str


DEMO_SCHOOL = DemoSchool("1090050001", "โรงเรียนบ้านคลองหวะ (ข้อมูลตัวอย่าง)", "9002", "สพป.สงขลา เขต 2", "นายประเสริฐ ศรีสุข")


def _national_id(rng: random.Random) -> str:
    first12 = str(rng.choice((1, 3))) + "90" + "".join(str(rng.randrange(10)) for _ in range(9))
    return first12 + str(check_digit(first12))


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice((6, 8, 9))}{rng.randrange(10)}-{rng.randrange(1000):03d}-{rng.randrange(10000):04d}"


SURNAME_ENDINGS = ("กุล", "วงศ์", "ศรี", "สกุล")
MAX_RETRIES = 50  # names drawn in a row that are all taken: beyond ~7,800 people the plain names run out


def demo_staff(count: int, seed: int = 1, today: dt.date | None = None) -> list[PersonDraft]:
    """A principal, a deputy or two, teachers of every learning area, support staff; no duplicates."""
    rng = random.Random(seed)
    today = today or dt.date(2026, 6, 1)
    seen: PersonIndex[int] = PersonIndex()
    staff: list[PersonDraft] = []
    retries = 0
    while len(staff) < count:
        n = len(staff)
        if n == 0:
            position, group, standing = "director", "administrator", "senior_professional"
        elif n in (1, 2) and count > 20:
            position, group, standing = "deputy_director", "administrator", "professional"
        else:
            roll = rng.random()
            if roll < 0.08:
                group = rng.choice(("government_employee", "temporary_employee"))
                position, standing = "admin_officer", None
            elif roll < 0.12:
                position, group, standing = "janitor", "permanent_employee", None
            elif roll < 0.20:
                position, group, standing = "contract_teacher", "temporary_employee", None
            elif roll < 0.32:
                position, group, standing = "assistant_teacher", "teacher", None
            else:
                position, group = "teacher", "teacher"
                standing = rng.choices(("none", "professional", "senior_professional", "expert"), weights=(3, 4, 3, 1))[
                    0
                ]
        female = rng.random() < 0.68
        first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        last = rng.choice(LAST)
        nid = _national_id(rng)
        key = PersonKey.of(first, last, nid)
        if seen.find(PersonKey.of(first, last, None)) is not None or seen.find(key) is not None:
            last = f"{last}{rng.choice(SURNAME_ENDINGS)}"
            key = PersonKey.of(first, last, nid)
            if seen.find(PersonKey.of(first, last, None)) is not None:
                retries += 1
                if retries < MAX_RETRIES:
                    continue
                while seen.find(PersonKey.of(first, last, None)) is not None:  # the names ran out: longer surnames
                    last = f"{last}{rng.choice(SURNAME_ENDINGS)}"
                key = PersonKey.of(first, last, nid)
        retries = 0
        seen.add(key, n)
        prefix = rng.choice(("mrs", "miss")) if female else "mr"
        if standing in ("senior_professional", "expert") and rng.random() < 0.15:
            prefix = "dr"
        teaches = position in ("teacher", "assistant_teacher", "contract_teacher")
        areas: tuple[str, ...] = ()
        subject = None
        if teaches:
            main = rng.choice(tuple(SUBJECTS))
            areas = (main,) if rng.random() < 0.8 else (main, rng.choice(tuple(SUBJECTS)))
            areas = tuple(dict.fromkeys(areas))
            subject = f"{SUBJECTS[main]} ป.{rng.randint(1, 6)}" if main != "early_childhood" else "อนุบาล 2"
        years = rng.randint(0, 30) if position != "assistant_teacher" else rng.randint(0, 2)
        start = today - dt.timedelta(days=365 * years + rng.randint(0, 364))
        status, status_date = "active", None
        if n > 3 and rng.random() < 0.04:
            status = rng.choice(("moved", "retired"))
            status_date = today - dt.timedelta(days=rng.randint(10, 300))
            start = min(start, status_date - dt.timedelta(days=200))
        staff.append(
            PersonDraft(
                national_id=nid if rng.random() < 0.95 else None,
                title_prefix=prefix,
                first_name_th=first,
                last_name_th=last,
                first_name_en=ROMAN.get(first),
                last_name_en=ROMAN.get(last) if first in ROMAN else None,
                position=position,
                personnel_group=group,
                academic_standing=standing,
                learning_areas=areas,
                subject=subject,
                start_date=start,
                phone=_phone(rng),
                email=None,
                status=status,
                status_date=status_date,
            )
        )
    return staff
