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

from actions.bulk import ActionChange, BulkPlan, read_bulk_update, read_rows
from actions.models import (
    Action,
    ActionImport,
    ActionUpdate,
    ImportColumnMapping,
    StatusTerm,
    UndoBlocker,
)
from actions.plan_columns import signature
from actions.plan_parsing import (
    ParsedAction,
    ParsedPlan,
    Problem,
    TableToMap,
    apply_columns,
    parse_text,
    parse_upload,
    title_key,
)
from actions.status_scale import scale_for
from actions.timing import Timing, parse_timing
from actions.upload_limits import UploadRefused
from intkommun.models import Organisation
from intkommun.versioning import current_version, with_versions
from strategies.models import FocusArea, Goal, Strategy


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
    """The staged input as parsed at upload; only an import staged before the
    parse was kept is parsed here, within the same limits as an upload."""
    if staged.parsed is not None:
        return ParsedPlan.from_json(staged.parsed)
    try:
        if staged.source_file:
            return parse_upload(staged.source_name, staged.read_source())
        return parse_text(staged.source_text)
    except UploadRefused as refused:
        return ParsedPlan([], [], [Problem("filen", str(refused))])


def staged_plan(staged: ActionImport) -> ParsedPlan:
    """What the preview shows and a confirm saves: the rows as the coordinator
    corrected them, else the parsed rows with the tables read by the columns
    chosen. A plan whose tables wait for their columns is not valid yet."""
    parsed = parse_staged(staged)
    if staged.rows is not None:
        return parsed.with_actions([ParsedAction(**row) for row in staged.rows])
    if parsed.tables and staged.columns is not None:
        return apply_columns(parsed, staged.columns)
    return parsed


@dataclass(frozen=True)
class RowMatch:
    """How a parsed row relates to what is already there: the plan's action with the
    same title, and the earlier row of the same input with the same title."""

    existing: Action | None = None
    repeats: int | None = None


def row_matches(plan: Strategy, parsed: ParsedPlan) -> list[RowMatch]:
    """One match per parsed row, in order; titles compared by `title_key`."""
    existing: dict[str, Action] = {}
    for action in plan.actions.order_by("position", "pk").only("pk", "title"):
        existing.setdefault(title_key(action.title), action)
    seen: dict[str, int] = {}
    matches = []
    for number, row in enumerate(parsed.actions, start=1):
        key = title_key(row.title)
        matches.append(RowMatch(existing.get(key), seen.get(key)))
        seen.setdefault(key, number)
    return matches


def rows_to_import(
    parsed: ParsedPlan, matches: list[RowMatch], import_anyway: Collection[int]
) -> list[tuple[int, ParsedAction]]:
    """The numbered rows an import saves: a row whose action is already in the plan
    only when asked for. A row that repeats an earlier row is saved, because an
    adopted plan may list one action under several focus areas (Skara's does)."""
    return [
        (number, row)
        for number, (row, match) in enumerate(
            zip(parsed.actions, matches, strict=True), start=1
        )
        if match.existing is None or number in import_anyway
    ]


@dataclass(frozen=True)
class ImportResult:
    created: list[Action]
    skipped: list[int]  # numbers of the rows left out as already in the plan


@transaction.atomic
def plan_import(
    *,
    plan: Strategy,
    parsed: ParsedPlan,
    by: Any = None,
    batch: ActionImport | None = None,
    import_anyway: Collection[int] = (),
) -> ImportResult:
    """Save the parsed actions that are not yet in the plan (and those asked for
    anyway), all or none, linked to the import ``batch`` so that it can be undone."""
    if not parsed.is_valid:
        raise ImportRefused(parsed.problems)
    # Imports into one plan take turns, so that two at once both see the other's rows.
    plan = Strategy.objects.select_for_update().get(pk=plan.pk)
    chosen = rows_to_import(parsed, row_matches(plan, parsed), import_anyway)
    focus_areas = _focus_areas_create(plan, [row for _, row in chosen], parsed, by)
    organisations = list(Organisation.objects.filter(kommun=plan.kommun_id))
    position = plan.actions.aggregate(last=Max("position"))["last"] or 0
    default_year = plan_year(plan)
    goals = list(Goal.objects.filter(strategy__in=[plan.pk, plan.parent_id]))
    created = []
    for offset, (_, row) in enumerate(chosen, start=1):
        action = Action(
            plan=plan,
            import_batch=batch,
            focus_area=focus_areas.get(row.focus_area.casefold()),
            position=position + offset,
            title=row.title,
            participants_text=row.participants_text,
            timing_text=row.timing_text,
            responsible_text=row.responsible_text,
        )
        matched = match_goals(row.goal_text, goals)
        action.description = _description(row, matched)
        action.apply_timing(default_year=default_year)
        action._history_user = by
        action.save()
        action.responsible_organisations.set(
            match_organisations(row.responsible_text, organisations)
        )
        action.goals.set(matched or [])
        created.append(action)
    chosen_numbers = {number for number, _ in chosen}
    skipped = [n for n in range(1, len(parsed.actions) + 1) if n not in chosen_numbers]
    return ImportResult(created=created, skipped=skipped)


