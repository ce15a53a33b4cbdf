from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from actions.timeline import build_timeline

TODAY = datetime.date(2017, 6, 15)


def item(starts_on=None, ends_on=None, is_ongoing=False):
    return SimpleNamespace(starts_on=starts_on, ends_on=ends_on, is_ongoing=is_ongoing)


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
