"""A megabyte pasted into an action is refused with a Swedish message, not stored."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from actions.models import Action
from actions.plan_parsing import parse_text
from intkommun.limits import TITLE_LENGTH
from tests.actions.test_action_edit import form_data

pytestmark = pytest.mark.django_db

MEGABYTE_OF_TEXT = "å" * 1024 * 1024


def test_a_one_megabyte_title_is_refused_in_swedish_and_nothing_is_saved(
    coordinator_client, plan
):
    response = coordinator_client.post(
        reverse("actions:create"), form_data(plan, title=MEGABYTE_OF_TEXT)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["title"]
    assert [error.code for error in errors] == ["max_length"]
    assert "Säkerställ att detta värde har som mest 1000 tecken" in (
        response.content.decode()
    )
    assert not Action.objects.exists()


def test_a_title_at_the_limit_is_saved(coordinator_client, plan):
    title = "x" * TITLE_LENGTH
    coordinator_client.post(reverse("actions:create"), form_data(plan, title=title))
    assert Action.objects.get().title == title


def test_the_database_refuses_an_overlong_title_that_skips_the_form(plan):
    with pytest.raises(IntegrityError):
        Action.objects.create(plan=plan, title="x" * (TITLE_LENGTH + 1))


def test_an_imported_action_longer_than_a_title_holds_is_a_problem_of_the_file():
    plan = parse_text(
        f"Åtgärd: {'x' * (TITLE_LENGTH + 1)}\nAnsvarig: KS\n\n"
        "Åtgärd: Genomföra Europaveckan\nAnsvarig: KS\n"
    )
    assert [action.title for action in plan.actions] == ["Genomföra Europaveckan"]
    assert [problem.message for problem in plan.problems] == [
        "Åtgärd är längre än 1\u00a0000 tecken; korta texten."
    ]
