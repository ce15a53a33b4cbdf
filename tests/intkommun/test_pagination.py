"""The paginator counts rows only when a page cannot tell (intkommun.pagination)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import paginator as django_paginator

from intkommun.pagination import Paginator

pytestmark = pytest.mark.django_db


def groups(count: int):
    Group.objects.bulk_create(Group(name=f"grupp {i:03}") for i in range(count))
    return Group.objects.order_by("name")


def names(page) -> list[str]:
    return [group.name for group in page.object_list]


def test_a_first_page_that_is_not_full_needs_no_count(django_assert_num_queries):
    rows = groups(7)
    with django_assert_num_queries(1):
        page = Paginator(rows, 10).page(1)
        assert (page.paginator.count, page.paginator.num_pages) == (7, 1)
        assert not page.has_other_pages()
        assert len(names(page)) == 7


def test_a_full_first_page_and_any_other_page_are_counted(django_assert_num_queries):
    rows = groups(25)
    with django_assert_num_queries(2):  # the rows, then the count
        full = Paginator(rows, 10).page(1)
        assert full.paginator.count == 25
        assert full.has_next() and not full.has_previous()
    with django_assert_num_queries(2):  # the count first, then the rows
        last = Paginator(rows, 10).page(3)
        assert last.paginator.count == 25
        assert names(last) == [f"grupp {i:03}" for i in range(20, 25)]


def test_a_page_number_far_past_the_end_is_counted_not_read():
    rows = groups(3)
    with pytest.raises(django_paginator.EmptyPage):
        Paginator(rows, 10).page("184467440737095518")
    assert Paginator(rows, 10).get_page(10**30).number == 1


@pytest.mark.parametrize("total", [0, 1, 9, 10, 11, 20, 23])
def test_every_page_is_the_one_djangos_paginator_gives(total):
    rows = groups(total)
    for number in range(1, 5):
        ours, django = Paginator(rows, 10), django_paginator.Paginator(rows, 10)
        try:
            expected = django.page(number)
        except django_paginator.EmptyPage:
            with pytest.raises(django_paginator.EmptyPage):
                ours.page(number)
            continue
        page = ours.page(number)
        assert names(page) == names(expected)
        assert page.paginator.count == django.count
        assert page.paginator.num_pages == django.num_pages
        assert (page.has_next(), page.has_previous()) == (
            expected.has_next(),
            expected.has_previous(),
        )
        assert (page.start_index(), page.end_index()) == (
            expected.start_index(),
            expected.end_index(),
        )


def test_page_numbers_that_are_not_pages_fail_as_djangos_do():
    rows = groups(12)
    with pytest.raises(django_paginator.PageNotAnInteger):
        Paginator(rows, 10).page("två")
    with pytest.raises(django_paginator.PageNotAnInteger):
        Paginator(rows, 10).page(1.5)
    with pytest.raises(django_paginator.EmptyPage):
        Paginator(rows, 10).page(0)
    with pytest.raises(django_paginator.EmptyPage):
        Paginator(rows, 10).page(3)
    with pytest.raises(django_paginator.EmptyPage):
        Paginator(rows.none(), 10, allow_empty_first_page=False).page(1)


def test_get_page_falls_back_to_the_first_or_the_last_page():
    rows = groups(12)
    assert Paginator(rows, 10).get_page("två").number == 1
    last = Paginator(rows, 10).get_page(9)
    assert (last.number, len(names(last))) == (2, 2)
