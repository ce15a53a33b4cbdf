from __future__ import annotations

import datetime

import pytest

from actions.models import Action, Status
from strategies.models import DocumentType, FocusArea, Strategy


@pytest.fixture
def plan_type(db) -> DocumentType:
    document_type, _ = DocumentType.objects.get_or_create(
        kommun=None, name="Handlingsplan", defaults={"is_action_plan": True}
    )
    return document_type


@pytest.fixture
def plan(kommun, plan_type) -> Strategy:
    return Strategy.objects.create(
        kommun=kommun,
        document_type=plan_type,
        title="Handlingsplan 2017",
        valid_from=datetime.date(2017, 1, 1),
        valid_until=datetime.date(2017, 12, 31),
    )


@pytest.fixture
def other_plan(other_kommun, plan_type) -> Strategy:
    return Strategy.objects.create(
        kommun=other_kommun, document_type=plan_type, title="Annan kommuns plan"
    )


@pytest.fixture
def focus_area(plan) -> FocusArea:
    return FocusArea.objects.create(strategy=plan, number=1, title="Nätverk")


def make_action(plan, *, responsible=(), **fields) -> Action:
    defaults = {
        "title": "Genomföra Europaveckan",
        "timing_text": "Maj 2017",
        "starts_on": datetime.date(2017, 5, 1),
        "ends_on": datetime.date(2017, 5, 31),
        "status": Status.PLANNED,
    }
    action = Action.objects.create(plan=plan, **{**defaults, **fields})
    action.responsible_organisations.set(responsible)
    return action


@pytest.fixture
def action_a(plan, forvaltning_a) -> Action:
    """An action förvaltning A is responsible for."""
    return make_action(plan, responsible=[forvaltning_a])


@pytest.fixture
def action_b(plan, forvaltning_b) -> Action:
    return make_action(
        plan, responsible=[forvaltning_b], title="Vidareutveckla vänortsarbetet"
    )


@pytest.fixture
def foreign_action(other_plan) -> Action:
    return make_action(other_plan, title="Annan kommuns åtgärd")
