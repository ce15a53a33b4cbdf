"""Open data without a token (issue 19): exactly what the kommun's public pages
show, under the licence the kommun chose, and nothing more."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from actions.models import Action, ActionUpdate
from intkommun.models import Organisation
from projects.models import Project
from reports.models import YearEndReport
from tests.api.test_api import OPEN_DATA, kommun_world, publish
from tests.strategy_factories import StrategyFactory

pytestmark = pytest.mark.django_db

CC0 = {
    "id": "CC0-1.0",
    "name": "CC0 1.0",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}
CC_BY = {
    "id": "CC-BY-4.0",
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


@pytest.fixture
def world(db):
    world = kommun_world("Skara")
    publish(world)
    return world


def anonymous(world, path: str, **params):
    return Client().get(f"/api/v1{path}", {"kommun": world.kommun.pk, **params})


def everything(world) -> str:
    """Every open-data answer about the kommun, lists and objects, as one text."""
    texts = []
    for path in sorted(OPEN_DATA):
        page = anonymous(world, path).json()
        texts.append(json.dumps(page, ensure_ascii=False))
        for item in page["items"]:
            one = anonymous(world, f"{path}{item['id']}/").json()
            texts.append(json.dumps(one, ensure_ascii=False))
    return "".join(texts)


def test_every_open_data_answer_carries_the_kommuns_licence_and_source(world):
    source = {"id": world.kommun.pk, "name": "Skara kommun"}
    for path in OPEN_DATA:
        page = anonymous(world, path).json()
        assert page["licence"] == CC0 and page["source"] == source, path
        one = anonymous(world, f"{path}{page['items'][0]['id']}/").json()
        assert one["licence"] == CC0 and one["source"] == source, path
    world.kommun.open_data_licence = Organisation.OpenDataLicence.CC_BY
    world.kommun.save()
    assert anonymous(world, "/actions/").json()["licence"] == CC_BY


def test_a_tokens_answers_are_no_open_data(world):
    headers = {"Authorization": f"Bearer {world.secret}"}
    page = Client().get("/api/v1/strategies/", headers=headers).json()
    assert page["licence"] is None
    pk = page["items"][0]["id"]
    one = Client().get(f"/api/v1/strategies/{pk}/", headers=headers).json()
    assert one["licence"] is None
    assert one["source"] == {"id": world.kommun.pk, "name": "Skara kommun"}


def test_no_one_is_named_unless_and_even_when_the_coordinator_allows_it(world):
    author = world.kommun.memberships.get().user
    author.first_name, author.last_name = "Anna", "Samordnarsson"
    author.save()
    action = world.objects["/actions/"]
    ActionUpdate.objects.create(
        action=action, author=author, text="Nytt möte", occurred_on="2025-04-01"
    )
    Project.objects.filter(pk=world.objects["/projects/"].pk).update(
        contact_person="Bertil Kontaktsson"
    )
    for names in (False, True):
        world.kommun.public_shows_names = names
        world.kommun.save()
        text = everything(world)
        assert "Nytt möte" in text
        for name in ("Samordnarsson", "Kontaktsson", author.username):
            assert name not in text


def test_what_no_public_page_shows_is_not_open_data(world):
    plan = world.objects["/strategies/"]
    hidden = [
        StrategyFactory(kommun=world.kommun, title="Utkast", adopted_on=None),
        StrategyFactory(
            kommun=world.kommun,
            title="Gammal policy",
            valid_until=datetime.date(2019, 12, 31),
        ),
        Project.objects.create(title="Bara en idé", owner=world.kommun),
        Project.objects.create(
            title="Beviljat utbyte",
            owner=world.kommun,
            kind=Project.Kind.EXCHANGE,
            status=Project.Status.ONGOING,
        ),
        YearEndReport.objects.create(kommun=world.kommun, year=2025, sha256="0" * 64),
    ]
    removed = Action.objects.create(plan=plan, title="Borttagen åtgärd")
    removed.remove(by=None)
    draft_plan = hidden[0]
    Action.objects.create(plan=draft_plan, title="Åtgärd i ett utkast")
    text = everything(world)
    for title in ("Utkast", "Gammal policy", "Bara en idé", "Beviljat utbyte"):
        assert title not in text, title
    assert "Borttagen åtgärd" not in text and "Åtgärd i ett utkast" not in text
    reports = anonymous(world, "/year-end-reports/").json()["items"]
    assert [report["year"] for report in reports] == [2024]  # not the 2025 draft
    paths = ["/strategies/", "/strategies/", "/projects/", "/projects/"]
    for path, obj in zip([*paths, "/year-end-reports/"], hidden, strict=True):
        assert anonymous(world, f"{path}{obj.pk}/").status_code == 404, obj
    assert anonymous(world, f"/actions/{removed.pk}/").status_code == 404


def test_an_adopted_reports_checksum_is_open_data(world):
    report = world.objects["/year-end-reports/"]
    one = anonymous(world, f"/year-end-reports/{report.pk}/").json()
    assert one["pdf_sha256"] == report.sha256


def test_the_lists_filters_work_for_open_data(world):
    action = world.objects["/actions/"]
    organisation = action.responsible_organisations.get()
    found = anonymous(world, "/actions/", organisation=organisation.pk).json()
    assert [item["id"] for item in found["items"]] == [action.pk]
    assert anonymous(world, "/actions/", status="done").json()["count"] == 0
    assert anonymous(world, "/actions/", status="påhittad").status_code == 400


def test_stopping_publication_closes_the_open_data_at_once(world):
    assert anonymous(world, "/actions/").status_code == 200
    world.kommun.publishes_publicly = False
    world.kommun.save()
    assert anonymous(world, "/actions/").status_code == 404
