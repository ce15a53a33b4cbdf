"""Logging what happened on an action (journey 1), and who may do it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from actions.models import ActionUpdate, Status
from intkommun.versioning import current_version

pytestmark = pytest.mark.django_db


def log_url(action):
    return reverse("actions:add_update", args=[action.pk])


def entry(action, **overrides):
    """What the page's form posts, with the version of the action it showed."""
    data = {
        "loaded_version": current_version(action),
        "occurred_on": "2017-05-12",
        "text": "Europaveckan genomförd med utställning på biblioteket.",
        "new_status": Status.DONE,
        "participants": "120",
        "young_participants": "45",
        "countries": ["LT", "IS"],
    }
    return {**data, **overrides}


def test_coordinator_logs_an_update_and_the_status_follows(
    coordinator_client, coordinator, action_a
):
    response = coordinator_client.post(log_url(action_a), entry(action_a))
    assert response.status_code == 302
    update = ActionUpdate.objects.get(action=action_a)
    assert update.author == coordinator
    assert update.occurred_on == datetime.date(2017, 5, 12)
    assert (update.participants, update.young_participants) == (120, 45)
    assert {country.code for country in update.countries} == {"LT", "IS"}
    action_a.refresh_from_db()
    assert action_a.status == Status.DONE
    assert action_a.history.first().history_user == coordinator


def test_reporter_logs_updates_on_their_organisations_action(
    reporter_a_client, action_a
):
    assert reporter_a_client.post(log_url(action_a), entry(action_a)).status_code == 302
    assert action_a.updates.count() == 1


def test_reporter_of_a_parent_organisation_covers_its_units(
    reporter_a_client, plan, enhet_a
):
    from tests.actions.conftest import make_action

    action = make_action(plan, responsible=[enhet_a])
    assert reporter_a_client.post(log_url(action), entry(action)).status_code == 302


def test_reporter_cannot_log_on_another_organisations_action(
    reporter_b_client, action_a
):
    assert reporter_b_client.post(log_url(action_a), entry(action_a)).status_code == 403
    assert not action_a.updates.exists()


def test_reader_cannot_log_updates(reader_client, action_a):
    assert reader_client.post(log_url(action_a), entry(action_a)).status_code == 403
    assert not action_a.updates.exists()


def test_another_kommuns_action_is_not_found(coordinator_client, foreign_action):
    assert (
        coordinator_client.post(
            log_url(foreign_action), entry(foreign_action)
        ).status_code
        == 404
    )
    detail = reverse("actions:detail", args=[foreign_action.pk])
    assert coordinator_client.get(detail).status_code == 404


def test_logging_needs_post(coordinator_client, action_a):
    assert coordinator_client.get(log_url(action_a)).status_code == 405


def test_more_young_people_than_participants_is_refused_in_swedish(
    coordinator_client, action_a
):
    response = coordinator_client.post(
        log_url(action_a), entry(action_a, participants="10", young_participants="12")
    )
    assert response.status_code == 400
    errors = response.context["update_form"].errors
    assert errors["young_participants"] == [
        "Det kan inte vara fler unga deltagare än deltagare."
    ]
    assert not action_a.updates.exists()
    action_a.refresh_from_db()
    assert action_a.status == Status.PLANNED


def test_an_update_in_the_future_is_refused(coordinator_client, action_a):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = coordinator_client.post(
        log_url(action_a), entry(action_a, occurred_on=tomorrow.isoformat())
    )
    assert "occurred_on" in response.context["update_form"].errors
    assert not action_a.updates.exists()


def test_htmx_gets_the_log_back_as_a_fragment(coordinator_client, action_a):
    response = coordinator_client.post(
        log_url(action_a), entry(action_a), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert '<section id="progress-log"' in text
    assert "<html" not in text
    assert "Europaveckan genomförd" in text


def test_htmx_swaps_in_the_new_status_and_moves_focus_to_the_log(
    coordinator_client, action_a
):
    response = coordinator_client.post(
        log_url(action_a), entry(action_a), HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    status = text[text.index('<p id="action-status"') :]
    status = status[: status.index("</p>")]
    assert 'hx-swap-oob="true"' in status
    assert "Genomförd" in status
    assert "Försenad" not in status
    assert 'id="log-heading" class="h4" tabindex="-1" autofocus' in text


def test_htmx_with_an_error_focuses_the_first_field_in_error(
    coordinator_client, action_a
):
    response = coordinator_client.post(
        log_url(action_a), entry(action_a, participants="x"), HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    inputs = re.findall(r"<input[^>]*>", text)
    focused = [tag for tag in inputs if "autofocus" in tag]
    assert len(focused) == 1 and 'name="participants"' in focused[0]
    assert 'tabindex="-1" autofocus' not in text


def test_unchanged_status_leaves_the_action_as_it_was(coordinator_client, action_a):
    coordinator_client.post(log_url(action_a), entry(action_a, new_status=""))
    action_a.refresh_from_db()
    assert action_a.status == Status.PLANNED
    assert ActionUpdate.objects.get(action=action_a).new_status == ""


def test_a_stale_log_form_cannot_undo_a_status_set_since(
    coordinator_client, reporter_a, action_a
):
    stale = entry(action_a, new_status=Status.IN_PROGRESS)
    action_a.status = Status.POSTPONED
    action_a._history_user = reporter_a
    action_a.save()

    response = coordinator_client.post(log_url(action_a), stale)

    assert response.status_code == 400
    text = response.content.decode()
    assert reporter_a.get_full_name() in text
    assert "Uppskjuten" in text
    assert stale["text"] in text
    action_a.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert not ActionUpdate.objects.filter(action=action_a).exists()


def test_a_stale_log_form_may_still_log_without_changing_the_status(
    coordinator_client, reporter_a, action_a
):
    stale = entry(action_a, new_status="")
    action_a.status = Status.POSTPONED
    action_a._history_user = reporter_a
    action_a.save()

    assert coordinator_client.post(log_url(action_a), stale).status_code == 302
    action_a.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert ActionUpdate.objects.filter(action=action_a).count() == 1


def test_after_a_status_conflict_the_form_carries_the_new_version(
    coordinator_client, reporter_a, action_a
):
    stale = entry(action_a, new_status=Status.IN_PROGRESS)
    action_a.status = Status.POSTPONED
    action_a._history_user = reporter_a
    action_a.save()
    response = coordinator_client.post(log_url(action_a), stale, HTTP_HX_REQUEST="true")
    carried = re.search(
        r'name="loaded_version" value="(\d+)"', response.content.decode()
    )

    again = {**stale, "loaded_version": carried.group(1)}
    assert coordinator_client.post(log_url(action_a), again).status_code == 302
    action_a.refresh_from_db()
    assert action_a.status == Status.IN_PROGRESS


def test_a_form_in_error_keeps_the_chosen_countries_and_status(
    coordinator_client, action_a
):
    """The log form's selects are written in Python (``python_options``): the
    options the user chose stay chosen when the form comes back with an error."""
    response = coordinator_client.post(
        log_url(action_a), entry(action_a, participants="x"), HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    countries = re.search(r'<select name="countries".*?</select>', text, re.S).group()
    assert countries.count("<option") > 200
    assert re.findall(r'<option value="(\w+)" selected>', countries) == ["IS", "LT"]
    status = re.search(r'<select name="new_status".*?</select>', text, re.S).group()
    assert re.findall(r'<option value="(\w+)" selected>', status) == [Status.DONE]
