from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from actions.models import Action, Status
from actions.timeline import DateSpan, build_timeline
from actions.views.timeline import ACTIONS_PER_PAGE
from tests.actions.conftest import make_action

TODAY = datetime.date(2017, 6, 15)


def item(starts_on=None, ends_on=None, is_ongoing=False, is_late=False):
    return SimpleNamespace(
        starts_on=starts_on,
        ends_on=ends_on,
        is_ongoing=is_ongoing,
        is_overdue_on=lambda day: is_late and day == TODAY,
    )


def active_months(row):
    return [cell.is_active for cell in row.cells].count(True)


def test_months_run_from_the_first_start_to_the_last_end():
    timeline = build_timeline(
        [
            item(datetime.date(2017, 1, 1), datetime.date(2017, 2, 28)),
            item(datetime.date(2017, 5, 1), datetime.date(2017, 12, 31)),
        ],
        TODAY,
    )
    assert timeline.months[0] == datetime.date(2017, 1, 1)
    assert timeline.months[-1] == datetime.date(2017, 12, 1)
    assert [active_months(row) for row in timeline.rows] == [2, 8]
    assert timeline.years == [(2017, 12)]


def test_an_ongoing_action_reaches_the_end_with_an_open_end():
    timeline = build_timeline(
        [item(datetime.date(2017, 1, 1), None, is_ongoing=True)], TODAY
    )
    row = timeline.rows[0]
    assert all(cell.is_active for cell in row.cells)
    assert row.cells[-1].is_open_end
    assert len(timeline.months) == 12


def test_an_action_without_dates_has_no_bar():
    timeline = build_timeline(
        [item(), item(datetime.date(2017, 3, 1), datetime.date(2017, 3, 31))], TODAY
    )
    assert not timeline.rows[0].is_dated
    assert active_months(timeline.rows[0]) == 0


def test_a_page_of_actions_shows_the_months_of_the_whole_span():
    span = DateSpan(datetime.date(2016, 3, 5), datetime.date(2018, 2, 1))
    timeline = build_timeline(
        [item(datetime.date(2017, 1, 1), datetime.date(2017, 2, 28))], TODAY, span
    )
    assert timeline.months[0] == datetime.date(2016, 3, 1)
    assert timeline.months[-1] == datetime.date(2018, 2, 1)
    assert active_months(timeline.rows[0]) == 2


def test_a_row_knows_whether_its_action_is_overdue_on_the_day_given():
    timeline = build_timeline(
        [item(datetime.date(2017, 1, 1), datetime.date(2017, 2, 1), is_late=True)],
        TODAY,
    )
    assert timeline.rows[0].is_overdue


def test_an_action_is_overdue_on_a_day_after_its_end_unless_closed_or_ongoing():
    action = Action(ends_on=datetime.date(2017, 5, 31), status=Status.PLANNED)
    assert not action.is_overdue_on(datetime.date(2017, 5, 31))
    assert action.is_overdue_on(datetime.date(2017, 6, 1))
    action.status = Status.DONE
    assert not action.is_overdue_on(datetime.date(2017, 6, 1))
    action.status, action.is_ongoing = Status.PLANNED, True
    assert not action.is_overdue_on(datetime.date(2017, 6, 1))


@pytest.mark.django_db
def test_date_span_covers_every_action_of_the_plan(plan):
    make_action(plan, starts_on=None, ends_on=datetime.date(2016, 4, 30))
    make_action(plan, starts_on=datetime.date(2019, 2, 1), ends_on=None)
    make_action(plan, starts_on=None, ends_on=None, is_ongoing=True)
    span = Action.objects.filter(plan=plan).date_span()
    assert span == DateSpan(datetime.date(2016, 4, 30), datetime.date(2019, 2, 1), True)


@pytest.mark.django_db
def test_timeline_page_lists_the_plans_actions_with_periods_in_words(
    reader_client, plan, action_a
):
    response = reader_client.get(reverse("actions:timeline", args=[plan.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert action_a.short_title in text
    assert "1 maj 2017 – 31 maj 2017" in text


@pytest.mark.django_db
def test_timeline_of_another_kommuns_plan_is_not_found(reader_client, other_plan):
    url = reverse("actions:timeline", args=[other_plan.pk])
    assert reader_client.get(url).status_code == 404


@pytest.mark.django_db
def test_timeline_is_paginated_with_the_same_months_on_every_page(reader_client, plan):
    for number in range(ACTIONS_PER_PAGE):
        make_action(plan, title=f"Åtgärd nummer {number}", position=number)
    make_action(
        plan,
        title="Sista åtgärden",
        position=ACTIONS_PER_PAGE,
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 3, 31),
    )
    url = reverse("actions:timeline", args=[plan.pk])
    first, second = reader_client.get(url), reader_client.get(url + "?page=2")
    assert "Sista åtgärden" not in first.text
    assert "Åtgärd nummer 0" in first.text
    assert "Sida 1 av 2" in first.text and 'href="?page=2"' in first.text
    assert "Sista åtgärden" in second.text
    assert "Åtgärd nummer 0" not in second.text
    for page in (first, second):
        months = page.context["timeline"].months
        assert (months[0], months[-1]) == (
            datetime.date(2017, 5, 1),
            datetime.date(2018, 3, 1),
        )


@pytest.mark.django_db
def test_timeline_takes_any_page_number(reader_client, plan, action_a):
    url = reverse("actions:timeline", args=[plan.pk])
    for page in ("0", "-1", "999", "x"):
        response = reader_client.get(url, {"page": page})
        assert response.status_code == 200
        assert action_a.short_title in response.text


@pytest.mark.django_db
def test_an_overdue_action_is_marked_on_the_timeline(reader_client, plan):
    make_action(
        plan,
        title="Försenad åtgärd",
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2017, 2, 28),
    )
    response = reader_client.get(reverse("actions:timeline", args=[plan.pk]))
    assert "<strong>försenad</strong>" in response.text
    assert "is-active is-overdue" in response.text
