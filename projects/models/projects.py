"""EU projects and other international projects: status, dates, money and partners."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from intkommun import permissions
from intkommun.limits import TEXT_LENGTH, bounded_text, length_constraints
from intkommun.models import Organisation
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.removal import Removable, live_manager
from intkommun.search_columns import SEARCH_COLUMNS, search_columns
from intkommun.years import DATE_VALIDATORS
from projects.models.money import (
    SLACK,
    Currency,
    amount_field,
    not_negative_q,
    round_money,
)
from projects.models.programmes import FundingProgramme

MONEY_OUTPUT = models.DecimalField(max_digits=28, decimal_places=6)
RATE_OUTPUT = models.DecimalField(max_digits=10, decimal_places=4)

AMOUNT_FIELDS = (
    "total_budget",
    "municipality_budget",
    "eu_grant",
    "own_cofinancing_cash",
    "own_cofinancing_in_kind",
    "other_cofinancing",
    "prefinancing_need",
)
FUNDING_FIELDS = (
    "eu_grant",
    "own_cofinancing_cash",
    "own_cofinancing_in_kind",
    "other_cofinancing",
)


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PREPARING = "preparing", _("Preparing application")
    SUBMITTED = "submitted", _("Application submitted")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    ONGOING = "ongoing", _("Ongoing")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A funder's decision: only a coordinator records it.
DECISION_STATUSES = (Status.GRANTED, Status.REJECTED)
# The application was granted: the project runs, ran or is about to.
GRANTED_STATUSES = (Status.GRANTED, Status.ONGOING, Status.CLOSED)
# What a reporter may set on their own before a decision.
REPORTER_STATUSES = (Status.IDEA, Status.PREPARING, Status.SUBMITTED, Status.WITHDRAWN)


def sek(field: str) -> models.Expression:
    """An amount in SEK in the database: as it is for SEK, times the rate for EUR."""
    rate = Case(
        When(currency=Currency.SEK, then=Value(Decimal(1))),
        default=F("exchange_rate"),
        output_field=RATE_OUTPUT,
    )
    amount = Coalesce(F(field), Value(Decimal(0)), output_field=MONEY_OUTPUT)
    return models.ExpressionWrapper(amount * rate, output_field=MONEY_OUTPUT)


# Conditions on the fields, so that they also filter a project's history records
# (the KS report reads each project as it stood at the end of the year).


def active_in_year_q(year: int) -> Q:
    """Projects whose period touches the year (no end date: from the start on)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Q(starts_on__lte=end) & (Q(ends_on__gte=start) | Q(ends_on__isnull=True))


def running_in_year_q(year: int) -> Q:
    """Granted projects whose period touches the year."""
    return active_in_year_q(year) & Q(status__in=GRANTED_STATUSES)


def granted_in_year_q(year: int) -> Q:
    """Projects whose funder decided in the year to grant them."""
    return Q(decision_on__year=year, status__in=GRANTED_STATUSES)


class ProjectQuerySet(ScopedQuerySet):
    def in_kommun(self, kommun: Organisation) -> ProjectQuerySet:
        return self.filter(owner__kommun=kommun.kommun_id)

    def active_in_year(self, year: int) -> ProjectQuerySet:
        return self.filter(active_in_year_q(year))

    def running_in_year(self, year: int) -> ProjectQuerySet:
        return self.filter(running_in_year_q(year))

    def submitted_in_year(self, year: int) -> ProjectQuerySet:
        return self.filter(submitted_on__year=year)

    def decided_in_year(self, year: int) -> ProjectQuerySet:
        return self.filter(decision_on__year=year)

    def granted_in_year(self, year: int) -> ProjectQuerySet:
        return self.filter(granted_in_year_q(year))


def funding_sum() -> models.Expression:
    """Grant plus co-financing of the share, an empty amount counting as nothing."""
    parts = [
        Coalesce(F(name), Value(Decimal(0)), output_field=models.DecimalField())
        for name in FUNDING_FIELDS
    ]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


