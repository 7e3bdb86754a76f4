"""The kaplc command line: exit codes, JSON output, and nothing written when a command fails."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from xlsx_files import GOOD_ROW, person, roster

from kaplc_desktop.cli.main import main
from kaplc_desktop.data.migrations import HEAD_REVISION

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> str:
    """A hash of every row of every table (opening a database may checkpoint its file, never its rows)."""
    import sqlite3

    conn = sqlite3.connect(folder / "kaplc.sqlite3")
    digest = hashlib.sha256()
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr((table, row)).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def db_rows(folder: Path) -> list[tuple[object, ...]]:
    import sqlite3

    conn = sqlite3.connect(folder / "kaplc.sqlite3")
    try:
        return conn.execute("SELECT * FROM personnel ORDER BY id").fetchall()
    finally:
        conn.close()


def test_init_school_info_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "school")
    code, out, _err = run(
        capsys,
        "--data-dir",
        d,
        "init",
        "school",
        "--code",
        "1090050001",
        "--name",
        "โรงเรียนบ้านนา",
        "--esa",
        "สพป.สงขลา เขต 2",
        "--esa-code",
        "9002",
        "--principal",
        "นายดี มาก",
    )
    assert code == 0 and "โรงเรียนบ้านนา" in out
    code, out, _err = run(capsys, "--data-dir", d, "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert (info["kind"], info["school_code"], info["esa_code"], info["schema_revision"]) == (
        "school",
        "1090050001",
        "9002",
        HEAD_REVISION,
    )
    assert info["counts"] == {
        "personnel": 0,
        "personnel_trash": 0,
        "plc_group": 0,
        "plc_group_trash": 0,
        "plc_meeting": 0,
        "plc_meeting_trash": 0,
        "survey_form": 0,
        "survey_form_trash": 0,
        "id_plan": 0,
        "id_plan_trash": 0,
        "action_project": 0,
        "action_project_trash": 0,
        "portfolio": 0,
        "portfolio_trash": 0,
    }
    code, out, _err = run(capsys, "--data-dir", d, "info")
    assert "รหัสโรงเรียน: 1090050001" in out


def test_init_district(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _err = run(
        capsys, "--data-dir", str(tmp_path), "init", "district", "--esa-code", "9002", "--esa-name", "สพป.สงขลา เขต 2"
    )
    assert code == 0
    code, out, _err = run(capsys, "--data-dir", str(tmp_path), "info", "--json")
    assert json.loads(out)["kind"] == "district"
    code, _out, err = run(capsys, "--data-dir", str(tmp_path), "personnel", "list")
    assert code == 2 and "เขตพื้นที่" in err


@pytest.mark.parametrize(
    "args",
    [
        ["init", "school", "--code", "12AB", "--name", "x", "--esa", "y"],
        ["init", "school", "--code", "1090050001", "--name", " ", "--esa", "y"],
        ["init", "district", "--esa-code", "90", "--esa-name", "x"],
        ["init", "school", "--name", "x"],
        ["personnel", "list"],
        ["info"],
        ["demo", "school", "--staff", "0"],
        ["demo", "school", "--staff", "many"],
        ["no-such-command"],
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    folder = tmp_path / "data"
    code, _out, err = run(capsys, "--data-dir", str(folder), *args)
    assert code == 2
    assert err.startswith("kaplc: ") and err.count("\n") == 1
    assert not folder.exists()


def test_second_init_is_refused(school_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--data-dir", str(school_dir), "info")[0] == 0
    before = snapshot(school_dir)
    code, _out, err = run(
        capsys, "--data-dir", str(school_dir), "init", "district", "--esa-code", "9002", "--esa-name", "x"
    )
    assert code == 2 and "มีพื้นที่ทำงาน" in err
    assert snapshot(school_dir) == before


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lists = []
    for name in ("a", "b"):
        d = str(tmp_path / name)
        assert run(capsys, "--data-dir", d, "demo", "school", "--staff", "25", "--seed", "3")[0] == 0
        _code, out, _err = run(capsys, "--data-dir", d, "personnel", "list", "--json")
        rows = json.loads(out)
        lists.append([(r["national_id"], r["first_name_th"], r["last_name_th"], r["position"]) for r in rows])
    assert lists[0] == lists[1] and len(lists[0]) == 25


def test_personnel_template_import_export_round_trip(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(school_dir)
    template = tmp_path / "t.xlsx"
    assert run(capsys, "--data-dir", d, "personnel", "template", str(template))[0] == 0
    assert template.exists()
    good = roster(tmp_path / "good.xlsx", [GOOD_ROW, person(1), person(2)])
    code, out, _err = run(capsys, "--data-dir", d, "personnel", "import", str(good), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["valid_rows"] == 3 and json.loads(out)["imported"] == 0
    assert db_rows(school_dir) == []
    code, out, _err = run(capsys, "--data-dir", d, "personnel", "import", str(good), "--json")
    assert code == 0 and json.loads(out)["imported"] == 3
    code, out, _err = run(capsys, "--data-dir", d, "personnel", "list")
    assert "x-xxxx-xxxx4-56-7" in out or "บุคลากร 3 คน" in out
    assert "3101234567893" not in out  # masked in lists
    exported = tmp_path / "out.xlsx"
    assert run(capsys, "--data-dir", d, "personnel", "export", str(exported))[0] == 0
    code, out, _err = run(capsys, "--data-dir", d, "personnel", "list", "--json")
    assert {r["national_id"] for r in json.loads(out)} >= {"3101234567893"}


def test_import_with_bad_rows_writes_nothing_unless_asked(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(school_dir)
    mixed = roster(tmp_path / "mixed.xlsx", [GOOD_ROW, person(1, national_id="1101700207031")])
    assert run(capsys, "--data-dir", d, "info")[0] == 0
    before = snapshot(school_dir)
    code, out, err = run(capsys, "--data-dir", d, "personnel", "import", str(mixed))
    assert code == 2 and "ไม่นำเข้าข้อมูลใดเลย" in err
    assert "แถวที่ 3 คอลัมน์ เลขประจำตัวประชาชน" in out
    assert snapshot(school_dir) == before
    code, out, _err = run(capsys, "--data-dir", d, "personnel", "import", str(mixed), "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)["imported"] == 1
    assert len(db_rows(school_dir)) == 1


@pytest.mark.parametrize("content", [b"not a workbook", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600])
def test_hostile_file_exits_2_and_database_is_unchanged(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    assert run(capsys, "--data-dir", str(school_dir), "info")[0] == 0
    before = snapshot(school_dir)
    code, _out, err = run(capsys, "--data-dir", str(school_dir), "personnel", "import", str(bad))
    assert code == 2 and err.startswith("kaplc: ")
    assert snapshot(school_dir) == before


def test_export_refuses_wrong_names_and_missing_folders(
    school_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--data-dir", str(school_dir), "personnel", "export", str(tmp_path / "x.csv"))[0] == 2
    assert run(capsys, "--data-dir", str(school_dir), "personnel", "export", str(tmp_path / "no" / "x.xlsx"))[0] == 2
    assert not (tmp_path / "x.csv").exists()


def test_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--lang", "en", "--data-dir", str(tmp_path / "x"), "info")
    assert code == 2 and "holds no KA-PLC workspace" in err


def test_data_dir_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPLC_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "init", "district", "--esa-code", "9002", "--esa-name", "เขต")[0] == 0
    assert (tmp_path / "env" / "kaplc.sqlite3").exists()


def test_portable_mode_uses_kaplc_data_beside_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplc_desktop import paths

    monkeypatch.delenv("KAPLC_DATA_DIR", raising=False)
    (tmp_path / "kaplc-data").mkdir()
    monkeypatch.setattr(paths, "executable_dir", lambda: tmp_path)
    assert paths.resolve_data_dir(None) == tmp_path / "kaplc-data"
    assert paths.resolve_data_dir(str(tmp_path / "other")) == tmp_path / "other"


def test_console_entry_point_runs_as_a_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kaplc_desktop.cli.main", "--data-dir", str(tmp_path / "p"), "info"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2 and result.stderr.startswith("kaplc: ")
    assert "Traceback" not in result.stderr


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from kaplc_desktop.cli.main import build_parser

    parser = build_parser()
    seen = []
    for args in (
        ["init", "school"],
        ["init", "district"],
        ["demo", "school"],
        ["info"],
        ["personnel", "template"],
        ["personnel", "import"],
        ["personnel", "export"],
        ["personnel", "list"],
        ["keys", "show"],
        ["keys", "enrollment-export"],
        ["keys", "enrollment-import"],
        ["keys", "rotate"],
        ["bundle", "export"],
        ["bundle", "inspect"],
        ["bundle", "import"],
        ["bundle", "feedback"],
        ["bundle", "restore-export"],
        ["district", "settings", "set"],
        ["district", "settings", "show"],
        ["district", "schools"],
        ["school", "show"],
        ["school", "set"],
        ["pdf", "roster"],
        ["pdf", "person"],
        ["pdf", "specimen"],
    ):
        with pytest.raises(SystemExit) as done:
            parser.parse_args([*args, "--help"])
        assert done.value.code == 0
        seen.append(capsys.readouterr().out)
    assert all("วิธีใช้:" in text for text in seen)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in (
        "kaplc init school",
        "kaplc init district",
        "kaplc demo school",
        "kaplc info",
        "kaplc personnel template",
        "kaplc personnel import",
        "kaplc personnel export",
        "kaplc personnel list",
        "kaplc keys show",
        "kaplc keys enrollment-export",
        "kaplc keys enrollment-import",
        "kaplc keys rotate",
        "kaplc bundle export",
        "kaplc bundle inspect",
        "kaplc bundle import",
        "kaplc bundle feedback",
        "kaplc bundle restore-export",
        "kaplc district settings set",
        "kaplc district settings show",
        "kaplc district schools",
        "kaplc school show",
        "kaplc school set",
        "kaplc pdf roster",
        "kaplc pdf person",
        "kaplc pdf specimen",
    ):
        assert command in readme, f"README does not document {command}"


def _demo(tmp_path: Path, capsys: pytest.CaptureFixture[str], staff: int = 12) -> str:
    d = str(tmp_path / "demo")
    assert run(capsys, "--data-dir", d, "demo", "school", "--staff", str(staff))[0] == 0
    return d


@pytest.mark.parametrize(
    "args",
    [
        ("bundle", "inspect", "{missing}.kaplc"),
        ("keys", "enrollment-import", "{missing}.json"),
        ("personnel", "import", "{missing}.xlsx"),
        ("pdf", "specimen", "--out", "{out}", "--image", "{missing}.png"),
    ],
)
def test_a_missing_file_is_said_to_be_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    d = _demo(tmp_path, capsys)
    filled = [a.format(missing=tmp_path / "nowhere", out=tmp_path / "s.pdf") for a in args]
    code, out, err = run(capsys, "--data-dir", d, *filled)
    assert code == 2 and err.startswith("kaplc: ไม่พบไฟล์") and err.count("\n") == 1, (out, err)
    assert not (tmp_path / "s.pdf").exists()


def test_personnel_list_has_a_heading_and_pdf_person_takes_a_national_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _demo(tmp_path, capsys)
    code, out, _err = run(capsys, "--data-dir", d, "personnel", "list")
    assert code == 0 and out.splitlines()[0].split("\t") == ["เลขประจำตัวประชาชน", "ชื่อ", "ตำแหน่ง", "วิทยฐานะ", "สถานะ"]
    people = json.loads(run(capsys, "--data-dir", d, "personnel", "list", "--json")[1])
    someone = next(p for p in people if p["national_id"])
    nid = someone["national_id"]
    dashed = f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"
    code, out, err = run(capsys, "--data-dir", d, "pdf", "person", "--id", dashed, "--out", str(tmp_path / "p.pdf"))
    assert code == 0 and (tmp_path / "p.pdf").is_file(), err
    code, _out, err = run(
        capsys, "--data-dir", d, "pdf", "person", "--id", "1101700207030", "--out", str(tmp_path / "q.pdf")
    )
    assert code == 2 and "1-1017-00207-03-0" in err and not (tmp_path / "q.pdf").exists()


def test_pdf_roster_can_include_staff_who_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pypdfium2 as pdfium

    d = _demo(tmp_path, capsys)
    people = json.loads(run(capsys, "--data-dir", d, "personnel", "list", "--json")[1])
    assert (
        run(
            capsys,
            "--data-dir",
            d,
            "personnel",
            "edit",
            "--id",
            people[3]["id"],
            "--set",
            "status=ย้ายออก",
            "--set",
            "status_date=01/10/2569",
        )[0]
        == 0
    )

    def text(*extra: str) -> str:
        target = tmp_path / f"r{len(extra)}.pdf"
        assert run(capsys, "--data-dir", d, "pdf", "roster", "--out", str(target), *extra)[0] == 0
        pdf = pdfium.PdfDocument(target)
        found = "".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        return found

    leaver = people[3]["last_name_th"]
    assert leaver not in text()
    with_leavers = text("--include-inactive")
    assert leaver in with_leavers and "ย้ายออก" in with_leavers


def test_output_piped_into_head_ends_quietly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kaplc personnel list | head -1`: no crash report, no log entry, exit 0 (the list is longer than a pipe
    holds, so the program is still writing when the reader stops)."""
    d = _demo(tmp_path, capsys, staff=1500)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kaplc_desktop.cli.main", "--data-dir", d, "personnel", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader stops, as head does
    err = proc.stderr.read().decode()
    assert proc.wait() == 0 and err == ""
    assert not list((Path(d) / "logs").glob("*crash*")) and "Traceback" not in "".join(
        p.read_text(errors="replace") for p in (Path(d) / "logs").glob("*") if p.is_file()
    )


