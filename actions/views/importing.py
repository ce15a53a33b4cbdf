"""Import an action plan: upload or paste → preview every row and problem → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actions import services
from actions.forms import PlanImportForm
from actions.models import ActionImport
from actions.upload_limits import UploadRefused
from intkommun import permissions
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


@login_required
def plan_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The import's page: its preview while pending, then its outcome and undo."""
    staged = permissions.get_editable_or_403(
        request.user, PLAN_IMPORTS.select_related("plan"), pk=pk
    )
    parsed = services.parse_staged(staged)
    return render(
        request,
        "actions/import_preview.html",
        {
            "staged": staged,
            "parsed": parsed,
            "preview": services.import_preview(staged.plan, parsed),
            "blockers": staged.undo_blockers() if staged.is_applied else [],
        },
    )


@require_POST
@login_required
def plan_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, PLAN_IMPORTS, pk=pk)
    chosen = {int(n) for n in request.POST.getlist("import_anyway") if n.isdigit()}
    try:
        result = services.staged_import_apply(
            staged=staged, by=request.user, import_anyway=chosen
        )
    except services.ImportRefused as refused:
        messages.error(
            request, _("Nothing was imported: %(reasons)s") % {"reasons": refused}
        )
        return redirect("actions:import_preview", pk=pk)
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
    return redirect("actions:import_preview", pk=pk)


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
