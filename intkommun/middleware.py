"""Session limits that Django does not have built in."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SESSION_STARTED_KEY = "intkommun_authenticated_at"


class AbsoluteSessionLimitMiddleware:
    """Log out a session that is older than SESSION_ABSOLUTE_SECONDS.

    The idle limit is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST; this adds
    the absolute limit ASVS asks for, however active the user has been.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)
