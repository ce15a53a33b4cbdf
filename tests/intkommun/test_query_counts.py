"""A page reads a fixed number of queries however much a kommun has: the same
page of a kommun three times the size of another asks the database as often.

Both kommuner come from ``bench.load_data`` (the benchmark's synthetic kommun),
made small; every main page of ``bench.pages`` is requested once to warm the
caches (key figures, status terms), then counted.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import load_data
from bench.pages import PAGES
from bench.server import bench_context
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Exports and the KS preview read more per row by design (they show every row).
NOT_COUNTED = {"KS report preview", "action export", "project export"}


@pytest.fixture
def small_and_large(monkeypatch):
    for key, count in {
        "organisations": 4,
        "actions": 12,
        "projects": 6,
        "fund_applications": 4,
    }.items():
        monkeypatch.setitem(load_data.PER_SCALE, key, count)
    load_data.load_data(1)
    load_data.load_data(3)
    return bench_context(load_data.kommun_name(1)), bench_context(
        load_data.kommun_name(3)
    )


def query_counts(context) -> dict[str, int]:
    client = client_for(context.coordinator)
    counts = {}
    for page in PAGES:
        if page.ours is None or page.label in NOT_COUNTED:
            continue
        url = page.ours.format(**context.ids)
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[page.label] = len(queries)
    return counts


def test_every_main_page_asks_as_often_for_a_kommun_three_times_the_size(
    small_and_large,
):
    small, large = small_and_large
    assert query_counts(large) == query_counts(small)
