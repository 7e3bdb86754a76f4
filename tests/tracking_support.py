"""A small district for the submission-tracking tests (import as `from tracking_support import …`): three schools on
its list, two of them in one cluster, and three periods of 2569 around today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from development_support import development_cycle
from plc_support import plc_school
from sync_support import OTHER_SCHOOL, SCHOOL_CODE, fp, make_district, make_school

from kaplc_desktop.domain import buddhist_date
from kaplc_desktop.services.submission_tracking import local_day

THIRD = "1090050003"
CLUSTER_1, CLUSTER_2 = "เครือข่ายที่ 1", "เครือข่ายที่ 2"


def day(days: int) -> str:
    """A date `days` from today (Thai time), as a user types it."""
    return buddhist_date.format_short(local_day(dt.datetime.now(dt.UTC)) + dt.timedelta(days=days))


def tracking_world(tmp_path: Path) -> dict[str, Any]:
    """School A sent its survey, ID plans and HRD plan today; school B sent a semester-2 PLC meeting today in its
    second bundle (its first never arrived); school C sent nothing. Periods: the survey (due in 10 days), PLC
    semester 2 (due yesterday), ID plans (opens tomorrow). Close world["a"], ["b"] and ["district"] after."""
    district = make_district(tmp_path / "district")
    usb = tmp_path / "usb"
    usb.mkdir()
    a = make_school(tmp_path / "a", district)
    development_cycle(a.ctx)
    district.sync.import_bundles([a.sync.export_bundle(usb).path], dry_run=False, trust=[fp(a)])
    b = make_school(tmp_path / "b", district, code=OTHER_SCHOOL)
    plc = plc_school(b.ctx)
    b.sync.export_bundle(tmp_path)  # bundle 1: lost on the way
    plc.save(semester=2)
    second = b.sync.export_bundle(usb).path
    district.sync.import_bundles([second], dry_run=False, trust=[fp(b)])
    registry = district.ctx.school_registry
    registry.add({"school_code": SCHOOL_CODE, "school_name": "โรงเรียนเอ", "cluster": CLUSTER_1})
    registry.add({"school_code": OTHER_SCHOOL, "school_name": "โรงเรียนบี", "cluster": CLUSTER_1})
    registry.add({"school_code": THIRD, "school_name": "โรงเรียนซี", "cluster": CLUSTER_2})
    periods = district.ctx.submission_periods
    survey = periods.add(
        {
            "name": "สำรวจเดือนกรกฎาคม",
            "academic_year": "2569",
            "content": "survey",
            "opens_on": day(-30),
            "due_on": day(10),
        }
    )
    plc_period = periods.add(
        {
            "name": "PLC ภาคเรียนที่ 2",
            "academic_year": "2569",
            "content": "บันทึกกิจกรรม PLC",  # the Thai label is read as the code
            "semester": "2",
            "opens_on": day(-30),
            "due_on": day(-1),
        }
    )
    id_plans = periods.add(
        {"name": "ID Plan", "academic_year": "2569", "content": "id_plans", "opens_on": day(1), "due_on": day(30)}
    )
    return {"district": district, "a": a, "b": b, "survey": survey, "plc": plc_period, "id_plans": id_plans}
