"""Import an action plan: upload or paste → preview every row and problem → confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actions import import_rows, services
from actions.forms import PlanImportForm
from actions.import_forms import (
    EDITABLE_ROWS,
    ImportColumnsForm,
    ImportRowFormSet,
)
from actions.models import ActionImport
from actions.plan_parsing import ParsedAction
from actions.plan_prose import Passage
from actions.upload_limits import UploadRefused
from intkommun import permissions
from intkommun.formatting import person_name
from intkommun.versioning import current_version, describe_moment
from strategies.models import Strategy

PLAN_IMPORTS = ActionImport.objects.filter(kind=ActionImport.Kind.PLAN)
DONE_STATES = (ActionImport.State.APPLIED, ActionImport.State.UNDONE)


@login_required
def plan_import_start(request: HttpRequest) -> HttpResponse:
    permissions.require_coordinator_anywhere(request.user)
    form = PlanImportForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            staged = services.staged_import_create(
                by=request.user,
                plan=form.cleaned_data["plan"],
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
            )
        except UploadRefused as refused:
            form.add_error(
                "file" if form.cleaned_data["file"] else "text", str(refused)
            )
        else:
            return redirect("actions:import_preview", pk=staged.pk)
    imported_plans = (
        Strategy.objects.editable_by(request.user)
        .filter(imports__state__in=DONE_STATES)
        .distinct()
        .order_by("title")
    )
    return render(
        request,
        "actions/import_form.html",
        {"form": form, "imported_plans": imported_plans},
    )


def _staged(request: HttpRequest, pk: int) -> ActionImport:
    return permissions.get_editable_or_403(
        request.user, PLAN_IMPORTS.select_related("plan", "kommun"), pk=pk
    )


@login_required
def plan_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The import's page: its preview while pending, then its outcome and undo."""
    return _preview(request, _staged(request, pk))


def _preview(
    request: HttpRequest,
    staged: ActionImport,
    *,
    column_forms: list[ImportColumnsForm] | None = None,
    formset: Any = None,
    version: Any = None,
) -> HttpResponse:
    """The preview page; with ``column_forms`` or a row ``formset`` as posted, when
    they are shown again with their errors."""
    parsed = services.staged_plan(staged)
    if staged.is_pending and parsed.tables and column_forms is None:
        column_forms = [
            ImportColumnsForm(offer=offer, prefix=f"table-{n}")
            for n, offer in enumerate(services.column_offers(staged, parsed))
        ]
    shown = parsed
    if formset is not None and formset.is_valid():
        shown = parsed.with_actions([form.row() for form in formset])
    preview = services.import_preview(staged.plan, shown)
    editable = (
        staged.is_pending and parsed.is_valid and len(parsed.actions) <= EDITABLE_ROWS
    )
    if editable and formset is None:
        formset = ImportRowFormSet(
            prefix="rows",
            initial=[vars(row) for row in parsed.actions],
        )
    forms = list(formset) if editable else [None] * len(preview.rows)
    return render(
        request,
        "actions/import_preview.html",
        {
            "staged": staged,
            "parsed": parsed,
            "preview": preview,
            "row_forms": list(zip(preview.rows, forms, strict=False)),
            "formset": formset if editable else None,
            "column_forms": column_forms,
            "version": current_version(staged) if version is None else version,
            "blockers": staged.undo_blockers() if staged.is_applied else [],
        },
    )


def _changed_message(changed: services.PreviewChanged) -> str:
    record = changed.record
    if record is None:
        return _("Someone else changed this preview after you opened it.")
    return _("%(person)s changed this preview on %(when)s, after you opened it.") % {
        "person": person_name(record.history_user) or "–",
        "when": describe_moment(record.history_date),
    }


@require_POST
@login_required
def plan_import_columns(request: HttpRequest, pk: int) -> HttpResponse:
    """Say which column of each unrecognised table is which, or start over."""
    staged = _staged(request, pk)
    version = request.POST.get("version")
    try:
        if "again" in request.POST:
            services.staged_import_choose_columns_again(
                staged=staged, by=request.user, version=version
            )
            return redirect("actions:import_preview", pk=pk)
        offers = services.column_offers(staged, services.parse_staged(staged))
        forms = [
            ImportColumnsForm(request.POST, offer=offer, prefix=f"table-{n}")
            for n, offer in enumerate(offers)
        ]
        valid = [form.is_valid() for form in forms]  # every form's errors shown
        if not all(valid):
            return _preview(request, staged, column_forms=forms)
        services.staged_import_choose_columns(
            staged=staged,
            by=request.user,
            version=version,
            columns=[form.chosen() for form in forms],
        )
    except services.PreviewChanged as changed:
        messages.error(
            request,
            _changed_message(changed)
            + " "
            + _("Nothing was saved; the page now shows their choice."),
        )
    except services.ImportRefused as refused:
        messages.error(request, str(refused))
    return redirect("actions:import_preview", pk=pk)


ROW_OPERATIONS = {
    "drop": import_rows.drop,
    "merge": import_rows.merge_with_next,
    "semicolons": import_rows.split_on_semicolons,
}


