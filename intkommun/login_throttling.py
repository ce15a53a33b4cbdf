"""Login throttling on top of django-axes: the client's address behind our proxy,
a limit per address besides the one per user name and address, and the lockouts
a coordinator may see and lift."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Min, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies
    the address the outermost of them appended to X-Forwarded-For.

    Each proxy appends the address it was connected from, so with N trusted proxies
    the N-th entry from the right is the client as our outermost proxy saw it. The
    entries left of it were sent by the client and may be anything.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    entries = [entry.strip() for entry in forwarded if entry.strip()]
    if len(entries) < count:
        return remote_addr
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote_addr


def _address_threshold() -> datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_ADDRESS_COOLOFF_MINUTES)


def locked_addresses() -> QuerySet:
    """Addresses with at least ``LOGIN_FAILURES_PER_ADDRESS`` recent failures over
    every user name tried from them."""
    return (
        AccessAttempt.objects.filter(attempt_time__gte=_address_threshold())
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.LOGIN_FAILURES_PER_ADDRESS)
        .values("ip_address")
    )


def is_address_locked(ip_address: str | None) -> bool:
    return (
        ip_address is not None
        and locked_addresses().filter(ip_address=ip_address).exists()
    )


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit per address.

    Axes compares every lockout parameter with the one ``AXES_FAILURE_LIMIT``, and
    a successful login would reset every row of a parameter it matches (with
    ["ip_address"] one colleague's login would lift every lockout from the office);
    so the parameters stay [["username", "ip_address"]] and the address limit is
    added here: an address over it counts as locked for every user name.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if is_address_locked(request.axes_ip_address):
            return max(failures, get_failure_limit(request, credentials))
        return failures


@dataclass(frozen=True)
class Lockout:
    """A user name locked from an address (over every user agent it used)."""

    attempt_id: int  # one of its AccessAttempt rows, to name it in a URL
    username: str | None
    ip_address: str | None
    failures: int
    last_attempt_at: datetime
    is_address_locked: bool


def current_lockouts(attempts: QuerySet) -> list[Lockout]:
    """The lockouts among ``attempts`` (already scoped to the user), newest first."""
    addresses = set(locked_addresses().values_list("ip_address", flat=True))
    rows = (
        attempts.filter(attempt_time__gte=timezone.now() - get_cool_off())
        .values("username", "ip_address")
        .annotate(
            attempt_id=Min("id"),
            failures=Sum("failures_since_start"),
            last_attempt_at=Max("attempt_time"),
        )
        .order_by("-last_attempt_at")
    )
    lockouts = [
        Lockout(**row, is_address_locked=row["ip_address"] in addresses) for row in rows
    ]
    return [
        lockout
        for lockout in lockouts
        if lockout.is_address_locked or lockout.failures >= settings.AXES_FAILURE_LIMIT
    ]


def lockout_lift(attempt: AccessAttempt) -> int:
    """Forget the failures of the attempt's user name from its address."""
    if attempt.username is None or attempt.ip_address is None:
        # axes' reset would then match every row of the other value
        count, _ = attempt.delete()
        return count
    return reset(ip=attempt.ip_address, username=attempt.username)