@transaction.atomic
def staged_import_apply(
    *,
    staged: ActionImport,
    by: Any,
    import_anyway: Collection[int] = (),
    rows: list[ParsedAction] | None = None,
    version: Any = None,
) -> ImportResult:
    """Confirm a previewed import, with the ``rows`` as last corrected on the
    page if given (then the page's ``version`` must still be the newest). Under a
    lock on the staged import, so that a double click or a second tab finds it
    handled, and with the plan's actions read again, so that rows imported
    meanwhile are skipped."""
    if rows is not None:
        staged_import_correct(staged=staged, by=by, version=version, rows=rows)
    staged = ActionImport.objects.select_for_update().get(pk=staged.pk)
    if not staged.is_pending:
        raise ImportRefused(
            [Problem("", gettext("This import has already been handled."))]
        )
    result = plan_import(
        plan=staged.plan,
        parsed=staged_plan(staged),
        by=by,
        batch=staged,
        import_anyway=import_anyway,
    )
    staged.mark_applied(created=len(result.created), skipped=len(result.skipped))
    return result


class UndoRefused(Exception):
    """The import cannot be undone; nothing was removed."""

    def __init__(self, message: str, blockers: list[UndoBlocker] = ()):
        super().__init__(message)
        self.blockers = list(blockers)


@transaction.atomic
def action_import_undo(*, staged: ActionImport, by: Any) -> int:
    """Remove the actions an import created, as long as nobody has worked on them;
    each removal is kept in the actions' history. Returns how many were removed."""
    staged = ActionImport.objects.select_for_update().get(pk=staged.pk)
    if staged.state == ActionImport.State.UNDONE:
        raise UndoRefused(gettext("This import has already been undone."))
    if not staged.is_applied:
        raise UndoRefused(gettext("Only an applied import can be undone."))
    # Locked like an edit locks its action, so no edit slips in after the check.
    actions = list(staged.actions.select_for_update(of=("self",)).order_by("pk"))
    blockers = staged.undo_blockers()
    if blockers:
        raise UndoRefused(
            gettext("Some actions have been worked on since the import."), blockers
        )
    reason = gettext("Import undone: %(source)s") % {"source": staged.source_name}
    for action in actions:
        # Removed, not deleted: an undo of the wrong import is itself undone
        # under Borttaget.
        action._change_reason = reason
        action.remove(by=by)
    staged.mark_undone(by=by)
    return len(actions)


def _focus_areas_resolve(
    plan: Strategy, rows: list[ParsedAction], parsed: ParsedPlan
) -> tuple[dict[str, FocusArea], list[tuple[str, int | None]]]:
    """The focus area of each heading the rows use, found by title, else by the
    heading's number, among the plan's own areas and those of the document it
    implements; and the headings (title, number) that have no area yet."""
    areas = list(plan.parent.focus_areas.all()) if plan.parent_id else []
    areas += list(plan.focus_areas.all())  # the plan's own win: they come last
    by_title = {area.title.casefold(): area for area in areas}
    by_number = {area.number: area for area in areas}
    found: dict[str, FocusArea] = {}
    missing: list[tuple[str, int | None]] = []
    for title in dict.fromkeys(row.focus_area for row in rows if row.focus_area):
        number = parsed.focus_area_numbers.get(title)
        area = by_title.get(title.casefold()) or by_number.get(number)
        if area is None:
            missing.append((title, number))
        else:
            found[title.casefold()] = area
    return found, missing


def _focus_areas_create(
    plan: Strategy, rows: list[ParsedAction], parsed: ParsedPlan, by: Any
) -> dict[str, FocusArea]:
    """The rows' focus areas; those missing are created on the plan itself, never
    on the document it implements (a policy adopted by others)."""
    found, missing = _focus_areas_resolve(plan, rows, parsed)
    numbers = set(plan.focus_areas.values_list("number", flat=True))
    if plan.parent_id:
        numbers |= set(plan.parent.focus_areas.values_list("number", flat=True))
    for title, number in missing:
        area = FocusArea(
            strategy=plan, number=number or max(numbers, default=0) + 1, title=title
        )
        area._history_user = by
        area.save()
        numbers.add(area.number)
        found[title.casefold()] = area
    return found


