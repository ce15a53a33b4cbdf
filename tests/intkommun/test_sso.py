"""Single sign-on end to end against a local OpenID provider (oidc-provider-mock,
in a thread of the test process): the Django test client plays the browser, the
provider answers the authorisation with a code, and our backend fetches the
tokens and the user info from it over real HTTP."""

from __future__ import annotations

import time
from contextlib import ExitStack
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from intkommun import sso
from intkommun.middleware import SESSION_STARTED_KEY

CLIENT_ID = "intkommun-test"
EMAIL = "anna.samordnare@skara.se"


@pytest.fixture(scope="module")
def provider():
    with run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def expiring_provider():
    """Issues id_tokens that expired two minutes before they were issued."""
    with run_server_in_thread(
        require_nonce=True, access_token_max_age=timedelta(seconds=-120)
    ) as server:
        yield f"http://localhost:{server.server_port}"


def configure(settings, issuer: str) -> None:
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "hemligt"
    # The mock signs without a key id ("kid"), with its one key; Entra ID, ADFS
    # and Keycloak name theirs, and production matches it.
    settings.OIDC_VERIFY_KID = False
    # As in production with an issuer: the id_token is kept for the logout.
    settings.OIDC_STORE_ID_TOKEN = True
    sso.clear_discovery_cache()


@pytest.fixture
def sso_on(settings, provider):
    configure(settings, provider)
    return provider


def set_provider_user(issuer: str, sub: str, **claims) -> None:
    claims = {"email": EMAIL, "email_verified": True, **claims}
    response = requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10)
    assert response.status_code == 204


def authorize(client: Client, sub: str, *, action: str = "allow", next_url=""):
    """Start at our SSO button, let the provider answer for ``sub``; the response
    of our callback."""
    start = reverse("oidc_authentication_init") + (
        f"?next={next_url}" if next_url else ""
    )
    to_provider = client.get(start)
    assert to_provider.status_code == 302
    authorize_url = to_provider["Location"]
    query = dict(
        pair.split("=", 1) for pair in urlsplit(authorize_url).query.split("&")
    )
    assert query["code_challenge_method"] == "S256"  # PKCE
    assert query["nonce"] and query["state"]
    back = requests.post(
        authorize_url,
        data={"sub": sub, "action": action},
        allow_redirects=False,
        timeout=10,
    )
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("oidc_authentication_callback")
    return client, callback


def callback(client: Client, url) -> object:
    return client.get(url.path + "?" + url.query, REMOTE_ADDR="127.0.0.1")


def log_in_via_sso(client: Client, sub: str, **kwargs):
    client, url = authorize(client, sub, **kwargs)
    return callback(client, url)


def refusal(response) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    return "".join(str(m) for m in response.wsgi_request._messages)


@pytest.fixture
def sso_coordinator(coordinator):
    coordinator.email = "Anna.Samordnare@Skara.se"  # matched whatever its case
    coordinator.save()
    return coordinator


def test_coordinator_logs_in_via_sso_and_lands_on_the_start_page(
    sso_on, sso_coordinator, client
):
    set_provider_user(sso_on, "anna")
    before = sso_coordinator.history.count()

    response = log_in_via_sso(client, "anna")

    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    start = client.get(response["Location"])
    assert start.status_code == 200
    assert start.wsgi_request.user == sso_coordinator
    # Like a password login: last login without history, the session's start noted.
    sso_coordinator.refresh_from_db()
    assert sso_coordinator.last_login is not None
    assert sso_coordinator.history.count() == before
    assert client.session[SESSION_STARTED_KEY] == pytest.approx(time.time(), abs=60)


def test_sso_login_keeps_the_page_asked_for(sso_on, sso_coordinator, client):
    set_provider_user(sso_on, "anna")
    wanted = reverse("intkommun:person_list")
    response = log_in_via_sso(client, "anna", next_url=wanted)
    assert response["Location"] == wanted


