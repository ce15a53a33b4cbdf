"""Invalid API tokens from one address are refused with 429 after
API_TOKEN_FAILURE_LIMIT failures within API_TOKEN_FAILURE_WINDOW_MINUTES."""

from __future__ import annotations

import pytest
from django.test import Client

from api import token_failures
from tests.api.test_api import kommun_world, publish

pytestmark = pytest.mark.django_db

LIMIT = 3
ADDRESS, OTHER_ADDRESS = "192.0.2.7", "198.51.100.9"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.API_TOKEN_FAILURE_LIMIT = LIMIT
    settings.API_TOKEN_FAILURE_WINDOW_MINUTES = 10


@pytest.fixture
def world(db):
    return kommun_world("Skara")


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(token_failures, "_now", lambda: now[0])
    return now


def call(secret: str, address: str = ADDRESS, **params):
    return Client(REMOTE_ADDR=address).get(
        "/api/v1/actions/", params, headers={"Authorization": f"Bearer {secret}"}
    )


def fail(times: int, address: str = ADDRESS) -> None:
    for _ in range(times):
        assert call("ik_fel", address).status_code == 401


def test_the_failure_after_the_limit_is_429_in_swedish_with_retry_after(world, clock):
    fail(LIMIT)
    clock[0] += 60
    response = call("ik_fel")
    assert response.status_code == 429
    assert response["Retry-After"] == str(9 * 60)
    assert response.json() == {
        "detail": "För många ogiltiga API-nycklar från din adress. "
        "Försök igen om 9 minuter."
    }


def test_fewer_failures_than_the_limit_change_nothing(world, clock):
    fail(LIMIT - 1)
    assert call(world.secret).status_code == 200


def test_a_valid_token_is_refused_from_the_address_but_works_from_another(world, clock):
    fail(LIMIT)
    assert call(world.secret).status_code == 429
    assert call(world.secret, OTHER_ADDRESS).status_code == 200
    fail(LIMIT - 1, OTHER_ADDRESS)  # the other address counts on its own


def test_the_refusal_ends_with_the_window_and_the_count_starts_again(world, clock):
    fail(LIMIT)
    clock[0] += 10 * 60 - 1
    assert call(world.secret).status_code == 429
    clock[0] += 1
    assert call(world.secret).status_code == 200
    fail(LIMIT - 1)
    assert call(world.secret).status_code == 200


def test_open_data_without_a_token_is_not_refused(world, clock):
    publish(world)
    fail(LIMIT)
    response = Client(REMOTE_ADDR=ADDRESS).get(
        "/api/v1/actions/", {"kommun": world.kommun.pk}
    )
    assert response.status_code == 200


def test_the_address_is_the_one_behind_the_trusted_proxy(world, clock, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(LIMIT):
        Client(REMOTE_ADDR="10.0.0.1").get(
            "/api/v1/actions/",
            headers={"Authorization": "Bearer ik_fel", "X-Forwarded-For": ADDRESS},
        )
    behind = {"Authorization": f"Bearer {world.secret}"}
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    assert (
        proxy.get("/api/v1/actions/", headers={**behind, "X-Forwarded-For": ADDRESS})
    ).status_code == 429
    assert (
        proxy.get(
            "/api/v1/actions/", headers={**behind, "X-Forwarded-For": OTHER_ADDRESS}
        )
    ).status_code == 200
