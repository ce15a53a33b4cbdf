from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.emails import DEFAULT_BASE_URL, EMAIL_LANGUAGE
from reports.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail reminders: reports not submitted 14 and 3 days before the deadline "
        "and after it, and actions that became overdue. Run it daily; each e-mail "
        "is sent once, however often the command runs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent; send and record nothing.",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Act as if today were this date (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help=f"The site's address for the links in the e-mails "
            f"(default {DEFAULT_BASE_URL}).",
        )

    def handle(self, *args, dry_run: bool, today, base_url: str, **options) -> None:
        today = today or timezone.localdate()
        outcome = send_reminders(today=today, base_url=base_url, dry_run=dry_run)
        with translation.override(EMAIL_LANGUAGE):
            self._print(outcome.sent, dry_run)
            if outcome.failed:
                raise CommandError(self._failures(outcome.failed))

    def _failures(self, failed: list) -> str:
        recipients = ", ".join(reminder.recipient for reminder in failed)
        return ngettext(
            "%(count)s reminder could not be sent (%(recipients)s); "
            "it is tried again on the next run.",
            "%(count)s reminders could not be sent (%(recipients)s); "
            "they are tried again on the next run.",
            len(failed),
        ) % {"count": len(failed), "recipients": recipients}

    def _print(self, reminders: list, dry_run: bool) -> None:
        for reminder in reminders:
            line = (
                _("Would send: %(subject)s to %(recipient)s")
                if dry_run
                else _("Sent: %(subject)s to %(recipient)s")
            )
            self.stdout.write(
                line
                % {"subject": reminder.email.subject, "recipient": reminder.recipient}
            )
        count = len(reminders)
        if dry_run:
            summary = ngettext(
                "%(count)s reminder would be sent; nothing was sent or recorded.",
                "%(count)s reminders would be sent; nothing was sent or recorded.",
                count,
            )
        else:
            summary = ngettext(
                "%(count)s reminder sent.", "%(count)s reminders sent.", count
            )
        self.stdout.write(self.style.SUCCESS(summary % {"count": count}))


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (YYYY-MM-DD)"
        ) from error
