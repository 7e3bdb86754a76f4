from __future__ import annotations

import pytest
from support import teacher

from kaplc_desktop.context import AppContext
from kaplc_desktop.errors import NotFoundError, ValidationError


def test_add_edit_delete_restore(school_ctx: AppContext) -> None:
    people = school_ctx.personnel
    added = people.add(teacher(first_name_en="Somchai", last_name_en="Jaidee"))
    assert [p.id for p in people.list()] == [added.id]
    assert added.full_name_en == "Somchai Jaidee"
    changed = people.update(added.id, teacher(subject="คณิตศาสตร์ ป.5", academic_standing="ชำนาญการ (คศ.2)"))
    assert (changed.subject, changed.academic_standing) == ("คณิตศาสตร์ ป.5", "professional")
    people.delete(added.id)
    assert people.list() == []
    assert [p.id for p in people.list(deleted=True)] == [added.id]
    restored = people.restore(added.id)
    assert restored.deleted_at is None and people.list(deleted=True) == []


def test_duplicates_are_refused(school_ctx: AppContext) -> None:
    people = school_ctx.personnel
    people.add(teacher())
    with pytest.raises(ValidationError, match="เลขประจำตัวประชาชนนี้"):
        people.add(teacher(first_name_th="คนอื่น"))
    with pytest.raises(ValidationError, match="ชื่อเดียวกัน"):
        people.add(teacher(national_id=""))
    # same name, both with different IDs: two real people
    people.add(teacher(national_id="3101234567893"))
    assert len(people.list()) == 2


def test_an_invalid_edit_changes_nothing(school_ctx: AppContext) -> None:
    person = school_ctx.personnel.add(teacher())
    with pytest.raises(ValidationError):
        school_ctx.personnel.update(person.id, teacher(first_name_th=""))
    assert school_ctx.personnel.get(person.id) == person


def test_restore_refuses_when_the_same_person_was_added_again(school_ctx: AppContext) -> None:
    people = school_ctx.personnel
    first = people.add(teacher())
    people.delete(first.id)
    people.add(teacher())
    with pytest.raises(ValidationError, match="กู้คืนรายการนี้ไม่ได้"):
        people.restore(first.id)
    assert people.get(first.id).deleted_at is not None


def test_unknown_id(school_ctx: AppContext) -> None:
    with pytest.raises(NotFoundError):
        school_ctx.personnel.delete("missing")


def test_demo_staff_is_deterministic_and_valid(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kaplc_desktop.domain.person_rules import clean_person
    from kaplc_desktop.services.demo_data import demo_staff

    a, b = demo_staff(120, seed=7), demo_staff(120, seed=7)
    assert a == b and a != demo_staff(120, seed=8)
    assert {p.position for p in a} >= {"director", "teacher", "assistant_teacher"}
    for p in a:  # every generated record passes the same rules as typed ones
        values = p.as_dict() | {"learning_areas": list(p.learning_areas)}
        assert clean_person(values).as_dict() == p.as_dict()


def test_a_duplicate_national_id_names_who_holds_it(school_ctx: AppContext) -> None:
    school_ctx.personnel.add(teacher(first_name_th="สมศรี", last_name_th="มีสุข"))
    with pytest.raises(ValidationError) as refused:
        school_ctx.personnel.add(teacher(first_name_th="สมหญิง", last_name_th="ใจงาม"))
    (error,) = refused.value.errors
    assert error.field == "national_id" and "สมศรี มีสุข" in error.message
