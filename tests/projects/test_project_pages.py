"""Registering and editing projects through the pages, and who may do what."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Project
from projects.models.projects import AMOUNT_FIELDS
from tests.projects.conftest import make_project
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:create")


def form_data(owner, **fields) -> dict:
    """Everything the project form posts, empty unless given."""
    data = {
        "kind": "eu_project",
        "title": "Ungdomsutbyte i Europa",
        "owner": owner.pk,
        "status": "idea",
        "currency": "SEK",
        **dict.fromkeys(
            (
                "acronym",
                "contact_person",
                "contact_email",
                "programme",
                "call",
                "reference_number",
                "role",
                "submitted_on",
                "decision_on",
                "starts_on",
                "ends_on",
                "exchange_rate",
                "exchange_rate_on",
                "description",
                "results",
                *AMOUNT_FIELDS,
            ),
            "",
        ),
    }
    data.update(fields)
    return data


def update(project):
    return reverse("projects:update", args=[project.pk])


def detail(project):
    return reverse("projects:detail", args=[project.pk])


def test_a_reporter_registers_an_idea_which_moves_to_submitted_and_then_granted(
    reporter_a_client, coordinator_client, reader_client, forvaltning_a, erasmus
):
    money = {
        "programme": erasmus.pk,
        "currency": "EUR",
        "exchange_rate": "11,2345",
        "total_budget": "200 000",
        "municipality_budget": "100 000,00",
        "eu_grant": "80 000",
        "own_cofinancing_cash": "15 000",
        "own_cofinancing_in_kind": "5 000",
    }
    response = reporter_a_client.post(CREATE, form_data(forvaltning_a, **money))
    assert response.status_code == 302
    project = Project.objects.get(title="Ungdomsutbyte i Europa")
    assert project.status == "idea"
    assert project.owner == forvaltning_a
    assert project.exchange_rate == Decimal("11.2345")
    assert project.municipality_budget == Decimal("100000.00")

    submitted = {**money, "status": "submitted", "submitted_on": "2026-03-02"}
    response = reporter_a_client.post(
        update(project),
        form_data(forvaltning_a, **submitted, **loaded_version(project)),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "submitted"

    granted = {**submitted, "status": "granted", "decision_on": "2026-06-10"}
    response = reporter_a_client.post(
        update(project), form_data(forvaltning_a, **granted, **loaded_version(project))
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    project.refresh_from_db()
    assert project.status == "submitted"

    response = coordinator_client.post(
        update(project), form_data(forvaltning_a, **granted, **loaded_version(project))
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "granted"
    assert project.decision_on == datetime.date(2026, 6, 10)

    response = reader_client.get(detail(project))
    shown = response.context["object"]
    assert shown.eu_grant_sek == Decimal("80000.00") * Decimal("11.2345")
    assert shown.eu_grant_sek == Decimal("898760.00")
    assert shown.municipality_budget_sek == Decimal("1123450.00")
    assert shown.own_cofinancing_sek == Decimal("224690.00")
    assert "898\u00a0760\u00a0kr" in response.content.decode()
    assert "80\u00a0000\u00a0EUR" in response.content.decode()
    history = [change.status for change in response.context["status_history"]]
    assert history == ["idea", "submitted", "granted"]


def test_a_coordinator_may_record_a_rejection(
    coordinator_client, project_b, forvaltning_b
):
    data = form_data(
        forvaltning_b,
        title=project_b.title,
        status="rejected",
        submitted_on="2017-02-01",
        decision_on="2017-04-01",
        **loaded_version(project_b),
    )
    assert coordinator_client.post(update(project_b), data).status_code == 302
    project_b.refresh_from_db()
    assert project_b.status == "rejected"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"total_budget": "abc"}, {"total_budget": "Fyll i ett tal."}),
        ({"eu_grant": "12,34,56"}, {"eu_grant": "Fyll i ett tal."}),
        ({"eu_grant": "-5"}, {"eu_grant": None}),
        ({"municipality_budget": "1e3x"}, {"municipality_budget": "Fyll i ett tal."}),
        ({"starts_on": "2017-13-40"}, {"starts_on": "Fyll i ett giltigt datum."}),
        (
            {"starts_on": "2018-01-01", "ends_on": "2017-12-31"},
            {"ends_on": "Slutet kan inte vara före starten."},
        ),
        ({"municipality_budget": "100", "eu_grant": "100,01"}, {"eu_grant": None}),
        (
            {"total_budget": "100", "municipality_budget": "200"},
            {"municipality_budget": None},
        ),
        ({"currency": "EUR", "eu_grant": "10"}, {"exchange_rate": None}),
        ({"currency": "EUR", "exchange_rate": "0"}, {"exchange_rate": None}),
        ({"status": "submitted"}, {"submitted_on": None}),
        ({"contact_email": "inte en adress"}, {"contact_email": None}),
    ],
)
def test_invalid_money_and_dates_give_form_errors_and_save_nothing(
    reporter_a_client, forvaltning_a, fields, errors
):
    response = reporter_a_client.post(CREATE, form_data(forvaltning_a, **fields))
    assert response.status_code == 200
    form_errors = response.context["form"].errors
    assert set(form_errors) == set(errors)
    for name, message in errors.items():
        if message is not None:
            assert form_errors[name] == [message]
    assert not Project.objects.exists()


def test_an_invalid_edit_leaves_the_project_as_it_was(
    coordinator_client, project_a, forvaltning_a
):
    data = form_data(
        forvaltning_a,
        title="Nytt namn",
        currency="EUR",
        exchange_rate="9,6543",
        municipality_budget="60000",
        eu_grant="70000",
        **loaded_version(project_a),
    )
    response = coordinator_client.post(update(project_a), data)
    assert "eu_grant" in response.context["form"].errors
    project_a.refresh_from_db()
    assert project_a.title == "Elevutbyte med Radviliskis"
    assert project_a.eu_grant == Decimal("45000.00")


def test_a_reporter_registers_only_for_their_own_organisations(
    reporter_a_client, forvaltning_a, enhet_a, forvaltning_b
):
    response = reporter_a_client.post(CREATE, form_data(forvaltning_b))
    assert "owner" in response.context["form"].errors
    assert not Project.objects.exists()
    response = reporter_a_client.post(CREATE, form_data(enhet_a, title="Skolans idé"))
    assert response.status_code == 302
    assert Project.objects.get().owner == enhet_a


def test_a_coordinator_of_another_kommun_cannot_register_for_this_one(
    other_coordinator_client, forvaltning_a
):
    response = other_coordinator_client.post(CREATE, form_data(forvaltning_a))
    assert "owner" in response.context["form"].errors
    assert not Project.objects.exists()


def test_goals_and_actions_must_be_the_owners_kommun(
    coordinator, coordinator_client, forvaltning_a, other_kommun
):
    from tests.strategy_factories import GoalFactory, StrategyFactory

    foreign_goal = GoalFactory(strategy=StrategyFactory(kommun=other_kommun))
    data = form_data(forvaltning_a, goals=[foreign_goal.pk])
    response = coordinator_client.post(CREATE, data)
    assert "goals" in response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("coordinator_client", 200),
        ("reporter_a_client", 200),
        ("reporter_b_client", 403),
        ("reader_client", 403),
        ("other_coordinator_client", 404),
    ],
)
def test_who_may_edit_a_project(request, project_a, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(update(project_a)).status_code == status
    partners = reverse("projects:partners", args=[project_a.pk])
    assert client.get(partners).status_code == status


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("coordinator_client", 200),
        ("reporter_a_client", 200),
        ("reporter_b_client", 200),
        ("reader_client", 200),
        ("other_coordinator_client", 404),
    ],
)
def test_who_may_see_a_project(request, project_a, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(detail(project_a)).status_code == status


def test_a_reporter_edits_the_projects_of_units_below_their_organisation(
    reporter_a_client, enhet_a
):
    project = make_project(enhet_a, title="Skolans projekt")
    assert reporter_a_client.get(update(project)).status_code == 200


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("coordinator_client", 200),
        ("reporter_a_client", 200),
        ("reader_client", 403),
    ],
)
def test_who_may_register_a_project(request, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(CREATE).status_code == status


def test_a_reader_cannot_post_a_project(reader_client, forvaltning_a):
    assert reader_client.post(CREATE, form_data(forvaltning_a)).status_code == 403
    assert not Project.objects.exists()


def test_pages_need_a_login(client, project_a):
    for url in (reverse("projects:list"), detail(project_a), CREATE):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_detail_page_shows_money_partners_and_history_link(
    reader_client, project_a
):
    project_a.partners.create(name="Radviliskio gimnazija", country="LT", is_lead=True)
    response = reader_client.get(detail(project_a))
    text = response.content.decode()
    assert "Radviliskio gimnazija" in text
    assert "434\u00a0443,50\u00a0kr" in text
    assert (
        reverse("intkommun:history", args=["projects", "project", project_a.pk]) in text
    )
