"""Writes that must hold together: the fund's decisions, earmarks and budget.

Every function here locks the fund's row first, so that two coordinators deciding at
the same moment are taken one after the other and each sees what the other granted.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intkommun.formatting import format_money
from projects.models import FundAllocation, FundApplication, InternationalFund


@transaction.atomic
def project_partners_save(*, formset: Any, by: Any) -> None:
    """Save a project's partners from a valid form set. Partners that stop being
    the lead are saved first: the database holds one lead per project at a time."""
    partners = formset.save(commit=False)
    for partner in formset.deleted_objects:
        partner.delete()
    for partner in sorted(partners, key=lambda partner: partner.is_lead):
        partner._history_user = by
        partner.save()


class FundDecisionRefused(Exception):
    """A decision that would break the fund's rules; nothing was saved."""

    def __init__(self, message: Any):
        super().__init__(str(message))
        self.message = message


class FundExhausted(FundDecisionRefused):
    """The grant is more than what is left."""

    def __init__(self, available: Decimal):
        self.available = available
        super().__init__(
            _(
                "Only %(amount)s is left to grant from this part of the fund. "
                "Nothing was saved."
            )
            % {"amount": format_money(max(available, Decimal(0)))}
        )


class ApplicationAlreadyDecided(FundDecisionRefused):
    def __init__(self) -> None:
        super().__init__(_("This application has already been decided."))


def fund_lock(*, fund_id: int) -> InternationalFund:
    """The fund's row, locked until the end of the transaction."""
    if not connection.features.has_select_for_update:
        # SQLite has no row locks and ignores FOR UPDATE. A write takes its
        # database lock at once, so a second decision waits (or fails) here
        # instead of reading sums that the first is about to change.
        InternationalFund.objects.filter(pk=fund_id).update(budget=F("budget"))
    return InternationalFund.objects.select_for_update().get(pk=fund_id)


@transaction.atomic
def fund_application_decide(
    *,
    application: FundApplication,
    granted_amount: Decimal,
    by: Any,
    decided_on: datetime.date | None = None,
    comment: str = "",
) -> FundApplication:
    """Grant ``granted_amount`` (or reject, when it is zero) within what is left.

    The grant is charged to the application's earmark, or else to the part of the
    fund that is not earmarked; either must cover it, or FundExhausted is raised.
    """
    fund = fund_lock(fund_id=application.fund_id)
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_open:
        raise ApplicationAlreadyDecided
    if granted_amount < 0:
        raise FundDecisionRefused(_("The amount cannot be negative."))
    if granted_amount > application.amount_requested:
        raise FundDecisionRefused(
            _("More than the amount requested cannot be granted.")
        )
    if granted_amount > 0:
        available = _available_for(application, fund)
        if granted_amount > available:
            raise FundExhausted(available)
    application.status = (
        FundApplication.Status.GRANTED
        if granted_amount > 0
        else FundApplication.Status.REJECTED
    )
    application.granted_amount = granted_amount if granted_amount > 0 else None
    application.decided_on = decided_on or timezone.localdate()
    application.decided_by = by
    application.decision_comment = comment
    application.full_clean()
    application._history_user = by
    application.save()
    return application


def _available_for(application: FundApplication, fund: InternationalFund) -> Decimal:
    totals = fund.compute_totals()
    if application.allocation_id is None:
        return min(totals.unallocated_remaining, totals.remaining)
    allocation = FundAllocation.objects.get(pk=application.allocation_id)
    return min(allocation.remaining, totals.remaining)


@transaction.atomic
def fund_allocation_save(*, allocation: FundAllocation, by: Any) -> FundAllocation:
    """Save an earmark if the fund can hold it beside what is already granted."""
    fund = fund_lock(fund_id=allocation.fund_id)
    totals = fund.compute_totals()
    others = totals.allocated
    if allocation.pk:
        others -= FundAllocation.objects.get(pk=allocation.pk).amount
    free_after = fund.budget - others - allocation.amount - totals.granted_unallocated
    if free_after < 0:
        raise ValidationError(
            {
                "amount": _(
                    "The fund cannot hold this earmark: at most %(amount)s is free."
                )
                % {"amount": format_money(max(free_after + allocation.amount, 0))}
            }
        )
    if allocation.pk and allocation.amount < allocation.granted():
        raise ValidationError(
            {
                "amount": _(
                    "The earmark cannot be less than what is already granted "
                    "from it (%(amount)s)."
                )
                % {"amount": format_money(allocation.granted())}
            }
        )
    allocation.full_clean()
    allocation._history_user = by
    allocation.save()
    return allocation


@transaction.atomic
def fund_save(*, fund: InternationalFund, by: Any) -> InternationalFund:
    """Save a fund; a changed budget is checked against the locked sums."""
    if fund.pk:
        fund_lock(fund_id=fund.pk)
    fund.full_clean()
    fund._history_user = by
    fund.save()
    return fund
