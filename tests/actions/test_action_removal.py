"""Removing an action and restoring it (DESIGN §7: users remove, never delete)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actions import services
from actions.models import Action, ActionUpdate
from intkommun.search import search
from projects.key_figures import young_participants
from reports.year_end.data import year_end_data
from tests.actions.conftest import make_action

pytestmark = pytest.mark.django_db


def remove_url(action: Action) -> str:
    return reverse("intkommun:remove", args=["actions", "action", action.pk])


def restore_url(action: Action) -> str:
    return reverse("intkommun:restore", args=["actions", "action", action.pk])


def history_url(action: Action) -> str:
    return reverse("intkommun:history", args=["actions", "action", action.pk])


@pytest.fixture
def logged_action(action_a, coordinator) -> Action:
    for day in (2, 3, 4):
        services.action_update_add(
            action=action_a,
            by=coordinator,
            occurred_on=datetime.date(2017, 5, day),
            text="Europaveckan på skolan",
            participants=10,
            young_participants=4,
        )
    return action_a


def test_confirmation_page_says_what_follows_along(coordinator_client, logged_action):
    response = coordinator_client.get(remove_url(logged_action))
    assert response.status_code == 200
    assert "Ta bort Genomföra Europaveckan" in response.text
    assert "Logganteckningar" in response.text
    assert "<td>3</td>" in response.text
    assert Action.objects.filter(pk=logged_action.pk).exists()


def test_coordinator_removes_an_action_and_it_leaves_list_search_and_export(
    coordinator, coordinator_client, logged_action
):
    stored_pk = logged_action.pk
    response = coordinator_client.post(remove_url(logged_action), follow=True)
    undo = f"{reverse('intkommun:removed_list')}?angra=actions.action.{stored_pk}"
    assert response.redirect_chain == [(undo, 302)]
    assert "Ångra" in response.text and restore_url(logged_action) in response.text
    stored = Action.objects.with_removed().get(pk=logged_action.pk)
    assert stored.removed_by == coordinator and stored.removed_at is not None

    listing = coordinator_client.get(reverse("actions:list"))
    assert "Genomföra Europaveckan" not in listing.text
    assert not search(coordinator, "Europaveckan")
    export = coordinator_client.get(reverse("actions:export"))
    rows = list(load_workbook(io.BytesIO(export.getvalue())).active.values)[1:]
    assert not any("Europaveckan" in str(row) for row in rows)
    detail = coordinator_client.get(reverse("actions:detail", args=[stored.pk]))
    assert detail.status_code == 404


def test_removed_action_leaves_counts_and_the_ks_report_data(
    coordinator, kommun, logged_action, plan
):
    assert young_participants(kommun, 2017) == 12
    assert year_end_data(kommun, 2017).action_count == 1
    logged_action.remove(by=coordinator)
    assert young_participants(kommun, 2017) == 0
    assert year_end_data(kommun, 2017).action_count == 0
    assert plan.actions.count() == 0
    assert ActionUpdate.objects.count() == 0
    assert ActionUpdate.objects.with_removed().count() == 3


def test_removed_list_shows_who_removed_it_and_when(
    coordinator, coordinator_client, action_a
):
    coordinator.first_name, coordinator.last_name = "Sara", "Samordnare"
    coordinator.save()
    coordinator_client.post(remove_url(action_a))
    response = coordinator_client.get(reverse("intkommun:removed_list"))
    assert response.status_code == 200
    assert "Genomföra Europaveckan" in response.text
    assert "Åtgärd" in response.text
    assert "Sara Samordnare" in response.text
    assert restore_url(action_a) in response.text
    assert "har tagits bort" in response.text


def test_restore_brings_it_back_with_its_log_and_history_has_both_entries(
    coordinator, coordinator_client, logged_action
):
    coordinator_client.post(remove_url(logged_action))
    response = coordinator_client.post(restore_url(logged_action))
    assert response.status_code == 302
    assert response.url == logged_action.get_absolute_url()
    restored = Action.objects.get(pk=logged_action.pk)
    assert restored.removed_at is None and restored.removed_by is None
    assert restored.updates.count() == 3
    assert (
        "Genomföra Europaveckan" in coordinator_client.get(reverse("actions:list")).text
    )
    history = coordinator_client.get(history_url(logged_action)).text
    assert "Borttagen" in history and "Återställd" in history
    empty = coordinator_client.get(reverse("intkommun:removed_list"))
    assert "Inget har tagits bort." in empty.text


def test_history_of_a_removed_action_stays_readable(coordinator_client, action_a):
    coordinator_client.post(remove_url(action_a))
    response = coordinator_client.get(history_url(action_a))
    assert response.status_code == 200
    assert "Borttagen" in response.text
    assert "Detta har tagits bort" in response.text


@pytest.mark.parametrize("persona", ["reporter_a_client", "reader_client"])
def test_reporters_and_readers_may_not_remove_or_restore(
    request, persona, coordinator, action_a
):
    client = request.getfixturevalue(persona)
    assert client.get(remove_url(action_a)).status_code == 403
    assert client.post(remove_url(action_a)).status_code == 403
    assert Action.objects.filter(pk=action_a.pk).exists()
    action_a.remove(by=coordinator)
    assert client.post(restore_url(action_a)).status_code == 403
    assert client.get(reverse("intkommun:removed_list")).status_code == 403
    assert Action.objects.filter(pk=action_a.pk).count() == 0


def test_another_kommuns_coordinator_gets_not_found(
    other_coordinator_client, coordinator, action_a
):
    assert other_coordinator_client.post(remove_url(action_a)).status_code == 404
    action_a.remove(by=coordinator)
    assert other_coordinator_client.post(restore_url(action_a)).status_code == 404
    listing = other_coordinator_client.get(reverse("intkommun:removed_list"))
    assert "Genomföra Europaveckan" not in listing.text


def test_restore_is_post_only(coordinator, coordinator_client, action_a):
    action_a.remove(by=coordinator)
    assert coordinator_client.get(restore_url(action_a)).status_code == 405
    assert Action.objects.filter(pk=action_a.pk).count() == 0


def test_only_coordinators_get_the_link_to_removed_in_their_menu(
    coordinator_client, reader_client
):
    url = reverse("intkommun:removed_list")
    assert url in coordinator_client.get(reverse("actions:list")).text
    assert url not in reader_client.get(reverse("actions:list")).text


def test_remove_button_is_shown_to_the_coordinator_only(
    coordinator_client, reporter_a_client, action_a
):
    detail = reverse("actions:detail", args=[action_a.pk])
    assert remove_url(action_a) in coordinator_client.get(detail).text
    assert remove_url(action_a) not in reporter_a_client.get(detail).text


def test_a_restored_action_that_is_not_removed_cannot_be_restored_again(
    coordinator_client, plan
):
    action = make_action(plan)
    assert coordinator_client.post(restore_url(action)).status_code == 404


def test_a_removed_action_is_neither_reminded_nor_on_the_timeline(
    coordinator, coordinator_client, reporter_a, action_a, plan
):
    from reports.reminders import due_reminders

    reporter_a.email = "rapportor@skara.se"
    reporter_a.save()
    day_after = action_a.ends_on + datetime.timedelta(days=1)
    assert due_reminders(today=day_after, base_url="https://x.se")
    action_a.remove(by=coordinator)
    assert not due_reminders(today=day_after, base_url="https://x.se")
    timeline = coordinator_client.get(reverse("actions:timeline", args=[plan.pk]))
    assert "Genomföra Europaveckan" not in timeline.text


def test_a_removed_action_leaves_the_start_page(
    coordinator, coordinator_client, logged_action
):
    assert "Genomföra Europaveckan" in coordinator_client.get(reverse("start")).text
    logged_action.remove(by=coordinator)
    assert "Genomföra Europaveckan" not in coordinator_client.get(reverse("start")).text


def test_the_list_filter_offers_no_organisation_whose_only_action_was_removed(
    coordinator_client, coordinator, action_a, action_b, forvaltning_a, forvaltning_b
):
    action_a.remove(by=coordinator)

    response = coordinator_client.get(reverse("actions:list"))

    responsible = response.context["filter"].filters["responsible"].queryset
    assert set(responsible) == {forvaltning_b}
    action_a.restore(by=coordinator)
    response = coordinator_client.get(reverse("actions:list"))
    responsible = response.context["filter"].filters["responsible"].queryset
    assert set(responsible) == {forvaltning_a, forvaltning_b}
