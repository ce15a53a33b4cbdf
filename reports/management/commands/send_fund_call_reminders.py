from __future__ import annotations

from django.core.management.base import CommandError
from django.utils import timezone, translation

from reports.emails import EMAIL_LANGUAGE
from reports.management.commands import send_reminders
from reports.reminders import fund_call_reminders, send_due

DEFAULT_DAYS = 7


class Command(send_reminders.Command):
    """The same options and output as ``send_reminders``, for the fund's calls."""

    help = (
        "E-mail the kommun's reporters and coordinators when a call of the "
        "international fund closes within --days days. Run it daily; each call's "
        "deadline is reminded about once, however often the command runs."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Remind this many days before a deadline (default {DEFAULT_DAYS}).",
        )

    def handle(self, *args, days: int, dry_run: bool, today, base_url, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more")
        today = today or timezone.localdate()
        due = fund_call_reminders(today=today, base_url=base_url, days=days)
        outcome = send_due(due, dry_run=dry_run)
        with translation.override(EMAIL_LANGUAGE):
            self._print(outcome.sent, dry_run)
            if outcome.failed:
                raise CommandError(self._failures(outcome.failed))
