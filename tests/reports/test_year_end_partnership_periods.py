"""Twin towns as kommuner actually run them, in the KS report of a year: a
twinning over a period that has since ended, one agreement with four Nordic
towns, a network joined through another network, funding per year and recurring
activities. All names and figures are invented."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal
from typing import Any

import pytest

from projects.models import Partnership, PartnershipActivity
from reports.year_end.data import year_end_data
from reports.year_end.document import memo_for, year_end_html

pytestmark = pytest.mark.django_db

Kind = PartnershipActivity.Kind
Recurrence = PartnershipActivity.Recurrence


def log(partnership: Partnership, occurred_on: datetime.date, **fields: Any) -> Any:
    values = {"kind": Kind.MEETING, "purpose": "Ett påhittat möte"}
    activity = PartnershipActivity(
        partnership=partnership, occurred_on=occurred_on, **{**values, **fields}
    )
    activity.full_clean()
    activity.save()
    return activity


def section_of(kommun, year: int):
    return year_end_data(kommun, year).partnership_activities


def entry_names(kommun, year: int) -> list[str]:
    return [entry.partnership.name for entry in section_of(kommun, year).partnerships]


def section_page(kommun, year: int) -> str:
    data = year_end_data(kommun, year)
    page = html.unescape(year_end_html(data, memo_for(None, data, None)))
    return page.split('id="s-partnerships"')[1].split('id="s-appendix"')[0]


@pytest.fixture
def ended_twinning(forvaltning_a) -> Partnership:
    """Vänort 2005–2015, ended; a visit in 2012 and one in 2014."""
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänorten Påhittstad",
        responsible_organisation=forvaltning_a,
        status=Partnership.Status.ENDED,
        starts_on=datetime.date(2005, 1, 1),
        starts_on_precision="year",
        ends_on=datetime.date(2015, 1, 1),
        ends_on_precision="year",
    )
    partnership.towns.create(name="Påhittstad", country="EE")
    log(
        partnership,
        datetime.date(2012, 5, 1),
        occurred_on_precision="month",
        kind=Kind.VISIT,
        purpose="Kulturutbyte med körer",
        participants=18,
    )
    log(partnership, datetime.date(2014, 9, 3), purpose="Avslutande möte")
    return partnership


def test_an_ended_twinning_shows_in_a_report_inside_its_period_with_that_years_activities(
    kommun, ended_twinning
):
    (entry,) = section_of(kommun, 2012).partnerships
    assert entry.partnership == ended_twinning
    assert [a.activity.purpose for a in entry.activities] == ["Kulturutbyte med körer"]
    page = section_page(kommun, 2012)
    assert "Vänorten Påhittstad" in page
    assert "2005–2015" in page
    assert "Kulturutbyte med körer" in page
    assert "maj 2012" in page
    assert "Avslutande möte" not in page


def test_an_ended_twinning_is_not_in_a_report_after_its_end(kommun, ended_twinning):
    assert entry_names(kommun, 2017) == []
    assert year_end_data(kommun, 2017).partnerships == []
    assert "Vänorten Påhittstad" not in section_page(kommun, 2017)


def test_a_year_inside_the_period_without_activities_still_lists_the_partnership(
    kommun, ended_twinning
):
    (entry,) = section_of(kommun, 2008).partnerships
    assert entry.activities == []
    assert "Ingen aktivitet loggades för 2008." in section_page(kommun, 2008)
    assert [p.name for p in year_end_data(kommun, 2008).partnerships] == [
        "Vänorten Påhittstad"
    ]


def test_an_ended_partnership_without_dates_shows_only_through_its_activities(
    kommun, forvaltning_a
):
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.EXCHANGE,
        name="Avslutat utbyte utan år",
        responsible_organisation=forvaltning_a,
        status=Partnership.Status.ENDED,
    )
    log(partnership, datetime.date(2013, 1, 1), occurred_on_precision="year")
    assert entry_names(kommun, 2013) == ["Avslutat utbyte utan år"]
    assert entry_names(kommun, 2014) == []


def test_one_agreement_with_four_nordic_towns_shows_every_town_and_country(
    kommun,
):
    agreement = Partnership.objects.create(
        kind=Partnership.Kind.AGREEMENT,
        name="Nordiskt avtal med fyra orter",
        responsible_organisation=kommun,
        starts_on=datetime.date(2010, 6, 1),
        starts_on_precision="month",
    )
    for name, country in [
        ("Norrfjord", "NO"),
        ("Sjöstrand", "FI"),
        ("Ålunda", "DK"),
        ("Eldvik", "IS"),
    ]:
        agreement.towns.create(name=name, country=country)

    assert agreement.place == (
        "Norrfjord, Norge; Sjöstrand, Finland; Ålunda, Danmark; Eldvik, Island"
    )
    section = section_of(kommun, 2017)
    assert [c.code for c in section.countries] == ["DK", "FI", "IS", "NO"]
    assert "Eldvik, Island" in section_page(kommun, 2017)


def test_a_network_joined_through_another_network_says_so(kommun):
    regional = Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        name="Regionens Europanätverk",
        responsible_organisation=kommun,
        starts_on=datetime.date(2012, 1, 1),
        starts_on_precision="year",
    )
    Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        name="Europeiskt kommunnätverk",
        responsible_organisation=kommun,
        via=regional,
        starts_on=datetime.date(2014, 1, 1),
        starts_on_precision="year",
    )
    page = section_page(kommun, 2017)
    assert "Medlem genom Regionens Europanätverk" in page


def test_funding_of_the_year_is_summed_per_source(kommun, forvaltning_a):
    twinning = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänort med EU-stöd",
        responsible_organisation=forvaltning_a,
        starts_on=datetime.date(2016, 1, 1),
        starts_on_precision="year",
    )
    network = Partnership.objects.create(
        kind=Partnership.Kind.MUNICIPAL_PARTNERSHIP,
        name="Kommunalt partnerskap med Sida-stöd",
        responsible_organisation=kommun,
        starts_on=datetime.date(2016, 1, 1),
        starts_on_precision="year",
    )
    twinning.funding.create(year=2017, source="eu", amount=Decimal("25000"))
    twinning.funding.create(year=2017, source="own", amount=Decimal("10000"))
    twinning.funding.create(year=2016, source="eu", amount=Decimal("99000"))
    network.funding.create(year=2017, source="sida", amount=Decimal("120000"))
    network.funding.create(year=2017, source="own", amount=Decimal("5000"))

    section = section_of(kommun, 2017)
    assert [(row.source, row.amount) for row in section.funding_by_source] == [
        ("eu", Decimal("25000")),
        ("sida", Decimal("120000")),
        ("own", Decimal("15000")),
    ]
    assert section.funding_total == Decimal("160000")
    page = section_page(kommun, 2017)
    assert "Samarbetenas finansiering 2017 per källa" in page
    assert "160\xa0000\xa0kr" in page
    assert "Kommunalt partnerskap" in page


@pytest.fixture
def camp_and_calls(kommun, forvaltning_a) -> Partnership:
    twinning = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänort med språkläger",
        responsible_organisation=kommun,
        starts_on=datetime.date(2014, 1, 1),
        starts_on_precision="year",
    )
    log(
        twinning,
        datetime.date(2015, 7, 1),
        occurred_on_precision="month",
        kind=Kind.EXCHANGE,
        purpose="Språkläger varje sommar",
        participants=30,
        young_participants=25,
        pupils=25,
        staff=5,
        cost=Decimal("40000"),
        recurrence=Recurrence.YEARLY,
        last_year=2018,
        organiser=forvaltning_a,
    )
    log(
        twinning,
        datetime.date(2016, 1, 1),
        occurred_on_precision="year",
        purpose="Videokonferens mellan samordnarna",
        participants=3,
        cost=Decimal("500"),
        recurrence=Recurrence.TIMES_A_YEAR,
        times_per_year=4,
    )
    return twinning


@pytest.mark.parametrize("year", [2015, 2016, 2017, 2018])
def test_a_yearly_language_camp_counts_once_in_each_year_2015_to_2018(
    kommun, camp_and_calls, year
):
    section = section_of(kommun, year)
    camps = [
        a for a in section.activities if a.activity.purpose.startswith("Språkläger")
    ]
    assert [a.occurrences for a in camps] == [1]
    assert camps[0].participants == 30


def test_the_language_camp_is_not_counted_after_its_last_year(kommun, camp_and_calls):
    purposes = [a.activity.purpose for a in section_of(kommun, 2019).activities]
    assert purposes == ["Videokonferens mellan samordnarna"]


def test_four_video_conferences_a_year_count_four_with_participants_and_cost(
    kommun, camp_and_calls
):
    section = section_of(kommun, 2017)
    counts = {row.kind: row.count for row in section.by_kind}
    assert counts[Kind.MEETING] == 4
    assert counts[Kind.EXCHANGE] == 1
    assert section.activity_count == 5
    assert section.participants == 30 + 4 * 3
    assert section.young_participants == 25
    assert section.cost == Decimal("40000") + 4 * Decimal("500")


def test_a_recurring_activity_stops_at_the_partnerships_end(kommun, camp_and_calls):
    camp_and_calls.ends_on = datetime.date(2016, 1, 1)
    camp_and_calls.ends_on_precision = "year"
    camp_and_calls.status = Partnership.Status.ENDED
    camp_and_calls.save()
    assert section_of(kommun, 2017).partnerships == []
    assert section_of(kommun, 2016).activity_count == 1 + 4


def test_the_report_shows_the_organising_forvaltning_and_the_recurrence(
    kommun, camp_and_calls
):
    page = section_page(kommun, 2017)
    assert "Anordnad av Barn- och utbildningsförvaltningen" in page
    assert "Varje år 2015–2018" in page
    assert "4 gånger om året från 2016" in page
    assert "4 gånger i år" in page
    assert "Elever: 25" in page
    assert "Personal: 5" in page


def test_active_twin_towns_in_the_key_figures_count_recurring_activities(
    kommun, camp_and_calls
):
    from projects.key_figures import active_partnerships

    assert active_partnerships(kommun, 2019).twin_towns == 1
    assert active_partnerships(kommun, 2013).twin_towns == 0


def test_the_years_fund_applications_for_a_partnership_are_shown_in_its_section(
    kommun, forvaltning_a, ended_twinning
):
    from projects.models import FundApplication, InternationalFund

    association = kommun.__class__.objects.create(
        kind=kommun.Kind.EXTERN,
        name="Exempelföreningen Påhittstads vänner",
        parent=kommun,
    )
    for year, purpose in ((2012, "Körresa till Påhittstad"), (2013, "Ett annat år")):
        fund = InternationalFund.objects.create(
            kommun=kommun, year=year, budget=Decimal(50_000)
        )
        application = FundApplication.objects.create(
            fund=fund,
            applicant=association,
            purpose=purpose,
            amount_requested=Decimal(8_000),
            status=FundApplication.Status.GRANTED,
            granted_amount=Decimal(6_000),
            submitted_on=datetime.date(year, 2, 1),
            decided_on=datetime.date(year, 3, 1),
        )
        application.partnerships.add(ended_twinning)
    (entry,) = section_of(kommun, 2012).partnerships
    assert [a.purpose for a in entry.fund_applications] == ["Körresa till Påhittstad"]
    page = section_page(kommun, 2012)
    assert "Ur den internationella fonden: Exempelföreningen Påhittstads vänner" in page
    assert "6 000 kr" in page.replace("\u00a0", " ")


def test_a_partnership_with_only_a_fund_application_in_the_year_is_in_its_report(
    kommun, forvaltning_a
):
    from projects.models import FundApplication, InternationalFund

    quiet = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänorten utan registrerad period",
        responsible_organisation=forvaltning_a,
    )
    fund = InternationalFund.objects.create(kommun=kommun, year=2017, budget=1000)
    FundApplication.objects.create(
        fund=fund, applicant=forvaltning_a, purpose="Resa", amount_requested=500
    ).partnerships.add(quiet)
    assert entry_names(kommun, 2017) == ["Vänorten utan registrerad period"]
    assert entry_names(kommun, 2016) == []