def test_the_absolute_session_limit_applies_to_an_sso_session(
    settings, sso_on, sso_coordinator, client
):
    set_provider_user(sso_on, "anna")
    log_in_via_sso(client, "anna")
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_login_the_user_denies_at_the_provider_is_refused(
    sso_on, sso_coordinator, client
):
    set_provider_user(sso_on, "anna")
    response = log_in_via_sso(client, "anna", action="deny")
    assert "avbröts eller nekades" in refusal(response)
    assert "_auth_user_id" not in client.session


def test_an_unknown_email_is_refused_and_no_user_is_created(
    sso_on, coordinator, client, django_user_model
):
    set_provider_user(sso_on, "okand", email="okand@skara.se")
    users = django_user_model.objects.count()
    response = log_in_via_sso(client, "okand")
    assert "Det finns ingen användare" in refusal(response)
    assert django_user_model.objects.count() == users
    assert "_auth_user_id" not in client.session


def test_a_deactivated_user_is_refused(sso_on, sso_coordinator, client):
    sso_coordinator.is_active = False
    sso_coordinator.save()
    set_provider_user(sso_on, "anna")
    response = log_in_via_sso(client, "anna")
    assert "inaktiverats" in refusal(response)
    assert "_auth_user_id" not in client.session


def test_an_unverified_email_is_refused(sso_on, sso_coordinator, client):
    set_provider_user(sso_on, "anna-overifierad", email_verified=False)
    response = log_in_via_sso(client, "anna-overifierad")
    assert "verifierad e-postadress" in refusal(response)
    assert "_auth_user_id" not in client.session


def test_an_expired_id_token_is_refused(
    settings, expiring_provider, sso_coordinator, client
):
    configure(settings, expiring_provider)
    set_provider_user(expiring_provider, "anna")
    response = log_in_via_sso(client, "anna")
    assert "misslyckades" in refusal(response)
    assert "_auth_user_id" not in client.session


def test_a_state_this_browser_did_not_start_is_refused(sso_on, sso_coordinator):
    set_provider_user(sso_on, "anna")
    victim, url = authorize(Client(), "anna")
    # Another browser (an attacker's link) brings the code and state back.
    response = callback(Client(), url)
    assert response["Location"] == reverse("login")
    response = callback(
        victim, url._replace(query=url.query.replace("state=", "state=x"))
    )
    assert "misslyckades" in refusal(response)
    assert "_auth_user_id" not in victim.session


def test_an_id_token_with_another_nonce_is_refused(sso_on, sso_coordinator, client):
    set_provider_user(sso_on, "anna")
    client, url = authorize(client, "anna")
    session = client.session
    for state in session["oidc_states"].values():
        state["nonce"] = "en-annan-nonce"
    session.save()
    response = callback(client, url)
    assert "misslyckades" in refusal(response)
    assert "_auth_user_id" not in client.session


def test_a_used_code_and_state_cannot_log_in_again(sso_on, sso_coordinator, client):
    set_provider_user(sso_on, "anna")
    client, url = authorize(client, "anna")
    assert callback(client, url)["Location"] == reverse("start")
    client.logout()
    assert refusal(callback(client, url))
    assert "_auth_user_id" not in client.session


def test_a_locked_address_cannot_log_in_via_sso(sso_on, sso_coordinator, client):
    AccessAttempt.objects.create(
        username="gissning",
        ip_address="127.0.0.1",
        user_agent="",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/konto/logga-in/",
        failures_since_start=django_settings.LOGIN_FAILURES_PER_ADDRESS,
    )
    set_provider_user(sso_on, "anna")
    response = log_in_via_sso(client, "anna")
    assert response.status_code != 302 or response["Location"] != reverse("start")
    assert "_auth_user_id" not in client.session


def test_the_login_page_offers_sso_when_configured(sso_on, client, db):
    html = client.get(reverse("login") + "?next=/personer/").content.decode()
    start = reverse("oidc_authentication_init")
    assert f'href="{start}?next=/personer/"' in html
    assert "Logga in med kommunens konto" in html


