"""A shared instance: one kommun's pages do not read the other kommuner's rows.

PostgreSQL only. The other kommuner hold many rows, ours few, and ANALYZE gives
the planner the real table sizes; then every SQL query of the main pages (the
lists, their filters, details, start page, search) is EXPLAINed as the planner
would run it, and none may read a big table whole (a Seq Scan). The planner is
not forced (``enable_seqscan`` stays on): with true statistics it picks an index
on the kommun path only if one exists and pays off, as it would in production.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action, ActionUpdate
from bench import load_data
from intkommun.models import Organisation
from projects.models import Project
from strategies.models import DocumentType, Strategy
from tests.conftest import client_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN of PostgreSQL's planner"
    ),
]

# The tables a kommun's pages read that grow with every kommun of the instance.
BIG_TABLES = {
    "actions_action",
    "actions_actionupdate",
    "actions_action_responsible_organisations",
    "projects_project",
    "projects_fundapplication",
    "intkommun_organisation",
    "reports_annualreport",
    "reports_goalassessment",
}

PAGES = [
    "/",
    "/atgarder/",
    "/atgarder/?plan={plan}&status=in_progress",
    "/atgarder/?responsible={organisation}",
    "/atgarder/{action}/",
    "/projekt/",
    "/projekt/?status=ongoing",
    "/projekt/{project}/",
    "/styrdokument/",
    "/styrdokument/mal/",
    "/projekt/samarbeten/",
    "/projekt/fond/ansokningar/",
    "/uppfoljning/",
    "/uppfoljning/redovisningar/",
    "/organisationer/",
    "/personer/",
    "/sok/?q=partnerkommuner",
]


def plan_nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def sequential_scans(sql: str, tables: set[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return [
        node["Relation Name"]
        for node in plan_nodes(plan[0]["Plan"])
        if node["Node Type"] == "Seq Scan" and node["Relation Name"] in tables
    ]


OTHER_KOMMUNER = 40


def other_kommuner() -> None:
    """40 kommuner of 10 organisations, 250 actions with a progress entry each and
    100 projects each: bulk-created, as only their size matters here."""
    plan_type = DocumentType.objects.defaults().get(name="Handlingsplan")
    for number in range(OTHER_KOMMUNER):
        kommun = Organisation.objects.create(
            kind=Organisation.Kind.KOMMUN, name=f"Annan kommun {number}"
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                kind=Organisation.Kind.FORVALTNING,
                name=f"Förvaltning {index}",
                parent=kommun,
                kommun=kommun,
            )
            for index in range(10)
        )
        plan = Strategy.objects.create(
            kommun=kommun, document_type=plan_type, title="Handlingsplan"
        )
        actions = Action.objects.bulk_create(
            Action(plan=plan, title=f"Åtgärd {index}", position=index, status="done")
            for index in range(250)
        )
        ActionUpdate.objects.bulk_create(
            ActionUpdate(action=action, occurred_on=datetime.date(2024, 3, 1), text="…")
            for action in actions
        )
        through = Action.responsible_organisations.through
        through.objects.bulk_create(
            through(action=action, organisation=organisations[index % 10])
            for index, action in enumerate(actions)
        )
        Project.objects.bulk_create(
            Project(owner=organisations[index % 10], title=f"Projekt {index}")
            for index in range(100)
        )


@pytest.fixture
def shared_instance(monkeypatch):
    """Our kommun beside 40 other kommuner of the same size, analysed."""
    other_kommuner()
    few = {
        "organisations": 10,
        "actions": 250,
        "projects": 100,
        "fund_applications": 10,
    }
    for key, count in few.items():
        monkeypatch.setitem(load_data.PER_SCALE, key, count)
    kommun, coordinator = load_data.load_data(1, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return kommun, coordinator


def page_ids(kommun) -> dict[str, int]:
    action = Action.objects.filter(plan__kommun=kommun).first()
    return {
        "plan": action.plan_id,
        "action": action.pk,
        "project": Project.objects.filter(owner__kommun=kommun).first().pk,
        "organisation": action.responsible_organisations.first().pk,
    }


def scans_of_pages(coordinator, ids: dict[str, int], tables: set[str]) -> str:
    """Each Seq Scan of ``tables`` in the plans of the pages' queries, as text."""
    client = client_for(coordinator)
    found = []
    for page in PAGES:
        url = page.format(**ids)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            if query["sql"].startswith("SELECT"):
                found.extend(
                    f"{url}: Seq Scan {table}\n  {query['sql']}"
                    for table in sequential_scans(query["sql"], tables)
                )
    return "\n".join(found)


def test_one_kommuns_pages_read_only_its_own_rows(shared_instance):
    kommun, coordinator = shared_instance
    ids = page_ids(kommun)
    # With true statistics the biggest tables are read through an index on the
    # kommun path: the planner's own choice, as in production.
    biggest = {"actions_action", "actions_actionupdate", "projects_project"}
    assert scans_of_pages(coordinator, ids, biggest) == ""
    # Every big table has an index on the kommun path that the queries can use:
    # with sequential scans made as expensive as can be, one that remains has no
    # index to go by. (Only a usability check: on tables of a few hundred rows,
    # such as the reports, the planner's free choice is rightly a Seq Scan.)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert scans_of_pages(coordinator, ids, BIG_TABLES) == ""
