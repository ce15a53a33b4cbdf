"""Invalid API tokens per client address (issue 19): after
``API_TOKEN_FAILURE_LIMIT`` of them within ``API_TOKEN_FAILURE_WINDOW_MINUTES``
the address's token requests get 429 until the window that began with its first
failure ends. Counted in the Django cache (the database table in production), so
every app server sees the same count; two failures at the same instant may count
as one, which only lets a guesser try one more of 2**256."""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache


class TooManyTokenFailures(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _key(address: str | None) -> str:
    return f"api-token-failures:{address or 'unknown'}"


def _window() -> int:
    return settings.API_TOKEN_FAILURE_WINDOW_MINUTES * 60


def _now() -> float:
    return time.time()


def _current(address: str | None, now: float) -> tuple[float, int]:
    """When the address's window began and its failures since; a fresh window
    once the old one has ended."""
    started, failures = cache.get(_key(address)) or (now, 0)
    if now >= started + _window():
        return now, 0
    return started, failures


def check(address: str | None) -> None:
    """Raise ``TooManyTokenFailures`` while the address is refused."""
    now = _now()
    started, failures = _current(address, now)
    if failures >= settings.API_TOKEN_FAILURE_LIMIT:
        raise TooManyTokenFailures(max(1, math.ceil(started + _window() - now)))


def record(address: str | None) -> None:
    """Count one invalid token from the address."""
    now = _now()
    started, failures = _current(address, now)
    remaining = math.ceil(started + _window() - now)
    cache.set(_key(address), (started, failures + 1), max(1, remaining))
