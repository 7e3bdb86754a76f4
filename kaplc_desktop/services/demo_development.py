"""A realistic development cycle for the demo school: last year's survey (closed) and this year's (most forms done,
some in progress, a few not started), ID plans drafted from the survey and approved, a 3-year HR development plan
with a review, action plan projects for the people who asked, national test results and PA tasks. The same for
the same seed and day (for trying the app, tests and benchmarks)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ..domain import buddhist_date, competencies
from ..domain.thai_years import academic_year, fiscal_year
from .survey import NeedInput, RatingInput

TOPICS = (
    ("การจัดการเรียนรู้เชิงรุก (Active Learning)", "curriculum_learning", "training"),
    ("การวัดและประเมินผลตามสภาพจริง", "curriculum_learning", "training"),
    ("การใช้เทคโนโลยีดิจิทัลและ AI ในการจัดการเรียนรู้", "curriculum_learning", "self_study"),
    ("การวิจัยในชั้นเรียนเพื่อแก้ปัญหาผู้เรียน", "analysis_research", "coaching"),
    ("การจัดการชั้นเรียนเชิงบวก", "classroom_management", "plc"),
    ("การสอนอ่านเขียนภาษาไทยแบบแจกลูกสะกดคำ", "student_development", "plc"),
    ("การจัดการเรียนรู้ STEM ศึกษา", "curriculum_learning", "study_visit"),
    ("ระบบการดูแลช่วยเหลือนักเรียน", "student_development", "supervision"),
    ("ภาษาอังกฤษเพื่อการสื่อสารในชั้นเรียน", "self_development", "self_study"),
    ("การสอนวิทยาการคำนวณ (Coding)", "curriculum_learning", "training"),
    ("การจัดทำข้อตกลงในการพัฒนางาน (PA)", "self_development", "coaching"),
    ("การสร้างความร่วมมือกับผู้ปกครองและชุมชน", "community_relations", "plc"),
)
SUPPORT_TOPICS = (
    ("ระบบสารบรรณอิเล็กทรอนิกส์", "expertise", "training"),
    ("การจัดซื้อจัดจ้างภาครัฐ (e-GP)", "expertise", "training"),
    ("การใช้โปรแกรมตารางคำนวณ", "expertise", "self_study"),
)
ADMIN_TOPICS = (
    ("ภาวะผู้นำทางวิชาการ", "visioning", "training"),
    ("การนิเทศแบบ Coaching & Mentoring", "developing_others", "coaching"),
    ("การบริหารงานงบประมาณแบบมุ่งผลสัมฤทธิ์", "analytical_thinking", "study_visit"),
)
PROVIDERS = ("สพป.สงขลา เขต 2", "สถาบันคุรุพัฒนา", "มหาวิทยาลัยทักษิณ", "ภายในโรงเรียน", "THAI MOOC")
ONET = (("thai", 4850, 4620), ("math", 3320, 3180), ("science_tech", 3790, 3650), ("foreign_lang", 3910, 3880))
PA_TASKS = (
    "พัฒนาความสามารถในการอ่านออกเขียนได้ของนักเรียนโดยใช้แบบฝึกแจกลูกสะกดคำ",
    "ยกระดับผลสัมฤทธิ์ทางการเรียนโดยการจัดการเรียนรู้เชิงรุก",
    "พัฒนาทักษะการแก้โจทย์ปัญหาคณิตศาสตร์ด้วยกระบวนการ 4 ขั้นของโพลยา",
    "ส่งเสริมการคิดวิเคราะห์ของนักเรียนด้วยการสืบเสาะหาความรู้ (5E)",
)


def _topics_for(competency_set: str) -> tuple[tuple[str, str, str], ...]:
    if competency_set == competencies.SET_ADMINISTRATOR:
        return ADMIN_TOPICS
    if competency_set == competencies.SET_SUPPORT:
        return SUPPORT_TOPICS
    return TOPICS


def demo_development(ctx: Any, seed: int = 1, today: dt.date | None = None) -> dict[str, int]:
    """Adds the cycle of last academic year and this one; returns how many of each were made."""
    today = today or dt.date.today()
    rng = random.Random(seed * 104_729)
    this_year = academic_year(today)
    made = {"forms": 0, "plans": 0, "projects": 0}
    for year in (this_year - 1, this_year):
        opens, closes = dt.date(buddhist_date.to_ce_year(year), 7, 1), dt.date(buddhist_date.to_ce_year(year), 7, 31)
        if opens > today:
            continue
        round_ = ctx.survey.open_round(year, opens, closes, today=today)
        sheets = ctx.survey.progress(round_.id).sheets
        forms = []
        for sheet in sheets:
            fate = rng.random()
            if year == this_year and fate < 0.08:
                continue  # not started
            partial = year == this_year and fate < 0.2
            ratings = []
            for line in sheet.ratings:
                own = max(1, min(5, line.expected_level + rng.choice((-2, -1, -1, 0, 0, 0, 1))))
                director = None if partial else max(1, min(5, own + rng.choice((-1, 0, 0, 0))))
                ratings.append(RatingInput(line.competency, line.expected_level, own, director))
            chosen = rng.sample(_topics_for(sheet.competency_set), k=min(rng.randint(1, 3), 3))
            needs = [NeedInput(topic, comp, rng.choice((5, 4, 4, 3)), way) for topic, comp, way in chosen]
            day = opens + dt.timedelta(days=rng.randint(0, 20))
            forms.append(
                (sheet.person.id, {"self_rated_on": day, "reviewed_on": None if partial else day}, ratings, needs)
            )
        made["forms"] += ctx.survey.save_forms(round_.id, forms, today)
        made["plans"] += _plans(ctx, rng, year, round_.id, today)
        if year < this_year:
            ctx.survey.close_round(round_.id, closes + dt.timedelta(days=10))
    _hrd(ctx, rng, this_year, today, made)
    _outcomes(ctx, rng, this_year, today)
    return made


def _plans(ctx: Any, rng: random.Random, year: int, round_id: str, today: dt.date) -> int:
    from .id_plans import ActivityInput

    director = ctx.workspace.get().principal_name or ""
    made = 0
    for sheet in ctx.survey.progress(round_id).sheets:
        if sheet.status != "done":
            continue
        draft = ctx.id_plans.draft(sheet.person.id, year, ctx.survey)
        if not draft.activities:
            continue
        finished = year < academic_year(today)
        activities = []
        for a in draft.activities:
            status = "done" if finished or rng.random() < 0.3 else rng.choice(("planned", "in_progress"))
            activities.append(
                ActivityInput(
                    topic=a.topic,
                    competency=a.competency,
                    priority=a.priority,
                    method=a.method,
                    provider=rng.choice(PROVIDERS),
                    starts_on=a.starts_on,
                    ends_on=a.ends_on,
                    hours=rng.choice((6, 12, 18, 20, 30)),
                    budget=rng.choice((0, 0, 500, 1500, 3000)),
                    expected_result="นำความรู้ไปออกแบบกิจกรรมการเรียนรู้และแก้ปัญหาผู้เรียนในชั้นเรียน",
                    status=status,
                    done_on=a.ends_on if status == "done" and a.ends_on and a.ends_on <= today else None,
                )
            )
        done = sum(a.status == "done" for a in activities)
        approved = dt.date(buddhist_date.to_ce_year(year), 8, rng.randint(5, 20))
        values = {
            **draft.values,
            "expected_results": "มีสมรรถนะตามที่คาดหวังในตำแหน่ง และผลสัมฤทธิ์ของนักเรียนสูงขึ้น",
            "evidence": "เกียรติบัตรการอบรม บันทึก PLC แผนการจัดการเรียนรู้ และผลงานนักเรียน",
            "progress": round(100 * done / len(activities)),
            "completed_on": None,
            "approved_by": director if approved <= today else None,
            "approved_on": approved if approved <= today else None,
        }
        ctx.id_plans.save(sheet.person.id, year, values, activities, today)
        made += 1
    return made


def _hrd(ctx: Any, rng: random.Random, this_year: int, today: dt.date, made: dict[str, int]) -> None:
    first = this_year - 1
    plan = ctx.hrd_plans.add(
        {
            "first_year": first,
            "last_year": first + 2,
            "name": f"แผนพัฒนาบุคลากร ปีการศึกษา {first}–{first + 2}",
            "background": (
                "ผลการสำรวจสมรรถนะเดือนกรกฎาคมพบว่าครูส่วนใหญ่ยังมีสมรรถนะด้านการวิเคราะห์ สังเคราะห์ และการวิจัย"
                "เพื่อพัฒนาผู้เรียนต่ำกว่าระดับที่คาดหวัง\nครูต้องการพัฒนาการจัดการเรียนรู้เชิงรุกและการวัดผลตามสภาพจริง"
            ),
            "goals": ("ครูทุกคนมีแผนพัฒนาตนเองและเข้าร่วม PLC อย่างน้อย 50 ชั่วโมงต่อปี\nร้อยละ 80 ของครูมีสมรรถนะตามระดับที่คาดหวัง"),
            "strategies": (
                "พัฒนาครูด้วยกระบวนการ PLC\nนิเทศภายในแบบ Coaching & Mentoring\nส่งเสริมการเรียนรู้ด้วยตนเองผ่านหลักสูตรออนไลน์"
            ),
            "programmes": "โครงการพัฒนาครูด้วย PLC\nโครงการนิเทศภายใน\nโครงการศึกษาดูงานโรงเรียนต้นแบบ",
            "approved_on": dt.date(buddhist_date.to_ce_year(first), 6, 1),
        },
        today,
    )
    ctx.hrd_reviews.add(
        {
            "plan_id": plan.id,
            "academic_year": first,
            "reviewed_on": dt.date(buddhist_date.to_ce_year(first) + 1, 4, 10),
            "findings": "ครูเข้าร่วม PLC เฉลี่ย 52 ชั่วโมง ผลการทดสอบ O-NET วิชาภาษาไทยสูงกว่าระดับประเทศ",
            "changes": "เพิ่มกิจกรรมการวิจัยในชั้นเรียนในปีที่ 2",
        },
        today,
    )
    staff = {p.id: p for p in ctx.personnel.list()}
    askers: dict[str, list[str]] = {}
    round_ = ctx.survey.round_of(this_year) if any(r.academic_year == this_year for r in ctx.survey.rounds()) else None
    if round_ is not None:
        for sheet in ctx.survey.progress(round_.id).sheets:
            for need in sheet.needs:
                askers.setdefault(need.topic, []).append(sheet.person.id)
    fy = fiscal_year(today)
    top = sorted(askers.items(), key=lambda item: -len(item[1]))[:4]
    teachers = [p for p in staff.values() if p.position == "teacher" and p.status == "active"]
    for n, (topic, people) in enumerate(top):
        ce = buddhist_date.to_ce_year(fy) - 1
        ctx.action_projects.save(
            {
                "fiscal_year": fy,
                "name": f"โครงการพัฒนาครู: {topic}",
                "hrd_plan_id": plan.id,
                "objectives": f"เพื่อพัฒนาครูด้าน{topic} ตามความต้องการจากการสำรวจเดือนกรกฎาคม",
                "target_group": f"ครูและบุคลากรที่ต้องการพัฒนา {len(people)} คน",
                "starts_on": dt.date(ce, 11, 1) + dt.timedelta(days=30 * n),
                "ends_on": dt.date(ce + 1, 3, 31),
                "budget": rng.choice((5000, 8000, 12000, 20000)),
                "responsible_id": teachers[n % len(teachers)].id if teachers else None,
                "indicators": "ร้อยละ 80 ของผู้เข้าร่วมนำความรู้ไปใช้ในชั้นเรียน",
                "status": "in_progress" if n < 2 else "planned",
            },
            people,
            today=today,
        )
        made["projects"] += 1


def _outcomes(ctx: Any, rng: random.Random, this_year: int, today: dt.date) -> None:
    for year in (this_year - 2, this_year - 1):
        for area, school, national in ONET:
            result = school + rng.randint(-300, 300)
            ctx.achievement.add(
                {
                    "academic_year": year,
                    "test": "onet",
                    "grade_level": "ป.6",
                    "learning_area": area,
                    "school_target": (school // 100 + 2) * 100,
                    "school_result": result,
                    "national_average": national + rng.randint(-100, 100),
                },
                today,
            )
        ctx.achievement.add(
            {
                "academic_year": year,
                "test": "rt",
                "grade_level": "ป.1",
                "learning_area": "thai",
                "school_target": 7500,
                "school_result": 7000 + rng.randint(0, 1500),
                "national_average": 7300,
            },
            today,
        )
    fy = fiscal_year(today) - 1
    teachers = [p for p in ctx.personnel.list() if p.position == "teacher" and p.status == "active"]
    for person in teachers:
        for task in rng.sample(PA_TASKS, 2):
            ctx.agreements.add(
                {
                    "person_id": person.id,
                    "fiscal_year": fy,
                    "task": task,
                    "indicators": "ร้อยละ 70 ของนักเรียนมีผลการประเมินระดับดีขึ้นไป",
                    "result_level": rng.choice((3, 3, 4, 2)),
                },
                today,
            )
