"""The kommun's own assessment of its goals for a year: the coordinator's page."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intkommun import permissions
from intkommun.models import Organisation
from intkommun.views import announce_merges
from reports import services
from reports.forms import KommunGoalAssessmentForm, kommun_assessment_forms
from reports.models import AnnualReport, GoalAssessment, KommunGoalAssessment

TEMPLATE = "reports/kommun_assessment_form.html"
GOAL_IDS = "goal_ids"


def _coordinated_kommun(request: HttpRequest, kommun_pk: int) -> Organisation:
    """404 for a kommun the user does not belong to, 403 for a non-coordinator."""
    kommuner = Organisation.objects.visible_to(request.user).kommuner()
    kommun = get_object_or_404(kommuner, pk=kommun_pk)
    permissions.require_coordinator(request.user, kommun)
    return kommun


def assessments_of_year(
    kommun: Organisation, year: int, *, lock: bool = False
) -> list[KommunGoalAssessment]:
    """One assessment per goal in force, the stored one or a new empty one."""
    stored = KommunGoalAssessment.objects.of_year(kommun, year).select_related(
        "updated_by"
    )
    if lock:
        stored = stored.select_for_update(of=("self",))
    existing = {assessment.goal_id: assessment for assessment in stored}
    rows = []
    for goal in services.kommun_goals_to_assess(kommun, year):
        row = existing.get(goal.pk) or KommunGoalAssessment(
            kommun=kommun, year=year, goal=goal
        )
        row.goal = goal
        rows.append(row)
    return rows


def _organisations_assessments(kommun: Organisation, year: int) -> dict[int, list]:
    """The approved reports' assessments of each goal, for the coordinator to weigh."""
    found = defaultdict(list)
    for assessment in (
        GoalAssessment.objects.filter(
            report__round__kommun=kommun,
            report__round__year=year,
            report__status=AnnualReport.Status.APPROVED,
        )
        .select_related("report__organisation")
        .order_by("report__organisation__name", "pk")
    ):
        found[assessment.goal_id].append(assessment)
    return found


def _page(
    request: HttpRequest,
    kommun: Organisation,
    year: int,
    forms: list[KommunGoalAssessmentForm],
    *,
    is_adopted: bool,
    status: int = 200,
) -> HttpResponse:
    by_goal = _organisations_assessments(kommun, year)
    context = {
        "kommun": kommun,
        "year": year,
        "rows": [(form, by_goal[form.instance.goal_id]) for form in forms],
        "goal_ids": ",".join(str(form.instance.goal_id) for form in forms),
        "is_adopted": is_adopted,
        "has_errors": any(form.errors for form in forms),
    }
    return render(request, TEMPLATE, context, status=status)


@login_required
def kommun_assessment(request: HttpRequest, kommun_pk: int, year: int) -> HttpResponse:
    kommun = _coordinated_kommun(request, kommun_pk)
    is_adopted = services.year_is_adopted(kommun, year)
    if request.method != "POST":
        forms = kommun_assessment_forms(assessments_of_year(kommun, year))
        return _page(request, kommun, year, forms, is_adopted=is_adopted)
    if is_adopted:
        messages.error(request, services.adopted_assessment_message(year))
        return redirect("reports:kommun_assessment", kommun.pk, year)
    return _save(request, kommun, year)


@transaction.atomic
def _save(request: HttpRequest, kommun: Organisation, year: int) -> HttpResponse:
    # Locked, so that the version check of each row and its save see one state.
    rows = assessments_of_year(kommun, year, lock=True)
    if request.POST.get(GOAL_IDS) != ",".join(str(row.goal_id) for row in rows):
        messages.error(
            request,
            _(
                "The goals in force changed while you were assessing them. Nothing "
                "has been saved; check the goals below and save again."
            ),
        )
        return redirect("reports:kommun_assessment", kommun.pk, year)
    forms = kommun_assessment_forms(rows, request.POST)
    if not all(form.is_valid() for form in forms):
        return _page(request, kommun, year, forms, is_adopted=False, status=400)
    changed = [form.save(commit=False) for form in forms if form.has_changed()]
    try:
        with transaction.atomic():
            services.kommun_goal_assessments_save(
                kommun=kommun, year=year, assessments=changed, by=request.user
            )
    except services.ReportRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("reports:kommun_assessment", kommun.pk, year)
    except IntegrityError:
        # Another coordinator assessed the same goal for the first time just now.
        messages.error(request, _("Someone else saved at the same moment. Save again."))
        return redirect("reports:kommun_assessment", kommun.pk, year)
    announce_merges(request, forms)
    messages.success(request, _("The municipality's assessment has been saved."))
    return redirect("reports:kommun_assessment", kommun.pk, year)
