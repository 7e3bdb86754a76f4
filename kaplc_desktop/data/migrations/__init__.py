"""Alembic migrations, shipped inside the package so the frozen app can run them.

KNOWN_REVISIONS lists every revision in order, so opening a current database needs no Alembic import
(a test keeps it equal to Alembic's own history).
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
