"""Tokens for the read-only API: one kommun's, created by its coordinator."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.models import Organisation
from intkommun.permissions import Access, ScopedQuerySet

PREFIX = "ik_"
HINT_LENGTH = len(PREFIX) + 6
# Writing the time of use on every request would make each read a write.
USE_RECORDED_EVERY = datetime.timedelta(minutes=5)


def secret_hash(secret: str) -> str:
    """SHA-256 of the token. The token is 256 random bits, so a fast hash is
    safe (no dictionary to try) and lets the database find it by the hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(ScopedQuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, kommun__is_active=True)

    def find(self, secret: str) -> ApiToken | None:
        """The active token whose secret this is, if any."""
        return (
            self.active()
            .select_related("kommun")
            .filter(secret_hash=secret_hash(secret))
            .first()
        )


class ApiToken(models.Model):
    """A key an outside system reads the kommun's register with, as a reader of
    the kommun does. Only the hash of the secret is stored: the secret is shown
    once, when the token is created."""

    class Scope(models.TextChoices):
        READ = "read", _("read")

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        limit_choices_to={"kind__in": Organisation.TOP_KINDS},
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Kommunens webbplats”."),
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.READ
    )
    secret_hash = models.CharField(
        _("hash of the secret"), max_length=64, unique=True, editable=False
    )
    # The token's first characters, to tell tokens apart; never enough to use one.
    hint = models.CharField(_("begins with"), max_length=HINT_LENGTH, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The time of use is no change anyone made (and is written with update()).
    history = HistoricalRecords(excluded_fields=["secret_hash", "last_used_at"])
    objects = ApiTokenQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["kommun", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(
        cls, *, kommun: Organisation, name: str, by: object
    ) -> tuple[ApiToken, str]:
        """A new token of the kommun, and its secret, which is nowhere else."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls(
            kommun=kommun,
            name=name,
            secret_hash=secret_hash(secret),
            hint=secret[:HINT_LENGTH],
            created_by=by,
        )
        token._history_user = by
        token.save()
        return token, secret

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self, *, by: object) -> None:
        if self.is_revoked:
            return
        self.revoked_at, self.revoked_by = timezone.now(), by
        self._history_user = by
        self.save(update_fields=["revoked_at", "revoked_by"])

    def record_use(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at > USE_RECORDED_EVERY:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
