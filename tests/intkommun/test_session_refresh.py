"""Sessions are written when they change or their expiry needs pushing on, and the
idle limit still logs out whoever has been away longer than it."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intkommun import settings as project_settings
from intkommun.middleware import SESSION_REFRESHED_KEY, SESSION_STARTED_KEY

pytestmark = pytest.mark.django_db

IDLE = 30 * 60


@pytest.fixture(autouse=True)
def _production_refresh(settings):
    settings.SESSION_REFRESH_SECONDS = project_settings.SESSION_REFRESH_SECONDS


def away(client, seconds: float) -> None:
    """As if the user had made no request for ``seconds``: the session's expiry and
    the times it keeps move that far into the past."""
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = SessionStore(key)
    data = store.load()
    for name in (SESSION_STARTED_KEY, SESSION_REFRESHED_KEY):
        if name in data:
            data[name] -= seconds
    Session.objects.filter(session_key=key).update(
        session_data=store.encode(data),
        expire_date=F("expire_date") - datetime.timedelta(seconds=seconds),
    )


def session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_the_idle_limit_is_thirty_minutes_and_sessions_are_not_saved_every_request():
    assert project_settings.SESSION_COOKIE_AGE == IDLE
    assert project_settings.SESSION_SAVE_EVERY_REQUEST is False
    assert project_settings.SESSION_REFRESH_SECONDS == 60


def test_the_first_page_after_the_login_writes_no_session(reader_client):
    with CaptureQueriesContext(connection) as queries:
        response = reader_client.get(reverse("start"))

    assert response.status_code == 200
    assert session_writes(queries.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_request_soon_after_the_last_does_not_write_the_session(reader_client):
    start = reverse("start")
    assert reader_client.get(start).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        response = reader_client.get(start)

    assert response.status_code == 200
    assert session_writes(queries.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_request_a_few_minutes_later_pushes_the_expiry_on(reader_client):
    start = reverse("start")
    reader_client.get(start)
    away(reader_client, 5 * 60)

    with CaptureQueriesContext(connection) as queries:
        response = reader_client.get(start)

    assert len(session_writes(queries.captured_queries)) == 1
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == IDLE
    expires = Session.objects.get(session_key=cookie.value).expire_date
    left = (expires - datetime.datetime.now(tz=datetime.UTC)).total_seconds()
    assert IDLE - 60 < left <= IDLE


def test_a_login_writes_the_session_at_once(client, reader):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("login"),
            {"username": reader.username, "password": "test-password"},
        )

    assert response.status_code == 302
    assert session_writes(queries.captured_queries)  # the new key, then its data
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == IDLE


def test_a_logout_deletes_the_session_and_writes_no_new_one(reader_client):
    reader_client.get(reverse("start"))

    with CaptureQueriesContext(connection) as queries:
        reader_client.post(reverse("logout"))

    assert session_writes(queries.captured_queries) == []
    assert not Session.objects.exists()
    assert reader_client.get(reverse("start")).status_code == 302


def test_an_active_user_keeps_the_session_past_the_idle_limit(reader_client):
    start = reverse("start")
    reader_client.get(start)
    for _ in range(4):  # two hours in all, never more than 20 minutes away
        away(reader_client, 20 * 60)
        assert reader_client.get(start).status_code == 200


def test_an_idle_user_is_logged_out_after_thirty_minutes(reader_client):
    start = reverse("start")
    reader_client.get(start)
    away(reader_client, IDLE + 1)

    response = reader_client.get(start)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_idle_just_short_of_the_limit_after_many_quick_requests_stays(
    reader_client,
):
    """Quick requests do not write the session, but the last write was at most a
    minute before the last request: away for the idle limit less a minute is fine."""
    start = reverse("start")
    reader_client.get(start)
    for _ in range(5):
        away(reader_client, 10)
        reader_client.get(start)
    away(reader_client, IDLE - 60 - 50)

    assert reader_client.get(start).status_code == 200


def test_an_anonymous_visit_makes_no_session(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("login"))

    assert response.status_code == 200
    assert session_writes(queries.captured_queries) == []
    assert not Session.objects.exists()
