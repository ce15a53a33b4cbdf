"""Everything the KS year-end report shows, gathered in a fixed number of queries.

``year_end_data(kommun, year)`` reads the register once per section (DESIGN §4.4)
with prefetches and sums made in the database, so the number of queries does not
grow with the number of actions, projects or reports. Key figures come from
``projects.key_figures`` (the start page uses the same functions), and each
organisation's section from the frozen snapshot of its approved annual report.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from actions.models import Action, ActionUpdate
from actions.models import Status as ActionStatus
from intkommun.models import Organisation
from projects import key_figures
from projects.models import (
    FundAllocation,
    FundApplication,
    FundTotals,
    InternationalFund,
    Partnership,
    Project,
)
from reports.facts import ReportFacts, report_facts
from reports.models import AnnualReport, FollowUpRound, GoalAssessment
from reports.services import reference_day
from strategies.models import Goal, Indicator, IndicatorValue, Strategy

YEARS_SHOWN = 3


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
class IndicatorRow:
    indicator: Indicator
    # The value of each year shown, None where none was recorded.
    values: list[Any]


@dataclass(frozen=True)
class GoalSection:
    goal: Goal
    indicators: list[IndicatorRow]
    assessments: list[GoalAssessment]


@dataclass(frozen=True)
class FocusAreaSection:
    title: str
    actions: list[Action]


@dataclass(frozen=True)
class PlanSection:
    plan: Strategy
    areas: list[FocusAreaSection]

    @property
    def action_count(self) -> int:
        return sum(len(area.actions) for area in self.areas)


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
    generated_on: datetime.date = field(default_factory=datetime.date.today)

    @property
    def current(self) -> YearFigures:
        return self.years[-1]

    @property
    def status_rows(self) -> list[StatusCount]:
        """Actions by status, one row per status, one count per year shown."""
        return [
            StatusCount(
                str(label), [year.actions_with_status(value) for year in self.years]
            )
            for value, label in ActionStatus.choices
        ]

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
    organisations, not_reported = _organisation_sections(follow_up_round)
    projects = _projects(kommun, year)
    return YearEndData(
        kommun=kommun,
        year=year,
        years=_year_figures(kommun, year),
        goals=_goal_sections(kommun, year, follow_up_round),
        plans=_plan_sections(kommun, year),
        eu_projects=[p for p in projects if p.kind == Project.Kind.EU_PROJECT],
        other_projects=[p for p in projects if p.kind != Project.Kind.EU_PROJECT],
        applications=_applications(kommun, year),
        fund=_fund_section(kommun, year),
        organisations=organisations,
        not_reported=not_reported,
        has_round=follow_up_round is not None,
        partnerships=_partnerships(kommun),
        strategies=_strategies(kommun, year),
    )


# --- 1. summary -----------------------------------------------------------------


def _year_figures(kommun: Organisation, year: int) -> list[YearFigures]:
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
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
    return [
        YearFigures(
            year=shown,
            figures=key_figures.key_figures(kommun, shown),
            actions_by_status=_actions_by_status(kommun, shown),
            organisations_reported=reported.get(shown, 0),
        )
        for shown in years
    ]


def _actions_of_year(kommun: Organisation, year: int) -> Any:
    """The kommun's actions that ran, were ongoing or were logged during the year.

    An action's status is its status today: the register keeps no status per year.
    """
    in_year = ActionUpdate.objects.filter(occurred_on__year=year)
    return Action.objects.filter(plan__kommun=kommun).filter(
        Q(pk__in=Action.objects.active_in_year(year).values("pk"))
        | Q(is_ongoing=True, starts_on__isnull=True, ends_on__isnull=True)
        | Q(pk__in=in_year.values("action"))
    )


def _actions_by_status(kommun: Organisation, year: int) -> dict[str, int]:
    rows = (
        _actions_of_year(kommun, year)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return dict(rows)


# --- 2. goals -------------------------------------------------------------------


def _goal_sections(
    kommun: Organisation, year: int, follow_up_round: FollowUpRound | None
) -> list[GoalSection]:
    in_force = Strategy.objects.in_force(reference_day(year)).filter(kommun=kommun)
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    values = IndicatorValue.objects.filter(year__in=years).order_by("year")
    indicators = Indicator.objects.prefetch_related(
        Prefetch("values", queryset=values)
    ).order_by("name", "pk")
    goals = (
        Goal.objects.filter(kind=Goal.Kind.GOAL, strategy__in=in_force.values("pk"))
        .select_related("strategy")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("strategy__title", "strategy__pk", "order", "pk")
    )
    assessments = defaultdict(list)
    if follow_up_round is not None:
        for assessment in GoalAssessment.objects.filter(
            report__round=follow_up_round,
            report__status=AnnualReport.Status.APPROVED,
        ).select_related("report__organisation"):
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
        )
        for goal in goals
    ]


def _indicator_row(indicator: Indicator, years: list[int]) -> IndicatorRow:
    by_year = {value.year: value.value for value in indicator.values.all()}
    return IndicatorRow(indicator, [by_year.get(year) for year in years])


# --- 3. the action plan ---------------------------------------------------------


def _plan_sections(kommun: Organisation, year: int) -> list[PlanSection]:
    year_end = datetime.date(year, 12, 31)
    latest = ActionUpdate.objects.filter(
        action=OuterRef("pk"), occurred_on__lte=year_end
    ).order_by("-occurred_on", "-created_at")
    actions = (
        _actions_of_year(kommun, year)
        .select_related("plan", "focus_area")
        .annotate(
            latest_update_on=Subquery(latest.values("occurred_on")[:1]),
            latest_update_text=Subquery(latest.values("text")[:1]),
        )
        .order_by(
            "plan__title",
            "plan__pk",
            "focus_area__number",
            "position",
            "reference",
            "pk",
        )
    )
    grouped: dict[Strategy, dict[str, list[Action]]] = {}
    for action in actions:
        area = str(action.focus_area) if action.focus_area else ""
        grouped.setdefault(action.plan, {}).setdefault(area, []).append(action)
    return [
        PlanSection(
            plan=plan,
            areas=[FocusAreaSection(title, rows) for title, rows in areas.items()],
        )
        for plan, areas in grouped.items()
    ]


# --- 4. projects and applications -----------------------------------------------


def _projects(kommun: Organisation, year: int) -> list[Project]:
    return list(
        Project.objects.in_kommun(kommun)
        .running_in_year(year)
        .select_related("owner", "programme")
        .order_by("kind", "starts_on", "title", "pk")
    )


def _applications(kommun: Organisation, year: int) -> list[Project]:
    return list(
        Project.objects.in_kommun(kommun)
        .submitted_in_year(year)
        .select_related("owner", "programme")
        .order_by("submitted_on", "title", "pk")
    )


# --- 5. the international fund --------------------------------------------------


def _fund_section(kommun: Organisation, year: int) -> FundSection | None:
    applications = FundApplication.objects.select_related(
        "applicant", "allocation"
    ).order_by("submitted_on", "pk")
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
) -> tuple[list[OrganisationSection], list[Organisation]]:
    if follow_up_round is None:
        return [], []
    reports = (
        follow_up_round.reports.select_related("organisation", "contact_person")
        .prefetch_related("activities", "goal_assessments")
        .order_by("organisation__name", "pk")
    )
    approved, missing = [], []
    for report in reports:
        if report.status == AnnualReport.Status.APPROVED:
            approved.append(OrganisationSection(report, report_facts(report)))
        else:
            missing.append(report.organisation)
    return approved, missing


# --- 7. appendix ----------------------------------------------------------------


def _partnerships(kommun: Organisation) -> list[Partnership]:
    return list(
        Partnership.objects.in_kommun(kommun)
        .exclude(status=Partnership.Status.ENDED)
        .select_related("responsible_organisation")
        .order_by("kind", "name", "pk")
    )


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
