"""Every named URL × every persona × GET and POST gets what DESIGN §3 says.

The expectations are the table in ``permission_table.py``; a URL the table does not
name fails here, so a new URL cannot go without its permissions being stated. The
demo data is loaded once for the module, in a transaction rolled back at its end;
each request runs in a savepoint of its own, so an allowed POST changes nothing the
next one sees.
"""

from __future__ import annotations

from functools import cached_property
from io import StringIO
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import reverse

from actions.models import Action
from tests.browser.pages import PAGES, Demo, url_for, url_names
from tests.intkommun.permission_table import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OPEN_DATA_TABLE,
    OUTCOMES,
    PERSONAS,
    REDIRECT,
    TABLE,
    Row,
)

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
READER, COORDINATOR = "skara.lasare", "skara.samordnare"
OTHER_COORDINATOR = "essunga.samordnare"
REFUSED = {LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED}


class MatrixDemo(Demo):
    """The demo objects, and a removed one to restore."""

    @cached_property
    def removed_action(self) -> tuple[str, str, int]:
        action = (
            Action.objects.filter(plan__kommun=self.kommun)
            .exclude(pk=self.action.pk)
            .order_by("pk")
            .first()
        )
        action.remove(by=self.coordinator)
        return ("actions", "action", action.pk)

    @cached_property
    def lockout(self) -> AccessAttempt:
        """A Skara reporter locked out after five wrong passwords."""
        return AccessAttempt.objects.create(
            username="skara.buf",
            ip_address="192.0.2.10",
            user_agent="test",
            http_accept="*/*",
            path_info="/konto/logga-in/",
            get_data="",
            post_data="",
            failures_since_start=5,
        )


class World:
    """The demo objects, and a logged-in session for every demo user."""

    def __init__(self) -> None:
        self.demo = MatrixDemo()
        self.demo.prepare()
        for name, row in TABLE.items():
            for attribute in arguments(name, row)[0]:
                getattr(self.demo, attribute)  # made now, outside every test
        self.sessions: dict[str, str] = {}
        for user in get_user_model().objects.filter(username__contains="."):
            client = Client()
            client.force_login(user)
            self.sessions[user.username] = client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value

    def client(self, username: str | None) -> Client:
        # A fresh client per request: a logout must not log the persona out for good.
        client = Client()
        if username:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[username]
        return client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO())
        yield World()
        transaction.set_rollback(True)


def username(row: Row, persona: str) -> str | None:
    return {
        "anonymous": None,
        "reader": READER,
        "own_reporter": row.own_reporter,
        "other_reporter": row.other_reporter,
        "coordinator": COORDINATOR,
        "other_coordinator": OTHER_COORDINATOR,
    }[persona]


def arguments(name: str, row: Row) -> tuple[tuple[str, ...], str]:
    """The URL's arguments (Demo attributes) and query: the row's, or its page's."""
    visit = PAGES[name][0] if name in PAGES else None
    assert visit or row.args is not None, f"{name}: give the row its args"
    args = row.args if row.args is not None else visit.args
    query = row.query if row.query is not None else (visit.query if visit else "")
    return args, query


def path(name: str, row: Row, demo: Demo) -> str:
    return url_for(name, demo, *arguments(name, row))


def outcome(response) -> str:
    if response.status_code == 302:
        login = reverse("login")
        return LOGIN if response["Location"].startswith(login) else REDIRECT
    if response.status_code in (200, 400):
        return OK if response.status_code == 200 else "400"
    return str(response.status_code)


def matches(expected: str, got: str, method: str) -> bool:
    if method == "POST" and expected == OK:
        # An empty form may be refused with its errors, or accepted and redirect.
        return got in {OK, "400", REDIRECT}
    return got == expected


def watched(name: str, row: Row, demo: Demo) -> tuple[type[models.Model], Any] | None:
    """The model whose rows a refused POST must leave alone, and the object's pk."""
    objects = [_as_object(getattr(demo, a)) for a in arguments(name, row)[0]]
    first = next((o for o in objects if isinstance(o, models.Model)), None)
    model = row.model or (type(first) if first is not None else None)
    if model is None:
        return None
    pk = first.pk if isinstance(first, model) else None
    return model, pk


def _as_object(value: Any) -> Any:
    """An object, also when named as the history URL names it (app, model, pk)."""
    if isinstance(value, tuple) and len(value) == 3:
        app_label, model_name, pk = value
        return apps.get_model(app_label, model_name)._base_manager.get(pk=pk)
    return value


def snapshot(name: str, row: Row, demo: Demo) -> tuple[int, list[dict]] | None:
    target = watched(name, row, demo)
    if target is None:
        return None
    model, pk = target
    rows = model._base_manager.all()
    return rows.count(), list(rows.filter(pk=pk).values()) if pk else []


CASES = [
    pytest.param(name, persona, method, id=f"{name}-{persona}-{method}")
    for name in sorted(TABLE)
    for persona in PERSONAS
    for method in ("GET", "POST")
]


@pytest.mark.parametrize(("name", "persona", "method"), CASES)
def test_each_persona_gets_what_the_table_says(world, name, persona, method):
    row = TABLE[name]
    expected = getattr(row.get if method == "GET" else row.post, persona)
    url = path(name, row, world.demo)
    before = snapshot(name, row, world.demo)
    client = world.client(username(row, persona))
    data = {key: value.format(d=world.demo) for key, value in row.data}
    response = client.get(url) if method == "GET" else client.post(url, data)
    got = outcome(response)
    assert matches(expected, got, method), (
        f"{method} {url} as {persona}: expected {expected}, got {got} "
        f"({response.status_code} {response.get('Location', '')})"
    )
    if method == "POST" and expected in REFUSED:
        assert snapshot(name, row, world.demo) == before, f"{url} changed data"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(OPEN_DATA_TABLE))
def test_each_persona_gets_the_open_data_the_table_says(world, name, persona):
    row = OPEN_DATA_TABLE[name]
    url = path(name, row, world.demo)
    client = world.client(username(row, persona))
    for method, expected in (("GET", row.get), ("POST", row.post)):
        response = client.get(url) if method == "GET" else client.post(url)
        got = outcome(response)
        assert got == getattr(expected, persona), f"{method} {url} as {persona}"


def test_every_named_url_is_in_the_table():
    names, _unnamed = url_names()
    missing = sorted(names - TABLE.keys())
    assert not missing, (
        "State who may GET and POST these URLs in "
        f"tests/intkommun/permission_table.py: {missing}"
    )


def test_the_table_names_only_urls_that_exist():
    names, _unnamed = url_names()
    assert not TABLE.keys() - names, sorted(TABLE.keys() - names)


def test_the_table_uses_only_known_outcomes():
    for name, row in TABLE.items():
        for expectations in (row.get, row.post):
            assert set(expectations) <= OUTCOMES, name


def test_every_refused_post_has_rows_to_watch(world):
    # set_language stores nothing in the database: there is nothing to watch.
    for name, row in TABLE.items():
        if name != "set_language" and REFUSED & set(row.post):
            assert watched(name, row, world.demo), f"{name}: give the row its model"


def test_the_watch_sees_an_allowed_post_change_its_object(world):
    name, row = "reports:round_close", TABLE["reports:round_close"]
    before = snapshot(name, row, world.demo)
    response = world.client(COORDINATOR).post(path(name, row, world.demo))
    assert response.status_code == 302
    assert snapshot(name, row, world.demo) != before
