"""A coordinator's pages for the kommun's API tokens: list, create, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api.forms import ApiTokenForm
from api.models import ApiToken
from intkommun import permissions
from intkommun.models import Organisation


def _coordinated_kommun(request: HttpRequest, kommun_pk: int) -> Organisation:
    """Another kommun's tokens do not exist (404); a reader's are forbidden (403)."""
    kommuner = Organisation.objects.kommuner()
    kommun = permissions.get_visible_or_404(request.user, kommuner, pk=kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    return kommun


@login_required
def token_list(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = _coordinated_kommun(request, kommun_pk)
    tokens = ApiToken.objects.editable_by(request.user).filter(kommun=kommun)
    context = {"kommun": kommun, "tokens": tokens.select_related("created_by")}
    return render(request, "api/token_list.html", context)


@never_cache
@login_required
def token_create(request: HttpRequest, kommun_pk: int) -> HttpResponse:
    kommun = _coordinated_kommun(request, kommun_pk)
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(
            kommun=kommun, name=form.cleaned_data["name"], by=request.user
        )
        # Shown on this answer only: never in a redirect, a message or the session.
        context = {"kommun": kommun, "token": token, "secret": secret}
        return render(request, "api/token_created.html", context)
    return render(request, "api/token_form.html", {"kommun": kommun, "form": form})


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = permissions.get_editable_or_403(
        request.user, ApiToken.objects.select_related("kommun"), pk=pk
    )
    token.revoke(by=request.user)
    messages.success(
        request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
    )
    return redirect("api:token_list", kommun_pk=token.kommun_id)
