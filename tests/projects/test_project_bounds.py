"""Money that cannot add up and dates no project has are refused on their fields."""

from __future__ import annotations

import pytest

from projects.models import Project
from tests.projects.test_project_pages import CREATE, form_data

pytestmark = pytest.mark.django_db


def field_errors(response, field: str) -> list[str]:
    return [
        str(error.message) for error in response.context["form"].errors.as_data()[field]
    ]


def test_an_eu_grant_above_the_total_budget_is_refused_on_the_grant(
    reporter_a_client, forvaltning_a
):
    data = form_data(forvaltning_a, total_budget="100 000", eu_grant="150 000")
    response = reporter_a_client.post(CREATE, data)
    assert response.status_code == 200
    assert field_errors(response, "eu_grant") == [
        "Bidraget kan inte vara större än den totala budgeten."
    ]
    assert not Project.objects.exists()


def test_a_grant_above_the_municipalitys_share_is_refused_on_the_grant(
    reporter_a_client, forvaltning_a
):
    data = form_data(
        forvaltning_a,
        total_budget="100 000",
        municipality_budget="50 000",
        eu_grant="60 000",
    )
    response = reporter_a_client.post(CREATE, data)
    assert "eu_grant" in response.context["form"].errors
    assert not Project.objects.exists()


def test_negative_co_financing_is_refused(reporter_a_client, forvaltning_a):
    data = form_data(forvaltning_a, own_cofinancing_cash="-1")
    response = reporter_a_client.post(CREATE, data)
    assert "own_cofinancing_cash" in response.context["form"].errors
    assert not Project.objects.exists()


def test_a_grant_without_a_total_budget_is_no_violation(
    reporter_a_client, forvaltning_a
):
    response = reporter_a_client.post(CREATE, form_data(forvaltning_a, eu_grant="10"))
    assert response.status_code == 302
    assert Project.objects.get().eu_grant == 10


def test_a_project_starting_in_1800_is_refused_in_swedish(
    reporter_a_client, forvaltning_a
):
    response = reporter_a_client.post(
        CREATE, form_data(forvaltning_a, starts_on="1800-01-01")
    )
    assert field_errors(response, "starts_on") == [
        "Ange ett datum mellan 1900-01-01 och 2100-12-31."
    ]
    assert not Project.objects.exists()
