"""Single sign-on over OpenID Connect with the kommun's identity provider.

mozilla-django-oidc does the protocol (state, nonce, PKCE, the id_token's
signature and expiry); this module adds what intkommun asks of it:

- nothing happens unless settings.OIDC_ENABLED (the environment configures it);
- the person is matched by a verified e-mail address, whatever its case, to an
  existing active user (invited by a coordinator); SSO never creates a user and
  takes no roles from the provider's claims;
- the id_token's audience (our client) and issuer are checked too;
- a refused login ends on the login page with a message saying why;
- logging out of an SSO session logs out at the provider too (RP-initiated
  logout), and the browser comes back to our login page;
- a session goes on while the provider is down: loading the session's user never
  asks the provider; its discovery document is read only to log in, to log out at
  the provider and for the logout form's Content-Security-Policy, and is cached
  (a failure too, briefly); a login attempt meanwhile says so on the login page.

A login goes through django.contrib.auth.login like a password login, so the
session limits (intkommun.middleware), the last login without history
(intkommun.apps) and axes' lockouts (AxesStandaloneBackend runs first) apply.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

logger = logging.getLogger(__name__)

# Our setting: the key of the provider's discovery document that can stand in.
DISCOVERED_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}

# Why a login was refused (request.sso_refusal), for the message on the login page.
UNKNOWN_USER = "unknown"
INACTIVE_USER = "inactive"
UNVERIFIED_EMAIL = "unverified"
UNAVAILABLE = "unavailable"
FAILED = "failed"

# A discovery document read is kept this long, in this process and in the cache
# all workers share (so a restart while the provider is down still finds it).
DISCOVERY_CACHE_SECONDS = 60 * 60
# After a failed read this process does not ask again for this long: the pages of
# an SSO session need the document (the logout form's CSP), and must not each wait
# for a provider that is down.
DISCOVERY_RETRY_SECONDS = 60


class ProviderUnavailable(requests.RequestException):
    """The provider's discovery document could not be read (down, slow, broken)."""


# issuer -> (time.monotonic() until which it holds, the document or None: failed)
_discovered: dict[str, tuple[float, dict[str, Any] | None]] = {}


def _cache_key(issuer: str) -> str:
    return "oidc-discovery:" + hashlib.sha256(issuer.encode()).hexdigest()


def discovery_document(issuer: str) -> dict[str, Any]:
    """The provider's /.well-known/openid-configuration: from this process, or the
    shared cache, or the provider itself; ProviderUnavailable if it cannot be read
    (again without asking, for DISCOVERY_RETRY_SECONDS after a failure)."""
    now = time.monotonic()
    until, document = _discovered.get(issuer, (0.0, None))
    if now < until:
        if document is None:
            raise ProviderUnavailable(f"{issuer} did not answer a moment ago")
        return document
    document = cache.get(_cache_key(issuer))
    if document is None:
        try:
            document = _fetch_discovery_document(issuer)
        except ProviderUnavailable:
            _discovered[issuer] = (now + DISCOVERY_RETRY_SECONDS, None)
            raise
        cache.set(_cache_key(issuer), document, DISCOVERY_CACHE_SECONDS)
    _discovered[issuer] = (now + DISCOVERY_CACHE_SECONDS, document)
    return document


def _fetch_discovery_document(issuer: str) -> dict[str, Any]:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"{url}: not a discovery document")
    return document


def clear_discovery_cache() -> None:
    """Forget what this process knows of the providers (tests; a restart)."""
    _discovered.clear()


def oidc_setting(attr: str, *args: Any) -> Any:
    """A mozilla-django-oidc setting; an endpoint not set explicitly comes from
    the issuer's discovery document."""
    if attr in DISCOVERED_ENDPOINTS and not getattr(settings, attr, None):
        key = DISCOVERED_ENDPOINTS[attr]
        endpoint = discovery_document(settings.OIDC_ISSUER).get(key)
        if not endpoint:
            raise ProviderUnavailable(f"the discovery document has no {key}")
        return endpoint
    return import_from_settings(attr, *args)


