"""Migration 0008: a partnership's since_year becomes the start of its period,
known by year, and its city and country become its first partner town."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The organisations as they were then too: the old model must match the table.
BEFORE = [
    ("projects", "0008_partnership_period_towns_funding_recurrence"),
    ("intkommun", "0004_user_history"),
]
AFTER = [("projects", "0009_partnership_since_year_and_place_moved")]


@pytest.fixture
def old_apps(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    MigrationExecutor(connection).migrate(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )


def test_since_year_and_place_move_into_the_period_and_a_partner_town(old_apps):
    Organisation = old_apps.get_model("intkommun", "Organisation")
    Partnership = old_apps.get_model("projects", "Partnership")
    kommun = Organisation.objects.create(name="Påhittkommun", kind="kommun")
    kommun.kommun = kommun
    kommun.save()
    twin = Partnership.objects.create(
        kind="twin_town",
        name="Vänorten",
        responsible_organisation=kommun,
        since_year=2005,
        city="Påhittstad",
        country="EE",
    )
    bare = Partnership.objects.create(
        kind="network", name="Nätverket", responsible_organisation=kommun
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Partnership = apps.get_model("projects", "Partnership")
    PartnerTown = apps.get_model("projects", "PartnerTown")

    twin = Partnership.objects.get(pk=twin.pk)
    assert (twin.starts_on, twin.starts_on_precision) == (
        datetime.date(2005, 1, 1),
        "year",
    )
    town = PartnerTown.objects.get(partnership=twin)
    assert (town.name, town.country) == ("Påhittstad", "EE")
    assert Partnership.objects.get(pk=bare.pk).starts_on is None
    assert not PartnerTown.objects.filter(partnership_id=bare.pk).exists()
