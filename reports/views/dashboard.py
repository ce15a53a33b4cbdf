"""The start page: each role's dashboard (reports.dashboards builds them)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports.dashboards import dashboards


@login_required
def start(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reports/dashboard.html", {"dashboards": dashboards(request.user)}
    )
