"""Import an action plan: upload or paste → preview every row and problem → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actions import services
from actions.forms import PlanImportForm
from actions.models import ActionImport
from intkommun import permissions

PLAN_IMPORTS = ActionImport.objects.filter(kind=ActionImport.Kind.PLAN)


@login_required
def plan_import_start(request: HttpRequest) -> HttpResponse:
    permissions.require_coordinator_anywhere(request.user)
    form = PlanImportForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        staged = services.staged_import_create(
            by=request.user,
            plan=form.cleaned_data["plan"],
            text=form.cleaned_data["text"],
            upload=form.cleaned_data["file"],
        )
        return redirect("actions:import_preview", pk=staged.pk)
    return render(request, "actions/import_form.html", {"form": form})


@login_required
def plan_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
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
            "rows": services.preview_rows(staged.plan, parsed),
        },
    )


@require_POST
@login_required
def plan_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, PLAN_IMPORTS, pk=pk)
    try:
        actions = services.staged_import_apply(staged=staged, by=request.user)
    except services.ImportRefused as refused:
        messages.error(
            request, _("Nothing was imported: %(reasons)s") % {"reasons": refused}
        )
        return redirect("actions:import_preview", pk=pk)
    messages.success(
        request,
        _("%(count)s actions were imported into %(plan)s.")
        % {"count": len(actions), "plan": staged.plan.title},
    )
    return redirect(f"{reverse('actions:list')}?plan={staged.plan_id}")


@require_POST
@login_required
def plan_import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, PLAN_IMPORTS, pk=pk)
    services.staged_import_discard(staged=staged)
    messages.info(request, _("The import was discarded; nothing was saved."))
    return redirect("actions:import")
