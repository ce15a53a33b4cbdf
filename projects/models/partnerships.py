"""Twin towns, exchanges, networks and agreements, and what happens in them."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
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
from intkommun.search_columns import SEARCH_COLUMNS, search_columns
from intkommun.years import DATE_VALIDATORS, FIRST_YEAR, LAST_YEAR, YEAR_VALIDATORS
from projects.models.money import amount_field, not_negative, not_negative_q
from projects.recurrence import Recurrence, occurrences_in_year

MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR
# Deep enough for any real chain of networks; a longer one is a cycle or a typo.
MAX_VIA_DEPTH = 20


def period_overlaps_year_q(year: int, prefix: str = "") -> Q:
    """Partnerships whose period touches the year. An unknown start means "since
    before the register"; an unknown end means "still running", unless the
    partnership has ended: then only its activities place it in a year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    starts_in_time = Q(**{f"{prefix}starts_on__lte": end}) | Q(
        **{f"{prefix}starts_on__isnull": True}
    )
    ends_in_time = Q(**{f"{prefix}ends_on__gte": start}) | (
        Q(**{f"{prefix}ends_on__isnull": True})
        & ~Q(**{f"{prefix}status": Partnership.Status.ENDED})
    )
    return starts_in_time & ends_in_time


def activity_counts_in_year_q(
    year: int, prefix: str = "", partnership_prefix: str | None = None
) -> Q:
    """Activities that happen in the year: held in it, or recurring from an earlier
    year and not yet past their last year or their partnership's end. The number
    of times is ``PartnershipActivity.occurrences_in``; this only narrows the
    rows read. From the partnership's side, ``prefix="activities__"`` and
    ``partnership_prefix=""``."""
    if partnership_prefix is None:
        partnership_prefix = f"{prefix}partnership__"
    recurring = (
        ~Q(**{f"{prefix}recurrence": Recurrence.NONE})
        & Q(**{f"{prefix}occurred_on__year__lt": year})
        & (
            Q(**{f"{prefix}last_year__isnull": True})
            | Q(**{f"{prefix}last_year__gte": year})
        )
        & (
            Q(**{f"{partnership_prefix}ends_on__isnull": True})
            | Q(**{f"{partnership_prefix}ends_on__year__gte": year})
        )
    )
    return Q(**{f"{prefix}occurred_on__year": year}) | recurring


class PartnershipQuerySet(ScopedQuerySet):
    def in_kommun(self, kommun: Organisation) -> PartnershipQuerySet:
        return self.filter(responsible_organisation__kommun=kommun.kommun_id)

    def in_year(self, year: int) -> PartnershipQuerySet:
        """Those a report about the year covers: their period touches the year,
        or something happened in them that year."""
        happened = PartnershipActivity.objects.filter(activity_counts_in_year_q(year))
        return self.filter(
            period_overlaps_year_q(year) | Q(pk__in=happened.values("partnership_id"))
        )


