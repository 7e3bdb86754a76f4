"""ORM models. Importing this package registers every table on Base.metadata."""

from .meta import DatabaseMeta
from .personnel import Person
from .workspace import Workspace

__all__ = ["DatabaseMeta", "Person", "Workspace"]
