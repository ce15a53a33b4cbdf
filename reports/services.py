"""Every change of a round's or a report's state, each in one transaction.

The views check who may act (``intkommun.permissions``); these functions check it
again and enforce the report's workflow: draft → submitted → returned (→ submitted
again) or approved. Every step is recorded as a ``ReportEvent`` with who and when.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from intkommun import permissions
from intkommun.models import Membership, Organisation
from reports import emails
from reports.facts import facts_to_json, live_facts
from reports.models import (
    AnnualReport,
    FollowUpRound,
    GoalAssessment,
    KommunGoalAssessment,
    ReportEvent,
    YearEndReport,
)
from reports.models.annual_reports import EDITABLE_STATUSES
from strategies.models import Goal, Strategy

logger = logging.getLogger(__name__)

Status = AnnualReport.Status
Kind = Organisation.Kind

# Organisations that report unless the coordinator chooses otherwise.
DEFAULT_REPORTING_KINDS = (Kind.NAMND, Kind.FORVALTNING, Kind.BOLAG)


class ReportRefused(Exception):
    """A step the report's state does not allow; nothing was saved."""

    def __init__(self, message: str, missing: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


# --- which organisations and goals ---------------------------------------------


def reportable_organisations(kommun: Organisation) -> QuerySet:
    """Every active part of the kommun's own organisation (no external parties)."""
    return (
        Organisation.objects.filter(kommun=kommun.kommun_id, is_active=True)
        .exclude(kind__in=[*Organisation.TOP_KINDS, Kind.EXTERN])
        .order_by("name")
    )


def default_reporting_organisations(kommun: Organisation) -> QuerySet:
    return reportable_organisations(kommun).filter(kind__in=DEFAULT_REPORTING_KINDS)


def reference_day(year: int, today: datetime.date | None = None) -> datetime.date:
    """The day whose strategies in force a report assesses: today during the year,
    the last day of the year once it is over (a 2017 plan has expired by the time
    its follow-up opens in January 2018, and its year goals are what is assessed)."""
    return min(today or timezone.localdate(), datetime.date(year, 12, 31))


def goals_to_assess(
    organisation: Organisation, year: int, today: datetime.date | None = None
) -> QuerySet:
    """Goals (not purposes) of the kommun's strategies in force that govern the
    organisation: those for the whole kommun and those for it or a body above it."""
    strategies = Strategy.objects.in_force(reference_day(year, today)).applying_to(
        organisation
    )
    return (
        Goal.objects.filter(kind=Goal.Kind.GOAL, strategy__in=strategies.values("pk"))
        .select_related("strategy")
        .order_by("strategy__title", "strategy__pk", "order", "pk")
    )


def kommun_goals_to_assess(kommun: Organisation, year: int) -> QuerySet:
    """Goals (not purposes) of every document of the kommun in force in the year:
    what the KS report shows and the kommun assesses as a whole."""
    in_force = Strategy.objects.in_force(reference_day(year)).filter(kommun=kommun)
    return (
        Goal.objects.filter(kind=Goal.Kind.GOAL, strategy__in=in_force.values("pk"))
        .select_related("strategy")
        .order_by("strategy__title", "strategy__pk", "order", "pk")
    )


def default_contact_person(organisation: Organisation) -> Any:
    membership = (
        Membership.objects.filter(organisation=organisation, is_contact_person=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


# --- rounds -------------------------------------------------------------------


@transaction.atomic
def round_open(
    *,
    kommun: Organisation,
    year: int,
    deadline: datetime.date,
    by: Any,
    instructions: str = "",
    organisations: Iterable[Organisation] | None = None,
    is_backfill: bool = False,
) -> FollowUpRound:
    """Open the year's follow-up and a draft report for each chosen organisation
    (by default every nämnd, förvaltning and bolag of the kommun). A back-filling
    round registers a year that is over: no reminders, the deadline may be past."""
    _require_coordinator(by, kommun)
    chosen = list(
        default_reporting_organisations(kommun)
        if organisations is None
        else organisations
    )
    if any(organisation.kommun_id != kommun.pk for organisation in chosen):
        raise ValidationError(_("Choose organisations of the municipality only."))
    follow_up_round = FollowUpRound(
        kommun=kommun,
        year=year,
        deadline=deadline,
        instructions=instructions,
        is_backfill=is_backfill,
        created_by=by,
    )
    follow_up_round.full_clean()
    _save(follow_up_round, by)
    for organisation in chosen:
        report_create(follow_up_round=follow_up_round, organisation=organisation, by=by)
    return follow_up_round


@transaction.atomic
def round_close(*, follow_up_round: FollowUpRound, by: Any) -> FollowUpRound:
    """No more reporting: reporters can no longer change their drafts."""
    _require_coordinator(by, follow_up_round.kommun)
    follow_up_round.is_open = False
    follow_up_round.closed_at = timezone.now()
    _save(follow_up_round, by)
    return follow_up_round


@transaction.atomic
def round_reopen(*, follow_up_round: FollowUpRound, by: Any) -> FollowUpRound:
    _require_coordinator(by, follow_up_round.kommun)
    follow_up_round.is_open = True
    follow_up_round.closed_at = None
    _save(follow_up_round, by)
    return follow_up_round


# --- reports ------------------------------------------------------------------


@transaction.atomic
def report_create(
    *, follow_up_round: FollowUpRound, organisation: Organisation, by: Any
) -> AnnualReport:
    """A draft report with the organisation's contact person and every goal."""
    report = AnnualReport(
        round=follow_up_round,
        organisation=organisation,
        contact_person=default_contact_person(organisation),
    )
    _save(report, by)
    goal_assessments_sync(report=report, by=by)
    _record(report, ReportEvent.Kind.CREATED, by)
    return report


@transaction.atomic
def goal_assessments_sync(*, report: AnnualReport, by: Any = None) -> int:
    """Bring an open report's goals up to date with the register: add new goals,
    refresh reworded ones, drop unanswered rows of removed goals. Returns how many
    were added. A submitted or approved report keeps the goals it was assessed on."""
    if not report.is_open_for_changes:
        return 0
    existing = {a.goal_id: a for a in report.goal_assessments.all()}
    added = 0
    goals = goals_to_assess(report.organisation, report.round.year)
    for position, goal in enumerate(goals, start=1):
        wording = {
            "strategy_title": goal.strategy.title,
            "goal_label": goal.label,
            "goal_text": goal.text,
            "position": position,
        }
        assessment = existing.get(goal.pk)
        if assessment is None:
            assessment = GoalAssessment(report=report, goal=goal, **wording)
            _save(assessment, by)
            added += 1
        elif any(getattr(assessment, k) != v for k, v in wording.items()):
            for name, value in wording.items():
                setattr(assessment, name, value)
            _save(assessment, by)
    gone = Q(goal__isnull=True) | Q(goal__removed_at__isnull=False)
    report.goal_assessments.filter(gone, assessment="", comment="").delete()
    return added


@transaction.atomic
def report_save(
    *,
    report: AnnualReport,
    by: Any,
    form: ModelForm,
    formsets: Iterable[BaseInlineFormSet],
) -> AnnualReport:
    """Save a draft with its activities and goal assessments: all of it or nothing.

    ``form`` and ``formsets`` are valid and bound to ``report``; the row is locked
    and checked first, so a report submitted meanwhile in another tab is refused.
    """
    _locked_for_changes(report, by)
    report = form.save(commit=False)
    _save(report, by)
    for formset in formsets:
        for obj in formset.save(commit=False):
            _save(obj, by)
        for obj in formset.deleted_objects:
            obj._history_user = by
            obj.delete()
    _record(report, ReportEvent.Kind.SAVED, by)
    return report


@transaction.atomic
def report_submit(*, report: AnnualReport, by: Any) -> AnnualReport:
    """Hand the report to the coordinator; refused, with what is missing, until
    the contact person, the results and every goal's assessment are given."""
    report = _locked_for_changes(report, by)
    goal_assessments_sync(report=report, by=by)
    missing = report.missing_items()
    if missing:
        raise ReportRefused(
            _("The report cannot be submitted yet. Still missing:"), missing
        )
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    _save(report, by)
    _record(report, ReportEvent.Kind.SUBMITTED, by)
    return report


@transaction.atomic
def report_return(
    *, report: AnnualReport, by: Any, comment: str, base_url: str = ""
) -> AnnualReport:
    """Send a submitted report back with a comment; the organisation is told by
    e-mail (once the return is saved) and can change and submit it again."""
    report = _locked_for_review(report, by)
    if not comment.strip():
        raise ReportRefused(_("Write a comment saying what should be changed."))
    report.status = Status.RETURNED
    report.return_comment = comment.strip()
    _save(report, by)
    _record(report, ReportEvent.Kind.RETURNED, by, report.return_comment)
    transaction.on_commit(lambda: _notify_returned(report, base_url))
    return report


@transaction.atomic
def report_approve(*, report: AnnualReport, by: Any) -> AnnualReport:
    """Approve a submitted report and freeze what it read from the register."""
    report = _locked_for_review(report, by)
    now = timezone.now()
    facts = live_facts(report.organisation, report.round.year)
    report.snapshot = facts_to_json(dataclasses.replace(facts, frozen_at=now))
    report.status = Status.APPROVED
    report.approved_at = now
    report.approved_by = by
    _save(report, by)
    _record(report, ReportEvent.Kind.APPROVED, by)
    return report


# --- the kommun's own assessment of its goals ---------------------------------


def year_is_adopted(kommun: Organisation, year: int) -> bool:
    """The year's KS report is adopted: what it rests on is settled."""
    return YearEndReport.objects.filter(
        kommun=kommun, year=year, status=YearEndReport.Status.ADOPTED
    ).exists()


def adopted_assessment_message(year: int) -> str:
    return _(
        "The KS report for %(year)s has been adopted, so the municipality's "
        "assessment of its goals can no longer be changed."
    ) % {"year": year}


@transaction.atomic
def kommun_goal_assessments_save(
    *,
    kommun: Organisation,
    year: int,
    assessments: Iterable[KommunGoalAssessment],
    by: Any,
) -> int:
    """Save the kommun's assessments of its goals (unsaved rows, one per goal, as
    the coordinator answered them); a new row left empty is not stored. Refused
    once the year's KS report is adopted. Returns how many rows were saved."""
    # The KS report's row is locked, so that an adoption at the same moment
    # either comes first (and this is refused) or sees these assessments.
    list(YearEndReport.objects.select_for_update().filter(kommun=kommun, year=year))
    if year_is_adopted(kommun, year):
        raise ReportRefused(adopted_assessment_message(year))
    saved = 0
    for assessment in assessments:
        if assessment.kommun_id != kommun.pk or assessment.year != year:
            raise ValidationError(_("Assess the goals of this year only."))
        if assessment.pk is None and assessment.is_empty:
            continue
        assessment.updated_by = by
        assessment.updated_at = timezone.now()
        _save(assessment, by)
        saved += 1
    return saved


# --- helpers ------------------------------------------------------------------


def _locked_for_changes(report: AnnualReport, by: Any) -> AnnualReport:
    report = _locked(report)
    if not permissions.can_edit(by, report):
        raise PermissionDenied
    if report.status not in EDITABLE_STATUSES:
        raise ReportRefused(
            _("The report has been submitted and can no longer be changed.")
        )
    return report


def _locked_for_review(report: AnnualReport, by: Any) -> AnnualReport:
    report = _locked(report)
    _require_coordinator(by, report.round.kommun)
    if report.status != Status.SUBMITTED:
        raise ReportRefused(_("Only a submitted report can be returned or approved."))
    return report


def _locked(report: AnnualReport) -> AnnualReport:
    """The report's row, read again and locked: two clicks are taken in turn."""
    return (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("round", "round__kommun", "organisation")
        .get(pk=report.pk)
    )


def _require_coordinator(user: Any, kommun: Organisation) -> None:
    if not permissions.is_coordinator(user, kommun):
        raise PermissionDenied


def _save(obj: Any, by: Any) -> None:
    obj._history_user = by
    obj.save()


def _record(report: AnnualReport, kind: str, by: Any, comment: str = "") -> ReportEvent:
    return ReportEvent.objects.create(report=report, kind=kind, by=by, comment=comment)


def _notify_returned(report: AnnualReport, base_url: str) -> None:
    try:
        emails.send_report_returned(report=report, base_url=base_url)
    except Exception:
        # The return is saved and shown on the page; a mail server that is down
        # must not turn it into an error for the coordinator.
        logger.exception("Could not e-mail the return of report %s", report.pk)
