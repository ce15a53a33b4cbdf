"""Everything the KS year-end report shows, gathered in a fixed number of queries.

``year_end_data(kommun, year)`` reads the register once per section (DESIGN §4.4)
with prefetches and sums made in the database, so the number of queries does not
grow with the number of actions, projects or reports. Each organisation's section
comes from the frozen snapshot of its approved annual report.

Every year is shown as it stood at its end (31 December, Europe/Stockholm), read
from the change history, so that nothing changed afterwards leaks into it:

* actions: which ones, their status and latest progress by the rule of
  ``actions.year_end`` (the newer of the status held at year end and the status
  set by the newest progress entry dated in or before the year);
* projects and applications: as held at year end (``projects.year_end``);
* key figures: ``projects.key_figures.key_figures_at_year_end``, for up to
  ``YEARS_SHOWN`` years, never before the first year the kommun's register holds
  anything (``first_year_with_data``).

The action plan lists, per plan, the actions dated in the year by focus area, then
its standing and undated commitments ("Löpande åtaganden") whether or not progress
was logged on them.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Subquery
from django.utils.translation import gettext as _

from actions.models import Action, ActionUpdate
from actions.status_scale import STANDARD, StatusScale, scale_for
from actions.year_end import action_records_of_year, actions_as_of
from intkommun.models import Organisation
from projects import key_figures
from projects.models import (
    FundAllocation,
    FundApplication,
    FundTotals,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    Project,
)
from projects.models.projects import running_in_year_q
from projects.year_end import kommun_project_records, projects_as_of
from reports.facts import ReportFacts, report_facts
from reports.models import (
    AnnualReport,
    FollowUpRound,
    GoalAssessment,
    KommunGoalAssessment,
)
from reports.services import kommun_goals_to_assess, reference_day
from reports.year_end.activities import PartnershipActivities, partnerships_of_year
from reports.year_end.programmes import ProgrammeTable, projects_by_programme
from strategies.models import Goal, Indicator, IndicatorValue, Strategy

YEARS_SHOWN = 5


@dataclass(frozen=True)
class YearFigures:
    """The summary figures of one year."""

    year: int
    figures: key_figures.KeyFigures
    actions_by_status: dict[str, int]
    organisations_reported: int

    @property
    def actions_total(self) -> int:
        return sum(self.actions_by_status.values())

    def actions_with_status(self, status: str) -> int:
        return self.actions_by_status.get(status, 0)


@dataclass(frozen=True)
class StatusCount:
    label: str
    counts: list[int]


@dataclass(frozen=True)
class FigureRow:
    """One key figure over the years shown: a row of the summary and of the Excel
    appendix."""

    label: str
    values: list[Any]  # one per year; None where not known
    is_money: bool = False
    is_part: bool = False  # a part of the row above (a status of the actions)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    # The value of each year shown, None where none was recorded.
    values: list[Any]


@dataclass(frozen=True)
class GoalSection:
    goal: Goal
    indicators: list[IndicatorRow]
    assessments: list[GoalAssessment]
    # The coordinator's judgement for the whole kommun, if one was made.
    kommun_assessment: KommunGoalAssessment | None = None


@dataclass(frozen=True)
class FocusAreaSection:
    title: str
    actions: list[Action]


@dataclass(frozen=True)
class PlanSection:
    plan: Strategy
    areas: list[FocusAreaSection]
    # Standing and undated commitments ("Löpande åtaganden"), listed every year.
    standing: list[Action] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(area.actions) for area in self.areas) + len(self.standing)


@dataclass(frozen=True)
class FundSection:
    fund: InternationalFund
    totals: FundTotals
    allocations: list[FundAllocation]
    applications: list[FundApplication]


@dataclass(frozen=True)
class OrganisationSection:
    report: AnnualReport
    facts: ReportFacts

    @property
    def organisation(self) -> Organisation:
        return self.report.organisation


@dataclass(frozen=True)
class YearEndData:
    kommun: Organisation
    year: int
    years: list[YearFigures]
    goals: list[GoalSection]
    plans: list[PlanSection]
    eu_projects: list[Project]
    other_projects: list[Project]
    applications: list[Project]
    fund: FundSection | None
    organisations: list[OrganisationSection]
    not_reported: list[Organisation]
    has_round: bool
    partnerships: list[Partnership]
    strategies: list[Strategy]
    partnership_activities: PartnershipActivities
    programmes: ProgrammeTable
    generated_on: datetime.date = field(default_factory=datetime.date.today)
    # Submitted (or returned for changes) but not approved: they did report.
    awaiting_approval: list[AnnualReport] = field(default_factory=list)
    # The kommun's words for the statuses of its actions.
    status_scale: StatusScale = STANDARD

    @property
    def current(self) -> YearFigures:
        return self.years[-1]

    @property
    def status_rows(self) -> list[StatusCount]:
        """Actions by status, one row per status, one count per year shown."""
        return [
            StatusCount(label, [year.actions_with_status(value) for year in self.years])
            for value, label in self.status_scale.choices()
        ]

    @property
    def figure_rows(self) -> list[FigureRow]:
        return figure_rows(self.years, self.status_scale)

    @property
    def action_count(self) -> int:
        return sum(plan.action_count for plan in self.plans)

    @property
    def year_numbers(self) -> list[int]:
        return [figures.year for figures in self.years]


def year_end_data(kommun: Organisation, year: int) -> YearEndData:
    """The whole report of a kommun's year (a fixed number of queries)."""
    kommun = kommun if kommun.is_kommun else kommun.kommun
    follow_up_round = FollowUpRound.objects.filter(kommun=kommun, year=year).first()
    organisations, awaiting, not_reported = _organisation_sections(follow_up_round)
    projects = _projects(kommun, year)
    years = shown_years(kommun, year)
    actions = {shown: _actions_of_year(kommun, shown) for shown in years}
    partnerships = partnerships_of_year(kommun, year)
    return YearEndData(
        kommun=kommun,
        year=year,
        years=_year_figures(kommun, years, actions),
        goals=_goal_sections(kommun, year, follow_up_round, years),
        plans=_plan_sections(actions[year]),
        eu_projects=[p for p in projects if p.kind == Project.Kind.EU_PROJECT],
        other_projects=[p for p in projects if p.kind != Project.Kind.EU_PROJECT],
        applications=_applications(kommun, year),
        fund=_fund_section(kommun, year),
        organisations=organisations,
        not_reported=not_reported,
        has_round=follow_up_round is not None,
        partnerships=partnerships.running,
        strategies=_strategies(kommun, year),
        awaiting_approval=awaiting,
        partnership_activities=partnerships.activities,
        programmes=projects_by_programme(kommun, year),
        status_scale=scale_for(kommun),
    )


