"""Odd years in query strings and URLs are refused politely, never with a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import YearEndReport

pytestmark = pytest.mark.django_db

ODD_YEARS = ["0", "-1", "10000", "99999999999999999999"]

LISTS_WITH_YEAR_FILTER = [
    "actions:list",
    "actions:mine",
    "projects:list",
    "strategies:list",
]
EXPORTS = [
    "actions:export",
    "projects:export",
    "projects:partnership_export",
    "strategies:export",
]
YEAR_PAGES = ["projects:applications", "projects:key_figures", "projects:gaps"]
KS_REPORT_PAGES = [
    "reports:year_end_preview",
    "reports:year_end_status",
    "reports:year_end_download",
    "reports:year_end_figures",
]


@pytest.fixture
def client(coordinator) -> Client:
    # Answer like production: a failing view becomes a 500 page, not an exception.
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize("year", ODD_YEARS)
@pytest.mark.parametrize(
    "name",
    LISTS_WITH_YEAR_FILTER + EXPORTS + YEAR_PAGES + ["projects:partnership_list"],
)
def test_an_odd_year_in_the_query_string_is_never_a_server_error(client, name, year):
    response = client.get(reverse(name), {"year": year})
    assert response.status_code < 500


@pytest.mark.parametrize("year", ODD_YEARS + ["abc", "2017.5"])
@pytest.mark.parametrize("name", LISTS_WITH_YEAR_FILTER)
def test_the_filter_explains_in_swedish_that_the_year_is_implausible(
    client, name, year
):
    response = client.get(reverse(name), {"year": year})
    assert response.status_code == 200
    assert "Ange ett år mellan 1900 och 2100." in response.content.decode()


@pytest.mark.parametrize("name", LISTS_WITH_YEAR_FILTER)
def test_a_plausible_year_is_accepted_by_the_filter(client, name):
    response = client.get(reverse(name), {"year": "2017"})
    assert response.status_code == 200
    assert "Ange ett år mellan" not in response.content.decode()


@pytest.mark.parametrize("year", [0, 1899, 2101, 10000, 99999, 99999999999999999999])
@pytest.mark.parametrize("name", KS_REPORT_PAGES)
def test_an_implausible_year_in_a_ks_report_address_is_not_found(
    client, kommun, name, year
):
    path = f"/uppfoljning/ks-rapport/{kommun.pk}/{year}/"
    path += {
        "year_end_status": "status/",
        "year_end_download": "pdf/",
        "year_end_figures": "nyckeltal.xlsx",
    }.get(name.split(":")[1], "")
    response = client.get(path)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.parametrize("year", [10000, 99999])
def test_generating_a_ks_report_for_an_implausible_year_is_not_found(
    client, kommun, year
):
    response = client.post(f"/uppfoljning/ks-rapport/{kommun.pk}/{year}/generera/")
    assert response.status_code == 404
    assert not YearEndReport.objects.exists()


def test_the_year_message_follows_each_requests_language(client, settings):
    url = reverse(LISTS_WITH_YEAR_FILTER[0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url, {"year": "0"}).content.decode()
    assert "Give a year between 1900 and 2100." in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = client.get(url, {"year": "0"}).content.decode()
    assert "Ange ett år mellan 1900 och 2100." in swedish
