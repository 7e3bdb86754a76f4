"""A school with teachers and a PLC group, for the PLC tests (import as `from plc_support import …`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from support import teacher

from kaplc_desktop.context import AppContext
from kaplc_desktop.services.plc_groups import MemberInput
from kaplc_desktop.services.plc_meetings import AttendeeInput

TODAY = dt.date(2026, 11, 27)  # semester 2 of academic year 2569
NAMES = (("สมศรี", "ใจดี"), ("วิไล", "ทองมา"), ("ปราณี", "ศรีสุข"), ("อนุชา", "แก้วมณี"))


@dataclass
class PlcSchool:
    ctx: AppContext
    people: list[Any]
    group: Any

    def meeting(
        self, day: str = "18/11/2569", start: str = "15.30", end: str = "17.00", **values: Any
    ) -> dict[str, Any]:
        return {"group_id": self.group.id, "date": day, "start_time": start, "end_time": end, **values}

    def everyone(self) -> list[AttendeeInput]:
        return [AttendeeInput(p.id) for p in self.people]

    def save(self, attendees: list[AttendeeInput] | None = None, **values: Any) -> Any:
        raw = self.meeting(**values)
        return self.ctx.plc_meetings.save(raw, attendees or self.everyone(), today=TODAY)


def plc_school(ctx: AppContext, year: int = 2569) -> PlcSchool:
    people = [
        ctx.personnel.add(teacher(first_name_th=first, last_name_th=last, national_id=None)) for first, last in NAMES
    ]
    group = ctx.plc_groups.save(
        {"academic_year": year, "name": "กลุ่มคณิตคิดเร็ว ป.4", "learning_area": "math", "steps": "ร่วมกันหาปัญหา\nสะท้อนผล"},
        [
            MemberInput(p.id, role)
            for p, role in zip(people, ("model_teacher", "buddy", "recorder", "member"), strict=True)
        ],
        today=TODAY,
    )
    return PlcSchool(ctx, people, group)
