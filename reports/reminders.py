"""Reminder e-mails (DESIGN §4.5), sent by ``manage.py send_reminders`` every day.

- A report not submitted in an open round (not a back-filling one, whose year is
  long over): 14 days before the deadline, 3 days
  before it, and once after it has passed. Each stage has a window (14 to 4 days
  left, 3 to 0 days left, past), so that a day the command did not run is caught up
  the next day, and a report reminded at one stage is never reminded there again.
- An action that became overdue (its end passed, not done): its responsible
  organisations' contact persons, or their reporters, once per end date.

- A call of the international fund whose deadline is near (``manage.py
  send_fund_call_reminders``): the kommun's reporters and coordinators, once per
  call and deadline (a moved deadline is reminded about again).

``ReminderSent`` holds every e-mail sent; it is written in the same transaction
as the e-mail goes out, so that two runs, even at the same moment, send it once.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from actions.models import Action
from intkommun.formatting import format_long_date
from projects.models import FundCall
from reports.emails import (
    EMAIL_LANGUAGE,
    Email,
    absolute_url,
    action_recipients,
    fund_call_recipients,
    render,
    report_email_context,
    report_recipients,
)
from reports.models import AnnualReport, ReminderSent, ReportEvent

logger = logging.getLogger(__name__)

BEFORE_14_DAYS = "14_days"
BEFORE_3_DAYS = "3_days"
AFTER_DEADLINE = "after_deadline"
# An action that became overdue within this many days is reminded about; older
# ones were overdue before the reminders began and show on the overdue list.
ACTION_OVERDUE_WINDOW_DAYS = 30

STAGE_LABELS = {
    BEFORE_14_DAYS: gettext_noop("two weeks before the deadline"),
    BEFORE_3_DAYS: gettext_noop("three days before the deadline"),
    AFTER_DEADLINE: gettext_noop("after the deadline"),
}


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    stage: str
    email: Email
    report: AnnualReport | None = None

    @property
    def recipient(self) -> str:
        return self.email.recipient.email


def report_stage(deadline: datetime.date, today: datetime.date) -> str | None:
    days_left = (deadline - today).days
    if days_left < 0:
        return AFTER_DEADLINE
    if days_left <= 3:
        return BEFORE_3_DAYS
    if days_left <= 14:
        return BEFORE_14_DAYS
    return None


def due_reminders(*, today: datetime.date, base_url: str) -> list[Reminder]:
    """Every reminder that is due today and has not been sent yet."""
    candidates = _report_reminders(today, base_url) + _action_reminders(today, base_url)
    return unsent(candidates)


def unsent(candidates: list[Reminder]) -> list[Reminder]:
    """The reminders among ``candidates`` that nobody has sent yet."""
    sent = set(
        ReminderSent.objects.filter(
            key__in={reminder.key for reminder in candidates}
        ).values_list("kind", "key", "stage", "recipient")
    )
    return [
        reminder
        for reminder in candidates
        if (reminder.kind, reminder.key, reminder.stage, reminder.recipient) not in sent
    ]


@dataclass(frozen=True)
class Outcome:
    sent: list[Reminder]
    failed: list[Reminder]


def send_reminders(
    *, today: datetime.date, base_url: str, dry_run: bool = False
) -> Outcome:
    """Send what is due; with ``dry_run`` only say what would be sent. An e-mail
    that cannot be sent is not recorded, so the next run tries it again."""
    return send_due(due_reminders(today=today, base_url=base_url), dry_run=dry_run)


def send_due(due: list[Reminder], *, dry_run: bool = False) -> Outcome:
    """Send each reminder once; with ``dry_run`` only say what would be sent."""
    if dry_run:
        return Outcome(sent=due, failed=[])
    sent, failed = [], []
    for reminder in due:
        try:
            if _send_once(reminder):
                sent.append(reminder)
        except Exception:
            logger.exception("Could not send a reminder to %s", reminder.recipient)
            failed.append(reminder)
    return Outcome(sent=sent, failed=failed)


@transaction.atomic
def _send_once(reminder: Reminder) -> bool:
    created = ReminderSent.objects.get_or_create(
        kind=reminder.kind,
        key=reminder.key,
        stage=reminder.stage,
        recipient=reminder.recipient,
    )[1]
    if not created:
        return False
    # If sending fails, the record is rolled back and the next run tries again.
    reminder.email.send()
    if reminder.report is not None:
        with translation.override(EMAIL_LANGUAGE):
            comment = _("%(stage)s, to %(recipient)s") % {
                "stage": _(STAGE_LABELS[reminder.stage]),
                "recipient": reminder.recipient,
            }
        ReportEvent.objects.create(
            report=reminder.report, kind=ReportEvent.Kind.REMINDER, comment=comment
        )
    return True


def _report_reminders(today: datetime.date, base_url: str) -> list[Reminder]:
    reports = (
        AnnualReport.objects.awaiting_reminders()
        .select_related("round", "round__kommun", "organisation", "contact_person")
        .order_by("round__deadline", "pk")
    )
    reminders = []
    for report in reports:
        stage = report_stage(report.round.deadline, today)
        if stage is None:
            continue
        for recipient in report_recipients(report):
            context = report_email_context(report, recipient, base_url)
            context["days_left"] = report.round.days_left(today)
            context["is_late"] = stage == AFTER_DEADLINE
            subject, body = render(
                "report_reminder.txt",
                _report_subject(stage),
                {"year": report.round.year, "deadline": context["deadline"]},
                context,
            )
            reminders.append(
                Reminder(
                    kind=ReminderSent.Kind.REPORT,
                    key=str(report.pk),
                    stage=stage,
                    email=Email(subject, body, recipient),
                    report=report,
                )
            )
    return reminders


def _report_subject(stage: str) -> str:
    if stage == AFTER_DEADLINE:
        return gettext_noop(
            "The deadline for the report on international work %(year)s has passed"
        )
    return gettext_noop(
        "Reminder: the report on international work %(year)s is due on %(deadline)s"
    )


def _action_reminders(today: datetime.date, base_url: str) -> list[Reminder]:
    since = today - datetime.timedelta(days=ACTION_OVERDUE_WINDOW_DAYS)
    actions = (
        Action.objects.overdue(today)
        .filter(ends_on__gte=since)
        .select_related("plan", "plan__kommun")
        .prefetch_related("responsible_organisations")
        .order_by("ends_on", "pk")
    )
    reminders = []
    for action in actions:
        for recipient in action_recipients(action):
            reminders.append(_action_reminder(action, recipient, base_url))
    return reminders


def _action_reminder(action: Action, recipient: Any, base_url: str) -> Reminder:
    with translation.override(EMAIL_LANGUAGE):
        ends_on = format_long_date(action.ends_on)
    subject, body = render(
        "action_overdue.txt",
        gettext_noop("Action overdue: %(title)s"),
        {"title": action.short_title},
        {
            "recipient": recipient,
            "action": action,
            "ends_on": ends_on,
            "kommun": action.plan.kommun.name,
            "link": absolute_url(base_url, action.get_absolute_url()),
        },
    )
    return Reminder(
        kind=ReminderSent.Kind.ACTION,
        key=str(action.pk),
        stage=action.ends_on.isoformat(),
        email=Email(subject, body, recipient),
    )


def fund_call_reminders(
    *, today: datetime.date, base_url: str, days: int
) -> list[Reminder]:
    """Reminders for the fund's calls that close within ``days`` days and have not
    been reminded about yet."""
    last = today + datetime.timedelta(days=days)
    calls = (
        FundCall.objects.closing_between(today, last)
        .select_related("fund", "fund__kommun")
        .order_by("deadline", "pk")
    )
    candidates = [
        _fund_call_reminder(call, recipient, today, base_url)
        for call in calls
        for recipient in fund_call_recipients(call.fund.kommun)
    ]
    return unsent(candidates)


def _fund_call_reminder(
    call: FundCall, recipient: Any, today: datetime.date, base_url: str
) -> Reminder:
    with translation.override(EMAIL_LANGUAGE):
        deadline = format_long_date(call.deadline)
    subject, body = render(
        "fund_call_reminder.txt",
        gettext_noop("The international fund: apply by %(deadline)s"),
        {"deadline": deadline},
        {
            "recipient": recipient,
            "call": call,
            "deadline": deadline,
            "days_left": (call.deadline - today).days,
            "kommun": call.fund.kommun.name,
            "year": call.fund.year,
            "link": absolute_url(base_url, call.fund.get_absolute_url()),
        },
    )
    return Reminder(
        kind=ReminderSent.Kind.FUND_CALL,
        key=str(call.pk),
        stage=call.deadline.isoformat(),
        email=Email(subject, body, recipient),
    )
