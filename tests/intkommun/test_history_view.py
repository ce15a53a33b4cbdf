from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def history_url(obj):
    return reverse(
        "intkommun:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk]
    )


def test_history_shows_who_changed_what_and_when(
    coordinator_client, coordinator, forvaltning_a
):
    forvaltning_a._history_user = coordinator
    forvaltning_a.short_name = "BUF"
    forvaltning_a.save()
    response = coordinator_client.get(history_url(forvaltning_a))
    assert response.status_code == 200
    latest = response.context["entries"][0]
    assert latest.changed_by == "Test " + coordinator.last_name
    assert latest.action == "Ändrad"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("kortnamn", "–", "BUF")
    ]
    created = response.context["entries"][-1]
    assert created.action == "Skapad"


def test_history_of_another_kommuns_object_is_not_found(
    other_coordinator_client, forvaltning_a
):
    assert other_coordinator_client.get(history_url(forvaltning_a)).status_code == 404


def test_history_is_not_offered_for_models_without_scope(
    coordinator_client, coordinator
):
    url = reverse("intkommun:history", args=["auth", "user", coordinator.pk])
    assert coordinator_client.get(url).status_code == 404


def test_history_of_an_unknown_model_is_not_found(coordinator_client):
    url = reverse("intkommun:history", args=["nope", "thing", 1])
    assert coordinator_client.get(url).status_code == 404


def test_history_requires_login(client, forvaltning_a):
    assert client.get(history_url(forvaltning_a)).status_code == 302
