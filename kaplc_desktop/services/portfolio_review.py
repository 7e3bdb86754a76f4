"""The district's review of portfolios: rubrics with weighted criteria, reviewers, each reviewer's scores and
comment, the ranking per rubric (one award category at one level), and the selection of the top works as decisions
that reach the schools.

A review's total is its weighted share of the highest scores, out of 100: Σ weight × score / highest ÷ Σ weight ×
100; a portfolio's total is the mean of its reviewers' totals. Works tied on the total share a rank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain import vocabularies
from ..domain.kinds.portfolio import PORTFOLIO
from ..domain.kinds.portfolio_review import (
    PORTFOLIO_REVIEW,
    PORTFOLIO_REVIEWER,
    REVIEW_RUBRIC,
    REVIEW_SCORE,
    RUBRIC_CRITERION,
)
from ..errors import FieldError, KaplcError, ValidationError
from ..i18n import N_, _
from .child_records import PARENT_NOT_SAVED, write_children
from .records import RecordService, model_of, stored_values

RANKS = ("winner", "runner_up_1", "runner_up_2")  # the award ranks of the first three places
MAX_CRITERIA = 30


def _now() -> dt.datetime:
    from ..data.types import utcnow

    return utcnow()


class RubricService(RecordService):
    kind = REVIEW_RUBRIC

    def _not_found(self, record_id: str) -> str:
        return _("No scoring rubric with id {id} was found. List them with “kaplc district rubric list”.").format(
            id=record_id
        )

    def criteria(self, rubric_id: str) -> list[Any]:
        found = RecordService(self._db, RUBRIC_CRITERION).list(match={"rubric_id": rubric_id})
        return sorted(found, key=lambda c: c.position)

    def save(
        self,
        raw: Mapping[str, object],
        criteria: Sequence[Mapping[str, object]],
        rubric_id: str | None = None,
        today: dt.date | None = None,
    ) -> Any:
        """Adds or changes a rubric with exactly these criteria (name, weight, max_score), in their order."""
        self._require_district()
        values = self.clean(raw, today)
        if not criteria:
            raise ValidationError(FieldError("criteria", _("A rubric needs at least one criterion.")))
        if len(criteria) > MAX_CRITERIA:
            raise ValidationError(
                FieldError("criteria", _("A rubric has at most {n} criteria.").format(n=MAX_CRITERIA))
            )
        cleaned = []
        problems: list[FieldError] = []
        service = RecordService(self._db, RUBRIC_CRITERION)
        for n, criterion in enumerate(criteria):
            try:
                cleaned.append(
                    {
                        **service.clean({"rubric_id": PARENT_NOT_SAVED, **criterion}, today),
                        "position": n,
                    }
                )
            except ValidationError as exc:
                problems += [
                    FieldError(e.field, _("Criterion {n}: {message}").format(n=n + 1, message=e.message))
                    for e in exc.errors
                ]
        if problems:
            raise ValidationError(problems)
        if rubric_id is not None:
            self._keep_reviewed_criteria(rubric_id, cleaned)
        self._refuse_overlap(values, rubric_id)
        wanted = [{k: v for k, v in c.items() if k != "rubric_id"} for c in cleaned]
        return self._save_with_children(
            values, rubric_id, RUBRIC_CRITERION, "rubric_id", wanted, lambda m: m["position"]
        )

    def _keep_reviewed_criteria(self, rubric_id: str, cleaned: Sequence[Mapping[str, Any]]) -> None:
        """Once a work is scored, the criteria keep their number, order, weights and highest scores (a score is
        of its criterion: removing or moving one would count it against another). Their names may be corrected."""
        reviews = PortfolioReviewService(self._db).list(match={"rubric_id": rubric_id})
        if not reviews:
            return
        held = [(c.weight, c.max_score) for c in self.criteria(rubric_id)]
        if held != [(c["weight"], c["max_score"]) for c in cleaned]:
            raise ValidationError(
                FieldError(
                    "criteria",
                    _(
                        "{n} reviews were scored with these criteria, so their number, order, weights and highest "
                        "scores cannot change (only their names). Make a new rubric for other criteria."
                    ).format(n=len(reviews)),
                )
            )

    def _refuse_overlap(self, values: Mapping[str, Any], rubric_id: str | None) -> None:
        """One rubric judges a work at a level: two would overwrite each other's decisions."""
        for other in self.list():
            if other.id == rubric_id or other.academic_year != values["academic_year"]:
                continue
            same_works = (
                other.category is None or values.get("category") is None or other.category == values["category"]
            )
            if other.level == values["level"] and same_works:
                raise ValidationError(
                    FieldError(
                        "category",
                        _(
                            "“{other}” already judges these works at this level; a second rubric would overwrite its "
                            "decisions. Choose another award category, or change that rubric."
                        ).format(other=other.name),
                    )
                )


