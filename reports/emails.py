"""E-mails to the organisations: who gets them, and their Swedish text.

Mail goes through Django's e-mail backends (console in development, SMTP by
environment). The text is always Swedish, whatever language the person acting had
chosen, and carries an absolute link back into intkommun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intkommun.formatting import format_long_date
from intkommun.models import Membership

# Where links point when the caller does not know the site's address (the
# management command is given it with --base-url).
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
EMAIL_LANGUAGE = "sv"


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    recipient: Recipient

    def send(self) -> None:
        EmailMessage(self.subject, self.body, to=[self.recipient.email]).send()


def absolute_url(base_url: str, path: str) -> str:
    return (base_url or DEFAULT_BASE_URL).rstrip("/") + path


def _recipient(user: Any) -> Recipient | None:
    if user is None or not user.is_active or not user.email:
        return None
    return Recipient(user.get_full_name() or user.get_username(), user.email)


def _unique(users: list[Any]) -> list[Recipient]:
    found: dict[str, Recipient] = {}
    for user in users:
        recipient = _recipient(user)
        if recipient is not None:
            found.setdefault(recipient.email.lower(), recipient)
    return list(found.values())


def report_recipients(report: Any) -> list[Recipient]:
    """The report's contact person and the organisation's reporters and contacts."""
    memberships = Membership.objects.filter(
        organisation=report.organisation_id
    ).select_related("user")
    users = [report.contact_person] + [
        m.user
        for m in memberships
        if m.role == Membership.Role.REPORTER or m.is_contact_person
    ]
    return _unique(users)


def action_recipients(action: Any) -> list[Recipient]:
    """Per responsible organisation its contact persons for international work,
    or its reporters where it has none."""
    users = []
    for organisation in action.responsible_organisations.all():
        memberships = list(
            Membership.objects.filter(organisation=organisation).select_related("user")
        )
        contacts = [m.user for m in memberships if m.is_contact_person]
        reporters = [m.user for m in memberships if m.role == Membership.Role.REPORTER]
        users.extend(contacts or reporters)
    return _unique(users)


def fund_call_recipients(kommun: Any) -> list[Recipient]:
    """Everyone who may apply to a kommun's fund: its reporters and coordinators."""
    memberships = Membership.objects.filter(
        organisation__kommun=kommun.kommun_id,
        organisation__is_active=True,
        role__in=[Membership.Role.REPORTER, Membership.Role.COORDINATOR],
    ).select_related("user")
    return _unique([m.user for m in memberships.order_by("user__username", "pk")])


def render(
    template: str, subject: str, subject_values: dict, context: dict
) -> tuple[str, str]:
    """Subject and body in Swedish. ``subject`` is an English msgid, marked with
    ``gettext_noop`` where it is written so that it lands in the catalogue."""
    with translation.override(EMAIL_LANGUAGE):
        body = render_to_string(f"reports/emails/{template}", context)
        return _(subject) % subject_values, body


def report_email_context(report: Any, recipient: Recipient, base_url: str) -> dict:
    follow_up_round = report.round
    with translation.override(EMAIL_LANGUAGE):
        deadline = format_long_date(follow_up_round.deadline)
    return {
        "recipient": recipient,
        "report": report,
        "organisation": report.organisation.name,
        "kommun": follow_up_round.kommun.name,
        "year": follow_up_round.year,
        "deadline": deadline,
        "link": absolute_url(base_url, report.get_absolute_url()),
    }


def report_returned_emails(*, report: Any, base_url: str) -> list[Email]:
    emails = []
    for recipient in report_recipients(report):
        subject, body = render(
            "report_returned.txt",
            gettext_noop(
                "Your report on international work %(year)s has been returned"
            ),
            {"year": report.round.year},
            {
                **report_email_context(report, recipient, base_url),
                "comment": report.return_comment,
            },
        )
        emails.append(Email(subject, body, recipient))
    return emails


def send_report_returned(*, report: Any, base_url: str) -> int:
    emails = report_returned_emails(report=report, base_url=base_url)
    for email in emails:
        email.send()
    return len(emails)