class Partnership(Removable):
    """A lasting relation: a twin town (vänort), a partner town, a municipal
    partnership, a network, an agreement, an informal cooperation or a school or
    youth exchange, with one or more partner towns. It runs over a period whose
    start and end may be known only by year or month; whether it is alive shows
    in its activity log."""

    class Kind(models.TextChoices):
        TWIN_TOWN = "twin_town", _("Twin town")
        PARTNER_TOWN = "partner_town", _("Partner town")
        MUNICIPAL_PARTNERSHIP = "municipal_partnership", _("Municipal partnership")
        NETWORK = "network", _("Network")
        AGREEMENT = "agreement", _("Agreement")
        INFORMAL = "informal", _("Informal cooperation")
        EXCHANGE = "exchange", _("School or youth exchange")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    starts_on = models.DateField(
        _("start"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    starts_on_precision = precision_field()
    ends_on = models.DateField(
        _("end"),
        null=True,
        blank=True,
        validators=DATE_VALIDATORS,
        help_text=_("Only when it has ended or its end is decided."),
    )
    ends_on_precision = precision_field()
    via = models.ForeignKey(
        "self",
        verbose_name=_("member through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        limit_choices_to={"kind": Kind.NETWORK},
        help_text=_("The network through which the municipality takes part."),
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

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns("name", "description")

    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = live_manager(PartnershipQuerySet)
    access = Access(
        kommun="responsible_organisation__kommun",
        reporter_organisations=("responsible_organisation",),
        public=Q(),
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
        """Every partner town with its country: "Ísafjörður, Island; Hamar, Norge"."""
        return "; ".join(str(town) for town in self.towns.all())

    @property
    def countries(self) -> list[Any]:
        found = {town.country.code: town.country for town in self.towns.all()}
        found.pop("", None)
        return sorted(found.values(), key=lambda country: str(country.name))

    @property
    def start(self) -> PartialDate | None:
        return partial_date(self, "starts_on")

    @property
    def end(self) -> PartialDate | None:
        return partial_date(self, "ends_on")

    @property
    def end_year(self) -> int | None:
        return self.ends_on.year if self.ends_on else None

    @property
    def period_text(self) -> str:
        """For people: "2005–2015", "sedan 2005", "till 2015" or ""."""
        start, end = self.start, self.end
        if start and end:
            return f"{start}–{end}"
        if start:
            return _("since %(start)s") % {"start": start}
        if end:
            return _("until %(end)s") % {"end": end}
        return ""

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        start, end = self.start, self.end
        if start and end and end.last_day < start.first_day:
            errors["ends_on"] = _("The end cannot come before the start.")
        if message := self._via_error():
            errors["via"] = message
        if errors:
            raise ValidationError(errors)

    def _via_error(self) -> str | None:
        via = self.via
        if via is None:
            return None
        if self.pk is not None and via.pk == self.pk:
            return _("A partnership cannot be a member through itself.")
        if via.kind != self.Kind.NETWORK:
            return _("Choose a network.")
        if self.responsible_organisation_id and (
            via.responsible_organisation.kommun_id
            != self.responsible_organisation.kommun_id
        ):
            return _("Choose among the municipality's own networks.")
        seen = {self.pk}
        step = via
        for _depth in range(MAX_VIA_DEPTH):
            if step is None:
                return None
            if step.pk in seen:
                return _("The networks would be members through each other.")
            seen.add(step.pk)
            step = step.via
        return _("The networks would be members through each other.")


class PartnerTown(models.Model):
    """A town or city of the partnership, with its country. One agreement may
    cover several towns (four Nordic twin towns); a network may name only a
    country."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="towns",
    )
    name = models.CharField(_("town or city"), max_length=100, blank=True)
    country = CountryField(_("country"))

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns("name")

    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = live_manager(ScopedQuerySet, removed_with="partnership")
    access = Access(
        kommun="partnership__responsible_organisation__kommun",
        reporter_organisations=("partnership__responsible_organisation",),
        public_through="partnership",
    )

    class Meta:
        verbose_name = _("partner town")
        verbose_name_plural = _("partner towns")
        ordering = ["pk"]

    def __str__(self) -> str:
        country = str(self.country.name) if self.country else ""
        return ", ".join(part for part in (self.name, country) if part)

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()


class PartnershipFunding(models.Model):
    """Money for the partnership in a year from one source: an EU programme,
    Sida, the municipality's own budget or another funder."""

    class Source(models.TextChoices):
        EU = "eu", _("EU")
        SIDA = "sida", _("Sida")
        OWN = "own", _("Own funding")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="funding",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    amount = models.DecimalField(
        _("amount (SEK)"), max_digits=14, decimal_places=2, validators=not_negative()
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the programme or the decision."),
    )

    history = HistoricalRecords()
    objects = live_manager(ScopedQuerySet, removed_with="partnership")
    access = Access(
        kommun="partnership__responsible_organisation__kommun",
        reporter_organisations=("partnership__responsible_organisation",),
    )

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["year", "source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=not_negative_q("amount"),
                name="partnership_funding_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()}"


class PartnershipActivity(models.Model):
    """What happened in a partnership: a visit, a delegation received, a meeting.

    Its date may be known only by year or month ("2012", "mars 2012"), as the
    annual reports it is often copied from give it. A recurring activity (a
    language camp every summer) is logged once, with its first date; the
    participants and cost are per occurrence (``projects.recurrence``)."""

    Recurrence = Recurrence
    # The participant groups counted, each a field of its own.
    GROUPS = ("pupils", "staff", "elected_representatives", "residents")

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
    pupils = models.PositiveIntegerField(_("pupils"), null=True, blank=True)
    staff = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    elected_representatives = models.PositiveIntegerField(
        _("elected representatives"), null=True, blank=True
    )
    residents = models.PositiveIntegerField(
        _("residents and associations"), null=True, blank=True
    )
    cost = amount_field(_("cost (SEK)"))
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_partnership_activities",
        help_text=_("The förvaltning, company or school that organised it."),
    )
    recurrence = models.CharField(
        _("recurs"),
        max_length=20,
        choices=Recurrence.choices,
        default=Recurrence.NONE,
    )
    times_per_year = models.PositiveSmallIntegerField(
        _("times a year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Only for “Several times a year”."),
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_(
            "The last year it recurs; empty while it goes on (at the latest until "
            "the partnership ends)."
        ),
    )
    is_example = models.BooleanField(_("example"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns("purpose", "participants_text")

    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
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
            models.CheckConstraint(
                condition=Q(recurrence=Recurrence.TIMES_A_YEAR)
                | Q(times_per_year__isnull=True),
                name="partnership_activity_times_only_when_several",
                violation_error_message=_(
                    "Give the number of times only for “Several times a year”."
                ),
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

    @property
    def is_recurring(self) -> bool:
        return self.recurrence != Recurrence.NONE

    @property
    def until_year(self) -> int | None:
        """The last year it recurs: its own last year or its partnership's end,
        whichever comes first; None while open."""
        years = [y for y in (self.last_year, self.partnership.end_year) if y]
        return min(years) if years else None

    def occurrences_in(self, year: int) -> int:
        return occurrences_in_year(
            year=year,
            first_year=self.occurred_on.year,
            recurrence=self.recurrence,
            times_per_year=self.times_per_year,
            last_year=self.until_year,
        )

    @property
    def recurrence_text(self) -> str:
        """For people: "varje år 2015–2018", "4 gånger om året från 2015"."""
        if not self.is_recurring:
            return ""
        if self.recurrence == Recurrence.TIMES_A_YEAR:
            how = _("%(times)s times a year") % {"times": self.times_per_year}
        else:
            how = str(self.get_recurrence_display())
        first, last = self.occurred_on.year, self.until_year
        if last is None:
            return _("%(how)s from %(first)s") % {"how": how, "first": first}
        return f"{how} {first}–{last}"

    @property
    def groups(self) -> list[tuple[str, int]]:
        """The participant groups given, as (label, count)."""
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in self.GROUPS
            if getattr(self, name) is not None
        ]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        in_groups = sum(getattr(self, name) or 0 for name in self.GROUPS)
        if self.participants is None and in_groups:
            # Counted only by group: the total is their sum.
            self.participants = in_groups
        errors.update(participant_errors(self.participants, self.young_participants))
        if self.occurred_on and self.occurred_on > timezone.localdate():
            errors["occurred_on"] = _("An activity cannot be dated in the future.")
        errors.update(self._group_errors(in_groups))
        errors.update(self._recurrence_errors())
        if self.organiser_id and self.partnership_id:
            kommun = self.partnership.responsible_organisation.kommun_id
            if self.organiser.kommun_id != kommun:
                errors["organiser"] = _("Choose among the municipality's own.")
        if errors:
            raise ValidationError(errors)

    def _group_errors(self, in_groups: int) -> dict[str, str]:
        if self.participants is not None and in_groups > self.participants:
            return {
                "participants": _(
                    "The groups add up to %(groups)s, more than the participants."
                )
                % {"groups": in_groups}
            }
        return {}

    def _recurrence_errors(self) -> dict[str, str]:
        errors = {}
        several = self.recurrence == Recurrence.TIMES_A_YEAR
        if several and not self.times_per_year:
            errors["times_per_year"] = _("Give how many times a year.")
        if not several and self.times_per_year is not None:
            errors["times_per_year"] = _(
                "Give the number of times only for “Several times a year”."
            )
        if self.last_year is not None and not self.is_recurring:
            errors["last_year"] = _("Give a last year only for a recurring activity.")
        elif (
            self.last_year is not None
            and self.occurred_on
            and self.last_year < self.occurred_on.year
        ):
            errors["last_year"] = _("The last year cannot come before the first.")
        return errors