def test_a_pdf_aimed_at_a_folder_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder named like the PDF (report.pdf/) is said at once, in the user's words, and nothing is written."""
    from kaplc_desktop.i18n import _

    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "demo", "school")[0] == 0
    folder = tmp_path / "report.pdf"
    folder.mkdir()
    code, _out, err = run(capsys, "--data-dir", str(data), "pdf", "roster", "--out", str(folder))
    assert code != 0 and _("{path} is a folder; name the file in it.").format(path=folder) in err, err
    assert list(folder.iterdir()) == [] and list(tmp_path.glob(".report.pdf.*")) == []
    code, _out, err = run(capsys, "--data-dir", str(data), "pdf", "roster", "--out", str(tmp_path))
    assert code != 0 and _("{path} is a folder; name the file in it.").format(path=tmp_path) in err, err  # not ".pdf"


def test_what_a_terminal_would_act_on_prints_as_a_mark_and_json_keeps_it_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A forged name with a bell, a right-to-left override or a lone surrogate (kept in a parked row) never acts
    on the district's terminal; in JSON it stays readable by a script."""
    import json

    from kaplc_desktop.cli.output import emit_json, say

    forged = "ก\x07ข\u202eค\ud800ง\x1b[2J"
    say(forged)
    assert capsys.readouterr().out == "ก�ข�ค�ง�[2J\n"
    emit_json({"name": forged})
    assert json.loads(capsys.readouterr().out) == {"name": forged}
