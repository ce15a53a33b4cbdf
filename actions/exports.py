"""The action list as Excel: the plan's four columns first, each action's id and
version kept so that the same file can come back as a bulk update (see
actions/bulk.py). The rows must be annotated by ``intkommun.versioning.with_versions``,
and prepared by ``prepare_rows``; ``export_queryset`` does both for the list's
queryset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import Action
from actions.status_scale import label_statuses
from intkommun.exports import Column, choice_labels, yes_no
from intkommun.versioning import with_versions

ID_HEADER = _("Id")
NOTE_HEADER = _("New progress note")
VERSION_HEADER = _("Version")

# The fields the columns read. The rest of a row (the description, the search
# columns) is most of its bytes and no column shows it. A column that reads
# another field must add it here, or each row costs a query of its own.
EXPORTED_FIELDS = (
    "plan",
    "focus_area",
    "reference",
    "title",
    "participants_text",
    "timing_text",
    "responsible_text",
    "starts_on",
    "ends_on",
    "is_ongoing",
    "status",
    "activity_type",
    "budget",
)


def export_queryset(actions: QuerySet) -> QuerySet:
    """The (filtered) list's actions as the export reads them: only the exported
    fields, with versions, each plan and focus area loaded once for all its actions
    instead of once per row. Evaluate it, then give the rows to ``prepare_rows``."""
    return (
        with_versions(actions.select_related(None).prefetch_related(None))
        .only(*EXPORTED_FIELDS)
        .prefetch_related("plan", "focus_area")
    )


def prepare_rows(actions: Sequence[Action]) -> None:
    """Statuses in each kommun's words, whether each action is overdue today (the
    day looked up once for the whole list), and the names of the responsible
    organisations, read in one query as names only."""
    label_statuses(actions)
    today = timezone.localdate()
    names = responsible_names([action.pk for action in actions])
    for action in actions:
        action.is_overdue_today = action.is_overdue_on(today)
        action.responsible_names = ", ".join(names.get(action.pk, ()))


def responsible_names(action_ids: list[int]) -> dict[int, list[str]]:
    """Each action's responsible organisations' names in their list order (by name).
    Plain pairs: an organisation object per row and name costs far more than the
    name."""
    through = Action.responsible_organisations.through
    pairs = (
        through.objects.filter(action_id__in=action_ids)
        .order_by("organisation__name", "organisation_id")
        .values_list("action_id", "organisation__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for action_id, name in pairs:
        names[action_id].append(name)
    return names


def _overdue(action) -> bool:
    overdue = getattr(action, "is_overdue_today", None)
    return action.is_overdue if overdue is None else overdue


def _status(action) -> str:
    """In the kommun's words where the rows were prepared by ``prepare_rows``,
    else by the status's name."""
    return getattr(action, "status_label", None) or action.get_status_display()


def _responsible(action) -> str:
    """Read by ``prepare_rows`` where the rows were prepared, else from the
    action's organisations."""
    names = getattr(action, "responsible_names", None)
    if names is None:
        names = ", ".join(item.name for item in action.responsible_organisations.all())
    return names


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
        _responsible,
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
