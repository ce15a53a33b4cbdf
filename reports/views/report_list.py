"""Every annual report the user may read, over the years and rounds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from intkommun.exports import build_xlsx, dated_filename, xlsx_response
from intkommun.filters import (
    filtered,
    is_filtered,
    query_string_without_page,
    sort_headers,
)
from intkommun.pagination import Paginator
from reports.exports import REPORT_COLUMNS
from reports.filters import REPORT_SORTING, AnnualReportFilter, several_kommuner
from reports.models import AnnualReport


def filtered_reports(request: HttpRequest) -> tuple[AnnualReportFilter, QuerySet]:
    # Reporters see their organisations' reports, the kommun's users the kommun's:
    # the permissions module decides (AnnualReport.access).
    queryset = (
        AnnualReport.objects.visible_to(request.user)
        .select_related("round", "round__kommun", "organisation", "contact_person")
        .order_by("-round__year", "organisation__name", "pk")
    )
    filterset = AnnualReportFilter(
        request.GET or None, queryset=queryset, request=request
    )
    return filterset, filtered(filterset)


class ReportListView(LoginRequiredMixin, generic.ListView):
    template_name = "reports/report_list.html"
    paginate_by = 50
    paginator_class = Paginator

    def get_queryset(self):
        self.filterset, queryset = filtered_reports(self.request)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            query_string=query_string_without_page(self.request),
            sort=sort_headers(
                self.request.GET.get("o", ""), tuple(k for _f, k in REPORT_SORTING)
            ),
            is_filtered=is_filtered(self.request, self.filterset.filters),
            several_kommuner=several_kommuner(self.request.user),
            **kwargs,
        )


@login_required
def report_export(request: HttpRequest) -> HttpResponse:
    _filterset, reports = filtered_reports(request)
    xlsx = build_xlsx(_("Annual reports"), REPORT_COLUMNS, reports)
    filename = dated_filename(_("annual-reports"), timezone.localdate())
    return xlsx_response(xlsx, filename)
