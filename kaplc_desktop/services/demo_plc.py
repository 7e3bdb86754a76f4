"""A realistic year of PLC for the demo school: groups by learning area with their members and roles, meetings
through the cycle's steps with Thai notes, a few who came late or left early, and generated photos. The same
for the same seed and day (for trying the app, tests and benchmarks)."""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid
from dataclasses import dataclass
from typing import Any

from .. import attachment_store
from ..domain.kinds.plc_group import default_steps
from ..domain.plc_hours import SEMESTER_DAYS, semester_of
from ..domain.record_kind import identity_record_id
from ..domain.thai_years import academic_year, academic_year_range

TEACHING = ("teacher", "assistant_teacher", "contract_teacher")
GROUP_SIZE = 7


@dataclass(frozen=True)
class Theme:
    name: str
    area: str
    learners: str
    problem: str
    goal: str


THEMES = (
    Theme(
        "อ่านออกเขียนได้ ป.1–ป.3",
        "thai",
        "นักเรียนชั้น ป.1–ป.3",
        "นักเรียนชั้น ป.1 ร้อยละ 35 อ่านสะกดคำที่มีตัวสะกดไม่ตรงมาตราไม่ได้ (ผลการประเมินการอ่าน RT)",
        "ใช้แบบฝึกการอ่านแจกลูกสะกดคำวันละ 15 นาที และจับคู่เพื่อนช่วยเพื่อน",
    ),
    Theme(
        "คณิตคิดเร็ว ป.4–ป.6",
        "math",
        "นักเรียนชั้น ป.4–ป.6",
        "นักเรียนแก้โจทย์ปัญหาการคูณและการหารไม่ได้ คะแนน NT ด้านการคำนวณต่ำกว่าระดับเขต",
        "ใช้กระบวนการแก้โจทย์ปัญหา 4 ขั้นของโพลยา ร่วมกับบัตรคำถามฝึกทุกวัน",
    ),
    Theme(
        "วิทยาศาสตร์สืบเสาะ",
        "science_tech",
        "นักเรียนชั้น ป.5–ป.6",
        "นักเรียนตั้งสมมติฐานและออกแบบการทดลองไม่ได้ ทำตามขั้นตอนในใบงานเท่านั้น",
        "จัดการเรียนรู้แบบสืบเสาะหาความรู้ 5E และเปิดชั้นเรียนให้เพื่อนครูสังเกต",
    ),
    Theme(
        "กล้าพูดภาษาอังกฤษ",
        "foreign_lang",
        "นักเรียนชั้น ป.3–ป.6",
        "นักเรียนไม่กล้าพูดภาษาอังกฤษ ตอบได้เพียงคำเดียว",
        "ใช้เกมและบทบาทสมมติสั้น ๆ ทุกคาบ และประเมินด้วยแบบสังเกตการพูด",
    ),
    Theme(
        "ปฐมวัยเล่นอย่างมีความหมาย",
        "early_childhood",
        "เด็กอนุบาล 2–3",
        "เด็กมีสมาธิสั้นในการทำกิจกรรมและกล้ามเนื้อมือยังไม่พร้อมสำหรับการเขียน",
        "จัดมุมเล่นตามแนว Play-based Learning และกิจกรรมพัฒนากล้ามเนื้อมัดเล็ก",
    ),
    Theme(
        "สังคมศึกษาเชิงรุก",
        "social",
        "นักเรียนชั้น ป.4–ป.6",
        "นักเรียนขาดทักษะการคิดวิเคราะห์ข่าวและสถานการณ์ในชุมชน",
        "ใช้การเรียนรู้โดยใช้ปัญหาในชุมชนเป็นฐาน (PBL) และนำเสนอผลงาน",
    ),
)

