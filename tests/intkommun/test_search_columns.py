"""The stored, indexed search columns (intkommun/search_columns.py, issue 17/18)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from actions import services
from actions.models import Action
from actions.plan_parsing import parse_text
from intkommun.search import full_text_matches, providers
from intkommun.search_columns import SEARCH_COLUMNS
from strategies.models import DocumentType, Strategy
from tests.actions.conftest import make_action

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the columns are kept by PostgreSQL only"
)


@pytest.fixture
def plan(kommun) -> Strategy:
    document_type, _ = DocumentType.objects.get_or_create(
        kommun=None, name="Handlingsplan", defaults={"is_action_plan": True}
    )
    return Strategy.objects.create(
        kommun=kommun,
        document_type=document_type,
        title="Handlingsplan 2017",
        valid_from=datetime.date(2017, 1, 1),
    )


def searchable_models(user) -> list[tuple]:
    return [(provider, provider.queryset(user).model) for provider in providers()]


def found(word: str) -> set[str]:
    """Titles of the actions whose stored vector holds the word's stemmed prefix."""
    query = SearchQuery(f"{word}:*", config="swedish", search_type="raw")
    return set(
        Action.objects.filter(search_vector=query).values_list("title", flat=True)
    )


def stored_text(action: Action) -> str | None:
    return Action.objects.values_list("search_text", flat=True).get(pk=action.pk)


def test_each_model_stores_the_fields_its_search_provider_names(coordinator):
    for provider, model in searchable_models(coordinator):
        fields = (provider.title_field, *provider.text_fields)
        for column in SEARCH_COLUMNS:
            assert model._meta.get_field(column).expression.fields == fields, (
                model,
                column,
            )


def test_history_records_do_not_copy_the_search_columns(coordinator):
    for _provider, model in searchable_models(coordinator):
        names = {field.name for field in model.history.model._meta.fields}
        assert not names & set(SEARCH_COLUMNS), model


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite only")
def test_on_sqlite_the_columns_stay_empty(plan):
    action = make_action(plan, title="Besöka våra vänorter")
    assert stored_text(action) is None


@postgresql_only
def test_the_database_updates_the_columns_on_every_kind_of_write(plan):
    action = make_action(plan, title="Besöka våra VÄNORTER i Finland")
    assert found("vänort") == {"Besöka våra VÄNORTER i Finland"}
    assert stored_text(action).startswith("besöka våra vänorter i finland")

    action.title = "Ordna en EU-dag"
    action.description = "Med skolvänorten."
    action.save()
    assert found("vänort") == set()
    assert found("eu-dag") == {"Ordna en EU-dag"}
    assert "skolvänorten" in stored_text(action)

    Action.objects.filter(pk=action.pk).update(timing_text="Under partnerveckan")
    assert found("partnervecka") == {"Ordna en EU-dag"}

    Action.objects.bulk_create(
        [Action(plan=plan, title="Språkläger i Kaunas", position=9)]
    )
    assert found("språkläg") == {"Språkläger i Kaunas"}


@postgresql_only
def test_imported_actions_are_searchable(plan):
    parsed = parse_text("Åtgärd: Utbyte med vänorten Radviliskis")
    services.plan_import(plan=plan, parsed=parsed)
    assert found("radviliskis") == {"Utbyte med vänorten Radviliskis"}


@postgresql_only
def test_every_searchable_table_has_both_gin_indexes(coordinator):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes")
        definitions = cursor.fetchall()
    for _provider, model in searchable_models(coordinator):
        table = model._meta.db_table
        indexes = [definition for name, definition in definitions if name == table]
        assert any("USING gin (search_vector)" in i for i in indexes), table
        assert any("USING gin (search_text gin_trgm_ops)" in i for i in indexes), table


@postgresql_only
def test_the_search_conditions_can_use_the_indexes(coordinator, plan):
    make_action(plan, title="Besöka våra vänorter i Finland")
    with connection.cursor() as cursor:
        # A handful of rows: without this the planner rightly reads the table.
        cursor.execute("SET LOCAL enable_seqscan = off")
    for _provider, model in searchable_models(coordinator):
        matches = full_text_matches(model._base_manager.order_by(), ["vänort"])
        plan_text = matches.explain()
        table = model._meta.db_table
        assert "BitmapOr" in plan_text, plan_text
        assert f"Bitmap Index Scan on {table}_search_vector" in plan_text, plan_text
        assert f"Bitmap Index Scan on {table}_search_text" in plan_text, plan_text
