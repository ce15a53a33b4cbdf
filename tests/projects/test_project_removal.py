"""Removing a project or a partnership and restoring it (DESIGN §7)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from intkommun.search import search
from projects import key_figures
from projects.models import Partnership, PartnershipActivity, Project
from reports.year_end.data import year_end_data
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


def url(view: str, obj) -> str:
    meta = obj._meta
    return reverse(f"intkommun:{view}", args=[meta.app_label, meta.model_name, obj.pk])


@pytest.fixture
def eu_project(forvaltning_a) -> Project:
    """Granted and running in 2017: 100 000 kr of EU grant."""
    return make_project(
        forvaltning_a,
        title="Elevutbyte med Radviliskis",
        kind=Project.Kind.EU_PROJECT,
        status=Project.Status.ONGOING,
        submitted_on=datetime.date(2017, 2, 1),
        decision_on=datetime.date(2017, 5, 1),
        starts_on=datetime.date(2017, 6, 1),
        ends_on=datetime.date(2018, 5, 31),
        municipality_budget=Decimal("150000"),
        eu_grant=Decimal("100000"),
    )


@pytest.fixture
def twin_town(kommun) -> Partnership:
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name="Vänorten Hafnarfjörður",
        responsible_organisation=kommun,
    )
    PartnershipActivity.objects.create(
        partnership=partnership,
        occurred_on=datetime.date(2017, 8, 15),
        kind="meeting",
        purpose="Ungdomsutbyte",
        participants=20,
        young_participants=15,
    )
    return partnership


def export_titles(client, view: str) -> str:
    response = client.get(reverse(view))
    return str(list(load_workbook(io.BytesIO(response.getvalue())).active.values))


def test_a_removed_project_leaves_list_search_export_key_figures_and_ks_report(
    coordinator, coordinator_client, kommun, eu_project
):
    assert key_figures.active_eu_projects(kommun, 2017) == 1
    assert key_figures.external_funding_granted_sek(kommun, 2017) == Decimal("100000")
    assert year_end_data(kommun, 2017).eu_projects == [eu_project]

    response = coordinator_client.post(url("remove", eu_project), follow=True)
    assert response.status_code == 200

    listing = coordinator_client.get(reverse("projects:list")).text
    assert "Elevutbyte med Radviliskis" not in listing
    assert "Elevutbyte" not in export_titles(coordinator_client, "projects:export")
    assert not search(coordinator, "Radviliskis")
    assert key_figures.active_eu_projects(kommun, 2017) == 0
    assert key_figures.external_funding_granted_sek(kommun, 2017) == 0
    assert key_figures.applications(kommun, 2017).submitted == 0
    data = year_end_data(kommun, 2017)
    assert data.eu_projects == [] and data.applications == []
    detail = reverse("projects:detail", args=[eu_project.pk])
    assert coordinator_client.get(detail).status_code == 404


def test_a_restored_project_is_back_everywhere_and_its_history_has_both(
    coordinator, coordinator_client, kommun, eu_project
):
    eu_project.remove(by=coordinator)
    removed = coordinator_client.get(reverse("intkommun:removed_list")).text
    assert "Elevutbyte med Radviliskis" in removed and "Projekt" in removed

    coordinator_client.post(url("restore", eu_project))
    assert (
        "Elevutbyte med Radviliskis"
        in coordinator_client.get(reverse("projects:list")).text
    )
    assert key_figures.active_eu_projects(kommun, 2017) == 1
    assert year_end_data(kommun, 2017).eu_projects == [eu_project]
    history = coordinator_client.get(url("history", eu_project)).text
    assert "Borttagen" in history and "Återställd" in history


def test_a_removed_partnership_leaves_list_search_counts_and_ks_report(
    coordinator, coordinator_client, kommun, twin_town
):
    assert key_figures.active_partnerships(kommun, 2017).twin_towns == 1
    assert key_figures.young_participants(kommun, 2017) == 15

    coordinator_client.post(url("remove", twin_town), follow=True)

    listing = coordinator_client.get(reverse("projects:partnership_list")).text
    assert "Hafnarfjörður" not in listing
    assert "Hafnarfjörður" not in export_titles(
        coordinator_client, "projects:partnership_export"
    )
    assert not search(coordinator, "Hafnarfjörður")
    assert key_figures.active_partnerships(kommun, 2017).twin_towns == 0
    assert key_figures.young_participants(kommun, 2017) == 0
    assert year_end_data(kommun, 2017).partnerships == []

    coordinator_client.post(url("restore", twin_town))
    assert key_figures.young_participants(kommun, 2017) == 15
    assert year_end_data(kommun, 2017).partnerships == [twin_town]


def test_the_confirmation_lists_the_partners_and_activities_that_follow(
    coordinator_client, twin_town
):
    response = coordinator_client.get(url("remove", twin_town))
    assert response.status_code == 200
    assert "Följer med" in response.text


@pytest.mark.parametrize("persona", ["reporter_a_client", "reader_client"])
def test_the_owners_reporter_and_a_reader_may_not_remove_a_project(
    request, persona, eu_project, twin_town
):
    client = request.getfixturevalue(persona)
    for obj in (eu_project, twin_town):
        assert client.get(url("remove", obj)).status_code == 403
        assert client.post(url("remove", obj)).status_code == 403
    assert Project.objects.filter(pk=eu_project.pk).exists()
    assert Partnership.objects.filter(pk=twin_town.pk).exists()


def test_another_kommuns_coordinator_cannot_find_the_project(
    other_coordinator_client, coordinator, eu_project
):
    assert other_coordinator_client.post(url("remove", eu_project)).status_code == 404
    eu_project.remove(by=coordinator)
    assert other_coordinator_client.post(url("restore", eu_project)).status_code == 404
    assert Project.objects.with_removed().get(pk=eu_project.pk).is_removed


def test_the_detail_pages_offer_removal_to_the_coordinator_only(
    coordinator_client, reporter_a_client, eu_project, twin_town
):
    for obj in (eu_project, twin_town):
        page = obj.get_absolute_url()
        assert url("remove", obj) in coordinator_client.get(page).text
        assert url("remove", obj) not in reporter_a_client.get(page).text


def test_a_removed_project_is_not_prefilled_in_the_annual_report(
    coordinator, forvaltning_a, eu_project
):
    from reports.facts import live_facts

    assert [f.pk for f in live_facts(forvaltning_a, 2017).eu_projects_ongoing] == [
        eu_project.pk
    ]
    eu_project.remove(by=coordinator)
    facts = live_facts(forvaltning_a, 2017)
    assert facts.eu_projects_ongoing == [] and facts.applications == []