NOTES = {
    0: (
        "วิเคราะห์ผลการทดสอบรายบุคคล พบว่านักเรียนกลุ่มอ่อนมีปัญหาเรื่องพื้นฐาน",
        "ร่วมกันจัดลำดับความสำคัญของปัญหาและเลือกปัญหาที่ส่งผลต่อผู้เรียนมากที่สุด",
    ),
    1: (
        "ศึกษาแนวทางจากงานวิจัยและประสบการณ์ของครูในกลุ่ม เลือกวิธีที่เหมาะกับบริบทของโรงเรียน",
        "ครูพี่เลี้ยงแนะนำเทคนิคการใช้คำถามกระตุ้นการคิด",
    ),
    2: (
        "ร่วมกันออกแบบแผนการจัดการเรียนรู้และสื่อ พร้อมกำหนดประเด็นการสังเกตชั้นเรียน",
        "ปรับใบงานให้มีระดับความยากง่าย 3 ระดับ",
    ),
    3: (
        "ครูต้นแบบสอนตามแผน เพื่อนครูสังเกตพฤติกรรมผู้เรียนตามประเด็นที่กำหนด",
        "บันทึกภาพและวิดีโอการสอนเพื่อใช้สะท้อนผลในครั้งต่อไป",
    ),
    4: (
        "สะท้อนผลการสอน นักเรียนกลุ่มอ่อนมีส่วนร่วมมากขึ้น แต่ยังต้องใช้เวลาเพิ่มในบางขั้นตอน",
        "สรุปบทเรียนและวางแผนปรับปรุงในวงรอบถัดไป",
    ),
}


def _schedule(year: int, count: int, until: dt.date, rng: random.Random) -> list[dt.date]:
    """`count` meeting days spread over the year's teaching days (weekdays), those up to `until`."""
    start, _end = academic_year_range(year)
    days: list[dt.date] = []
    for (m1, d1), (m2, d2) in SEMESTER_DAYS:
        day = dt.date(start.year + (m1 < 5), m1, d1)
        last = dt.date(start.year + (m2 < 5), m2, d2)
        while day <= last:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
    step = len(days) / count
    chosen = [days[min(len(days) - 1, int(i * step + rng.random() * step * 0.5))] for i in range(count)]
    return [d for d in dict.fromkeys(chosen) if d <= until]


