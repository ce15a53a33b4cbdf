"""The international fund: one page per kommun and year, its earmarks and calls,
the applications for its money with their decisions, and the associations that
apply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from actions.models import Action
from intkommun import permissions
from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import filtered
from intkommun.models import Organisation
from intkommun.pagination import Paginator
from intkommun.views import ScopedObjectMixin, announce_merges, locked_on_post
from projects import services
from projects.exports import FUND_APPLICATION_COLUMNS
from projects.filters import FundApplicationFilter
from projects.forms import (
    AssociationForm,
    FundAllocationForm,
    FundApplicationForm,
    FundCallForm,
    FundDecisionForm,
    FundForm,
    FundUsageForm,
)
from projects.models import (
    FundAllocation,
    FundApplication,
    FundCall,
    InternationalFund,
    Partnership,
)
from projects.views.common import query_string_without_page


def add_model_errors(form, error: ValidationError) -> None:
    """A model's errors on the form: next to the field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class FundListView(LoginRequiredMixin, generic.ListView):
    template_name = "projects/fund_list.html"

    def get_queryset(self):
        return (
            InternationalFund.objects.visible_to(self.request.user)
            .with_totals()
            .select_related("kommun")
            .order_by("kommun__name", "-year")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=permissions.coordinator_kommuner(self.request.user).exists(),
            several_kommuner=len(permissions.visible_kommun_ids(self.request.user)) > 1,
            **kwargs,
        )


class FundDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "projects/fund_detail.html"

    def get_queryset(self):
        return InternationalFund.objects.select_related("kommun")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund, user = self.object, self.request.user
        context.update(
            totals=fund.totals,
            allocations=fund.allocations.with_granted().select_related("organisation"),
            calls=fund.calls.with_counts(),
            today=timezone.localdate(),
            applications=fund.applications.select_related(
                "applicant", "allocation", "project", "call"
            ),
            other_years=InternationalFund.objects.filter(kommun=fund.kommun_id)
            .exclude(pk=fund.pk)
            .order_by("-year"),
            can_apply=permissions.fund_applicants(user, fund.kommun).exists(),
            can_decide=permissions.is_coordinator(user, fund.kommun),
            can_register_association=permissions.may_register_association(
                user, fund.kommun
            ),
        )
        return context


class FundFormMixin:
    form_class = FundForm
    template_name = "projects/fund_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.fund_save(fund=form.instance, by=self.request.user)
        except ValidationError as error:
            add_model_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The fund has been saved."))
        return redirect(self.object)


