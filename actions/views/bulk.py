"""Bulk update by spreadsheet: upload the edited export → preview every change → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actions import services
from actions.forms import BulkConfirmForm, BulkUpdateForm
from actions.models import ActionImport
from actions.upload_limits import UploadRefused
from intkommun import permissions

BULK = ActionImport.objects.filter(kind=ActionImport.Kind.BULK_UPDATE)


@login_required
def bulk_update_start(request: HttpRequest) -> HttpResponse:
    permissions.require_coordinator_anywhere(request.user)
    form = BulkUpdateForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            staged = services.bulk_staged_create(
                by=request.user,
                kommun=form.chosen_kommun,
                upload=form.cleaned_data["file"],
            )
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("actions:bulk_preview", pk=staged.pk)
    return render(request, "actions/bulk_form.html", {"form": form})


@login_required
def bulk_update_preview(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, BULK, pk=pk)
    plan = services.bulk_read(staged=staged, by=request.user)
    return render(
        request, "actions/bulk_preview.html", {"staged": staged, "plan": plan}
    )


@require_POST
@login_required
def bulk_update_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, BULK, pk=pk)
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: confirm from the preview."))
        return redirect("actions:bulk_preview", pk=pk)
    try:
        applied = services.bulk_update_apply(
            staged=staged,
            by=request.user,
            digest=form.cleaned_data["plan"],
            overwrite=form.cleaned_data["overwrite"],
        )
    except services.ImportRefused as refused:
        messages.error(
            request, _("Nothing was changed: %(reasons)s") % {"reasons": refused}
        )
        return redirect("actions:bulk_preview", pk=pk)
    messages.success(
        request,
        ngettext(
            "%(count)s action was updated.",
            "%(count)s actions were updated.",
            len(applied),
        )
        % {"count": len(applied)},
    )
    return redirect("actions:list")


@require_POST
@login_required
def bulk_update_discard(request: HttpRequest, pk: int) -> HttpResponse:
    staged = permissions.get_editable_or_403(request.user, BULK, pk=pk)
    services.staged_import_discard(staged=staged)
    messages.info(request, _("The update was discarded; nothing was changed."))
    return redirect("actions:bulk_update")
