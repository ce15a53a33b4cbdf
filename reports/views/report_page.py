"""The report page: the organisation works on one page; the coordinator reviews it
on the same page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intkommun import permissions
from intkommun.views import announce_merges
from reports import services
from reports.dashboards import my_open_reports
from reports.facts import report_facts
from reports.forms import ReturnForm, report_forms
from reports.models import AnnualReport

TEMPLATE = "reports/report_detail.html"


def report_queryset():
    return AnnualReport.objects.select_related(
        "round",
        "round__kommun",
        "organisation",
        "contact_person",
        "submitted_by",
        "approved_by",
    )


def can_work_on(user: Any, report: AnnualReport) -> bool:
    """The report is a draft or returned, and the user may edit it."""
    return report.is_open_for_changes and permissions.can_edit(user, report)


def page_context(request: HttpRequest, report: AnnualReport, **extra: Any) -> dict:
    can_edit = can_work_on(request.user, report)
    if can_edit and "form" not in extra:
        form, activity_formset, goal_formset = report_forms(report)
        extra.update(
            form=form, activity_formset=activity_formset, goal_formset=goal_formset
        )
    is_coordinator = permissions.is_coordinator(request.user, report.round.kommun)
    can_review = report.status == AnnualReport.Status.SUBMITTED and is_coordinator
    return {
        "report": report,
        "object": report,
        "facts": report_facts(report),
        "checklist": report.checklist() if report.is_open_for_changes else [],
        "activities": report.activities.all(),
        "assessments": report.goal_assessments.all(),
        "events": report.events.select_related("by"),
        "can_edit": can_edit,
        "can_review": can_review,
        "is_coordinator": is_coordinator,
        "return_form": ReturnForm() if can_review else None,
        **extra,
    }


def visible_report(request: HttpRequest, pk: int) -> AnnualReport:
    """404 for another kommun's report; 403 for another organisation's, which a
    reporter may not open (``Access.private_to_organisations``)."""
    return permissions.get_visible_or_404(request.user, report_queryset(), pk=pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    if can_work_on(request.user, report):
        services.goal_assessments_sync(report=report, by=request.user)
    return render(request, TEMPLATE, page_context(request, report))


def _editable_report(request: HttpRequest, pk: int) -> AnnualReport:
    """Like ``visible_report``, and 403 for a report the user may not change now.

    Called inside a transaction: the report stays locked until the save, so that
    the version check of its forms and the save see one state."""
    locked = report_queryset().select_for_update(of=("self",))
    report = permissions.get_visible_or_404(request.user, locked, pk=pk)
    if not can_work_on(request.user, report):
        raise PermissionDenied
    return report


def _save_posted(request: HttpRequest, report: AnnualReport) -> HttpResponse | None:
    """Save the posted sections. Returns the response to give instead when they
    cannot be saved: the page with its errors, or back to the report."""
    form, activity_formset, goal_formset = report_forms(report, request.POST)
    if not (
        form.is_valid() and activity_formset.is_valid() and goal_formset.is_valid()
    ):
        context = page_context(
            request,
            report,
            form=form,
            activity_formset=activity_formset,
            goal_formset=goal_formset,
            has_errors=True,
        )
        return render(request, TEMPLATE, context, status=400)
    try:
        services.report_save(
            report=report,
            by=request.user,
            form=form,
            formsets=[activity_formset, goal_formset],
        )
    except services.ReportRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(report)
    announce_merges(request, [form, *activity_formset.forms, *goal_formset.forms])
    return None


@require_POST
@login_required
@transaction.atomic
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable_report(request, pk)
    refused = _save_posted(request, report)
    if refused is not None:
        return refused
    messages.success(request, _("The draft has been saved."))
    return redirect(report)


@require_POST
@login_required
@transaction.atomic
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save what the page holds (when posted from it), then submit."""
    report = _editable_report(request, pk)
    if "activities-TOTAL_FORMS" in request.POST:
        refused = _save_posted(request, report)
        if refused is not None:
            return refused
    try:
        services.report_submit(report=report, by=request.user)
    except services.ReportRefused as refusal:
        messages.error(request, " ".join([refusal.message, "; ".join(refusal.missing)]))
        return redirect(report)
    messages.success(request, _("The report has been submitted to the coordinator."))
    return redirect(report)


def _reviewed_report(request: HttpRequest, pk: int) -> AnnualReport:
    report = visible_report(request, pk)
    permissions.require_coordinator(request.user, report.round.kommun)
    return report


@require_POST
@login_required
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _reviewed_report(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        context = page_context(request, report, return_form=form)
        return render(request, TEMPLATE, context, status=400)
    try:
        services.report_return(
            report=report,
            by=request.user,
            comment=form.cleaned_data["comment"],
            base_url=request.build_absolute_uri("/"),
        )
    except services.ReportRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(report)
    messages.success(
        request,
        _("The report has been returned to the organisation with your comment."),
    )
    return redirect(report)


@require_POST
@login_required
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = _reviewed_report(request, pk)
    try:
        services.report_approve(report=report, by=request.user)
    except services.ReportRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(report)
    messages.success(
        request,
        _("The report has been approved. Its facts from the register are now frozen."),
    )
    return redirect(report)


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reports/my_reports.html", {"reports": my_open_reports(request.user)}
    )
