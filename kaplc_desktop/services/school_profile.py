"""The school's profile: one record per school, edited after set-up (Settings, `kaplc school set`) and sent to
the district, which keeps the profile of every school it hears from. The declaration does the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..domain.kinds.school_profile import SCHOOL_PROFILE
from ..errors import KaplcError, NotFoundError, ValidationError
from ..i18n import _
from .record_rows import row_type
from .records import RecordService

SchoolProfileRow = row_type(SCHOOL_PROFILE, name="SchoolProfileRow")


class SchoolProfileService(RecordService):
    kind = SCHOOL_PROFILE
    row = SchoolProfileRow

    def _not_found(self, record_id: str) -> str:
        return _("This school has no profile yet.")

    def own(self, school_code: str) -> Any:
        """The school's own profile (a school workspace always has one from its set-up or upgrade)."""
        found = self.list(owner_code=school_code)
        if not found:
            raise NotFoundError(self._not_found(school_code))
        return found[0]

    def delete(self, record_id: str) -> None:
        """A school always has its profile: it is edited, never deleted."""
        raise KaplcError(_("The school's profile cannot be deleted; edit it instead."))

    def set_fields(self, school_code: str, changes: Mapping[str, object], today: dt.date | None = None) -> Any:
        """Changes some fields of the school's own profile, checked by the form's rules."""
        if not changes:
            raise ValidationError([], _('Say which fields to change, for example principal_name="นายสมชาย ใจดี".'))
        return self.edit(self.own(school_code).id, changes, today)
