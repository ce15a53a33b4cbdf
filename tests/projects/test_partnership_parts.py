"""A partnership's parts on its own form and page: its period, its partner towns,
its funding per year and membership through a network; and activities with
their organiser, participant groups and recurrence, listed and exported. All
names are invented."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import Partnership, PartnershipActivity, PartnershipFunding
from tests.factories import OrganisationFactory
from tests.projects.test_partnerships import (
    activity_data,
    activity_url,
    detail,
    formset_data,
    partnership_data,
)
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:partnership_create")
ACTIVITIES = reverse("projects:partnership_activity_list")
PARTNERSHIPS = reverse("projects:partnership_list")


def update_url(partnership) -> str:
    return reverse("projects:partnership_update", args=[partnership.pk])


def network(responsible, name: str, via=None) -> Partnership:
    return Partnership.objects.create(
        kind=Partnership.Kind.NETWORK,
        name=name,
        responsible_organisation=responsible,
        via=via,
    )


NORDIC_TOWNS = [
    {"name": "Norrfjord", "country": "NO"},
    {"name": "Sjöstrand", "country": "FI"},
    {"name": "Ålunda", "country": "DK"},
    {"name": "Eldvik", "country": "IS"},
]


def test_one_agreement_with_four_nordic_towns_and_funding_is_registered_at_once(
    reporter_a_client, forvaltning_a
):
    data = partnership_data(
        forvaltning_a,
        kind="agreement",
        name="Nordiskt vänortsavtal",
        starts_on="maj 2009",
        towns=NORDIC_TOWNS,
        funding=[
            {"year": "2017", "source": "eu", "amount": "25 000", "note": "Erasmus+"},
            {"year": "2017", "source": "own", "amount": "40000", "note": ""},
        ],
    )
    response = reporter_a_client.post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    agreement = Partnership.objects.get()
    assert [t.name for t in agreement.towns.all()] == [
        "Norrfjord",
        "Sjöstrand",
        "Ålunda",
        "Eldvik",
    ]
    assert agreement.period_text == "sedan maj 2009"
    assert sorted(agreement.funding.values_list("source", "amount")) == [
        ("eu", Decimal("25000.00")),
        ("own", Decimal("40000.00")),
    ]
    page = reporter_a_client.get(detail(agreement)).content.decode()
    assert "Norrfjord, Norge" in page and "Eldvik, Island" in page
    assert "Erasmus+" in page
    assert "Egen finansiering" in page


def test_a_town_without_a_country_is_an_error_and_nothing_is_saved(
    reporter_a_client, forvaltning_a
):
    data = partnership_data(forvaltning_a, towns=[{"name": "Norrfjord", "country": ""}])
    response = reporter_a_client.post(CREATE, data)
    assert response.status_code == 200
    assert "country" in response.context["town_formset"].forms[0].errors
    assert not Partnership.objects.exists()


def test_a_negative_funding_amount_is_refused(reporter_a_client, forvaltning_a):
    data = partnership_data(
        forvaltning_a, funding=[{"year": "2017", "source": "sida", "amount": "-5"}]
    )
    response = reporter_a_client.post(CREATE, data)
    assert "amount" in response.context["funding_formset"].forms[0].errors
    assert not PartnershipFunding.objects.exists()


def test_an_existing_town_is_edited_and_another_removed(
    reporter_a_client, partnership_a
):
    town = partnership_a.towns.get()
    extra = partnership_a.towns.create(name="Siauliai", country="LT")
    rows = [
        {"id": town.pk, "name": "Radviliškis", "country": "LT"},
        {"id": extra.pk, "name": "Siauliai", "country": "LT", "DELETE": "on"},
    ]
    data = partnership_data(
        partnership_a.responsible_organisation,
        kind="exchange",
        name=partnership_a.name,
    )
    data.update(formset_data("towns", rows, initial=2))
    data.update(loaded_version(partnership_a))
    data.update(loaded_version(town, "towns-0") | loaded_version(extra, "towns-1"))
    response = reporter_a_client.post(update_url(partnership_a), data)
    assert response.status_code == 302
    assert [t.name for t in partnership_a.towns.all()] == ["Radviliškis"]


def test_an_ended_period_is_typed_as_years(reporter_a_client, partnership_a):
    data = partnership_data(
        partnership_a.responsible_organisation,
        name=partnership_a.name,
        status="ended",
        starts_on="2005",
        ends_on="2015",
        towns=[],
    )
    data.update(formset_data("towns", [], initial=0))
    data.update(loaded_version(partnership_a))
    assert reporter_a_client.post(update_url(partnership_a), data).status_code == 302
    partnership_a.refresh_from_db()
    assert partnership_a.period_text == "2005–2015"
    assert partnership_a.end_year == 2015


# --- membership through another network ----------------------------------------


def test_a_network_is_a_member_through_another_network(coordinator_client, kommun):
    regional = network(kommun, "Regionens Europanätverk")
    data = partnership_data(
        kommun, kind="network", name="Europeiskt kommunnätverk", via=regional.pk
    )
    assert coordinator_client.post(CREATE, data).status_code == 302
    member = Partnership.objects.get(name="Europeiskt kommunnätverk")
    assert member.via == regional
    page = coordinator_client.get(detail(regional)).content.decode()
    assert "Medlemmar genom detta nätverk" in page
    assert "Europeiskt kommunnätverk" in page


def invalid_via(client, partnership, via) -> list[str]:
    data = partnership_data(
        partnership.responsible_organisation,
        kind=partnership.kind,
        name=partnership.name,
        via=via.pk,
    )
    data.update(formset_data("towns", [], initial=0))
    data.update(loaded_version(partnership))
    response = client.post(update_url(partnership), data)
    assert response.status_code == 200
    return response.context["form"].errors.get("via", [])


def test_a_network_cannot_be_a_member_through_itself(coordinator_client, kommun):
    own = network(kommun, "Nätverket")
    assert invalid_via(coordinator_client, own, own)


def test_networks_cannot_be_members_through_each_other(coordinator_client, kommun):
    first = network(kommun, "Första nätverket")
    second = network(kommun, "Andra nätverket", via=first)
    third = network(kommun, "Tredje nätverket", via=second)
    errors = invalid_via(coordinator_client, first, third)
    assert errors == ["Nätverken skulle bli medlemmar genom varandra."]
    assert Partnership.objects.get(pk=first.pk).via is None


def test_membership_is_through_a_network_only(
    coordinator_client, kommun, partnership_a
):
    own = network(kommun, "Nätverket")
    assert invalid_via(coordinator_client, own, partnership_a)


def test_another_kommuns_network_is_refused(
    coordinator_client, kommun, foreign_partnership
):
    own = network(kommun, "Nätverket")
    assert invalid_via(coordinator_client, own, foreign_partnership)
    own.via = foreign_partnership
    with pytest.raises(Exception, match="kommunens egna nätverk"):
        own.full_clean()


# --- activities: organiser, groups, recurrence -----------------------------------


def test_an_activity_is_logged_with_its_organiser_groups_and_recurrence(
    reporter_a_client, partnership_a, forvaltning_b
):
    data = activity_data(
        occurred_on="2016",
        kind="meeting",
        purpose="Videokonferens",
        participants="",
        young_participants="",
        staff="3",
        elected_representatives="2",
        organiser=forvaltning_b.pk,
        recurrence="times_a_year",
        times_per_year="4",
        cost="500",
    )
    response = reporter_a_client.post(activity_url(partnership_a), data)
    assert response.status_code == 302
    activity = PartnershipActivity.objects.get()
    assert activity.organiser == forvaltning_b
    assert activity.participants == 5  # counted only by group: their sum
    assert activity.occurrences_in(2017) == 4
    page = reporter_a_client.get(detail(partnership_a)).content.decode()
    assert "Samhällsbyggnadsförvaltningen" in page
    assert "4 gånger om året från 2016" in page
    assert "Förtroendevalda: 2" in page


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"recurrence": "times_a_year"}, "times_per_year"),
        ({"recurrence": "yearly", "times_per_year": "4"}, "times_per_year"),
        ({"recurrence": "times_a_year", "times_per_year": "0"}, "times_per_year"),
        ({"last_year": "2019"}, "last_year"),
        ({"recurrence": "yearly", "last_year": "2010"}, "last_year"),
        ({"recurrence": "yearly", "last_year": "20190"}, "last_year"),
        ({"recurrence": "sometimes"}, "recurrence"),
        ({"pupils": "10", "staff": "5"}, "participants"),
    ],
)
def test_an_invalid_recurrence_or_group_count_is_refused(
    reporter_a_client, partnership_a, fields, error
):
    # participants 12 in activity_data: groups of 15 are too many.
    response = reporter_a_client.post(
        activity_url(partnership_a), activity_data(**fields)
    )
    assert response.status_code == 400
    assert error in response.context["activity_form"].errors
    assert not PartnershipActivity.objects.exists()


def test_an_organiser_of_another_kommun_is_refused(
    reporter_a_client, partnership_a, other_kommun
):
    outsider = OrganisationFactory(parent=other_kommun, name="Annan förvaltning")
    response = reporter_a_client.post(
        activity_url(partnership_a), activity_data(organiser=outsider.pk)
    )
    assert "organiser" in response.context["activity_form"].errors


# --- lists, filters and exports ---------------------------------------------------


@pytest.fixture
def logged(partnership_a, forvaltning_a, kommun) -> dict:
    ended = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänorten Påhittstad",
        responsible_organisation=kommun,
        status=Partnership.Status.ENDED,
        starts_on=datetime.date(2005, 1, 1),
        starts_on_precision="year",
        ends_on=datetime.date(2015, 1, 1),
        ends_on_precision="year",
    )
    ended.towns.create(name="Påhittstad", country="EE")
    camp = PartnershipActivity.objects.create(
        partnership=partnership_a,
        occurred_on=datetime.date(2015, 7, 1),
        occurred_on_precision="month",
        kind=PartnershipActivity.Kind.EXCHANGE,
        purpose="Språkläger",
        organiser=forvaltning_a,
        recurrence=PartnershipActivity.Recurrence.YEARLY,
        last_year=2018,
        pupils=20,
        participants=20,
    )
    visit = PartnershipActivity.objects.create(
        partnership=ended,
        occurred_on=datetime.date(2012, 5, 1),
        kind=PartnershipActivity.Kind.VISIT,
        purpose="Körutbyte",
    )
    return {"ended": ended, "camp": camp, "visit": visit}


def listed(client, url, **query) -> list[str]:
    response = client.get(url, query)
    assert response.status_code == 200
    return [
        getattr(row, "purpose", None) or row.name
        for row in response.context["object_list"]
    ]


def test_partnerships_are_filtered_by_year_active_and_by_country(
    reader_client, logged, partnership_a
):
    assert listed(reader_client, PARTNERSHIPS, year="2012") == [
        partnership_a.name,
        "Vänorten Påhittstad",
    ]
    assert listed(reader_client, PARTNERSHIPS, year="2017") == [partnership_a.name]
    assert listed(reader_client, PARTNERSHIPS, country="EE") == ["Vänorten Påhittstad"]
    assert listed(reader_client, PARTNERSHIPS, q="påhittstad") == [
        "Vänorten Påhittstad"
    ]


def test_activities_are_listed_and_filtered_by_year_partnership_kind_and_organiser(
    reader_client, logged, partnership_a, forvaltning_a
):
    assert listed(reader_client, ACTIVITIES) == ["Språkläger", "Körutbyte"]
    assert listed(reader_client, ACTIVITIES, year="2017") == ["Språkläger"]
    assert listed(reader_client, ACTIVITIES, year="2019") == []
    assert listed(reader_client, ACTIVITIES, year="2012") == ["Körutbyte"]
    assert listed(reader_client, ACTIVITIES, partnership=logged["ended"].pk) == [
        "Körutbyte"
    ]
    assert listed(reader_client, ACTIVITIES, kind="exchange") == ["Språkläger"]
    assert listed(reader_client, ACTIVITIES, organiser=forvaltning_a.pk) == [
        "Språkläger"
    ]


def test_another_kommuns_activities_are_not_listed(other_coordinator_client, logged):
    assert listed(other_coordinator_client, ACTIVITIES) == []


def test_the_activity_export_has_the_organiser_groups_and_recurrence(
    reader_client, logged
):
    response = reader_client.get(
        reverse("projects:partnership_activity_export"), {"year": "2016"}
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (row,) = rows
    values = dict(zip(header, row, strict=True))
    assert values["Syfte"] == "Språkläger"
    assert values["Anordnad av"] == "Barn- och utbildningsförvaltningen"
    assert values["Elever"] == 20
    assert values["Återkommer"] == "Varje år 2015–2018"


def test_the_partnership_export_has_towns_period_and_funding(reader_client, logged):
    logged["ended"].funding.create(year=2012, source="eu", amount=Decimal("1000"))
    response = reader_client.get(
        reverse("projects:partnership_export"), {"country": "EE"}
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header, row = list(sheet.iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert values["Partnerorter"] == "Påhittstad, Estland"
    assert (values["Start"], values["Slut"]) == ("2005", "2015")
    assert values["Finansiering"] == "2012 EU 1000.00"