# --- 1. summary: up to five years, each as it stood at its end -------------------


def shown_years(kommun: Organisation, year: int) -> list[int]:
    """The year and up to ``YEARS_SHOWN - 1`` before it, from the first year the
    kommun's register holds anything (so no columns of zeros before that)."""
    first = first_year_with_data(kommun)
    start = year - YEARS_SHOWN + 1
    if first is not None:
        start = max(start, min(first, year))
    else:
        start = year
    return list(range(start, year + 1))


def first_year_with_data(kommun: Organisation) -> int | None:
    """The first year of anything dated in the kommun's register (one query): an
    action's start, a progress entry, a plan's validity or adoption, a project's
    submission, decision or start, a partnership activity, a follow-up round."""
    actions = Action.objects.with_removed().filter(plan__kommun=kommun)
    plans = Strategy.objects.filter(pk__in=actions.values("plan"))
    projects = Project.objects.with_removed().in_kommun(kommun)
    sources = [
        (actions, "starts_on"),
        (ActionUpdate.objects.with_removed().filter(action__in=actions), "occurred_on"),
        (plans, "valid_from"),
        (plans, "adopted_on"),
        (projects, "submitted_on"),
        (projects, "decision_on"),
        (projects, "starts_on"),
        (
            PartnershipActivity.objects.filter(
                partnership__responsible_organisation__kommun=kommun.kommun_id
            ),
            "occurred_on",
        ),
    ]
    firsts = {
        f"first_{index}": _first(queryset, name)
        for index, (queryset, name) in enumerate(sources)
    }
    firsts["first_round"] = _first(FollowUpRound.objects.filter(kommun=kommun), "year")
    row = Organisation.objects.filter(pk=kommun.pk).values(**firsts).first() or {}
    years = [
        value if isinstance(value, int) else value.year
        for value in row.values()
        if value is not None
    ]
    return min(years, default=None)


