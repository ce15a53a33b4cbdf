"""Follow-up rounds: the list, opening one, and the coordinator's overview."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic
from django.views.decorators.http import require_POST

from intkommun import permissions
from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import (
    filtered,
    is_filtered,
    query_string_without_page,
    sort_headers,
)
from intkommun.models import Organisation
from intkommun.pagination import Paginator
from intkommun.views import ScopedObjectMixin
from reports import services
from reports.dashboards import my_open_reports
from reports.exports import ROUND_COLUMNS
from reports.filters import ROUND_SORTING, RoundFilter, several_kommuner
from reports.forms import RoundOpenForm, RoundUpdateForm
from reports.models import AnnualReport, FollowUpRound, ReportEvent

Status = AnnualReport.Status
REMINDER = ReportEvent.Kind.REMINDER


def round_queryset(request: HttpRequest):
    handed_in = Q(reports__status__in=[Status.SUBMITTED, Status.APPROVED])

    def count(status: str) -> Count:
        return Count("reports", filter=Q(reports__status=status))

    return (
        FollowUpRound.objects.visible_to(request.user)
        .select_related("kommun")
        .annotate(
            report_count=Count("reports"),
            submitted_count=Count("reports", filter=handed_in),
            approved_count=count(Status.APPROVED),
            draft_count=count(Status.DRAFT),
            returned_count=count(Status.RETURNED),
            submitted_only_count=count(Status.SUBMITTED),
        )
        .order_by("kommun__name", "-year", "pk")
    )


def filtered_rounds(request: HttpRequest) -> tuple[RoundFilter, QuerySet]:
    filterset = RoundFilter(
        request.GET or None, queryset=round_queryset(request), request=request
    )
    return filterset, filtered(filterset)


class RoundListView(LoginRequiredMixin, generic.ListView):
    template_name = "reports/round_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_rounds(self.request)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), tuple(k for _f, k in ROUND_SORTING)
            ),
            is_filtered=is_filtered(self.request, self.filterset.filters),
            several_kommuner=several_kommuner(user),
            can_open=permissions.is_coordinator_anywhere(user),
            my_reports=my_open_reports(user),
        )
        return context


@login_required
def round_export(request: HttpRequest) -> HttpResponse:
    """The filtered rounds as .xlsx, with the count of reports in each status."""
    _filterset, rounds = filtered_rounds(request)
    xlsx = build_xlsx(_("Follow-up rounds"), ROUND_COLUMNS, rounds)
    filename = dated_filename(_("follow-up-rounds"), timezone.localdate())
    return xlsx_response(xlsx, filename)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    """Open a round: the coordinator picks the organisations (all by default)."""
    kommuner = (
        Organisation.objects.editable_by(request.user).kommuner().order_by("name")
    )
    chosen = request.GET.get("kommun", "")
    if chosen:
        kommuner = kommuner.filter(pk=chosen) if chosen.isdigit() else kommuner.none()
    if not kommuner.exists():
        raise PermissionDenied
    if len(kommuner) > 1:
        return render(request, "reports/choose_kommun.html", {"kommuner": kommuner})
    kommun = kommuner[0]
    form = RoundOpenForm(request.POST or None, kommun=kommun)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_round = services.round_open(
                kommun=kommun, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = follow_up_round.reports.count()
            messages.success(
                request,
                ngettext(
                    "The follow-up is open: %(count)s organisation can report.",
                    "The follow-up is open: %(count)s organisations can report.",
                    count,
                )
                % {"count": count},
            )
            return redirect(follow_up_round)
    status = 400 if form.errors else 200
    context = {"form": form, "kommun": kommun}
    return render(request, "reports/round_form.html", context, status=status)


def round_reports(follow_up_round: FollowUpRound):
    changes = ReportEvent.objects.exclude(kind=REMINDER).select_related("by")
    return (
        follow_up_round.reports.select_related("organisation", "contact_person")
        .annotate(
            reminder_count=Count("events", filter=Q(events__kind=REMINDER)),
        )
        .prefetch_related(
            Prefetch(
                "events", queryset=changes.order_by("-at", "-pk"), to_attr="changes"
            )
        )
        .order_by("organisation__name")
    )


class RoundDetailView(ScopedObjectMixin, generic.DetailView):
    """The coordinator's overview: every organisation, its status and last change."""

    template_name = "reports/round_detail.html"

    def get_queryset(self):
        return FollowUpRound.objects.select_related("kommun", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = list(round_reports(self.object))
        counts = Counter(report.status for report in reports)
        openable = AnnualReport.objects.visible_to(self.request.user).filter(
            round=self.object
        )
        context.update(
            reports=reports,
            openable_ids=set(openable.values_list("pk", flat=True)),
            status_counts=[(label, counts[value]) for value, label in Status.choices],
            can_manage=permissions.is_coordinator(
                self.request.user, self.object.kommun
            ),
        )
        return context


class RoundUpdateView(ScopedObjectMixin, generic.UpdateView):
    needs_edit = True
    form_class = RoundUpdateForm
    template_name = "reports/round_update_form.html"

    def get_queryset(self):
        return FollowUpRound.objects.select_related("kommun")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The changes have been saved."))
        return response


def _managed_round(request: HttpRequest, pk: int) -> FollowUpRound:
    return permissions.get_editable_or_403(
        request.user, FollowUpRound.objects.select_related("kommun"), pk=pk
    )


@require_POST
@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up_round = _managed_round(request, pk)
    services.round_close(follow_up_round=follow_up_round, by=request.user)
    messages.success(
        request, _("The follow-up is closed. Reports can no longer be changed.")
    )
    return redirect(follow_up_round)


@require_POST
@login_required
def round_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up_round = _managed_round(request, pk)
    services.round_reopen(follow_up_round=follow_up_round, by=request.user)
    messages.success(request, _("The follow-up is open again."))
    return redirect(follow_up_round)