def read_when_used(attr: str, *default: Any) -> property:
    """A setting mozilla-django-oidc reads in __init__, read when used instead:
    Django makes a backend for every request of a session (get_user) and every
    permission check, and those must never wait for the provider."""
    return property(lambda self: oidc_setting(attr, *default))


def unavailable_message() -> str:
    return _(
        "The kommun's login service cannot be reached right now. Please try again "
        "later, or log in with a user name and password if you have one."
    )


def refuse(request: HttpRequest, reason: str) -> None:
    request.sso_refusal = reason


class KommunOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates the callback of the provider, and nothing else."""

    get_settings = staticmethod(oidc_setting)

    OIDC_OP_TOKEN_ENDPOINT = read_when_used("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = read_when_used("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = read_when_used("OIDC_OP_JWKS_ENDPOINT", None)
    OIDC_RP_CLIENT_ID = read_when_used("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = read_when_used("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = read_when_used("OIDC_RP_SIGN_ALGO", "HS256")
    OIDC_RP_IDP_SIGN_KEY = read_when_used("OIDC_RP_IDP_SIGN_KEY", None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Not the library's __init__, which reads the settings above (and with them
        # the discovery document) for every backend made. The configuration it
        # checks there is checked at start-up (intkommun.settings.oidc_settings).
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback view passes a nonce; a password login never gets here.
        if not settings.OIDC_ENABLED or request is None or "nonce" not in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError) as error:
            logger.warning("SSO login refused: %s", error)
        except (
            ProviderUnavailable,
            requests.ConnectionError,
            requests.Timeout,
        ) as error:
            logger.warning(
                "SSO login failed, the provider cannot be reached: %s", error
            )
            refuse(request, UNAVAILABLE)
            return None
        except requests.RequestException as error:
            logger.warning("SSO login failed, the provider answered: %s", error)
        refuse(request, FAILED)
        return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks signature, expiry and nonce; audience and issuer too."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token for another client")
        issuer = settings.OIDC_ISSUER
        if issuer and payload.get("iss", "").rstrip("/") != issuer.rstrip("/"):
            raise SuspiciousOperation("id_token from another issuer")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = str(claims.get("email") or "").strip()
        verified = claims.get("email_verified", payload.get("email_verified"))
        if not email or (settings.OIDC_REQUIRE_VERIFIED_EMAIL and verified is not True):
            refuse(self.request, UNVERIFIED_EMAIL)
            return None
        users = list(self.UserModel.objects.filter(email__iexact=email)[:2])
        if len(users) != 1:
            # None, or (against email_taken) two: never guess which one.
            refuse(self.request, UNKNOWN_USER)
            return None
        user = users[0]
        if not user.is_active:
            refuse(self.request, INACTIVE_USER)
            return None
        return user

    def get_user(self, user_id: Any) -> Any:
        """The session's user, as long as they stay active (like ModelBackend)."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


class SSOEnabledMixin:
    """404 unless SSO is configured: without it these URLs do not exist."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SSOStartView(SSOEnabledMixin, OIDCAuthenticationRequestView):
    """The login page's SSO button: off to the provider with state, nonce, PKCE;
    back to the login page with a message if the provider cannot be reached."""

    OIDC_OP_AUTH_ENDPOINT = read_when_used("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_RP_CLIENT_ID = read_when_used("OIDC_RP_CLIENT_ID")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Not the library's __init__: it reads the settings above.
        View.__init__(self, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as error:
            logger.warning("SSO login not started, the provider: %s", error)
            messages.error(request, unavailable_message())
            login = reverse("login")
            wanted = request.GET.get("next")
            return HttpResponseRedirect(
                f"{login}?{urlencode({'next': wanted})}" if wanted else login
            )
        return super().get(request)


class SSOCallbackView(SSOEnabledMixin, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back, with a code or an error."""

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def get(self, request):
        try:
            response = super().get(request)
        except SuspiciousOperation as error:
            # A state this browser did not start (replayed, or another tab's).
            logger.warning("SSO callback refused: %s", error)
            refuse(request, FAILED)
            return self.login_failure()
        return response

    def login_failure(self):
        reason = getattr(self.request, "sso_refusal", None)
        if reason is None and self.request.GET.get("error"):
            message = _(
                "The login with the kommun's account was cancelled or refused "
                "by the kommun's login service."
            )
        else:
            message = {
                UNKNOWN_USER: _(
                    "There is no user with the e-mail address of your kommun "
                    "account. Ask your kommun's coordinator to invite you."
                ),
                INACTIVE_USER: _(
                    "Your user has been deactivated. Ask your kommun's coordinator."
                ),
                UNVERIFIED_EMAIL: _(
                    "The kommun's login service did not give a verified e-mail "
                    "address, so you could not be logged in."
                ),
                UNAVAILABLE: unavailable_message(),
            }.get(
                reason,
                _("The login with the kommun's account failed. Please try again."),
            )
        messages.error(self.request, message)
        return HttpResponseRedirect(self.failure_url)


