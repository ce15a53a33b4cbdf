"""The municipality's own money for international work: one fund per kommun and year.

Part of a fund can be earmarked (FundAllocation); the rest is applied for by the
förvaltningar and, where the fund's rules open it to them, by associations
(föreningar: external organisations the coordinator registers) (FundApplication),
usually within a call with a deadline (FundCall). A grant is charged to its earmark, or to the part
that is not earmarked. Decisions go through ``services.fund_application_decide``,
which locks the fund so that no decision can take what is left below zero.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intkommun.formatting import format_long_date, format_money
from intkommun.limits import TEXT_LENGTH, bounded_text, length_constraints
from intkommun.models import Organisation
from intkommun.permissions import Access, ScopedQuerySet
from intkommun.search_columns import SEARCH_COLUMNS, search_columns
from intkommun.years import DATE_VALIDATORS
from projects.models.money import not_negative, not_negative_q
from projects.models.partnerships import MAX_YEAR, MIN_YEAR

ZERO = Decimal(0)
MONEY = models.DecimalField(max_digits=14, decimal_places=2)


def _sum_of(queryset: models.QuerySet, field: str) -> Subquery:
    """A correlated SUM that never multiplies rows, whatever else is annotated."""
    total = (
        queryset.order_by().values("fund").annotate(total=Sum(field)).values("total")
    )
    return Coalesce(
        Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY
    )


class InternationalFundQuerySet(ScopedQuerySet):
    def with_totals(self) -> InternationalFundQuerySet:
        granted = FundApplication.objects.filter(
            fund=OuterRef("pk"), status=FundApplication.Status.GRANTED
        )
        allocations = FundAllocation.objects.filter(fund=OuterRef("pk"))
        return self.annotate(
            granted_total=_sum_of(granted, "granted_amount"),
            used_total=_sum_of(granted, "amount_used"),
            allocated_total=_sum_of(allocations, "amount"),
        ).annotate(remaining_total=F("budget") - F("granted_total"))


@dataclass(frozen=True)
class FundTotals:
    budget: Decimal
    allocated: Decimal
    granted: Decimal
    granted_from_allocations: Decimal
    used: Decimal
    requested_pending: Decimal

    @property
    def remaining(self) -> Decimal:
        """What is left of the year's budget after every grant."""
        return self.budget - self.granted

    @property
    def granted_unallocated(self) -> Decimal:
        return self.granted - self.granted_from_allocations

    @property
    def unallocated(self) -> Decimal:
        return self.budget - self.allocated

    @property
    def unallocated_remaining(self) -> Decimal:
        """What is left for applications that no earmark covers."""
        return self.unallocated - self.granted_unallocated

    @property
    def not_used(self) -> Decimal:
        return self.granted - self.used


