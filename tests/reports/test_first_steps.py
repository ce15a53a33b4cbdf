"""Issue 17: a coordinator of an empty kommun is told what to do first, on the
start page and on every page that would otherwise be a dead end."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from intkommun.models import Membership
from reports.first_steps import first_steps
from reports.models import FollowUpRound
from strategies.models import DocumentType, Strategy
from tests.factories import member

pytestmark = pytest.mark.django_db


def done(kommun) -> list[bool]:
    return [step.is_done for step in first_steps(kommun)]


def test_an_empty_kommun_has_every_step_to_do_and_the_start_page_lists_them(
    coordinator_client, kommun
):
    assert done(kommun) == [False] * 5
    page = coordinator_client.get(reverse("start")).content.decode()
    assert "Första stegen" in page
    assert reverse("strategies:create") in page
    assert f"{reverse('intkommun:organisation_create')}?parent={kommun.pk}" in page


def test_the_steps_are_done_one_by_one_and_the_list_goes_away(
    coordinator_client, kommun, forvaltning_a
):
    plan_type, _ = DocumentType.objects.get_or_create(
        kommun=None, name="Handlingsplan", defaults={"is_action_plan": True}
    )
    plan = Strategy.objects.create(kommun=kommun, document_type=plan_type, title="Plan")
    assert done(kommun) == [True, False, True, False, False]
    Action.objects.create(plan=plan, title="Ordna en EU-dag")
    reporter = member(forvaltning_a, Membership.Role.REPORTER, "utan_epost")
    reporter.email = ""
    reporter.save()
    assert done(kommun) == [True, True, True, False, False]
    reporter.email = "rapportor@example.se"
    reporter.save()
    FollowUpRound.objects.create(
        kommun=kommun, year=2026, deadline=datetime.date(2027, 2, 1)
    )
    assert done(kommun) == [True] * 5
    assert (
        "Första stegen" not in coordinator_client.get(reverse("start")).content.decode()
    )


def test_opening_a_round_without_organisations_says_to_add_them_first(
    coordinator_client, kommun
):
    page = coordinator_client.get(reverse("reports:round_create")).content.decode()
    assert "Lägg först till organisationerna som rapporterar" in page
    assert "Rätta de markerade fälten" not in page
    assert 'name="deadline"' not in page


def test_new_action_and_import_without_a_plan_say_to_register_one_first(
    coordinator_client,
):
    for name in ("actions:create", "actions:import"):
        page = coordinator_client.get(reverse(name)).content.decode()
        assert "Registrera styrdokumentet först" in page
        assert reverse("strategies:create") in page
        assert 'name="plan"' not in page


def test_add_an_organisation_from_the_hint_names_the_kommun_as_parent(
    coordinator_client, kommun
):
    url = f"{reverse('intkommun:organisation_create')}?parent={kommun.pk}"
    form = coordinator_client.get(url).context["form"]
    assert str(form["parent"].value()) == str(kommun.pk)
