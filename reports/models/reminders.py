"""The record of every reminder e-mail sent, so that each goes out once."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    """One reminder to one recipient about one thing at one stage.

    ``send_reminders`` runs daily (or more often); the unique constraint makes a
    second run, even a concurrent one, skip what the first has sent.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Annual report not submitted")
        ACTION = "action", _("Overdue action")
        FUND_CALL = "fund_call", _("Deadline of a call of the fund")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The report's, the action's or the fund call's id.
    key = models.CharField(_("about"), max_length=60)
    # "14_days", "3_days" or "after_deadline" for a report; for an action the end
    # date that was passed, so that a new end date that passes reminds again;
    # for a call of the fund its deadline, likewise.
    stage = models.CharField(_("stage"), max_length=40)
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "stage", "recipient"],
                name="reminder_sent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} {self.stage} → {self.recipient}"
