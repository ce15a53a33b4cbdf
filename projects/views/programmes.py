"""Funding programmes: the shared list, and the kommun's own additions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic

from intkommun import permissions
from intkommun.views import announce_merges, locked_on_post
from projects.forms import FundingProgrammeForm
from projects.models import FundingProgramme


class ProgrammeListView(LoginRequiredMixin, generic.ListView):
    template_name = "projects/programme_list.html"

    def get_queryset(self):
        return (
            FundingProgramme.objects.visible_to(self.request.user)
            .select_related("kommun")
            .order_by("kommun__name", "name_sv", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = list(context["object_list"])
        editable = set(
            FundingProgramme.objects.editable_by(self.request.user).values_list(
                "pk", flat=True
            )
        )
        context.update(
            shared=[p for p in programmes if p.is_default],
            own=[p for p in programmes if not p.is_default],
            editable_ids=editable,
            can_create=permissions.coordinator_kommuner(self.request.user).exists(),
        )
        return context


class ProgrammeFormMixin:
    form_class = FundingProgrammeForm
    template_name = "projects/programme_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self) -> str:
        return reverse("projects:programme_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The funding programme has been saved."))
        announce_merges(self.request, [form])
        return response


class ProgrammeCreateView(LoginRequiredMixin, ProgrammeFormMixin, generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not permissions.coordinator_kommuner(user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(transaction.atomic, name="post")
class ProgrammeUpdateView(LoginRequiredMixin, ProgrammeFormMixin, generic.UpdateView):
    """Only a kommun's own programmes; the shared list is reference data."""

    def get_object(self, queryset=None):
        user = self.request.user
        programme = get_object_or_404(
            FundingProgramme.objects.visible_to(user), pk=self.kwargs["pk"]
        )
        if not permissions.can_edit(user, programme):
            raise PermissionDenied
        programmes = FundingProgramme.objects.select_related("kommun")
        return locked_on_post(self.request, programmes).get(pk=programme.pk)
