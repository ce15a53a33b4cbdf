"""Key figures on hand-made data whose answers are worked out by hand below."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Action, ActionUpdate
from projects import key_figures
from projects.models import Partnership, PartnershipActivity, Project
from tests.factories import OrganisationFactory
from tests.projects.conftest import make_project
from tests.strategy_factories import StrategyFactory

pytestmark = pytest.mark.django_db

D = Decimal
EU, OTHER = Project.Kind.EU_PROJECT, Project.Kind.INTERNATIONAL_PROJECT


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def registry(kommun, forvaltning_a, forvaltning_b, enhet_a, other_kommun):
    """Skara with 18 500 inhabitants, eight projects and five partnerships."""
    kommun.population = 18500
    kommun.save()
    make_project(  # P1: granted 2017 in euro, running 2017–2019.
        forvaltning_a,
        title="P1",
        kind=EU,
        status="ongoing",
        submitted_on=day("2017-02-01"),
        decision_on=day("2017-05-01"),
        starts_on=day("2017-06-01"),
        ends_on=day("2019-05-31"),
        currency="EUR",
        exchange_rate=D("11.0000"),
        municipality_budget=D("150000"),
        eu_grant=D("100000"),
        other_cofinancing=D("10000"),
        own_cofinancing_cash=D("40000"),
    )
    make_project(  # P2: not EU, submitted 2016, granted January 2017, in kronor.
        forvaltning_b,
        title="P2",
        kind=OTHER,
        status="closed",
        submitted_on=day("2016-10-01"),
        decision_on=day("2017-01-15"),
        starts_on=day("2017-02-01"),
        ends_on=day("2017-12-31"),
        municipality_budget=D("400000"),
        eu_grant=D("250000"),
        other_cofinancing=D("50000"),
    )
    make_project(  # P3: rejected in 2017.
        forvaltning_a,
        title="P3",
        kind=EU,
        status="rejected",
        submitted_on=day("2017-03-01"),
        decision_on=day("2017-06-01"),
        municipality_budget=D("500000"),
        eu_grant=D("500000"),
    )
    make_project(  # P4: submitted 2017, granted 2018, starts 2018.
        enhet_a,
        title="P4",
        kind=EU,
        status="granted",
        submitted_on=day("2017-11-01"),
        decision_on=day("2018-02-01"),
        starts_on=day("2018-03-01"),
        ends_on=day("2019-02-28"),
        currency="EUR",
        exchange_rate=D("10.5000"),
        eu_grant=D("20000"),
    )
    make_project(  # P5: submitted 2017, not yet decided.
        forvaltning_b,
        title="P5",
        kind=EU,
        status="submitted",
        submitted_on=day("2017-09-01"),
    )
    make_project(  # P6: an EU project that ended in 2016.
        forvaltning_b,
        title="P6",
        kind=EU,
        status="closed",
        decision_on=day("2014-12-01"),
        starts_on=day("2015-01-01"),
        ends_on=day("2016-12-31"),
    )
    make_project(  # P7: an EU project running since 2016 with no end date.
        forvaltning_b,
        title="P7",
        kind=EU,
        status="ongoing",
        decision_on=day("2015-12-01"),
        starts_on=day("2016-01-01"),
    )
    make_project(  # P8: submitted 2017 and withdrawn.
        forvaltning_a,
        title="P8",
        kind=EU,
        status="withdrawn",
        submitted_on=day("2017-04-01"),
    )
    foreign_owner = OrganisationFactory(parent=other_kommun)
    make_project(
        foreign_owner,
        title="Annan kommun",
        kind=EU,
        status="ongoing",
        submitted_on=day("2017-01-10"),
        decision_on=day("2017-03-01"),
        starts_on=day("2017-04-01"),
        municipality_budget=D("999999"),
        eu_grant=D("999999"),
    )
    _partnerships(kommun, other_kommun)
    _action_log(kommun, other_kommun)


def _partnerships(kommun, other_kommun):
    def partnership(kind, name, responsible=kommun):
        return Partnership.objects.create(
            kind=kind, name=name, responsible_organisation=responsible
        )

    def log(partnership, occurred_on, young=None, participants=50):
        PartnershipActivity.objects.create(
            partnership=partnership,
            occurred_on=day(occurred_on),
            kind="meeting",
            purpose="Möte",
            participants=participants,
            young_participants=young,
        )

    twin = partnership(Partnership.Kind.TWIN_TOWN, "Vänort med två besök 2017")
    log(twin, "2017-03-01", young=8)
    log(twin, "2017-08-15")
    log(partnership(Partnership.Kind.TWIN_TOWN, "Vänort som sov 2017"), "2016-05-01")
    log(partnership(Partnership.Kind.NETWORK, "V6"), "2017-10-10")
    partnership(Partnership.Kind.NETWORK, "Nätverk utan möten")
    log(partnership(Partnership.Kind.EXCHANGE, "Skolutbyte"), "2017-10-05", young=12)
    foreign = partnership(Partnership.Kind.NETWORK, "Annan kommuns", other_kommun)
    log(foreign, "2017-02-02", young=40)


def _action_log(kommun, other_kommun):
    def update(action, occurred_on, young):
        ActionUpdate.objects.create(
            action=action,
            occurred_on=day(occurred_on),
            text="Utbyte",
            participants=100,
            young_participants=young,
        )

    action = Action.objects.create(plan=StrategyFactory(kommun=kommun), title="Utbyten")
    update(action, "2017-05-10", 28)
    update(action, "2017-11-20", 5)
    update(action, "2016-12-31", 100)
    update(action, "2017-06-01", None)
    foreign = Action.objects.create(
        plan=StrategyFactory(kommun=other_kommun), title="Annan kommuns"
    )
    update(foreign, "2017-05-10", 50)


def test_external_funding_granted_in_the_year_in_kronor(registry, kommun):
    # P1: (100 000 + 10 000) EUR × 11 = 1 210 000 kr; P2: 250 000 + 50 000 kr.
    assert key_figures.external_funding_granted_sek(kommun, 2017) == D("1510000.00")
    # P4: 20 000 EUR × 10.5.
    assert key_figures.external_funding_granted_sek(kommun, 2018) == D("210000.00")
    assert key_figures.external_funding_granted_sek(kommun, 2019) == D("0.00")


def test_external_funding_per_inhabitant(registry, kommun):
    # 1 510 000 / 18 500 = 81.6216… kr.
    assert key_figures.external_funding_per_inhabitant(kommun, 2017) == D("81.62")
    kommun.population = None
    assert key_figures.external_funding_per_inhabitant(kommun, 2017) is None


def test_active_eu_projects(registry, kommun):
    # 2017: P1 and P7. 2018: P1, P4 and P7. 2016: P6 and P7.
    assert key_figures.active_eu_projects(kommun, 2017) == 2
    assert key_figures.active_eu_projects(kommun, 2018) == 3
    assert key_figures.active_eu_projects(kommun, 2016) == 2
    assert key_figures.active_eu_projects(kommun, 2020) == 1


def test_applications_submitted_granted_and_success_rate(registry, kommun):
    figures = key_figures.applications(kommun, 2017)
    # Submitted in 2017: P1, P3, P4, P5, P8. Decided in 2017: P1, P2 granted; P3 not.
    assert (figures.submitted, figures.granted, figures.rejected) == (5, 2, 1)
    assert figures.success_rate == D("66.7")
    figures = key_figures.applications(kommun, 2018)
    assert (figures.submitted, figures.granted, figures.rejected) == (0, 1, 0)
    assert figures.success_rate == D("100.0")
    assert key_figures.applications(kommun, 2019).success_rate is None


def test_applications_per_organisation(registry, kommun, forvaltning_a, enhet_a):
    rows = dict(key_figures.applications_by_organisation(kommun, 2017))
    a = rows[forvaltning_a]
    assert (a.submitted, a.granted, a.rejected) == (3, 1, 1)
    assert a.success_rate == D("50.0")
    assert (rows[enhet_a].submitted, rows[enhet_a].granted) == (1, 0)
    assert sum(figures.submitted for figures in rows.values()) == 5


def test_active_twin_towns_and_networks_are_those_with_activity_in_the_year(
    registry, kommun
):
    assert key_figures.active_partnerships(kommun, 2017) == (
        key_figures.ActivePartnerships(twin_towns=1, networks=1)
    )
    assert key_figures.active_partnerships(kommun, 2016) == (
        key_figures.ActivePartnerships(twin_towns=1, networks=0)
    )


def test_young_participants_from_the_action_log_and_the_partnerships(registry, kommun):
    # Actions: 28 + 5. Partnerships: 8 (twin town) + 12 (school exchange).
    assert key_figures.young_participants(kommun, 2017) == 53
    assert key_figures.young_participants(kommun, 2016) == 100


def test_each_figure_takes_a_fixed_number_of_queries(
    registry, kommun, django_assert_num_queries
):
    for function, queries in (
        (key_figures.external_funding_granted_sek, 1),
        (key_figures.external_funding_per_inhabitant, 1),
        (key_figures.active_eu_projects, 1),
        (key_figures.applications, 1),
        (key_figures.applications_by_organisation, 2),
        (key_figures.active_partnerships, 1),
        (key_figures.young_participants, 2),
        (key_figures.key_figures, 6),
    ):
        with django_assert_num_queries(queries):
            function(kommun, 2017)


def test_the_key_figures_page_shows_three_years(reader_client, registry, kommun):
    response = reader_client.get(reverse("projects:key_figures"), {"year": "2018"})
    columns = response.context["figures"]
    assert [column.year for column in columns] == [2016, 2017, 2018]
    assert columns[1].external_funding_sek == D("1510000.00")
    assert "1\u00a0510\u00a0000\u00a0kr" in response.content.decode()


def test_the_key_figures_of_another_kommun_are_not_found(reader_client, other_kommun):
    response = reader_client.get(
        reverse("projects:key_figures"), {"kommun": other_kommun.pk}
    )
    assert response.status_code == 404


def test_a_recurring_activity_counts_its_young_participants_each_year_it_recurs(
    kommun, forvaltning_a
):
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Exempelvänort",
        responsible_organisation=forvaltning_a,
    )
    PartnershipActivity.objects.create(
        partnership=partnership,
        occurred_on=datetime.date(2015, 7, 1),
        kind=PartnershipActivity.Kind.EXCHANGE,
        purpose="Språkläger varje sommar",
        participants=12,
        young_participants=10,
        recurrence="per_term",
        last_year=2016,
    )
    assert [
        key_figures.young_participants(kommun, y) for y in (2014, 2015, 2016, 2017)
    ] == [
        0,
        20,
        20,
        0,
    ]
    by_year = key_figures.key_figures_at_year_end(kommun, [2015, 2016, 2017])
    assert [figures.young_participants for figures in by_year] == [20, 20, 0]
