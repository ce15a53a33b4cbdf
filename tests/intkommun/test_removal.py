"""The core removal mechanism: managers, scoping and the model verbs."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from actions.models import Action, ActionUpdate
from intkommun import permissions
from intkommun.removal import removable_models, removal_consequences
from projects.models import Partnership, Project
from strategies.models import Goal
from tests.actions.conftest import make_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(kommun, forvaltning_a, plan_with_type):
    return make_action(plan_with_type, responsible=[forvaltning_a])


@pytest.fixture
def plan_with_type(kommun):
    from tests.strategy_factories import StrategyFactory

    return StrategyFactory(kommun=kommun)


def test_the_four_models_take_part():
    assert set(removable_models()) == {Action, Goal, Project, Partnership}


def test_remove_and_restore_set_and_clear_who_and_when(coordinator, action):
    action.remove(by=coordinator)
    assert action.is_removed and action.removed_by == coordinator
    assert not Action.objects.filter(pk=action.pk).exists()
    assert Action.objects.removed().get(pk=action.pk) == action
    assert Action._base_manager.filter(pk=action.pk).exists()
    action.restore(by=coordinator)
    assert Action.objects.get(pk=action.pk).removed_at is None
    assert not Action.objects.removed().exists()


def test_scoping_still_works_and_hides_removed_rows(
    coordinator, reporter_a, reader, action
):
    assert list(Action.objects.visible_to(reader)) == [action]
    assert list(Action.objects.editable_by(reporter_a)) == [action]
    action.remove(by=coordinator)
    assert not Action.objects.visible_to(reader).exists()
    assert not Action.objects.editable_by(coordinator).exists()
    assert list(Action.objects.with_removed().editable_by(coordinator)) == [action]


def test_only_coordinators_of_the_kommun_and_superusers_may_remove(
    coordinator, reporter_a, reader, other_coordinator, action
):
    superuser = get_user_model().objects.create_superuser("root", "r@example.se", "x")
    assert permissions.can_remove(coordinator, action)
    assert permissions.can_remove(superuser, action)
    for user in (reporter_a, reader, other_coordinator):
        assert not permissions.can_remove(user, action)


def test_the_log_of_a_removed_action_leaves_with_it(coordinator, action):
    ActionUpdate.objects.create(action=action, occurred_on="2017-05-02", text="Möte")
    assert [c.count for c in removal_consequences(action)] == [1]
    assert removal_consequences(action)[0].follows
    action.remove(by=coordinator)
    assert not ActionUpdate.objects.exists()
    assert ActionUpdate.objects.with_removed().count() == 1
