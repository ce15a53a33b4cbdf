"""The project list and its export, a project's page, and its forms."""

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

from intkommun import permissions
from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import filtered, sort_headers, sort_keys
from intkommun.pagination import Paginator
from intkommun.views import ScopedObjectMixin, announce_merges, locked_on_post
from projects import services
from projects.exports import PROJECT_COLUMNS
from projects.filters import PROJECT_SORTABLE, ProjectFilter
from projects.forms import PartnerFormSet, ProjectForm
from projects.models import Project
from projects.views.common import query_string_without_page


def visible_projects(request: HttpRequest) -> QuerySet[Project]:
    return Project.objects.visible_to(request.user).select_related(
        "owner", "owner__kommun", "programme"
    )


def filtered_projects(request: HttpRequest) -> tuple[ProjectFilter, QuerySet]:
    """The user's projects through the list's filters; shared with the export."""
    filterset = ProjectFilter(
        request.GET or None, queryset=visible_projects(request), request=request
    )
    return filterset, filtered(filterset)


class ProjectListView(LoginRequiredMixin, generic.ListView):
    template_name = "projects/project_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_projects(self.request)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), sort_keys(PROJECT_SORTABLE)
            ),
            can_create=permissions.may_register(self.request.user),
            can_see_gaps=permissions.coordinator_kommuner(self.request.user).exists(),
            several_kommuner=len(permissions.visible_kommun_ids(self.request.user)) > 1,
        )
        return context


@login_required
def project_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx: every matching project, in the list's order."""
    _filterset, projects = filtered_projects(request)
    xlsx = build_xlsx(
        _("Projects"), PROJECT_COLUMNS, projects.prefetch_related("partners")
    )
    return xlsx_response(xlsx, dated_filename(_("projects"), timezone.localdate()))


class ProjectDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return Project.objects.select_related(
            "owner", "owner__kommun", "programme"
        ).prefetch_related("partners", "goals__strategy", "actions__plan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            status_history=self.object.status_history(),
            fund_applications=self.object.fund_applications.visible_to(
                self.request.user
            ).select_related("fund", "applicant"),
        )
        return context


class ProjectCreateView(LoginRequiredMixin, generic.CreateView):
    """A reporter registers a project idea for their organisation."""

    form_class = ProjectForm
    template_name = "projects/project_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.may_register(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The project has been registered."))
        return response


class ProjectUpdateView(ScopedObjectMixin, generic.UpdateView):
    needs_edit = True
    form_class = ProjectForm
    template_name = "projects/project_form.html"

    def get_queryset(self):
        return Project.objects.select_related("owner", "owner__kommun")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response


@login_required
@transaction.atomic
def project_partners(request: HttpRequest, pk: int) -> HttpResponse:
    """The project's partners, all on one form."""
    projects = locked_on_post(request, Project.objects.select_related("owner"))
    project = permissions.get_editable_or_403(request.user, projects, pk=pk)
    formset = PartnerFormSet(request.POST or None, instance=project, prefix="partners")
    if request.method == "POST" and formset.is_valid():
        services.project_partners_save(formset=formset, by=request.user)
        announce_merges(request, formset.forms)
        messages.success(request, _("The partners have been saved."))
        return redirect(project)
    return render(
        request,
        "projects/project_partners.html",
        {"object": project, "formset": formset},
    )
