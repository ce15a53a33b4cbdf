"""Each kommun's list of document types: the defaults, or its own ranked copy."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from intkommun import permissions
from intkommun.models import Organisation
from intkommun.views import announce_merges, locked_on_post
from strategies import services
from strategies.forms import DocumentTypeForm
from strategies.models import DocumentType


@dataclass(frozen=True)
class KommunTypes:
    kommun: Organisation
    types: list[DocumentType]
    is_own_list: bool
    can_edit: bool


@login_required
def document_type_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for kommun in (
        Organisation.objects.visible_to(request.user).kommuner().order_by("name")
    ):
        types = list(
            DocumentType.objects.available_to(kommun).order_by("order", "name")
        )
        rows.append(
            KommunTypes(
                kommun=kommun,
                types=types,
                is_own_list=any(t.kommun_id == kommun.pk for t in types),
                can_edit=permissions.is_coordinator(request.user, kommun),
            )
        )
    return render(request, "strategies/document_type_list.html", {"rows": rows})


def _kommun_to_edit(request: HttpRequest, value: str) -> Organisation:
    kommun = permissions.get_visible_or_404(
        request.user,
        Organisation.objects.kommuner(),
        pk=value if value.isdigit() else 0,
    )
    permissions.require_coordinator(request.user, kommun)
    return kommun


@require_POST
@login_required
def document_types_customise(request: HttpRequest) -> HttpResponse:
    kommun = _kommun_to_edit(request, request.POST.get("kommun", ""))
    services.document_types_customise(kommun=kommun)
    messages.success(
        request, _("The municipality now has its own list of document types.")
    )
    return redirect("strategies:document_type_list")


class DocumentTypeCreateView(LoginRequiredMixin, generic.CreateView):
    form_class = DocumentTypeForm
    template_name = "strategies/document_type_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.kommun = _kommun_to_edit(request, request.GET.get("kommun", ""))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = DocumentType(kommun=self.kommun)
        return kwargs

    def get_initial(self):
        available = DocumentType.objects.available_to(self.kommun)
        last = available.aggregate(last=Max("order"))["last"] or 0
        return {"order": last + 10}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kommun=self.kommun, **kwargs)

    def form_valid(self, form):
        # A kommun that adds a type keeps the defaults it already uses.
        services.document_types_customise(kommun=self.kommun)
        form.save()
        messages.success(self.request, _("The document type has been added."))
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("strategies:document_type_list")


def editable_document_type(user, pk: int) -> DocumentType:
    """404 for another kommun's type; 403 for one the user only sees (the defaults)."""
    document_type = get_object_or_404(DocumentType.objects.visible_to(user), pk=pk)
    if not permissions.can_edit(user, document_type):
        raise PermissionDenied
    return document_type


@method_decorator(transaction.atomic, name="post")
class DocumentTypeUpdateView(LoginRequiredMixin, generic.UpdateView):
    form_class = DocumentTypeForm
    template_name = "strategies/document_type_form.html"

    def get_object(self, queryset=None):
        editable = editable_document_type(self.request.user, self.kwargs["pk"])
        return locked_on_post(self.request, DocumentType.objects.all()).get(
            pk=editable.pk
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(kommun=self.object.kommun, **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The changes have been saved."))
        announce_merges(self.request, [form])
        return redirect("strategies:document_type_list")


@require_POST
@login_required
def document_type_move(request: HttpRequest, pk: int) -> HttpResponse:
    document_type = editable_document_type(request.user, pk)
    services.document_type_move(
        document_type=document_type, up=request.POST.get("direction") == "up"
    )
    return redirect("strategies:document_type_list")
