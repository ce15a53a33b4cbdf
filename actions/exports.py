"""The action list as Excel: the plan's four columns first, each action's id and
version kept so that the same file can come back as a bulk update (see
actions/bulk.py). The rows must be annotated by ``intkommun.versioning.with_versions``,
and prepared by ``prepare_rows``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import Action
from actions.status_scale import label_statuses
from intkommun.exports import Column, choice_labels, yes_no

ID_HEADER = _("Id")
NOTE_HEADER = _("New progress note")
VERSION_HEADER = _("Version")


def prepare_rows(actions: Sequence[Action]) -> None:
    """Statuses in each kommun's words, and whether each action is overdue today,
    the day looked up once for the whole list."""
    label_statuses(actions)
    today = timezone.localdate()
    for action in actions:
        action.is_overdue_today = action.is_overdue_on(today)


def _overdue(action) -> bool:
    overdue = getattr(action, "is_overdue_today", None)
    return action.is_overdue if overdue is None else overdue


def _status(action) -> str:
    """In the kommun's words where the rows were prepared by ``prepare_rows``,
    else by the status's name."""
    return getattr(action, "status_label", None) or action.get_status_display()


def _names(related) -> str:
    return ", ".join(item.name for item in related.all())


ACTION_COLUMNS = (
    Column(_("Action"), 50, lambda a: a.title),
    Column(_("Participants"), 30, lambda a: a.participants_text),
    Column(_("Timing"), 24, lambda a: a.timing_text),
    Column(_("Responsible"), 30, lambda a: a.responsible_text),
    Column(_("Status"), 14, _status),
    Column(_("Starts on"), 12, lambda a: a.starts_on, is_date=True),
    Column(_("Ends on"), 12, lambda a: a.ends_on, is_date=True),
    Column(_("Ongoing"), 10, lambda a: a.is_ongoing, labels=yes_no),
    Column(_("Overdue"), 10, _overdue, labels=yes_no),
    Column(_("Latest update"), 12, lambda a: a.latest_update_on, is_date=True),
    Column(_("Latest update text"), 40, lambda a: a.latest_update_text),
    Column(_("Action plan"), 30, lambda a: a.plan.title),
    Column(_("Focus area"), 30, lambda a: a.focus_area.title if a.focus_area else ""),
    Column(_("Reference number"), 10, lambda a: a.reference),
    Column(
        _("Responsible organisations"),
        30,
        lambda a: _names(a.responsible_organisations),
    ),
    Column(
        _("Activity type"),
        20,
        lambda a: a.activity_type,
        labels=choice_labels(Action, "activity_type"),
    ),
    Column(_("Budget (SEK)"), 14, lambda a: a.budget, is_money=True),
    Column(ID_HEADER, 8, lambda a: a.pk),
    Column(
        VERSION_HEADER,
        10,
        lambda a: a.version,
        comment=_(
            "The version of the action when the list was exported. Leave it as it "
            "is: when the file is uploaded, it shows which changes were made in "
            "intkommun after the export, so that they are not overwritten."
        ),
    ),
    Column(NOTE_HEADER, 40, lambda a: ""),
)
