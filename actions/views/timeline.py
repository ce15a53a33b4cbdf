from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from actions.models import Action
from actions.status_scale import scale_for
from actions.timeline import build_timeline
from intkommun import permissions
from intkommun.filters import query_string_without_page
from intkommun.pagination import Paginator
from strategies.models import Strategy

# Rows per page: a plan of thousands of actions is not one page of megabytes.
ACTIONS_PER_PAGE = 50


@login_required
def plan_timeline(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The plan's actions month by month, a page at a time; printable."""
    plan = permissions.get_visible_or_404(request.user, Strategy.objects, pk=plan_pk)
    actions = Action.objects.filter(plan=plan)
    page = Paginator(
        actions.select_related("focus_area").order_by("position", "pk"),
        ACTIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "actions/plan_timeline.html",
        {
            "plan": plan,
            # Every page shows the months of all the plan's actions.
            "timeline": build_timeline(page, today, actions.date_span()),
            "page_obj": page,
            "query_string": query_string_without_page(request),
            "today": today,
            "status_scale": scale_for(plan.kommun_id),
        },
    )
