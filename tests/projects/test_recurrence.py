"""The one rule for how often a recurring partnership activity counts in a year."""

from __future__ import annotations

import pytest

from projects.recurrence import Recurrence, occurrences_in_year


def counts(years, **rule) -> list[int]:
    return [occurrences_in_year(year=year, **rule) for year in years]


def test_a_single_activity_counts_once_in_its_own_year_only():
    rule = {"first_year": 2016, "recurrence": Recurrence.NONE}
    assert counts(range(2015, 2018), **rule) == [0, 1, 0]


def test_a_yearly_language_camp_counts_once_in_each_year_2015_to_2018():
    rule = {"first_year": 2015, "recurrence": Recurrence.YEARLY, "last_year": 2018}
    assert counts(range(2014, 2020), **rule) == [0, 1, 1, 1, 1, 0]


def test_a_meeting_each_term_counts_twice_a_year():
    rule = {"first_year": 2016, "recurrence": Recurrence.PER_TERM, "last_year": 2017}
    assert counts(range(2015, 2019), **rule) == [0, 2, 2, 0]


def test_four_video_conferences_a_year_count_four():
    rule = {
        "first_year": 2016,
        "recurrence": Recurrence.TIMES_A_YEAR,
        "times_per_year": 4,
    }
    assert counts([2015, 2016, 2017], **rule) == [0, 4, 4]


def test_without_a_last_year_it_goes_on():
    rule = {"first_year": 2010, "recurrence": Recurrence.YEARLY}
    assert occurrences_in_year(year=2040, **rule) == 1


@pytest.mark.parametrize("recurrence", [Recurrence.YEARLY, Recurrence.PER_TERM])
def test_a_last_year_in_the_first_year_means_only_that_year(recurrence):
    rule = {"first_year": 2017, "recurrence": recurrence, "last_year": 2017}
    assert counts([2017, 2018], **rule)[1] == 0
    assert counts([2017], **rule)[0] >= 1