class ReviewerService(RecordService):
    kind = PORTFOLIO_REVIEWER

    def _not_found(self, record_id: str) -> str:
        return _("No reviewer with id {id} was found. List them with “kaplc district reviewer list”.").format(
            id=record_id
        )

    def add(self, raw: Mapping[str, object], today: dt.date | None = None) -> Any:
        self._require_district()
        return super().add(raw, today)


@dataclass(frozen=True)
class Ranked:
    """A portfolio in a rubric's ranking."""

    portfolio: Any
    totals: tuple[float, ...]  # each complete review's total, out of 100
    rank: int | None  # None: not reviewed yet
    decision: str | None  # the district's decision at the rubric's level, if made

    @property
    def total(self) -> float | None:
        return sum(self.totals) / len(self.totals) if self.totals else None


class PortfolioReviewService(RecordService):
    kind = PORTFOLIO_REVIEW

    def _not_found(self, record_id: str) -> str:
        return _("No review with id {id} was found.").format(id=record_id)

    def eligible(self, rubric: Any) -> list[Any]:
        """The works the rubric judges: sent to the district (not drafts), of its year, of its category if it has
        one."""
        return [
            p
            for p in RecordService(self._db, PORTFOLIO).list(match={"academic_year": rubric.academic_year})
            if p.status != "draft" and (rubric.category is None or p.category == rubric.category)
        ]

    def held(self, rubric_id: str, portfolio_id: str, reviewer_id: str | None) -> tuple[Any, dict[str, int]] | None:
        """A reviewer's live review of a work under a rubric, with its scores (hundredths) by criterion."""
        if not reviewer_id:
            return None
        found = [
            r
            for r in self.list(match={"rubric_id": rubric_id, "portfolio_id": portfolio_id})
            if r.reviewer_id == reviewer_id
        ]
        if not found:
            return None
        scores = RecordService(self._db, REVIEW_SCORE).list(match={"review_id": found[0].id})
        return found[0], {s.criterion_id: s.score for s in scores}

    def score(
        self,
        rubric_id: str,
        portfolio_id: str,
        reviewer_id: str,
        scores: Mapping[int, object],
        comment: str = "",
        today: dt.date | None = None,
    ) -> Any:
        """A reviewer's scores (by the criterion's position, from 0) and comment on a portfolio: every criterion
        scored, each from 0 to its highest. A second review by the same reviewer replaces the first."""
        from ..domain.record_kind import identity_record_id

        self._require_district()
        today = today or dt.date.today()
        rubric = RubricService(self._db).get(rubric_id)
        reviewer = ReviewerService(self._db).get(reviewer_id)
        portfolio = RecordService(self._db, PORTFOLIO).get(portfolio_id)
        if rubric.deleted_at is not None or reviewer.deleted_at is not None:
            raise KaplcError(_("The rubric or the reviewer is in the Trash; restore it first."))
        if portfolio.deleted_at is not None:
            raise KaplcError(
                _("The school has deleted “{work}”: it is no longer sent to the district and cannot be judged.").format(
                    work=portfolio.name
                )
            )
        if portfolio.id not in {p.id for p in self.eligible(rubric)}:
            raise KaplcError(
                _("“{work}” is not judged by “{rubric}”: it must be sent to the district, of {year}{category}.").format(
                    work=portfolio.name,
                    rubric=rubric.name,
                    year=rubric.academic_year,
                    category=(", " + vocabularies.label("award_category", rubric.category)) if rubric.category else "",
                )
            )
        criteria = RubricService(self._db).criteria(rubric_id)
        score_service = RecordService(self._db, REVIEW_SCORE)
        problems: list[FieldError] = []
        wanted = []
        for criterion in criteria:
            raw = scores.get(criterion.position)
            if raw is None or str(raw).strip() == "":
                problems.append(
                    FieldError("scores", _("Give a score for “{criterion}”.").format(criterion=criterion.name))
                )
                continue
            try:
                value = score_service.clean(
                    # as typed (8, 7.5): a Score field reads a whole number given as int as hundredths already
                    {
                        "review_id": PARENT_NOT_SAVED,
                        "criterion_id": criterion.id,
                        "score": str(raw),
                    },
                    today,
                )["score"]
            except ValidationError as exc:  # not a number, or more than two decimals: said as such
                problems += [
                    FieldError("scores", f"“{criterion.name}”: {e.message}") for e in exc.errors if e.field == "score"
                ]
                continue
            if not 0 <= value <= criterion.max_score * 100:  # hundredths
                problems.append(
                    FieldError(
                        "scores",
                        _("“{criterion}” is scored from 0 to {most}.").format(
                            criterion=criterion.name, most=criterion.max_score
                        ),
                    )
                )
                continue
            wanted.append({"criterion_id": criterion.id, "score": value})
        unknown = set(scores) - {c.position for c in criteria}
        if unknown:
            problems.append(
                FieldError(
                    "scores",
                    _("The rubric has criteria 1 to {n}; there is no criterion {which}.").format(
                        n=len(criteria), which=", ".join(str(u + 1) for u in sorted(unknown))
                    ),
                )
            )
        if problems:
            raise ValidationError(problems)
        values = self.clean(
            {
                "rubric_id": rubric.id,
                "portfolio_id": portfolio.id,
                "reviewer_id": reviewer.id,
                "school_code": portfolio.owner_code,
                "comment": comment,
                "reviewed_on": today,
            },
            today,
        )
        record_id = identity_record_id(self.kind, values)
        with self._db.sessions.begin() as session:
            review = session.get(model_of(self.kind), record_id)
            if review is None:  # the id comes from (rubric, portfolio, reviewer): every copy makes the same record
                review, before = model_of(self.kind)(id=record_id, **stored_values(values)), None
                session.add(review)
            else:
                before = self._values(review)
                for key, value in stored_values(values).items():
                    setattr(review, key, value)
                review.deleted_at = None
            session.flush()
            others = write_children(
                session, REVIEW_SCORE, "review_id", review.id, wanted, lambda m: m["criterion_id"], self._values, _now()
            )
            session.flush()
            step = self._step(_("Add") if before is None else _("Edit"), [(review, before)], others)
        self._remember(step)
        return self.get(record_id)

    def ranking(self, rubric_id: str) -> list[Ranked]:
        """The rubric's works, best total first; works not reviewed yet last, unranked."""
        rubric = RubricService(self._db).get(rubric_id)
        criteria = {c.id: c for c in RubricService(self._db).criteria(rubric_id)}
        weight_sum = sum(c.weight for c in criteria.values())
        reviewers = {r.id for r in ReviewerService(self._db).list()}  # a reviewer taken off no longer counts
        reviews = [r for r in self.list(match={"rubric_id": rubric_id}) if r.reviewer_id in reviewers]
        scores: dict[str, list[Any]] = {}
        for s in RecordService(self._db, REVIEW_SCORE).list(match={"review_id": [r.id for r in reviews]}):
            scores.setdefault(s.review_id, []).append(s)
        totals: dict[str, list[float]] = {}
        for review in reviews:
            given = {s.criterion_id: s.score for s in scores.get(review.id, []) if s.criterion_id in criteria}
            if len(given) < len(criteria) or not weight_sum:
                continue  # the rubric gained a criterion since: this review is not complete
            total = sum(criteria[c].weight * v / (criteria[c].max_score * 100) for c, v in given.items())
            totals.setdefault(review.portfolio_id, []).append(total / weight_sum * 100)
        decided = {
            d.portfolio_id: d.result
            for d in RecordService(self._db, _decision_kind()).list(match={"level": rubric.level})
        }
        works = self.eligible(rubric)
        found = [Ranked(p, tuple(totals.get(p.id, ())), None, decided.get(p.id)) for p in works]
        found.sort(key=lambda r: (r.total is None, -(r.total or 0), r.portfolio.name))
        ranked: list[Ranked] = []
        for n, item in enumerate(found):
            if item.total is None:
                ranked.append(item)
                continue
            earlier = ranked[-1] if ranked else None
            same = earlier is not None and earlier.total is not None and round(earlier.total, 6) == round(item.total, 6)
            ranked.append(Ranked(item.portfolio, item.totals, earlier.rank if same else n + 1, item.decision))
        return ranked

    def ranking_table(self, rubric_id: str) -> Any:
        """The ranking as a dashboard table (the window, the command line and Excel)."""
        from .dashboards.figures import Column, Table
        from .dashboards.schools import SchoolDirectory
        from .school_registry import SchoolRegistryService

        rubric = RubricService(self._db).get(rubric_id)
        schools = SchoolDirectory.of(SchoolRegistryService(self._db))
        ranking = self.ranking(rubric_id)
        rows = []
        for item in ranking:
            school = schools[item.portfolio.owner_code]
            rows.append(
                (
                    item.rank,
                    item.portfolio.name,
                    school.name,
                    school.cluster,
                    len(item.totals),
                    item.total,
                    vocabularies.label("selection_result", item.decision) if item.decision else "",
                    school.code,
                    item.portfolio.id[:8],
                )
            )
        return Table(
            "ranking",
            _("Ranking: {rubric}").format(rubric=rubric.name),
            (
                Column("rank", _("Rank"), "count"),
                Column("title", _("Title of the work")),
                Column("school", _("School")),
                Column("cluster", _("Cluster")),
                Column("reviews", _("Reviews"), "count"),
                Column("total", _("Score (of 100)"), "level"),
                Column("decision", _("Decision")),
                Column("school_code", _("School code")),
                Column("work_id", _("Work's id")),
            ),
            tuple(rows),
            note=_(
                "The mean of the reviewers' weighted scores; a work not reviewed yet has no rank. Judged: the works of "
                "{year}{category} sent to the district."
            ).format(
                year=rubric.academic_year,
                category=(", " + vocabularies.label("award_category", rubric.category)) if rubric.category else "",
            )
            + (" " + _(STALE_SELECTION) if selection_is_stale(ranking) else ""),
            row_ids=tuple(item.portfolio.id for item in ranking),
        )

    def selection_is_stale(self, rubric_id: str) -> bool:
        return selection_is_stale(self.ranking(rubric_id))

    def select(self, rubric_id: str, top: int, today: dt.date | None = None) -> tuple[int, int]:
        """Records the rubric's decisions in one step (one Edit → Undo takes it back): the works ranked within the
        first `top` selected at its level (the first three with their rank, when not tied), every other reviewed
        work not selected; each decision carries the reviewers' comments to the school. Returns (selected, not)."""
        from ..domain.record_kind import identity_record_id
        from .portfolios import PortfolioDecisionService

        self._require_district()
        if top < 1:
            raise KaplcError(_("Select at least one work (the first N of the ranking, N from 1)."))
        rubric = RubricService(self._db).get(rubric_id)
        if rubric.deleted_at is not None:
            raise KaplcError(_("The rubric is in the Trash; restore it before selecting with it."))
        today = today or dt.date.today()
        ranking = [r for r in self.ranking(rubric_id) if r.rank is not None]
        if not ranking:
            raise KaplcError(_("No work is scored yet with “{rubric}”: score them first.").format(rubric=rubric.name))
        comments = self._comments(rubric_id)
        decisions = PortfolioDecisionService(self._db, journal=self.journal)
        ranks = [r.rank for r in ranking]
        changes: list[tuple[Any, dict[str, Any] | None]] = []
        chosen = 0
        with self._db.sessions.begin() as session:
            for item in ranking:
                assert item.rank is not None
                selected = item.rank <= top
                tied = ranks.count(item.rank) > 1
                values = decisions.clean(
                    {
                        "portfolio_id": item.portfolio.id,
                        "school_code": item.portfolio.owner_code,
                        "level": rubric.level,
                        "result": "selected" if selected else "not_selected",
                        "rank": RANKS[item.rank - 1] if selected and item.rank <= len(RANKS) and not tied else None,
                        "decided_on": today,
                        "comment": comments.get(item.portfolio.id) or None,
                    },
                    today,
                )
                record_id = identity_record_id(decisions.kind, values)
                record = session.get(model_of(decisions.kind), record_id)
                if record is None:
                    record = model_of(decisions.kind)(id=record_id, **stored_values(values))
                    session.add(record)
                    changes.append((record, None))
                else:
                    before = decisions._values(record)
                    for key, value in stored_values(values).items():
                        setattr(record, key, value)
                    record.deleted_at = None
                    changes.append((record, before))
                chosen += selected
            session.flush()
            step = decisions._step(_("Select"), changes, label=_("Select with “{rubric}”").format(rubric=rubric.name))
        decisions._remember(step)
        return chosen, len(ranking) - chosen

    def _comments(self, rubric_id: str) -> dict[str, str]:
        """Each work's reviewers' comments, one per line (the reviewers unnamed): what the school reads."""
        reviewers = {r.id for r in ReviewerService(self._db).list()}
        found: dict[str, list[str]] = {}
        for review in self.list(match={"rubric_id": rubric_id}):
            if review.reviewer_id in reviewers and (review.comment or "").strip():
                found.setdefault(review.portfolio_id, []).append("- " + review.comment.strip())
        return {work: "\n".join(lines)[:4000] for work, lines in found.items()}


def _decision_kind() -> Any:
    from ..domain.kinds.portfolio import PORTFOLIO_DECISION

    return PORTFOLIO_DECISION


STALE_SELECTION = N_(
    "The ranking has changed since the works were selected (more scores, or a work not decided yet): select again "
    "to bring the decisions in line."
)


def selection_is_stale(ranking: Sequence[Any]) -> bool:
    """Whether decisions were recorded and the ranking no longer agrees with them: a ranked work without a
    decision, or a work not selected that now ranks above one selected."""
    ranked = [r for r in ranking if r.rank is not None]
    if not any(r.decision for r in ranked):
        return False  # nothing selected yet: nothing to go stale
    if any(not r.decision for r in ranked):
        return True
    chosen = [r.rank for r in ranked if r.decision == "selected"]
    return bool(chosen) and any(r.decision != "selected" and r.rank < max(chosen) for r in ranked)