def _first(queryset: Any, name: str) -> Subquery:
    ordered = queryset.filter(**{f"{name}__isnull": False}).order_by(name)
    return Subquery(ordered.values(name)[:1])


def key_figure_years(kommun: Organisation, year: int) -> list[YearFigures]:
    """The key figures of the years shown, each as it stood at its end (for the
    Excel appendix, without the rest of the report)."""
    years = shown_years(kommun, year)
    actions = {shown: _actions_of_year(kommun, shown) for shown in years}
    return _year_figures(kommun, years, actions)


def figure_rows(
    years: list[YearFigures], scale: StatusScale = STANDARD
) -> list[FigureRow]:
    """The key figures of the summary, one row each, in the order shown; the
    statuses of the actions in the words of the kommun's ``scale``."""

    def row(label: Any, value: Any, **kind: bool) -> FigureRow:
        return FigureRow(str(label), [value(y) for y in years], **kind)

    statuses = [
        row(label, lambda y, status=value: y.actions_with_status(status), is_part=True)
        for value, label in scale.choices()
    ]
    return [
        row(_("Actions in the action plan"), lambda y: y.actions_total),
        *statuses,
        row(_("Active EU projects"), lambda y: y.figures.active_eu_projects),
        row(_("Applications submitted"), lambda y: y.figures.applications.submitted),
        row(_("Applications granted"), lambda y: y.figures.applications.granted),
        row(_("Applications rejected"), lambda y: y.figures.applications.rejected),
        row(
            _("External funding granted"),
            lambda y: y.figures.external_funding_sek,
            is_money=True,
        ),
        row(
            _("External funding per inhabitant"),
            lambda y: y.figures.external_funding_per_inhabitant,
            is_money=True,
        ),
        row(_("Active twin towns"), lambda y: y.figures.partnerships.twin_towns),
        row(_("Active networks"), lambda y: y.figures.partnerships.networks),
        row(_("Young participants"), lambda y: y.figures.young_participants),
        row(_("Organisations that reported"), lambda y: y.organisations_reported),
    ]


def _actions_of_year(kommun: Organisation, year: int) -> list[Action]:
    """The kommun's actions of the year as they stood at its end (one query)."""
    in_force = Strategy.objects.in_force(reference_day(year)).filter(kommun=kommun)
    records = (
        action_records_of_year(year, in_force)
        .filter(plan__kommun=kommun)
        .order_by(
            "plan__title",
            "plan__pk",
            "focus_area__number",
            "position",
            "reference",
            "id",
        )
    )
    return actions_as_of(records, year)


def _year_figures(
    kommun: Organisation, years: list[int], actions: dict[int, list[Action]]
) -> list[YearFigures]:
    reported = dict(
        AnnualReport.objects.filter(
            round__kommun=kommun,
            round__year__in=years,
            status=AnnualReport.Status.APPROVED,
        )
        .values_list("round__year")
        .annotate(count=Count("pk"))
        .order_by()
    )
    figures = key_figures.key_figures_at_year_end(kommun, years)
    return [
        YearFigures(
            year=shown,
            figures=year_figures,
            actions_by_status=dict(Counter(a.status for a in actions[shown])),
            organisations_reported=reported.get(shown, 0),
        )
        for shown, year_figures in zip(years, figures, strict=True)
    ]


# --- 2. goals -------------------------------------------------------------------


def _goal_sections(
    kommun: Organisation,
    year: int,
    follow_up_round: FollowUpRound | None,
    years: list[int],
) -> list[GoalSection]:
    values = IndicatorValue.objects.filter(year__in=years).order_by("year")
    indicators = Indicator.objects.prefetch_related(
        Prefetch("values", queryset=values)
    ).order_by("name", "pk")
    goals = kommun_goals_to_assess(kommun, year).prefetch_related(
        Prefetch("indicators", queryset=indicators)
    )
    kommun_assessments = {
        assessment.goal_id: assessment
        for assessment in KommunGoalAssessment.objects.of_year(kommun, year)
        if not assessment.is_empty
    }
    assessments = defaultdict(list)
    if follow_up_round is not None:
        approved = GoalAssessment.objects.filter(
            report__round=follow_up_round,
            report__status=AnnualReport.Status.APPROVED,
        )
        # Each row joins its report: without its facts, decoded from JSON per row
        # (750 assessments at scale 5 took 170 ms of the year's 520 ms).
        for assessment in approved.select_related("report__organisation").defer(
            "report__snapshot"
        ):
            assessments[assessment.goal_id].append(assessment)
    return [
        GoalSection(
            goal=goal,
            indicators=[
                _indicator_row(indicator, years) for indicator in goal.indicators.all()
            ],
            assessments=sorted(
                assessments[goal.pk], key=lambda a: a.report.organisation.name
            ),
            kommun_assessment=kommun_assessments.get(goal.pk),
        )
        for goal in goals
    ]