class InternationalFund(models.Model):
    """The money a kommun sets aside for international work in one year."""

    kommun = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        limit_choices_to={"kind__in": Organisation.TOP_KINDS},
        related_name="international_funds",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    budget = models.DecimalField(
        _("budget (SEK)"), max_digits=14, decimal_places=2, validators=not_negative()
    )
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("Body, date and paragraph, e.g. “KS 2016-12-12 § 201”."),
    )
    description = bounded_text(
        _("description"),
        blank=True,
        help_text=_("What the money is for and how it is applied for."),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Invented for demonstration; not a fact about a real municipality."
        ),
    )

    history = HistoricalRecords()
    objects = InternationalFundQuerySet.as_manager()
    access = Access(kommun="kommun")

    class Meta:
        verbose_name = _("international fund")
        verbose_name_plural = _("international funds")
        ordering = ["kommun__name", "-year"]
        constraints = [
            *length_constraints("fund", description=TEXT_LENGTH),
            models.UniqueConstraint(
                fields=["kommun", "year"],
                name="international_fund_one_per_year",
                violation_error_message=_(
                    "The municipality already has a fund for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="international_fund_budget_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kommun} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("projects:fund_detail", args=[self.pk])

    def compute_totals(self) -> FundTotals:
        """The fund's sums, read now from the database (two queries)."""
        applications = self.applications.aggregate(
            granted=Sum(
                "granted_amount", filter=Q(status=FundApplication.Status.GRANTED)
            ),
            granted_from_allocations=Sum(
                "granted_amount",
                filter=Q(
                    status=FundApplication.Status.GRANTED, allocation__isnull=False
                ),
            ),
            used=Sum("amount_used", filter=Q(status=FundApplication.Status.GRANTED)),
            requested_pending=Sum(
                "amount_requested",
                filter=Q(status=FundApplication.Status.SUBMITTED),
            ),
        )
        allocated = self.allocations.aggregate(total=Sum("amount"))["total"]
        return FundTotals(
            budget=self.budget,
            allocated=allocated or ZERO,
            **{key: value or ZERO for key, value in applications.items()},
        )

    @property
    def totals(self) -> FundTotals:
        if not hasattr(self, "_totals"):
            self._totals = self.compute_totals()
        return self._totals

    @property
    def remaining(self) -> Decimal:
        return self.totals.remaining

    def clean(self) -> None:
        super().clean()
        if not self.pk or self.budget is None:
            return
        totals = self.compute_totals()
        committed = totals.allocated + totals.granted_unallocated
        if self.budget < committed:
            raise ValidationError(
                {
                    "budget": _(
                        "The budget cannot be less than what is earmarked and "
                        "granted outside the earmarks (%(amount)s)."
                    )
                    % {"amount": format_money(committed)}
                }
            )


class FundAllocationQuerySet(ScopedQuerySet):
    def with_granted(self) -> FundAllocationQuerySet:
        granted = FundApplication.objects.filter(
            allocation=OuterRef("pk"), status=FundApplication.Status.GRANTED
        )
        total = (
            granted.order_by()
            .values("allocation")
            .annotate(total=Sum("granted_amount"))
            .values("total")
        )
        return self.annotate(
            granted_total=Coalesce(
                Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY
            )
        )


class FundAllocation(models.Model):
    """An earmark: part of the fund set aside for one purpose (Skara 2017: 250 000
    kr of 500 000 kr for the schools' international exchanges)."""

    fund = models.ForeignKey(
        InternationalFund,
        verbose_name=_("fund"),
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    name = models.CharField(_("purpose"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("for organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_allocations",
    )
    amount = models.DecimalField(
        _("amount (SEK)"), max_digits=14, decimal_places=2, validators=not_negative()
    )
    description = bounded_text(_("description"), blank=True)

    history = HistoricalRecords()
    objects = FundAllocationQuerySet.as_manager()
    access = Access(kommun="fund__kommun")

    class Meta:
        verbose_name = _("earmark")
        verbose_name_plural = _("earmarks")
        ordering = ["fund", "name", "pk"]
        constraints = [
            *length_constraints("fund_allocation", description=TEXT_LENGTH),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="fund_allocation_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.fund.get_absolute_url()

    def granted(self) -> Decimal:
        if hasattr(self, "granted_total"):
            return self.granted_total
        total = self.applications.filter(
            status=FundApplication.Status.GRANTED
        ).aggregate(total=Sum("granted_amount"))["total"]
        return total or ZERO

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.granted()


class FundCallQuerySet(ScopedQuerySet):
    def with_counts(self) -> FundCallQuerySet:
        """Each call with its number of applications and of grants."""
        applications = FundApplication.objects.filter(call=OuterRef("pk"))
        return self.annotate(
            application_count=_count_of(applications),
            granted_count=_count_of(
                applications.filter(status=FundApplication.Status.GRANTED)
            ),
        )

    def closing_between(
        self, first: datetime.date, last: datetime.date
    ) -> FundCallQuerySet:
        """Calls open on ``first`` whose deadline falls from ``first`` to ``last``."""
        return self.filter(deadline__gte=first, deadline__lte=last).filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=first)
        )


def _count_of(queryset: models.QuerySet) -> Subquery:
    total = (
        queryset.order_by().values("call").annotate(total=Count("pk")).values("total")
    )
    return Coalesce(Subquery(total), Value(0))


def fund_call_name(title: str, deadline: datetime.date) -> str:
    """A call for applications as lists and choices name it (its ``str``)."""
    return _("%(title)s (deadline %(deadline)s)") % {
        "title": title,
        "deadline": format_long_date(deadline),
    }


class FundCall(models.Model):
    """A round of the fund with its own deadline (utlysning): a fund year may have
    several, e.g. one in spring and one in autumn."""

    fund = models.ForeignKey(
        InternationalFund,
        verbose_name=_("fund"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(
        _("opens on"),
        null=True,
        blank=True,
        validators=DATE_VALIDATORS,
        help_text=_("Leave empty if applications may be sent at once."),
    )
    deadline = models.DateField(
        _("deadline"),
        validators=DATE_VALIDATORS,
        help_text=_("The last day an application can be submitted."),
    )
    description = bounded_text(
        _("description"),
        blank=True,
        help_text=_("What the call is for and who may apply."),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Invented for demonstration; not a fact about a real municipality."
        ),
    )

    history = HistoricalRecords()
    objects = FundCallQuerySet.as_manager()
    access = Access(kommun="fund__kommun")

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["fund", "deadline", "pk"]
        constraints = [
            *length_constraints("fund_call", description=TEXT_LENGTH),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(opens_on__lte=F("deadline")),
                name="fund_call_opens_before_deadline",
                violation_error_message=_("The call cannot open after its deadline."),
            ),
        ]

    def __str__(self) -> str:
        return fund_call_name(self.title, self.deadline)

    def get_absolute_url(self) -> str:
        return self.fund.get_absolute_url() + f"#call-{self.pk}"

    def is_open_on(self, day: datetime.date) -> bool:
        return self.refusal(day) is None

    def refusal(self, day: datetime.date) -> str | None:
        """Why the call takes no application on ``day``, or None. The coordinator
        may register an application anyway (one sent by post in time, say)."""
        if day > self.deadline:
            return _(
                "The deadline of the call “%(title)s” was %(deadline)s. An "
                "application after the deadline can only be registered by the "
                "coordinator."
            ) % {"title": self.title, "deadline": format_long_date(self.deadline)}
        if self.opens_on and day < self.opens_on:
            return _(
                "The call “%(title)s” opens on %(opens_on)s. Apply from that day."
            ) % {"title": self.title, "opens_on": format_long_date(self.opens_on)}
        return None

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.deadline and self.opens_on > self.deadline:
            raise ValidationError(
                {"opens_on": _("The call cannot open after its deadline.")}
            )


class FundApplication(models.Model):
    """An organisation's application for money from the fund, and its decision."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    fund = models.ForeignKey(
        InternationalFund,
        verbose_name=_("fund"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    allocation = models.ForeignKey(
        FundAllocation,
        verbose_name=_("earmark"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("Leave empty to apply for the part that is not earmarked."),
    )
    call = models.ForeignKey(
        FundCall,
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        Organisation,
        verbose_name=_("applicant organisation"),
        on_delete=models.PROTECT,
        related_name="fund_applications",
        help_text=_(
            "An administration of the municipality, or an association the "
            "coordinator has registered."
        ),
    )
    purpose = bounded_text(_("purpose"))
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("linked project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fund_applications",
    )
    partnerships = models.ManyToManyField(
        "projects.Partnership",
        verbose_name=_("partnerships"),
        blank=True,
        related_name="fund_applications",
        help_text=_("The twin towns or networks the application concerns."),
    )
    actions = models.ManyToManyField(
        "actions.Action",
        verbose_name=_("actions"),
        blank=True,
        related_name="fund_applications",
        help_text=_("The actions of the action plan the application concerns."),
    )
    amount_requested = models.DecimalField(
        _("amount requested (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=[
            MinValueValidator(
                Decimal("0.01"), message=_("The amount must be above zero.")
            )
        ],
    )
    submitted_on = models.DateField(
        _("submitted on"), default=timezone.localdate, validators=DATE_VALIDATORS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_amount = models.DecimalField(
        _("amount granted (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=not_negative(),
    )
    amount_used = models.DecimalField(
        _("amount used (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=not_negative(),
    )
    decision_comment = bounded_text(_("comment on the decision"), blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Invented for demonstration; not a fact about a real municipality."
        ),
    )

    # Kept by the database for the global search (intkommun/search_columns.py).
    search_vector, search_text = search_columns("purpose", "decision_comment")

    history = HistoricalRecords(
        m2m_fields=[partnerships, actions], excluded_fields=SEARCH_COLUMNS
    )
    objects = ScopedQuerySet.as_manager()
    # A reporter edits the organisation's application until it is decided.
    access = Access(
        kommun="fund__kommun",
        reporter_organisations=("applicant",),
        reporter_condition=Q(status="submitted"),
    )

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["fund", "-submitted_on", "pk"]
        constraints = [
            *length_constraints(
                "fund_application", purpose=TEXT_LENGTH, decision_comment=TEXT_LENGTH
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0),
                name="fund_application_requested_above_zero",
                violation_error_message=_("The amount must be above zero."),
            ),
            models.CheckConstraint(
                condition=not_negative_q("granted_amount", "amount_used"),
                name="fund_application_amounts_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | Q(granted_amount__lte=F("amount_requested")),
                name="fund_application_granted_within_requested",
                violation_error_message=_(
                    "More than the amount requested cannot be granted."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount_used__isnull=True)
                | Q(
                    status="granted",
                    granted_amount__isnull=False,
                    amount_used__lte=F("granted_amount"),
                ),
                name="fund_application_used_within_granted",
                violation_error_message=_(
                    "More than the amount granted cannot be used."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="granted")
                | Q(
                    granted_amount__isnull=False,
                    granted_amount__gt=0,
                    decided_on__isnull=False,
                ),
                name="fund_application_grant_has_amount_and_date",
                violation_error_message=_(
                    "A grant needs an amount above zero and a decision date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | Q(decided_on__gte=F("submitted_on")),
                name="fund_application_decided_after_submitted",
                violation_error_message=_(
                    "The decision cannot come before the application."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | Q(decided_on__isnull=False),
                name="fund_application_rejection_has_date",
                violation_error_message=_("Give the date of the decision."),
            ),
        ]

    def __str__(self) -> str:
        text = self.purpose if len(self.purpose) <= 60 else self.purpose[:59] + "…"
        return f"{self.applicant}: {text}"

    def get_absolute_url(self) -> str:
        return reverse("projects:application_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_from_association(self) -> bool:
        """Applied for by an association (an external organisation), not by a
        part of the municipality."""
        return self.applicant.kind == Organisation.Kind.EXTERN

    def withdraw(self) -> None:
        """The applicant takes back an application that is not yet decided."""
        self.status = self.Status.WITHDRAWN
        self.save(update_fields=["status"])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if (
            self.allocation_id
            and self.fund_id
            and self.allocation.fund_id != self.fund_id
        ):
            errors["allocation"] = _("Choose an earmark of this fund.")
        if self.call_id and self.fund_id and self.call.fund_id != self.fund_id:
            errors["call"] = _("Choose a call of this fund.")
        if (
            self.applicant_id
            and self.fund_id
            and self.applicant.kommun_id != self.fund.kommun_id
        ):
            errors["applicant"] = _(
                "Choose an organisation of the fund's municipality."
            )
        if (
            self.project_id
            and self.fund_id
            and self.project.owner.kommun_id != self.fund.kommun_id
        ):
            errors["project"] = _("Choose a project of the fund's municipality.")
        self._clean_decision(errors)
        self._clean_amounts(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_decision(self, errors: dict[str, Any]) -> None:
        decided = (self.Status.GRANTED, self.Status.REJECTED)
        if self.status in decided and not self.decided_on:
            errors["decided_on"] = _("Give the date of the decision.")
        if (
            self.decided_on
            and self.submitted_on
            and self.decided_on < self.submitted_on
        ):
            errors["decided_on"] = _("The decision cannot come before the application.")
        if self.status == self.Status.GRANTED and not self.granted_amount:
            errors["granted_amount"] = _("A grant needs an amount above zero.")

    def _clean_amounts(self, errors: dict[str, Any]) -> None:
        requested, granted = self.amount_requested, self.granted_amount
        if requested is not None and granted is not None and granted > requested:
            errors["granted_amount"] = _(
                "More than the amount requested cannot be granted."
            )
        if self.amount_used is not None:
            if self.status != self.Status.GRANTED:
                errors["amount_used"] = _(
                    "Only a granted application has money to use."
                )
            elif granted is not None and self.amount_used > granted:
                errors["amount_used"] = _(
                    "More than the amount granted cannot be used."
                )
