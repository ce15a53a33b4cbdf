from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from intkommun.login_throttling import client_ip_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
LOCKED = "För många misslyckade inloggningar"


def log_in(client: Client, username: str, password: str, **meta):
    meta.setdefault("REMOTE_ADDR", PROXY)
    return client.post(
        reverse("login"), {"username": username, "password": password}, **meta
    )


def fail_until_locked(client: Client, username: str, **meta) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "fel", **meta)


def is_locked_out(response) -> bool:
    return LOCKED in response.content.decode()


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_without_a_trusted_proxy_the_address_is_remote_addr(rf):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert client_ip_address(request) == PROXY


def test_behind_one_proxy_the_address_is_the_right_most_forwarded_entry(
    rf, behind_one_proxy
):
    request = rf.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.7"
    )
    assert client_ip_address(request) == "192.0.2.7"


def test_behind_one_proxy_a_garbled_forwarded_entry_falls_back_to_remote_addr(
    rf, behind_one_proxy
):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.7, nej")
    assert client_ip_address(request) == PROXY


def test_two_clients_behind_the_same_proxy_are_locked_separately(
    client, reader, behind_one_proxy
):
    fail_until_locked(client, reader.username, HTTP_X_FORWARDED_FOR="192.0.2.7")
    locked = log_in(
        client, reader.username, "test-password", HTTP_X_FORWARDED_FOR="192.0.2.7"
    )
    assert is_locked_out(locked)

    elsewhere = log_in(
        Client(), reader.username, "test-password", HTTP_X_FORWARDED_FOR="192.0.2.8"
    )
    assert elsewhere.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "192.0.2.7"


def test_a_forged_left_most_entry_neither_unlocks_nor_locks_another_client(
    client, reader, behind_one_proxy
):
    fail_until_locked(client, reader.username, HTTP_X_FORWARDED_FOR="192.0.2.7")
    # The attacker claims to be 192.0.2.8; the proxy appends their real address.
    forged = log_in(
        client,
        reader.username,
        "test-password",
        HTTP_X_FORWARDED_FOR="192.0.2.8, 192.0.2.7",
    )
    assert is_locked_out(forged)

    fail_until_locked(
        client, reader.username, HTTP_X_FORWARDED_FOR="192.0.2.9, 192.0.2.7"
    )
    victim = log_in(
        Client(), reader.username, "test-password", HTTP_X_FORWARDED_FOR="192.0.2.9"
    )
    assert victim.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "192.0.2.7"
    }


def test_forty_failures_over_ten_user_names_lock_that_address(client, reader):
    for number in range(10):
        for _ in range(4):  # below the limit per user name
            log_in(client, f"gissning{number}", "fel")
    locked = log_in(client, reader.username, "test-password")
    assert is_locked_out(locked)

    elsewhere = log_in(
        Client(), reader.username, "test-password", REMOTE_ADDR="10.9.9.9"
    )
    assert elsewhere.status_code == 302


def test_a_few_failures_over_many_user_names_do_not_lock_the_address(client, reader):
    for number in range(settings.LOGIN_FAILURES_PER_ADDRESS - 2):
        log_in(client, f"gissning{number}", "fel")
    assert log_in(client, reader.username, "test-password").status_code == 302


# The lockout page


def test_coordinator_sees_a_lockout_of_their_kommuns_user(coordinator_client, reader):
    fail_until_locked(Client(), reader.username)
    response = coordinator_client.get(reverse("intkommun:lockout_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reader.username in page
    assert PROXY in page
    assert "Häv spärren" in page


def test_coordinator_lifts_a_lockout_of_their_kommuns_user(coordinator_client, reader):
    client = Client()
    fail_until_locked(client, reader.username)
    attempt = AccessAttempt.objects.get(username=reader.username)
    response = coordinator_client.post(
        reverse("intkommun:lockout_lift", args=[attempt.pk])
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(client, reader.username, "test-password").status_code == 302


def test_coordinator_neither_sees_nor_lifts_another_kommuns_lockout(
    coordinator_client, other_coordinator
):
    fail_until_locked(Client(), other_coordinator.username)
    attempt = AccessAttempt.objects.get()
    page = coordinator_client.get(reverse("intkommun:lockout_list"))
    assert other_coordinator.username not in page.content.decode()
    response = coordinator_client.post(
        reverse("intkommun:lockout_lift", args=[attempt.pk])
    )
    assert response.status_code == 404
    assert AccessAttempt.objects.exists()


def test_superuser_sees_lockouts_of_unknown_user_names(admin_client):
    fail_until_locked(Client(), "finns.inte")
    page = admin_client.get(reverse("intkommun:lockout_list")).content.decode()
    assert "finns.inte" in page


@pytest.mark.parametrize("persona", ["reader_client", "reporter_a_client"])
def test_readers_and_reporters_may_not_see_or_lift_lockouts(request, persona, reader):
    fail_until_locked(Client(), reader.username)
    attempt = AccessAttempt.objects.get()
    client = request.getfixturevalue(persona)
    assert client.get(reverse("intkommun:lockout_list")).status_code == 403
    lift = client.post(reverse("intkommun:lockout_lift", args=[attempt.pk]))
    assert lift.status_code == 403
    assert AccessAttempt.objects.exists()


def test_superuser_sees_why_an_address_is_locked_and_lifting_a_row_frees_it(
    admin_client, reader
):
    client = Client()
    for number in range(10):
        for _ in range(3):
            log_in(client, f"gissning{number}", "fel")
    page = admin_client.get(reverse("intkommun:lockout_list")).content.decode()
    assert page.count("För många användarnamn prövade från adressen") == 10
    attempt = AccessAttempt.objects.filter(username="gissning0").get()
    admin_client.post(reverse("intkommun:lockout_lift", args=[attempt.pk]))
    assert log_in(client, reader.username, "test-password").status_code == 302


def test_a_few_wrong_passwords_are_no_lockout(coordinator_client, reader):
    log_in(Client(), reader.username, "fel")
    page = coordinator_client.get(reverse("intkommun:lockout_list")).content.decode()
    assert "Ingen är spärrad." in page
