"""Writes that span several rows: logging progress, importing a plan, bulk updates."""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from actions.bulk import ActionChange, BulkPlan, read_bulk_update
from actions.models import Action, ActionImport, ActionUpdate
from actions.plan_parsing import ParsedPlan, Problem, parse_text, parse_upload
from actions.timing import Timing, parse_timing
from intkommun.models import Organisation
from intkommun.versioning import with_versions
from strategies.models import FocusArea, Strategy


@transaction.atomic
def action_update_add(
    *,
    action: Action,
    by: Any,
    occurred_on: datetime.date,
    text: str,
    new_status: str = "",
    participants: int | None = None,
    young_participants: int | None = None,
    countries: Iterable[str] = (),
    is_example: bool = False,
) -> ActionUpdate:
    """Log what happened on an action; a new status is set on the action too."""
    update = ActionUpdate(
        action=action,
        author=by,
        occurred_on=occurred_on,
        text=text,
        new_status=new_status,
        participants=participants,
        young_participants=young_participants,
        countries=list(countries),
        is_example=is_example,
    )
    update.full_clean()
    update._history_user = by
    update.save()
    if new_status and new_status != action.status:
        action.status = new_status
        action._history_user = by
        action.save(update_fields=["status", "updated_at"])
    return update


class ImportRefused(Exception):
    """The input has problems; nothing was saved."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def plan_year(plan: Strategy) -> int | None:
    """The year that a Tidpunkt without a year ("juni") means in this plan."""
    for day in (plan.valid_from, plan.adopted_on):
        if day:
            return day.year
    return None


def parse_staged(staged: ActionImport) -> ParsedPlan:
    if staged.source_file:
        return parse_upload(staged.source_name, staged.read_source())
    return parse_text(staged.source_text)


@transaction.atomic
def plan_import(*, plan: Strategy, parsed: ParsedPlan, by: Any = None) -> list[Action]:
    """Save every parsed action in the plan, or none: one transaction."""
    if not parsed.is_valid:
        raise ImportRefused(parsed.problems)
    focus_areas = _focus_areas_by_title(plan, parsed, by)
    organisations = list(Organisation.objects.filter(kommun=plan.kommun_id))
    position = plan.actions.aggregate(last=Max("position"))["last"] or 0
    default_year = plan_year(plan)
    created = []
    for offset, row in enumerate(parsed.actions, start=1):
        action = Action(
            plan=plan,
            focus_area=focus_areas.get(row.focus_area.casefold()),
            position=position + offset,
            title=row.title,
            participants_text=row.participants_text,
            timing_text=row.timing_text,
            responsible_text=row.responsible_text,
        )
        action.apply_timing(default_year=default_year)
        action._history_user = by
        action.save()
        action.responsible_organisations.set(
            match_organisations(row.responsible_text, organisations)
        )
        created.append(action)
    return created


@transaction.atomic
def staged_import_apply(*, staged: ActionImport, by: Any) -> list[Action]:
    """Confirm a previewed import: exactly what the preview showed is saved."""
    staged = ActionImport.objects.select_for_update().get(pk=staged.pk)
    if not staged.is_pending:
        raise ImportRefused(
            [Problem("", gettext("This import has already been handled."))]
        )
    actions = plan_import(plan=staged.plan, parsed=parse_staged(staged), by=by)
    staged.state = ActionImport.State.APPLIED
    staged.applied_at = timezone.now()
    staged.applied_count = len(actions)
    staged.save(update_fields=["state", "applied_at", "applied_count"])
    return actions


def _focus_areas_by_title(
    plan: Strategy, parsed: ParsedPlan, by: Any
) -> dict[str, FocusArea]:
    """The focus area of each parsed heading, by title, else by the heading's number
    among the areas the plan uses (its own or its strategy's); new ones are created."""
    owner, in_use = plan.focus_areas_in_use()
    by_title = {area.title.casefold(): area for area in in_use}
    by_number = {area.number: area for area in in_use}
    found: dict[str, FocusArea] = {}
    for title in parsed.focus_areas:
        number = parsed.focus_area_numbers.get(title)
        area = by_title.get(title.casefold()) or by_number.get(number)
        if area is None:
            area = FocusArea(
                strategy=owner,
                number=number or max(by_number, default=0) + 1,
                title=title,
            )
            area._history_user = by
            area.save()
            by_number[area.number] = area
        found[title.casefold()] = area
    return found


def match_organisations(
    text: str, organisations: list[Organisation]
) -> list[Organisation]:
    """Organisations that the Ansvarig text names: by name, or by a short name
    such as KS or KF written in capitals."""
    return [
        organisation
        for organisation in organisations
        if _names(text, organisation.name, re.IGNORECASE)
        or (
            len(organisation.short_name) >= 2
            and _names(text, organisation.short_name, 0)
        )
    ]


def _names(text: str, name: str, flags: int) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags) is not None


