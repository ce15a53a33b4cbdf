"""seed_demo: the seeds' facts as they are, invented examples labelled as such."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from intkommun import registry
from projects import key_figures
from projects.models import (
    FundAllocation,
    FundApplication,
    InternationalFund,
    Partnership,
    PartnershipActivity,
    Project,
    ProjectPartner,
)

pytestmark = pytest.mark.django_db

MODELS = (
    Project,
    ProjectPartner,
    Partnership,
    PartnershipActivity,
    InternationalFund,
    FundAllocation,
    FundApplication,
)


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_twice_creates_nothing_twice(seeded):
    first = counts()
    assert all(first.values())
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first


def test_the_seeds_networks_and_agreements_are_real_and_eurocities_is_absent(seeded):
    real = {
        (p.responsible_organisation.kommun.name, p.name, p.kind)
        for p in Partnership.objects.filter(is_example=False)
    }
    assert {
        ("Skara kommun", "V6", "network"),
        ("Essunga kommun", "V6", "network"),
        ("Skara kommun", "Europa Direkt", "network"),
        ("Skara kommun", "Potential 12", "agreement"),
        ("Enköpings kommun", "Stockholm Business Alliance", "network"),
    } <= real
    assert not Partnership.objects.filter(name__icontains="Eurocities").exists()


def test_radviliskis_is_an_exchange_of_katedralskolan_in_lithuania(seeded):
    exchange = Partnership.objects.get(name__contains="Radviliskis")
    assert exchange.kind == Partnership.Kind.EXCHANGE
    assert [town.country.code for town in exchange.towns.all()] == ["LT"]
    assert exchange.place == "Radviliskis, Litauen"
    assert exchange.responsible_organisation.name == "Katedralskolan"
    assert "utbyte med Radviliskis" in exchange.description


def test_the_nordic_twin_town_exchange_is_worded_as_the_plan_words_it(seeded):
    twin = Partnership.objects.get(kind=Partnership.Kind.TWIN_TOWN, is_example=False)
    assert "Nordiskt vänortsutbyte på Island i augusti 2017" in twin.description
    assert not twin.towns.exists()
    assert not twin.activities.exists()


def test_the_v6_network_began_in_2015_as_the_plan_says(seeded):
    v6 = Partnership.objects.get(
        name="V6", responsible_organisation__name="Skara kommun"
    )
    assert v6.period_text == "sedan 2015"


def test_the_example_agreement_has_a_period_four_towns_and_recurring_activities(
    seeded,
):
    example = Partnership.objects.get(name__startswith="Exempel:")
    assert example.is_example
    assert example.period_text == "sedan maj 2009"
    assert [town.country.code for town in example.towns.all()] == [
        "NO",
        "FI",
        "DK",
        "IS",
    ]
    assert all("(exempel)" in town.name for town in example.towns.all())
    camp, calls, school_exchange = example.activities.order_by("occurred_on")
    assert [camp.occurrences_in(year) for year in range(2014, 2020)] == [
        0, 1, 1, 1, 1, 0,
    ]  # fmt: skip
    assert calls.occurrences_in(2017) == 4
    assert calls.organiser.name == "Kommunledningsförvaltningen"
    # Reaching the year the demo is seeded in, as an example.
    assert school_exchange.is_example
    assert school_exchange.occurrences_in(timezone.localdate().year) == 2


def test_the_demo_reaches_last_year_with_an_example_fund_and_this_year_with_activity(
    seeded,
):
    last_year = timezone.localdate().year - 1
    fund = InternationalFund.objects.get(kommun__name="Skara kommun", year=last_year)
    assert fund.is_example and fund.description.startswith("Exempel:")
    statuses = sorted(fund.applications.values_list("status", flat=True))
    assert statuses == ["granted", "granted", "submitted"]
    skara = fund.kommun
    figures = key_figures.key_figures(skara, timezone.localdate().year)
    assert figures.partnerships.networks >= 1
    assert figures.partnerships.twin_towns >= 1
    assert figures.young_participants >= 30


def test_skaras_fund_for_2017_with_the_school_earmark(seeded):
    fund = InternationalFund.objects.get(kommun__name="Skara kommun", year=2017)
    assert fund.budget == Decimal("500000")
    assert fund.description.startswith("Budgeterade medel för 2017 är 500 000 kr.")
    assert not fund.is_example
    earmark = fund.allocations.get()
    assert earmark.amount == Decimal("250000")
    assert fund.compute_totals().remaining >= 0


def test_everything_invented_is_an_example(seeded):
    assert Project.objects.count() >= 5
    for project in Project.objects.all():
        assert project.is_example
        assert project.title.startswith("Exempel:")
    assert set(Project.objects.values_list("currency", flat=True)) == {"SEK", "EUR"}
    assert Project.objects.values("status").distinct().count() >= 5
    assert all(a.is_example for a in FundApplication.objects.all())
    assert all(a.is_example for a in PartnershipActivity.objects.all())
    for project in Project.objects.all():
        assert project.owner.is_example


def test_the_example_projects_are_badged_in_the_list(seeded, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="skara.lasare"))
    response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    assert response.content.decode().count("badge text-bg-warning") >= 5


def test_the_app_offers_navigation_and_a_demo_loader():
    assert "projects:list" in {
        entry.url_name for entry in registry.navigation_entries()
    }
    assert "projekt" in {loader.name for loader in registry.demo_loaders()}


def test_every_page_renders_with_the_demo_data(seeded, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="skara.samordnare"))
    project = Project.objects.get(title="Exempel: Klimatanpassning av småstäder")
    partnership = Partnership.objects.get(
        name="V6", responsible_organisation__name="Skara kommun"
    )
    fund = InternationalFund.objects.get(year=2017)
    open_application = fund.applications.get(status="submitted")
    granted = fund.applications.filter(status="granted").first()
    urls = [
        reverse("projects:list"),
        reverse("projects:list") + "?o=-decision_on&status=granted",
        reverse("projects:create"),
        reverse("projects:detail", args=[project.pk]),
        reverse("projects:update", args=[project.pk]),
        reverse("projects:partners", args=[project.pk]),
        reverse("projects:applications") + "?year=2026",
        reverse("projects:key_figures") + "?year=2017",
        reverse("projects:gaps"),
        reverse("projects:programme_list"),
        reverse("projects:programme_create"),
        reverse("projects:partnership_list"),
        reverse("projects:partnership_create"),
        reverse("projects:partnership_detail", args=[partnership.pk]),
        reverse("projects:partnership_update", args=[partnership.pk]),
        reverse("projects:fund_list"),
        reverse("projects:fund_create"),
        fund.get_absolute_url(),
        reverse("projects:fund_update", args=[fund.pk]),
        reverse("projects:allocation_create", args=[fund.pk]),
        reverse("projects:allocation_update", args=[fund.allocations.get().pk]),
        reverse("projects:application_create", args=[fund.pk]),
        open_application.get_absolute_url(),
        reverse("projects:application_update", args=[open_application.pk]),
        granted.get_absolute_url(),
        reverse("intkommun:history", args=["projects", "project", project.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url
