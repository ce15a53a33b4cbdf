"""The bulk update compares each cell with what the spreadsheet saw at export, so a
change made in intkommun after the export is never silently reverted (issue 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actions.models import ActionUpdate, Status
from tests.actions.test_bulk_update import confirm, edit, exported, upload

pytestmark = pytest.mark.django_db


def log_postponed(client, action) -> None:
    response = client.post(
        reverse("actions:add_update", args=[action.pk]),
        {
            "occurred_on": "2017-04-20",
            "text": "Skjuts upp till hösten.",
            "new_status": Status.POSTPONED,
        },
    )
    assert response.status_code == 302


def test_a_colleagues_status_survives_an_old_file_that_left_it_alone(
    coordinator_client, reporter_a_client, action_a, action_b
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(workbook, action_b.pk, Status="Pågår")

    preview = coordinator_client.get(upload(coordinator_client, workbook).url)

    plan = preview.context["plan"]
    assert [change.action.pk for change in plan.changes] == [action_b.pk]
    assert "Uppskjuten" not in preview.content.decode()
    confirm(coordinator_client, preview)
    action_a.refresh_from_db()
    action_b.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert action_b.status == Status.IN_PROGRESS
    assert ActionUpdate.objects.filter(action=action_a).count() == 1
