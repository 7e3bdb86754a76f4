"""kaplc demo district: schools made from a few demo schools by copying, each with ids, codes, national IDs and
keys of its own, sending bundles the district imports; the list, the periods and the matrix filled in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaplc_desktop.cli.main import main
from kaplc_desktop.context import AppContext
from kaplc_desktop.services.demo_district import make_demo_district, school_code


def test_a_demo_district_is_a_district_of_distinct_schools(tmp_path: Path) -> None:
    kept = tmp_path / "schools"
    with AppContext.open(tmp_path / "district", create=True) as ctx:
        made = make_demo_district(ctx, 4, seed=7, keep_in=kept, templates=2)
        assert (made.schools, made.persons > 0, made.meetings > 0) == (4, True, True)
        assert ctx.workspace.get().is_demo
        entries = ctx.school_registry.entries()
        assert {e.code for e in entries if e.registered} == {school_code(n) for n in range(1, 5)}
        senders = {p.owner_code for p in ctx.school_profile.list()}
        assert len(senders) == made.sent and senders <= {school_code(n) for n in range(1, 5)}
        people = ctx.personnel.list()
        assert len({p.id for p in people}) == len(people)  # copied schools share no record id
        ids = [p.national_id for p in people if p.national_id]
        assert len(set(ids)) == len(ids)  # nor a national ID
        tracking = ctx.submission_tracking.tracking()
        assert len(tracking.periods) == 6 and len(tracking.lines) == 4
        assert sum(c.received for line in tracking.lines for c in line.cells) > 0
    # each kept school opens as itself: its own code, database id and key
    fingerprints, db_ids = set(), set()
    for n in range(1, 5):
        with AppContext.open(kept / school_code(n)) as school:
            assert school.workspace.get().school_code == school_code(n)
            db_ids.add(school.db.db_id)
            fingerprints.add(school.sync.keys_info()["fingerprint"])
    assert len(db_ids) == len(fingerprints) == 4


def test_the_command_refuses_a_used_folder_and_a_wrong_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "demo", "district", "--schools", "0"]) == 2
    assert "--schools" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "d"), "demo", "district", "--schools", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["schools"] == 1
    assert main(["--data-dir", str(tmp_path / "d"), "demo", "district", "--schools", "1"]) == 2
    assert "พื้นที่ทำงาน" in capsys.readouterr().err


def test_the_bundles_kept_replay_into_the_district_as_it_was(tmp_path: Path) -> None:
    """What the import benchmark replays: the district's database before its first bundle, and every bundle."""
    import shutil

    kept = tmp_path / "kept"
    with AppContext.open(tmp_path / "district", create=True) as ctx:
        made = make_demo_district(ctx, 3, seed=3, templates=1, bundles_to=kept)
        people = len(ctx.personnel.list())
    bundles = sorted(kept.glob("*.kaplc"))
    trust = (kept / "trust.txt").read_text(encoding="utf-8").split()
    assert len(bundles) == len(trust) == made.sent >= 1
    replay = tmp_path / "replay"
    replay.mkdir()
    shutil.copyfile(kept / "district-before.sqlite3", replay / "kaplc.sqlite3")
    with AppContext.open(replay) as ctx:
        assert ctx.personnel.list() == []  # its keys and its list of schools, no school's data yet
        outcomes = ctx.sync.import_bundles([kept], dry_run=False, trust=trust)
        assert [o.result for o in outcomes] == ["applied"] * len(bundles)
        assert len(ctx.personnel.list()) == people
