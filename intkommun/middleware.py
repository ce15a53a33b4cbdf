"""Session limits, language and headers that Django does not have built in."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

SESSION_STARTED_KEY = "intkommun_authenticated_at"
SESSION_REFRESHED_KEY = "intkommun_refreshed_at"


def note_login_in_session(sender, request, **kwargs) -> None:
    """On login (user_logged_in): the session starts now and is saved now, so the
    absolute limit counts from here and the first page after it writes nothing."""
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[SESSION_STARTED_KEY] = now
        session[SESSION_REFRESHED_KEY] = now


class SessionRefreshMiddleware:
    """Write the session when it changed, or when its expiry needs pushing on.

    The idle limit is SESSION_COOKIE_AGE: the session row (and the cookie) expire
    that long after the session was last saved. Saving on every request would keep
    that exact but costs a write per page; here a request whose session did not
    change saves it only if SESSION_REFRESH_SECONDS have passed since the last save.
    A session therefore ends at most that much before the idle limit, never after.
    Goes right after SessionMiddleware, so that its response side runs last.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        # An untouched session, or one emptied by a logout, is not ours to write:
        # writing it would make a session for every anonymous visitor.
        if not session.accessed or not session.keys():
            return response
        now = time.time()
        refreshed = session.get(SESSION_REFRESHED_KEY, 0)
        if session.modified or now - refreshed >= settings.SESSION_REFRESH_SECONDS:
            session[SESSION_REFRESHED_KEY] = now
        return response


class AbsoluteSessionLimitMiddleware:
    """Log out a session that is older than SESSION_ABSOLUTE_SECONDS.

    The idle limit is SESSION_COOKIE_AGE (see SessionRefreshMiddleware); this adds
    the absolute limit ASVS asks for, however active the user has been.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            # Set at login; setdefault for a session from before that was so.
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class ChosenLanguageMiddleware:
    """Swedish unless the user chose another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    municipal computer set up in English would show an English interface.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; no-store on private ones.

    A signed-in page or a downloaded file (export, KS PDF, document original) must
    not stay in a shared browser's or proxy's cache after the user has left.
    Static files never get here: WhiteNoise answers them earlier in MIDDLEWARE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.user.is_authenticated or is_download(response):
            patch_cache_control(response, private=True, no_store=True)
        return response


def is_download(response: HttpResponse) -> bool:
    disposition = response.headers.get("Content-Disposition", "")
    return isinstance(response, FileResponse) or disposition.startswith("attachment")
