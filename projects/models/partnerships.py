"""Twin towns, exchanges, networks and agreements, and what happens in them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intkommun.limits import (
    MEDIUM_TEXT_LENGTH,
    TEXT_LENGTH,
    bounded_text,
    length_constraints,
)
from intkommun.models import Organisation
from intkommun.partial_dates import PartialDate, partial_date, precision_field
from intkommun.participants import participant_errors, young_within_participants
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.removal import Removable, live_manager
from intkommun.years import DATE_VALIDATORS, FIRST_YEAR, LAST_YEAR
from projects.models.money import amount_field, not_negative_q

MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR


class PartnershipQuerySet(ScopedQuerySet):
    def in_kommun(self, kommun: Organisation) -> PartnershipQuerySet:
        return self.filter(responsible_organisation__kommun=kommun.kommun_id)


class Partnership(Removable):
    """A lasting relation: a twin town (vänort), a school or youth exchange, a
    network or an agreement. Whether it is alive shows in its activity log."""

    class Kind(models.TextChoices):
        TWIN_TOWN = "twin_town", _("Twin town")
        EXCHANGE = "exchange", _("School or youth exchange")
        NETWORK = "network", _("Network")
        AGREEMENT = "agreement", _("Agreement")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    since_year = models.PositiveSmallIntegerField(
        _("since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    agreement_on = models.DateField(
        _("agreement signed on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("Body, date and paragraph, e.g. “KS 2015-03-02 § 45”."),
    )
    contacts = bounded_text(
        _("contacts"),
        blank=True,
        help_text=_("Contact persons here and at the partner, with addresses."),
        max_length=MEDIUM_TEXT_LENGTH,
    )
    annual_fee = amount_field(
        _("annual fee (SEK)"),
        _("A network's membership fee or an agreement's yearly cost."),
    )
    description = bounded_text(_("description"), blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Invented for demonstration; not a fact about a real municipality."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = live_manager(PartnershipQuerySet)
    access = Access(
        kommun="responsible_organisation__kommun",
        reporter_organisations=("responsible_organisation",),
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name", "pk"]
        constraints = [
            *length_constraints(
                "partnership", contacts=MEDIUM_TEXT_LENGTH, description=TEXT_LENGTH
            ),
            models.CheckConstraint(
                condition=not_negative_q("annual_fee"),
                name="partnership_fee_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:partnership_detail", args=[self.pk])

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.country.name) if part)


class PartnershipActivity(models.Model):
    """What happened in a partnership: a visit, a delegation received, a meeting.

    Its date may be known only by year or month ("2012", "mars 2012"), as the
    annual reports it is often copied from give it."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit abroad")
        DELEGATION = "delegation", _("Delegation received")
        DELEGATION_SENT = "delegation_sent", _("Delegation sent")
        STUDY_VISIT = "study_visit", _("Study visit")
        MEETING = "meeting", _("Meeting")
        EXCHANGE = "exchange", _("Exchange")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    occurred_on = models.DateField(_("date"), validators=DATE_VALIDATORS)
    occurred_on_precision = precision_field()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    purpose = bounded_text(_("purpose"))
    participants_text = models.CharField(
        _("who took part"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Pupils of the X school, two teachers”."),
    )
    countries = CountryField(_("countries taking part"), multiple=True, blank=True)
    participants = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    young_participants = models.PositiveIntegerField(
        _("of whom young people (under 26)"), null=True, blank=True
    )
    cost = amount_field(_("cost (SEK)"))
    is_example = models.BooleanField(_("example"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    history = HistoricalRecords()
    objects = live_manager(ScopedQuerySet, removed_with="partnership")
    access = Access(
        kommun="partnership__responsible_organisation__kommun",
        reporter_organisations=("partnership__responsible_organisation",),
    )

    class Meta:
        verbose_name = _("partnership activity")
        verbose_name_plural = _("partnership activities")
        ordering = ["-occurred_on", "-created_at"]
        constraints = [
            *length_constraints("partnership_activity", purpose=TEXT_LENGTH),
            young_within_participants("partnership_activity_young_within_participants"),
            models.CheckConstraint(
                condition=not_negative_q("cost"),
                name="partnership_activity_cost_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred.as_text()} {self.partnership}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()

    @property
    def occurred(self) -> PartialDate:
        """The date as far as it is known: "2012", "mars 2012", "3 mars 2012"."""
        return partial_date(self, "occurred_on")

    @property
    def occurred_text(self) -> str:
        # Templates localise a date object as a full date, whatever it knows.
        return str(self.occurred)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        errors.update(participant_errors(self.participants, self.young_participants))
        if self.occurred_on and self.occurred_on > timezone.localdate():
            errors["occurred_on"] = _("An activity cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)
