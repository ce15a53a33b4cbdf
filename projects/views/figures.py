"""Pages of figures for one kommun and year: applications, key figures, gaps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from intkommun import permissions
from projects import gaps, key_figures, key_figures_cache
from projects.models import Project
from projects.views.common import chosen_kommun_and_year

YEARS_BESIDE = 2  # The KS report shows the previous years beside the year.


@login_required
def applications_year(request: HttpRequest) -> HttpResponse:
    """Applications for external funding in a year: per organisation and each one."""
    chosen = chosen_kommun_and_year(request)
    kommun, year = chosen.kommun, chosen.year
    projects = (
        Project.objects.in_kommun(kommun)
        .filter(Q(submitted_on__year=year) | Q(decision_on__year=year))
        .select_related("owner", "programme")
        .order_by("submitted_on", "title", "pk")
    )
    return render(
        request,
        "projects/applications_year.html",
        {
            "chosen": chosen,
            "totals": key_figures.applications(kommun, year),
            "by_organisation": key_figures.applications_by_organisation(kommun, year),
            "projects": projects,
        },
    )


@login_required
def key_figures_page(request: HttpRequest) -> HttpResponse:
    """The year's key figures with the previous years beside them, kept in the
    shared cache until anything they read changes (``key_figures_cache``)."""
    chosen = chosen_kommun_and_year(request)
    years = range(chosen.year - YEARS_BESIDE, chosen.year + 1)
    return render(
        request,
        "projects/key_figures.html",
        {
            "chosen": chosen,
            "figures": key_figures_cache.cached_key_figures(chosen.kommun, years),
        },
    )


@login_required
def gaps_page(request: HttpRequest) -> HttpResponse:
    """What the coordinator should fill in before the follow-up."""
    chosen = chosen_kommun_and_year(request)
    permissions.require_coordinator(request.user, chosen.kommun)
    today = timezone.localdate()
    return render(
        request,
        "projects/gaps.html",
        {
            "chosen": chosen,
            "projects": gaps.projects_without_goal(chosen.kommun),
            "goals": gaps.goals_without_action_or_project(chosen.kommun, today),
            "actions": gaps.actions_past_end_without_update(chosen.kommun, today),
        },
    )
