"""A project's partners: countries by ISO code with Swedish names, one lead."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from projects.models import Project, ProjectPartner
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

EMPTY_ROW = {"name": "", "country": "", "city": "", "organisation_type": ""}


def partners_data(project, rows: list[dict], existing: int = 0) -> dict:
    data = {
        "partners-TOTAL_FORMS": str(len(rows)),
        "partners-INITIAL_FORMS": str(existing),
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in {**EMPTY_ROW, **row}.items():
            if value is False:
                continue
            data[f"partners-{index}-{key}"] = "on" if value is True else value
        data[f"partners-{index}-project"] = str(project.pk)
    return data


def url(project) -> str:
    return reverse("projects:partners", args=[project.pk])


def test_a_reporter_adds_partners_with_their_countries(reporter_a_client, project_a):
    project_a.role = Project.Role.PARTNER
    project_a.save()
    rows = [
        {"name": "Radviliskio gimnazija", "country": "LT", "is_lead": True},
        {
            "name": "Kommune Aarhus",
            "country": "DK",
            "organisation_type": "municipality",
        },
        {},
    ]
    response = reporter_a_client.post(url(project_a), partners_data(project_a, rows))
    assert response.status_code == 302
    partners = {p.name: p for p in project_a.partners.all()}
    assert set(partners) == {"Radviliskio gimnazija", "Kommune Aarhus"}
    assert partners["Radviliskio gimnazija"].is_lead
    assert partners["Kommune Aarhus"].country.code == "DK"
    page = reporter_a_client.get(reverse("projects:detail", args=[project_a.pk]))
    with translation.override("sv"):
        # Swedish ("Litauen") once django_countries' catalogue is installed.
        assert str(countries.name("LT")) in page.content.decode()


def test_a_project_has_only_one_lead_partner(reporter_a_client, project_a):
    rows = [
        {"name": "A", "country": "LT", "is_lead": True},
        {"name": "B", "country": "DK", "is_lead": True},
    ]
    response = reporter_a_client.post(url(project_a), partners_data(project_a, rows))
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not ProjectPartner.objects.exists()


def test_no_partner_leads_when_the_municipality_does(reporter_a_client, project_a):
    project_a.role = Project.Role.LEAD_PARTNER
    project_a.save()
    rows = [{"name": "A", "country": "LT", "is_lead": True}]
    response = reporter_a_client.post(url(project_a), partners_data(project_a, rows))
    assert response.context["formset"].non_form_errors()
    assert not ProjectPartner.objects.exists()


def test_the_lead_can_move_from_one_partner_to_another(reporter_a_client, project_a):
    # The new lead comes first in the form, so it is validated and saved before
    # the old lead is unmarked; the database allows one lead at a time.
    new = project_a.partners.create(name="Ny ledare", country="DK")
    old = project_a.partners.create(name="Gammal ledare", country="LT", is_lead=True)
    rows = [
        {"id": str(new.pk), "name": new.name, "country": "DK", "is_lead": True},
        {"id": str(old.pk), "name": old.name, "country": "LT", "is_lead": False},
    ]
    data = partners_data(project_a, rows, existing=2)
    data.update(loaded_version(new, "partners-0"))
    data.update(loaded_version(old, "partners-1"))
    response = reporter_a_client.post(url(project_a), data)
    assert response.status_code == 302
    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.is_lead, old.is_lead) == (True, False)


def test_a_partner_needs_a_known_country(reporter_a_client, project_a):
    rows = [{"name": "A", "country": "XX"}]
    response = reporter_a_client.post(url(project_a), partners_data(project_a, rows))
    assert "country" in response.context["formset"].forms[0].errors
    assert not ProjectPartner.objects.exists()


def test_a_reporter_of_another_forvaltning_cannot_change_partners(
    reporter_b_client, project_a
):
    rows = [{"name": "A", "country": "LT"}]
    response = reporter_b_client.post(url(project_a), partners_data(project_a, rows))
    assert response.status_code == 403
    assert not ProjectPartner.objects.exists()
