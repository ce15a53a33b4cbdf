"""The kommun's own status scale: its coordinator names the terms and what each
means (actions/status_scale.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actions import services
from actions.forms import status_term_formset
from actions.models import Status
from actions.status_scale import PRESETS, scale_for
from intkommun import permissions
from intkommun.models import Organisation
from intkommun.views import announce_merges, locked_on_post


def _coordinated_kommun(request: HttpRequest, kommun_pk: int) -> Organisation:
    """Another kommun's scale does not exist (404); a reader's is forbidden (403)."""
    kommuner = locked_on_post(request, Organisation.objects.kommuner())
    kommun = permissions.get_visible_or_404(request.user, kommuner, pk=kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    return kommun


@login_required
@transaction.atomic
def status_scale_edit(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    # The kommun stays locked while its scale is saved, so that two coordinators'
    # saves are checked against the versions one after the other.
    kommun = _coordinated_kommun(request, kommun_pk)
    formset = status_term_formset(kommun, request.POST or None)
    if request.method == "POST" and formset.is_valid():
        formset.save()
        announce_merges(request, formset.forms)
        messages.success(request, _("The status scale has been saved."))
        return redirect("actions:status_scale", kommun_pk=kommun.pk)
    context = {
        "kommun": kommun,
        "formset": formset,
        "scale": scale_for(kommun),
        "statuses": Status.choices,
        "presets": PRESETS,
    }
    return render(request, "actions/status_scale_form.html", context)


@require_POST
@login_required
@transaction.atomic
def status_scale_preset(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = _coordinated_kommun(request, kommun_pk)
    terms = PRESETS.get(request.POST.get("preset", ""))
    if terms and services.status_scale_preset_apply(
        kommun=kommun, terms=terms, by=request.user
    ):
        messages.success(request, _("The scale has been filled in; adjust it below."))
    else:
        messages.error(request, _("An example fills in an empty scale only."))
    return redirect("actions:status_scale", kommun_pk=kommun.pk)