def _indicator_row(indicator: Indicator, years: list[int]) -> IndicatorRow:
    by_year = {value.year: value.value for value in indicator.values.all()}
    return IndicatorRow(indicator, [by_year.get(year) for year in years])


# --- 3. the action plan ---------------------------------------------------------


def _plan_sections(actions: list[Action]) -> list[PlanSection]:
    """Per plan: the actions dated in the year by focus area, then the standing
    and undated commitments (``actions`` as of year end, in the plan's order)."""
    areas: dict[Strategy, dict[str, list[Action]]] = {}
    standing: dict[Strategy, list[Action]] = {}
    for action in actions:
        areas.setdefault(action.plan, {})
        if action.starts_on is None and action.ends_on is None:
            standing.setdefault(action.plan, []).append(action)
            continue
        area = str(action.focus_area) if action.focus_area else ""
        areas[action.plan].setdefault(area, []).append(action)
    return [
        PlanSection(
            plan=plan,
            areas=[FocusAreaSection(title, rows) for title, rows in plan_areas.items()],
            standing=standing.get(plan, []),
        )
        for plan, plan_areas in areas.items()
    ]


# --- 4. projects and applications, as they stood at the end of the year ----------


def _projects(kommun: Organisation, year: int) -> list[Project]:
    records = kommun_project_records(kommun, year).filter(running_in_year_q(year))
    return projects_as_of(records.order_by("kind", "starts_on", "title", "id"))


def _applications(kommun: Organisation, year: int) -> list[Project]:
    records = kommun_project_records(kommun, year).filter(submitted_on__year=year)
    return projects_as_of(records.order_by("submitted_on", "title", "id"))


# --- 5. the international fund --------------------------------------------------


def _fund_section(kommun: Organisation, year: int) -> FundSection | None:
    applications = (
        FundApplication.objects.select_related(
            "applicant", "allocation", "project", "call"
        )
        .prefetch_related("partnerships", "actions")
        .order_by("submitted_on", "pk")
    )
    fund = (
        InternationalFund.objects.filter(kommun=kommun, year=year)
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=FundAllocation.objects.with_granted().order_by("pk"),
            ),
            Prefetch("applications", queryset=applications),
        )
        .first()
    )
    if fund is None:
        return None
    return FundSection(
        fund=fund,
        totals=fund.totals,
        allocations=list(fund.allocations.all()),
        applications=list(fund.applications.all()),
    )


# --- 6. the organisations' reports ----------------------------------------------


def _organisation_sections(
    follow_up_round: FollowUpRound | None,
) -> tuple[list[OrganisationSection], list[AnnualReport], list[Organisation]]:
    """Approved reports in full; submitted ones awaiting approval; and the
    organisations that never submitted."""
    if follow_up_round is None:
        return [], [], []
    reports = (
        follow_up_round.reports.select_related("organisation", "contact_person")
        .prefetch_related("activities", "goal_assessments")
        .order_by("organisation__name", "pk")
    )
    approved, awaiting, missing = [], [], []
    for report in reports:
        if report.status == AnnualReport.Status.APPROVED:
            approved.append(OrganisationSection(report, report_facts(report)))
        elif report.status in AWAITING_STATUSES:
            awaiting.append(report)
        else:
            missing.append(report.organisation)
    return approved, awaiting, missing


# Reports that reached the coordinator but are not approved yet.
AWAITING_STATUSES = (AnnualReport.Status.SUBMITTED, AnnualReport.Status.RETURNED)


# --- 7. appendix ----------------------------------------------------------------


def _strategies(kommun: Organisation, year: int) -> list[Strategy]:
    """In force at the end of the year, each with the chain of versions it
    replaces (``earlier_versions``), in a fixed number of queries."""
    return (
        Strategy.objects.in_force(reference_day(year))
        .filter(kommun=kommun)
        .select_related("document_type", "adopted_by")
        .order_by("title", "pk")
        .with_earlier_versions()
    )