def demo_plc(
    ctx: Any,
    seed: int = 1,
    today: dt.date | None = None,
    groups_per_year: int = 4,
    meetings: int = 40,
    photos: bool = True,
) -> int:
    """Adds PLC groups of last academic year (complete) and this one (up to today); returns the meetings made."""
    from ..domain.kinds.plc_group import PLC_GROUP, PLC_MEMBER
    from ..domain.kinds.plc_meeting import PLC_ATTENDANCE, PLC_FILE, PLC_MEETING
    from .records import RecordService

    today = today or dt.date.today()
    rng = random.Random(seed * 7919)
    people = [p for p in ctx.personnel.list() if p.position in TEACHING and p.status == "active"]
    leaders = [
        p for p in ctx.personnel.list() if p.position in ("director", "deputy_director") and p.status == "active"
    ]
    if len(people) < 2:
        return 0
    groups, members, rows, attendance, files = [], [], [], [], []
    steps = default_steps()
    this_year = academic_year(today)
    # groups of about seven: a large school has more of them (a theme taken twice is a second team)
    count = max(groups_per_year, min(3 * len(THEMES), -(-len(people) // GROUP_SIZE)))
    for year in (this_year - 1, this_year):
        themes = [THEMES[k % len(THEMES)] for k in rng.sample(range(3 * len(THEMES)), count)]
        shuffled = rng.sample(people, len(people))
        teams = [shuffled[n :: len(themes)] for n in range(len(themes))]  # every teacher in one group
        named: dict[str, int] = {}
        for n, theme in enumerate(themes):
            named[theme.name] = named.get(theme.name, 0) + 1
            team_no = f" ทีม {named[theme.name]}" if named[theme.name] > 1 else ""
            group_id = _uuid(rng)
            groups.append(
                dict(
                    id=group_id,
                    academic_year=year,
                    name=f"กลุ่ม{theme.name}{team_no}",
                    learning_area=theme.area,
                    target_learners=theme.learners,
                    problem=theme.problem,
                    goal=theme.goal,
                    steps=list(steps),
                )
            )
            team = teams[n] or rng.sample(people, 2)
            extra = [p for p in rng.sample(people, 1) if p not in team and rng.random() < 0.5]  # a mentor of two groups
            roles = ["model_teacher", "buddy", "recorder"] + ["member"] * len(team)
            crew = list(zip(team, roles, strict=False)) + [(p, "mentor") for p in extra]
            if leaders:
                crew.append((leaders[n % len(leaders)], "administrator"))
            for person, role in crew:
                ids = {"group_id": group_id, "person_id": person.id}
                members.append(dict(id=identity_record_id(PLC_MEMBER, ids), **ids, role=role))
            presence = {person.id: rng.uniform(0.7, 0.98) for person, _role in crew}
            sessions = {1: 0, 2: 0}
            for k, day in enumerate(_schedule(year, meetings, today, rng)):
                semester = semester_of(day)
                sessions[semester] += 1
                step_no = k % len(steps)
                start = 15 * 60 + 30 if day.weekday() != 4 else 13 * 60
                end = start + rng.choice((60, 90, 90, 120))
                meeting_id = _uuid(rng)
                notes = NOTES[step_no]
                activity = "open_class" if step_no == 3 and rng.random() < 0.5 else "meeting"
                rows.append(
                    dict(
                        id=meeting_id,
                        group_id=group_id,
                        semester=semester,
                        session_no=sessions[semester],
                        activity_type=activity,
                        date=day,
                        start_time=start,
                        end_time=end,
                        steps=[steps[step_no]],
                        place=rng.choice(("ห้องประชุมโรงเรียน", "ห้องสมุด", f"ห้องเรียน ป.{rng.randint(1, 6)}")),
                        agenda=f"ติดตามงานกลุ่ม{theme.name} ขั้น{steps[step_no]}",
                        discussion="\n".join(notes),
                        results="ได้แนวทางที่ทุกคนเห็นพ้อง และแบ่งหน้าที่รับผิดชอบ",
                        observation="นักเรียนตั้งใจทำกิจกรรม ครูใช้คำถามปลายเปิดมากขึ้น" if activity == "open_class" else None,
                        reflection="สมาชิกเห็นว่าการทำงานร่วมกันช่วยให้เห็นปัญหาของผู้เรียนชัดขึ้น",
                        next_steps="นำแนวทางไปใช้ในชั้นเรียนและเก็บข้อมูลผลการเรียนรู้",
                        guests="ศึกษานิเทศก์ สพป." if rng.random() < 0.05 else None,
                    )
                )
                for person, _role in crew:
                    if rng.random() > presence[person.id]:
                        continue
                    left = end - 30 if rng.random() < 0.06 else None
                    ids = {"meeting_id": meeting_id, "person_id": person.id}
                    attendance.append(
                        dict(id=identity_record_id(PLC_ATTENDANCE, ids), **ids, arrived_at=None, left_at=left)
                    )
                if photos and rng.random() < 0.15:
                    content = _meeting_photo(rng)
                    sha = attachment_store.put_bytes(ctx.data_dir, content)
                    ctx.attachments.register(sha, len(content), "image/jpeg")
                    files.append(
                        dict(
                            id=_uuid(rng),
                            meeting_id=meeting_id,
                            file_sha256=sha,
                            media_type="image/jpeg",
                            file_name=f"plc-{day.isoformat()}.jpg",
                            caption=f"บรรยากาศการประชุม ครั้งที่ {sessions[semester]}",
                            position=0,
                        )
                    )
    for kind, batch in (
        (PLC_GROUP, groups),
        (PLC_MEMBER, members),
        (PLC_MEETING, rows),
        (PLC_ATTENDANCE, attendance),
        (PLC_FILE, files),
    ):
        RecordService(ctx.db, kind).add_many(batch)
    return len(rows)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _meeting_photo(rng: random.Random) -> bytes:
    """A landscape JPEG of a few people around a table (shapes, not a real photo), about 30–60 KB."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), tuple(rng.randrange(170, 230) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 380, 840, 470), fill=(120, 80, 50))
    for k in range(rng.randint(3, 6)):
        x = 170 + k * 120
        colour = tuple(rng.randrange(40, 200) for _ in range(3))
        draw.ellipse((x, 200, x + 70, 270), fill=(230, 190, 150))
        draw.rectangle((x - 15, 270, x + 85, 400), fill=colour)
    for _ in range(400):
        x, y = rng.randrange(960), rng.randrange(640)
        draw.point((x, y), fill=(rng.randrange(256),) * 3)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
