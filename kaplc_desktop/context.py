"""AppContext: the open workspace — lock, database and services — built the same way by UI, CLI and tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from . import attachment_store
from .data import reads
from .data.database import Database, open_database
from .data.instance_lock import InstanceLock
from .data_folders import check_data_folder
from .errors import WorkspaceError
from .i18n import _
from .paths import backups_dir, database_path
from .server_link import read_link, resolve_server_url, save_link
from .services.attachments import AttachmentIndex
from .services.district_settings import DistrictSettingsService
from .services.personnel import PersonnelService
from .services.school_profile import SchoolProfileService
from .services.undo import UndoJournal
from .services.workspace import SchoolSetup, WorkspaceInfo, WorkspaceService, require_workspace
from .temp_files import clean_tmp

if TYPE_CHECKING:
    from .services.dashboards.service import DistrictDashboards
    from .services.district_projects import DistrictPlanService, DistrictProjectService
    from .services.forums import ForumService
    from .services.hrd_plans import ActionProjectService, HrdPlanService, HrdReviewService
    from .services.id_plans import IdPlanService
    from .services.plc_groups import PlcGroupService
    from .services.plc_hours import PlcHoursService
    from .services.plc_meetings import PlcMeetingService
    from .services.portfolio_review import PortfolioReviewService, ReviewerService, RubricService
    from .services.portfolios import PortfolioDecisionService, PortfolioService
    from .services.records import RecordService
    from .services.school_registry import SchoolRegistryService
    from .services.submission_tracking import (
        SubmissionPeriodService,
        SubmissionReviewService,
        SubmissionTracking,
    )
    from .services.survey import SurveyService
    from .sync.service import SyncService


@dataclass
class AppContext:
    data_dir: Path
    db: Database
    lock: InstanceLock
    workspace: WorkspaceService = field(init=False)
    _personnel: PersonnelService | None = field(default=None, init=False)
    _school_profile: SchoolProfileService | None = field(default=None, init=False)
    _plc_groups: PlcGroupService | None = field(default=None, init=False)
    _plc_meetings: PlcMeetingService | None = field(default=None, init=False)
    _survey: SurveyService | None = field(default=None, init=False)
    undo: UndoJournal = field(default_factory=UndoJournal, init=False)  # this session's edits, for Edit → Undo
    _link_if_created: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.workspace = WorkspaceService(self.db)
        self._bind_owner(self.workspace.get())

    @classmethod
    def open(
        cls, data_dir: Path, create: bool = False, server_url: str | None = None, local_only: bool = False
    ) -> AppContext:
        """Locks the data folder, then creates (if `create`) or upgrades its database after a backup. The database
        is the folder's own file, or the server named by server_url, KAPLC_DB_URL or the folder's saved link
        (server_link.py); a folder holding its own file never opens a server. local_only: always the folder's own
        file (the demo, the self-test)."""
        url = None if local_only else resolve_server_url(data_dir, server_url)
        if url is not None and read_link(data_dir) is None and database_path(data_dir).exists():
            raise WorkspaceError(
                _(
                    "The folder {folder} holds a workspace of its own, so it does not open a server's database "
                    "(--db-url or KAPLC_DB_URL). To move its data to the server: kaplc --data-dir … server move."
                ).format(folder=data_dir)
            )
        if url is None and not create and not database_path(data_dir).exists():
            raise WorkspaceError(
                _(
                    "The folder {folder} holds no KA-PLC workspace yet. Set one up first with "
                    "“kaplc init school …”, “kaplc init district …” or “kaplc demo school”, "
                    "or open the app."
                ).format(folder=data_dir)
            )
        check_data_folder(data_dir)
        lock = InstanceLock(data_dir)
        lock.acquire()
        try:
            db = open_database(database_path(data_dir), backups_dir(data_dir), url)
        except BaseException:
            lock.release()
            raise
        if db.store.is_server:  # files added on other staff's computers come from the server when needed
            store = db.store
            attachment_store.share_through(data_dir, lambda sha: reads.attachment_content(store, sha))
        clean_tmp(data_dir)  # what a crash during an import left behind (decrypted payloads)
        if attachment_store.attachments_dir(data_dir).is_dir():
            attachment_store.remove_orphans(data_dir, reads.attachment_hashes(db.store))
        ctx = cls(data_dir, db, lock)
        if url is not None and read_link(data_dir) != url and ctx.workspace.get() is None:
            ctx._link_if_created = url  # a workspace set up on this server now: the folder will remember it
        return ctx

    def _bind_owner(self, info: WorkspaceInfo | None) -> None:
        self.db.set_owner(info.owner_code if info else "")

    def refresh_workspace(self) -> WorkspaceInfo | None:
        """Call after the workspace was created, so new records carry its owner code."""
        info = self.workspace.get()
        self._bind_owner(info)
        return info

    def create_demo_school(
        self, staff: int = 40, seed: int = 1, photo_kb: int | None = None, plc: bool = False
    ) -> WorkspaceInfo:
        """A school workspace marked as demo data, filled with `staff` generated personnel (with photos of
        about photo_kb KB each when asked) and, with `plc`, last year's and this year's PLC groups and meetings
        and development cycle (surveys, ID plans, the HR development plan, projects and outcomes) and showcase
        portfolios."""
        from .services.demo_data import DEMO_SCHOOL, demo_staff  # only when a demo is made

        d = DEMO_SCHOOL
        self.workspace.init_school(SchoolSetup(d.code, d.name, d.esa_name, d.esa_code, d.principal, demo=True))
        info = self.refresh_workspace()
        assert info is not None
        self.personnel.add_many(demo_staff(staff, seed))
        director = next((p for p in self.personnel.list() if p.position == "director"), None)
        if director is not None:  # the director in the staff list is the one who signs
            SchoolProfileService(self.db).set_fields(info.owner_code, {"principal_name": director.full_name_th})
            info = self.refresh_workspace() or info
        if photo_kb:
            self.add_demo_photos(seed, photo_kb)
        if plc:
            from .services.demo_plc import demo_plc

            demo_plc(self, seed)
            from .services.demo_development import demo_development

            demo_development(self, seed)
            from .services.demo_portfolios import demo_portfolios

            demo_portfolios(self, seed)
        return info

    def add_demo_photos(self, seed: int, photo_kb: int) -> int:
        from . import attachment_store
        from .services.demo_photos import demo_photo

        people = self.personnel.list()
        for n, person in enumerate(people):
            content = demo_photo(seed * 100_003 + n, photo_kb)
            sha = attachment_store.put_bytes(self.data_dir, content)
            self.attachments.register(sha, len(content), "image/png")
            self.personnel.set_photo(person.id, sha)
        return len(people)

    @property
    def district_settings(self) -> DistrictSettingsService:
        return DistrictSettingsService(self.db, require_workspace(self.workspace.get()))

    @property
    def sync(self) -> SyncService:
        """Keys, bundles and enrollment (loaded on first use: it brings the ORM and libsodium)."""
        from .sync.service import SyncService

        return SyncService(self.data_dir, self.db, require_workspace(self.workspace.get()))

    @property
    def attachments(self) -> AttachmentIndex:
        return AttachmentIndex(self.db, self.data_dir)

    @property
    def personnel(self) -> PersonnelService:
        if self._personnel is None:
            self._personnel = PersonnelService(self.db, journal=self.undo)
        return self._personnel

    @property
    def plc_groups(self) -> PlcGroupService:
        from .services.plc_groups import PlcGroupService

        if self._plc_groups is None:
            self._plc_groups = PlcGroupService(self.db, journal=self.undo)
        return self._plc_groups

    @property
    def plc_meetings(self) -> PlcMeetingService:
        from .services.plc_meetings import PlcMeetingService

        if self._plc_meetings is None:
            self._plc_meetings = PlcMeetingService(self.db, self.data_dir, journal=self.undo)
        return self._plc_meetings

    @property
    def plc_hours(self) -> PlcHoursService:
        return self.plc_hours_of(None)

    def plc_hours_of(self, school: str | None) -> PlcHoursService:
        """PLC hours of this school (None), or at a district of the school with that code."""
        from .services.plc_hours import PlcHoursService

        return PlcHoursService(self.db, require_workspace(self.workspace.get()), school)

    @property
    def survey(self) -> SurveyService:
        from .services.survey import SurveyService

        if self._survey is None:
            self._survey = SurveyService(self.db, journal=self.undo)
        return self._survey

    @property
    def id_plans(self) -> IdPlanService:
        from .services.id_plans import IdPlanService

        return IdPlanService(self.db, journal=self.undo)

    @property
    def hrd_plans(self) -> HrdPlanService:
        from .services.hrd_plans import HrdPlanService

        return HrdPlanService(self.db, journal=self.undo)

    @property
    def hrd_reviews(self) -> HrdReviewService:
        from .services.hrd_plans import HrdReviewService

        return HrdReviewService(self.db, journal=self.undo)

    @property
    def action_projects(self) -> ActionProjectService:
        from .services.hrd_plans import ActionProjectService

        return ActionProjectService(self.db, journal=self.undo)

    @property
    def achievement(self) -> RecordService:
        """The learning-achievement results the school tracks."""
        from .domain.kinds.outcomes import ACHIEVEMENT_RESULT
        from .services.records import RecordService

        return RecordService(self.db, ACHIEVEMENT_RESULT, journal=self.undo)

    @property
    def agreements(self) -> RecordService:
        """Each person's performance-agreement tasks and their results."""
        from .domain.kinds.outcomes import PERFORMANCE_AGREEMENT
        from .services.records import RecordService

        return RecordService(self.db, PERFORMANCE_AGREEMENT, journal=self.undo)

    @property
    def portfolios(self) -> PortfolioService:
        """Showcase portfolios with their owners, sections, files, figures and awards."""
        from .services.portfolios import PortfolioService

        return PortfolioService(self.db, self.data_dir, journal=self.undo)

    @property
    def portfolio_decisions(self) -> PortfolioDecisionService:
        """The district's selection decisions on schools' portfolios."""
        from .services.portfolios import PortfolioDecisionService

        return PortfolioDecisionService(self.db, journal=self.undo)

    @property
    def school_registry(self) -> SchoolRegistryService:
        """The district's registry of its schools, beside the profiles the schools send."""
        from .services.school_registry import SchoolRegistryService

        return SchoolRegistryService(self.db, journal=self.undo)

    @property
    def submission_periods(self) -> SubmissionPeriodService:
        """What the district expects from its schools, and by when."""
        from .services.submission_tracking import SubmissionPeriodService

        return SubmissionPeriodService(self.db, journal=self.undo)

    @property
    def submission_reviews(self) -> SubmissionReviewService:
        from .services.submission_tracking import SubmissionReviewService

        return SubmissionReviewService(self.db, journal=self.undo)

    @property
    def submission_tracking(self) -> SubmissionTracking:
        """Who has sent what is due: the matrix and the rates."""
        from .services.submission_tracking import SubmissionTracking

        return SubmissionTracking(self.db)

    @property
    def district_plans(self) -> DistrictPlanService:
        """The district's own 3-year HRD plans and annual action plans."""
        from .services.district_projects import DistrictPlanService

        return DistrictPlanService(self.db, journal=self.undo)

    @property
    def district_projects(self) -> DistrictProjectService:
        """The district's development projects, each with the people it is for."""
        from .services.district_projects import DistrictProjectService

        return DistrictProjectService(self.db, journal=self.undo)

    @property
    def review_rubrics(self) -> RubricService:
        """The district's scoring rubrics for portfolios."""
        from .services.portfolio_review import RubricService

        return RubricService(self.db, journal=self.undo)

    @property
    def reviewers(self) -> ReviewerService:
        from .services.portfolio_review import ReviewerService

        return ReviewerService(self.db, journal=self.undo)

    @property
    def portfolio_reviews(self) -> PortfolioReviewService:
        """Reviewers' scores on portfolios, the ranking and the selection."""
        from .services.portfolio_review import PortfolioReviewService

        return PortfolioReviewService(self.db, journal=self.undo)

    @property
    def forums(self) -> ForumService:
        """The district's presentation forums and their programmes."""
        from .services.forums import ForumService

        return ForumService(self.db, journal=self.undo)

    @property
    def dashboards(self) -> DistrictDashboards:
        """The district's dashboards: PLC hours, needs, competencies, portfolios and awards."""
        from .services.dashboards.service import DistrictDashboards

        return DistrictDashboards(self.db)

    @property
    def school_profile(self) -> SchoolProfileService:
        if self._school_profile is None:
            self._school_profile = SchoolProfileService(self.db, journal=self.undo)
        return self._school_profile

    def service_for(self, kind: str) -> Any:
        """The service that keeps records of a declared kind (to undo an edit of it)."""
        services = {
            "personnel": lambda: self.personnel,
            "school_profile": lambda: self.school_profile,
            "plc_group": lambda: self.plc_groups,
            "plc_meeting": lambda: self.plc_meetings,
            "survey_round": lambda: self.survey,
            "id_plan": lambda: self.id_plans,
            "hrd_plan": lambda: self.hrd_plans,
            "hrd_review": lambda: self.hrd_reviews,
            "action_project": lambda: self.action_projects,
            "achievement_result": lambda: self.achievement,
            "performance_agreement": lambda: self.agreements,
            "portfolio": lambda: self.portfolios,
            "portfolio_decision": lambda: self.portfolio_decisions,
            "registered_school": lambda: self.school_registry,
            "submission_period": lambda: self.submission_periods,
            "submission_review": lambda: self.submission_reviews,
            "district_plan": lambda: self.district_plans,
            "district_project": lambda: self.district_projects,
            "review_rubric": lambda: self.review_rubrics,
            "portfolio_reviewer": lambda: self.reviewers,
            "portfolio_review": lambda: self.portfolio_reviews,
            "presentation_forum": lambda: self.forums,
        }
        return services[kind]()

    def close(self) -> None:
        try:
            if self._link_if_created is not None and self.workspace.get() is not None:
                save_link(self.data_dir, self._link_if_created)
            attachment_store.share_through(self.data_dir, None)
            self.db.close()
            self.db.remember_high_water()
        finally:
            self.lock.release()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
