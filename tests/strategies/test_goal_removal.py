"""Removing a goal and restoring it: its links stay, but it is no live goal."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from intkommun.search import search
from projects.gaps import goals_without_action_or_project, projects_without_goal
from reports.services import goals_to_assess
from reports.year_end.data import year_end_data
from strategies.models import Goal
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


def url(view: str, goal: Goal) -> str:
    return reverse(f"intkommun:{view}", args=["strategies", "goal", goal.pk])


@pytest.fixture
def goal(strategy) -> Goal:
    return strategy.goals.get(text="Fler unga i internationella utbyten.")


@pytest.fixture
def linked(goal, strategy, forvaltning_a):
    action = Action.objects.create(plan=strategy, title="Ungdomsutbyte med vänorten")
    action.goals.add(goal)
    project = make_project(forvaltning_a, title="Unga i Europa")
    project.goals.add(goal)
    return action, project


def test_the_confirmation_says_that_linked_actions_and_projects_stay(
    coordinator_client, goal, linked
):
    response = coordinator_client.get(url("remove", goal))
    assert response.status_code == 200
    assert "Åtgärder" in response.text and "Projekt" in response.text
    assert "Finns kvar" in response.text


def test_a_removed_goal_leaves_the_document_search_and_ks_report_but_links_stay(
    coordinator, coordinator_client, kommun, strategy, goal, linked
):
    action, project = linked
    year = datetime.date.today().year
    assert goal in [section.goal for section in year_end_data(kommun, year).goals]
    assert goal in goals_to_assess(kommun, year)
    coordinator_client.post(url("remove", goal), follow=True)

    page = coordinator_client.get(strategy.get_absolute_url()).text
    assert "Fler unga i internationella utbyten." not in page
    assert "Ökad extern finansiering." in page
    assert not search(coordinator, "Fler unga")
    sections = year_end_data(kommun, datetime.date.today().year).goals
    assert goal not in [section.goal for section in sections]
    assert goal not in goals_to_assess(kommun, datetime.date.today().year)
    assert list(action.goals.all()) == [] and list(project.goals.all()) == []
    assert Action.goals.through.objects.filter(goal_id=goal.pk).exists()
    assert project in projects_without_goal(kommun)

    coordinator_client.post(url("restore", goal))
    assert list(action.goals.all()) == [goal] and list(project.goals.all()) == [goal]
    assert project not in projects_without_goal(kommun)
    assert goal not in goals_without_action_or_project(kommun, datetime.date.today())
    page = coordinator_client.get(strategy.get_absolute_url()).text
    assert "Fler unga i internationella utbyten." in page


def test_the_goals_history_has_the_removal_and_the_restore(
    coordinator, coordinator_client, goal
):
    goal.remove(by=coordinator)
    removed = coordinator_client.get(reverse("intkommun:removed_list")).text
    assert "Fler unga i internationella utbyten." in removed and "Mål" in removed
    goal.restore(by=coordinator)
    history = coordinator_client.get(url("history", goal)).text
    assert "Borttagen" in history and "Återställd" in history


@pytest.mark.parametrize("persona", ["reporter_a_client", "reader_client"])
def test_reporters_and_readers_may_not_remove_a_goal(request, persona, goal):
    client = request.getfixturevalue(persona)
    assert client.post(url("remove", goal)).status_code == 403
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_another_kommuns_coordinator_cannot_find_the_goal(
    other_coordinator_client, goal
):
    assert other_coordinator_client.get(url("remove", goal)).status_code == 404


def test_the_document_page_offers_goal_removal_to_the_coordinator_only(
    coordinator_client, reader_client, strategy, goal
):
    page = strategy.get_absolute_url()
    assert url("remove", goal) in coordinator_client.get(page).text
    assert url("remove", goal) not in reader_client.get(page).text


def test_saving_a_projects_goals_while_one_is_removed_keeps_that_link(
    coordinator, goal, linked
):
    _, project = linked
    other = Goal.objects.exclude(pk=goal.pk).first()
    goal.remove(by=coordinator)
    project.goals.set([other])  # what the edit form does with the live goals
    goal.restore(by=coordinator)
    assert set(project.goals.all()) == {goal, other}
