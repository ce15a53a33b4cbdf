"""Twin towns, exchanges, networks and agreements: list, export, page, forms, log;
and the list and export of their activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from intkommun import permissions
from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import filtered, sort_headers, sort_keys
from intkommun.pagination import Paginator
from intkommun.views import ScopedObjectMixin, announce_merges, locked_on_post
from projects.exports import ACTIVITY_COLUMNS, PARTNERSHIP_COLUMNS
from projects.filters import (
    ACTIVITY_SORTABLE,
    PARTNERSHIP_SORTABLE,
    PartnershipActivityFilter,
    PartnershipFilter,
)
from projects.forms import (
    PartnershipActivityForm,
    PartnershipForm,
    PartnershipFundingFormSet,
    PartnerTownFormSet,
)
from projects.models import Partnership, PartnershipActivity
from projects.views.common import query_string_without_page


def filtered_partnerships(request: HttpRequest) -> tuple[PartnershipFilter, QuerySet]:
    queryset = (
        Partnership.objects.visible_to(request.user)
        .select_related(
            "responsible_organisation", "responsible_organisation__kommun", "via"
        )
        .prefetch_related("towns")
    )
    filterset = PartnershipFilter(
        request.GET or None, queryset=queryset, request=request
    )
    return filterset, filtered(filterset)


class PartnershipListView(LoginRequiredMixin, generic.ListView):
    template_name = "projects/partnership_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_partnerships(self.request)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), sort_keys(PARTNERSHIP_SORTABLE)
            ),
            can_create=permissions.may_register(self.request.user),
            several_kommuner=len(permissions.visible_kommun_ids(self.request.user)) > 1,
        )
        return context


@login_required
def partnership_export(request: HttpRequest) -> HttpResponse:
    _filterset, partnerships = filtered_partnerships(request)
    xlsx = build_xlsx(
        _("Partnerships"),
        PARTNERSHIP_COLUMNS,
        partnerships.prefetch_related("funding"),
    )
    filename = dated_filename(_("partnerships"), timezone.localdate())
    return xlsx_response(xlsx, filename)


class PartnershipDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "projects/partnership_detail.html"

    def get_queryset(self):
        return Partnership.objects.select_related(
            "responsible_organisation", "responsible_organisation__kommun", "via"
        ).prefetch_related("towns", "funding")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "activity_form", PartnershipActivityForm(partnership=self.object)
        )
        context.update(detail_context(self.object))
        return context


def detail_context(partnership: Partnership) -> dict:
    return {
        "activities": partnership.activities.select_related("organiser"),
        "members": partnership.members.order_by("name", "pk"),
    }


class PartnershipFormSetsMixin:
    """The partner towns and the funding per year, edited on the partnership's
    own form and saved with it in one transaction."""

    def formsets(self) -> dict:
        if not hasattr(self, "_formsets"):
            data = self.request.POST if self.request.method == "POST" else None
            instance = self.object or Partnership()
            self._formsets = {
                "towns": PartnerTownFormSet(data, instance=instance, prefix="towns"),
                "funding": PartnershipFundingFormSet(
                    data, instance=instance, prefix="funding"
                ),
            }
        return self._formsets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            town_formset=self.formsets()["towns"],
            funding_formset=self.formsets()["funding"],
        )
        return context

    def form_valid(self, form):
        formsets = self.formsets().values()
        # Every form set validated, so that each shows its errors.
        valid = [formset.is_valid() for formset in formsets]
        if not all(valid):
            return self.form_invalid(form)
        with transaction.atomic():
            response = super().form_valid(form)
            for formset in formsets:
                formset.instance = self.object
                formset.save()
        announce_merges(self.request, [f for fs in formsets for f in fs.forms])
        return response


class PartnershipCreateView(
    PartnershipFormSetsMixin, LoginRequiredMixin, generic.CreateView
):
    form_class = PartnershipForm
    template_name = "projects/partnership_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.may_register(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The partnership has been registered."))
        return response


class PartnershipUpdateView(
    PartnershipFormSetsMixin, ScopedObjectMixin, generic.UpdateView
):
    needs_edit = True
    form_class = PartnershipForm
    template_name = "projects/partnership_form.html"

    def get_queryset(self):
        return Partnership.objects.select_related("responsible_organisation")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response


@require_POST
@login_required
def partnership_activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a visit, a delegation, a meeting or an exchange of the partnership."""
    partnership = permissions.get_editable_or_403(
        request.user,
        Partnership.objects.select_related("responsible_organisation"),
        pk=pk,
    )
    form = PartnershipActivityForm(request.POST, partnership=partnership)
    if not form.is_valid():
        context = {
            "object": partnership,
            "can_edit": True,
            "activity_form": form,
            **detail_context(partnership),
        }
        return render(request, "projects/partnership_detail.html", context, status=400)
    form.save()
    messages.success(request, _("The activity has been logged."))
    return redirect(partnership)


class PartnershipActivityUpdateView(ScopedObjectMixin, generic.UpdateView):
    """Correct a logged activity; the page of its partnership shows the change."""

    needs_edit = True
    form_class = PartnershipActivityForm
    template_name = "projects/partnership_activity_form.html"

    def get_queryset(self):
        return PartnershipActivity.objects.select_related(
            "partnership", "partnership__responsible_organisation"
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.object.partnership}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response

    def get_success_url(self) -> str:
        return self.object.partnership.get_absolute_url() + "#activities"


@login_required
def partnership_activity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then remove a logged activity; its history keeps what it said."""
    with transaction.atomic():
        activity = permissions.get_editable_or_403(
            request.user,
            locked_on_post(
                request,
                PartnershipActivity.objects.select_related(
                    "partnership", "partnership__responsible_organisation"
                ),
            ),
            pk=pk,
        )
        partnership = activity.partnership
        if request.method == "POST":
            activity._history_user = request.user
            activity.delete()
            messages.success(request, _("The activity has been removed."))
            return redirect(partnership.get_absolute_url() + "#activities")
    context = {"activity": activity, "partnership": partnership}
    return render(request, "projects/partnership_activity_remove.html", context)


def filtered_activities(
    request: HttpRequest,
) -> tuple[PartnershipActivityFilter, QuerySet]:
    queryset = PartnershipActivity.objects.visible_to(request.user).select_related(
        "partnership", "partnership__responsible_organisation", "organiser"
    )
    filterset = PartnershipActivityFilter(
        request.GET or None, queryset=queryset, request=request
    )
    return filterset, filtered(filterset)


class PartnershipActivityListView(LoginRequiredMixin, generic.ListView):
    template_name = "projects/partnership_activity_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_activities(self.request)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), sort_keys(ACTIVITY_SORTABLE)
            ),
        )
        return context


@login_required
def partnership_activity_export(request: HttpRequest) -> HttpResponse:
    _filterset, activities = filtered_activities(request)
    xlsx = build_xlsx(_("Partnership activities"), ACTIVITY_COLUMNS, activities)
    filename = dated_filename(_("partnership-activities"), timezone.localdate())
    return xlsx_response(xlsx, filename)
