"""The KS report's data: every section of DESIGN §4.4 with the right figures, in a
number of queries that does not grow with the register."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action, ActionUpdate
from bench.load_data import load_data
from projects.models import (
    FundAllocation,
    FundApplication,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    Project,
)
from reports import charts
from reports.year_end.data import year_end_data
from reports.year_end.document import summary_charts
from strategies.models import Strategy
from tests.reports.conftest import YEAR, approved, make_project, submitted
from tests.strategy_factories import (
    FocusAreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db

Kind = Project.Kind
Status = Project.Status


def build_registry(
    *, plan: Strategy, goals: list, owner: Any, kommun: Any, size: int = 1
) -> dict[str, Any]:
    """A year of international work: ``size`` times the actions and projects."""
    area = FocusAreaFactory(strategy=plan, number=1, title="Internationella nätverk")
    indicator = IndicatorFactory(goal=goals[0], name="Deltagande elever", unit="st")
    IndicatorValueFactory(indicator=indicator, year=YEAR - 1, value=Decimal(10))
    IndicatorValueFactory(indicator=indicator, year=YEAR, value=Decimal(25))
    add_work(plan=plan, area=area, owner=owner, numbers=range(size))
    fund = InternationalFund.objects.create(
        kommun=kommun, year=YEAR, budget=Decimal("500000")
    )
    allocation = FundAllocation.objects.create(
        fund=fund, name="Skolutbyten", amount=Decimal("250000")
    )
    FundApplication.objects.create(
        fund=fund,
        allocation=allocation,
        applicant=owner,
        purpose="Resa till Radviliskis",
        amount_requested=Decimal("100000"),
        submitted_on=datetime.date(YEAR, 3, 1),
        status=FundApplication.Status.GRANTED,
        decided_on=datetime.date(YEAR, 4, 1),
        granted_amount=Decimal("80000"),
        amount_used=Decimal("50000"),
    )
    Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Nordiskt vänortssamarbete",
        responsible_organisation=kommun,
    )
    return {"fund": fund, "area": area, "indicator": indicator}


def add_work(*, plan: Strategy, area: Any, owner: Any, numbers: range) -> None:
    """One action with two updates, one running EU project and one rejected
    application for each number."""
    for number in numbers:
        action = Action.objects.create(
            plan=plan,
            focus_area=area,
            title=f"Vidareutveckla skolutbyten {number}",
            reference=f"1.{number}",
            timing_text="Hela 2017",
            responsible_text="Internationell samordnare",
            starts_on=datetime.date(YEAR, 1, 1),
            ends_on=datetime.date(YEAR, 12, 31),
            status="done" if number == 0 else "in_progress",
        )
        action.responsible_organisations.set([owner])
        for month, young in [(3, 2), (10, 8)]:
            ActionUpdate.objects.create(
                action=action,
                occurred_on=datetime.date(YEAR, month, 1),
                text=f"Uppdatering {month}.",
                participants=10,
                young_participants=young,
            )
        make_project(
            owner,
            title=f"Elevutbyte {number}",
            kind=Kind.EU_PROJECT,
            status=Status.ONGOING,
            submitted_on=datetime.date(YEAR - 1, 3, 1),
            decision_on=datetime.date(YEAR, 1, 15),
            starts_on=datetime.date(YEAR, 2, 1),
            ends_on=datetime.date(YEAR + 1, 6, 30),
            municipality_budget=Decimal("400000"),
            eu_grant=Decimal("300000"),
        )
        make_project(
            owner,
            title=f"Ansökan {number}",
            kind=Kind.EU_PROJECT,
            status=Status.REJECTED,
            submitted_on=datetime.date(YEAR, 3, 1),
            decision_on=datetime.date(YEAR, 9, 1),
        )


def add_partnership_activities(*, owner: Any, numbers: range) -> None:
    """A twin town with a delegation and a study visit for each number."""
    for number in numbers:
        partnership = Partnership.objects.create(
            kind=Partnership.Kind.TWIN_TOWN,
            name=f"Vänort {number}",
            responsible_organisation=owner,
        )
        partnership.towns.create(country="LT")
        for kind in (
            PartnershipActivity.Kind.DELEGATION,
            PartnershipActivity.Kind.STUDY_VISIT,
        ):
            PartnershipActivity.objects.create(
                partnership=partnership,
                occurred_on=datetime.date(YEAR, 4, 1),
                kind=kind,
                purpose="Besök",
                participants=5,
                countries=["LT", "LV"],
            )


@pytest.fixture
def registry(plan, goals, forvaltning_a, kommun) -> dict[str, Any]:
    return build_registry(plan=plan, goals=goals, owner=forvaltning_a, kommun=kommun)


@pytest.fixture
def reported(registry, report_a, reporter_a, coordinator) -> Any:
    """Förvaltning A's report approved; förvaltning B never reported."""
    return approved(report_a, reporter_a, coordinator)


def test_summary_holds_the_key_figures_of_the_years_since_the_register_began(
    kommun, reported
):
    data = year_end_data(kommun, YEAR)

    # The first application was submitted in 2016: no columns of zeros before it.
    assert [figures.year for figures in data.years] == [2016, 2017]
    current = data.current
    assert current.figures.external_funding_sek == Decimal("300000.00")
    assert current.figures.active_eu_projects == 1
    assert current.figures.applications.submitted == 1
    assert current.figures.applications.granted == 1
    assert current.figures.young_participants == 10
    assert current.actions_by_status == {"done": 1}
    assert current.organisations_reported == 1
    assert data.years[0].organisations_reported == 0