def test_the_button_label_comes_from_the_configuration(settings, sso_on, client, db):
    settings.OIDC_BUTTON_LABEL = "Logga in med Skara-konto"
    assert "Logga in med Skara-konto" in client.get(reverse("login")).content.decode()


def test_without_configuration_there_is_no_button_and_no_sso_urls(client, db):
    assert not django_settings.OIDC_ENABLED
    html = client.get(reverse("login")).content.decode()
    assert "kommunens konto" not in html
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


def test_password_login_still_works_with_sso_configured(sso_on, reader, client):
    response = client.post(
        reverse("login"), {"username": reader.username, "password": "test-password"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)


def log_out(client: Client):
    return client.post(reverse("logout"))


def test_logging_out_of_an_sso_session_logs_out_at_the_provider_too(
    sso_on, sso_coordinator, client
):
    set_provider_user(sso_on, "anna")
    log_in_via_sso(client, "anna")

    response = log_out(client)

    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{sso_on}/oauth2/end_session"
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert query["post_logout_redirect_uri"] == "http://testserver/konto/logga-in/"
    assert query["client_id"] == CLIENT_ID
    # The id_token the provider gave at login, for this user and this client.
    hint = jwt.decode(query["id_token_hint"], options={"verify_signature": False})
    assert hint["sub"] == "anna"
    assert CLIENT_ID in hint["aud"]
    assert hint["iss"].rstrip("/") == sso_on.rstrip("/")
    # Our session is over whatever the provider does.
    assert "_auth_user_id" not in client.session
    assert sso.ID_TOKEN_SESSION_KEY not in client.session
    # The provider takes the request and offers to send the browser back.
    page = requests.get(response["Location"], timeout=10)
    assert page.status_code == 200
    assert "http://testserver/konto/logga-in/" in page.text


def test_a_password_login_logs_out_here_only_with_sso_configured(
    sso_on, reader, client
):
    client.post(
        reverse("login"), {"username": reader.username, "password": "test-password"}
    )
    assert sso.ID_TOKEN_SESSION_KEY not in client.session
    response = log_out(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_logging_out_stays_a_post(sso_on, sso_coordinator, client):
    set_provider_user(sso_on, "anna")
    log_in_via_sso(client, "anna")
    assert client.get(reverse("logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(sso_coordinator.pk)


def test_a_configured_logout_endpoint_is_used_instead_of_discovery(
    settings, sso_on, sso_coordinator, client
):
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://idp.skara.se/logout?tenant=skara"
    set_provider_user(sso_on, "anna")
    log_in_via_sso(client, "anna")
    location = log_out(client)["Location"]
    assert location.startswith("https://idp.skara.se/logout?tenant=skara&client_id=")
    assert "id_token_hint=" in location


def test_a_provider_without_end_session_endpoint_logs_out_here_only(
    settings, sso_on, sso_coordinator, client
):
    set_provider_user(sso_on, "anna")
    log_in_via_sso(client, "anna")
    # The endpoints named one by one, no issuer: nowhere to log out at.
    discovered = sso.discovery_document(sso_on)
    for setting, key in sso.DISCOVERED_ENDPOINTS.items():
        setattr(settings, setting, discovered[key])
    settings.OIDC_ISSUER = ""

    response = log_out(client)

    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_provider_that_cannot_be_reached_at_logout_does_not_stop_it(
    monkeypatch, sso_on, sso_coordinator, client
):
    set_provider_user(sso_on, "anna")
    log_in_via_sso(client, "anna")

    def unreachable():
        raise requests.ConnectionError("the provider does not answer")

    monkeypatch.setattr(sso, "end_session_endpoint", unreachable)
    response = log_out(client)

    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_page_of_an_sso_session_lets_the_logout_form_reach_the_provider(
    sso_on, sso_coordinator, reader
):
    set_provider_user(sso_on, "anna")
    sso_client = Client()
    log_in_via_sso(sso_client, "anna")
    policy = sso_client.get(reverse("start"))["Content-Security-Policy"]
    form_action = next(p for p in policy.split("; ") if p.startswith("form-action"))
    assert form_action == f"form-action 'self' {sso_on}"

    password_client = Client()
    password_client.force_login(reader, "django.contrib.auth.backends.ModelBackend")
    policy = password_client.get(reverse("start"))["Content-Security-Policy"]
    assert "form-action 'self';" in policy + ";"
    assert sso_on not in policy


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({"INTKOMMUN_OIDC_CLIENT_ID": "x"}, "INTKOMMUN_OIDC_ISSUER"),
        (
            {
                "INTKOMMUN_OIDC_CLIENT_ID": "x",
                "INTKOMMUN_OIDC_ISSUER": "https://idp.skara.se",
                "INTKOMMUN_OIDC_LOGOUT_ENDPOINT": "http://idp.skara.se/logout",
            },
            "https://",
        ),
        (
            {
                "INTKOMMUN_OIDC_CLIENT_ID": "x",
                "INTKOMMUN_OIDC_ISSUER": "http://idp.skara.se",
            },
            "https://",
        ),
    ],
)
def test_an_incomplete_or_insecure_configuration_does_not_start(environ, problem):
    from django.core.exceptions import ImproperlyConfigured

    from intkommun.settings import oidc_settings

    with pytest.raises(ImproperlyConfigured, match=problem):
        oidc_settings(environ, debug=False)


def test_the_configuration_from_the_environment():
    from intkommun.settings import oidc_settings

    assert oidc_settings({}, debug=False)["OIDC_ENABLED"] is False
    config = oidc_settings(
        {
            "INTKOMMUN_OIDC_CLIENT_ID": "intkommun",
            "INTKOMMUN_OIDC_CLIENT_SECRET": "s",
            "INTKOMMUN_OIDC_ISSUER": "https://login.microsoftonline.com/t/v2.0",
        },
        debug=False,
    )
    assert config["OIDC_ENABLED"] is True
    assert config["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert config["OIDC_USE_PKCE"] is True
    assert config["OIDC_CREATE_USER"] is False
    assert config["OIDC_RP_SCOPES"] == "openid email profile"
    # Kept for the logout's id_token_hint: discovery may give an end_session_endpoint.
    assert config["OIDC_STORE_ID_TOKEN"] is True
    assert config["OIDC_OP_LOGOUT_ENDPOINT"] is None
    assert oidc_settings({}, debug=False)["OIDC_STORE_ID_TOKEN"] is False


def test_without_an_issuer_the_id_token_is_kept_only_for_a_named_logout_endpoint():
    from intkommun.settings import oidc_settings

    endpoints = {
        f"INTKOMMUN_OIDC_{name}_ENDPOINT": f"https://idp.skara.se/{name.lower()}"
        for name in ("AUTHORIZATION", "TOKEN", "USERINFO", "JWKS")
    }
    environ = {"INTKOMMUN_OIDC_CLIENT_ID": "intkommun", **endpoints}
    assert oidc_settings(environ, debug=False)["OIDC_STORE_ID_TOKEN"] is False
    environ["INTKOMMUN_OIDC_LOGOUT_ENDPOINT"] = "https://idp.skara.se/logout"
    config = oidc_settings(environ, debug=False)
    assert config["OIDC_STORE_ID_TOKEN"] is True
    assert config["OIDC_OP_LOGOUT_ENDPOINT"] == "https://idp.skara.se/logout"


# The provider down or slow (issue 19): a logged-in SSO session goes on, without
# asking the provider, and a login attempt says why it cannot be done.


@pytest.fixture
def outage(settings, sso_coordinator):
    """A provider of this test only; ``outage.stop()`` takes it down for good."""
    with ExitStack() as running:
        server = running.enter_context(run_server_in_thread(require_nonce=True))
        issuer = f"http://localhost:{server.server_port}"
        configure(settings, issuer)
        set_provider_user(issuer, "anna")
        yield SimpleNamespace(issuer=issuer, stop=running.close)


def restart_server() -> None:
    """What a restart of the server forgets (the shared cache may be empty too)."""
    sso.clear_discovery_cache()
    cache.clear()


@pytest.fixture
def http_calls(monkeypatch):
    """Every HTTP request the code makes from now on (method, URL), still made."""
    calls = []
    request = requests.Session.request

    def counting(session, method, url, *args, **kwargs):
        calls.append((method, url))
        return request(session, method, url, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "request", counting)
    return calls


def test_an_sso_session_goes_on_after_a_restart_while_the_provider_is_down(
    outage, sso_coordinator, client
):
    log_in_via_sso(client, "anna")
    outage.stop()
    restart_server()

    for name in ("start", "intkommun:person_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response.wsgi_request.user == sso_coordinator


def test_logging_out_while_the_provider_is_down_logs_out_here(
    outage, sso_coordinator, client
):
    log_in_via_sso(client, "anna")
    outage.stop()
    restart_server()

    response = log_out(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert sso.ID_TOKEN_SESSION_KEY not in client.session


def test_pages_of_an_sso_session_do_not_ask_the_provider(
    outage, sso_coordinator, client, http_calls
):
    log_in_via_sso(client, "anna")
    http_calls.clear()
    for _ in range(3):
        assert client.get(reverse("start")).status_code == 200
    assert http_calls == []

    # After a restart the shared cache still knows the discovery document.
    sso.clear_discovery_cache()
    assert client.get(reverse("start")).status_code == 200
    assert http_calls == []


def test_the_provider_down_is_asked_at_most_once_for_many_pages(
    outage, sso_coordinator, client, http_calls
):
    log_in_via_sso(client, "anna")
    outage.stop()
    restart_server()
    http_calls.clear()

    for _ in range(3):
        policy = client.get(reverse("start"))["Content-Security-Policy"]
        # Nowhere else to log out at for now: the logout form stays on our origin.
        assert "form-action 'self';" in policy + ";"

    discovery = f"{outage.issuer}/.well-known/openid-configuration"
    assert http_calls == [("get", discovery)]


def test_a_login_attempt_while_the_provider_is_down_says_so_on_the_login_page(
    outage, client
):
    outage.stop()
    restart_server()

    response = client.get(reverse("oidc_authentication_init"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("login"), 302)]
    html = response.content.decode()
    assert "Kommunens inloggningstjänst går inte att nå just nu" in html
    assert "Logga in med kommunens konto" in html  # the button, to try again later
    assert "_auth_user_id" not in client.session
    # The page asked for stays asked for, for a password login instead.
    response = client.get(reverse("oidc_authentication_init") + "?next=/personer/")
    assert response["Location"] == reverse("login") + "?next=%2Fpersoner%2F"


def test_the_provider_going_down_during_a_login_is_told_on_the_login_page(
    outage, client
):
    client, url = authorize(client, "anna")
    outage.stop()
    restart_server()

    response = callback(client, url)

    assert "går inte att nå just nu" in refusal(response)
    assert "_auth_user_id" not in client.session


def test_password_login_works_while_the_provider_is_down(outage, reader, client):
    outage.stop()
    restart_server()

    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": reader.username, "password": "test-password"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)
    assert client.get(reverse("start")).status_code == 200
    assert log_out(client)["Location"] == reverse("login")


def test_the_discovery_document_is_asked_for_with_a_timeout(settings, monkeypatch):
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = "https://idp.skara.se"
    restart_server()
    asked = {}

    def slow(url, **kwargs):
        asked.update(url=url, **kwargs)
        raise requests.Timeout("no answer in time")

    monkeypatch.setattr(sso.requests, "get", slow)

    with pytest.raises(sso.ProviderUnavailable):
        sso.discovery_document(settings.OIDC_ISSUER)
    assert asked["url"] == "https://idp.skara.se/.well-known/openid-configuration"
    assert asked["timeout"] == settings.OIDC_TIMEOUT
