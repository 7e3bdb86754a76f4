"""Which competencies a person is assessed on, and the level expected of them, in the July survey.

Three sets, by the kind of work: teachers (OBEC 2553: 5 core + 6 job-line), school administrators (ก.ค.ศ.: 4 core +
4 job-line) and other education personnel and employees (the civil-service core five). The set follows the
person's position first (a deputy director is assessed as an administrator, a contract teacher as a teacher) and
their employment type otherwise. The expected level by position and academic standing is this app's default (no
official table was found); it is stored on each rating when a survey form is made, so the principal can change it
for a person and a later change of standing does not rewrite last year's survey.
"""

from __future__ import annotations

from typing import Any

from . import vocabularies

SET_TEACHER = "teacher"
SET_ADMINISTRATOR = "administrator"
SET_SUPPORT = "support"

_SETS: dict[str, tuple[str, ...]] = {
    SET_TEACHER: ("competency_teacher_core", "competency_teacher_functional"),
    SET_ADMINISTRATOR: ("competency_admin_core", "competency_admin_functional"),
}
_SUPPORT = ("achievement", "service", "expertise", "integrity", "teamwork")
_CORE_LISTS = ("competency_teacher_core", "competency_admin_core")

_TEACHING_POSITIONS = frozenset({"assistant_teacher", "teacher", "contract_teacher"})
_ADMIN_POSITIONS = frozenset({"deputy_director", "director"})
_SUPPORT_POSITIONS = frozenset({"other_personnel", "admin_officer", "janitor"})

# expected level (competency_level 1–5) by academic standing; an assistant or contract teacher is still learning
_EXPECTED_BY_STANDING = {"none": 3, "professional": 3, "senior_professional": 4, "expert": 5, "senior_expert": 5}
_EXPECTED_NEW = 2
_EXPECTED_DEFAULT = 3


def set_for(position: str | None, personnel_group: str | None) -> str:
    """The competency set a person is assessed on."""
    if position in _ADMIN_POSITIONS:
        return SET_ADMINISTRATOR
    if position in _TEACHING_POSITIONS:
        return SET_TEACHER
    if position in _SUPPORT_POSITIONS:
        return SET_SUPPORT
    if personnel_group == "administrator":
        return SET_ADMINISTRATOR
    if personnel_group == "teacher":
        return SET_TEACHER
    return SET_SUPPORT


def set_of(person: Any) -> str:
    return set_for(getattr(person, "position", None), getattr(person, "personnel_group", None))


def competencies(competency_set: str) -> tuple[str, ...]:
    """The competency codes of a set, core first, in the order the forms list them."""
    if competency_set == SET_SUPPORT:
        return _SUPPORT
    lists = _SETS.get(competency_set, ())
    return tuple(t.code for name in lists for t in vocabularies.terms(name))


def is_core(competency_set: str, code: str) -> bool:
    if competency_set == SET_SUPPORT:
        return True
    core = _SETS.get(competency_set, ("",))[0]
    return core in _CORE_LISTS and vocabularies.find(core, code) is not None


def label(code: str, competency_set: str | None = None, language: str | None = None) -> str:
    """A competency's name as its set words it (an administrator's การมุ่งผลสัมฤทธิ์ is a teacher's
    การมุ่งผลสัมฤทธิ์ในการปฏิบัติงาน)."""
    for name in _SETS.get(competency_set or "", ()):
        term = vocabularies.find(name, code)
        if term is not None:
            return term.label(language)
    return vocabularies.label("competency", code, language)


def expected_level(position: str | None, academic_standing: str | None) -> int:
    """The level expected of a person (1–5) before the principal changes it."""
    if position in ("assistant_teacher", "contract_teacher"):
        return _EXPECTED_NEW
    return _EXPECTED_BY_STANDING.get(academic_standing or "", _EXPECTED_DEFAULT)


def expected_of(person: Any) -> int:
    return expected_level(getattr(person, "position", None), getattr(person, "academic_standing", None))