def login_button(request: HttpRequest) -> dict[str, Any]:
    """Template context for the login page's SSO button."""
    if not settings.OIDC_ENABLED:
        return {"sso_login_url": None}
    return {
        "sso_login_url": reverse("oidc_authentication_init"),
        "sso_button_label": settings.OIDC_BUTTON_LABEL
        or _("Log in with the kommun's account"),
    }


class LoginView(auth_views.LoginView):
    """Django's login page, with the SSO button when SSO is configured."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **login_button(self.request)}


# Where mozilla-django-oidc keeps the id_token (OIDC_STORE_ID_TOKEN).
ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105 (a session key, not a secret)


def end_session_endpoint() -> str | None:
    """The provider's end_session_endpoint: the one configured, or the one in the
    issuer's discovery document; None if it has none."""
    if settings.OIDC_OP_LOGOUT_ENDPOINT:
        return settings.OIDC_OP_LOGOUT_ENDPOINT
    if not settings.OIDC_ISSUER:
        return None
    return discovery_document(settings.OIDC_ISSUER).get("end_session_endpoint")


def is_sso_session(request: HttpRequest) -> bool:
    backend = f"{KommunOIDCBackend.__module__}.{KommunOIDCBackend.__qualname__}"
    return settings.OIDC_ENABLED and request.session.get(BACKEND_SESSION_KEY) == backend


def provider_logout_url(request: HttpRequest) -> str | None:
    """Where the browser ends the session at the provider too (OpenID Connect
    RP-Initiated Logout 1.0), coming back to our login page; None after a password
    login, or when the provider cannot be asked (logging out then ends our session
    only). Read it before the session is flushed: it holds the id_token."""
    if not is_sso_session(request):
        return None
    try:
        endpoint = end_session_endpoint()
    except requests.RequestException as error:
        logger.warning("SSO logout at the provider skipped: %s", error)
        return None
    if not endpoint:
        return None
    parameters = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    if id_token:
        parameters["id_token_hint"] = id_token
    separator = "&" if urlsplit(endpoint).query else "?"
    return endpoint + separator + urlencode(parameters)


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only); after an SSO login the browser goes on to the
    provider's end_session_endpoint. Not mozilla-django-oidc's OIDCLogoutView with
    OIDC_OP_LOGOUT_URL_METHOD: Django's keeps never_cache and the logout of a
    password login exactly as it was."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        at_provider = provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response


class ProviderLogoutFormActionMiddleware:
    """Lets the logout form of an SSO session end at the provider.

    The pages' Content-Security-Policy allows forms to go to our own origin only
    (form-action 'self'), and browsers apply that to the redirect that answers a
    form too; the logout form's answer is a redirect to the provider's
    end_session_endpoint. So a page of an SSO session allows that one origin too.
    Sits after csp.middleware.CSPMiddleware in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if hasattr(request, "session") and is_sso_session(request):
            origin = _end_session_origin()
            if origin:
                update = getattr(response, "_csp_update", None) or {}
                allowed = [*update.get("form-action", ()), origin]
                response._csp_update = {**update, "form-action": allowed}
        return response


def _end_session_origin() -> str | None:
    try:
        endpoint = end_session_endpoint()
    except requests.RequestException:
        return None
    if not endpoint:
        return None
    url = urlsplit(endpoint)
    return f"{url.scheme}://{url.netloc}"