def match_goals(text: str, goals: list[Goal]) -> list[Goal] | None:
    """The goals a Mål cell names, by label ("2", "Mål 2", "a") or by their text;
    None if some part of the cell names no goal (then it is kept as text).

    A goal is preferred to a purpose or a vision with the same label, whatever
    order ``goals`` comes in: a Mål cell names goals."""
    parts = [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]
    candidates = sorted(goals, key=lambda goal: goal.kind != Goal.Kind.GOAL)
    found = []
    for part in parts:
        key = re.sub(r"^(del)?mål\s+", "", part.casefold()).rstrip(".:")
        goal = next(
            (g for g in candidates if key in (g.label.casefold(), g.text.casefold())),
            None,
        )
        if goal is None:
            return None
        found.append(goal)
    return found


def _description(row: ParsedAction, goals: list[Goal] | None) -> str:
    """The row's description, and its Mål text when no goal of the plan took it."""
    if row.goal_text and goals is None:
        return "\n".join(t for t in (row.description, f"Mål: {row.goal_text}") if t)
    return row.description


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
    """Keep the input, and what it was parsed into, until the coordinator has seen
    the preview and confirmed. Raises `UploadRefused`, saving nothing, if the input
    is over the upload limits."""
    parsed = parse_upload(upload.name, _read(upload)) if upload else parse_text(text)
    staged = ActionImport(
        kommun_id=plan.kommun_id,
        plan=plan,
        kind=ActionImport.Kind.PLAN,
        created_by=by,
        source_name=upload.name if upload else gettext("Pasted text"),
        source_text="" if upload else text,
        parsed=parsed.as_json(),
    )
    if upload:
        staged.source_file.save(upload.name, upload, save=False)
    staged.save()
    return staged


def staged_import_discard(*, staged: ActionImport) -> None:
    if staged.is_pending:
        staged.state = ActionImport.State.DISCARDED
        staged.save(update_fields=["state"])


class PreviewChanged(Exception):
    """Someone else corrected the preview after this page was loaded; nothing
    was saved. ``record`` is their change (who, when), if the history has it."""

    def __init__(self, record: Any = None):
        super().__init__("preview changed")
        self.record = record


def _locked_for_correction(staged: ActionImport, version: Any) -> ActionImport:
    """The pending import, locked, if it is still at the ``version`` the page
    was loaded from."""
    staged = ActionImport.objects.select_for_update().get(pk=staged.pk)
    if not staged.is_pending:
        raise ImportRefused(
            [Problem("", gettext("This import has already been handled."))]
        )
    now = current_version(staged)
    if str(version or "") != str(now or ""):
        raise PreviewChanged(staged.history.select_related("history_user").first())
    return staged


@transaction.atomic
def staged_import_choose_columns(
    *, staged: ActionImport, by: Any, version: Any, columns: list[list[str] | None]
) -> None:
    """Read the tables with the columns chosen (one target per column, or None
    for a table without actions) and remember each layout for the kommun."""
    staged = _locked_for_correction(staged, version)
    staged.correct(by=by, columns=columns, rows=None)
    for table, chosen in zip(parse_staged(staged).tables, columns, strict=True):
        if chosen is not None:
            column_mapping_remember(
                kommun=staged.kommun, headers=table.headers, columns=chosen, by=by
            )


@transaction.atomic
def staged_import_choose_columns_again(
    *, staged: ActionImport, by: Any, version: Any
) -> None:
    """Back to the column step; corrections of the rows are given up."""
    staged = _locked_for_correction(staged, version)
    staged.correct(by=by, columns=None, rows=None)


@transaction.atomic
def staged_import_correct(
    *,
    staged: ActionImport,
    by: Any,
    version: Any,
    rows: list[ParsedAction] | None,
) -> ActionImport:
    """Keep the rows as corrected in the preview (None: back to the parsed rows)."""
    staged = _locked_for_correction(staged, version)
    kept = None if rows is None else [vars(row) for row in rows]
    # Saved only when changed, so that an unchanged page keeps its version.
    if kept is None or kept != [vars(row) for row in staged_plan(staged).actions]:
        staged.correct(by=by, columns=staged.columns, rows=kept)
    return staged


def column_mapping_remember(
    *, kommun: Organisation, headers: list[str], columns: list[str], by: Any
) -> ImportColumnMapping:
    mapping, _ = ImportColumnMapping.objects.get_or_create(
        kommun=kommun,
        signature=signature(headers),
        defaults={"headers": headers, "columns": columns, "updated_by": by},
    )
    if mapping.columns != columns:
        mapping.headers, mapping.columns, mapping.updated_by = headers, columns, by
        mapping._history_user = by
        mapping.save()
    return mapping


