from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_history_shows_changes_of_responsible_organisations(
    coordinator_client, action_a, forvaltning_a, forvaltning_b
):
    action_a.responsible_organisations.set([forvaltning_a, forvaltning_b])
    url = reverse("intkommun:history", args=["actions", "action", action_a.pk])
    latest = coordinator_client.get(url).context["entries"][0]
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        (
            "ansvariga organisationer",
            forvaltning_a.name,
            f"{forvaltning_a.name}, {forvaltning_b.name}",
        )
    ]


def test_history_of_a_progress_update_names_its_author(
    coordinator_client, coordinator, action_a
):
    import datetime

    from actions import services

    update = services.action_update_add(
        action=action_a,
        by=coordinator,
        occurred_on=datetime.date(2017, 5, 2),
        text="Planering klar.",
    )
    url = reverse("intkommun:history", args=["actions", "actionupdate", update.pk])
    entry = coordinator_client.get(url).context["entries"][0]
    assert entry.changed_by == coordinator.get_full_name()
    assert ("vad som hänt", "–", "Planering klar.") in [
        (c.label, c.old, c.new) for c in entry.changes
    ]