def test_summary_charts_describe_their_figures_in_words(kommun, reported):
    funding, young, statuses = summary_charts(year_end_data(kommun, YEAR))

    assert [bar.label for bar in funding.bars] == ["2016", "2017"]
    assert "300\u00a0000\u00a0kr" in funding.description
    assert young.bars[-1].value_label == "10"
    assert len(statuses.bars) == 5


def test_goals_carry_their_indicators_and_the_approved_assessments(
    kommun, reported, goals, forvaltning_a
):
    data = year_end_data(kommun, YEAR)

    assert [section.goal for section in data.goals] == goals
    first = data.goals[0]
    assert first.indicators[0].values == [Decimal(10), Decimal(25)]
    assert [a.report.organisation for a in first.assessments] == [forvaltning_a]
    assert first.assessments[0].assessment == "achieved"


def test_assessments_of_reports_not_approved_are_left_out(
    kommun, registry, report_a, reporter_a
):
    submitted(report_a, reporter_a)

    data = year_end_data(kommun, YEAR)

    assert all(not section.assessments for section in data.goals)


def test_action_plan_is_grouped_by_focus_area_with_the_latest_update(
    kommun, registry, plan
):
    data = year_end_data(kommun, YEAR)

    (plan_section,) = data.plans
    assert plan_section.plan == plan
    (area,) = plan_section.areas
    assert area.title == "1. Internationella nätverk"
    (action,) = area.actions
    assert action.responsible_text == "Internationell samordnare"
    assert action.latest_update_on == datetime.date(YEAR, 10, 1)
    assert action.latest_update_text == "Uppdatering 10."


def test_projects_and_applications_of_the_year_are_listed_with_money_in_sek(
    kommun, registry
):
    data = year_end_data(kommun, YEAR)

    assert [p.title for p in data.eu_projects] == ["Elevutbyte 0"]
    assert data.eu_projects[0].eu_grant_sek == Decimal("300000")
    assert data.other_projects == []
    assert [(p.title, p.status) for p in data.applications] == [
        ("Ansökan 0", Status.REJECTED)
    ]


def test_fund_shows_budget_earmarks_granted_used_and_remaining(kommun, registry):
    fund = year_end_data(kommun, YEAR).fund

    assert fund.totals.budget == Decimal("500000")
    assert fund.totals.allocated == Decimal("250000")
    assert fund.totals.granted == Decimal("80000")
    assert fund.totals.used == Decimal("50000")
    assert fund.totals.remaining == Decimal("420000")
    assert fund.allocations[0].granted_total == Decimal("80000")
    assert len(fund.applications) == 1


def test_organisations_report_from_their_frozen_snapshot_and_the_rest_are_listed(
    kommun, reported, forvaltning_a, forvaltning_b
):
    Project.objects.update(title="Omdöpt efter godkännandet")

    data = year_end_data(kommun, YEAR)

    (section,) = data.organisations
    assert section.organisation == forvaltning_a
    assert section.facts.is_frozen
    assert [p.title for p in section.facts.eu_projects_ongoing] == ["Elevutbyte 0"]
    assert data.not_reported == [forvaltning_b]


def test_without_a_round_no_organisation_is_listed(kommun, registry):
    data = year_end_data(kommun, YEAR)

    assert not data.has_round
    assert data.organisations == [] and data.not_reported == []


def test_appendix_lists_partnerships_and_documents_in_force(kommun, registry, plan):
    data = year_end_data(kommun, YEAR)

    assert [p.name for p in data.partnerships] == ["Nordiskt vänortssamarbete"]
    assert data.strategies == [plan]


def test_another_kommuns_register_is_not_included(other_kommun, registry):
    data = year_end_data(other_kommun, YEAR)

    assert data.plans == [] and data.eu_projects == [] and data.fund is None
    assert data.partnerships == []


def _queries(kommun: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        year_end_data(kommun, YEAR)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_register(
    kommun, plan, registry, forvaltning_a, reported, django_assert_max_num_queries
):
    small = _queries(kommun)
    add_work(
        plan=plan, area=registry["area"], owner=forvaltning_a, numbers=range(1, 16)
    )
    add_partnership_activities(owner=forvaltning_a, numbers=range(6))

    assert _queries(kommun) == small
    with django_assert_max_num_queries(45):
        year_end_data(kommun, YEAR)


def test_bar_chart_scales_bars_to_the_largest_value():
    chart = charts.bar_chart("Ungdomar", [("2016", 5), ("2017", 10), ("2018", 0)])

    low, high, empty = chart.bars
    assert high.height == pytest.approx(2 * low.height)
    assert high.y + high.height == chart.baseline
    assert empty.height == 0
    assert chart.description == "Ungdomar. 2016: 5; 2017: 10; 2018: 0."


def test_bar_chart_shrinks_value_labels_to_fit_five_years_of_money():
    items = [(str(year), 1968750) for year in range(2013, 2018)]
    labels = ["1\u00a0968\u00a0750\u00a0kr"] * 5

    chart = charts.bar_chart("Finansiering", items, labels)

    slot = chart.bars[1].centre - chart.bars[0].centre
    assert chart.value_font_size * 0.62 * len(labels[0]) < slot
    assert charts.bar_chart("Få", [("2017", 5)]).value_font_size == 9


def test_bar_chart_of_nothing_draws_no_bars():
    chart = charts.bar_chart("Tomt", [])

    assert chart.bars == ()
    assert chart.description == "Tomt."


def test_load_data_builds_a_large_kommun_with_approved_reports():
    kommun, coordinator = load_data(1)

    data = year_end_data(kommun, 2024)
    assert data.action_count == 400
    assert len(data.organisations) == 30 and data.not_reported == []
    assert len(data.fund.applications) == 60
    assert len(data.eu_projects) == len(data.other_projects) == 20
