"""The start page's key figures come from the shared cache and are forgotten as
soon as anything they read changes (projects.key_figures_cache)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, ActionUpdate
from intkommun import settings as project_settings
from projects import key_figures, key_figures_cache
from projects.models import Project
from reports.dashboards import cached_figures, dashboards
from tests.reports.conftest import make_project

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2017, 11, 20)


@pytest.fixture
def production_cache(settings):
    """The cache of production: the table the migrations create."""
    settings.CACHES = project_settings.CACHES


def figures(user):
    """The key figures on the user's start page, as a new request sees them."""
    (board,) = dashboards(type(user).objects.get(pk=user.pk), TODAY)
    return board.figures


def granted(owner, amount: str) -> Project:
    return make_project(
        owner,
        title=f"Projekt {amount}",
        kind=Project.Kind.EU_PROJECT,
        status=Project.Status.GRANTED,
        submitted_on=datetime.date(2017, 2, 1),
        decision_on=datetime.date(2017, 5, 15),
        starts_on=datetime.date(2017, 9, 1),
        ends_on=datetime.date(2018, 8, 31),
        total_budget=Decimal(amount),
        municipality_budget=Decimal(amount),
        eu_grant=Decimal(amount),
    )


def test_the_cached_figures_are_the_computed_ones(
    production_cache, coordinator, kommun, forvaltning_a
):
    granted(forvaltning_a, "80000")
    figures(coordinator)  # computes and stores
    assert figures(coordinator) == key_figures.key_figures(kommun, 2017)
    assert figures(coordinator).external_funding_sek == Decimal("80000.00")


def test_a_cached_start_page_reads_two_cache_rows_instead_of_the_register(
    production_cache, coordinator, kommun, forvaltning_a
):
    granted(forvaltning_a, "80000")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            years, _chart, _figures = cached_figures(kommun, 2017)
        assert dict(years)[2017] == Decimal("80000.00")
        return len(captured.captured_queries)

    computed = queries()
    assert queries() == 2  # the kommun's version, then the values
    assert computed > 2 + 5  # the figures' own queries, and storing them


@pytest.mark.parametrize("cache", ["per test", "production"])
def test_a_change_shows_on_the_next_start_page(
    cache, settings, coordinator, kommun, forvaltning_a, plan
):
    if cache == "production":
        settings.CACHES = project_settings.CACHES
    assert figures(coordinator).external_funding_sek == Decimal("0.00")

    project = granted(forvaltning_a, "80000")
    assert figures(coordinator).external_funding_sek == Decimal("80000.00")
    assert figures(coordinator).active_eu_projects == 1

    project.remove(by=coordinator)
    assert figures(coordinator).external_funding_sek == Decimal("0.00")

    kommun.population = 8000
    kommun.save()
    project.restore(by=coordinator)
    assert figures(coordinator).external_funding_per_inhabitant == Decimal("10.00")

    action = Action.objects.create(plan=plan, title="Utbyte", starts_on=None)
    update = ActionUpdate.objects.create(
        action=action,
        occurred_on=datetime.date(2017, 6, 1),
        text="Elevutbyte",
        participants=30,
        young_participants=25,
    )
    assert figures(coordinator).young_participants == 25
    update.delete()
    assert figures(coordinator).young_participants == 0


def test_a_change_in_another_kommun_keeps_this_kommuns_figures(
    coordinator, kommun, other_kommun
):
    figures(coordinator)
    with CaptureQueriesContext(connection) as captured:
        other_kommun.population = 5000
        other_kommun.save()
        figures(coordinator)
    # No sum over the register: the figures came from the cache.
    assert not any("SUM(" in q["sql"] for q in captured.captured_queries)


def test_forget_all_recomputes_every_kommun(coordinator, kommun, forvaltning_a):
    figures(coordinator)
    # As the registry import writes rows: without signals.
    Project.objects.bulk_create([Project(owner=forvaltning_a, title="Importerat")])
    Project.objects.filter(title="Importerat").update(
        kind=Project.Kind.EU_PROJECT,
        status=Project.Status.GRANTED,
        decision_on=datetime.date(2017, 5, 15),
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2017, 12, 31),
        eu_grant=Decimal("1000"),
    )
    assert figures(coordinator).active_eu_projects == 0  # still the cached value
    key_figures_cache.forget_all()
    assert figures(coordinator).active_eu_projects == 1


def key_figures_page(client, year: int = 2017) -> list:
    response = client.get(reverse("projects:key_figures"), {"year": str(year)})
    assert response.status_code == 200
    return response.context["figures"]


def test_the_key_figures_page_keeps_its_years_and_shares_the_start_pages(
    production_cache, coordinator, coordinator_client, kommun, forvaltning_a
):
    granted(forvaltning_a, "80000")
    figures(coordinator)  # the start page keeps 2017's figures
    with CaptureQueriesContext(connection) as first:
        columns = key_figures_page(coordinator_client)
    # 2015 and 2016 computed; 2017 the start page's.
    assert [column.year for column in columns] == [2015, 2016, 2017]
    assert columns == [key_figures.key_figures(kommun, y) for y in (2015, 2016, 2017)]
    assert sum("SUM(" in q["sql"] for q in first.captured_queries) == 2 * 2
    with CaptureQueriesContext(connection) as again:
        assert key_figures_page(coordinator_client) == columns
    assert not any("SUM(" in q["sql"] for q in again.captured_queries)


def test_a_change_shows_on_the_next_key_figures_page(
    production_cache, coordinator, coordinator_client, forvaltning_a
):
    assert key_figures_page(coordinator_client)[-1].external_funding_sek == 0
    project = granted(forvaltning_a, "80000")
    assert key_figures_page(coordinator_client)[-1].external_funding_sek == Decimal(
        "80000.00"
    )
    project.remove(by=coordinator)
    assert key_figures_page(coordinator_client)[-1].external_funding_sek == 0


def test_a_new_release_computes_the_figures_again(
    production_cache, coordinator, monkeypatch
):
    def sums() -> int:
        with CaptureQueriesContext(connection) as captured:
            figures(coordinator)
        return sum("SUM(" in q["sql"] for q in captured.captured_queries)

    sums()
    assert sums() == 0  # kept
    # A release that may count a figure otherwise: nothing kept by the last one.
    monkeypatch.setattr(key_figures_cache, "code_version", lambda: "f" * 64)
    assert sums() > 0
    assert sums() == 0