@dataclass(frozen=True)
class ColumnOffer:
    """A table to map, with the columns to offer: the kommun's remembered
    mapping of the same headers (``remembered``), else what the headers say."""

    table: TableToMap
    columns: list[str]
    remembered: ImportColumnMapping | None


def column_offers(staged: ActionImport, parsed: ParsedPlan) -> list[ColumnOffer]:
    remembered = {
        mapping.signature: mapping
        for mapping in ImportColumnMapping.objects.filter(
            kommun=staged.kommun_id,
            signature__in=[signature(table.headers) for table in parsed.tables],
        ).select_related("updated_by")
    }
    offers = []
    for table in parsed.tables:
        mapping = remembered.get(signature(table.headers))
        fits = mapping is not None and len(mapping.columns) == len(table.headers)
        columns = mapping.columns if fits else table.suggested
        offers.append(ColumnOffer(table, list(columns), mapping if fits else None))
    return offers


@dataclass(frozen=True)
class PreviewRow:
    number: int
    parsed: Any
    timing: Timing
    organisations: list[Organisation]
    match: RowMatch


@dataclass(frozen=True)
class Preview:
    rows: list[PreviewRow]
    new_focus_areas: list[str]  # created on the plan by a confirm as previewed

    @property
    def existing_count(self) -> int:
        return sum(1 for row in self.rows if row.match.existing is not None)

    @property
    def new_count(self) -> int:
        return len(self.rows) - self.existing_count

    @property
    def described_count(self) -> int:
        """Rows whose description holds the source's other columns."""
        return sum(1 for row in self.rows if row.parsed.description)


def import_preview(plan: Strategy, parsed: ParsedPlan) -> Preview:
    """Each parsed action with the dates, organisations and existing action the
    import would find, and the focus areas it would create."""
    organisations = list(Organisation.objects.filter(kommun=plan.kommun_id))
    year = plan_year(plan)
    matches = row_matches(plan, parsed)
    rows = [
        PreviewRow(
            number=number,
            parsed=row,
            timing=parse_timing(row.timing_text, default_year=year),
            organisations=match_organisations(row.responsible_text, organisations),
            match=match,
        )
        for number, (row, match) in enumerate(
            zip(parsed.actions, matches, strict=True), start=1
        )
    ]
    chosen = [row for _, row in rows_to_import(parsed, matches, ())]
    _, missing = _focus_areas_resolve(plan, chosen, parsed)
    return Preview(rows=rows, new_focus_areas=[title for title, _ in missing])


def preview_rows(plan: Strategy, parsed: ParsedPlan) -> list[PreviewRow]:
    return import_preview(plan, parsed).rows


def _read(upload: Any) -> bytes:
    data = upload.read()
    upload.seek(0)
    return data


def bulk_staged_create(*, by: Any, kommun: Organisation, upload: Any) -> ActionImport:
    """Keep the file and its cells; raises `UploadRefused`, saving nothing, if the
    file is no workbook or is over the upload limits."""
    staged = ActionImport(
        kommun=kommun,
        kind=ActionImport.Kind.BULK_UPDATE,
        created_by=by,
        source_name=upload.name,
        parsed=read_rows(_read(upload)),
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
    scale = scale_for(staged.kommun_id)
    if staged.parsed is not None:
        return read_bulk_update(staged.parsed, actions, scale)
    # Staged before the cells were kept: read once more, within the limits.
    try:
        return read_bulk_update(read_rows(staged.read_source()), actions, scale)
    except UploadRefused as refused:
        return BulkPlan(problems=[Problem("", str(refused))])


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
    # Rows changed in intkommun after the export and not ticked are held back.
    staged.mark_applied(created=len(chosen), skipped=len(plan.changes) - len(chosen))
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


@transaction.atomic
def status_scale_preset_apply(
    *, kommun: Organisation, terms: list[tuple[str, str]], by: Any
) -> bool:
    """Give a kommun with no scale yet the ``terms`` of a preset; False (and
    nothing saved) if it has a scale already, which a preset never replaces."""
    Organisation.objects.select_for_update().get(pk=kommun.pk)
    if StatusTerm.objects.filter(kommun=kommun).exists():
        return False
    for position, (term, status) in enumerate(terms, start=1):
        row = StatusTerm(kommun=kommun, term=term, status=status, position=position)
        row._history_user = by
        row.save()
    return True
