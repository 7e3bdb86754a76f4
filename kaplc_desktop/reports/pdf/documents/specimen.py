"""The type specimen: headings, tricky Thai words, a long paragraph, a table, an image, a signature block.

It is the page of the golden visual check, so its content must not change without a new reference image.
"""

from __future__ import annotations

from pathlib import Path

from ....i18n import _
from ....services.demo_photos import demo_photo
from ..blocks import Bullets, Document, Heading, Image, KeyValues, Para, QRCode, Run, Signature, Table, Title

TRICKY_WORDS = "ที่ นี้ ผู้ใหญ่ ปั้น กิ่ง ตั้งแต่ ญี่ปุ่น ฐาน ฤๅษี ป่า ฝั่ง น้ำ กตัญญู สิทธิ์ ฟ้า ปิ่น ตุ๊กตา"
LONG_PARAGRAPH = (
    "ชุมชนการเรียนรู้ทางวิชาชีพเป็นการรวมตัวของครูและผู้บริหารสถานศึกษาเพื่อร่วมกันแลกเปลี่ยนเรียนรู้"
    "และพัฒนาการจัดการเรียนรู้ให้มีคุณภาพ โดยเริ่มจากการร่วมกันหาปัญหาที่เกิดขึ้นในชั้นเรียน "
    "ร่วมกันหาแนวทางแก้ไข ออกแบบกิจกรรมการเรียนรู้ นำไปใช้ในชั้นเรียนจริง แล้วสะท้อนผลร่วมกันอย่างเป็นระบบ "
    "ผลที่ได้ช่วยให้ผู้เรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้นและครูมีความเชี่ยวชาญในวิชาชีพมากขึ้นอย่างต่อเนื่อง"
)


def specimen(image: Path | None = None, thai_digits: bool = False) -> Document:
    return Document(
        thai_digits=thai_digits,
        title=_("Thai type specimen"),
        author="KA-PLC Desktop",
        header="KA-PLC Desktop — " + _("Thai type specimen"),
        blocks=[
            Title("ตัวอย่างการพิมพ์ภาษาไทย", "Sarabun · HarfBuzz · nlpO3"),
            Heading("คำที่มีวรรณยุกต์และสระซ้อน"),
            Para.of(TRICKY_WORDS),
            Heading("ย่อหน้ายาว ตัดคำตามขอบเขตของคำ"),
            Para.of(LONG_PARAGRAPH),
            Para(
                (
                    Run("ตัวหนา "),
                    Run("ผู้ใหญ่ใจดี", bold=True),
                    Run(" และตัวเอียง "),
                    Run("ญี่ปุ่นปั้นตุ๊กตา", italic=True),
                    Run(" ปนภาษาอังกฤษ PLC 2569 และ <b> & ข้อความ"),
                )
            ),
            Bullets(("ร่วมกันหาปัญหา", "ร่วมกันหาแนวทาง", "ออกแบบกิจกรรม"), numbered=True),
            KeyValues((("ชื่อ-สกุล", "นางสาวกิ่งฟ้า ปิ่นทอง"), ("ตำแหน่ง", "ครูชำนาญการพิเศษ"))),
            Table(
                ("ที่", "ชื่อ-สกุล", "กลุ่มสาระการเรียนรู้", "ชั่วโมง PLC"),
                (
                    ("1", "นายสมชาย ใจดี", "คณิตศาสตร์", "52"),
                    ("2", "นางสาวญาณิศา ฤทธิ์ฤๅษี", "ภาษาไทย", "48"),
                    ("3", "นางน้ำฝน ฝั่งฟ้า", "วิทยาศาสตร์และเทคโนโลยี", "50"),
                ),
                widths=(0.08, 0.37, 0.37, 0.18),
                align_right=frozenset({3}),
            ),
            Image(image, caption="ภาพประกอบ", max_height_cm=4.0, data=None if image is not None else demo_photo(7, 30)),
            QRCode("kaplc:specimen:v1", caption="รหัสตรวจสอบเอกสาร"),
            Signature(name="นายประเสริฐ ศรีสุข", position="ผู้อำนวยการโรงเรียนบ้านคลองหวะ", label="ผู้รับรอง"),
        ],
    )


def golden_words() -> Document:
    """The tricky words, large: the page of the golden visual check (a shaping failure moves many pixels)."""
    words = TRICKY_WORDS.split()
    lines = [" ".join(words[i : i + 4]) for i in range(0, len(words), 4)]
    return Document(title="golden", author="KA-PLC Desktop", blocks=[Title(line) for line in lines])
