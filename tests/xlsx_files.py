"""Builders of good, bad and hostile .xlsx files for the import tests."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from kaplc_desktop.domain.kinds import PERSONNEL
from kaplc_desktop.reports.xlsx.record_columns import header as kind_header

ROSTER_FIELDS = PERSONNEL.excel


def header(field: str) -> str:
    return kind_header(PERSONNEL, field)


GOOD_ROW = {
    "national_id": "3101234567893",
    "title_prefix": "นาย",
    "first_name_th": "วิชัย",
    "last_name_th": "ศรีสุข",
    "first_name_en": "Wichai",
    "last_name_en": "Srisuk",
    "position": "ครู",
    "academic_standing": "ชำนาญการ (คศ.2)",
    "personnel_group": "ข้าราชการครู",
    "learning_areas": "คณิตศาสตร์",
    "subject": "คณิตศาสตร์ ป.6",
    "start_date": "16/05/2555",
    "phone": "081-234-5678",
    "email": "wichai@example.com",
    "status": "ปฏิบัติงานอยู่",
    "status_date": "",
}


def roster(path: Path, rows: Iterable[dict[str, object]], headers: Sequence[str] | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "บุคลากร"
    ws.append(list(headers) if headers is not None else [header(f) for f in ROSTER_FIELDS])
    for row in rows:
        ws.append([row.get(f, "") for f in ROSTER_FIELDS])
    wb.save(path)
    return path


def person(n: int, **changes: object) -> dict[str, object]:
    """A distinct valid row for each n (valid national IDs, distinct names)."""
    from kaplc_desktop.domain.national_id import check_digit

    first12 = f"1{n:011d}"
    row = dict(
        GOOD_ROW,
        national_id=first12 + str(check_digit(first12)),
        first_name_th=f"ครู{_thai_number(n)}",
        first_name_en=None,
        last_name_en=None,
        email=None,
    )
    row.update(changes)
    return row


def _thai_number(n: int) -> str:
    letters = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
    out = ""
    while True:
        out = letters[n % len(letters)] + out
        n //= len(letters)
        if n == 0:
            return out


def rewrite_member(source: Path, target: Path, member: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = content if info.filename == member else zin.read(info.filename)
            zout.writestr(info.filename, data)
    return target


def add_member(source: Path, target: Path, member: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr(member, content)
    return target


ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)
