"""The coordinator's gap checks and the page of the year's applications."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionUpdate
from projects import gaps
from strategies.models import Goal
from tests.projects.conftest import make_project
from tests.strategy_factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db

GAPS = reverse("projects:gaps")
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def strategy(kommun):
    return StrategyFactory(
        kommun=kommun, title="Strategi för ökad internationalisering"
    )


def test_projects_linked_to_no_goal(kommun, strategy, forvaltning_a):
    goal = GoalFactory(strategy=strategy)
    linked = make_project(forvaltning_a, title="Med mål")
    linked.goals.add(goal)
    unlinked = make_project(forvaltning_a, title="Utan mål")
    make_project(forvaltning_a, title="Avslaget", status="withdrawn")
    assert list(gaps.projects_without_goal(kommun)) == [unlinked]


def test_goals_with_no_action_or_project(kommun, strategy, forvaltning_a):
    with_action, with_project, alone = (
        GoalFactory(strategy=strategy, text=text)
        for text in ("Åtgärdat", "Projektmål", "Ensamt")
    )
    Action.objects.create(plan=strategy, title="Åtgärd").goals.add(with_action)
    make_project(forvaltning_a).goals.add(with_project)
    GoalFactory(strategy=strategy, kind=Goal.Kind.PURPOSE, text="Ett syfte")
    expired = StrategyFactory(kommun=kommun, valid_until=datetime.date(2019, 12, 31))
    GoalFactory(strategy=expired, text="Gammalt mål")
    assert list(gaps.goals_without_action_or_project(kommun, TODAY)) == [alone]


def test_actions_past_their_end_without_an_update(kommun, strategy):
    def action(title, ends_on, status="planned"):
        return Action.objects.create(
            plan=strategy, title=title, ends_on=ends_on, status=status
        )

    silent = action("Tyst", datetime.date(2017, 5, 31))
    logged = action("Loggad", datetime.date(2017, 5, 31))
    ActionUpdate.objects.create(
        action=logged, occurred_on=datetime.date(2017, 5, 3), text="Gjort"
    )
    action("Pågår", datetime.date(2027, 1, 31))
    action("Inställd", datetime.date(2017, 5, 31), status="cancelled")
    action("Utan datum", None)
    assert list(gaps.actions_past_end_without_update(kommun, TODAY)) == [silent]


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("coordinator_client", 200),
        ("reporter_a_client", 403),
        ("reader_client", 403),
    ],
)
def test_the_gap_page_is_the_coordinators(request, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(GAPS).status_code == status


def test_the_gap_page_of_another_kommun_is_not_found(coordinator_client, other_kommun):
    response = coordinator_client.get(GAPS, {"kommun": other_kommun.pk})
    assert response.status_code == 404


def test_the_gap_page_lists_the_gaps(coordinator_client, strategy, forvaltning_a):
    project = make_project(forvaltning_a, title="Projekt utan mål")
    goal = GoalFactory(strategy=strategy, text="Ökad extern finansiering.")
    ended = timezone.localdate() - datetime.timedelta(days=1)
    action = Action.objects.create(plan=strategy, title="Glömd åtgärd", ends_on=ended)
    response = coordinator_client.get(GAPS)
    assert list(response.context["projects"]) == [project]
    assert list(response.context["goals"]) == [goal]
    assert list(response.context["actions"]) == [action]


def test_the_years_applications_per_organisation(
    reader_client, forvaltning_a, forvaltning_b, other_kommun
):
    make_project(
        forvaltning_a,
        title="Beviljat",
        status="granted",
        submitted_on=datetime.date(2017, 2, 1),
        decision_on=datetime.date(2017, 6, 1),
    )
    make_project(
        forvaltning_b,
        title="Inskickat",
        status="submitted",
        submitted_on=datetime.date(2017, 9, 1),
    )
    make_project(
        forvaltning_b,
        title="Förra året",
        status="submitted",
        submitted_on=datetime.date(2016, 9, 1),
    )
    url = reverse("projects:applications")
    response = reader_client.get(url, {"year": "2017"})
    totals = response.context["totals"]
    assert (totals.submitted, totals.granted, totals.rejected) == (2, 1, 0)
    rows = {
        organisation.name: figures
        for organisation, figures in response.context["by_organisation"]
    }
    assert rows[forvaltning_a.name].granted == 1
    assert rows[forvaltning_b.name].submitted == 1
    assert [p.title for p in response.context["projects"]] == ["Beviljat", "Inskickat"]
    assert reader_client.get(url, {"kommun": other_kommun.pk}).status_code == 404


def test_a_year_that_is_not_a_number_means_this_year(reader_client):
    response = reader_client.get(reverse("projects:applications"), {"year": "förra"})
    assert response.context["chosen"].year == timezone.localdate().year
