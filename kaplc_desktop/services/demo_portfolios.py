"""Demo showcase portfolios: realistic Thai write-ups with formatting, generated pictures (drawn here, never
downloaded), a PDF evidence document, result figures and awards, so the gallery, the editor and the portfolio PDF
can be tried on a fresh demo school."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from ..domain.kinds.personnel import STATUS_ACTIVE
from ..domain.kinds.portfolio import OWNER_PERSONS, OWNER_SCHOOL, PLACE_EVIDENCE, PLACE_SECTION, STATUS_SUBMITTED
from ..domain.thai_years import academic_year
from .attached_files import PreparedFile
from .portfolios import AwardEntry, FileEntry

READING = {
    "importance": (
        "นักเรียนชั้นประถมศึกษาปีที่ 1–3 ของโรงเรียนจำนวนหนึ่ง**ยังอ่านไม่คล่องและเขียนสะกดคำไม่ถูกต้อง** "
        "ผลการทดสอบความสามารถด้านการอ่าน (RT) ต่ำกว่าค่าเฉลี่ยระดับเขตพื้นที่ "
        "กลุ่ม PLC ภาษาไทยจึงร่วมกันวิเคราะห์สาเหตุและออกแบบกิจกรรมแก้ปัญหาอย่างเป็นระบบ\n"
        "ปัญหาที่พบจากการวิเคราะห์ร่วมกัน\n"
        "- นักเรียนจำรูปพยัญชนะและสระได้ แต่ประสมคำไม่ได้\n"
        "- ขาดการฝึกอ่านต่อเนื่องที่บ้าน\n"
        "- สื่อการสอนเดิมไม่ดึงดูดความสนใจ"
    ),
    "objectives": (
        "1. เพื่อพัฒนาความสามารถด้านการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ 1–3\n"
        "1. เพื่อพัฒนาครูให้ใช้กระบวนการ PLC ในการแก้ปัญหาการเรียนรู้ของผู้เรียน\n"
        "เป้าหมาย: นักเรียน*ร้อยละ 80* อ่านออกเขียนได้ตามเกณฑ์ภายในปีการศึกษา"
    ),
    "process": (
        "ดำเนินการตามวงจร **PDCA** ผ่านกลุ่ม PLC สัปดาห์ละ 1 ครั้ง ดังนี้\n"
        "1. **วางแผน (Plan)** คัดกรองนักเรียนด้วยแบบทดสอบการอ่าน แบ่งกลุ่มตามระดับ\n"
        "1. **ปฏิบัติ (Do)** ใช้บัตรคำพาสนุกวันละ 20 นาที และเปิดชั้นเรียนให้เพื่อนครูสังเกต\n"
        "1. **ตรวจสอบ (Check)** ทดสอบย่อยทุก 2 สัปดาห์ บันทึกพัฒนาการรายบุคคล\n"
        "1. **ปรับปรุง (Act)** สะท้อนผลในวง PLC และปรับกิจกรรมให้เหมาะกับนักเรียนแต่ละกลุ่ม\n"
        "ผู้ปกครองมีส่วนร่วมผ่าน*สมุดบันทึกการอ่านที่บ้าน* ซึ่งครูตรวจและให้ข้อมูลย้อนกลับทุกสัปดาห์"
    ),
    "results": (
        "นักเรียนที่อ่านออกเขียนได้ตามเกณฑ์เพิ่มขึ้นจากร้อยละ 58 เป็น**ร้อยละ 86** "
        "ครูในกลุ่มสาระการเรียนรู้ภาษาไทยทุกคนใช้กระบวนการ PLC ได้อย่างต่อเนื่อง "
        "และโรงเรียนได้ชุดบัตรคำที่นำไปใช้ในชั้นเรียนอื่นได้"
    ),
    "success_factors": (
        "- ผู้บริหารสนับสนุนเวลาและงบประมาณสำหรับการประชุม PLC\n"
        "- ครูมีเป้าหมายร่วมกันและเปิดชั้นเรียนให้สังเกตโดยไม่ตัดสิน\n"
        "- ความร่วมมือของผู้ปกครอง"
    ),
    "lessons": (
        "การแก้ปัญหาการอ่านต้องทำ*ทุกวันและต่อเนื่อง* การแบ่งกลุ่มตามระดับช่วยให้ครูดูแลได้ทั่วถึง "
        "ในปีต่อไปจะขยายผลสู่ชั้นประถมศึกษาปีที่ 4–6 และพัฒนาแอปพลิเคชันฝึกอ่าน"
    ),
    "dissemination": ("เผยแพร่ผลงานในเวทีแลกเปลี่ยนเรียนรู้ของกลุ่มเครือข่ายโรงเรียน และนำเสนอในงานวิชาการของสำนักงานเขตพื้นที่"),
}

MATH = {
    "importance": (
        "ผลสัมฤทธิ์ทางการเรียนวิชาคณิตศาสตร์เรื่องการบวกลบเศษส่วนของนักเรียนชั้นประถมศึกษาปีที่ 5 อยู่ในระดับต่ำ "
        "นักเรียนเห็นว่าคณิตศาสตร์เป็นวิชาที่ยากและน่าเบื่อ ครูจึงพัฒนา**เกมบันไดงูเศษส่วน** "
        "เป็นนวัตกรรมการเรียนรู้เชิงรุก (Active Learning)"
    ),
    "objectives": ("1. เพื่อพัฒนาผลสัมฤทธิ์ทางการเรียนเรื่องเศษส่วนให้สูงขึ้น\n1. เพื่อเสริมสร้างเจตคติที่ดีต่อวิชาคณิตศาสตร์"),
    "process": (
        "ออกแบบเกมร่วมกับเพื่อนครูในกลุ่ม PLC คณิตศาสตร์ ทดลองใช้ 2 รอบ แล้วปรับกติกาตามข้อเสนอแนะ\n"
        "- ขั้นนำ: ทบทวนความรู้เดิมด้วยคำถามสั้น ๆ\n"
        "- ขั้นสอน: นักเรียนเล่นเกมเป็นกลุ่ม 4 คน แก้โจทย์ก่อนเดินหมาก\n"
        "- ขั้นสรุป: นักเรียนอธิบายวิธีคิดให้เพื่อนฟัง"
    ),
    "results": "คะแนนเฉลี่ยหลังเรียนสูงกว่าก่อนเรียนอย่างชัดเจน และนักเรียน*ร้อยละ 92* ชอบเรียนคณิตศาสตร์มากขึ้น",
    "success_factors": "การออกแบบเกมที่ท้าทายพอดีกับระดับของนักเรียน และการสะท้อนผลร่วมกันในวง PLC",
    "lessons": "เกมต้องมีโจทย์หลายระดับ เพื่อให้นักเรียนทุกคนได้ฝึกตามความสามารถ",
}

SCHOOL = {
    "importance": (
        "โรงเรียนนำ **KA Model by PLC** ของสำนักงานเขตพื้นที่การศึกษามาใช้เป็นกลไกหลักในการพัฒนาครูทั้งโรงเรียน "
        "เพื่อยกระดับคุณภาพผู้เรียนอย่างยั่งยืน"
    ),
    "objectives": "เพื่อสร้างวัฒนธรรมการเรียนรู้ร่วมกันของครู และพัฒนาคุณภาพผู้เรียนตามมาตรฐานการศึกษา",
    "process": (
        "1. สำรวจความต้องการพัฒนาของบุคลากรทุกเดือนกรกฎาคม\n"
        "1. จัดทำแผนพัฒนาบุคลากร 3 ปี และแผนพัฒนารายบุคคล (ID Plan)\n"
        "1. จัดกลุ่ม PLC ตามกลุ่มสาระ ประชุมสม่ำเสมอ และนิเทศติดตาม\n"
        "1. คัดเลือกและเผยแพร่ผลงานเด่นของครู"
    ),
    "results": "ครูทุกคนมีชั่วโมง PLC ครบตามเป้าหมาย และผลการทดสอบระดับชาติสูงขึ้นทุกวิชา",
}


def demo_portfolios(ctx: Any, seed: int = 1, today: dt.date | None = None) -> int:
    """Adds four portfolios of this and last academic year; returns how many were made."""
    today = today or dt.date.today()
    rng = random.Random(seed * 7919)
    year = academic_year(today)
    people = [p for p in ctx.personnel.list() if p.status == STATUS_ACTIVE]
    teachers = [p for p in people if p.position in ("teacher", "assistant_teacher")] or people
    if len(teachers) < 3:
        return 0
    service = ctx.portfolios
    made = 0
    reading_files = [
        FileEntry(PLACE_SECTION, "process", "กิจกรรมบัตรคำพาสนุกในชั้นเรียน", prepared=_photo(rng, "class")),
        FileEntry(PLACE_SECTION, "process", "เปิดชั้นเรียนให้เพื่อนครูในกลุ่ม PLC สังเกต", prepared=_photo(rng, "class")),
        FileEntry(PLACE_SECTION, "results", "ร้อยละของนักเรียนที่อ่านออกเขียนได้", prepared=_photo(rng, "chart")),
        FileEntry(PLACE_EVIDENCE, "results", "เกียรติบัตรระดับเขตพื้นที่", prepared=_photo(rng, "certificate")),
        FileEntry(PLACE_EVIDENCE, "process", "บันทึกการอ่านที่บ้านของนักเรียน", prepared=_photo(rng, "class")),
    ]
    service.save(
        {
            "name": "การพัฒนาทักษะการอ่านออกเขียนได้ด้วยกระบวนการ PLC และบัตรคำพาสนุก",
            "work_kind": "best_practice",
            "academic_year": year - 1,
            "owner_type": OWNER_PERSONS,
            "category": "teacher_excellent",
            "learning_area": "thai",
            "status": STATUS_SUBMITTED,
            "submitted_on": min(today, dt.date(year - 543, 2, 14)),
            "abstract": (
                "ผลงานนี้แก้ปัญหาการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาตอนต้น ด้วยบัตรคำและกระบวนการ PLC "
                "ตามวงจร PDCA ทำให้นักเรียนที่อ่านออกเขียนได้ตามเกณฑ์เพิ่มขึ้นจากร้อยละ 58 เป็นร้อยละ 86"
            ),
        },
        owners=[teachers[0].id, teachers[1].id],
        sections=READING,
        files=reading_files,
        figures=[
            {"label": "นักเรียนที่อ่านออกเขียนได้ตามเกณฑ์", "unit": "ร้อยละ", "before": "58", "after": "86"},
            {"label": "คะแนนเฉลี่ยการทดสอบการอ่าน (RT)", "unit": "คะแนน", "before": "61.25", "after": "78.5"},
            {"label": "ครูที่ใช้กระบวนการ PLC ต่อเนื่อง", "unit": "คน", "before": "3", "after": "8"},
        ],
        awards=[
            AwardEntry(
                {
                    "name": "ครูดีศรีสงขลา ด้านการพัฒนาการอ่าน",
                    "level": "district",
                    "rank": "winner",
                    "medal": "gold",
                    "awarded_on": min(today, dt.date(year - 543, 3, 20)),
                    "issuer": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสงขลา เขต 2",
                },
                certificate=_photo(rng, "certificate"),
            ),
        ],
        today=today,
    )
    made += 1
    service.save(
        {
            "name": "นวัตกรรมเกมบันไดงูเศษส่วน เพื่อการเรียนรู้เชิงรุก",
            "work_kind": "innovation",
            "academic_year": year,
            "owner_type": OWNER_PERSONS,
            "category": "teacher_excellent",
            "learning_area": "math",
            "status": "draft",
        },
        owners=[teachers[2].id],
        sections=MATH,
        files=[
            FileEntry(PLACE_SECTION, "process", "นักเรียนเล่นเกมบันไดงูเศษส่วนเป็นกลุ่ม", prepared=_photo(rng, "class")),
            FileEntry(PLACE_SECTION, "results", "คะแนนก่อนเรียนและหลังเรียน", prepared=_photo(rng, "chart")),
        ],
        figures=[
            {"label": "คะแนนเฉลี่ยเรื่องเศษส่วน", "unit": "คะแนน (เต็ม 20)", "before": "8.4", "after": "15.6"},
            {"label": "นักเรียนที่ชอบเรียนคณิตศาสตร์", "unit": "ร้อยละ", "before": "45", "after": "92"},
        ],
        today=today,
    )
    made += 1
    evidence = _evidence_pdf(ctx)
    service.save(
        {
            "name": "โรงเรียนคุณภาพด้วย KA Model by PLC",
            "work_kind": "best_practice",
            "academic_year": year - 1,
            "owner_type": OWNER_SCHOOL,
            "category": "school_excellent",
            "award_field": "management",
            "status": STATUS_SUBMITTED,
            "submitted_on": min(today, dt.date(year - 543, 1, 31)),
        },
        sections=SCHOOL,
        files=[
            FileEntry(PLACE_SECTION, "process", "การประชุม PLC ของครูทั้งโรงเรียน", prepared=_photo(rng, "class")),
            *([FileEntry(PLACE_EVIDENCE, "results", "รายงานผลการดำเนินงาน", prepared=evidence)] if evidence else []),
        ],
        figures=[{"label": "ครูที่มีชั่วโมง PLC ครบตามเป้าหมาย", "unit": "ร้อยละ", "before": "64", "after": "100"}],
        awards=[
            AwardEntry(
                {
                    "name": "สถานศึกษายอดเยี่ยม OBEC AWARDS ด้านบริหารจัดการ",
                    "level": "region",
                    "rank": "runner_up_1",
                    "medal": "silver",
                    "awarded_on": min(today, dt.date(year - 543, 3, 5)),
                    "issuer": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
                }
            ),
        ],
        today=today,
    )
    made += 1
    service.save(
        {
            "name": "วิจัยในชั้นเรียน: การแก้ปัญหาการสะกดคำด้วยแบบฝึกทักษะ",
            "work_kind": "classroom_research",
            "academic_year": year,
            "owner_type": OWNER_PERSONS,
            "learning_area": "thai",
            "status": "draft",
        },
        owners=[teachers[1].id],
        sections={"importance": "นักเรียนชั้นประถมศึกษาปีที่ 2 จำนวน 12 คน สะกดคำที่มีตัวสะกดไม่ตรงมาตราผิด"},
        today=today,
    )
    made += 1
    return made


def _photo(rng: random.Random, subject: str) -> PreparedFile:
    """A drawn picture (a class at work, a bar chart or a certificate) as a JPEG, about 40–90 KB."""
    from PIL import Image, ImageDraw

    if subject == "certificate":
        image = Image.new("RGB", (1123, 794), (250, 246, 232))
        draw = ImageDraw.Draw(image)
        draw.rectangle((30, 30, 1093, 764), outline=(170, 130, 40), width=14)
        draw.rectangle((70, 70, 1053, 724), outline=(200, 170, 90), width=3)
        draw.ellipse((500, 110, 620, 230), outline=(170, 130, 40), width=6)
        for k, width in enumerate((700, 520, 600, 380)):
            y = 300 + k * 70
            draw.rectangle(((1123 - width) // 2, y, (1123 + width) // 2, y + 18), fill=(120, 100, 70))
        draw.ellipse((820, 560, 940, 680), fill=(200, 40, 40))
    elif subject == "chart":
        image = Image.new("RGB", (1200, 800), (255, 255, 255))
        draw = ImageDraw.Draw(image)
        draw.line((120, 80, 120, 700, 1120, 700), fill=(60, 60, 60), width=4)
        bars = [rng.randint(200, 420) for _ in range(3)]
        for k, before in enumerate(bars):
            after = min(600, before + rng.randint(80, 200))
            x = 200 + k * 300
            draw.rectangle((x, 700 - before, x + 90, 700), fill=(150, 170, 200))
            draw.rectangle((x + 100, 700 - after, x + 190, 700), fill=(40, 90, 170))
    else:
        image = Image.new("RGB", (1280, 853), tuple(rng.randrange(180, 230) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        draw.rectangle((80, 60, 700, 330), fill=(40, 80, 60))  # a blackboard
        for _ in range(rng.randint(6, 10)):
            x, y = rng.randrange(100, 1100), rng.randrange(420, 640)
            colour = tuple(rng.randrange(40, 220) for _ in range(3))
            draw.ellipse((x, y - 90, x + 70, y - 20), fill=(230, 190, 150))
            draw.rectangle((x - 15, y - 20, x + 85, y + 120), fill=colour)
        draw.rectangle((60, 700, 1220, 760), fill=(150, 100, 60))  # desks
    for _ in range(600):  # grain, as a photo has
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        draw.point((x, y), fill=(rng.randrange(256),) * 3)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return PreparedFile(out.getvalue(), "image/jpeg", f"{subject}.jpg")


def _evidence_pdf(ctx: Any) -> PreparedFile | None:
    """A one-page report made with the document engine, kept as a PDF evidence file."""
    import tempfile
    from pathlib import Path

    from ..reports.pdf import blocks as b
    from ..reports.pdf.render import render

    doc = b.Document(
        "รายงานผลการดำเนินงาน",
        [
            b.Title("รายงานผลการดำเนินงานพัฒนาครูด้วย KA Model by PLC"),
            b.Para.of("สรุปจำนวนกลุ่ม PLC การประชุม และชั่วโมง PLC ของครูในปีการศึกษาที่ผ่านมา"),
            b.Table(
                ("รายการ", "จำนวน"),
                (("กลุ่ม PLC", "4"), ("การประชุม", "62"), ("ชั่วโมง PLC เฉลี่ยต่อคน", "54")),
                (0.7, 0.3),
                frozenset({1}),
            ),
        ],
    )
    with tempfile.TemporaryDirectory(dir=ctx.data_dir / "tmp" if (ctx.data_dir / "tmp").is_dir() else None) as tmp:
        target = Path(tmp) / "report.pdf"
        render(doc, target)
        return PreparedFile(target.read_bytes(), "application/pdf", "รายงานผลการดำเนินงาน.pdf")