def _operate(
    rows: list[ParsedAction], op: str, formset: Any, left_out: list[Passage]
) -> list[ParsedAction]:
    """Apply the operation a row's button names ("merge-3": merge row index 3
    with the next; "add-1": make rows of the second text left out); "save" only
    keeps the corrections."""
    name, _sep, index = op.partition("-")
    if name == "add" and index.isdigit() and int(index) < len(left_out):
        return import_rows.add_passage(rows, left_out[int(index)])
    if not index.isdigit() or int(index) >= len(rows):
        return rows
    index = int(index)
    if name == "split":
        text = formset[index].cleaned_data["split_before"]
        return import_rows.split_before(rows, index, text)
    return ROW_OPERATIONS[name](rows, index) if name in ROW_OPERATIONS else rows


@require_POST
@login_required
def plan_import_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the corrected rows, after dropping, merging or splitting one."""
    staged = _staged(request, pk)
    formset = ImportRowFormSet(request.POST, prefix="rows")
    if not formset.is_valid():
        return _preview(request, staged, formset=formset)
    op = request.POST.get("op", "save")
    try:
        left_out = services.staged_plan(staged).left_out
        rows = _operate([form.row() for form in formset], op, formset, left_out)
        if op == "reset":
            rows = None
        services.staged_import_correct(
            staged=staged,
            by=request.user,
            version=request.POST.get("version"),
            rows=rows,
        )
    except import_rows.RowOperationRefused as refused:
        name, _sep, index = op.partition("-")
        if name == "add":
            messages.error(request, str(refused))
            return redirect("actions:import_preview", pk=pk)
        formset[int(index)].add_error("split_before", str(refused))
        return _preview(request, staged, formset=formset)
    except services.PreviewChanged as changed:
        return _stale(request, staged, formset, changed)
    except services.ImportRefused as refused:
        messages.error(request, str(refused))
        return redirect("actions:import_preview", pk=pk)
    messages.success(request, _("Your corrections were saved."))
    name, _sep, index = op.partition("-")
    anchor = "#left-out" if name == "add" else f"#row-{index}" if index else ""
    return redirect(reverse("actions:import_preview", args=[pk]) + anchor)


def _stale(
    request: HttpRequest,
    staged: ActionImport,
    formset: Any,
    changed: services.PreviewChanged,
) -> HttpResponse:
    """The page as this user posted it, with the newest version: saving again
    is then a choice made knowing that someone else changed the rows."""
    formset._non_form_errors = formset.error_class(
        [
            _changed_message(changed)
            + " "
            + _(
                "Nothing was saved. What you typed is kept below; save again to "
                "replace their rows with yours."
            )
        ]
    )
    staged.refresh_from_db()
    return _preview(request, staged, formset=formset, version=current_version(staged))


@require_POST
@login_required
def plan_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    staged = _staged(request, pk)
    chosen = {int(n) for n in request.POST.getlist("import_anyway") if n.isdigit()}
    rows, formset = None, None
    if "rows-TOTAL_FORMS" in request.POST:
        formset = ImportRowFormSet(request.POST, prefix="rows")
        if not formset.is_valid():
            return _preview(request, staged, formset=formset)
        rows = [form.row() for form in formset]
    try:
        result = services.staged_import_apply(
            staged=staged,
            by=request.user,
            import_anyway=chosen,
            rows=rows,
            version=request.POST.get("version"),
        )
    except services.PreviewChanged as changed:
        return _stale(request, staged, formset, changed)
    except services.ImportRefused as refused:
        messages.error(
            request, _("Nothing was imported: %(reasons)s") % {"reasons": refused}
        )
        return redirect("actions:import_preview", pk=pk)
    _imported_messages(request, staged, result)
    return redirect("actions:import_preview", pk=pk)


def _imported_messages(
    request: HttpRequest, staged: ActionImport, result: services.ImportResult
) -> None:
    messages.success(
        request,
        _("%(count)s actions were imported into %(plan)s.")
        % {"count": len(result.created), "plan": staged.plan.title},
    )
    if result.skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s action was already in the plan and was not imported.",
                "%(count)s actions were already in the plan and were not imported.",
                len(result.skipped),
            )
            % {"count": len(result.skipped)},
        )


@require_POST
@login_required
def plan_import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, PLAN_IMPORTS, pk=pk)
    try:
        count = services.action_import_undo(staged=staged, by=request.user)
    except services.UndoRefused as refused:
        messages.error(
            request,
            _("The import was not undone: %(reason)s") % {"reason": refused},
        )
        return redirect("actions:import_preview", pk=pk)
    messages.success(
        request,
        ngettext(
            "The import was undone: %(count)s action was removed. It is listed "
            "under Removed, where it can be restored.",
            "The import was undone: %(count)s actions were removed. They are "
            "listed under Removed, where they can be restored.",
            count,
        )
        % {"count": count},
    )
    return redirect("actions:import_list", plan_pk=staged.plan_id)


@login_required
def plan_import_list(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = permissions.get_visible_or_404(
        request.user, Strategy.objects.select_related("kommun"), pk=plan_pk
    )
    permissions.require_coordinator(request.user, plan.kommun)
    imports = (
        PLAN_IMPORTS.editable_by(request.user)
        .filter(plan=plan)
        .filter(state__in=DONE_STATES)
        .select_related("created_by", "undone_by")
    )
    return render(
        request, "actions/import_list.html", {"plan": plan, "imports": imports}
    )


@require_POST
@login_required
def plan_import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, PLAN_IMPORTS, pk=pk)
    services.staged_import_discard(staged=staged)
    messages.info(request, _("The import was discarded; nothing was saved."))
    return redirect("actions:import")
