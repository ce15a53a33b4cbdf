"""A follow-up round (uppföljning): one kommun, one year, one deadline."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.limits import TEXT_LENGTH, bounded_text, length_constraints
from intkommun.models import Organisation
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.years import DATE_VALIDATORS

FIRST_YEAR = 2000
LAST_YEAR = 2100


class FollowUpRoundQuerySet(ScopedQuerySet):
    def open(self) -> FollowUpRoundQuerySet:
        return self.filter(is_open=True)


def backfill_year_errors(year: int | None, today: datetime.date) -> list[str]:
    """Why a round for ``year`` cannot be a back-filling one (none if it can):
    only a year that is over can be registered afterwards."""
    if year is None or year < today.year:
        return []
    return [
        _(
            "Back-filling is only for a year that is over (before %(year)s). For "
            "this year or a later one, open an ordinary follow-up."
        )
        % {"year": today.year}
    ]


class FollowUpRound(models.Model):
    """The yearly call to the organisations to report their international work.

    Opening a round creates a draft report for each organisation that must report
    (``reports.services.round_open``); only a coordinator opens, closes and reopens.
    """

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        limit_choices_to={"kind__in": Organisation.TOP_KINDS},
        related_name="follow_up_rounds",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The year the organisations report on."),
    )
    deadline = models.DateField(_("deadline"), validators=DATE_VALIDATORS)
    instructions = bounded_text(
        _("instructions"),
        blank=True,
        help_text=_("What the organisations should know before they report."),
    )
    is_open = models.BooleanField(_("open"), default=True)
    # Chosen when the round is opened and fixed from then on.
    is_backfill = models.BooleanField(
        _("back-filling"),
        default=False,
        help_text=_(
            "For a year that is over: register the reports the organisations "
            "already made. The deadline may have passed, no reminders are sent, "
            "and you may enter each report on the organisation's behalf."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = FollowUpRoundQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        ordering = ["kommun__name", "-year"]
        constraints = [
            *length_constraints("round", instructions=TEXT_LENGTH),
            models.UniqueConstraint(
                fields=["kommun", "year"],
                name="follow_up_round_one_per_kommun_and_year",
                violation_error_message=_(
                    "The municipality already has a follow-up for this year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="follow_up_round_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return _("Follow-up %(year)s, %(kommun)s") % {
            "year": self.year,
            "kommun": self.kommun.name,
        }

    def get_absolute_url(self) -> str:
        return reverse("reports:round_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.is_backfill and self._state.adding:
            errors = backfill_year_errors(self.year, timezone.localdate())
            if errors:
                raise ValidationError({"is_backfill": errors})

    def days_left(self, today: datetime.date | None = None) -> int:
        """Days until the deadline; negative once it has passed."""
        return (self.deadline - (today or timezone.localdate())).days

    @property
    def is_past_deadline(self) -> bool:
        return self.days_left() < 0

    @property
    def sends_reminders(self) -> bool:
        """A back-filling round registers what was reported long ago: nobody is
        reminded of it and nothing in it is late."""
        return not self.is_backfill

    @property
    def is_late(self) -> bool:
        """Open, past its deadline, and not back-filling."""
        return self.is_open and self.sends_reminders and self.is_past_deadline