def staged_import_create(
    *, by: Any, plan: Strategy, text: str = "", upload: Any = None
) -> ActionImport:
    """Keep the input until the coordinator has seen the preview and confirmed."""
    staged = ActionImport(
        kommun_id=plan.kommun_id,
        plan=plan,
        kind=ActionImport.Kind.PLAN,
        created_by=by,
        source_name=upload.name if upload else gettext("Pasted text"),
        source_text="" if upload else text,
    )
    if upload:
        staged.source_file.save(upload.name, upload, save=False)
    staged.save()
    return staged


def staged_import_discard(*, staged: ActionImport) -> None:
    if staged.is_pending:
        staged.state = ActionImport.State.DISCARDED
        staged.save(update_fields=["state"])


@dataclass(frozen=True)
class PreviewRow:
    parsed: Any
    timing: Timing
    organisations: list[Organisation]


def preview_rows(plan: Strategy, parsed: ParsedPlan) -> list[PreviewRow]:
    """Each parsed action with the dates and organisations the import would give it."""
    organisations = list(Organisation.objects.filter(kommun=plan.kommun_id))
    year = plan_year(plan)
    return [
        PreviewRow(
            parsed=row,
            timing=parse_timing(row.timing_text, default_year=year),
            organisations=match_organisations(row.responsible_text, organisations),
        )
        for row in parsed.actions
    ]


def bulk_staged_create(*, by: Any, kommun: Organisation, upload: Any) -> ActionImport:
    staged = ActionImport(
        kommun=kommun,
        kind=ActionImport.Kind.BULK_UPDATE,
        created_by=by,
        source_name=upload.name,
    )
    staged.source_file.save(upload.name, upload, save=False)
    staged.save()
    return staged


def bulk_read(*, staged: ActionImport, by: Any, lock: bool = False) -> BulkPlan:
    """What the file would change, among the actions the user may edit; with
    ``lock``, those actions are locked until the transaction ends, so that what
    is compared is what is saved."""
    editable = Action.objects.editable_by(by).filter(plan__kommun=staged.kommun_id)
    if lock:
        editable = (
            Action.objects.filter(pk__in=editable.values("pk"))
            .select_for_update(of=("self",))
            .order_by("pk")
        )
    actions = {action.pk: action for action in with_versions(editable)}
    return read_bulk_update(staged.read_source(), actions)


@transaction.atomic
def bulk_update_apply(
    *, staged: ActionImport, by: Any, digest: str, overwrite: Collection[int] = ()
) -> list[ActionChange]:
    """Apply the changes of the file that the preview showed, each as a history
    entry, or none. A row changed in intkommun after the export is applied only
    if its number is in ``overwrite``; the others are left as they are."""
    staged = ActionImport.objects.select_for_update().get(pk=staged.pk)
    if not staged.is_pending:
        raise ImportRefused(
            [Problem("", gettext("This import has already been handled."))]
        )
    plan = bulk_read(staged=staged, by=by, lock=True)
    if not plan.is_valid:
        raise ImportRefused(plan.problems)
    if plan.digest != digest:
        raise ImportRefused([Problem("", gettext(PREVIEW_OUTDATED))])
    chosen = [c for c in plan.changes if not c.is_conflict or c.row in overwrite]
    if not chosen:
        raise ImportRefused([Problem("", gettext(ALL_CONFLICTS))])
    today = timezone.localdate()
    for change in chosen:
        _bulk_change_apply(change, by=by, today=today)
    staged.state = ActionImport.State.APPLIED
    staged.applied_at = timezone.now()
    staged.applied_count = len(chosen)
    staged.save(update_fields=["state", "applied_at", "applied_count"])
    return chosen


PREVIEW_OUTDATED = gettext_noop(
    "Actions in the file have been changed in intkommun since you opened the "
    "preview. Look at the changes again before you save."
)
ALL_CONFLICTS = gettext_noop(
    "Every change in the file is to an action changed after the export. Tick "
    "“Overwrite anyway” on the rows you want to save, or discard the file."
)


def _bulk_change_apply(change: ActionChange, *, by: Any, today: datetime.date) -> None:
    action = change.action
    for field_change in change.fields:
        setattr(action, field_change.name, field_change.value)
    if change.fields:
        action.full_clean()
        action._history_user = by
        action.save()
    if change.note:
        action_update_add(action=action, by=by, occurred_on=today, text=change.note)