class Project(Removable):
    """An EU project, another international project or an exchange (DESIGN §2.4).

    Amounts are in the project's currency; ``exchange_rate`` (SEK per EUR) turns
    them into kronor for the reports. The municipality's budget share is funded by
    the grant, its own co-financing (cash and staff time) and other co-financing.
    """

    Status = Status

    class Kind(models.TextChoices):
        EU_PROJECT = "eu_project", _("EU project")
        INTERNATIONAL_PROJECT = (
            "international_project",
            _("Other international project"),
        )
        EXCHANGE = "exchange", _("Exchange")

    class Role(models.TextChoices):
        LEAD_PARTNER = "lead_partner", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.EU_PROJECT
    )
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="owned_projects",
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    call = models.CharField(_("call"), max_length=200, blank=True)
    reference_number = models.CharField(
        _("funder's reference number"),
        max_length=100,
        blank=True,
        help_text=_("The funder's case or project number."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    role = models.CharField(
        _("the municipality's role"), max_length=20, choices=Role.choices, blank=True
    )
    submitted_on = models.DateField(
        _("application submitted on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    decision_on = models.DateField(
        _("decision on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )
    exchange_rate = models.DecimalField(
        _("exchange rate to SEK"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                Decimal("0.0001"), message=_("The exchange rate must be above zero.")
            )
        ],
        help_text=_("Kronor per euro, as used in the reports. Only for euro."),
    )
    exchange_rate_on = models.DateField(
        _("exchange rate date"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    total_budget = amount_field(
        _("total budget"), _("The whole project's budget, all partners together.")
    )
    municipality_budget = amount_field(_("the municipality's budget share"))
    eu_grant = amount_field(
        _("EU grant to the municipality"),
        _("Or the grant of another funder, for a project not funded by the EU."),
    )
    own_cofinancing_cash = amount_field(_("own co-financing, cash"))
    own_cofinancing_in_kind = amount_field(_("own co-financing, staff time"))
    other_cofinancing = amount_field(_("other co-financing"))
    prefinancing_need = amount_field(
        _("pre-financing need"),
        _(
            "What the municipality must carry until the funder pays "
            "(Interreg and ESF+ pay afterwards)."
        ),
    )
    goals = models.ManyToManyField(
        "strategies.Goal", verbose_name=_("goals"), blank=True, related_name="projects"
    )
    actions = models.ManyToManyField(
        "actions.Action",
        verbose_name=_("actions"),
        blank=True,
        related_name="projects",
    )
    description = bounded_text(_("description"), blank=True)
    results = bounded_text(_("results"), blank=True)
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
    search_vector, search_text = search_columns(
        "title", "acronym", "description", "results", "call", "reference_number"
    )

    history = HistoricalRecords(
        m2m_fields=[goals, actions], excluded_fields=SEARCH_COLUMNS
    )
    objects = live_manager(ProjectQuerySet)
    # EU projects are public once granted (what the public pages and the open
    # API show): ideas and applications are the kommun's own business.
    access = Access(
        kommun="owner__kommun",
        reporter_organisations=("owner",),
        public=Q(status__in=GRANTED_STATUSES, kind=Kind.EU_PROJECT),
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title", "pk"]
        constraints = [
            *length_constraints(
                "project", description=TEXT_LENGTH, results=TEXT_LENGTH
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True)
                | Q(submitted_on__isnull=True)
                | Q(decision_on__gte=F("submitted_on")),
                name="project_decided_after_submitted",
                violation_error_message=_(
                    "The decision cannot come before the application."
                ),
            ),
            models.CheckConstraint(
                condition=not_negative_q(*AMOUNT_FIELDS),
                name="project_amounts_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(municipality_budget__isnull=True)
                | Q(municipality_budget__gte=funding_sum() - SLACK),
                name="project_funding_within_share",
                violation_error_message=_(
                    "Grant and co-financing together cannot exceed the "
                    "municipality's budget share."
                ),
            ),
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True)
                | Q(municipality_budget__isnull=True)
                | Q(total_budget__gte=F("municipality_budget")),
                name="project_share_within_total",
                violation_error_message=_(
                    "The municipality's share cannot exceed the total budget."
                ),
            ),
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True)
                | Q(eu_grant__isnull=True)
                | Q(total_budget__gte=F("eu_grant")),
                name="project_grant_within_total",
                violation_error_message=_("The grant cannot exceed the total budget."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DECISION_STATUSES)
                | Q(decision_on__isnull=False),
                name="project_decision_has_date",
                violation_error_message=_("Give the date of the decision."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SUBMITTED) | Q(submitted_on__isnull=False),
                name="project_submission_has_date",
                violation_error_message=_(
                    "Give the date the application was submitted."
                ),
            ),
            models.CheckConstraint(
                condition=Q(currency=Currency.SEK, exchange_rate__isnull=True)
                | Q(
                    currency=Currency.EUR,
                    exchange_rate__isnull=False,
                    exchange_rate__gt=0,
                ),
                name="project_exchange_rate_for_euro_only",
                violation_error_message=_(
                    "A project in euro needs an exchange rate; one in kronor none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    # --- rules -------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        self._clean_dates(errors)
        self._clean_status(errors)
        self._clean_money(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_dates(self, errors: dict[str, Any]) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end cannot be before the start.")
        if (
            self.submitted_on
            and self.decision_on
            and self.decision_on < self.submitted_on
        ):
            errors["decision_on"] = _(
                "The decision cannot come before the application."
            )

    def _clean_status(self, errors: dict[str, Any]) -> None:
        if self.status in DECISION_STATUSES and not self.decision_on:
            errors.setdefault("decision_on", _("Give the date of the decision."))
        if self.status == Status.SUBMITTED and not self.submitted_on:
            errors["submitted_on"] = _("Give the date the application was submitted.")

    def _clean_money(self, errors: dict[str, Any]) -> None:
        if self.currency == Currency.EUR and self.exchange_rate is None:
            errors["exchange_rate"] = _(
                "Give the exchange rate to SEK for a project in euro."
            )
        if self.currency == Currency.SEK and self.exchange_rate is not None:
            errors["exchange_rate"] = _(
                "Leave the exchange rate empty for a project in kronor."
            )
        amounts = [getattr(self, name) for name in AMOUNT_FIELDS]
        if any(amount is not None and amount < 0 for amount in amounts):
            return  # Each negative amount has its own error from its validator.
        share = self.municipality_budget
        if share is not None and self.total_budget is not None:
            if share > self.total_budget:
                errors["municipality_budget"] = _(
                    "The municipality's share cannot exceed the total budget."
                )
        grant = self.eu_grant
        if grant is not None and self.total_budget is not None:
            if grant > self.total_budget:
                errors["eu_grant"] = _("The grant cannot exceed the total budget.")
        if share is not None and self.funded_total > share:
            errors.setdefault(
                "eu_grant",
                _(
                    "Grant and co-financing together cannot exceed the "
                    "municipality's budget share."
                ),
            )

    @staticmethod
    def statuses_open_to(
        user: Any, owner: Organisation | None, current: str | None
    ) -> list[str]:
        """The statuses a user may give a project: a funder's decision, and what
        follows from it, only a coordinator records."""
        if owner is not None and permissions.is_coordinator(user, owner):
            return list(Status.values)
        allowed = set(REPORTER_STATUSES)
        if current:
            allowed.add(current)
        if current in GRANTED_STATUSES:
            allowed |= {Status.ONGOING, Status.CLOSED}
        return [status for status in Status.values if status in allowed]

    # --- money -------------------------------------------------------------

    @property
    def rate(self) -> Decimal | None:
        """Kronor per unit of the project's currency."""
        return Decimal(1) if self.currency == Currency.SEK else self.exchange_rate

    def to_sek(self, amount: Decimal | None) -> Decimal | None:
        if amount is None or self.rate is None:
            return None
        return round_money(amount * self.rate)

    @property
    def own_cofinancing(self) -> Decimal | None:
        parts = [self.own_cofinancing_cash, self.own_cofinancing_in_kind]
        if all(part is None for part in parts):
            return None
        return sum((part or Decimal(0) for part in parts), Decimal(0))

    @property
    def funded_total(self) -> Decimal:
        """Grant plus all co-financing of the municipality's share."""
        return sum(
            (getattr(self, name) or Decimal(0) for name in FUNDING_FIELDS), Decimal(0)
        )

    @property
    def unfunded(self) -> Decimal | None:
        """What of the municipality's share no grant or co-financing covers yet."""
        if self.municipality_budget is None:
            return None
        return self.municipality_budget - self.funded_total

    @property
    def grant_rate(self) -> Decimal | None:
        """The grant as a percentage of the municipality's share."""
        if not self.municipality_budget or self.eu_grant is None:
            return None
        return (self.eu_grant * 100 / self.municipality_budget).quantize(Decimal("0.1"))

    @property
    def eu_grant_sek(self) -> Decimal | None:
        return self.to_sek(self.eu_grant)

    @property
    def total_budget_sek(self) -> Decimal | None:
        return self.to_sek(self.total_budget)

    @property
    def municipality_budget_sek(self) -> Decimal | None:
        return self.to_sek(self.municipality_budget)

    @property
    def own_cofinancing_sek(self) -> Decimal | None:
        return self.to_sek(self.own_cofinancing)

    @property
    def other_cofinancing_sek(self) -> Decimal | None:
        return self.to_sek(self.other_cofinancing)

    @property
    def prefinancing_need_sek(self) -> Decimal | None:
        return self.to_sek(self.prefinancing_need)

    def money_rows(self) -> list[MoneyRow]:
        """The money box: each amount in the project's currency and in kronor."""
        rows = [
            (_("Total budget"), self.total_budget),
            (_("The municipality's budget share"), self.municipality_budget),
            (_("EU grant to the municipality"), self.eu_grant),
            (_("Own co-financing, cash"), self.own_cofinancing_cash),
            (_("Own co-financing, staff time"), self.own_cofinancing_in_kind),
            (_("Other co-financing"), self.other_cofinancing),
            (_("Not yet funded of the share"), self.unfunded),
            (_("Pre-financing need"), self.prefinancing_need),
        ]
        return [MoneyRow(label, amount, self.to_sek(amount)) for label, amount in rows]

    # --- status history ----------------------------------------------------

    def status_history(self) -> list[StatusChange]:
        """Every change of status, oldest first, from the change history."""
        records = self.history.select_related("history_user").order_by(
            "history_date", "history_id"
        )
        changes, previous = [], None
        for record in records:
            if record.status != previous:
                changes.append(
                    StatusChange(
                        changed_at=record.history_date,
                        changed_by=record.history_user,
                        old=Status(previous).label if previous else "",
                        new=Status(record.status).label,
                        status=record.status,
                    )
                )
                previous = record.status
        return changes


@dataclass(frozen=True)
class MoneyRow:
    label: Any
    amount: Decimal | None
    amount_sek: Decimal | None


@dataclass(frozen=True)
class StatusChange:
    changed_at: datetime.datetime
    changed_by: Any
    old: Any
    new: Any
    status: str


class ProjectPartner(models.Model):
    """Another organisation in the project, with its country."""

    class Type(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        AUTHORITY = "authority", _("Public authority")
        UNIVERSITY = "university", _("University or research institute")
        SCHOOL = "school", _("School")
        COMPANY = "company", _("Company")
        NON_PROFIT = "non_profit", _("Non-profit organisation")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=Type.choices, blank=True
    )
    is_lead = models.BooleanField(_("lead partner"), default=False)

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns("name", "city")

    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = live_manager(ScopedQuerySet, removed_with="project")
    access = Access(
        kommun="project__owner__kommun", reporter_organisations=("project__owner",)
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["-is_lead", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(is_lead=True),
                name="project_partner_one_lead",
                violation_error_message=_("A project has only one lead partner."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.name})"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()
