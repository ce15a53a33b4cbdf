from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db


def form_data(plan, **overrides):
    data = {
        "plan": plan.pk,
        "title": "Förbereda nordiskt vänortsutbyte på Island",
        "participants_text": "Vänortsgruppen",
        "timing_text": "Våren-Hösten 2017",
        "responsible_text": "KF/KS, Vänortsgruppen, internationell samordnare",
        "status": "planned",
    }
    return {**data, **overrides}


def test_coordinator_creates_an_action_and_the_dates_come_from_the_timing(
    coordinator_client, plan
):
    response = coordinator_client.post(reverse("actions:create"), form_data(plan))
    action = Action.objects.get()
    assert response.url == action.get_absolute_url()
    assert (action.starts_on, action.ends_on) == (
        datetime.date(2017, 1, 1),
        datetime.date(2017, 12, 31),
    )
    assert action.responsible_text == "KF/KS, Vänortsgruppen, internationell samordnare"


def test_typed_dates_win_over_the_timing_text(coordinator_client, plan):
    coordinator_client.post(
        reverse("actions:create"),
        form_data(plan, starts_on="2017-03-01", ends_on="2017-08-31"),
    )
    action = Action.objects.get()
    assert (action.starts_on, action.ends_on) == (
        datetime.date(2017, 3, 1),
        datetime.date(2017, 8, 31),
    )


def test_an_end_before_the_start_is_refused_next_to_the_field(coordinator_client, plan):
    response = coordinator_client.post(
        reverse("actions:create"),
        form_data(plan, starts_on="2017-08-01", ends_on="2017-03-01"),
    )
    assert response.context["form"].errors["ends_on"] == [
        "Slutet kan inte vara före starten."
    ]
    assert not Action.objects.exists()


def test_coordinator_cannot_create_in_another_kommuns_plan(
    coordinator_client, other_plan
):
    response = coordinator_client.post(reverse("actions:create"), form_data(other_plan))
    assert "plan" in response.context["form"].errors
    assert not Action.objects.exists()


def test_reporter_edits_own_organisations_action_but_not_anothers(
    reporter_a_client, action_a, action_b
):
    url = reverse("actions:update", args=[action_a.pk])
    data = form_data(action_a.plan, title=action_a.title, status="in_progress")
    data.update(loaded_version(action_a))
    assert reporter_a_client.post(url, data).status_code == 302
    action_a.refresh_from_db()
    assert action_a.status == "in_progress"
    other = reverse("actions:update", args=[action_b.pk])
    assert reporter_a_client.get(other).status_code == 403
    data.update(loaded_version(action_b))
    assert reporter_a_client.post(other, data).status_code == 403


def test_reporters_and_readers_cannot_create_actions(reporter_a_client, reader_client):
    for client in (reporter_a_client, reader_client):
        assert client.get(reverse("actions:create")).status_code == 403


def test_the_action_page_shows_the_four_plan_columns(reader_client, action_a):
    text = reader_client.get(action_a.get_absolute_url()).content.decode()
    for label in ("Åtgärd", "Medverkande", "Tidpunkt", "Ansvarig"):
        assert f">{label}</dt>" in text
    assert "Logga uppdatering" not in text
