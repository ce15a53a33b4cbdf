"""The read-only API: every endpoint of its OpenAPI description, walked with no
token, a revoked one, the tokens of two kommuner, and without a token as open
data of a kommun that publishes and of one that does not.

Kommun A (Skara) and kommun B (Essunga) have one object of every kind each, all
of it what a public page would show except the fund application. A's token sees
A's and never B's (B's by id is 404), and the other way round. The endpoints are
read from the OpenAPI document, so a new one that this module does not know fails
``test_every_endpoint_is_walked``; ``OPEN_DATA`` says which are open data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from actions.models import Action, ActionUpdate, StatusTerm
from api.models import ApiToken
from api.v1 import api
from intkommun.models import Membership, Organisation
from projects.models import (
    FundApplication,
    InternationalFund,
    Partnership,
    PartnerTown,
    Project,
)
from reports.models import YearEndReport
from tests.factories import KommunFactory, OrganisationFactory, member
from tests.strategy_factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
# The lists with a public page: open data without a token. The others need one.
OPEN_DATA = {
    "/strategies/",
    "/actions/",
    "/projects/",
    "/partnerships/",
    "/year-end-reports/",
}
ADOPTED_PDF = b"%PDF-1.7\n% an adopted KS report\n"


@dataclass
class World:
    """One kommun's objects of every kind, by the API's list path."""

    kommun: Organisation
    objects: dict[str, object]
    secret: str


def kommun_world(name: str) -> World:
    kommun = KommunFactory(name=f"{name} kommun", short_name=name)
    forvaltning = OrganisationFactory(parent=kommun, name=f"{name} förvaltning")
    coordinator = member(kommun, Membership.Role.COORDINATOR, f"{name}.samordnare")
    strategy = StrategyFactory(kommun=kommun, title=f"{name}s internationella strategi")
    GoalFactory(strategy=strategy, text=f"{name}s mål")
    action = Action.objects.create(plan=strategy, title=f"{name}s åtgärd")
    action.responsible_organisations.add(forvaltning)
    ActionUpdate.objects.create(
        action=action, text=f"{name}: genomfört ett möte", occurred_on="2025-03-01"
    )
    project = Project.objects.create(
        title=f"{name}s projekt", owner=forvaltning, status=Project.Status.ONGOING
    )
    partnership = Partnership.objects.create(
        kind=Partnership.Kind.TWIN_TOWN,
        name=f"{name}s vänort",
        responsible_organisation=kommun,
    )
    PartnerTown.objects.create(partnership=partnership, name="Kalmar", country="DK")
    fund = InternationalFund.objects.create(kommun=kommun, year=2025, budget=100_000)
    application = FundApplication.objects.create(
        fund=fund,
        applicant=forvaltning,
        purpose=f"{name}s ansökan",
        amount_requested=Decimal("12500.50"),
    )
    report = YearEndReport.objects.create(
        kommun=kommun,
        year=2024,
        status=YearEndReport.Status.ADOPTED,
        adopted_at=timezone.now(),
        ks_paragraph="§ 42",
        file=f"ks-rapporter/{name}-2024.pdf",  # the row only: no file is read
        sha256=hashlib.sha256(ADOPTED_PDF).hexdigest(),
    )
    _token, secret = ApiToken.issue(kommun=kommun, name="Webbplatsen", by=coordinator)
    objects = {
        "/strategies/": strategy,
        "/actions/": action,
        "/projects/": project,
        "/partnerships/": partnership,
        "/fund-applications/": application,
        "/year-end-reports/": report,
    }
    return World(kommun=kommun, objects=objects, secret=secret)


@pytest.fixture
def a(db) -> World:
    return kommun_world("Skara")


@pytest.fixture
def b(db) -> World:
    return kommun_world("Essunga")


def publish(world: World) -> None:
    world.kommun.publishes_publicly = True
    world.kommun.save()


def get(path: str, secret: str | None = None, **params):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client().get(PREFIX + path, params, headers=headers)


def openapi_paths() -> list[str]:
    return [path.removeprefix(PREFIX) for path in api.get_openapi_schema()["paths"]]


LIST_PATHS = [path for path in openapi_paths() if "{" not in path]
DETAIL_PATHS = [path for path in openapi_paths() if "{" in path]


def detail(path: str, obj) -> str:
    return path.replace("{pk}", str(obj.pk))


def list_of(detail_path: str) -> str:
    return detail_path.split("{")[0]


def test_every_endpoint_is_walked(a):
    assert set(LIST_PATHS) == set(a.objects)
    assert {list_of(path) for path in DETAIL_PATHS} == set(a.objects)
    assert len(DETAIL_PATHS) == len(LIST_PATHS)


@pytest.mark.parametrize("path", openapi_paths())
def test_no_token_is_401_in_swedish(a, path):
    response = get(detail(path, a.objects[list_of(path)]))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "detail": "En giltig API-nyckel krävs (Authorization: Bearer …)."
    }


@pytest.mark.parametrize("path", openapi_paths())
def test_a_revoked_or_unknown_token_is_401(a, path):
    token = ApiToken.objects.get(kommun=a.kommun)
    token.revoke(by=None)
    url = detail(path, a.objects[list_of(path)])
    assert get(url, a.secret).status_code == 401
    assert get(url, a.secret + "x").status_code == 401
    assert get(url, "ik_inte-en-nyckel").status_code == 401


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_list_shows_its_kommuns_objects_only(a, b, path):
    for mine, theirs in ((a, b), (b, a)):
        response = get(path, mine.secret)
        assert response.status_code == 200, response.content
        ids = [item["id"] for item in response.json()["items"]]
        assert ids == [mine.objects[path].pk]
        assert response.json()["count"] == 1
        assert theirs.objects[path].pk not in ids


@pytest.mark.parametrize("path", DETAIL_PATHS)
def test_another_kommuns_object_is_404(a, b, path):
    for mine, theirs in ((a, b), (b, a)):
        own = get(detail(path, mine.objects[list_of(path)]), mine.secret)
        assert own.status_code == 200
        assert own.json()["id"] == mine.objects[list_of(path)].pk
        other = get(detail(path, theirs.objects[list_of(path)]), mine.secret)
        assert other.status_code == 404
        assert other.json() == {"detail": "Hittades inte."}


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_session_does_not_open_the_api(a, path):
    client = Client()
    client.force_login(a.kommun.memberships.get().user)
    assert client.get(PREFIX + path).status_code == 401


def test_the_openapi_document_describes_every_endpoint(a):
    response = Client().get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {PREFIX + path for path in openapi_paths()}
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        expected = [{"TokenAuth": []}]
        if path.removeprefix(PREFIX).split("{")[0] in OPEN_DATA:
            expected.append({"OpenData": []})
        assert operations["get"]["security"] == expected, path
        assert "200" in operations["get"]["responses"], path
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"]["scheme"] == "bearer"
    assert schemes["OpenData"] == {
        "type": "apiKey",
        "in": "query",
        "name": "kommun",
        "description": schemes["OpenData"]["description"],
    }
    assert "licence" in schemes["OpenData"]["description"]
    page = document["components"]["schemas"]["PagedStrategyOut"]["properties"]
    assert {"licence", "source"} <= set(page)
    assert "licence" in document["info"]["description"]


def test_there_is_no_docs_page_that_would_load_scripts_from_elsewhere():
    assert Client().get(f"{PREFIX}/docs").status_code == 404


def test_the_secret_is_stored_only_as_its_hash(a):
    token = ApiToken.objects.get(kommun=a.kommun)
    assert token.secret_hash == hashlib.sha256(a.secret.encode()).hexdigest()
    stored = [
        str(value) for value in ApiToken.objects.values().get(pk=token.pk).values()
    ]
    history = [str(v) for row in token.history.values() for v in row.values()]
    assert a.secret not in stored + history
    assert token.hint == a.secret[: len(token.hint)] and len(token.hint) < 12


def test_using_a_token_records_when(a):
    get("/actions/", a.secret)
    token = ApiToken.objects.get(kommun=a.kommun)
    assert token.last_used_at is not None
    assert token.history.count() == 1  # the use is no change in the history


def test_an_inactive_kommuns_token_is_refused(a):
    Organisation.objects.filter(pk=a.kommun.pk).update(is_active=False)
    assert get("/actions/", a.secret).status_code == 401


def test_lists_page_with_limit_and_offset_and_a_total(a):
    plan = a.objects["/strategies/"]
    for number in range(4):
        Action.objects.create(plan=plan, position=number + 1, title=f"Utbyte {number}")
    first = get("/actions/", a.secret, limit=2).json()
    rest = get("/actions/", a.secret, limit=2, offset=2).json()
    assert first["count"] == rest["count"] == 5
    assert len(first["items"]) == 2 and len(rest["items"]) == 2
    seen = [item["id"] for item in first["items"] + rest["items"]]
    assert len(set(seen)) == 4
    assert get("/actions/", a.secret, limit=501).status_code == 422


def test_filters_are_the_lists_filters(a):
    action = a.objects["/actions/"]
    Action.objects.create(plan=action.plan, title="Klart sedan länge", status="done")
    assert get("/actions/", a.secret, status="done").json()["count"] == 1
    found = get("/actions/", a.secret, q="åtgärd").json()["items"]
    assert [item["id"] for item in found] == [action.pk]
    organisation = action.responsible_organisations.get()
    assert get("/actions/", a.secret, organisation=organisation.pk).json()["count"] == 1
    assert get("/year-end-reports/", a.secret, year=2023).json()["count"] == 0
    assert get("/year-end-reports/", a.secret, year=2024).json()["count"] == 1


def test_an_invalid_filter_is_400_with_the_lists_message(a, b):
    response = get("/actions/", a.secret, status="påhittad")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    # Another kommun's organisation is no choice: as in the list's filter.
    other = b.objects["/actions/"].responsible_organisations.get()
    response = get("/actions/", a.secret, organisation=other.pk)
    assert response.status_code == 400


def test_an_action_shows_its_status_in_the_kommuns_terms_and_latest_progress(a):
    StatusTerm.objects.create(kommun=a.kommun, term="Ej påbörjad", status="planned")
    item = get("/actions/", a.secret).json()["items"][0]
    assert item["status"] == "planned"
    assert item["status_label"] == "Ej påbörjad"
    assert item["latest_progress"] == {
        "occurred_on": "2025-03-01",
        "text": "Skara: genomfört ett möte",
    }


def test_objects_carry_their_details(a):
    strategy = get("/strategies/", a.secret).json()["items"][0]
    assert [goal["text"] for goal in strategy["goals"]] == ["Skaras mål"]
    application = get("/fund-applications/", a.secret).json()["items"][0]
    assert application["amount_requested"] == "12500.50"
    partnership = get("/partnerships/", a.secret).json()["items"][0]
    assert partnership["towns"] == [{"name": "Kalmar", "country": "DK"}]


def test_a_ks_reports_checksum_is_given_once_it_is_adopted(a):
    report = a.objects["/year-end-reports/"]
    adopted = get(f"/year-end-reports/{report.pk}/", a.secret).json()
    assert adopted["pdf_sha256"] == hashlib.sha256(ADOPTED_PDF).hexdigest()
    YearEndReport.objects.filter(pk=report.pk).update(status="draft", adopted_at=None)
    draft = get(f"/year-end-reports/{report.pk}/", a.secret).json()
    assert draft["pdf_sha256"] is None


# -- open data: no token, ?kommun=<id> ---------------------------------------


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_list_is_open_data_of_a_publishing_kommun_only(a, b, path):
    publish(a)
    response = get(path, kommun=a.kommun.pk)
    if path not in OPEN_DATA:
        assert response.status_code == 401
        return
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [a.objects[path].pk]
    unpublished = get(path, kommun=b.kommun.pk)
    assert unpublished.status_code == 404
    assert unpublished.json() == {
        "detail": "Ingen kommun med detta id publicerar öppna data."
    }


@pytest.mark.parametrize("path", DETAIL_PATHS)
def test_an_object_is_open_data_of_its_publishing_kommun_only(a, b, path):
    publish(a)
    publish(b)
    mine, theirs = a.objects[list_of(path)], b.objects[list_of(path)]
    response = get(detail(path, mine), kommun=a.kommun.pk)
    if list_of(path) not in OPEN_DATA:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert response.json()["id"] == mine.pk
    # B publishes too, but its objects are not A's open data.
    assert get(detail(path, theirs), kommun=a.kommun.pk).status_code == 404
    assert get(detail(path, theirs), kommun=b.kommun.pk).status_code == 200


@pytest.mark.parametrize("path", openapi_paths())
def test_an_unpublished_or_unknown_kommun_is_404_without_a_token(a, path):
    url = detail(path, a.objects[list_of(path)])
    below = a.objects["/actions/"].responsible_organisations.get()
    for kommun in (a.kommun.pk, below.pk, a.kommun.pk + 1000):
        expected = 404 if list_of(path) in OPEN_DATA else 401
        assert get(url, kommun=kommun).status_code == expected


@pytest.mark.parametrize("path", LIST_PATHS)
def test_with_a_token_kommun_is_ignored_and_nothing_changes(a, b, path):
    publish(b)
    response = get(path, a.secret, kommun=b.kommun.pk)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [a.objects[path].pk]
    assert response.json()["licence"] is None
    assert response.json()["source"] == {"id": a.kommun.pk, "name": "Skara kommun"}
    # An invalid token is not made good by naming a publishing kommun.
    assert get(path, "ik_fel", kommun=b.kommun.pk).status_code == 401


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "١", "9" * 40])
def test_a_kommun_that_is_no_number_is_a_clear_400(a, value):
    response = get("/actions/", kommun=value)
    assert response.status_code == 400
    assert response.json() == {"detail": "kommun ska vara en kommuns id (ett tal)."}
