"""Everything that happened in the year reaches the KS report: the activities of
twin towns, networks and exchanges (with who took part, participants, countries
and cost), projects per funding programme with the total project volume, and the
organisations' partnership activities in their annual reports."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal
from typing import Any

import pytest

from projects.models import FundingProgramme, Partnership, PartnershipActivity, Project
from reports.facts import facts_from_json, facts_to_json, report_facts
from reports.year_end.data import year_end_data
from reports.year_end.document import memo_for, year_end_html
from tests.reports.conftest import YEAR, approved, make_project

pytestmark = pytest.mark.django_db

Kind = PartnershipActivity.Kind


def log(partnership: Partnership, occurred_on: datetime.date, **fields: Any) -> Any:
    values = {"kind": Kind.DELEGATION, "purpose": "Besök från vänorten"}
    activity = PartnershipActivity(
        partnership=partnership, occurred_on=occurred_on, **{**values, **fields}
    )
    activity.full_clean()
    activity.save()
    return activity


@pytest.fixture
def twin_town(forvaltning_a) -> Partnership:
    """A twin town whose year was mostly delegations, and which has since ended."""
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänort Radviliskis",
        responsible_organisation=forvaltning_a,
        status=Partnership.Status.ENDED,
    )
    partnership.towns.create(name="Radviliskis", country="LT")
    log(
        partnership,
        datetime.date(YEAR, 5, 12),
        purpose="Politisk delegation från Radviliskis",
        participants_text="Borgmästaren och fem förtroendevalda",
        participants=6,
        countries=["LT"],
        cost=Decimal("18000"),
    )
    log(
        partnership,
        datetime.date(YEAR, 3, 1),
        occurred_on_precision="month",
        kind=Kind.DELEGATION_SENT,
        purpose="Kommunstyrelsens besök i Radviliskis",
        participants_text="Tre ledamöter i kommunstyrelsen",
        participants=3,
        countries=["LT", "LV"],
        cost=Decimal("42500"),
    )
    log(
        partnership,
        datetime.date(YEAR, 1, 1),
        occurred_on_precision="year",
        kind=Kind.STUDY_VISIT,
        purpose="Studiebesök om skolutveckling",
        participants_text="Skolelever från Katedralskolan, två lärare",
        participants=22,
        young_participants=20,
        countries=["LT", "PL"],
    )
    log(partnership, datetime.date(YEAR + 1, 2, 2), purpose="Nästa års besök")
    return partnership


@pytest.fixture
def network(kommun) -> Partnership:
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        name="Nätverket Östersjöstäder",
        responsible_organisation=kommun,
    )
    log(
        partnership,
        datetime.date(YEAR, 9, 20),
        kind=Kind.MEETING,
        purpose="Årsmöte",
        participants=2,
        countries=["FI"],
        cost=Decimal("7500"),
    )
    return partnership


def rendered(data: Any) -> str:
    return html.unescape(year_end_html(data, memo_for(None, data, None)))


def test_a_year_of_delegation_visits_lists_each_with_who_countries_and_cost(
    kommun, twin_town, network
):
    section = year_end_data(kommun, YEAR).partnership_activities

    by_partnership = {
        entry.partnership.name: [a.activity.purpose for a in entry.activities]
        for entry in section.partnerships
    }
    assert by_partnership == {
        "Nätverket Östersjöstäder": ["Årsmöte"],
        "Vänort Radviliskis": [
            "Studiebesök om skolutveckling",
            "Kommunstyrelsens besök i Radviliskis",
            "Politisk delegation från Radviliskis",
        ],
    }
    counts = {row.kind: row.count for row in section.by_kind}
    assert counts[Kind.DELEGATION] == 1
    assert counts[Kind.DELEGATION_SENT] == 1
    assert counts[Kind.STUDY_VISIT] == 1
    assert counts[Kind.MEETING] == 1
    assert counts[Kind.VISIT] == 0
    assert section.participants == 6 + 3 + 22 + 2
    assert section.young_participants == 20
    assert section.cost == Decimal("68000")
    assert [country.code for country in section.countries] == ["FI", "LV", "LT", "PL"]


def test_the_report_prints_the_section_with_partial_dates_and_totals(
    kommun, twin_town, network
):
    page = rendered(year_end_data(kommun, YEAR))

    section = page.split('id="s-partnerships"')[1].split('id="s-appendix"')[0]
    assert "7. Vänorter, nätverk och utbyten under året" in section
    assert "Vänort Radviliskis" in section
    assert "Borgmästaren och fem förtroendevalda" in section
    assert "Skolelever från Katedralskolan, två lärare" in section
    assert ">2017<" in section
    assert "mars 2017" in section
    assert "12 maj 2017" in section
    assert "Litauen, Lettland" in section
    assert "42\xa0500\xa0kr" in section
    assert "68\xa0000\xa0kr" in section
    assert "Nästa års besök" not in section
    assert '<a href="#s-partnerships">7.' in page
    assert '<a href="#s-appendix">8.' in page


def test_an_activity_dated_only_by_its_year_counts_in_that_year_only(
    kommun, forvaltning_a
):
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.EXCHANGE,
        name="Skolutbyte",
        responsible_organisation=forvaltning_a,
    )
    log(
        partnership,
        datetime.date(2017, 1, 1),
        occurred_on_precision="year",
        kind=Kind.EXCHANGE,
        participants=30,
    )

    assert year_end_data(kommun, 2017).partnership_activities.participants == 30
    assert year_end_data(kommun, 2018).partnership_activities.partnerships == []
    assert year_end_data(kommun, 2016).partnership_activities.partnerships == []


def test_a_year_without_activities_says_so(kommun):
    page = rendered(year_end_data(kommun, YEAR))
    assert "Ingen aktivitet i en vänort, ett nätverk eller ett utbyte" in page


def test_another_kommuns_activities_are_not_included(other_kommun, twin_town):
    section = year_end_data(other_kommun, YEAR).partnership_activities
    assert section.partnerships == []


# --- projects per programme -------------------------------------------------------


@pytest.fixture
def programmed_projects(kommun, forvaltning_a) -> dict[str, Any]:
    erasmus = FundingProgramme.objects.create(code="ERASMUS", name_sv="Erasmus+")
    interreg = FundingProgramme.objects.create(code="IR", name_sv="Interreg Aurora")
    running = {
        "status": Project.Status.ONGOING,
        "starts_on": datetime.date(YEAR, 2, 1),
        "ends_on": datetime.date(YEAR + 1, 6, 30),
    }
    make_project(
        forvaltning_a,
        title="Elevutbyte",
        kind=Project.Kind.EU_PROJECT,
        programme=erasmus,
        municipality_budget=Decimal("400000"),
        eu_grant=Decimal("300000"),
        **running,
    )
    make_project(
        forvaltning_a,
        title="Lärarutbyte",
        kind=Project.Kind.EU_PROJECT,
        programme=erasmus,
        currency="EUR",
        exchange_rate=Decimal("10.5000"),
        municipality_budget=Decimal("20000"),
        eu_grant=Decimal("15000"),
        **running,
    )
    make_project(
        forvaltning_a,
        title="Gränsöverskridande turism",
        kind=Project.Kind.EU_PROJECT,
        programme=interreg,
        municipality_budget=Decimal("1000000"),
        eu_grant=Decimal("650000"),
        **running,
    )
    make_project(
        forvaltning_a,
        title="Eget utbyte",
        kind=Project.Kind.EXCHANGE,
        municipality_budget=Decimal("50000"),
        **running,
    )
    make_project(
        forvaltning_a,
        title="Avslagen ansökan",
        kind=Project.Kind.EU_PROJECT,
        programme=interreg,
        status=Project.Status.REJECTED,
        submitted_on=datetime.date(YEAR, 3, 1),
        decision_on=datetime.date(YEAR, 9, 1),
        municipality_budget=Decimal("999999"),
    )
    return {"erasmus": erasmus, "interreg": interreg}


def test_projects_are_counted_per_programme_with_their_volume_in_sek(
    kommun, programmed_projects
):
    table = year_end_data(kommun, YEAR).programmes

    rows = [
        (row.name, row.projects, row.municipality_budget_sek, row.grant_sek)
        for row in table.rows
    ]
    assert rows == [
        ("Erasmus+", 2, Decimal("610000.00"), Decimal("457500.00")),
        ("Interreg Aurora", 1, Decimal("1000000.00"), Decimal("650000.00")),
        ("", 1, Decimal("50000.00"), Decimal("0.00")),
    ]
    assert table.projects == 4
    assert table.municipality_budget_sek == Decimal("1660000.00")
    assert table.grant_sek == Decimal("1107500.00")


def test_the_projects_section_prints_the_programme_table_with_a_total(
    kommun, programmed_projects
):
    page = rendered(year_end_data(kommun, YEAR))

    section = page.split('id="s-projects"')[1].split('id="s-fund"')[0]
    assert "Projekt per finansieringsprogram" in section
    assert "Erasmus+" in section
    assert "Inget program angivet" in section
    assert "Total projektvolym" in section
    assert "1\xa0660\xa0000\xa0kr" in section
    assert "1\xa0107\xa0500\xa0kr" in section


# --- the organisations' annual reports ----------------------------------------


def test_the_annual_report_facts_include_the_partnership_activities_of_the_year(
    report_a, twin_town, network
):
    facts = report_facts(report_a)

    assert [a.purpose for a in facts.partnership_activities] == [
        "Studiebesök om skolutveckling",
        "Kommunstyrelsens besök i Radviliskis",
        "Politisk delegation från Radviliskis",
    ]
    study_visit = facts.partnership_activities[0]
    assert str(study_visit.occurred) == "2017"
    assert study_visit.kind_label == "Studiebesök"
    assert study_visit.country_names == ["Litauen", "Polen"]
    assert facts.participants == 31
    assert facts.young_participants == 20


def test_a_units_partnership_counts_for_the_organisation_above_it(report_a, enhet_a):
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.EXCHANGE,
        name="Enhetens utbyte",
        responsible_organisation=enhet_a,
    )
    log(partnership, datetime.date(YEAR, 6, 1), kind=Kind.EXCHANGE)

    facts = report_facts(report_a)
    assert [a.partnership for a in facts.partnership_activities] == ["Enhetens utbyte"]


def test_the_annual_report_page_shows_the_partnership_activities(
    reporter_a_client, report_a, twin_town
):
    page = html.unescape(
        reporter_a_client.get(report_a.get_absolute_url()).content.decode()
    )
    assert "Borgmästaren och fem förtroendevalda" in page
    assert "mars 2017" in page
    assert "Litauen, Lettland" in page


def test_approved_facts_freeze_the_activities_and_print_them_in_the_ks_report(
    kommun, report_a, reporter_a, coordinator, twin_town
):
    approved(report_a, reporter_a, coordinator)
    PartnershipActivity.objects.update(purpose="Ändrat efteråt")

    data = year_end_data(kommun, YEAR)
    (section,) = data.organisations
    assert section.facts.partnership_activities[0].purpose == (
        "Studiebesök om skolutveckling"
    )
    page = rendered(data)
    organisations = page.split('id="s-organisations"')[1].split("s-partnerships")[0]
    assert "Studiebesök om skolutveckling" in organisations
    assert "Deltagare i åtgärder och samarbetens aktiviteter" in organisations


def test_a_snapshot_from_before_partnership_activities_still_loads(report_a, twin_town):
    stored = facts_to_json(report_facts(report_a))
    del stored["facts"]["partnership_activities"]
    stored["version"] = 1

    facts = facts_from_json(stored)
    assert facts.partnership_activities == []
    assert facts.organisation == report_a.organisation.name


def test_the_snapshot_round_trips_the_activities(report_a, twin_town):
    facts = report_facts(report_a)
    restored = facts_from_json(facts_to_json(facts))
    assert restored == facts
    assert isinstance(restored.partnership_activities[1].cost, Decimal)
    assert str(restored.partnership_activities[1].occurred) == "mars 2017"
