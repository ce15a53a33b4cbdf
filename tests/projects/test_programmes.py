"""Funding programmes: the shared reference data and a kommun's own additions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.models import FundingProgramme
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

LIST = reverse("projects:programme_list")
CREATE = reverse("projects:programme_create")


def programme_data(kommun, **fields) -> dict:
    data = {
        "kommun": kommun.pk,
        "code": "SKARABORG",
        "name_sv": "Skaraborgs utvecklingsfond",
        "name_en": "",
        "managing_authority": "",
        "period": "2024-2027",
        "typical_cofinancing_rate": "",
        "is_active": "on",
    }
    return {**data, **fields}


def test_the_shared_list_holds_the_eu_programmes_and_two_other_sources():
    shared = FundingProgramme.objects.defaults()
    assert shared.count() == 23
    erasmus = shared.get(code="ERASMUS+")
    assert erasmus.name_en == "Erasmus+"
    assert "UHR" in erasmus.managing_authority
    assert shared.get(code="ESF+").typical_cofinancing_rate.startswith(
        "Programområde A"
    )
    assert shared.get(code="INTERREG-NORD").is_active is False
    assert shared.get(code="AMIF").managing_authority.startswith("Migrationsverket")
    assert shared.get(code="LEADER").period.startswith("2023-2027")
    assert (
        shared.get(code="INTERREG-CB").typical_cofinancing_rate
        == "upp till 80 % (ERUF)"
    )
    assert {"Annan internationell finansiering", "Nationell finansiering"} <= set(
        shared.values_list("name_sv", flat=True)
    )


def test_a_coordinator_adds_a_programme_of_the_kommun(
    coordinator_client, reader_client, other_coordinator_client, kommun
):
    assert coordinator_client.post(CREATE, programme_data(kommun)).status_code == 302
    programme = FundingProgramme.objects.get(code="SKARABORG")
    assert programme.kommun == kommun
    assert programme in reader_client.get(LIST).context["own"]
    assert programme not in other_coordinator_client.get(LIST).context["own"]


def test_a_kommun_cannot_reuse_a_code_of_the_shared_list(coordinator_client, kommun):
    response = coordinator_client.post(CREATE, programme_data(kommun, code="ESF+"))
    assert "code" in response.context["form"].errors
    assert not FundingProgramme.objects.filter(kommun=kommun).exists()


@pytest.mark.parametrize(
    ("client_name", "status"),
    [("reporter_a_client", 403), ("reader_client", 403)],
)
def test_only_coordinators_add_programmes(request, kommun, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.post(CREATE, programme_data(kommun)).status_code == status
    assert not FundingProgramme.objects.filter(kommun__isnull=False).exists()


def test_the_shared_list_is_not_a_coordinators_to_change(coordinator_client, erasmus):
    url = reverse("projects:programme_update", args=[erasmus.pk])
    assert coordinator_client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("coordinator_client", 200),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_who_may_edit_a_kommuns_programme(request, kommun, client_name, status):
    programme = FundingProgramme.objects.create(
        kommun=kommun, code="EGEN", name_sv="Egen fond"
    )
    client = request.getfixturevalue(client_name)
    url = reverse("projects:programme_update", args=[programme.pk])
    assert client.get(url).status_code == status


def test_a_kommuns_codes_are_unique_also_when_edited(coordinator_client, kommun):
    FundingProgramme.objects.create(kommun=kommun, code="EGEN", name_sv="Egen fond")
    other = FundingProgramme.objects.create(
        kommun=kommun, code="ANNAN", name_sv="Annan"
    )
    url = reverse("projects:programme_update", args=[other.pk])
    data = programme_data(kommun, code="EGEN", **loaded_version(other))
    response = coordinator_client.post(url, data)
    assert response.context["form"].errors
    other.refresh_from_db()
    assert other.code == "ANNAN"