class FundCreateView(LoginRequiredMixin, FundFormMixin, generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not permissions.coordinator_kommuner(user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FundUpdateView(ScopedObjectMixin, FundFormMixin, generic.UpdateView):
    needs_edit = True

    def get_queryset(self):
        return InternationalFund.objects.select_related("kommun")


class AllocationFormMixin:
    form_class = FundAllocationForm
    template_name = "projects/allocation_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fund=self.fund, **kwargs)

    def form_valid(self, form):
        try:
            services.fund_allocation_save(
                allocation=form.instance, by=self.request.user
            )
        except ValidationError as error:
            add_model_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The earmark has been saved."))
        return redirect(self.fund)


class OfEditableFundMixin(LoginRequiredMixin):
    """A page that adds something to a fund the user may edit (``fund_pk``)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.fund = permissions.get_editable_or_403(
            request.user, InternationalFund.objects.all(), pk=kwargs["fund_pk"]
        )
        return super().dispatch(request, *args, **kwargs)


class AllocationCreateView(
    OfEditableFundMixin, AllocationFormMixin, generic.CreateView
):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": FundAllocation(fund=self.fund)}


class AllocationUpdateView(ScopedObjectMixin, AllocationFormMixin, generic.UpdateView):
    needs_edit = True

    def get_queryset(self):
        return FundAllocation.objects.select_related("fund")

    def get_object(self, queryset=None):
        allocation = super().get_object(queryset)
        self.fund = allocation.fund
        return allocation


class ApplicationCreateView(LoginRequiredMixin, generic.CreateView):
    """An organisation applies for money from the fund."""

    form_class = FundApplicationForm
    template_name = "projects/application_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.fund = permissions.get_visible_or_404(
            request.user,
            InternationalFund.objects.select_related("kommun"),
            pk=kwargs["fund_pk"],
        )
        if not permissions.fund_applicants(request.user, self.fund.kommun).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # Back from registering an association: it is the applicant.
        applicant = self.request.GET.get("applicant", "")
        return {"applicant": applicant} if applicant.isdigit() else {}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": FundApplication(fund=self.fund),
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            fund=self.fund,
            can_register_association=permissions.may_register_association(
                self.request.user, self.fund.kommun
            ),
            **kwargs,
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The application has been submitted."))
        return response


def application_queryset():
    return FundApplication.objects.select_related(
        "fund",
        "fund__kommun",
        "applicant",
        "allocation",
        "project",
        "decided_by",
        "call",
    ).prefetch_related("partnerships", "actions")


def filtered_applications(
    request: HttpRequest,
) -> tuple[FundApplicationFilter, QuerySet]:
    queryset = (
        application_queryset()
        .visible_to(request.user)
        .order_by("-fund__year", "-submitted_on", "pk")
    )
    filterset = FundApplicationFilter(
        request.GET or None, queryset=queryset, request=request
    )
    return filterset, filtered(filterset)


class ApplicationListView(LoginRequiredMixin, generic.ListView):
    """Every application to the kommun's fund, over the years and calls."""

    template_name = "projects/application_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_applications(self.request)
        # Only what the rows show: every join more costs the planner more than
        # the rows themselves (the export reads the project and allocation too).
        return (
            queryset.select_related(None)
            .select_related("fund__kommun", "applicant", "call")
            .prefetch_related(None)
            # As plain lists: a related manager per row and relation, made to
            # store the rows and again to read them, cost more than the rows.
            .prefetch_related(
                Prefetch(
                    "partnerships",
                    Partnership.objects.only("name"),
                    to_attr="listed_partnerships",
                ),
                Prefetch(
                    "actions", Action.objects.only("title"), to_attr="listed_actions"
                ),
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            several_kommuner=len(permissions.visible_kommun_ids(self.request.user)) > 1,
            **kwargs,
        )


@login_required
def application_export(request: HttpRequest) -> HttpResponse:
    _filterset, applications = filtered_applications(request)
    xlsx = build_xlsx(_("Fund applications"), FUND_APPLICATION_COLUMNS, applications)
    filename = dated_filename(_("fund-applications"), timezone.localdate())
    return xlsx_response(xlsx, filename)


class FundCallFormMixin:
    form_class = FundCallForm
    template_name = "projects/call_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(fund=self.fund, **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The call has been saved."))
        return redirect(self.fund)


class FundCallCreateView(OfEditableFundMixin, FundCallFormMixin, generic.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": FundCall(fund=self.fund)}


class FundCallUpdateView(ScopedObjectMixin, FundCallFormMixin, generic.UpdateView):
    needs_edit = True

    def get_queryset(self):
        return FundCall.objects.select_related("fund", "fund__kommun")

    def get_object(self, queryset=None):
        call = super().get_object(queryset)
        self.fund = call.fund
        return call


class AssociationCreateView(LoginRequiredMixin, generic.CreateView):
    """The coordinator registers an association (förening) that applies to the
    fund, and goes on to its application."""

    form_class = AssociationForm
    template_name = "projects/association_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.fund = permissions.get_visible_or_404(
            request.user,
            InternationalFund.objects.select_related("kommun"),
            pk=kwargs["fund_pk"],
        )
        if not permissions.may_register_association(request.user, self.fund.kommun):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        association = Organisation(
            kind=Organisation.Kind.EXTERN, parent=self.fund.kommun
        )
        return {**super().get_form_kwargs(), "instance": association}

    def get_context_data(self, **kwargs):
        return super().get_context_data(fund=self.fund, **kwargs)

    def form_valid(self, form):
        association = form.save()
        messages.success(
            self.request,
            _("The association %(name)s has been registered.")
            % {"name": association.name},
        )
        url = reverse("projects:application_create", args=[self.fund.pk])
        return redirect(f"{url}?applicant={association.pk}")


class ApplicationDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "projects/application_detail.html"

    def get_queryset(self):
        return application_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        can_decide = permissions.is_coordinator(
            self.request.user, application.fund.kommun
        )
        context["can_decide"] = can_decide
        if can_decide and application.is_open:
            context.setdefault(
                "decision_form", FundDecisionForm(application=application)
            )
        if can_decide and application.status == FundApplication.Status.GRANTED:
            context.setdefault("usage_form", FundUsageForm(instance=application))
        return context


class ApplicationUpdateView(ScopedObjectMixin, generic.UpdateView):
    needs_edit = True
    form_class = FundApplicationForm
    template_name = "projects/application_form.html"

    def get_queryset(self):
        return application_queryset()

    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        if not application.is_open:
            # A decided application is settled; only the money used is recorded.
            raise PermissionDenied
        return application

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(fund=self.object.fund, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response


def _decidable(request: HttpRequest, pk: int, *, lock: bool = False) -> FundApplication:
    """The application, if the user is a coordinator of its fund's kommun (locked,
    inside the caller's transaction, if asked)."""
    applications = application_queryset()
    if lock:
        applications = locked_on_post(request, applications)
    application = permissions.get_visible_or_404(request.user, applications, pk=pk)
    permissions.require_coordinator(request.user, application.fund.kommun)
    return application


@require_POST
@login_required
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _decidable(request, pk)
    form = FundDecisionForm(request.POST, application=application)
    if form.is_valid():
        try:
            services.fund_application_decide(
                application=application,
                granted_amount=form.amount,
                by=request.user,
                decided_on=form.cleaned_data["decided_on"],
                comment=form.cleaned_data["comment"],
            )
        except services.FundDecisionRefused as refused:
            form.add_error("granted_amount", refused.message)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(application)
    application.refresh_from_db()
    return _render_application(request, application, decision_form=form)


@require_POST
@login_required
@transaction.atomic
def application_usage(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how much of a grant was used."""
    application = _decidable(request, pk, lock=True)
    form = FundUsageForm(request.POST, instance=application)
    if form.is_valid():
        form.save()
        messages.success(request, _("The amount used has been saved."))
        announce_merges(request, [form])
        return redirect(application)
    return _render_application(request, application, usage_form=form)


@require_POST
@login_required
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = permissions.get_editable_or_403(
        request.user, application_queryset(), pk=pk
    )
    if not application.is_open:
        raise PermissionDenied
    application.withdraw()
    messages.success(request, _("The application has been withdrawn."))
    return redirect(application)


def _render_application(request, application, **forms) -> HttpResponse:
    view = ApplicationDetailView(request=request, kwargs={"pk": application.pk})
    view.object = application
    context = view.get_context_data(object=application, **forms)
    return render(request, view.template_name, context, status=400)
