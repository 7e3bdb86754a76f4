"""The survey and ID plans through `kaplc`, as a school uses them on a demo school: progress, the workbook out and
back (checked first with --dry-run), a bad workbook refused with the cell named and nothing changed, a closed round
refused, a plan drafted from the survey and printed; wrong arguments are one clear line and exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from development_support import pdf_text, squeeze
from openpyxl import load_workbook
from sync_support import db_digest

from kaplc_desktop.cli.main import main
from kaplc_desktop.domain.thai_years import academic_year


def _run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A demo school with its development cycle (made once), and the year of its open survey round."""
    folder = tmp_path_factory.mktemp("demo") / "school"
    assert main(["--data-dir", str(folder), "demo", "school", "--staff", "12", "--seed", "3"]) == 0
    today = dt.date.today()
    year = academic_year(today)
    if dt.date(year - 543, 7, 1) > today:  # this year's July has not come yet: last year's round, reopened
        year -= 1
        assert main(["--data-dir", str(folder), "survey", "reopen", "--year", str(year)]) == 0
    return folder, year


@pytest.fixture
def demo(demo_template: tuple[Path, int], tmp_path: Path) -> tuple[Path, int]:
    folder = tmp_path / "school"
    shutil.copytree(demo_template[0], folder)
    # a copied folder takes an identity of its own when first opened (it is a second copy of the school)
    assert main(["--data-dir", str(folder), "info"]) == 0
    return folder, demo_template[1]


def _progress(capsys: pytest.CaptureFixture[str], folder: Path, year: int) -> dict[str, Any]:
    code, out, _err = _run(capsys, folder, "survey", "progress", "--year", str(year), "--json")
    assert code == 0
    return json.loads(out)


def _fill(source: Path, target: Path, sheet_title: str, level: str, **cells: str) -> Path:
    """Fills a person's sheet as staff do: every rating, a need, the date (and any cell given)."""
    wb = load_workbook(source)
    ws = wb[sheet_title]
    keys = {ws.cell(row=r, column=8).value: r for r in range(1, ws.max_row + 1)}
    for r in range(keys["ratings"] + 1, keys["needs"]):
        if ws.cell(row=r, column=8).value:
            ws.cell(row=r, column=4).value = level
    first_need = keys["needs"] + 1
    ws.cell(row=first_need, column=2).value = "การสอนแบบโครงงาน"
    ws.cell(row=first_need, column=4).value = "5 – มากที่สุด"
    ws.cell(row=keys["self_rated_on"], column=2).value = "01/07/" + str(
        next(c.offset(column=-1).value for c in wb["ข้อมูลไฟล์"]["C"] if c.value == "academic_year")
    )
    for cell, value in cells.items():
        ws[cell] = value
    wb.save(target)
    return target


def _sheet_of(path: Path, person_id: str) -> str:
    wb = load_workbook(path, read_only=True)
    try:
        return next(ws.title for ws in wb.worksheets[2:] if ws["I2"].value == person_id)
    finally:
        wb.close()


