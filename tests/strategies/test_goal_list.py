"""The goal list: every vision, purpose and goal of the documents the user sees,
filtered, sorted and exported; another kommun's goals never appear."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from strategies.exports import GOAL_COLUMNS
from strategies.models import Goal
from tests.factories import UserFactory
from tests.spreadsheets import exported_rows
from tests.strategy_factories import (
    FocusAreaFactory,
    GoalFactory,
    IndicatorFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

URL = "strategies:goal_list"


@pytest.fixture
def goals(kommun, other_kommun):
    policy = StrategyFactory(kommun=kommun, title="Policy för internationellt arbete")
    plan = StrategyFactory(kommun=kommun, title="Handlingsplan 2017")
    area = FocusAreaFactory(strategy=plan, number=1, title="Vänorter")
    vision = GoalFactory(strategy=policy, kind=Goal.Kind.VISION, text="Skara i världen")
    exchange = GoalFactory(
        strategy=plan, label="a", text="Fler elevutbyten", focus_area=area
    )
    funding = GoalFactory(strategy=plan, label="b", text="Mer extern finansiering")
    IndicatorFactory(goal=funding, name="Beviljade EU-medel")
    for title in ("Europaveckan", "Utbyte med Falun"):
        action = Action.objects.create(
            plan=plan,
            title=title,
            starts_on=datetime.date(2017, 1, 1),
            ends_on=datetime.date(2017, 12, 31),
        )
        action.goals.add(exchange)
    removed = Action.objects.create(plan=plan, title="Borttagen åtgärd")
    removed.goals.add(funding)
    Action.objects.with_removed().filter(pk=removed.pk).update(
        removed_at=timezone.now()
    )
    foreign = StrategyFactory(kommun=other_kommun, title="Essungas policy")
    GoalFactory(strategy=foreign, text="Essungas hemliga mål")
    return {"vision": vision, "exchange": exchange, "funding": funding, "area": area}


def page(client, **query) -> str:
    response = client.get(reverse(URL), query)
    assert response.status_code == 200
    return response.content.decode()


def test_every_goal_of_the_kommun_and_none_of_another(reader_client, goals):
    listed = page(reader_client)
    assert "3 mål" in listed
    assert "Skara i världen" in listed and "Fler elevutbyten" in listed
    assert "Essungas" not in listed
    assert "Beviljade EU-medel" in listed
    assert f"{reverse('actions:list')}?goal={goals['exchange'].pk}" in listed


def test_filters_narrow_the_list(reader_client, goals):
    assert "1 mål" in page(reader_client, kind="vision")
    with_actions = page(reader_client, has_actions="yes")
    assert "Fler elevutbyten" in with_actions and "1 mål" in with_actions
    # A removed action does not count.
    without = page(reader_client, has_actions="no")
    assert "Mer extern finansiering" in without and "2 mål" in without
    assert "1 mål" in page(reader_client, focus_area=goals["area"].pk)
    assert "1 mål" in page(reader_client, q="finansiering")
    in_plan = page(reader_client, strategy=goals["exchange"].strategy_id)
    assert "2 mål" in in_plan and "Skara i världen" not in in_plan


def test_sorting_by_linked_actions(reader_client, goals):
    most_first = page(reader_client, o="-actions")
    assert most_first.index("Fler elevutbyten") < most_first.index("Skara i världen")
    assert 'aria-sort="descending"' in most_first
    by_kind = page(reader_client, o="kind")
    assert by_kind.index("Skara i världen") < by_kind.index("Fler elevutbyten")


def test_export_has_the_filtered_goals(reader_client, goals):
    response = reader_client.get(
        reverse("strategies:goal_export"), {"kind": "goal", "o": "-actions"}
    )
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''m%C3%A5l-{today}.xlsx"
    )
    rows = exported_rows(response, GOAL_COLUMNS)
    assert [row["Text"].value for row in rows] == [
        "Fler elevutbyten",
        "Mer extern finansiering",
    ]
    first, second = rows
    assert first["Governing document"].value == "Handlingsplan 2017"
    assert first["Kind"].value == "Mål"
    assert first["Label"].value == "a"
    assert first["Focus area"].value == "1. Vänorter"
    assert first["Number of linked actions"].value == 2
    assert second["Number of linked actions"].value == 0
    assert second["Indicators"].value == "Beviljade EU-medel"


def test_another_kommuns_export_has_none_of_the_goals(other_coordinator_client, goals):
    rows = exported_rows(
        other_coordinator_client.get(reverse("strategies:goal_export")), GOAL_COLUMNS
    )
    assert [row["Text"].value for row in rows] == ["Essungas hemliga mål"]


def test_the_document_list_links_to_the_goals(reader_client):
    listed = reader_client.get(reverse("strategies:list")).content.decode()
    assert reverse(URL) in listed


def test_whoever_sees_several_kommuner_sees_each_goals_kommun_without_a_query_per_row(
    client, goals, other_kommun
):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    page(client)  # warm the session and the caches
    with CaptureQueriesContext(connection) as before:
        listed = page(client)
    row = listed.split("Essungas hemliga mål")[1].split("</tr>")[0]
    assert "Essunga kommun" in row
    row = listed.split("Fler elevutbyten")[1].split("</tr>")[0]
    assert "Handlingsplan 2017" in row and "Skara kommun" in row
    assert str(goals["area"]) in row
    for number in range(10):
        document = StrategyFactory(kommun=other_kommun, title=f"Plan {number}")
        GoalFactory(strategy=document, text=f"Mål {number}")
    with CaptureQueriesContext(connection) as after:
        assert "Mål 9" in page(client)
    assert len(after) == len(before)