def test_the_survey_goes_out_and_comes_back_through_the_command_line(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, year = demo
    progress = _progress(capsys, folder, year)
    people = progress["people"]
    assert progress["academic_year"] == year and progress["closed_on"] is None and len(people) >= 10
    assert {p["status"] for p in people} <= {"not_started", "in_progress", "done"}
    pending = next(p for p in people if p["status"] != "done")
    code, out, _err = _run(capsys, folder, "survey", "progress", "--year", str(year))
    assert code == 0 and pending["name"] in out and str(sum(p["status"] == "done" for p in people)) in out

    workbook = tmp_path / "สำรวจ.xlsx"
    code, out, _err = _run(capsys, folder, "survey", "export", str(workbook), "--year", str(year))
    assert code == 0 and str(len(people)) in out and workbook.is_file()
    filled = _fill(workbook, tmp_path / "filled.xlsx", _sheet_of(workbook, pending["person_id"]), "4 – ดีเลิศ")

    before = db_digest(folder)
    code, out, err = _run(capsys, folder, "survey", "import", str(filled), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and err == ""
    assert (report["changed"], report["problems"], report["imported"]) == ([pending["name"]], [], False)
    assert report["unchanged"] == len(people) - 1
    assert db_digest(folder) == before
    code, out, _err = _run(capsys, folder, "survey", "import", str(filled), "--dry-run")
    assert code == 0 and "--dry-run" in out and db_digest(folder) == before

    code, out, _err = _run(capsys, folder, "survey", "import", str(filled))
    assert code == 0 and db_digest(folder) != before
    after = {p["person_id"]: p for p in _progress(capsys, folder, year)["people"]}
    assert after[pending["person_id"]]["status"] in ("in_progress", "done")  # the director may not have rated yet
    assert after[pending["person_id"]]["self_rated"] == after[pending["person_id"]]["competencies"]
    code, out, _err = _run(
        capsys, folder, "survey", "gaps", "--year", str(year), "--person", pending["person_id"], "--json"
    )
    mine = json.loads(out)
    assert {(r["self_level"], r["director_level"]) for r in mine["ratings"]} == {(4, None)}
    assert mine["needs"][0]["topic"] == "การสอนแบบโครงงาน" and mine["needs"][0]["priority"] == 5
    code, out, _err = _run(capsys, folder, "survey", "gaps", "--year", str(year), "--json")
    school_view = json.loads(out)
    counts = [n["count"] for n in school_view["needs"]]
    assert counts and counts == sorted(counts, reverse=True)  # most named first
    gaps = [g["gap"] for g in school_view["competencies"]]
    assert gaps == sorted(gaps, reverse=True)  # largest gap first
    # the same file again: nothing left to import
    code, out, _err = _run(capsys, folder, "survey", "import", str(filled), "--json")
    assert code == 0 and json.loads(out)["changed"] == []


def test_a_bad_workbook_is_refused_naming_the_cell_and_nothing_changes(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, year = demo
    people = _progress(capsys, folder, year)["people"]
    workbook = tmp_path / "survey.xlsx"
    assert _run(capsys, folder, "survey", "export", str(workbook), "--year", str(year))[0] == 0
    title = _sheet_of(workbook, people[0]["person_id"])
    good = _fill(workbook, tmp_path / "good.xlsx", _sheet_of(workbook, people[1]["person_id"]), "3")
    bad = _fill(good, tmp_path / "bad.xlsx", title, "9")
    before = db_digest(folder)
    code, out, err = _run(capsys, folder, "survey", "import", str(bad))
    assert code == 1, (out, err)
    assert re.search(f"“{title}”.*D[0-9]+", out) and "Traceback" not in out + err
    assert db_digest(folder) == before  # the good sheet was not imported either
    code, out, _err = _run(capsys, folder, "survey", "import", str(bad), "--json")
    assert code == 1 and json.loads(out)["imported"] is False and json.loads(out)["problems"]

    not_a_workbook = tmp_path / "renamed.xlsx"
    not_a_workbook.write_text("ชื่อ,ระดับ\nสมศรี,4\n", encoding="utf-8")
    code, out, err = _run(capsys, folder, "survey", "import", str(not_a_workbook))
    assert code == 2 and out == "" and err.startswith("kaplc: ") and err.count("\n") == 1
    assert db_digest(folder) == before


def test_a_closed_round_refuses_its_workbook_until_it_is_reopened(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, year = demo
    people = _progress(capsys, folder, year)["people"]
    workbook = tmp_path / "survey.xlsx"
    assert _run(capsys, folder, "survey", "export", str(workbook), "--year", str(year))[0] == 0
    filled = _fill(workbook, tmp_path / "filled.xlsx", _sheet_of(workbook, people[0]["person_id"]), "2")
    code, out, _err = _run(capsys, folder, "survey", "close", "--year", str(year))
    assert code == 0 and str(year) in out
    assert _progress(capsys, folder, year)["closed_on"] is not None
    before = db_digest(folder)
    code, out, err = _run(capsys, folder, "survey", "import", str(filled))
    assert code == 2 and str(year) in err and err.startswith("kaplc: ") and "Traceback" not in err
    assert db_digest(folder) == before
    assert _run(capsys, folder, "survey", "reopen", "--year", str(year))[0] == 0
    assert _run(capsys, folder, "survey", "import", str(filled))[0] == 0


def test_a_new_round_lists_everyone_not_started(demo: tuple[Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    folder, year = demo
    code, out, _err = _run(capsys, folder, "survey", "open", "--year", str(year + 1))
    assert code == 0 and f"01/07/{year + 1}" in out and f"31/07/{year + 1}" in out
    progress = _progress(capsys, folder, year + 1)
    assert progress["people"] and {p["status"] for p in progress["people"]} == {"not_started"}
    code, _out, err = _run(capsys, folder, "survey", "open", "--year", str(year + 1))
    assert code == 2 and str(year + 1) in err


def test_a_plan_drafted_from_the_survey_is_listed_and_printed(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, year = demo
    people = _progress(capsys, folder, year)["people"]
    code, out, _err = _run(capsys, folder, "idplan", "list", "--year", str(year), "--json")
    planned = {p["person_id"] for p in json.loads(out)}
    person = next(p for p in people if p["person_id"] not in planned and p["status"] != "not_started")
    code, out, err = _run(capsys, folder, "idplan", "draft", "--year", str(year), "--person", person["person_id"])
    assert code == 0, err
    assert person["name"] in out
    code, out, _err = _run(capsys, folder, "idplan", "list", "--year", str(year), "--json")
    plan = next(p for p in json.loads(out) if p["person_id"] == person["person_id"])
    assert 1 <= len(plan["activities"]) <= 5 and plan["progress"] == 0 and plan["approved_on"] is None
    # a second draft would overwrite the plan: refused
    code, _out, err = _run(capsys, folder, "idplan", "draft", "--year", str(year), "--person", person["person_id"])
    assert code == 2 and person["name"] in err

    target = tmp_path / "แผน.pdf"
    code, out, err = _run(
        capsys, folder, "pdf", "id-plan", "--person", person["person_id"], "--year", str(year), "--out", str(target)
    )
    assert code == 0, err
    text = pdf_text(target)
    assert squeeze(person["name"]) in text
    assert all(squeeze(a["topic"]) in text for a in plan["activities"])
    form = tmp_path / "แบบสำรวจ.pdf"
    code, _out, err = _run(
        capsys, folder, "pdf", "survey-form", "--year", str(year), "--person", person["person_id"], "--out", str(form)
    )
    assert code == 0, err
    assert squeeze(person["name"]) in pdf_text(form)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["survey", "progress", "--year", "99"], "2569"),
        (["survey", "open", "--year", "99"], "2569"),
        (["survey", "export", "{tmp}/out.xlsx", "--year", "99"], "2569"),
        (["idplan", "list", "--year", "99"], "2569"),
        (["idplan", "draft", "--year", "99", "--person", "x"], "2569"),
        (["pdf", "id-plan", "--person", "x", "--year", "99", "--out", "{tmp}/x.pdf"], "2569"),
        (["pdf", "survey-form", "--year", "99", "--out", "{tmp}/x.pdf"], "2569"),
        (["survey", "progress", "--year", "สองพัน"], "--year"),
        (["survey", "progress"], "--year"),
        (["survey", "import", "{tmp}/missing.xlsx"], "missing.xlsx"),
        (["survey", "export", "{tmp}/out.txt", "--year", "2569"], ".xlsx"),
        (["survey", "close", "--year", "2550"], "2550"),
        (["idplan", "draft", "--year", "2569", "--person", "nobody"], "nobody"),
        (["pdf", "id-plan", "--person", "nobody", "--year", "2569", "--out", "{tmp}/x.pdf"], "nobody"),
        (["survey", "shout"], "shout"),
    ],
)
def test_wrong_arguments_are_one_clear_line_and_exit_2(
    demo: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    folder, _year = demo
    before = db_digest(folder)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = _run(capsys, folder, *args)
    assert code == 2, (out, err)
    assert err.startswith("kaplc: ") and err.count("\n") == 1 and "Traceback" not in err
    assert words in err
    assert db_digest(folder) == before
